"""Notice newly published or changed report files in the inbox and request a run of the job.

The cursor remembers each file's (size, mtime, sha256), so unchanged files are not re-hashed on every
tick, and the hash of the whole inbox state; the run key is that state hash, so the same set of files
never triggers twice, while any added, changed or removed file does. Each tick also registers the
`publisher` partitions of folders that appeared (pipelines.defs.partitions), so a person finds them in
the UI; the runs it requests cover the whole inbox.
"""


import json
from typing import Any

import dagster as dg

from pipelines.defs.jobs import jixiao_job
from pipelines.defs.partitions import new_publisher_keys, publisher_partitions
from pipelines.inbox import discover, state_hash
from pipelines.publishers import publisher_keys
from pipelines.work import pending_work
from warehouse import settings
from warehouse.db import WarehouseLockedError

LOCK_WAIT_S = 2.0


def _load_cursor(raw: str | None) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        data = {}
    return data if isinstance(data, dict) else {}


def evaluate_inbox(cursor: str | None) -> tuple[dg.RunRequest | None, str, str]:
    """(run request or None, new cursor, what changed) for the inbox as it is now. Pure but for I/O."""
    request, new_cursor, summary, _ = evaluate_inbox_publishers(cursor)
    return request, new_cursor, summary


def evaluate_inbox_publishers(cursor: str | None) -> tuple[dg.RunRequest | None, str, str, list[str]]:
    """`evaluate_inbox`, plus the publisher keys of the files in the inbox now."""
    old = _load_cursor(cursor)
    known = {k: tuple(v) for k, v in (old.get("files") or {}).items()}
    files = discover(settings.inbox_dir(), known=known)  # type: ignore[arg-type]
    state = state_hash(files)
    now = {f.rel_path: f for f in files}
    added = [p for p in now if p not in known]
    changed = [p for p, f in now.items() if p in known and known[p][2] != f.sha256]
    removed = [p for p in known if p not in now]
    new_cursor = json.dumps(
        {"state": state, "files": {f.rel_path: [f.size_bytes, f.mtime_ns, f.sha256] for f in files}},
        sort_keys=True,
    )
    summary = f"{len(files)} files: {len(added)} new, {len(changed)} changed, {len(removed)} removed"
    keys = publisher_keys(now)
    if state == old.get("state") or (not files and not old.get("state")):
        return None, new_cursor, summary, keys
    # The inbox looks different from the last tick, but its files may all be loaded already (a first
    # tick, a restored cursor, files a run has just loaded): ask the warehouse before starting a run.
    try:
        work = pending_work(files, lock_timeout=LOCK_WAIT_S)
    except WarehouseLockedError:  # a run is writing: look again next tick, from the old cursor
        return None, cursor or "", summary + "; the warehouse is busy, looking again next tick", keys
    if work.nothing:
        return None, new_cursor, summary + "; all already loaded, nothing to run", keys
    summary += "; " + "; ".join(work.reasons)
    request = dg.RunRequest(
        run_key=f"inbox-{state[:24]}",
        tags={"jixiao/trigger": "inbox_sensor", "jixiao/new": str(len(added)),
              "jixiao/changed": str(len(changed)), "jixiao/removed": str(len(removed))},
    )
    return request, new_cursor, summary, keys


@dg.sensor(
    name="inbox_sensor",
    job=jixiao_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run when files are added to, changed in or removed from the inbox folder.",
)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    if not settings.inbox_dir().is_dir():
        return dg.SensorResult(skip_reason=f"inbox folder {settings.inbox_dir()} does not exist")
    request, cursor, summary, keys = evaluate_inbox_publishers(context.cursor)
    new_keys = new_publisher_keys(context.instance, keys)
    if new_keys:
        summary += f"; new publishers: {', '.join(new_keys)}"
    context.log.info(f"inbox {settings.inbox_dir()}: {summary}")
    added = [publisher_partitions.build_add_request(new_keys)] if new_keys else []
    if request is None:
        return dg.SensorResult(skip_reason=f"no run needed ({summary})", cursor=cursor,
                               dynamic_partitions_requests=added)
    return dg.SensorResult(run_requests=[request], cursor=cursor, dynamic_partitions_requests=added)


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[inbox_sensor])
