"""A night with nothing new does nothing: the loaders mark what they change, the dbt step builds only
what depends on it, and the sensor and `jixiao run` stop before starting anything for loaded files."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import dagster as dg

from pipelines.dbt_selection import exclude_args, needed_nodes
from warehouse import changes
from warehouse.db import writer

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv


def _extraction(text: str) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "txt", "fiscal_year": 2023,
            "unit": {"name": "某县财政局"}, "projects": [{"name": "项目", "executed": "12.5"}]}


def _settle(conn: Any) -> None:
    """What a good build and publication leave: nothing pending, every fingerprint current."""
    from pipelines.dbt_manifest import project_fingerprint
    from warehouse.fetch_load import replace_fetch_provenance
    from warehouse.load import load_divisions

    replace_fetch_provenance(conn, [], [])
    load_divisions(conn)
    changes.build_done(conn, changes.pending_tables(conn), project_fingerprint())
    changes.published(conn)


def test_loads_mark_changes_and_a_build_clears_them(jixiao_env: JixiaoEnv) -> None:
    from warehouse.load import forget_missing, load_extraction

    path = str(jixiao_env.inbox / "a.txt")
    with writer() as conn:
        assert changes.pending_tables(conn) == []
        assert load_extraction(conn, _extraction("a"), source_path=path, size_bytes=1) == "inserted"
        assert "documents" in changes.pending_tables(conn) and "projects" in changes.pending_tables(conn)
        changes.build_done(conn, changes.pending_tables(conn), "fp")
        assert changes.what_needs_building(conn, "fp") == (True, [])  # built but not yet published
        changes.published(conn)
        assert changes.what_needs_building(conn, "fp") == (False, [])
        assert changes.what_needs_building(conn, "other dbt project")[0]
        # the same bytes again change nothing, and mark nothing
        assert load_extraction(conn, _extraction("a"), source_path=path, size_bytes=1) == "unchanged"
        assert changes.pending_tables(conn) == []
        assert forget_missing(conn, [path]) == 0
        assert changes.pending_tables(conn) == []
        assert forget_missing(conn, []) == 1
        assert "documents" in changes.pending_tables(conn)


def test_a_failed_load_leaves_no_mark(jixiao_env: JixiaoEnv) -> None:
    from warehouse.db import transaction

    with writer() as conn:
        try:
            with transaction(conn):
                changes.mark_changed(conn, ["documents"])
                raise RuntimeError("crash half-way")
        except RuntimeError:
            pass
        assert changes.pending_tables(conn) == []


def _manifest() -> dict[str, Any]:
    src = {"source.p.raw.documents": {"source_name": "raw", "name": "documents"},
           "source.p.raw.fetch_failures": {"source_name": "raw", "name": "fetch_failures"}}
    nodes = {
        "model.p.stg_docs": {"name": "stg_docs", "resource_type": "model", "fqn": ["p", "staging", "stg_docs"]},
        "model.p.stg_fetch": {"name": "stg_fetch", "resource_type": "model", "fqn": ["p", "staging", "stg_fetch"]},
        "model.p.dim_document": {"name": "dim_document", "resource_type": "model",
                                 "fqn": ["p", "marts", "dim_document"]},
        "model.p.fct_fetch": {"name": "fct_fetch", "resource_type": "model", "fqn": ["p", "marts", "fct_fetch"]},
        "model.p.q1": {"name": "q1", "resource_type": "model", "fqn": ["p", "questions", "q1"]},
        "test.p.not_null_stg_fetch": {"name": "not_null_stg_fetch", "resource_type": "test",
                                      "depends_on": {"nodes": ["model.p.stg_fetch"]}},
        "test.p.unique_fct_fetch": {"name": "unique_fct_fetch", "resource_type": "test",
                                    "depends_on": {"nodes": ["model.p.fct_fetch"]}},
    }
    child_map = {"source.p.raw.documents": ["model.p.stg_docs"], "model.p.stg_docs": ["model.p.dim_document"],
                 "model.p.dim_document": ["model.p.q1"], "source.p.raw.fetch_failures": ["model.p.stg_fetch"],
                 "model.p.stg_fetch": ["model.p.fct_fetch", "test.p.not_null_stg_fetch"],
                 "model.p.fct_fetch": ["test.p.unique_fct_fetch"]}
    return {"sources": src, "nodes": nodes, "child_map": child_map}


def test_dbt_builds_what_depends_on_the_changed_tables_and_the_marts() -> None:
    m = _manifest()
    needed = needed_nodes(m, ["documents"])
    assert needed == {"model.p.stg_docs", "model.p.dim_document", "model.p.q1", "model.p.fct_fetch",
                      "test.p.unique_fct_fetch"}
    assert exclude_args(m, ["documents"]) == ["--exclude", "not_null_stg_fetch stg_fetch"]
    assert needed_nodes(m, ["fetch_failures"]) == {
        "model.p.stg_fetch", "test.p.not_null_stg_fetch", "model.p.fct_fetch", "test.p.unique_fct_fetch",
        "model.p.dim_document"}


def _tick(cursor: str | None) -> dg.SensorResult:
    from pipelines.defs.sensor import inbox_sensor

    with dg.instance_for_test() as instance:
        result = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
    assert isinstance(result, dg.SensorResult)
    return result


def test_sensor_and_quick_look_start_nothing_for_loaded_files(jixiao_env: JixiaoEnv) -> None:
    from pipelines.run import nothing_to_do
    from warehouse.load import load_extraction

    a = jixiao_env.inbox / "a.txt"
    a.write_text("a", encoding="utf-8")
    with writer() as conn:
        load_extraction(conn, _extraction("a"), source_path=str(a), size_bytes=1)
        _settle(conn)
    jixiao_env.serving.mkdir(parents=True, exist_ok=True)
    (jixiao_env.serving / "CURRENT").write_text("v1", encoding="utf-8")

    first = _tick(None)  # a sensor with no cursor (first tick, or a reset one) sees only loaded files
    assert not first.run_requests
    assert nothing_to_do() is not None

    (jixiao_env.inbox / "b.txt").write_text("b", encoding="utf-8")
    second = _tick(first.cursor)
    assert len(second.run_requests) == 1
    assert nothing_to_do() is None

    with writer() as conn:  # a raw table changed but not built yet (e.g. a crash before dbt): work to do
        (jixiao_env.inbox / "b.txt").unlink()
        changes.mark_changed(conn, ["documents"])
    assert nothing_to_do() is None
