"""Runs whose process died (kill -9, out of memory, a reboot) are failed and freed before the next run,
and runs whose process still lives are left alone."""

from __future__ import annotations

import subprocess
import sys
import uuid

import dagster as dg
from dagster import DagsterRunStatus
from dagster._core.storage.dagster_run import DagsterRun

from pipelines.recovery import PROCESS_TAG, process_identity, process_is_gone, recover_dead_runs


def _dead_identity() -> str:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    identity = process_identity(proc.pid)
    proc.kill()
    proc.wait()
    return identity


def test_a_process_is_told_apart_from_a_dead_one_and_from_a_reused_pid() -> None:
    assert process_is_gone(process_identity()) is False
    assert process_is_gone(_dead_identity()) is True
    host, boot, pid, started = process_identity().split("|")
    assert process_is_gone("|".join([host, boot, pid, str(int(started) + 1)])) is True  # pid reused
    assert process_is_gone("|".join(["another-host", boot, pid, started])) is None


def test_dead_runs_are_failed_and_live_ones_left_alone() -> None:
    with dg.instance_for_test() as instance:
        dead_id, live_id = str(uuid.uuid4()), str(uuid.uuid4())
        instance.add_run(DagsterRun(job_name="jixiao_job", run_id=dead_id, status=DagsterRunStatus.STARTED,
                                    tags={PROCESS_TAG: _dead_identity()}))
        instance.add_run(DagsterRun(job_name="jixiao_job", run_id=live_id, status=DagsterRunStatus.STARTED,
                                    tags={PROCESS_TAG: process_identity()}))
        said: list[str] = []
        assert recover_dead_runs(instance, say=said.append) == [dead_id]
        assert instance.get_run_by_id(dead_id).status == DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(live_id).status == DagsterRunStatus.STARTED
        assert len(said) == 1 and dead_id in said[0] and "recovered" in said[0]
        assert recover_dead_runs(instance, say=said.append) == []  # nothing left to recover
