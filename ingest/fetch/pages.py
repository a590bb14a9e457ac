"""What a listing page and an article page say: pure functions over decoded HTML and the page URL.

A listing page gives the links to report articles (by the source's URL and link-text rules), the
attachments it links to directly, the date printed beside each link, and its further pages (links
whose text says 下一页). An article page gives its title, its publication date as printed, and its
attachments (by suffix in the URL or in the link text, or the source's attachment URL rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from ingest.fetch.sources import Source
from ingest.readers.html_reader import layout, parse_tree

DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})(?:\s*日)?")
LABELLED_DATE = re.compile(r"(?:发布|发文|成文|公开|印发|更新)(?:日期|时间)\s*[：:]\s*" + DATE.pattern)
DATE_METAS = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date")
TITLE_METAS = ("articletitle", "og:title", "title")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Link:
    """A link on a page: absolute URL (no fragment), its text, and the date printed beside it."""

    url: str
    text: str
    date: str | None = None


@dataclass
class ListingPage:
    articles: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)


@dataclass
class ArticlePage:
    title: str | None
    published: str | None  # as printed, e.g. 2024-06-28 or 2024年6月28日
    attachments: list[Link] = field(default_factory=list)


def _text(el: object) -> str:
    return SPACE.sub(" ", el.text_content()).strip()  # type: ignore[attr-defined]


def page_links(html_text: str, page_url: str, content_only: bool = False) -> list[Link]:
    """Every <a href> of the page, resolved against the page URL (or its <base href>), in order;
    with `content_only`, none in the page furniture (navigation, footer, … of html_layout.yaml)."""
    root = parse_tree(html_text)
    if content_only:
        for el in layout()["drop"](root):
            if el.getparent() is not None:
                el.drop_tree()
    base = page_url
    for b in root.iter("base"):
        if b.get("href"):
            base = urljoin(page_url, b.get("href"))
            break
    links: list[Link] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        text = _text(a) or (a.get("title") or "").strip()
        parent = a.getparent()
        date_match = DATE.search(_text(parent)) if parent is not None else None
        links.append(Link(url, text, date_match.group(0) if date_match else None))
    return links


def suffix_of(link: Link) -> str:
    """The file suffix a link names: from its URL path, else from its text (附件：报告.pdf)."""
    suffix = PurePosixPath(unquote(urlsplit(link.url).path)).suffix.lower()
    if suffix:
        return suffix
    m = re.search(r"\.([A-Za-z]{2,4})\s*$", link.text)
    return "." + m.group(1).lower() if m else ""


def is_attachment(link: Link, source: Source) -> bool:
    if source.attachment_url and re.search(source.attachment_url, link.url):
        return True
    return suffix_of(link) in source.attachment_types or (
        PurePosixPath(link.text.strip()).suffix.lower() in source.attachment_types)


def _same_site(url: str, page_url: str, source: Source) -> bool:
    return not source.same_host or urlsplit(url).netloc == urlsplit(page_url).netloc


def listing_page(html_text: str, page_url: str, source: Source) -> ListingPage:
    """The article links, direct attachments and further pages of one listing page."""
    out = ListingPage()
    for link in page_links(html_text, page_url):
        says_next = any(word and word.lower() in link.text.lower() for word in source.pagination.next_text)
        if says_next and _same_site(link.url, page_url, source) and link.url not in out.next_pages \
                and link.url != page_url:
            out.next_pages.append(link.url)
    seen: set[str] = set(out.next_pages)
    for link in page_links(html_text, page_url, content_only=True):
        if link.url in seen or link.url == page_url or urlsplit(link.url).path.endswith("/"):
            continue
        if not _same_site(link.url, page_url, source):
            continue
        if source.article_url and not re.search(source.article_url, link.url):
            continue
        if source.article_text and not re.search(source.article_text, link.text):
            continue
        seen.add(link.url)
        (out.attachments if is_attachment(link, source) else out.articles).append(link)
    return out


def _meta(root: object, names: tuple[str, ...]) -> str | None:
    for m in root.iter("meta"):  # type: ignore[attr-defined]
        key = (m.get("name") or m.get("property") or "").strip().lower()
        if key in names and (m.get("content") or "").strip():
            return m.get("content").strip()
    return None


def article_page(html_text: str, page_url: str, source: Source) -> ArticlePage:
    """Title, publication date as printed, and attachments of an article page."""
    root = parse_tree(html_text)
    title = _meta(root, TITLE_METAS[:2])
    if not title:
        h1 = next((h for h in root.iter("h1") if _text(h)), None)
        title = _text(h1) if h1 is not None else None
    if not title:
        t = root.find(".//title")
        title = re.split(r"[_|－—-]", _text(t))[0].strip() if t is not None and _text(t) else None
    published = _meta(root, DATE_METAS)
    if published:
        m = DATE.search(published)
        published = m.group(0) if m else published
    else:
        body_text = _text(root.find("body")) if root.find("body") is not None else _text(root)
        m = LABELLED_DATE.search(body_text)
        published = DATE.search(m.group(0)).group(0) if m else None  # type: ignore[union-attr]
    attachments: list[Link] = []
    seen: set[str] = set()
    for link in page_links(html_text, page_url):
        if link.url not in seen and link.url != page_url and is_attachment(link, source):
            seen.add(link.url)
            attachments.append(link)
    return ArticlePage(title, published, attachments)


def template_page(listing_url: str, template: str, n: int) -> str:
    """The n-th further page of a listing from a URL template (relative to the listing's folder)."""
    return urljoin(listing_url, template.replace("{n}", str(n)))


def parse_date(printed: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) of a date as printed, or None."""
    m = DATE.search(printed or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"

