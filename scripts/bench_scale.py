"""Scale benchmark (`make bench-scale`): back-fill generated corpora of growing size through `jixiao run`,
then a night with nothing new and a night with a few new files; print the figures and their ratios.

Corpus: the real published report texts of tests/fixtures/real, each copied many times with
its figures scaled and its year moved (so every copy has its own bytes, unit-year and amounts) — cheap
to make, and read by the same extractor as real nights. Each size runs in its own temporary warehouse.

    .venv/bin/python scripts/bench_scale.py --sizes 1000,10000 [--workers 2] [--keep DIR] [--engine dask]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "tests" / "fixtures" / "real").glob("*/*.txt"))
NATIONAL_YEAR = 600_000
_NUMBER = re.compile(r"(?<![\d.])(\d{1,9}\.\d{1,4})(?![\d.])")
_YEAR = re.compile(r"(20[12]\d)(年)")


_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


def variant(text: str, i: int) -> str:
    """Copy `i` of a template: amounts scaled by a factor of its own, years moved by up to 30 — far
    enough that no two copies of one template share a unit and year, which would make them versions of
    one report (warehouse.versions) and all but the newest `superseded`."""
    factor = Decimal(1000 + (i % 997)) / Decimal(1000)
    shift = (i // len(TEMPLATES)) % 60 - 30

    def money(m: re.Match[str]) -> str:
        value = Decimal(m.group(1))
        places = len(m.group(1).split(".")[1])
        return str((value * factor).quantize(Decimal(1).scaleb(-places)))

    text = _NUMBER.sub(money, text)
    return _YEAR.sub(lambda m: f"{int(m.group(1)) + shift}{m.group(2)}", text)


def make_corpus(inbox: Path, n: int, start: int = 0) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    texts = [t.read_text(encoding="utf-8") for t in TEMPLATES]
    for i in range(start, start + n):
        k = i % len(texts)
        sub = inbox / f"p{i // 1000:03d}"  # a folder per thousand, like publishers' folders
        sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}_{TEMPLATES[k].stem}.txt").write_text(variant(texts[k], i) + f"\n编号 {i}\n",
                                                                encoding="utf-8")


def run(env: dict[str, str], inbox: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of the largest process, output) of one `jixiao run`."""
    t0 = time.monotonic()
    # a fresh parent per run, so that its children's peak is this run's alone
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(ROOT / ".venv" / "bin" / "jixiao"), "run",
                           "--inbox", str(inbox)], env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        sys.exit(f"jixiao run failed (exit {proc.returncode}):\n{out[-4000:]}")
    peak_kib = _seconds(r"MAXRSS (\d+)", out) or 0.0
    return wall, peak_kib / 1024, out


def _seconds(pattern: str, out: str) -> float | None:
    found = re.findall(pattern, out)
    return float(found[-1]) if found else None


def bench_size(n: int, workers: int, keep: Path | None, engine: str = "local") -> dict[str, float | None]:
    root = Path(tempfile.mkdtemp(prefix=f"jixiao-scale-{n}-", dir=keep))
    env = dict(os.environ, JIXIAO_DB=str(root / "jixiao.duckdb"), JIXIAO_SERVING_DIR=str(root / "serving"),
               DAGSTER_HOME=str(root / "dagster_home"), JIXIAO_EXTRACT_ENGINE=engine)
    inbox = root / "inbox"
    t0 = time.monotonic()
    make_corpus(inbox, n)
    made = time.monotonic() - t0
    print(f"[{n}] corpus written in {made:.1f}s; back-filling …", flush=True)
    wall, rss, out = run(env, inbox)
    extract_s = _seconds(r"extracted \d+/\d+ files \(([\d.]+)s\)", out)
    load_s = _seconds(r"load summary: .*\(([\d.]+)s\)", out)
    loaded = _seconds(r"(\d+) inserted", out)
    dbt_s = _seconds(r"dbt build finished \(([\d.]+)s\)", out)
    other = wall - sum(x or 0 for x in (extract_s, load_s, dbt_s))
    print(f"[{n}] back-fill {wall:.1f}s on the {engine} engine: extract {extract_s}s, load {load_s}s, dbt {dbt_s}s, "
          f"the rest (start-up, inbox scan, checks, publishing) {other:.1f}s; {loaded:.0f} inserted; "
          f"peak RSS {rss:.0f} MiB", flush=True)
    before = _serving_version(root)
    quiet, quiet_rss, qout = run(env, inbox)
    quick = _seconds(r"serving copy is unchanged \(([\d.]+)s\)", qout)
    republished = _serving_version(root) != before
    ran = "" if "nothing new" in qout else "; RAN a Dagster run: " + " ".join(re.findall("work to do: .*", qout))
    print(f"[{n}] night with nothing new: {quiet:.2f}s wall, {quick}s of work after start-up, peak RSS "
          f"{quiet_rss:.0f} MiB; {'a NEW serving version was published' if republished else 'no new serving version'}"
          f"{ran}", flush=True)
    make_corpus(inbox, 10, start=n)
    small, _, sout = run(env, inbox)
    small_load = _seconds(r"load summary: .*\(([\d.]+)s\)", sout)
    print(f"[{n}] night with 10 new files: {small:.1f}s wall (load {small_load}s)", flush=True)
    if keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return {"n": n, "backfill_s": wall, "extract_s": extract_s, "load_s": load_s, "dbt_s": dbt_s, "rss_mib": rss,
            "noop_s": quiet, "noop_work_s": quick, "noop_published": republished, "ten_new_s": small,
            "ten_new_load_s": small_load}


def _serving_version(root: Path) -> str | None:
    """The serving copy's current version (its CURRENT pointer), None before the first publication."""
    current = root / "serving" / "CURRENT"
    return current.read_text(encoding="utf-8").strip() if current.is_file() else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (e.g. 1000,10000,100000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="cores the runs extract on (one process per core); used for the extrapolation")
    ap.add_argument("--keep", type=Path, help="build the warehouses under DIR and keep them")
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="extraction engine (JIXIAO_EXTRACT_ENGINE): local processes, or a Dask local cluster")
    args = ap.parse_args(argv)
    rows = [bench_size(int(s), args.workers, args.keep, args.engine) for s in args.sizes.split(",")]
    print("\nsize     back-fill  s/file   extract ms/file  load ms/file  peak RSS MiB  "
          "no-op night: wall s (work s), new serving version?")
    for r in rows:
        n = r["n"] or 1
        print(f"{n:>7}  {r['backfill_s']:>8.1f}  {r['backfill_s'] / n:>7.4f}  "
              f"{1000 * (r['extract_s'] or 0) / n:>14.2f}  {1000 * (r['load_s'] or 0) / n:>12.2f}  "
              f"{r['rss_mib']:>12.0f}  {r['noop_s']:>8.2f} ({r['noop_work_s']}), "
              f"{'yes' if r['noop_published'] else 'no'}")
    base = rows[0]
    for r in rows[1:]:
        ratio = (r["load_s"] or 0) / (r["n"] or 1) / max(1e-9, (base["load_s"] or 0) / (base["n"] or 1))
        print(f"{r['n']} vs {base['n']}: load ms/file ×{ratio:.2f}, s/file ×"
              f"{(r['backfill_s'] / r['n']) / (base['backfill_s'] / base['n']):.2f}, peak RSS ×"
              f"{r['rss_mib'] / base['rss_mib']:.2f}, no-op night work s ×"
              f"{(r['noop_work_s'] or 0) / max(1e-9, base['noop_work_s'] or 0):.2f}")
    last = rows[-1]
    per_file = last["backfill_s"] / (last["n"] or 1)
    extract = (last["extract_s"] or 0) / (last["n"] or 1) * args.workers  # seconds of one worker per file
    load = (last["load_s"] or 0) / (last["n"] or 1)
    print(f"\nnational year ({NATIONAL_YEAR:,} reports) at the {last['n']}-file rates: "
          f"{NATIONAL_YEAR * per_file / 3600:.1f} h on this machine ({args.workers} workers);")
    for w in (8, 32, 128):
        hours = NATIONAL_YEAR * (extract / w + load) / 3600
        print(f"  with {w} extraction workers and the one DuckDB writer: {hours:.1f} h "
              f"(extraction {NATIONAL_YEAR * extract / w / 3600:.1f} h, loading {NATIONAL_YEAR * load / 3600:.1f} h)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
