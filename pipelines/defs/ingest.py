"""Ingest assets: the inbox files → their extractions → the raw tables in DuckDB.

One run handles the whole inbox but only reads and extracts the files that are new or changed since
the warehouse last saw them (compared by content hash with raw.documents and raw.ingest_failures).
A file that fails is recorded in raw.ingest_failures with its reason and the run goes on; a file that
disappeared from the inbox has its rows removed. Every asset that opens the DuckDB file holds the
writer lock (`pipelines.warehouse_access.open_warehouse`), so one step at a time, across runs, uses it.
"""


import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import dagster as dg

from ingest.names import clean_text, readable
from ingest.safety import Budgets, load_overrides
from pipelines.defs.fetch import FETCH_KEYS
from pipelines.inbox import InboxFile, discover
from pipelines.warehouse_access import count_rows, open_warehouse
from warehouse import settings
from warehouse.schema import FETCH_TABLES, RAW_TABLES

GROUP = "ingest"

# The raw tables one report file's load writes (raw.divisions has its own asset).
RAW_REPORT_TABLES: tuple[str, ...] = tuple(t for t in RAW_TABLES if t != "divisions" and t not in FETCH_TABLES)

RAW_TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per successfully extracted file in the inbox (单位, 所评年度, 行政区划).",
    "reports": "Each report a file holds (项目/部门整体支出绩效自评报告, 部门决算), with 自评得分 and 等级.",
    "projects": "Project money: 年初预算数, 全年预算数, 全年执行数, 执行率, 结转结余 (万元).",
    "spending_items": "Breakdown of what money was spent on (支出明细, 万元).",
    "indicators": "Performance indicators (绩效指标): 年度指标值, 实际完成值, 分值, 得分.",
    "department_totals": "Whole-unit money: 收入合计, 支出合计, 基本支出, 项目支出, 三公经费 (万元).",
    "extraction_warnings": "What the extractor left empty in a file, and why.",
    "ingest_failures": "Files that could not be read, extracted or loaded, with a reason a person can act on.",
}

STATUSES = ("new", "changed", "stale", "retry", "unchanged")
# Failures that say nothing about the file itself (a bug, LibreOffice missing, a file that left the
# inbox mid-run and is back): tried again each run.
RETRIED_REASONS = frozenset({"error", "converter_missing", "vanished"})
# Failures over a budget: tried again only when the budgets the file gets differ from those it failed
# under (the file's own changes make it `changed` anyway). Everything else stands until the file changes.
BUDGET_REASONS = frozenset({"too_slow", "too_large"})
# Failures that are the extractor's judgement: tried again when the extractor version changes.
EXTRACTOR_REASONS = frozenset({"not_a_report"})


def current_extractor_version() -> str | None:
    """The extractor's version string, if the extraction package declares one."""
    try:
        import ingest.extract as extract
    except ImportError:
        return None
    for name in ("EXTRACTOR_VERSION", "__version__", "VERSION"):
        value = getattr(extract, name, None)
        if isinstance(value, str):
            return value
    return None


def classify(
    files: list[InboxFile],
    documents: list[tuple[str, str, str | None]],
    failures: list[tuple[Any, ...]],
    extractor_version: str | None,
    budget_fingerprint: Callable[[InboxFile], str] | None = None,
) -> dict[str, str]:
    """Decide for each inbox file whether it needs work: absolute path → one of STATUSES.

    `documents` are (source_path, document_id, extractor_version) rows of raw.documents and `failures`
    (source_path, sha256, reason[, budgets]) rows of raw.ingest_failures, paths as the file system
    spells them. A file is `unchanged` when the warehouse already holds its bytes at its path (loaded,
    or failed for a reason that still stands), `changed` when its path holds other bytes, `stale` when
    it was loaded by an older extractor, `retry` when it was refused as a duplicate of a copy that is
    gone, failed for a reason outside the file (RETRIED_REASONS), or went over budgets that have
    changed since (BUDGET_REASONS; `budget_fingerprint` gives a file's current ones), and `new` otherwise.
    """
    inbox_paths = {f.abs_path for f in files}
    loaded = {(path, sha): version for path, sha, version in documents}
    loaded_shas_present = {sha for path, sha, _ in documents if path in inbox_paths}
    failed = {(row[0], row[1]): row[2] for row in failures}
    failed_under = {(row[0], row[1]): (row[3] if len(row) > 3 else None) for row in failures}
    judged_by = {(row[0], row[1]): (row[4] if len(row) > 4 else None) for row in failures}
    known_paths = {path for path, _, _ in documents} | {row[0] for row in failures}
    out: dict[str, str] = {}
    for f in files:
        key = (f.abs_path, f.sha256)
        if key in loaded:
            version = loaded[key]
            stale = extractor_version is not None and version is not None and version != extractor_version
            out[f.abs_path] = "stale" if stale else "unchanged"
        elif key in failed:
            reason = failed[key]
            gone = reason == "duplicate" and f.sha256 not in loaded_shas_present
            rebudgeted = (reason in BUDGET_REASONS and budget_fingerprint is not None
                          and failed_under[key] != budget_fingerprint(f))
            rejudged = (reason in EXTRACTOR_REASONS and extractor_version is not None
                        and judged_by[key] != extractor_version)
            out[f.abs_path] = "retry" if gone or rebudgeted or rejudged or reason in RETRIED_REASONS else "unchanged"
        elif f.abs_path in known_paths:
            out[f.abs_path] = "changed"
        else:
            out[f.abs_path] = "new"
    return out


def _warehouse_state() -> tuple[list[tuple[str, str, str | None]], list[tuple[Any, ...]]]:
    """raw.documents and raw.ingest_failures as classify reads them (paths as the file system spells them)."""
    from ingest.names import from_stored

    if not settings.db_path().exists():
        return [], []
    with open_warehouse() as conn:
        documents = conn.execute(
            "select source_path, document_id, extractor_version from raw.documents"
        ).fetchall()
        failures = conn.execute(
            "select distinct source_path, sha256, reason, budgets, extractor_version from raw.ingest_failures"
        ).fetchall()
    return ([(from_stored(p), d, v) for p, d, v in documents],
            [(from_stored(r[0]), *r[1:]) for r in failures])


def file_budgets() -> Callable[[str], Budgets]:
    """Budgets per file sha256: the environment's (JIXIAO_FILE_*), lifted for the files named in the
    overrides file (JIXIAO_BUDGETS, default budgets.json beside the warehouse)."""
    base = Budgets.from_env()
    overrides = load_overrides(settings.budgets_path())
    return lambda sha256: base.with_override(overrides.get(sha256))


@dg.asset(
    group_name=GROUP,
    kinds={"python"},
    deps=FETCH_KEYS,  # the nightly job fetches first; without sources there is nothing to wait for
    description="The report files in the inbox folder (JIXIAO_INBOX), each with its sha256 content hash "
    "and whether the warehouse has already seen those bytes (new / changed / stale / retry / unchanged).",
)
def inbox_files(context: dg.AssetExecutionContext) -> dict[str, Any]:
    inbox = settings.inbox_dir()
    if not inbox.is_dir():
        # Not the same as an empty inbox: reading a missing (e.g. unmounted) folder as empty would
        # remove every loaded document from the warehouse.
        raise dg.Failure(
            description=f"inbox folder {inbox} does not exist; create it or set JIXIAO_INBOX. "
            "Nothing was changed in the warehouse."
        )
    files = discover(inbox)
    documents, failures = _warehouse_state()
    budgets_of = file_budgets()
    status = classify(files, documents, failures, current_extractor_version(),
                      budget_fingerprint=lambda f: budgets_of(f.sha256).fingerprint())
    counts = Counter(status.values())
    present = {f.abs_path for f in files}
    vanished = sorted({path for path, _, _ in documents} - present)
    context.log.info(
        f"inbox {inbox}: {len(files)} files found — " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
        + f"; {len(vanished)} previously loaded files are gone"
    )
    for f in files:
        if status[f.abs_path] != "unchanged":
            context.log.info(f"{status[f.abs_path]}: {f.shown} ({f.size_bytes} bytes, sha256 {f.sha256[:12]}…)")
    for path in vanished:
        context.log.info(f"gone: {readable(path)} (its rows will be removed)")
    context.add_output_metadata(
        {
            "inbox": str(inbox),
            "files_found": len(files),
            **{f"files_{s}": counts.get(s, 0) for s in STATUSES},
            "files_gone": len(vanished),
        }
    )
    return {
        "inbox": str(inbox),
        "files": [asdict(f) | {"status": status[f.abs_path],
                               "budgets": budgets_of(f.sha256).fingerprint()} for f in files],
        "gone": vanished,
    }


def _extract_all(
    context: dg.AssetExecutionContext, todo: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Extract each file, in parallel across cores when `ingest.parallel` is available."""
    from ingest.errors import IngestError

    by_abs = {str(Path(f["abs_path"])): f for f in todo}
    results: dict[str, dict[str, Any]] = {}
    total = len(todo)
    started = last_log = time.monotonic()
    step = max(1, total // 10)

    def record(path: str, outcome: Any) -> None:
        nonlocal last_log
        f = by_abs[path]
        if isinstance(outcome, IngestError):
            results[f["rel_path"]] = {"error": {"reason": outcome.reason, "stage": outcome.stage,
                                                "message": outcome.message}}
            context.log.warning(f"failed: {readable(f['rel_path'])} — {outcome.reason} at {outcome.stage}: "
                                f"{clean_text(outcome.message)}")
        elif isinstance(outcome, BaseException):
            results[f["rel_path"]] = {"error": {"reason": "error", "stage": "extract",
                                                "message": f"{type(outcome).__name__}: {outcome}"}}
            context.log.warning(f"failed: {readable(f['rel_path'])} — unexpected {type(outcome).__name__}")
        else:
            results[f["rel_path"]] = {"extraction": outcome}
        done = len(results)
        now = time.monotonic()
        if done == total or done % step == 0 or now - last_log > 10:
            last_log = now
            context.log.info(f"extracted {done}/{total} files ({now - started:.1f}s)")

    from ingest.parallel import extract_many

    for f in todo:
        if f.get("refused"):
            record(str(Path(f["abs_path"])), IngestError("unsafe", f["refused"], stage="discover"))
    readable_todo = [f for f in todo if not f.get("refused")]
    budgets_of = file_budgets()
    sha_of = {str(Path(f["abs_path"])): f["sha256"] for f in readable_todo}
    # every file alone in its own process, under its budgets (ingest.parallel)
    for path, outcome in extract_many([Path(f["abs_path"]) for f in readable_todo],
                                      budgets=lambda p: budgets_of(sha_of[str(p)])):
        record(str(Path(path)), outcome)
    return results


@dg.asset(
    group_name=GROUP,
    kinds={"python"},
    description="The Extraction (gold-label shape plus provenance) of every new or changed inbox file, "
    "or the reason it could not be read or extracted. Unchanged files are not read again.",
)
def report_extractions(context: dg.AssetExecutionContext, inbox_files: dict[str, Any]) -> dict[str, Any]:
    todo = [f for f in inbox_files["files"] if f["status"] != "unchanged"]
    if not todo:
        context.log.info("no new or changed files: nothing to extract")
    results = _extract_all(context, todo) if todo else {}
    failed = sum(1 for r in results.values() if "error" in r)
    reasons = Counter(r["error"]["reason"] for r in results.values() if "error" in r)
    context.add_output_metadata(
        {
            "files_extracted": len(results) - failed,
            "files_failed": failed,
            "failure_reasons": dict(reasons),
            "files_skipped_unchanged": len(inbox_files["files"]) - len(todo),
        }
    )
    return {
        "inbox": inbox_files["inbox"],
        "files": [f | results.get(f["rel_path"], {}) for f in inbox_files["files"]],
        "gone": inbox_files["gone"],
    }


def _load_one(conn: Any, f: dict[str, Any], present: set[str]) -> tuple[str, str | None]:
    """Load one file's outcome; returns (what happened, failure reason or None)."""
    import os

    from warehouse.load import load_extraction, record_failure

    if "error" not in f and not os.path.lexists(f["abs_path"]):
        f = f | {"error": {"reason": "vanished", "stage": "load",
                           "message": f"{readable(f['name'] if 'name' in f else Path(f['abs_path']).name)} left "
                                      "the inbox after it was read; nothing of it was loaded"}}
    if "error" in f:
        err = f["error"]
        budgets = f.get("budgets") if err["reason"] in BUDGET_REASONS else None
        judged_by = current_extractor_version() if err["reason"] in EXTRACTOR_REASONS else None
        record_failure(conn, source_path=f["abs_path"], sha256=f["sha256"], stage=err["stage"],
                       reason=err["reason"], message=err["message"], budgets=budgets, extractor_version=judged_by)
        return "failed", err["reason"]
    try:
        outcome = load_extraction(conn, f["extraction"], source_path=f["abs_path"], size_bytes=f["size_bytes"],
                                  present_paths=present)
    except Exception as exc:  # the loader rolled the file back; record why and go on
        record_failure(conn, source_path=f["abs_path"], sha256=f["sha256"], stage="load",
                       reason="error", message=f"{type(exc).__name__}: {exc}")
        return "failed", "error"
    return outcome, outcome if outcome in ("duplicate", "superseded") else None


@dg.multi_asset(
    name="raw_report_tables",
    group_name="raw",
    specs=[
        dg.AssetSpec(["raw", t], description=RAW_TABLE_DESCRIPTIONS[t], kinds={"duckdb"},
                     deps=["report_extractions"], metadata={"table": f"raw.{t}"})
        for t in RAW_REPORT_TABLES
    ],
    description="Load each new or changed file's extraction into the raw schema, one transaction per file.",
)
def raw_report_tables(
    context: dg.AssetExecutionContext, report_extractions: dict[str, Any]
) -> Iterator[dg.MaterializeResult]:
    from warehouse.load import forget_missing

    files = [f for f in report_extractions["files"] if "extraction" in f or "error" in f]
    outcomes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    present = {f["abs_path"] for f in report_extractions["files"]}
    with open_warehouse() as conn:
        for i, f in enumerate(sorted(files, key=lambda f: f["rel_path"]), start=1):
            outcome, reason = _load_one(conn, f, present)
            outcomes[outcome] += 1
            if reason:
                reasons[reason] += 1
            context.log.info(f"loaded {i}/{len(files)}: {readable(f['rel_path'])} → {outcome}"
                             + (f" ({reason})" if reason and reason != outcome else ""))
        forgotten = forget_missing(conn, present)
        if forgotten:
            context.log.info(f"removed {forgotten} documents whose files left the inbox")
        counts = {t: count_rows(conn, "raw", t) or 0 for t in RAW_REPORT_TABLES}
    context.log.info(
        "load summary: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())) if outcomes
        else "load summary: nothing new to load"
    )
    for t in RAW_REPORT_TABLES:
        meta: dict[str, Any] = {"dagster/row_count": counts[t]}
        if t == "documents":
            meta.update({f"files_{k}": v for k, v in outcomes.items()})
            meta["documents_removed"] = forgotten
        if t == "ingest_failures":
            meta["failure_reasons_this_run"] = dict(reasons)
        yield dg.MaterializeResult(asset_key=["raw", t], metadata=meta)


@dg.asset(
    key=["raw", "divisions"],
    group_name="raw",
    kinds={"duckdb"},
    description="China's administrative divisions (行政区划: 省, 市, 县) from ingest.regions.",
)
def raw_divisions(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    from warehouse.load import load_divisions

    with open_warehouse() as conn:
        n = load_divisions(conn)
        total = count_rows(conn, "raw", "divisions") or 0
    context.log.info(f"raw.divisions holds {total} divisions ({n} written)")
    return dg.MaterializeResult(metadata={"dagster/row_count": total})


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[inbox_files, report_extractions, raw_report_tables, raw_divisions])
