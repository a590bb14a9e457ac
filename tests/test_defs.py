"""The Dagster definitions load and hold what the project promises: every stage as assets with lineage
from the inbox to each mart, no concurrency slot that can outlive a killed run, the nightly schedule, the inbox sensor and the checks."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from warehouse import settings

RAW_TABLES = ["documents", "reports", "projects", "spending_items", "indicators", "department_totals",
              "extraction_warnings", "ingest_failures", "divisions"]


@pytest.fixture(scope="module")
def defs(dbt_manifest: Path) -> dg.Definitions:
    from pipelines.definitions import defs

    return defs


def _mart_names() -> list[str]:
    """The marts as the dbt project's files declare them (so a mart missing from defs fails)."""
    return sorted(p.stem for p in (settings.DBT_PROJECT_DIR / "models" / "marts").rglob("*.sql"))


def test_defs_load_and_validate(defs: dg.Definitions) -> None:
    repo = defs.get_repository_def()
    repo.load_all_definitions()
    assert defs.resolve_job_def("jixiao_job") is not None


def test_expected_asset_keys(defs: dg.Definitions) -> None:
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {"inbox_files", "report_extractions", "serving_copy"} <= keys
    assert {f"raw/{t}" for t in RAW_TABLES} <= keys
    marts = _mart_names()
    assert marts, "the dbt project has no marts"
    model_names = {k.split("/")[-1] for k in keys}
    assert set(marts) <= model_names


def test_lineage_runs_from_inbox_to_every_mart_and_on_to_serving(defs: dg.Definitions) -> None:
    graph = defs.resolve_asset_graph()
    inbox = dg.AssetKey("inbox_files")
    mart_keys = [k for k in graph.get_all_asset_keys() if k.path[-1] in set(_mart_names())]
    serving = graph.get(dg.AssetKey("serving_copy"))
    assert mart_keys
    for key in mart_keys:
        ancestors = set(graph.upstream_key_iterator(key))
        if key.path[-1].startswith("fct_"):
            assert inbox in ancestors, f"{key.to_user_string()} is not downstream of the inbox"
        raw = {a for a in ancestors if a.path[0] == "raw"}
        # a dimension may come from the divisions list or a seed alone; any report data means the inbox
        if raw - {dg.AssetKey(["raw", "divisions"])}:
            assert inbox in ancestors, f"{key.to_user_string()} reads raw tables but not from the inbox"
        assert key in serving.parent_keys, f"serving_copy does not wait for {key.to_user_string()}"
    assert set(graph.get(dg.AssetKey(["raw", "documents"])).parent_keys) == {dg.AssetKey("report_extractions")}


def test_no_step_depends_on_a_concurrency_slot(defs: dg.Definitions) -> None:
    """One writer at a time is the writer lock's job (an flock the kernel frees when a run dies): a
    Dagster pool slot held by a run killed with SIGKILL was never freed and wedged every later run."""
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key).assets_def.node_def
        assert not node.pools, f"{key.to_user_string()} waits on pool(s) {node.pools}"


def test_job_runs_in_one_process(defs: dg.Definitions) -> None:
    job = defs.resolve_job_def("jixiao_job")
    assert job.executor_def.name == "in_process"
    assert len(job.asset_layer.executable_asset_keys) >= len(RAW_TABLES) + 3 + len(_mart_names())


def test_instance_config_monitors_runs_and_limits_none_to_a_pool() -> None:
    import yaml

    config = yaml.safe_load((Path(__file__).resolve().parents[1] / "pipelines" / "dagster.yaml").read_text())
    assert "pools" not in config.get("concurrency", {})
    assert config["run_monitoring"]["enabled"] is True


def test_nightly_schedule(defs: dg.Definitions) -> None:
    schedule = defs.resolve_schedule_def("nightly_refresh")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job_name == "nightly_job"  # fetch every source, then everything jixiao_job does


def test_inbox_sensor(defs: dg.Definitions) -> None:
    sensor = defs.resolve_sensor_def("inbox_sensor")
    assert sensor.job_name == "jixiao_job"


def test_quality_checks_present(defs: dg.Definitions) -> None:
    checks = {c.to_user_string() for c in defs.resolve_asset_graph().asset_check_keys}
    for expected in [
        "raw/documents:documents_have_unit_and_year",
        "raw/projects:no_negative_money_projects",
        "raw/spending_items:no_negative_money_spending_items",
        "raw/department_totals:no_negative_money_department_totals",
        "raw/projects:execution_rate_consistent",
        "serving_copy:serving_matches_marts",
    ]:
        assert expected in checks
    model_checks = [c for c in checks if not c.startswith(("raw/", "serving_copy:"))]
    assert model_checks, "no dbt model test became an asset check"


def test_dbt_source_tests_are_checks_on_the_raw_tables(defs: dg.Definitions, dbt_manifest: Path) -> None:
    import json

    manifest = json.loads(dbt_manifest.read_text(encoding="utf-8"))
    tested_sources = {
        dep.split(".")[-1]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        for dep in node["depends_on"]["nodes"]
        if dep.startswith("source.") and len(node["depends_on"]["nodes"]) == 1
    }
    checks = defs.resolve_asset_graph().asset_check_keys
    for table in tested_sources:
        assert any(c.asset_key == dg.AssetKey(["raw", table]) and c.name.startswith("source_") for c in checks), table
