"""Which inbox files need work, decided without Dagster: `inbox_files`, the sensor and the quick
"anything to do?" look of `jixiao run` share it, so they never disagree.

`pending_work` adds the warehouse's own state (warehouse.changes): a night has nothing to do only when
no file is new, changed, stale or due for a retry, no loaded file has left the inbox, no raw table
changed since the last build, the dbt project is the one the marts were built with, and the last
build is published.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from ingest.safety import Budgets, load_overrides
from pipelines.inbox import InboxFile, discover
from pipelines.warehouse_access import open_warehouse
from warehouse import settings

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
    present: Collection[str] | None = None,
) -> dict[str, str]:
    """Decide for each inbox file whether it needs work: absolute path → one of STATUSES.

    `documents` are (source_path, document_id, extractor_version) rows of raw.documents and `failures`
    (source_path, sha256, reason[, budgets]) rows of raw.ingest_failures, paths as the file system
    spells them. A file is `unchanged` when the warehouse already holds its bytes at its path (loaded,
    or failed for a reason that still stands), `changed` when its path holds other bytes, `stale` when
    it was loaded by an older extractor, `retry` when it was refused as a duplicate of a copy that is
    gone, failed for a reason outside the file (RETRIED_REASONS), or went over budgets that have
    changed since (BUDGET_REASONS; `budget_fingerprint` gives a file's current ones), and `new` otherwise.
    `present` are the paths that count as in the inbox (default: `files`'); a run of one publisher adds
    the other publishers' loaded paths, which it does not look at and must not call gone.
    """
    inbox_paths = {f.abs_path for f in files} if present is None else present
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


def _failure_rows(conn: Any) -> list[tuple[Any, ...]]:
    """(source_path, sha256, reason, budgets, extractor_version) of raw.ingest_failures; a warehouse made
    before the extractor_version column (added by the next writer) reads as NULL there."""
    has_version = conn.execute(
        "select count(*) from information_schema.columns where table_schema = 'raw' "
        "and table_name = 'ingest_failures' and column_name = 'extractor_version'").fetchone()[0]
    version = "extractor_version" if has_version else "NULL"
    return conn.execute(
        f"select distinct source_path, sha256, reason, budgets, {version} from raw.ingest_failures").fetchall()


def _warehouse_state() -> tuple[list[tuple[str, str, str | None]], list[tuple[Any, ...]]]:
    """raw.documents and raw.ingest_failures as classify reads them (paths as the file system spells them)."""
    from ingest.names import from_stored

    if not settings.db_path().exists():
        return [], []
    with open_warehouse() as conn:
        documents = conn.execute(
            "select source_path, document_id, extractor_version from raw.documents"
        ).fetchall()
        failures = _failure_rows(conn)
    return ([(from_stored(p), d, v) for p, d, v in documents],
            [(from_stored(r[0]), *r[1:]) for r in failures])


def file_budgets() -> Callable[[str], Budgets]:
    """Budgets per file sha256: the environment's (JIXIAO_FILE_*), lifted for the files named in the
    overrides file (JIXIAO_BUDGETS, default budgets.json beside the warehouse)."""
    base = Budgets.from_env()
    overrides = load_overrides(settings.budgets_path())
    return lambda sha256: base.with_override(overrides.get(sha256))


@dataclass
class PendingWork:
    """What a run would have to do; `nothing` when a run can stop at once."""

    files: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    gone: int = 0
    pending_tables: list[str] = field(default_factory=list)
    full_build: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not self.reasons


def fetch_fingerprint(inbox: Any) -> str:
    """The fingerprint `warehouse.fetch_load` records for the sidecars now in the inbox."""
    from ingest.fetch.store import read_provenance
    from warehouse.fetch_load import provenance_rows

    rows, fails, _ = provenance_rows(*read_provenance(inbox))
    from warehouse.changes import fingerprint

    return fingerprint([rows, sorted(fails.items(), key=lambda kv: kv[0])])


def divisions_fingerprint() -> str:
    from warehouse.changes import fingerprint
    from warehouse.load import division_rows

    return fingerprint(division_rows())


def pending_work(inbox_files: list[InboxFile] | None = None, lock_timeout: float | None = None) -> PendingWork:
    """Look (read-only, under the writer lock) at the inbox and the warehouse; say what a run would do."""
    from pipelines.dbt_manifest import project_fingerprint
    from warehouse import changes

    inbox = settings.inbox_dir()
    files = discover(inbox) if inbox_files is None else inbox_files
    work = PendingWork(files=len(files))
    if not settings.db_path().exists():
        work.reasons.append("no warehouse yet")
        return work
    from ingest.names import from_stored

    budgets_of = file_budgets()
    with open_warehouse(read_only=True, lock_timeout=lock_timeout) as conn:
        documents = [(from_stored(p), d, v) for p, d, v in conn.execute(
            "select source_path, document_id, extractor_version from raw.documents").fetchall()]
        failures = [(from_stored(r[0]), *r[1:]) for r in _failure_rows(conn)]
        work.full_build, work.pending_tables = changes.what_needs_building(conn, project_fingerprint())
        fetch_changed = changes.get_state(conn, "fetch_fingerprint") != fetch_fingerprint(inbox)
        divisions_changed = changes.get_state(conn, "divisions_fingerprint") != divisions_fingerprint()
    status = classify(files, documents, failures, current_extractor_version(),
                      budget_fingerprint=lambda f: budgets_of(f.sha256).fingerprint())
    for s in status.values():
        work.status_counts[s] = work.status_counts.get(s, 0) + 1
    present = {f.abs_path for f in files}
    work.gone = len({p for p, _, _ in documents} - present)
    todo = sum(n for s, n in work.status_counts.items() if s != "unchanged")
    if todo:
        work.reasons.append(f"{todo} files to read")
    if work.gone:
        work.reasons.append(f"{work.gone} loaded files left the inbox")
    if work.pending_tables:
        work.reasons.append("raw tables changed since the last build: " + ", ".join(work.pending_tables))
    if work.full_build:
        work.reasons.append("the marts were built by another dbt project version, or not yet published")
    if fetch_changed:
        work.reasons.append("the fetcher's sidecars changed")
    if divisions_changed:
        work.reasons.append("the division codes changed")
    if not (settings.serving_dir() / "CURRENT").exists():
        work.reasons.append("no serving copy yet")
    return work
