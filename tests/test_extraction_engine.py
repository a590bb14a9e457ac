"""Extraction through a distributed engine (Dask) keeps the per-file budgets on the workers, and a
back-fill through two local Dask workers gives the same marts as the in-process run.

The test set-up starts the cluster (`LocalCluster`, two worker processes) and hands the pipeline only
its scheduler address, as a real cluster would be given (JIXIAO_DASK_SCHEDULER)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pytest
from e2e_build import Build, failure_text, run_job, use_env

from ingest.errors import IngestError
from ingest.safety import Budgets

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv

ROOT = Path(__file__).resolve().parent
GOOD_TXT = ROOT / "fixtures" / "real" / "b1" / "b1_01_yunnan_prose.txt"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A two-worker local Dask cluster (one thread each), as the pipeline's workers would be started."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_the_warm_up_runs_a_real_extraction() -> None:
    from ingest.warm import warm_up

    assert warm_up()  # else every per-file process starts cold again (silently ~10x slower)


def test_the_engine_is_chosen_by_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.extraction_engine import engine_name

    monkeypatch.delenv("JIXIAO_EXTRACT_ENGINE", raising=False)
    monkeypatch.delenv("JIXIAO_DASK_SCHEDULER", raising=False)
    assert engine_name() == "local"
    monkeypatch.setenv("JIXIAO_DASK_SCHEDULER", "tcp://10.0.0.1:8786")
    assert engine_name() == "dask"
    monkeypatch.setenv("JIXIAO_EXTRACT_ENGINE", "celery")
    with pytest.raises(ValueError, match="local, dask"):
        engine_name()


def test_budgets_hold_on_the_workers(scheduler: str, tmp_path: Path) -> None:
    from distributed import Client

    from ingest.distributed import extract_on_cluster
    from ingest.samples.hostile import pdf_dense_grid

    grid = pdf_dense_grid(tmp_path / "grid.pdf", 250)  # pdfplumber's lattice needs about a minute on it
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD_TXT.read_bytes())
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    tight, usual = Budgets(wall_s=3, memory_mb=512), Budgets(wall_s=120, memory_mb=512)
    start = time.monotonic()
    with Client(scheduler) as client:
        results = dict(extract_on_cluster([grid, good, empty], lambda p: tight if p == grid else usual, client))
    assert time.monotonic() - start < 60
    assert isinstance(results[grid], IngestError) and results[grid].reason == "too_slow"
    assert "grid.pdf" in results[grid].message and "jixiao-worker-" not in results[grid].message
    assert isinstance(results[empty], IngestError) and results[empty].reason == "empty"
    assert isinstance(results[good], dict) and results[good]["source_file"] == "good.txt"
    from ingest.extract import extract_file

    assert results[good] == extract_file(good)  # the same Extraction as on this machine


def test_a_cluster_of_daemonic_workers_is_refused_before_any_work() -> None:
    import dask
    from distributed import Client, LocalCluster

    from ingest.distributed import ClusterError, check_workers

    with dask.config.set({"distributed.worker.daemon": True}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, pytest.raises(ClusterError, match="DAEMON=False"):
        check_workers(client)


def _executed(dask_worker: Any) -> int:
    return dask_worker.state.executed_count


def _tasks_run(scheduler: str) -> dict[str, int]:
    """Tasks each worker of the cluster has run so far."""
    from distributed import Client

    with Client(scheduler) as client:
        return client.run(_executed)


def _mart_figures(db: Path) -> dict[str, tuple[Any, ...]]:
    """Row count and the sum of every numeric column of each fct_ table of the marts."""
    conn = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "and table_name like 'fct\\_%' escape '\\' order by 1").fetchall()]
        out = {}
        for t in tables:
            numeric = [c for (c,) in conn.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' and "
                "table_name = ? and (data_type like 'DECIMAL%' or data_type in ('INTEGER', 'BIGINT', 'DOUBLE', "
                "'HUGEINT', 'SMALLINT', 'FLOAT')) order by ordinal_position", [t]).fetchall()]
            sums = ", ".join(f'sum("{c}")' for c in numeric)
            out[t] = conn.execute(f'select count(*){", " + sums if sums else ""} from marts."{t}"').fetchone()
        return out
    finally:
        conn.close()


def test_a_backfill_through_two_dask_workers_gives_the_same_marts(
        sample_warehouse: Build, scheduler: str, jixiao_env: JixiaoEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    env = jixiao_env
    shutil.rmtree(env.inbox)
    shutil.copytree(sample_warehouse.env.inbox, env.inbox)
    use_env(env, monkeypatch)
    monkeypatch.setenv("JIXIAO_DASK_SCHEDULER", scheduler)
    before = _tasks_run(scheduler)
    result = run_job()
    assert result.success, failure_text(result)
    ran = {w: n - before.get(w, 0) for w, n in _tasks_run(scheduler).items()}
    files = sum(1 for p in env.inbox.rglob("*") if p.is_file() and "truth" not in p.parts and p.suffix != ".json")
    assert len(ran) == 2 and all(n > 0 for n in ran.values()) and sum(ran.values()) <= files, ran
    on_dask, in_process = _mart_figures(env.db), _mart_figures(sample_warehouse.env.db)
    main = ("fct_evaluation", "fct_project_spending", "fct_indicator_result", "fct_spending_item")
    assert all(on_dask[t][0] > 0 for t in main)  # the comparison is about real rows, not empty tables
    assert on_dask == in_process


def test_an_outcome_sent_just_before_the_process_ends_is_not_taken_for_a_crash(tmp_path: Path) -> None:
    """The race that left 1-2 files of a 10,000-file back-fill "crashed (exit status 0)": the process
    sends its outcome and exits between the parent's look at the pipe and its look at the process."""
    import multiprocessing

    from ingest.parallel import _finish, _Job

    receiver, sender = multiprocessing.Pipe(duplex=False)

    class EndsWhenAsked:
        """A process that finishes (sends, then exits) at the moment its liveness is asked."""

        exitcode = 0
        pid = None

        def is_alive(self) -> bool:
            if not sender.closed:
                sender.send(("ok", {"source_file": "late.txt"}))
                sender.close()
            return False

        def join(self, timeout: float | None = None) -> None:
            return None

    job = _Job(tmp_path / "late.txt", Budgets(), EndsWhenAsked(), receiver)
    (tmp_path / "late.txt").write_text("x", encoding="utf-8")
    assert _finish(job) == (tmp_path / "late.txt", {"source_file": "late.txt"})
