"""Recovering from runs that died without ending: kill -9, an out-of-memory kill, a reboot, a stopped
container.

A run of `jixiao run` executes in its own process, and Dagster marks it STARTED until that process
reports the end. A process killed outright never reports it, so its run stays STARTED for ever
(and anything it claimed in Dagster's storage, such as a concurrency slot, stays claimed). Each run
started here is tagged with the identity of its process (host, boot, pid and the process's start
time, so that a pid reused after a reboot is not mistaken for the dead one); before the next run,
`recover_dead_runs` fails the runs whose process is gone and frees whatever they held, and says so.
Runs started by the Dagster daemon (`make dev`: schedule, sensor) are left to its run monitoring.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

PROCESS_TAG = "jixiao/process"
"""Run tag: `host|boot id|pid|process start time` of the process that executes the run."""


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc), None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    except OSError:
        return ""
    # the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else ""


def process_identity(pid: int | None = None) -> str:
    """This process's identity, as stored in PROCESS_TAG."""
    pid = os.getpid() if pid is None else pid
    return "|".join([socket.gethostname(), _boot_id(), str(pid), _start_time(pid) or ""])


def process_is_gone(identity: str) -> bool | None:
    """True when the process named by `identity` has ended, False when it runs, None when this host
    cannot tell (another machine)."""
    try:
        host, boot, pid_text, started = identity.split("|")
        pid = int(pid_text)
    except ValueError:
        return None
    if host != socket.gethostname():
        return None
    if boot and boot != _boot_id():
        return True  # the machine rebooted since
    now = _start_time(pid)
    if now is None:
        return True
    if started and now:
        return now != started  # the pid was reused by another process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_dead_runs(instance: Any, say: Callable[[str], None] = print) -> list[str]:
    """Fail the unfinished runs of this host whose process has died, free what they held; return their ids."""
    from dagster import DagsterRunStatus, RunsFilter

    unfinished = [DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.STARTED,
                  DagsterRunStatus.CANCELING]
    recovered: list[str] = []
    for run in instance.get_runs(filters=RunsFilter(statuses=unfinished)):
        identity = run.tags.get(PROCESS_TAG)
        if not identity or not process_is_gone(identity):
            continue
        pid = identity.split("|")[2]
        instance.report_run_failed(
            run, message=f"the process that ran this run (pid {pid}) ended without finishing it "
            "(killed, out of memory or a reboot); marked failed by the next `jixiao run`")
        with suppress(Exception):  # a storage without concurrency support has nothing to free
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(run.run_id)
        say(f"recovered: run {run.run_id} ({run.status.value}, pid {pid}) died without finishing; "
            "marked it failed and freed anything it held. The warehouse keeps every file it had "
            "committed; this run redoes the rest.")
    return recovered
