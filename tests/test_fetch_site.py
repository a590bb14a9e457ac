"""The fetcher against a publisher's site served on 127.0.0.1 (tests/fetch_site.py; never the real web):
an ad hoc listing, two nights (the second transfers only what changed), and fetch → `jixiao run` →
marts that say where each report was published."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import docx
import pytest
from fetch_site import NEW_ARTICLE, RENDERED, Site

from ingest.fetch.sources import load_sources
from pipelines.cli import main

FAILING = {"/err/t20240502_1.html", "/slow/t20240502_2.html", "/files/big.pdf"}  # answered 200/500 each night
REPORT_URLS = {  # what the site publishes that jixiao should keep, by the URL it came from
    "/zwgk/czyjs/t20240628_1.html", "/files/P020240628_2.pdf", "/files/upload/P020240501_3.docx",
    "/files/P020240501_direct.xlsx",
}
EXPECTED_FAILURES = {
    "/private/t20240601_4.html": "robots_disallowed", "/zwgk/czyjs/t20220101_0.html": "not_found",
    "/err/t20240502_1.html": "server_error", "/slow/t20240502_2.html": "timeout", "/loop/a.html": "redirect_loop",
    "/files/P020240502_5.pdf": "not_a_document", "/files/big.pdf": "too_large",
}


def write_sources(path: Path, site: Site) -> Path:
    path.write_text(f"""
defaults:
  delay_seconds: 0
  timeout_seconds: 1
  retries: 1
  backoff_seconds: 0.05
  max_bytes: 2000000
sources:
  - name: test-county
    publisher: 某某县财政局
    region_code: "110101"
    listings: ["{site.url('/zwgk/czyjs/index.html')}"]
""", encoding="utf-8")
    return path


def sidecars(inbox: Path) -> dict[str, dict]:
    """Attachment or article path on the site → its sidecar."""
    out = {}
    for p in (inbox / "fetched").rglob("*.source.json"):
        data = json.loads(p.read_text(encoding="utf-8"))
        url = data["attachment_url"] or data["article_url"]
        out[urlsplit(url).path] = data | {"_path": p}
    return out


def failures(inbox: Path) -> dict[str, str]:
    rows = json.loads((inbox / ".fetch" / "test-county" / "failures.json").read_text(encoding="utf-8"))
    return {urlsplit(r["url"]).path: r["reason"] for r in rows}


def corrected(docx_path: Path) -> bytes:
    """The DOCX as its publisher republishes it: the same report with a correction note."""
    document = docx.Document(str(docx_path))
    document.add_paragraph("（更正：附表数字已核对更正）")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture
def site() -> Site:
    with Site() as s:
        yield s


def test_adhoc_listing_takes_every_report_and_nothing_robots_forbids(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("JIXIAO_SOURCES", str(write_sources(tmp_path / "sources.yaml", site)))
    inbox = tmp_path / "inbox"
    assert main(["fetch", "--listing", site.url("/zwgk/czyjs/index.html"), "--inbox", str(inbox)]) == 0
    got = {p.name for p in (inbox / "fetched").rglob("*") if p.is_file()}
    assert len([n for n in got if not n.endswith(".json")]) == len(REPORT_URLS)
    paths = {h.path for h in site.hits}
    assert "/zwgk/czyjs/index_1.html" in paths  # pagination followed (下一页)
    assert not [p for p in paths if p.startswith("/private/")]  # robots.txt obeyed
    assert "/zwgk/czyjs/t20240301_7.html" not in paths  # not a report (采购意向)
    assert "/zwgk/" not in paths and "/" not in paths  # navigation is not an article
    out = capsys.readouterr().out
    assert "4 new" in out and "robots_disallowed 1" in out

    before = len(site.hits)
    assert main(["fetch", "--listing", site.url("/zwgk/czyjs/index.html"), "--inbox", str(inbox)]) == 0
    assert set(site.transfers(before)) <= FAILING  # nothing unchanged is downloaded again
    assert {h.path for h in site.hits[before:] if h.status == 304} >= REPORT_URLS
    assert "0 new, 0 replaced, 4 unchanged" in capsys.readouterr().out


def test_two_nights(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Night 1 through the Dagster fetch asset, night 2 through `jixiao fetch`: the same code."""
    from pipelines.defs.fetch import build_fetch_asset

    sources_file = write_sources(tmp_path / "sources.yaml", site)
    inbox = tmp_path / "inbox"
    monkeypatch.setenv("JIXIAO_INBOX", str(inbox))
    [source] = load_sources(sources_file)
    result = dg.materialize([build_fetch_asset(source)])
    assert result.success
    meta = result.asset_materializations_for_node("fetch__test_county")[0].metadata
    assert meta["files_new"].value == 4 and meta["failed"].value == len(EXPECTED_FAILURES)
    night1 = sidecars(inbox)
    assert set(night1) == REPORT_URLS
    assert failures(inbox) == EXPECTED_FAILURES
    pdf = night1["/files/P020240628_2.pdf"]
    assert pdf["title"] == "2023年度部门整体支出绩效自评报告" and pdf["published"] == "2024-06-28"
    assert pdf["article_url"] == site.url("/zwgk/czyjs/t20240628_2.html") and pdf["etag"]
    assert pdf["sha256"] and pdf["publisher"] == "某某县财政局" and pdf["fetched_at"]
    assert night1["/zwgk/czyjs/t20240628_1.html"]["attachment_url"] is None  # the article body is the report
    assert night1["/files/upload/P020240501_3.docx"]["published"] == "2024年5月1日"  # as printed

    site.second_night(corrected(RENDERED / "003_430475d196af1e11.docx"))
    before = len(site.hits)
    assert main(["fetch", "--inbox", str(inbox), "--sources", str(sources_file)]) == 0
    changed = set(site.transfers(before)) - FAILING
    assert changed == {"/zwgk/czyjs/index.html", NEW_ARTICLE, "/files/P020240701_9.docx",
                       "/files/upload/P020240501_3.docx"}
    night2 = sidecars(inbox)
    assert set(night2) == REPORT_URLS | {"/files/P020240701_9.docx"}
    docx_card = night2["/files/upload/P020240501_3.docx"]
    assert [v["sha256"] for v in docx_card["versions"]][0] == night1["/files/upload/P020240501_3.docx"]["sha256"]
    assert len(docx_card["versions"]) == 2 and docx_card["_path"] == night1["/files/upload/P020240501_3.docx"]["_path"]
    for url in REPORT_URLS - {"/files/upload/P020240501_3.docx"}:
        assert night2[url]["versions"] == night1[url]["versions"]  # untouched


@pytest.mark.slow
def test_fetch_then_run_puts_urls_in_the_marts(site: Site, jixiao_env, dbt_manifest: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from pipelines.run import run_main_job

    monkeypatch.setenv("DAGSTER_HOME", str(jixiao_env.root / "dagster_home"))
    sources_file = write_sources(jixiao_env.root / "sources.yaml", site)
    assert main(["fetch", "--sources", str(sources_file)]) == 0  # into JIXIAO_INBOX
    assert run_main_job(inbox=jixiao_env.inbox, samples=False, log_level="WARNING") == 0
    con = duckdb.connect(str(jixiao_env.serving / "jixiao.duckdb"), read_only=True)
    try:
        rows = con.execute("select attachment_url, article_url, published_date::varchar, load_status, fiscal_year "
                           "from fct_publication order by 1").fetchall()
        assert len(rows) == 4 and all(r[3] == "loaded" and r[4] for r in rows)
        assert {r[0] for r in rows} == {site.url(p) for p in REPORT_URLS if p.startswith("/files/")} | {None}
        assert ("2024-06-28" in {r[2] for r in rows}) and all(r[1].startswith(site.origin) for r in rows)
        facts = con.execute("select count(*), count(d.article_url) from fct_indicator_result "
                            "join dim_document d using (document_id)").fetchone()
        assert facts[0] > 0 and facts[0] == facts[1]  # every fact can say where it was published
        assert con.execute("select publisher, reports_fetched, fetch_failures from dim_source").fetchall() == [
            ("某某县财政局", 4, len(EXPECTED_FAILURES))]
        reasons = dict(con.execute("select failure_reason, count(*) from fct_fetch_failure group by 1").fetchall())
        assert reasons == {r: 1 for r in EXPECTED_FAILURES.values()}
    finally:
        con.close()
