"""The whole Dagster job on the default sample corpus, built once per test session.

A dbt build costs most of a minute, so the end-to-end tests (test_pipeline_e2e.py) and the tests of
the six questions against the corpus's truth (test_questions_sample_truth.py) share one warehouse:
conftest.py's session fixture `sample_warehouse` calls `build_sample_warehouse`, and each module
points the environment at it while its tests run (`use_env`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg
import duckdb
import pytest

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv


@dataclass
class Build:
    """A warehouse built from the sample corpus, with what the generator said it wrote."""

    env: JixiaoEnv
    manifest: dict[str, Any]
    truth: dict[str, dict[str, Any]]  # file name → truth
    result: dg.ExecuteInProcessResult
    counts: dict[str, int]
    sha256: dict[str, str]  # file name → hash of its bytes as built (the document_id)


def use_env(env: JixiaoEnv, mp: pytest.MonkeyPatch) -> None:
    """Point JIXIAO_DB, JIXIAO_INBOX and JIXIAO_SERVING_DIR at `env` for as long as `mp` lasts."""
    mp.setenv("JIXIAO_DB", str(env.db))
    mp.setenv("JIXIAO_INBOX", str(env.inbox))
    mp.setenv("JIXIAO_SERVING_DIR", str(env.serving))


def query(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows from the writer's database file (read-only), wherever JIXIAO_DB points."""
    from warehouse import settings

    conn = duckdb.connect(str(settings.db_path()), read_only=True)
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def table_counts() -> dict[str, int]:
    """Row count of every table and view in the raw and marts schemas."""
    tables = query("select table_schema, table_name from information_schema.tables "
                   "where table_schema in ('raw', 'marts') order by 1, 2")
    return {f"{s}.{t}": query(f'select count(*) from "{s}"."{t}"')[0][0] for s, t in tables}


def run_job(selection: list[dg.AssetKey] | None = None) -> dg.ExecuteInProcessResult:
    """The whole job, or only the `selection` assets without their checks (dbt's source tests are
    checks on the raw tables, and would bring the dbt step along)."""
    from pipelines.definitions import defs

    if selection is None:
        job = defs.resolve_job_def("jixiao_job")
    else:
        subset = dg.define_asset_job("subset", selection=dg.AssetSelection.assets(*selection).without_checks(),
                                     executor_def=dg.in_process_executor)
        job = dg.Definitions.merge(defs, dg.Definitions(jobs=[subset])).resolve_job_def("subset")
    with dg.instance_for_test() as instance:
        return job.execute_in_process(instance=instance, raise_on_error=False)


def failure_text(result: dg.ExecuteInProcessResult) -> str:
    """Each failed step with its error, for an assertion message."""
    out = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            err = event.step_failure_data.error
            out.append(f"{event.step_key}: {err.message} {err.cause.message if err.cause else ''}")
    return "\n".join(out)


def build_sample_warehouse(env: JixiaoEnv) -> Build:
    """Write the default sample corpus into env.inbox and run the whole job on it (env must be in use)."""
    from ingest.samples import generate_corpus

    manifest = generate_corpus(env.inbox)
    truth = {
        name: json.loads((env.inbox / "truth" / f"{meta['stem']}.json").read_text(encoding="utf-8"))
        for name, meta in manifest["files"].items()
    }
    sha256 = {name: hashlib.sha256(Path(env.inbox / name).read_bytes()).hexdigest() for name in manifest["files"]}
    result = run_job()
    assert result.success, failure_text(result)
    return Build(env, manifest, truth, result, table_counts(), sha256)
