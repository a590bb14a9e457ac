"""The built-in dashboard: every page's numbers equal what `jixiao sql` gives on the same serving copy
(the question views), filters change them, the app renders every page (Streamlit's AppTest), and a
publication shows without a restart.

The warehouse is the session's `sample_warehouse` (the whole job on the generated sample corpus).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from e2e_build import Build, use_env

from dashboards import queries as q
from warehouse.serving import publish, run_sql_cli

APP = Path(__file__).resolve().parents[1] / "dashboards" / "app.py"


@pytest.fixture(scope="module")
def build(sample_warehouse: Build) -> Iterator[Build]:
    with pytest.MonkeyPatch.context() as mp:
        use_env(sample_warehouse.env, mp)
        yield sample_warehouse


def sql(query: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """Rows as `jixiao sql --format json` prints them (decimals as exact strings)."""
    capsys.readouterr()
    assert run_sql_cli(query, "json") == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def text(value: Any) -> str | None:
    """A value as `jixiao sql --format json` prints it."""
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def test_execution_rate_by_province_and_prefecture_equals_q1(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = {(r["region"], r["fiscal_year"]): r for r in q.execution_by_region(q.Filters()).dicts()}
    truth = sql("SELECT * FROM q1_execution_rate_by_region WHERE region_level = 'province' "
                "AND project_rows_with_both > 0", capsys)
    assert len(truth) >= 2 and len(page) == len(truth)
    for t in truth:
        p = page[(t["province_name"], t["fiscal_year"])]
        assert (text(p["budget_full_year_wan"]), text(p["executed_wan"]), text(p["execution_rate_pct"])) == \
            (t["budget_full_year_wan"], t["executed_wan"], t["execution_rate_pct"])
    # choosing a province ranks its prefectures, and the headline follows the filter
    province = truth[0]["province_name"]
    narrowed = q.Filters(province=province)
    assert q.next_level(narrowed) == "prefecture"
    sub = {(r["region"], r["fiscal_year"]): r for r in q.execution_by_region(narrowed).dicts()}
    expect = sql("SELECT * FROM q1_execution_rate_by_region WHERE region_level = 'prefecture' "
                 f"AND province_name = '{province}' AND project_rows_with_both > 0", capsys)
    assert {(t["prefecture_name"], t["fiscal_year"]): t["execution_rate_pct"] for t in expect} == \
        {k: text(v["execution_rate_pct"]) for k, v in sub.items()}
    everything = q.execution_total(q.Filters()).dicts()[0]
    only = q.execution_total(narrowed).dicts()[0]
    assert only["budget_full_year_wan"] < everything["budget_full_year_wan"]
    year = truth[0]["fiscal_year"]
    in_year = q.execution_total(q.Filters(province=province, fiscal_year=year)).dicts()[0]
    assert text(in_year["execution_rate_pct"]) == truth[0]["execution_rate_pct"]


def test_underspent_projects_equal_q2_with_their_reports(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = q.project_rows(q.Filters(), below_pct=Decimal(80)).dicts()
    truth = sql("SELECT * FROM q2_underspent_projects", capsys)
    key = ("fiscal_year", "unit_name", "project_name", "executed_wan", "execution_rate_computed_pct",
           "source_name", "page")
    assert truth, "the sample corpus has underspent projects"
    assert sorted(tuple(text(r[k]) for k in key) for r in page) == \
        sorted(tuple(None if t[k] is None else str(t[k]) for k in key) for t in truth)
    assert all(r["source_name"] and r["document_id"] for r in page)  # every row names its report
    # a lower threshold shows fewer projects
    assert len(q.project_rows(q.Filters(), below_pct=Decimal(50)).rows) < len(page)


def test_indicators_met_by_category_equal_q3(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = {r["indicator_category"]: r for r in q.indicators_by_category(q.Filters()).dicts()}
    truth = sql("SELECT indicator_category, sum(indicators) AS n, sum(met) AS met, sum(not_met) AS not_met, "
                "sum(undecidable) AS u FROM q3_indicator_met_share GROUP BY 1", capsys)
    assert truth
    assert {t["indicator_category"]: (t["n"], t["met"], t["not_met"], t["u"]) for t in truth} == \
        {c: (r["indicators"], r["met"], r["not_met"], r["undecidable"]) for c, r in page.items()}
    rows = q.indicator_rows(q.Filters()).dicts()
    assert len(rows) == sum(r["indicators"] for r in page.values())
    assert all(r["source_name"] and r["document_id"] for r in rows)


def test_credibility_scatter_equals_q4_and_q5(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = q.credibility(q.Filters()).dicts()
    q5 = {(t["unit_name"], t["fiscal_year"]): t for t in sql("SELECT * FROM q5_unit_across_years", capsys)}
    assert page
    for r in page:
        t = q5[(r["unit_name"], r["fiscal_year"])]
        assert (text(r["best_self_score"]), text(r["execution_rate_pct"])) == \
            (t["best_self_score"], t["execution_rate_pct"])
    flagged = {(r["unit_name"], r["fiscal_year"]) for r in page
               if r["best_self_score"] >= 95 and r["execution_rate_pct"] < 80}
    assert flagged == {(t["unit_name"], t["fiscal_year"]) for t in
                       sql("SELECT unit_name, fiscal_year FROM q4_high_score_low_execution", capsys)}


def test_one_unit_across_years_equals_q5(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    best = sql("SELECT unit_key, count(*) AS n FROM q5_unit_across_years GROUP BY 1 ORDER BY n DESC, unit_key "
               "LIMIT 1", capsys)[0]
    page = q.unit_years(q.Filters(unit_key=best["unit_key"])).dicts()
    truth = sql(f"SELECT * FROM q5_unit_across_years WHERE unit_key = '{best['unit_key']}' ORDER BY fiscal_year",
                capsys)
    cols = ("fiscal_year", "best_self_score", "budget_full_year_wan", "executed_wan", "execution_rate_pct",
            "indicators", "indicators_met")
    assert [tuple(text(r[c]) for c in cols) for r in page] == \
        [tuple(None if t[c] is None else str(t[c]) for c in cols) for t in truth]
    docs = q.unit_documents(q.Filters(unit_key=best["unit_key"])).dicts()
    assert docs and all(d["source_name"] for d in docs)


def test_inconsistencies_equal_q6(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = q.inconsistency_rows(q.Filters()).dicts()
    truth = sql("SELECT * FROM q6_report_inconsistencies", capsys)
    cols = ("check_name", "subject", "printed_value", "computed_value", "source_name", "page")
    assert Counter(tuple(text(r[c]) for c in cols) for r in page) == \
        Counter(tuple(None if t[c] is None else str(t[c]) for c in cols) for t in truth)
    by_check = {r["check_name"]: r["failed"] for r in q.inconsistencies_by_check(q.Filters()).dicts()}
    assert by_check == dict(Counter(t["check_name"] for t in truth))


def test_failures_page_equals_ingest_failures(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    page = {r["reason"]: r["files"] for r in q.failures_by_reason().dicts()}
    truth = sql("SELECT reason, count(*) AS n FROM ingest_failures GROUP BY 1", capsys)
    assert page and page == {t["reason"]: t["n"] for t in truth}
    assert len(q.failure_rows().rows) == sum(page.values())


def test_every_page_renders_and_filters_change_the_numbers(build: Build) -> None:
    from streamlit.testing.v1 import AppTest

    def headline(at: AppTest) -> str:
        return at.metric[0].value

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    total = q.execution_total(q.Filters()).dicts()[0]
    assert headline(at) == f"{total['execution_rate_pct']} %"
    for page in ("underspent", "indicators", "credibility", "unit", "inconsistencies", "failures"):
        at.sidebar.radio(key="page").set_value(page).run()
        assert not at.exception, (page, at.exception)
        assert at.metric, page
    at.sidebar.radio(key="page").set_value("underspent").run()
    assert headline(at) == str(len(q.project_rows(q.Filters(), below_pct=Decimal(80)).rows))
    at.sidebar.radio(key="page").set_value("execution").run()
    province = q.filter_options(q.Filters())["province"][0]
    at.sidebar.selectbox(key="f_province").set_value(province).run()
    narrowed = q.execution_total(q.Filters(province=province)).dicts()[0]
    assert headline(at) == f"{narrowed['execution_rate_pct']} %"


def test_a_publication_shows_without_a_restart(build: Build) -> None:
    before = q.publication().rows[0][0]
    new = publish(keep=3).name
    assert new != before
    assert q.publication().rows[0][0] == new
    assert q.execution_total(q.Filters()).version == new


def test_superset_bundle_matches_the_serving_copy(build: Build, tmp_path: Path) -> None:
    """The Superset bundle names only tables and columns the serving copy has, and its database gets
    the serving path at import (runs without Superset; tests/test_superset.py imports it for real)."""
    import sys
    import zipfile

    import yaml

    sys.path.insert(0, str(APP.parent / "superset"))
    import provision

    bundle = provision.render_bundle(build.env.serving / "jixiao.duckdb", tmp_path / "b.zip")
    with zipfile.ZipFile(bundle) as z:
        docs = {n: yaml.safe_load(z.read(n)) for n in z.namelist()}
    (db,) = [d for n, d in docs.items() if "/databases/" in n]
    assert db["sqlalchemy_uri"] == f"duckdb:///{build.env.serving / 'jixiao.duckdb'}"
    assert db["extra"]["engine_params"]["connect_args"]["read_only"] is True
    datasets = {d["uuid"]: d for n, d in docs.items() if "/datasets/" in n}
    for d in datasets.values():
        have = {c for (c,) in q.run(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{d['table_name']}'").rows}
        assert {c["column_name"] for c in d["columns"]} == have, d["table_name"]
        for m in d["metrics"]:  # every metric runs on the serving copy
            q.run(f"SELECT {m['expression']} FROM {d['table_name']}")
    charts = [d for n, d in docs.items() if "/charts/" in n]
    assert len(charts) == 7
    for c in charts:
        ds = datasets[c["dataset_uuid"]]
        names = {col["column_name"] for col in ds["columns"]} | {m["metric_name"] for m in ds["metrics"]}
        used = c["params"].get("all_columns", []) + c["params"].get("groupby", []) + c["params"].get("metrics", []) \
            + [c["params"][k] for k in ("metric", "x_axis") if k in c["params"]]
        assert used and set(used) <= names, c["slice_name"]
    (dash,) = [d for n, d in docs.items() if "/dashboards/" in n]
    placed = {v["meta"]["uuid"] for v in dash["position"].values() if isinstance(v, dict) and v.get("type") == "CHART"}
    assert placed == {c["uuid"] for c in charts}
    # the province and year filters reach exactly the charts whose dataset has their column
    chart_ids = {v["meta"]["chartId"]: v["meta"]["uuid"] for v in dash["position"].values()
                 if isinstance(v, dict) and v.get("type") == "CHART"}
    by_uuid = {c["uuid"]: c for c in charts}
    filters = {f["targets"][0]["column"]["name"]: f for f in dash["metadata"]["native_filter_configuration"]}
    assert set(filters) == {"province_name", "fiscal_year"}
    for column, f in filters.items():
        target = datasets[f["targets"][0]["datasetUuid"]]
        assert column in {c["column_name"] for c in target["columns"]}
        in_scope = set(chart_ids) - set(f["scope"]["excluded"])
        has_column = {i for i, u in chart_ids.items()
                      if column in {c["column_name"] for c in datasets[by_uuid[u]["dataset_uuid"]]["columns"]}}
        assert in_scope == has_column, column
