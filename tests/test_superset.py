"""The Superset bundle (dashboards/superset/): provisioned and imported as `make superset` does, on a
warehouse built by the test; every chart's data, through Superset's chart-data API, equals `jixiao
sql` on the same serving copy; the dashboard opens in chromium and shows the same headline; a
screenshot is kept (docs/img/superset.png is one).

Superset lives in its own environment, .venv-superset (a large install that pins SQLAlchemy 1.4):
`make test` (and so CI) creates it and runs this module with the rest, and `make test-superset` runs
this module alone. A bare `pytest` without that environment skips it, unless JIXIAO_REQUIRE_SUPERSET=1
(set by both make targets) makes the missing environment a failure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from e2e_build import Build, use_env

from warehouse.serving import run_sql_cli

PROJECT = Path(__file__).resolve().parents[1]
SUPERSET = PROJECT / ".venv-superset" / "bin" / "superset"
ARTIFACTS = Path(os.environ.get("JIXIAO_TEST_ARTIFACTS", PROJECT / "test-artifacts"))

REQUIRED = os.environ.get("JIXIAO_REQUIRE_SUPERSET") == "1"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SUPERSET.exists() and not REQUIRED,
                                                   reason="no .venv-superset: run `make test-superset`")]

sys.path.insert(0, str(PROJECT / "dashboards" / "superset"))
import provision  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def superset(sample_warehouse: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Superset provisioned on the sample warehouse's serving copy and serving on 127.0.0.1."""
    assert SUPERSET.exists(), f"{SUPERSET} is missing: `make superset-install` creates it"
    home = tmp_path_factory.mktemp("superset")
    serving_db = sample_warehouse.env.serving / "jixiao.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        use_env(sample_warehouse.env, mp)
        password = provision.provision(SUPERSET, home, serving_db)
        port = free_port()
        proc = subprocess.Popen([str(SUPERSET), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
                                env=provision.superset_env(home), cwd=home,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(url + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, "superset did not start"
                time.sleep(1)
            client = httpx.Client(base_url=url, timeout=120)
            token = client.post("/api/v1/security/login", json={"username": provision.ADMIN, "password": password,
                                                                "provider": "db", "refresh": False}).json()
            client.headers["Authorization"] = f"Bearer {token['access_token']}"
            yield {"url": url, "password": password, "client": client}
            client.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def sql(query: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert run_sql_cli(query, "json") == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def chart_data(client: httpx.Client, form_data: dict[str, Any],
               chosen: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """What the dashboard's chart asks Superset for: its query, built from the chart's saved form data,
    narrowed by the native filters' `chosen` values ({"col", "op": "IN", "val"}) as the filter bar sends them."""
    where = " AND ".join(f["sqlExpression"] for f in form_data.get("adhoc_filters", [])
                         if f.get("expressionType") == "SQL")
    query: dict[str, Any] = {"extras": {"where": where}, "row_limit": form_data.get("row_limit", 1000),
                             "filters": chosen or []}
    if form_data["viz_type"] == "big_number_total":
        query["metrics"] = [form_data["metric"]]
    elif form_data.get("query_mode") == "raw":
        query["columns"] = form_data["all_columns"]
    else:
        query["columns"] = form_data.get("groupby") or [form_data["x_axis"]]
        query["metrics"] = form_data["metrics"]
    body = {"datasource": {"id": int(form_data["datasource"].split("__")[0]), "type": "table"},
            "queries": [query], "result_format": "json", "result_type": "full", "form_data": form_data}
    r = client.post("/api/v1/chart/data", json=body)
    assert r.status_code == 200, r.text
    return r.json()["result"][0]["data"]


def headline_rate(capsys: pytest.CaptureFixture[str]) -> str:
    (t,) = sql("SELECT sum(budget_full_year_wan) AS b, sum(executed_wan) AS e FROM q1_execution_rate_by_region "
               "WHERE region_level = 'province' AND project_rows_with_both > 0", capsys)
    return str((100 * Decimal(t["e"]) / Decimal(t["b"])).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def test_every_chart_of_the_imported_dashboard_equals_jixiao_sql(
        superset: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    charts = superset["client"].get("/api/v1/dashboard/jixiao/charts").json()["result"]
    data = {c["form_data"]["slice_id"] if "slice_id" in c["form_data"] else c["id"]: c for c in charts}
    by_title = {c["slice_name"].split()[0]: chart_data(superset["client"], c["form_data"]) for c in data.values()}
    assert len(by_title) == 7
    assert f"{by_title['执行率'][0]['execution_rate_pct']:.4f}" == headline_rate(capsys)
    assert by_title["自相矛盾"][0]["failed_checks"] == sql("SELECT count(*) AS n FROM q6_report_inconsistencies",
                                                       capsys)[0]["n"]
    q1 = sql("SELECT province_name, fiscal_year, execution_rate_pct FROM q1_execution_rate_by_region "
             "WHERE region_level = 'province' AND project_rows_with_both > 0", capsys)
    assert sorted((r["province_name"], r["fiscal_year"], f"{r['execution_rate_pct']:.4f}")
                  for r in by_title["按省执行率"]) == \
        sorted((t["province_name"], t["fiscal_year"], t["execution_rate_pct"]) for t in q1)
    q2 = sql("SELECT project_name, source_name, page FROM q2_underspent_projects", capsys)
    assert sorted((r["project_name"], r["source_name"], r["page"]) for r in by_title["执行不足"]) == \
        sorted((t["project_name"], t["source_name"], t["page"]) for t in q2)
    q3 = sql("SELECT indicator_category, sum(met) AS met, sum(not_met) AS not_met, sum(undecidable) AS u "
             "FROM q3_indicator_met_share GROUP BY 1", capsys)
    assert {r["indicator_category"]: (r["met"], r["not_met"], r["undecidable"]) for r in by_title["指标达成"]} == \
        {t["indicator_category"]: (int(t["met"]), int(t["not_met"]), int(t["u"])) for t in q3}
    failures = sql("SELECT reason, count(*) AS n FROM ingest_failures GROUP BY 1", capsys)
    assert {r["reason"]: r["files"] for r in by_title["入库失败"]} == {t["reason"]: t["n"] for t in failures}
    assert len(by_title["自相矛盾明细"]) == by_title["自相矛盾"][0]["failed_checks"]


def test_the_province_and_year_filters_narrow_every_chart_in_their_scope(
        superset: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    client = superset["client"]
    meta = json.loads(client.get("/api/v1/dashboard/jixiao").json()["result"]["json_metadata"])
    filters = {f["targets"][0]["column"]["name"]: f for f in meta["native_filter_configuration"]}
    assert set(filters) == {"province_name", "fiscal_year"}
    charts = {c["slice_name"].split()[0]: c for c in client.get("/api/v1/dashboard/jixiao/charts").json()["result"]}
    ids = {title: c["id"] for title, c in charts.items()}
    # the import pointed the filters at the imported dataset and charts
    q1_dataset = int(charts["按省执行率"]["form_data"]["datasource"].split("__")[0])
    assert {f["targets"][0]["datasetId"] for f in filters.values()} == {q1_dataset}
    assert sorted(filters["province_name"]["scope"]["excluded"]) == sorted([ids["执行率"], ids["入库失败"]])
    assert filters["fiscal_year"]["scope"]["excluded"] == [ids["入库失败"]]
    # one province and year chosen: every chart in scope answers, narrowed to them
    pick = sql("SELECT province_name, fiscal_year, execution_rate_pct FROM q1_execution_rate_by_region "
               "WHERE region_level = 'province' AND project_rows_with_both > 0 ORDER BY 1, 2 LIMIT 1", capsys)[0]
    answers = {}
    for title, c in charts.items():
        chosen = [{"col": col, "op": "IN", "val": [pick[col]]} for col, f in filters.items()
                  if c["id"] not in f["scope"]["excluded"]]
        answers[title] = chart_data(client, c["form_data"], chosen)
    assert [(r["province_name"], r["fiscal_year"], f"{r['execution_rate_pct']:.4f}") for r in answers["按省执行率"]] \
        == [(pick["province_name"], pick["fiscal_year"], pick["execution_rate_pct"])]
    q2 = sql(f"SELECT count(*) AS n FROM q2_underspent_projects WHERE province_name = '{pick['province_name']}' "
             f"AND fiscal_year = {pick['fiscal_year']}", capsys)[0]["n"]
    assert len(answers["执行不足"]) == q2


def test_the_dashboard_in_chromium(superset: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from playwright.sync_api import sync_playwright
    from test_dashboard_browser import chromium

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1400})
            page.goto(superset["url"] + "/login/")
            page.fill("#username, input[name=username]", provision.ADMIN)
            page.fill("#password, input[name=password]", superset["password"])
            page.keyboard.press("Enter")
            page.wait_for_url(lambda u: "/login" not in u, timeout=120_000)  # a loaded 2-core runner may take over a minute to log in
            page.goto(superset["url"] + "/superset/dashboard/jixiao/?standalone=1")
            # the two big numbers drawn, the bar chart's canvas, the tables' rows
            deadline = time.monotonic() + 180  # Superset's CSP forbids wait_for_function: poll from here
            while len([t for t in page.locator(".header-line").all_inner_texts() if t.strip()]) < 2:
                assert time.monotonic() < deadline, "the big numbers were not drawn in 180 s"
                page.wait_for_timeout(500)
            page.wait_for_selector(".dashboard-chart canvas, .chart-container canvas", timeout=120_000)
            page.wait_for_selector("table tbody tr", timeout=120_000)
            page.wait_for_timeout(3000)  # let the bar chart finish its animation
            # the native filters' first load redraws the charts: read the numbers once drawn again
            deadline = time.monotonic() + 120
            big_numbers = [t for t in page.locator(".header-line").all_inner_texts() if t.strip()]
            while len(big_numbers) < 2:
                assert time.monotonic() < deadline, "the big numbers were not drawn again in 120 s"
                page.wait_for_timeout(500)
                big_numbers = [t for t in page.locator(".header-line").all_inner_texts() if t.strip()]
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "superset-dashboard.png"), full_page=True)
            failed = sql("SELECT count(*) AS n FROM q6_report_inconsistencies", capsys)[0]["n"]
            assert sorted(big_numbers) == sorted([headline_rate(capsys), str(failed)])
        finally:
            browser.close()
