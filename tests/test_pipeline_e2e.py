"""End to end: the whole Dagster job on the built-in sample corpus, in-process, into a temporary
warehouse, checked against the generator's truth (out/truth/*.json).

The warehouse is the session's `sample_warehouse` (conftest.py, built once and shared with
test_questions_sample_truth.py); this module's tests run in order: first what the build produced,
then a second run through `jixiao run` (nothing may change), then changes to the inbox (a changed
file, a vanished file) on the ingest assets alone, which leave the published serving copy as built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import dagster as dg
import pytest
from e2e_build import Build, table_counts, use_env
from e2e_build import failure_text as _failure_text
from e2e_build import query as _query
from e2e_build import run_job as _run

pytestmark = pytest.mark.slow

PYTHON_CHECKS = {"documents_have_unit_and_year", "execution_rate_consistent", "no_negative_money_projects",
                 "no_negative_money_spending_items", "no_negative_money_department_totals",
                 "serving_matches_marts"}
INGEST_KEYS = [dg.AssetKey("inbox_files"), dg.AssetKey("report_extractions")] + [
    dg.AssetKey(["raw", t]) for t in ("documents", "reports", "projects", "spending_items", "indicators",
                                      "department_totals", "extraction_warnings", "ingest_failures")
]


@pytest.fixture(scope="module")
def build(sample_warehouse: Build) -> Iterator[Build]:
    """The session's sample warehouse, with the environment pointing at it for this module."""
    with pytest.MonkeyPatch.context() as mp:
        use_env(sample_warehouse.env, mp)
        yield sample_warehouse


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def test_every_table_is_built(build: Build) -> None:
    marts = [t for t in build.counts if t.startswith("marts.")]
    assert {"marts.fct_project_spending", "marts.dim_region"} <= set(marts)
    assert build.counts["raw.documents"] == len(build.manifest["files"])


def test_dbt_tests_ran_as_checks_and_passed(build: Build) -> None:
    evaluations = build.result.get_asset_check_evaluations()
    dbt_checks = [e for e in evaluations if e.check_name not in PYTHON_CHECKS]
    assert len(dbt_checks) >= 10, "the dbt tests did not run as part of the build"
    failed = [e.asset_check_key.to_user_string() for e in dbt_checks
              if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
    assert not failed, f"dbt tests failed: {failed}"  # warn-severity tests may flag report oddities


def test_python_checks_agree_with_the_data(build: Build) -> None:
    passed = {e.check_name: e.passed for e in build.result.get_asset_check_evaluations()}
    assert set(passed) >= PYTHON_CHECKS
    assert passed["serving_matches_marts"]
    for table in ("projects", "spending_items", "department_totals"):
        assert passed[f"no_negative_money_{table}"]  # the generator writes no negative amounts
    missing = _query("select count(*) from raw.documents where fiscal_year is null "
                     "or (unit_name is null and coalesce(len(unit_aliases), 0) = 0)")[0][0]
    assert passed["documents_have_unit_and_year"] == (missing == 0)


def test_every_good_file_is_loaded_with_its_year(build: Build) -> None:
    loaded = dict(_query("select source_name, fiscal_year from raw.documents"))
    assert set(build.manifest["files"]) <= set(loaded)
    right_year = [n for n, t in build.truth.items() if loaded[n] == t["fiscal_year"]]
    assert len(right_year) >= 0.75 * len(build.truth), f"fiscal years wrong: {loaded}"


def test_bad_files_are_recorded_with_their_reasons(build: Build) -> None:
    failures = defaultdict(set)
    for name, reason, message in _query("select source_name, reason, message from raw.ingest_failures"):
        assert message, f"{name}: failure without a message"
        failures[name].add(reason)
    for name, meta in build.manifest["bad_files"].items():
        assert meta["expect_failure"] in failures.get(name, set()), f"{name}: recorded {failures.get(name)}"
    documents = {n for (n,) in _query("select source_name from raw.documents")}
    assert not documents & set(build.manifest["bad_files"])


def test_project_spending_matches_the_truth(build: Build) -> None:
    """The marts carry exactly what was loaded, and what was loaded is the truth for the files the
    extractor gets right — which must be most of them."""
    raw = defaultdict(list)
    for name, executed in _query("select d.source_name, p.executed_wan from raw.projects p "
                                 "join raw.documents d using (document_id)"):
        raw[name].append(_dec(executed))
    mart = defaultdict(list)
    for name, executed in _query("select source_name, executed_wan from marts.fct_project_spending"):
        mart[name].append(_dec(executed))
    assert {k: sorted(v, key=str) for k, v in mart.items()} == {k: sorted(v, key=str) for k, v in raw.items()}

    right: list[str] = []
    for name, truth in build.truth.items():
        expected = sorted((_dec(p["executed"]) for p in truth["projects"]), key=str)
        if sorted(raw.get(name, []), key=str) == expected:
            right.append(name)
    assert len(right) >= 0.75 * len(build.truth), f"extractor right on {right} only"

    expected_totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for name in right:
        t = build.truth[name]
        for p in t["projects"]:
            expected_totals[(t["unit"]["region_code"], t["fiscal_year"])] += _dec(p["executed"]) or Decimal(0)
    rows = _query(
        "select region_code, fiscal_year, sum(executed_wan) from marts.fct_project_spending "
        "where list_contains(?::varchar[], source_name) group by 1, 2", [right])
    got = {(r, y): _dec(s) or Decimal(0) for r, y, s in rows}
    assert got == {k: v for k, v in expected_totals.items() if v or k in got}


def test_dim_region_names_every_truth_region(build: Build) -> None:
    regions = {r[0]: r for r in _query(
        "select region_code, province_name, prefecture_name, county_name from marts.dim_region")}
    for name, truth in build.truth.items():
        unit = truth["unit"]
        assert unit["region_code"] in regions, f"{name}: {unit['region_code']} missing from dim_region"
        _, province, prefecture, county = regions[unit["region_code"]]
        for level, got in (("province", province), ("prefecture", prefecture), ("county", county)):
            if unit[level]:
                assert got == unit[level], f"{unit['region_code']} {level}: {got} != {unit[level]}"


def test_serving_copy_has_every_mart(build: Build) -> None:
    from warehouse.serving import connect_serving

    conn = connect_serving(read_only=True)
    try:
        for table, n in build.counts.items():
            schema, name = table.split(".")
            if schema != "marts":
                continue
            found = conn.execute("select table_schema from information_schema.tables where table_name = ?",
                                 [name]).fetchall()
            assert found, f"{name} is not in the serving copy"
            assert conn.execute(f'select count(*) from "{found[0][0]}"."{name}"').fetchone()[0] == n
    finally:
        conn.close()


def test_second_run_via_jixiao_run_changes_nothing(
    build: Build, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.run import run_main_job

    monkeypatch.setenv("DAGSTER_HOME", str(build.env.root / "dagster_home"))
    loaded_before = _query("select document_id, loaded_at from raw.documents order by 1")
    serving_before = (build.env.serving / "CURRENT").read_text(encoding="utf-8")
    assert run_main_job(inbox=build.env.inbox, samples=False, log_level="WARNING") == 0
    out = capsys.readouterr().out
    assert "nothing new" in out and "succeeded" not in out  # stopped before starting a Dagster run
    # the Dagster run itself, when started anyway (sensor, schedule, --force), loads, builds and publishes nothing
    assert run_main_job(inbox=build.env.inbox, samples=False, log_level="WARNING", force=True) == 0
    assert "succeeded" in capsys.readouterr().out
    assert table_counts() == build.counts
    assert _query("select document_id, loaded_at from raw.documents order by 1") == loaded_before
    assert (build.env.serving / "CURRENT").read_text(encoding="utf-8") == serving_before


def test_changed_file_replaces_its_rows(build: Build) -> None:
    name = next(n for n, m in build.manifest["files"].items() if m["format"] == "txt")
    path = build.env.inbox / name
    (old_id,) = _query("select document_id from raw.documents where source_name = ?", [name])[0]
    before = table_counts()
    with path.open("ab") as f:
        f.write(b"\n")  # new bytes, same report
    result = _run(INGEST_KEYS)
    assert result.success, _failure_text(result)
    rows = _query("select document_id, source_path from raw.documents where source_name = ?", [name])
    assert len(rows) == 1 and rows[0][0] != old_id and rows[0][1] == str(path.resolve())
    for table in ("reports", "projects", "indicators", "spending_items"):
        assert not _query(f"select 1 from raw.{table} where document_id = ?", [old_id])
    after = table_counts()
    assert {k: v for k, v in after.items() if k.startswith("raw.")} == \
        {k: v for k, v in before.items() if k.startswith("raw.")}


def test_removed_original_lets_its_duplicate_load(build: Build) -> None:
    dup, meta = next((n, m) for n, m in build.manifest["bad_files"].items() if m["expect_failure"] == "duplicate")
    original = build.env.inbox / meta["duplicate_of"]
    original.unlink()
    result = _run(INGEST_KEYS)
    assert result.success, _failure_text(result)
    names = {n for (n,) in _query("select source_name from raw.documents")}
    assert original.name not in names
    assert dup in names
    assert not _query("select 1 from raw.ingest_failures where source_name = ?", [dup])
