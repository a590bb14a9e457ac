"""A run of one `publisher` partition ingests that publisher's folder only: it reads and loads none of
another publisher's files, forgets only its own files that left, and a second run of it changes
nothing. The whole-inbox job still covers every folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg
import pytest

from pipelines.publishers import ROOT_KEY, inbox_publishers, publisher_of

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
INGEST_KEYS = [dg.AssetKey("inbox_files"), dg.AssetKey("report_extractions")]


def test_a_publisher_is_the_first_folder_or_the_fetched_source() -> None:
    assert publisher_of("县财政局/2024/a.pdf") == "县财政局"
    assert publisher_of("fetched/yunnan-czt/a.pdf") == "fetched/yunnan-czt"
    assert publisher_of("fetched/a.pdf") == "fetched"
    assert publisher_of("a.pdf") == ROOT_KEY


def _put(folder: Path, sources: list[Path]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(src, folder / src.name)) for src in sources]


def _run(partition: str | None, instance: dg.DagsterInstance, ingest_only: bool = False) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs
    from pipelines.defs.ingest import RAW_REPORT_TABLES
    from pipelines.defs.jobs import PUBLISHER_JOB_NAME
    from pipelines.defs.partitions import register_publishers
    from warehouse import settings

    register_publishers(instance, inbox_publishers(settings.inbox_dir()))
    if ingest_only:  # the ingest assets alone, without dbt (whose source tests are checks on the raw tables)
        keys = INGEST_KEYS + [dg.AssetKey(["raw", t]) for t in RAW_REPORT_TABLES]
        subset = dg.define_asset_job("ingest_subset", selection=dg.AssetSelection.assets(*keys).without_checks(),
                                     executor_def=dg.in_process_executor)
        job = dg.Definitions.merge(defs, dg.Definitions(jobs=[subset])).resolve_job_def("ingest_subset")
    else:
        job = defs.resolve_job_def(PUBLISHER_JOB_NAME)
    result = job.execute_in_process(instance=instance, partition_key=partition, raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return result


def _metadata(result: dg.ExecuteInProcessResult, key: str) -> dict[str, Any]:
    (event,) = [e for e in result.get_asset_materialization_events()
                if e.asset_key == dg.AssetKey(key)]
    return {k: v.value for k, v in event.materialization.metadata.items()}


def _raw(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": conn.execute("select source_path, document_id from raw.documents order by 1").fetchall(),
            "failures": conn.execute("select source_path, reason from raw.ingest_failures order by 1").fetchall(),
            "projects": conn.execute("select document_id, project_index, executed_wan from raw.projects "
                                     "order by 1, 2").fetchall(),
        }
    finally:
        conn.close()


def test_one_publisher_is_read_and_loaded_alone_and_again_changes_nothing(jixiao_env: JixiaoEnv,
                                                                          dbt_manifest: Path) -> None:
    texts = sorted(REAL.glob("b1/*.txt"))
    a_files = _put(jixiao_env.inbox / "县财政局", texts[:2])
    b_files = _put(jixiao_env.inbox / "市教育局", texts[2:4])
    with dg.instance_for_test() as instance:
        first = _run("县财政局", instance)
        assert sorted(instance.get_dynamic_partitions("publisher")) == ["县财政局", "市教育局"]
        listed = _metadata(first, "inbox_files")
        assert listed["files_found"] == 2 and listed["files_new"] == 2 and listed["publishers"] == "县财政局"
        extracted = _metadata(first, "report_extractions")
        assert extracted["files_extracted"] + extracted["files_failed"] == 2
        (mat,) = [e for e in first.get_asset_materialization_events() if e.asset_key == dg.AssetKey("inbox_files")]
        assert mat.partition == "县财政局"
        raw = _raw(jixiao_env.db)
        loaded = {p for p, _ in raw["documents"]} | {p for p, _ in raw["failures"]}
        assert loaded == {str(p) for p in a_files}  # the other publisher's files were neither read nor loaded
        assert raw["documents"], "the publisher's reports were loaded"
        assert (jixiao_env.serving / "CURRENT").is_file()  # built and published like the whole-inbox job
        published = (jixiao_env.serving / "CURRENT").read_text()

        again = _run("县财政局", instance)
        assert _metadata(again, "inbox_files")["files_unchanged"] == 2
        assert _metadata(again, "report_extractions")["files_extracted"] == 0
        assert _raw(jixiao_env.db) == raw
        assert (jixiao_env.serving / "CURRENT").read_text() == published  # nothing new: not published again

        # the other publisher, then one of its files leaves: a run of the first publisher keeps it,
        # a run of its own publisher forgets it
        _run("市教育局", instance, ingest_only=True)
        both = _raw(jixiao_env.db)
        assert {str(p) for p in b_files} <= {p for p, _ in both["documents"]} | {p for p, _ in both["failures"]}
        b_files[0].unlink()
        _run("县财政局", instance, ingest_only=True)
        assert _raw(jixiao_env.db) == both
        forgot = _run("市教育局", instance, ingest_only=True)
        was_loaded = str(b_files[0]) in {p for p, _ in both["documents"]}
        assert _metadata(forgot, "inbox_files")["files_gone"] == int(was_loaded)
        after = _raw(jixiao_env.db)
        paths = {p for p, _ in after["documents"]} | {p for p, _ in after["failures"]}
        assert str(b_files[0]) not in paths and str(b_files[1]) in paths
        assert {str(p) for p in a_files} <= paths


def test_the_sensor_registers_new_publisher_folders(jixiao_env: JixiaoEnv) -> None:
    from pipelines.defs.sensor import inbox_sensor

    texts = sorted(REAL.glob("b1/*.txt"))
    _put(jixiao_env.inbox / "县财政局", texts[:1])
    _put(jixiao_env.inbox, texts[1:2])
    with dg.instance_for_test() as instance:
        result = inbox_sensor(dg.build_sensor_context(instance=instance))
        (request,) = result.dynamic_partitions_requests
        assert sorted(request.partition_keys) == sorted([ROOT_KEY, "县财政局"])
        assert len(result.run_requests) == 1 and result.run_requests[0].partition_key is None  # whole inbox


def test_run_refuses_an_unknown_publisher(jixiao_env: JixiaoEnv, capsys: pytest.CaptureFixture[str]) -> None:
    from pipelines.run import run_main_job

    _put(jixiao_env.inbox / "县财政局", sorted(REAL.glob("b1/*.txt"))[:1])
    assert run_main_job(inbox=jixiao_env.inbox, publisher="无此单位") == 2
    assert "县财政局" in capsys.readouterr().err
