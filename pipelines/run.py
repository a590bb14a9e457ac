"""`jixiao run`: materialize every asset in this process on an inbox folder, then print what landed.

Which folder: `--inbox DIR`; else the configured inbox when `JIXIAO_INBOX` is set (read as it is,
never written); else the built-in demo — the real published reports that ship in the repository
(tests/fixtures/real/, from many provinces) copied into a folder of jixiao's own,
`warehouse/demo_inbox/`, so a fresh clone compares real units across provinces with one command.
`--samples` runs on the generated sample corpus instead (test tooling; needs the development install).
Running it again on the same files changes nothing: unchanged files are skipped by content hash and
every load is idempotent.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from warehouse import settings

DAGSTER_HOME_DEFAULT = settings.PROJECT_ROOT / ".dagster_home"
DEMO_CORPUS = settings.PROJECT_ROOT / "tests" / "fixtures" / "real"
DEMO_INBOX = settings.PROJECT_ROOT / "warehouse" / "demo_inbox"
SAMPLES_INBOX = settings.PROJECT_ROOT / "warehouse" / "samples_inbox"
REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".wps", ".html", ".htm")
INSTANCE_TEMPLATE = Path(__file__).resolve().parent / "dagster.yaml"


def _err(message: str) -> None:
    print(f"jixiao run: {message}", file=sys.stderr)


def sync_sample_corpus(inbox: Path) -> dict[str, int]:
    """Write the sample corpus into `inbox`, touching only files whose bytes differ.

    Generating into a temporary folder first and copying only what changed keeps an unchanged corpus
    unchanged on disk (same hashes, nothing for the pipeline to redo); sample files that an earlier
    version of the generator wrote and this one no longer does are removed.
    """
    from ingest.samples import generate_corpus

    inbox.mkdir(parents=True, exist_ok=True)
    old_manifest = inbox / "manifest.json"
    old_files: set[str] = set()
    if old_manifest.is_file():
        try:
            old = json.loads(old_manifest.read_text(encoding="utf-8"))
            old_files = set(old.get("files", {})) | set(old.get("bad_files", {}))
        except (json.JSONDecodeError, AttributeError):
            old_files = set()
    written = unchanged = removed = 0
    with tempfile.TemporaryDirectory(prefix="jixiao-samples-") as tmp:
        manifest = generate_corpus(Path(tmp))
        for src in sorted(Path(tmp).rglob("*")):
            if not src.is_file():
                continue
            dst = inbox / src.relative_to(tmp)
            if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
                unchanged += 1
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            written += 1
    new_files = set(manifest.get("files", {})) | set(manifest.get("bad_files", {}))
    for name in sorted(old_files - new_files):
        stale = inbox / name
        if stale.is_file():
            stale.unlink()
            removed += 1
    return {"written": written, "unchanged": unchanged, "removed": removed}


def sync_demo_corpus(inbox: Path, corpus: Path = DEMO_CORPUS) -> dict[str, int]:
    """Copy the real reports of the repository's corpus (not their labels or notes) into `inbox`,
    touching only files whose bytes differ and removing files the corpus no longer has."""
    if not corpus.is_dir():
        raise FileNotFoundError(f"the demo corpus {corpus} is not here (it ships with the source checkout); "
                                "give --inbox DIR")
    inbox.mkdir(parents=True, exist_ok=True)
    wanted = {p.name: p for p in sorted(corpus.glob("*/*")) if p.suffix.lower() in REPORT_SUFFIXES}
    written = unchanged = removed = 0
    for name, src in wanted.items():
        dst = inbox / name
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            unchanged += 1
            continue
        shutil.copyfile(src, dst)
        written += 1
    for stale in sorted(inbox.iterdir()):
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
            removed += 1
    return {"written": written, "unchanged": unchanged, "removed": removed}


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME (default .dagster_home) with the project's instance settings, so runs of
    `jixiao run` show up in `make dev`'s UI next to the scheduled ones."""
    home = Path(os.environ.get("DAGSTER_HOME") or DAGSTER_HOME_DEFAULT).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() and INSTANCE_TEMPLATE.is_file():
        shutil.copyfile(INSTANCE_TEMPLATE, config)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _show_jixiao_logs() -> None:
    """Print the warehouse's and readers' own log lines (e.g. what was recovered after a crash)."""
    logger = logging.getLogger("jixiao")
    if not any(getattr(h, "_jixiao_run", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("jixiao: %(message)s"))
        handler._jixiao_run = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _report_failures(result: Any) -> None:
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            error = data.error if data else None
            lines = []
            while error is not None:  # the wrapper says which step; its cause says what went wrong
                lines.append(error.message.strip())
                error = error.cause
            _err(f"step {event.step_key} failed: " + "\n  caused by: ".join(lines or ["(no message)"]))


def _report_checks(result: Any) -> int:
    failed = 0
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            failed += 1
            key = evaluation.asset_check_key
            print(f"check {key.asset_key.to_user_string()}:{key.name} did not pass "
                  f"({evaluation.severity.value.lower()})")
    return failed


def nothing_to_do() -> str | None:
    """A one-line summary when the night has nothing to do (no Dagster run is started), else None.

    Costs a walk of the inbox (hashes only of files whose size or mtime changed are not remembered, so
    every file is hashed; see docs/pipelines.md) and a few queries; no Dagster or dbt start-up."""
    import time

    from pipelines.work import pending_work
    from warehouse.db import WarehouseLockedError

    started = time.monotonic()
    try:
        work = pending_work()
    except (WarehouseLockedError, OSError) as e:  # let the real run wait for the lock and report
        logging.getLogger("jixiao").debug("quick look failed (%s): running the job", e)
        return None
    if not work.nothing:
        print("work to do: " + "; ".join(work.reasons))
        return None
    return (f"nothing new: {work.files} files in the inbox, all already loaded or failed for reasons that "
            f"still stand; no raw table changed since the last build — dbt and publishing skipped, the "
            f"serving copy is unchanged ({time.monotonic() - started:.2f}s)")


def _register_publishers(instance: Any) -> None:
    """Make every publisher folder of the inbox a `publisher` partition (pipelines.defs.partitions)."""
    from pipelines.defs.partitions import register_publishers
    from pipelines.publishers import inbox_publishers

    new = register_publishers(instance, inbox_publishers(settings.inbox_dir()))
    if new:
        print(f"new publishers (partitions of publisher_job): {', '.join(new)}")


def run_main_job(inbox: Path | None, samples: bool = False, demo: bool = True, log_level: str = "INFO",
                 force: bool = False, publisher: str | None = None) -> int:
    """Run the whole job in-process on `inbox`, else on the configured inbox (JIXIAO_INBOX), else on
    the built-in demo of real reports (or, with `samples`, the generated sample corpus); 0 when it
    succeeded. A configured inbox is only ever read. With `publisher`, only that publisher's folder is
    ingested (`publisher_job` with that partition); then the marts are built and published as always."""
    _show_jixiao_logs()
    settings.export_db_env()
    if inbox is not None:
        inbox = inbox.expanduser().resolve()
        if not inbox.is_dir():
            _err(f"inbox folder {inbox} does not exist; create it and put the report files there, or give another --inbox")
            return 2
        os.environ["JIXIAO_INBOX"] = str(inbox)
    elif samples:
        try:
            counts = sync_sample_corpus(SAMPLES_INBOX)
        except ImportError as e:
            _err(f"the sample generator needs the development install (make install, or pip install -e '.[dev]'): {e}")
            return 2
        os.environ["JIXIAO_INBOX"] = str(SAMPLES_INBOX)
        print(f"generated sample corpus in {SAMPLES_INBOX}: {counts['written']} files written, "
              f"{counts['unchanged']} unchanged, {counts['removed']} removed")
    elif demo and not os.environ.get("JIXIAO_INBOX"):
        try:
            counts = sync_demo_corpus(DEMO_INBOX)
        except FileNotFoundError as e:
            _err(str(e))
            return 2
        os.environ["JIXIAO_INBOX"] = str(DEMO_INBOX)
        print(f"demo: real published reports from {DEMO_CORPUS} in {DEMO_INBOX}: {counts['written']} files "
              f"written, {counts['unchanged']} unchanged, {counts['removed']} removed")
    if not settings.inbox_dir().is_dir():
        _err(f"inbox folder {settings.inbox_dir()} does not exist; create it, or give --inbox DIR")
        return 2
    print(f"inbox: {settings.inbox_dir()}\nwarehouse: {settings.db_path()}")

    from pipelines.dbt_manifest import DbtParseError, ensure_manifest
    from warehouse.db import WarehouseLockedError

    try:
        ensure_manifest()
    except DbtParseError as e:
        _err(str(e))
        return 2
    try:
        from pipelines.warehouse_access import check_not_locked

        check_not_locked()
    except WarehouseLockedError as e:
        _err(str(e))
        return 3
    if publisher is not None:
        from pipelines.publishers import inbox_publishers

        found = inbox_publishers(settings.inbox_dir())
        if publisher not in found:
            _err(f"no publisher {publisher!r} in {settings.inbox_dir()}; its publishers are: "
                 + (", ".join(found) or "none"))
            return 2
    if not force and publisher is None:
        quiet = nothing_to_do()
        if quiet is not None:
            # a run killed after its last commit leaves nothing to redo, but its Dagster record still
            # says "started": mark it failed here too, as every run does before it starts
            ensure_dagster_home()
            from dagster import DagsterInstance

            from pipelines.recovery import recover_dead_runs

            with DagsterInstance.get() as instance:
                recover_dead_runs(instance)
                _register_publishers(instance)
            print(quiet)
            return 0

    ensure_dagster_home()
    from dagster import DagsterInstance

    from pipelines.definitions import defs
    from pipelines.defs.jobs import JOB_NAME, PUBLISHER_JOB_NAME
    from pipelines.recovery import PROCESS_TAG, process_identity, recover_dead_runs

    job = defs.resolve_job_def(JOB_NAME if publisher is None else PUBLISHER_JOB_NAME)
    with DagsterInstance.get() as instance:
        recover_dead_runs(instance)
        _register_publishers(instance)
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            tags={"jixiao/trigger": "jixiao run", PROCESS_TAG: process_identity()},
            partition_key=publisher,
        )
    if not result.success:
        _report_failures(result)
        _err(f"run {result.run_id} failed; see the messages above, or the run in `make dev`")
        return 1
    _report_checks(result)
    print(f"run {result.run_id} succeeded\n")
    from warehouse.report import print_status

    return int(print_status() or 0)
