"""`jixiao`: the command line. Each subcommand imports only what it needs, so `jixiao extract` stays
fast (it is run once per file by the accuracy measure) and never loads Dagster or DuckDB."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _cmd_extract(args: argparse.Namespace) -> int:
    from ingest.errors import IngestError
    from ingest.extract import extract_file

    try:
        result = extract_file(Path(args.file))
    except IngestError as e:
        print(json.dumps({"error": e.reason, "stage": e.stage, "message": e.message}, ensure_ascii=False),
              file=sys.stderr)
        return 2
    if not args.provenance:
        result = _strip_provenance(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from ingest.extract import summarize

        print(summarize(result))
    return 0


def _strip_provenance(obj: Any) -> Any:
    """The Extraction without its `provenance` keys, in the shape of the gold labels."""
    if isinstance(obj, dict):
        return {k: _strip_provenance(v) for k, v in obj.items() if k != "provenance"}
    if isinstance(obj, list):
        return [_strip_provenance(v) for v in obj]
    return obj


def _cmd_samples(args: argparse.Namespace) -> int:
    try:
        from ingest.samples import generate_corpus
    except ImportError as e:
        print(f"jixiao samples: the sample generator is test tooling and needs the development install "
              f"(make install, or pip install -e '.[dev]'): {e}", file=sys.stderr)
        return 2

    manifest = generate_corpus(Path(args.out), seed=args.seed, n_units=args.units)
    print(f"wrote {len(manifest['files'])} files to {args.out} (truth in {args.out}/truth/)")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from pipelines.run import run_main_job

    return run_main_job(inbox=Path(args.inbox) if args.inbox else None, samples=args.samples, demo=not args.no_demo,
                        force=args.force, publisher=args.publisher)


def _cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.serving import run_sql_cli

    return run_sql_cli(args.query, fmt=args.format)


def _cmd_status(args: argparse.Namespace) -> int:
    from warehouse.report import print_status

    return print_status()


def _cmd_fetch(args: argparse.Namespace) -> int:
    from pipelines.fetch_run import run_fetch

    return run_fetch(source=args.source, listing=args.listing, inbox=Path(args.inbox) if args.inbox else None,
                     sources_file=Path(args.sources) if args.sources else None)


def _cmd_sources_check(args: argparse.Namespace) -> int:
    from pipelines.fetch_run import check_sources_file

    return check_sources_file(Path(args.sources) if args.sources else None)


def _cmd_bench(args: argparse.Namespace) -> int:
    from ingest.bench import run_benchmark

    return run_benchmark(pages=args.pages, files=args.files, workers=args.workers, ocr_only=args.ocr_only)


def _cmd_budget(args: argparse.Namespace) -> int:
    """Lift (or set) the budgets of one file: an entry keyed by its sha256 in the overrides file."""
    from ingest.document import sha256_file
    from ingest.safety import Budgets, load_overrides
    from warehouse import settings

    path = Path(args.file)
    if not path.is_file():
        print(f"jixiao budget: {path} is not a file", file=sys.stderr)
        return 2
    wanted = {k: v for k, v in (("wall_s", args.wall_s), ("memory_mb", args.memory_mb),
                                ("unpacked_mb", args.unpacked_mb)) if v is not None}
    target = settings.budgets_path()
    overrides = load_overrides(target)
    sha = sha256_file(path)
    entry = overrides.get(sha, {}) | wanted | {"file": path.name}
    overrides[sha] = entry
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(overrides, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    budgets = Budgets.from_env().with_override(entry)
    print(f"{path.name} (sha256 {sha[:12]}…): {budgets.fingerprint()} — written to {target}; "
          "the next `jixiao run` reads it again")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jixiao", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="print one report file's extraction")
    e.add_argument("file")
    e.add_argument("--json", action="store_true", help="print JSON in the gold-label shape")
    e.add_argument("--provenance", action="store_true", help="keep page/table/row/raw_text on each row")
    e.set_defaults(func=_cmd_extract)

    s = sub.add_parser("samples", help="write the built-in sample corpus (with its truth) to a folder")
    s.add_argument("out")
    s.add_argument("--seed", type=int, default=20240601)
    s.add_argument("--units", type=int, default=6)
    s.set_defaults(func=_cmd_samples)

    r = sub.add_parser("run", help="materialize every asset on an inbox folder and print what landed")
    r.add_argument("--inbox", help="folder of report files (default: JIXIAO_INBOX if set, else the built-in "
                   "demo of real published reports)")
    r.add_argument("--samples", action="store_true", help="run on the generated sample corpus (development "
                   "install) instead of the real demo reports")
    r.add_argument("--force", action="store_true", help="start the Dagster run even when the quick look finds "
                   "nothing new (the run itself still skips dbt and publishing when no raw table changed)")
    r.add_argument("--no-demo", action="store_true", help="run on the default inbox (warehouse/inbox/) as it is")
    r.add_argument("--publisher", help="ingest only this publisher's folder of the inbox (its name; fetched/<source> "
                   "for a fetched source; . for files in the inbox's root), then build and publish")
    r.set_defaults(func=_cmd_run)

    q = sub.add_parser("sql", help="run a query against the published serving copy")
    q.add_argument("query")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=_cmd_sql)

    bu = sub.add_parser("budget", help="lift the time/memory/unpacked-size budgets of one file")
    bu.add_argument("file")
    bu.add_argument("--wall-s", type=float, help="seconds the file may take to read (default 120)")
    bu.add_argument("--memory-mb", type=int, help="MiB of memory its reader (and its OCR helpers) may use (default 1536)")
    bu.add_argument("--unpacked-mb", type=int, help="MiB its zip parts / PDF streams may inflate to (default 256)")
    bu.set_defaults(func=_cmd_budget)

    st = sub.add_parser("status", help="print row counts of the warehouse")
    st.set_defaults(func=_cmd_status)

    f = sub.add_parser("fetch", help="fetch newly published reports from the sources' pages into the inbox")
    f.add_argument("--source", help="only this source (its name in the sources file)")
    f.add_argument("--listing", help="try one listing page URL ad hoc, with the same rules, before writing a "
                   "sources entry for it")
    f.add_argument("--inbox", help="folder the reports land in (default: JIXIAO_INBOX, else warehouse/inbox/)")
    f.add_argument("--sources", help="sources file (default: JIXIAO_SOURCES, else ingest/fetch/sources.yaml)")
    f.set_defaults(func=_cmd_fetch)

    so = sub.add_parser("sources", help="the sources file: `jixiao sources check` validates it")
    so_sub = so.add_subparsers(dest="sources_command", required=True)
    sc = so_sub.add_parser("check", help="validate the sources file and say what is wrong")
    sc.add_argument("--sources", help="sources file (default: JIXIAO_SOURCES, else ingest/fetch/sources.yaml)")
    sc.set_defaults(func=_cmd_sources_check)

    b = sub.add_parser("bench", help="extraction speed against pdfplumber alone, and peak memory")
    b.add_argument("--pages", type=int, default=20, help="pages per generated PDF")
    b.add_argument("--files", type=int, default=10)
    b.add_argument("--workers", type=int, default=0, help="0 = one per core")
    b.add_argument("--ocr-only", action="store_true", help="only (e): OCR of the scanned renderings")
    b.set_defaults(func=_cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
