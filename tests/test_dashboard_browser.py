"""The built-in dashboard in a real browser: `streamlit run` on a warehouse built by the test,
Debian's chromium driven by Playwright (no `playwright install`), charts waited for, a screenshot
kept, and the numbers a user reads checked against `jixiao sql` on the same serving copy.

Screenshots go to $JIXIAO_TEST_ARTIFACTS (default test-artifacts/); docs/img/dashboard.png in the
README is one of them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from e2e_build import Build, use_env

from warehouse.serving import run_sql_cli

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("JIXIAO_TEST_ARTIFACTS", PROJECT / "test-artifacts"))
CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
METRIC = '[data-testid="stMetricValue"]'


def chromium() -> str:
    """Debian's chromium, installed through scripts/system_deps.sh when missing (never skipped)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        subprocess.run(["bash", str(PROJECT / "scripts" / "system_deps.sh")], check=False, timeout=900)
        found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is needed: apt-get install chromium (scripts/system_deps.sh does it as root)"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_warehouse: Build) -> Iterator[str]:
    """`streamlit run dashboards/app.py` on 127.0.0.1, as `make dashboard` starts it, on the sample warehouse."""
    with pytest.MonkeyPatch.context() as mp:
        use_env(sample_warehouse.env, mp)
        port = free_port()
        streamlit = Path(sys.executable).with_name("streamlit")
        proc = subprocess.Popen(
            [str(streamlit), "run", str(PROJECT / "dashboards" / "app.py"), "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--client.toolbarMode", "viewer"],
            cwd=PROJECT, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(url + "/_stcore/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "streamlit exited"
                assert time.monotonic() < deadline, "streamlit did not start in 60 s"
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def sql(query: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert run_sql_cli(query, "json") == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def percent(executed: Decimal, budget: Decimal) -> str:
    """The marts' exact percentage to 4 places, half away from zero (both positive here)."""
    return str((Decimal(100) * executed / budget).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def metrics(page: Any) -> list[str]:
    page.wait_for_selector(METRIC, timeout=60_000)
    return page.locator(METRIC).all_inner_texts()


def open_page(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(METRIC, timeout=60_000)
    return page


def test_execution_page_in_chromium_shows_the_marts_numbers_and_follows_a_filter(
        server: str, browser: Any, sample_warehouse: Build, capsys: pytest.CaptureFixture[str]) -> None:
    q1 = sql("SELECT province_name, sum(budget_full_year_wan) AS b, sum(executed_wan) AS e, "
             "sum(project_rows_with_both) AS n FROM q1_execution_rate_by_region "
             "WHERE region_level = 'province' AND project_rows_with_both > 0 GROUP BY ROLLUP (1) "
             "ORDER BY province_name NULLS FIRST", capsys)
    everything = q1[0]
    page = open_page(browser, server + "/?page=execution")
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(1000)  # let vega finish drawing before the screenshot
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-execution.png"))
    assert metrics(page) == [f"{percent(Decimal(everything['e']), Decimal(everything['b']))} %",
                             everything["b"], everything["e"], str(everything["n"])]
    # choose a province in the sidebar, as a user does: the headline becomes that province's
    one = next(r for r in q1[1:] if r["province_name"] and Decimal(r["b"]) != Decimal(everything["b"]))
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="省 Province").click()
    page.get_by_role("option", name=one["province_name"], exact=True).click()
    expected = f"{percent(Decimal(one['e']), Decimal(one['b']))} %"
    page.wait_for_function("([sel, want]) => [...document.querySelectorAll(sel)].some(e => e.innerText === want)",
                           arg=[METRIC, expected], timeout=60_000)
    assert metrics(page)[:3] == [expected, one["b"], one["e"]]
    assert parse_qs(urlparse(page.url).query)["province"] == [one["province_name"]]  # a shareable view
    page.close()


def test_other_pages_in_chromium(server: str, browser: Any, sample_warehouse: Build,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    underspent = sql("SELECT count(*) AS n FROM q2_underspent_projects", capsys)[0]["n"]
    failed_checks = sql("SELECT count(*) AS n FROM q6_report_inconsistencies", capsys)[0]["n"]
    failures = sql("SELECT count(*) AS n FROM ingest_failures", capsys)[0]["n"]
    flagged = sql("SELECT count(*) AS n FROM q4_high_score_low_execution", capsys)[0]["n"]
    for name, want in (("underspent", underspent), ("inconsistencies", failed_checks), ("failures", failures),
                       ("credibility", flagged)):
        page = open_page(browser, f"{server}/?page={name}")
        page.wait_for_selector(CHART, timeout=60_000)
        assert metrics(page)[0] == str(want), name
        if name == "credibility":
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "dashboard-credibility.png"))
        page.close()
