"""The fetcher's parts on their own: the sources check, page parsing, charsets, content sniffing, the
HTML reader, the per-host delay and the provenance loader."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import httpx
import pytest

from ingest.charset import decode_html
from ingest.fetch.client import FetchError, PoliteClient
from ingest.fetch.content import kind_of, report_suffix
from ingest.fetch.pages import article_page, listing_page, parse_date
from ingest.fetch.sources import adhoc_source, check_sources
from ingest.fetch.store import file_name
from ingest.readers import read_document
from ingest.readers.html_reader import document_blocks
from pipelines.cli import main

GOOD = """
defaults: {delay_seconds: 3}
sources:
  - name: some-county
    publisher: 某县财政局
    region_code: "530628"
    listings: [https://example.gov.cn/zwgk/czyjs/index.html]
    pagination: {template: "index_{n}.html", max_pages: 5}
"""
BAD = """
sources:
  - name: Bad Name
    listings: [ftp://x]
    region_code: "53"
    articles: {text: "绩效("}
    body: sometimes
    delay_seconds: -1
    colour: blue
  - name: twin
    publisher: 甲
    listings: [https://a.example/]
  - name: twin
    publisher: 乙
    listings: [https://b.example/]
"""


def test_sources_check_accepts_a_good_file_and_names_every_problem(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    [source], problems = check_sources(good)
    assert problems == [] and source.delay_seconds == 3 and source.pagination.template == "index_{n}.html"
    assert main(["sources", "check", "--sources", str(good)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    sources, problems = check_sources(bad)
    text = "\n".join(problems)
    for words in ("'name' must be lower-case", "'publisher'", "not an http(s) URL", "six-digit", "regular expression",
                  "'body' must be", "delay_seconds", "unknown key 'colour'", "name is used twice"):
        assert words in text, words
    assert [s.name for s in sources] == ["twin"]
    assert main(["sources", "check", "--sources", str(bad)]) == 2
    assert "bad  source 'twin': the name is used twice" in capsys.readouterr().out
    assert main(["fetch", "--sources", str(bad), "--inbox", str(tmp_path / "inbox")]) == 2


def test_the_shipped_sources_file_is_valid() -> None:
    assert check_sources()[1] == []


LISTING = """<html><head><base href="/zwgk/"></head><body>
<div class="nav"><a href="/zwgk/czyjs/">财政预决算</a></div>
<ul><li><a href="czyjs/t1.html">2023年度项目支出绩效自评报告</a> <span>2024-06-28</span></li>
<li><a href="https://other.example/t2.html">2023年度绩效自评报告</a></li>
<li><a href="/files/a.pdf">2023年度部门决算.pdf</a></li>
<li><a href="czyjs/t3.html">政府采购意向</a></li></ul>
<div class="pagination"><a href="czyjs/index_1.html">下一页</a></div></body></html>"""


def test_listing_links_resolve_and_follow_the_rules() -> None:
    source = adhoc_source("https://example.gov.cn/zwgk/czyjs/index.html")
    page = listing_page(LISTING, "https://example.gov.cn/zwgk/czyjs/index.html", source)
    assert [(a.url, a.date) for a in page.articles] == [("https://example.gov.cn/zwgk/czyjs/t1.html", "2024-06-28")]
    assert [a.url for a in page.attachments] == ["https://example.gov.cn/files/a.pdf"]
    assert page.next_pages == ["https://example.gov.cn/zwgk/czyjs/index_1.html"]


def test_article_title_date_and_attachments() -> None:
    html = """<html><head><meta name="PubDate" content="2024-05-01 09:30"><title>报告_某县人民政府</title></head>
    <body><h1>2023年度绩效自评报告</h1><p>附件：<a href="download.jsp?id=9">自评报告.docx</a>
    <a href="../x/表.XLSX">表</a><a href="/about.html">关于我们</a></p></body></html>"""
    page = article_page(html, "https://e.gov.cn/a/b/t.html", adhoc_source("https://e.gov.cn/a/"))
    assert page.title == "2023年度绩效自评报告" and page.published == "2024-05-01"
    assert [a.url for a in page.attachments] == ["https://e.gov.cn/a/b/download.jsp?id=9", "https://e.gov.cn/a/x/表.XLSX"]
    assert parse_date("发布时间：2024年6月8日") == "2024-06-08" and parse_date("2024-13-01") is None


def test_charsets() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>绩效自评𠀀</body></html>'
    text, codec = decode_html(page.encode("gb18030"))
    assert "绩效自评" in text and codec == "gb18030"
    assert decode_html("绩效".encode("gbk"), "text/html; charset=GBK")[0] == "绩效"
    assert decode_html('<meta charset="gbk">绩效'.encode())[1] == "utf-8"  # the bytes are UTF-8, whatever it says
    assert "绩效自评报告" in decode_html("<p>绩效自评报告，项目资金执行情况良好。</p>".encode("gbk"))[0]


def test_content_sniffing(tmp_path: Path) -> None:
    rendered = Path(__file__).parent / "fixtures" / "rendered"
    docx_bytes = (rendered / "003_430475d196af1e11.docx").read_bytes()
    assert kind_of(docx_bytes) == ".docx" and report_suffix(docx_bytes, ".doc", "u") == ".docx"
    with pytest.raises(FetchError) as e:
        report_suffix(b"<!DOCTYPE html><html><body>404</body></html>", ".pdf", "u")
    assert e.value.reason == "not_a_document"
    assert report_suffix(b"<html><table><tr><td>1</td></tr></table></html>", ".xls", "u") == ".html"
    with pytest.raises(FetchError):
        report_suffix(b"", ".pdf", "u")
    assert file_name("https://e.gov.cn/f/P0202.pdf", ".pdf", "自评报告.pdf") == file_name(
        "https://e.gov.cn/f/P0202.pdf", ".pdf", "自评报告.pdf") != file_name("https://e.gov.cn/g/P0202.pdf", ".pdf",
                                                                         "自评报告.pdf")
    # a web page saved under an office name is read as the web page it is
    fake_xls = tmp_path / "表.xls"
    fake_xls.write_bytes("<html><body><table><tr><td>项目名称</td><td>预算数</td></tr></table></body></html>".encode())
    assert read_document(fake_xls).format == "html"


def test_html_reader_merged_cells_and_boilerplate() -> None:
    html = """<html><body><div class="header">某县人民政府门户网站</div><h1>自评报告</h1>
    <div class="article-info">发布时间：2024-06-28 浏览次数：99</div>
    <div class="TRS_Editor"><p>一、基本情况</p>
    <table><tr><td rowspan="2">项目</td><td colspan="2">资金（万元）</td></tr><tr><td>预算</td><td>执行</td></tr>
    <tr><td>A</td><td>1,000.00</td><td>950</td></tr></table></div>
    <div class="bdsharebuttonbox">分享到：微信</div><div class="footer">版权所有 备案号</div></body></html>"""
    blocks = document_blocks(html)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "table"]
    assert blocks[0].text == "自评报告"
    assert blocks[2].table.rows == [["项目", "资金（万元）", ""], ["", "预算", "执行"], ["A", "1,000.00", "950"]]
    text = "\n".join(b.text for b in blocks)
    assert not any(w in text for w in ("分享", "版权", "浏览次数", "门户网站"))


def _fake_site(log: list[tuple[str, float]]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        log.append((request.url.path, time.monotonic()))
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /no/\n")
        if request.url.path.startswith("/hop"):
            n = int(request.url.path[4:] or 0)
            return httpx.Response(302, headers={"Location": f"/hop{n + 1}"})
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, content=b"%PDF-1.4 x", headers={"ETag": '"v1"'})
    return httpx.MockTransport(handler)


def test_client_spaces_requests_and_bounds_redirects() -> None:
    log: list[tuple[str, float]] = []
    with PoliteClient(transport=_fake_site(log), max_redirects=3) as client:
        first = client.get("https://e.gov.cn/a.pdf", delay=0.3)
        again = client.get("https://e.gov.cn/a.pdf", delay=0.3, etag=first.etag)
        assert first.status == 200 and again.not_modified and again.content == b""
        times = [t for p, t in log if p == "/a.pdf"]
        assert times[1] - times[0] >= 0.29  # the source's delay between two requests to one host
        with pytest.raises(FetchError) as e:
            client.get("https://e.gov.cn/no/x.pdf")
        assert e.value.reason == "robots_disallowed"
        with pytest.raises(FetchError) as e:
            client.get("https://e.gov.cn/hop0")
        assert e.value.reason == "too_many_redirects"
        assert [p for p, _ in log].count("/robots.txt") == 1


def test_provenance_loader_keeps_versions(tmp_path: Path) -> None:
    from warehouse.fetch_load import replace_fetch_provenance
    from warehouse.schema import ensure_schema

    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    sidecar = {"source_path": "/in/a.pdf", "sha256": "b" * 64, "source": "s", "article_url": "https://e/a.html",
               "published": "2024年6月8日", "published_date": "2024-06-08", "fetched_at": "2024-06-09T01:00:00+08:00",
               "versions": [{"sha256": "a" * 64, "fetched_at": "2024-06-08T00:00:00+00:00"},
                            {"sha256": "b" * 64, "fetched_at": "2024-06-09T01:00:00+08:00"}]}
    failure = {"source": "s", "url": "https://e/x", "reason": "not_found", "http_status": 404}
    for _ in range(2):  # loading twice changes nothing
        counts = replace_fetch_provenance(conn, [sidecar, {"broken": True}], [failure])
    assert counts == {"fetched_reports": 2, "fetch_failures": 1, "sidecars_skipped": 1}
    rows = conn.execute("select version, is_current, published_date::varchar, fetched_at::varchar "
                        "from raw.fetched_reports order by version").fetchall()
    assert rows == [(1, False, "2024-06-08", "2024-06-08 00:00:00"), (2, True, "2024-06-08", "2024-06-08 17:00:00")]
