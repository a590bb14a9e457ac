"""Ingest assets: the inbox files → their extractions → the raw tables in DuckDB.

One run handles the whole inbox, or one publisher's folder (a run of a `publisher` partition:
pipelines.defs.partitions), but only reads and extracts the files that are new or changed since the
warehouse last saw them (compared by content hash with raw.documents and raw.ingest_failures).
A file that fails is recorded in raw.ingest_failures with its reason and the run goes on; a file that
disappeared from the inbox (from the run's publishers) has its rows removed. Every asset that opens the
DuckDB file holds the writer lock (`pipelines.warehouse_access.open_warehouse`), so one step at a
time, across runs, uses it.
"""


import logging
import os
import time
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import dagster as dg

from ingest.names import clean_text, readable
from pipelines import spool
from pipelines.defs.fetch import FETCH_KEYS
from pipelines.defs.partitions import publisher_partitions, run_publishers
from pipelines.inbox import discover
from pipelines.publishers import in_publishers, scope_of
from pipelines.warehouse_access import count_rows, open_warehouse
from warehouse import settings
from warehouse.schema import FETCH_TABLES, RAW_TABLES

BATCH_FILES = spool.BATCH_FILES

PER_FILE_LOG_LINES = 50
"""Above this many files a step logs per batch, not per file (a Dagster log line costs milliseconds)."""

GROUP = "ingest"
log = logging.getLogger("jixiao.ingest")

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

from pipelines.work import (  # noqa: E402  (dagster-free: `jixiao run` and the sensor use them too)
    BUDGET_REASONS,
    EXTRACTOR_REASONS,
    RETRIED_REASONS,
    STATUSES,
    _warehouse_state,
    classify,
    current_extractor_version,
    file_budgets,
)

__all__ = ["BUDGET_REASONS", "EXTRACTOR_REASONS", "RETRIED_REASONS", "STATUSES", "classify", "current_extractor_version", "file_budgets"]


def _run_spool(context: dg.AssetExecutionContext, name: str) -> Path:
    """The spool folder holding `name` for this run: its own, or for a re-execution its parent's."""
    run: Any = context.run
    while run is not None:
        folder = spool.run_folder(run.run_id)
        if (folder / name).is_file():
            return folder
        run = context.instance.get_run_by_id(run.parent_run_id) if run.parent_run_id else None
    raise dg.Failure(description=f"this run has no {name} in {spool.spool_root()} (removed, or written by a run "
                     "that is not this one's parent): run the job again from inbox_files. Nothing was loaded.")


@dg.asset(
    group_name=GROUP,
    kinds={"python"},
    deps=FETCH_KEYS,  # the nightly job fetches first; without sources there is nothing to wait for
    description="The report files in the inbox folder (JIXIAO_INBOX), or in one publisher's folder of it "
    "(a `publisher` partition), each with its sha256 content hash and whether the warehouse has already "
    "seen those bytes (new / changed / stale / retry / unchanged). The list goes to the run's spool "
    "folder for the next step.",
    partitions_def=publisher_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),  # many publishers: one run, one writer, one build
)
def inbox_files(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    inbox = settings.inbox_dir()
    publishers = run_publishers(context)
    if not inbox.is_dir():
        # Not the same as an empty inbox: reading a missing (e.g. unmounted) folder as empty would
        # remove every loaded document from the warehouse.
        raise dg.Failure(
            description=f"inbox folder {inbox} does not exist; create it or set JIXIAO_INBOX. "
            "Nothing was changed in the warehouse."
        )
    files = discover(inbox, only=in_publishers(publishers))
    documents, failures = _warehouse_state()
    budgets_of = file_budgets()
    # a run of some publishers answers for their files only: the others' loaded files count as present
    in_scope = scope_of(inbox, publishers)
    present = {f.abs_path for f in files} | {path for path, _, _ in documents
                                             if not in_scope(path) and os.path.lexists(path)}
    status = classify(files, documents, failures, current_extractor_version(),
                      budget_fingerprint=lambda f: budgets_of(f.sha256).fingerprint(), present=present)
    counts = Counter(status.values())
    vanished = sorted({path for path, _, _ in documents if in_scope(path)} - present)
    where = f"inbox {inbox}" + (f", publisher {', '.join(publishers)}" if publishers is not None else "")
    context.log.info(
        f"{where}: {len(files)} files found — " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
        + f"; {len(vanished)} previously loaded files are gone"
    )
    needing = [f for f in files if status[f.abs_path] != "unchanged"]
    for f in needing[:PER_FILE_LOG_LINES]:
        context.log.info(f"{status[f.abs_path]}: {f.shown} ({f.size_bytes} bytes, sha256 {f.sha256[:12]}…)")
    if len(needing) > PER_FILE_LOG_LINES:
        context.log.info(f"… and {len(needing) - PER_FILE_LOG_LINES} more files to read")
    for path in vanished:
        context.log.info(f"gone: {readable(path)} (its rows will be removed)")
    spool.write_json(spool.run_folder(context.run.run_id), spool.WORK_FILE, {
        "inbox": str(inbox),
        "publishers": publishers,
        "files": [asdict(f) | {"status": status[f.abs_path],
                               "budgets": budgets_of(f.sha256).fingerprint()} for f in files],
        "present": sorted(present),
        "gone": vanished,
    })
    return dg.MaterializeResult(metadata={
        "inbox": str(inbox),
        "publishers": ", ".join(publishers) if publishers is not None else "all",
        "files_found": len(files),
        **{f"files_{s}": counts.get(s, 0) for s in STATUSES},
        "files_gone": len(vanished),
    })


def _outcome(f: dict[str, Any], outcome: Any) -> dict[str, Any]:
    """The spool record of one file: its inbox facts (provenance) plus its Extraction or its failure."""
    from ingest.errors import IngestError

    if isinstance(outcome, IngestError):
        return f | {"error": {"reason": outcome.reason, "stage": outcome.stage, "message": outcome.message}}
    if isinstance(outcome, BaseException):
        return f | {"error": {"reason": "error", "stage": "extract",
                              "message": f"{type(outcome).__name__}: {outcome}"}}
    return f | {"extraction": outcome}


def _extract_all(context: dg.AssetExecutionContext, todo: list[dict[str, Any]], out: Any) -> Counter[str]:
    """Extract each file (each in its own process, under its budgets, on this machine or on a Dask cluster:
    pipelines.extraction_engine) and append its outcome to the spool `out` as soon as it arrives; return
    failure reasons."""
    from ingest.distributed import ClusterError
    from ingest.errors import IngestError
    from pipelines.extraction_engine import engine_name, extract_files

    try:
        engine_name()
    except ValueError as e:
        raise dg.Failure(description=f"{e}. Nothing was loaded.") from e
    by_abs = {str(Path(f["abs_path"])): f for f in todo}
    reasons: Counter[str] = Counter()
    total, done = len(todo), 0
    started = last_log = time.monotonic()
    step = max(1, total // 10)

    def record(path: str, outcome: Any) -> None:
        nonlocal last_log, done
        rec = _outcome(by_abs[path], outcome)
        out.write(rec)
        done += 1
        if "error" in rec:
            err = rec["error"]
            reasons[err["reason"]] += 1
            context.log.warning(f"failed: {readable(rec['rel_path'])} — {err['reason']} at {err['stage']}: "
                                f"{clean_text(err['message'])}")
        now = time.monotonic()
        if done == total or done % step == 0 or now - last_log > 10:
            last_log = now
            context.log.info(f"extracted {done}/{total} files ({now - started:.1f}s)")

    for f in todo:
        if f.get("refused"):
            record(str(Path(f["abs_path"])), IngestError("unsafe", f["refused"], stage="discover"))
    readable_todo = [f for f in todo if not f.get("refused")]
    budgets_of = file_budgets()
    sha_of = {str(Path(f["abs_path"])): f["sha256"] for f in readable_todo}
    try:
        for path, outcome in extract_files([Path(f["abs_path"]) for f in readable_todo],
                                           lambda p: budgets_of(sha_of[str(p)]), say=context.log.info):
            record(str(Path(path)), outcome)
    except ClusterError as e:  # the cluster as configured cannot be used: nothing was loaded
        raise dg.Failure(description=f"extraction engine: {e}. Nothing was loaded; the files are still new.") from e
    return reasons


@dg.asset(
    group_name=GROUP,
    kinds={"python"},
    description="The Extraction (gold-label shape plus provenance) of every new or changed inbox file, "
    "or the reason it could not be read or extracted, spooled to disk in batches of "
    f"{BATCH_FILES} files for the loader. Unchanged files are not read again.",
    deps=[inbox_files],
)
def report_extractions(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    folder = _run_spool(context, spool.WORK_FILE)
    # only the files to read stay in memory while they are extracted (the loader reads work.json again)
    files = spool.read_json(folder, spool.WORK_FILE)["files"]
    n_found = len(files)
    # a content's modification time is the earliest among its copies: an old copy made today is not new
    first_modified: dict[str, int] = {}
    for f in files:
        first_modified[f["sha256"]] = min(f["mtime_ns"], first_modified.get(f["sha256"], f["mtime_ns"]))
    todo = [f for f in files if f["status"] != "unchanged"]
    del files
    for f in todo:
        f["modified_ns"] = first_modified[f["sha256"]]
    del first_modified
    todo.sort(key=lambda f: f["rel_path"])
    stale = spool.remove_stale()
    if stale:
        context.log.info(f"removed {stale} spool folders left by runs that died more than a day ago")
    out = spool.SpoolWriter(folder, [f["rel_path"] for f in todo])
    if not todo:
        context.log.info("no new or changed files: nothing to extract")
    reasons = _extract_all(context, todo, out) if todo else Counter()
    failed = sum(reasons.values())
    spool.write_json(folder, spool.EXTRACTED_FILE, {"batches": out.batches(), "n_files": len(todo)})
    return dg.MaterializeResult(metadata={
        "files_extracted": len(todo) - failed,
        "files_failed": failed,
        "failure_reasons": dict(reasons),
        "files_skipped_unchanged": n_found - len(todo),
        "spool_batches": out.n_batches,
    })


def _load_one(conn: Any, f: dict[str, Any], present: Collection[str], strict: bool = False) -> tuple[str, str | None]:
    """Load one file's outcome; returns (what happened, failure reason or None). `strict` lets a load
    error propagate (inside a batch's transaction, which it aborts) instead of recording it."""
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
                                  present_paths=present, modified_ns=f.get("modified_ns", f.get("mtime_ns")))
    except Exception as exc:  # the loader rolled the file back; record why and go on
        if strict:
            raise
        record_failure(conn, source_path=f["abs_path"], sha256=f["sha256"], stage="load",
                       reason="error", message=f"{type(exc).__name__}: {exc}")
        return "failed", "error"
    return outcome, outcome if outcome in ("duplicate", "superseded") else None


def load_batch(conn: Any, files: list[dict[str, Any]], present: Collection[str]) -> list[tuple[str, str | None]]:
    """Load one batch in one transaction (one COMMIT for the batch, not one per file; the plainly new files
    in one INSERT per table: `warehouse.load.insert_new_documents`). If any file's
    load fails, the batch is rolled back and loaded file by file, so that file alone becomes a failure
    row and the others load as they would have: the per-file guarantees of `load_extraction` hold."""
    import os

    from warehouse.db import no_pandas_probe, transaction
    from warehouse.load import insert_new_documents

    with no_pandas_probe():
        try:
            with transaction(conn):
                # the plainly new files in one statement per table, then the others by the per-file rules
                fresh = [f for f in files if "error" not in f and os.path.lexists(f["abs_path"])]
                done = insert_new_documents(conn, [(f["extraction"], f["abs_path"], f["size_bytes"],
                                                    f.get("modified_ns", f.get("mtime_ns"))) for f in fresh])
                bulk = {f["abs_path"] for f, ok in zip(fresh, done, strict=True) if ok}
                return [("inserted", None) if f["abs_path"] in bulk else _load_one(conn, f, present, strict=True)
                        for f in files]
        except Exception as exc:
            log.warning("a load in a batch of %d files failed (%s); loading them one by one", len(files), exc,
                        exc_info=True)
            return [_load_one(conn, f, present) for f in files]


@dg.multi_asset(
    name="raw_report_tables",
    group_name="raw",
    specs=[
        dg.AssetSpec(["raw", t], description=RAW_TABLE_DESCRIPTIONS[t], kinds={"duckdb"},
                     deps=["report_extractions"], metadata={"table": f"raw.{t}"})
        for t in RAW_REPORT_TABLES
    ],
    description="Load the spooled extractions into the raw schema batch by batch (one transaction per batch, "
    "the per-file rules of warehouse.load inside it).",
)
def raw_report_tables(context: dg.AssetExecutionContext) -> Iterator[dg.MaterializeResult]:
    from warehouse.db import locked
    from warehouse.load import forget_missing

    folder = _run_spool(context, spool.EXTRACTED_FILE)
    work = spool.read_json(folder, spool.WORK_FILE)
    extracted = spool.read_json(folder, spool.EXTRACTED_FILE)
    batches = extracted["batches"]
    outcomes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    from warehouse.load import stored_paths

    present = stored_paths(work["present"])
    loaded = 0
    n_files = extracted["n_files"]
    started = time.monotonic()
    # The writer lock for the whole load, a connection per batch: closing it checkpoints the batch and
    # frees what DuckDB held for it, so the run's memory does not grow with the files loaded so far.
    with locked(settings.db_path()):
        with open_warehouse():  # the raw schema, once for the whole load
            pass
        for i, files in spool.iter_batches(batches):
            t0 = time.monotonic()
            context.log.info(f"loading batch {i}/{len(batches)}: {len(files)} files in one transaction")
            with open_warehouse(ensure_schema=False) as conn:
                results = load_batch(conn, files, present)
            batch_counts: Counter[str] = Counter()
            for f, (outcome, reason) in zip(files, results, strict=True):
                loaded += 1
                outcomes[outcome] += 1
                batch_counts[outcome] += 1
                if reason:
                    reasons[reason] += 1
                if len(present) <= PER_FILE_LOG_LINES or outcome not in ("inserted", "unchanged"):
                    context.log.info(f"loaded {loaded}/{n_files}: {readable(f['rel_path'])} → {outcome}"
                                     + (f" ({reason})" if reason and reason != outcome else ""))
            context.log.info(f"loaded batch {i}/{len(batches)}: {len(files)} files ("
                             + ", ".join(f"{n} {k}" for k, n in sorted(batch_counts.items()))
                             + f") in {time.monotonic() - t0:.2f}s; {loaded} files so far")
        with open_warehouse() as conn:
            forgotten = forget_missing(conn, work["present"],
                                       scope=scope_of(Path(work["inbox"]), work["publishers"]))
            if forgotten:
                context.log.info(f"removed {forgotten} documents whose files left the inbox")
            counts = {t: count_rows(conn, "raw", t) or 0 for t in RAW_REPORT_TABLES}
    del work
    spool.remove(folder)
    context.log.info(
        "load summary: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items()))
        + f" ({time.monotonic() - started:.1f}s)" if outcomes else "load summary: nothing new to load"
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
