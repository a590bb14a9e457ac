"""The publishers jixiao fetches from, as configuration: `sources.yaml` (or `JIXIAO_SOURCES`).

Each entry names a publisher, its region, the listing page(s) of its 信息公开 / 预决算公开 column,
how the listing is paginated, which links are report articles and which attachments to take, and
how politely to ask. `check_sources` reads the file and returns every problem it finds, in words a
person can fix; `load_sources` returns the sources or raises `SourcesError` with those problems.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

DEFAULT_FILE = Path(__file__).with_name("sources.yaml")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{1,62}$")
REGION = re.compile(r"^\d{6}$")
ATTACHMENT_TYPES = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".zip", ".txt")
REPORT_WORDS = "绩效|自评|决算|评价"
NEXT_PAGE_WORDS = ("下一页", "下页", "后一页", "next")

BodyRule = Literal["auto", "always", "never"]


class SourcesError(ValueError):
    """The sources file cannot be used; `problems` lists what is wrong, one line each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


@dataclass(frozen=True)
class Pagination:
    """How to reach a listing's further pages: links whose text says 下一页, and/or a URL template
    (`index_{n}.html`, relative to the first page) tried for n = start, start+1, … until a page is
    missing or adds no article; never more than `max_pages` pages per listing."""

    next_text: tuple[str, ...] = NEXT_PAGE_WORDS
    template: str | None = None
    start: int = 1
    max_pages: int = 20


@dataclass(frozen=True)
class Source:
    """One publisher's listing pages and the rules for reading them."""

    name: str
    publisher: str
    listings: tuple[str, ...]
    region_code: str | None = None
    pagination: Pagination = field(default_factory=Pagination)
    article_url: str | None = None  # regex on the absolute URL of a link to a report article
    article_text: str | None = REPORT_WORDS  # regex on its link text
    attachment_types: tuple[str, ...] = ATTACHMENT_TYPES
    attachment_url: str | None = None  # regex: links that are attachments whatever their suffix
    body: BodyRule = "auto"  # the article page itself is a report: auto = when it has no attachment
    delay_seconds: float = 1.0
    max_bytes: int = 50_000_000
    max_articles: int = 500
    timeout_seconds: float = 30.0
    retries: int = 2  # further attempts after a 5xx answer or a timeout, with exponential backoff
    backoff_seconds: float = 1.0
    same_host: bool = True  # follow article and pagination links on the listing's host only

    @property
    def hosts(self) -> set[str]:
        return {urlsplit(u).netloc for u in self.listings}


def sources_path() -> Path:
    """The sources file in force: `JIXIAO_SOURCES`, else the one shipped beside this module."""
    return Path(os.environ.get("JIXIAO_SOURCES") or DEFAULT_FILE).resolve()


SOURCE_KEYS = {"name", "publisher", "region_code", "listings", "pagination", "articles", "attachments", "body",
               "delay_seconds", "max_bytes", "max_articles", "timeout_seconds", "retries", "backoff_seconds",
               "same_host"}
PAGINATION_KEYS = {"next_text", "template", "start", "max_pages"}
ARTICLE_KEYS = {"url", "text"}
ATTACHMENT_KEYS = {"types", "url"}


def _regex(value: Any, where: str, problems: list[str]) -> str | None:
    if value is None:
        return None
    try:
        re.compile(str(value))
    except re.error as e:
        problems.append(f"{where}: '{value}' is not a regular expression ({e})")
        return None
    return str(value)


def _number(value: Any, where: str, problems: list[str], *, minimum: float, integer: bool = False) -> Any:
    ok = isinstance(value, int) if integer else isinstance(value, int | float)
    if isinstance(value, bool) or not ok or value < minimum:
        kind = "a whole number" if integer else "a number"
        problems.append(f"{where}: must be {kind} ≥ {minimum}, not {value!r}")
        return None
    return value


def _unknown(entry: dict[str, Any], allowed: set[str], where: str, problems: list[str]) -> None:
    for key in sorted(set(entry) - allowed):
        problems.append(f"{where}: unknown key '{key}' (known: {', '.join(sorted(allowed))})")


def _url(value: Any, where: str, problems: list[str]) -> str | None:
    parts = urlsplit(str(value))
    if not isinstance(value, str) or parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"{where}: '{value}' is not an http(s) URL")
        return None
    return value


def parse_source(entry: Any, where: str, problems: list[str], defaults: dict[str, Any]) -> Source | None:
    """One entry of the file → Source, appending what is wrong with it to `problems`."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping of keys (name, publisher, listings, …)")
        return None
    entry = {**defaults, **entry}
    start = len(problems)
    _unknown(entry, SOURCE_KEYS, where, problems)
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        problems.append(f"{where}: 'name' must be lower-case letters, digits, '-' or '_' (2–63 chars), not {name!r}")
    where = f"source '{name}'" if isinstance(name, str) else where
    publisher = entry.get("publisher")
    if not isinstance(publisher, str) or not publisher.strip():
        problems.append(f"{where}: 'publisher' (发布单位, e.g. 某县财政局) is required")
    region = entry.get("region_code")
    if region is not None:
        region = str(region)
        if not REGION.match(region):
            problems.append(f"{where}: 'region_code' must be a six-digit division code (行政区划代码), not {region!r}")
    listings = entry.get("listings")
    if isinstance(listings, str):
        listings = [listings]
    if not isinstance(listings, list) or not listings:
        problems.append(f"{where}: 'listings' must list at least one listing page URL")
        listings = []
    urls = [u for i, v in enumerate(listings) if (u := _url(v, f"{where}: listings[{i}]", problems))]

    pag = entry.get("pagination") or {}
    pagination = Pagination()
    if not isinstance(pag, dict):
        problems.append(f"{where}: 'pagination' must be a mapping (next_text, template, start, max_pages)")
    else:
        _unknown(pag, PAGINATION_KEYS, f"{where}: pagination", problems)
        next_text = pag.get("next_text", list(NEXT_PAGE_WORDS))
        if isinstance(next_text, str):
            next_text = [next_text]
        template = pag.get("template")
        if template is not None and "{n}" not in str(template):
            problems.append(f"{where}: pagination.template must contain '{{n}}' (e.g. index_{{n}}.html)")
            template = None
        pagination = Pagination(
            next_text=tuple(str(t) for t in next_text or ()),
            template=str(template) if template is not None else None,
            start=_number(pag.get("start", 1), f"{where}: pagination.start", problems, minimum=0, integer=True) or 1,
            max_pages=_number(pag.get("max_pages", 20), f"{where}: pagination.max_pages", problems, minimum=1,
                              integer=True) or 20,
        )
    arts = entry.get("articles") or {}
    if not isinstance(arts, dict):
        problems.append(f"{where}: 'articles' must be a mapping (url, text)")
        arts = {}
    _unknown(arts, ARTICLE_KEYS, f"{where}: articles", problems)
    atts = entry.get("attachments") or {}
    if not isinstance(atts, dict):
        problems.append(f"{where}: 'attachments' must be a mapping (types, url)")
        atts = {}
    _unknown(atts, ATTACHMENT_KEYS, f"{where}: attachments", problems)
    types = atts.get("types", list(ATTACHMENT_TYPES))
    if not isinstance(types, list) or not all(isinstance(t, str) and t.startswith(".") for t in types):
        problems.append(f"{where}: attachments.types must list suffixes such as .pdf, .docx")
        types = list(ATTACHMENT_TYPES)
    body = entry.get("body", "auto")
    if body not in ("auto", "always", "never"):
        problems.append(f"{where}: 'body' must be auto, always or never, not {body!r}")
        body = "auto"
    same_host = entry.get("same_host", True)
    if not isinstance(same_host, bool):
        problems.append(f"{where}: 'same_host' must be true or false")
        same_host = True
    delay = _number(entry.get("delay_seconds", 1.0), f"{where}: delay_seconds", problems, minimum=0)
    max_bytes = _number(entry.get("max_bytes", 50_000_000), f"{where}: max_bytes", problems, minimum=1, integer=True)
    max_articles = _number(entry.get("max_articles", 500), f"{where}: max_articles", problems, minimum=1, integer=True)
    timeout = _number(entry.get("timeout_seconds", 30.0), f"{where}: timeout_seconds", problems, minimum=0.1)
    retries = _number(entry.get("retries", 2), f"{where}: retries", problems, minimum=0, integer=True)
    backoff = _number(entry.get("backoff_seconds", 1.0), f"{where}: backoff_seconds", problems, minimum=0)
    article_url = _regex(arts.get("url"), f"{where}: articles.url", problems)
    article_text = _regex(arts.get("text", REPORT_WORDS), f"{where}: articles.text", problems)
    attachment_url = _regex(atts.get("url"), f"{where}: attachments.url", problems)
    if len(problems) > start:
        return None
    return Source(
        name=name, publisher=publisher.strip(), listings=tuple(urls), region_code=region, pagination=pagination,
        article_url=article_url, article_text=article_text, attachment_types=tuple(t.lower() for t in types),
        attachment_url=attachment_url, body=body, delay_seconds=float(delay), max_bytes=int(max_bytes),
        max_articles=int(max_articles), timeout_seconds=float(timeout), retries=int(retries),
        backoff_seconds=float(backoff), same_host=same_host,
    )


def check_sources(path: Path | None = None) -> tuple[list[Source], list[str]]:
    """(the usable sources, every problem found) for the sources file at `path`."""
    path = Path(path) if path is not None else sources_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], [f"{path}: no such file"]
    except yaml.YAMLError as e:
        return [], [f"{path}: not valid YAML: {e}"]
    data = data or {}
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        return [], [f"{path}: must be a mapping with a list under 'sources'"]
    problems: list[str] = []
    _unknown(data, {"defaults", "sources"}, str(path.name), problems)
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        problems.append("defaults: must be a mapping of keys every source inherits")
        defaults = {}
    sources: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("sources") or []):
        source = parse_source(entry, f"sources[{i}]", problems, defaults)
        if source is None:
            continue
        if source.name in seen:
            problems.append(f"source '{source.name}': the name is used twice")
            continue
        seen.add(source.name)
        sources.append(source)
    return sources, problems


def load_sources(path: Path | None = None, only: str | None = None) -> list[Source]:
    """The sources of the file (only the one named `only`, if given); SourcesError if anything is wrong."""
    path = Path(path) if path is not None else sources_path()
    sources, problems = check_sources(path)
    if problems:
        raise SourcesError(path, problems)
    if only is not None:
        sources = [s for s in sources if s.name == only]
        if not sources:
            raise SourcesError(path, [f"no source named '{only}'"])
    return sources


def adhoc_source(listing_url: str, path: Path | None = None) -> Source:
    """A source for one listing page tried by hand (`jixiao fetch --listing URL`): the default rules
    with the sources file's `defaults:` (politeness settings) applied. SourcesError if they are wrong."""
    path = Path(path) if path is not None else sources_path()
    defaults: dict[str, Any] = {}
    if path.is_file():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        defaults = data.get("defaults") or {} if isinstance(data, dict) else {}
    host = urlsplit(listing_url).netloc
    name = ("adhoc-" + re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-"))[:63]
    problems: list[str] = []
    source = parse_source({"name": name, "publisher": host, "listings": [listing_url]}, "--listing", problems,
                          {k: v for k, v in defaults.items() if k not in ("name", "publisher", "listings")})
    if source is None:
        raise SourcesError(path, problems)
    return source
