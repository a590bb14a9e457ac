"""Fetch one source: its listing pages (with pagination) → report articles → attachments or the
article body → report files with provenance sidecars in the inbox.

Incremental: every page and file is asked for with the validators of the last run, so an unchanged
one costs a 304; a listing or article page that did not change is not parsed again (its links are
remembered). A file whose bytes are unchanged is not rewritten; changed bytes replace the file and
add a version to its sidecar. An article page kept as an HTML report is replaced only when its
report text changed, not when a visitor counter did. Every failure (robots, 404, 5xx, timeout,
too large, redirect loop, an error page served as a PDF, …) is a row with a reason; none stops the run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ingest.charset import decode_html
from ingest.fetch.client import Fetched, FetchError, PoliteClient
from ingest.fetch.content import report_suffix, zip_members
from ingest.fetch.pages import (
    Link,
    article_page,
    is_attachment,
    listing_page,
    parse_date,
    suffix_of,
    template_page,
)
from ingest.fetch.sources import Source
from ingest.fetch.store import SourceStore, file_name, now_iso

Log = Callable[[str], None]


@dataclass
class FetchSummary:
    """What one source's run did; `failures` are rows (url, kind, reason, message, http_status)."""

    source: str
    listing_pages: int = 0
    articles: int = 0
    transferred: int = 0
    not_modified: int = 0
    files_new: int = 0
    files_replaced: int = 0
    files_unchanged: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.source}: {self.listing_pages} listing pages, {self.articles} articles; "
                f"{self.transferred} downloaded, {self.not_modified} not modified (304); "
                f"files {self.files_new} new, {self.files_replaced} replaced, {self.files_unchanged} unchanged; "
                f"{len(self.failures)} failed")


def _report_text_sha(data: bytes) -> str:
    """Hash of an HTML page's report text: page furniture (counters, dates of visits) does not count."""
    from ingest.readers.html_reader import document_blocks

    text, _ = decode_html(data)
    try:
        blocks = document_blocks(text)
    except ValueError:
        return hashlib.sha256(data).hexdigest()
    joined = "\n".join(b.text if b.table is None else repr(b.table.rows) for b in blocks)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


class SourceFetcher:
    """One run over one source."""

    def __init__(self, source: Source, inbox: Path, client: PoliteClient, log: Log = print) -> None:
        self.source = source
        self.client = client
        self.store = SourceStore(inbox, source.name)
        self.log = log
        self.summary = FetchSummary(source.name)

    # -- requests ---------------------------------------------------------------------------
    def _fail(self, url: str, kind: str, err: FetchError, article_url: str | None = None) -> None:
        self.summary.failures.append({"source": self.source.name, "url": url, "kind": kind, "reason": err.reason,
                                      "message": err.message, "http_status": err.http_status,
                                      "article_url": article_url})
        self.log(f"  failed {kind} {url}: {err.reason} — {err.message}")

    def _get(self, url: str, validators: dict[str, Any] | None) -> Fetched:
        v = validators or {}
        got = self.client.get(url, etag=v.get("etag"), last_modified=v.get("last_modified"),
                              delay=self.source.delay_seconds, max_bytes=self.source.max_bytes,
                              timeout=self.source.timeout_seconds, retries=self.source.retries,
                              backoff=self.source.backoff_seconds)
        if got.not_modified:
            self.summary.not_modified += 1
        else:
            self.summary.transferred += 1
        return got

    def _page(self, url: str, parse: Callable[[str, str], dict[str, Any]], need_fresh: bool = False
              ) -> tuple[dict[str, Any], Fetched] | None:
        """A page's parsed content: re-parsed on 200, remembered on 304. Raises FetchError."""
        cached = self.store.page(url)
        got = self._get(url, None if need_fresh or cached is None else cached)
        if got.not_modified and cached is not None:
            return cached["parsed"], got
        text, _ = decode_html(got.content, got.content_type)
        parsed = parse(text, got.url)
        self.store.remember_page(url, {"etag": got.etag, "last_modified": got.last_modified, "parsed": parsed,
                                       "fetched_at": now_iso()})
        return parsed, got

    # -- listing pages ----------------------------------------------------------------------
    def _parse_listing(self, text: str, url: str) -> dict[str, Any]:
        page = listing_page(text, url, self.source)
        return {"articles": [asdict(a) for a in page.articles], "attachments": [asdict(a) for a in page.attachments],
                "next_pages": page.next_pages}

    def listings(self) -> list[tuple[Link, str]]:
        """Every (article or attachment link, listing page URL) of the source's listings."""
        found: dict[str, tuple[Link, str]] = {}
        for first in self.source.listings:
            queue, seen, n = [first], {first}, 0
            template_n = self.source.pagination.start
            while queue and n < self.source.pagination.max_pages:
                url = queue.pop(0)
                try:
                    result = self._page(url, self._parse_listing)
                except FetchError as e:
                    if url == first or url not in self._template_urls(first):
                        self._fail(url, "listing", e)
                    continue
                assert result is not None
                parsed, _ = result
                n += 1
                self.summary.listing_pages += 1
                before = len(found)
                for link in [*parsed["articles"], *parsed["attachments"]]:
                    found.setdefault(link["url"], (Link(**link), url))
                self.log(f"  listing {url}: {len(parsed['articles'])} articles, "
                         f"{len(parsed['attachments'])} attachments")
                for nxt in parsed["next_pages"]:
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
                template = self.source.pagination.template
                if template and not queue and (len(found) > before or url == first):
                    nxt = template_page(first, template, template_n)
                    template_n += 1
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
        return list(found.values())

    def _template_urls(self, first: str) -> set[str]:
        p = self.source.pagination
        if not p.template:
            return set()
        return {template_page(first, p.template, n) for n in range(p.start, p.start + p.max_pages + 1)}

    # -- articles and files -----------------------------------------------------------------
    def _parse_article(self, text: str, url: str) -> dict[str, Any]:
        page = article_page(text, url, self.source)
        return {"title": page.title, "published": page.published, "attachments": [asdict(a) for a in page.attachments]}

    def _provenance(self, got: Fetched, article_url: str, attachment_url: str | None, title: str | None,
                    published: str | None, listing_url: str) -> dict[str, Any]:
        return {"source": self.source.name, "publisher": self.source.publisher, "region_code": self.source.region_code,
                "listing_url": listing_url, "article_url": article_url, "attachment_url": attachment_url,
                "title": title, "published": published, "published_date": parse_date(published),
                "fetched_at": now_iso(), "etag": got.etag, "last_modified": got.last_modified,
                "content_type": got.content_type, "zip_member": None}

    def _count(self, outcome: str, name: str) -> None:
        setattr(self.summary, f"files_{outcome}", getattr(self.summary, f"files_{outcome}") + 1)
        if outcome != "unchanged":
            self.log(f"  {outcome}: {name}")

    def attachment(self, link: Link, article_url: str, title: str | None, published: str | None,
                   listing_url: str) -> None:
        url = link.url
        previous = self.store.file(url)
        refused = self.store.state.setdefault("refused", {}).get(url)
        try:
            got = self._get(url, previous or refused)
            if got.not_modified and refused and not previous:
                # the same bytes that were refused last time: the same failure, nothing downloaded
                raise FetchError(refused["reason"], refused["message"], url, 200)
            if got.not_modified:
                self.summary.files_unchanged += 1
                return
            try:
                suffix = report_suffix(got.content, suffix_of(link), url)
            except FetchError as e:
                self.store.state["refused"][url] = {"etag": got.etag, "last_modified": got.last_modified,
                                                    "reason": e.reason, "message": e.message}
                raise
            self.store.state["refused"].pop(url, None)
            prov = self._provenance(got, article_url, url, title or link.text, published or link.date, listing_url)
            if suffix == ".zip":
                members: list[str] = []
                for member, data in zip_members(got.content, url, self.source.max_bytes):
                    key = f"{url}#{member}"
                    member_suffix = report_suffix(data, PurePosixPath(member).suffix, key)
                    outcome, path = self.store.save_report(key, file_name(key, member_suffix, PurePosixPath(member).name),
                                                           data, {**prov, "zip_member": member})
                    members.append(self.store.state["files"][key]["path"])
                    self._count(outcome, path.name)
                self.store.state["files"][url] = {"path": None, "members": members, "etag": got.etag,
                                                  "last_modified": got.last_modified}
                return
            outcome, path = self.store.save_report(url, file_name(url, suffix, link.text or title), got.content, prov)
            self._count(outcome, path.name)
        except FetchError as e:
            self._fail(url, "attachment", e, article_url)

    def article(self, link: Link, listing_url: str) -> None:
        url = link.url
        kept = self.store.file(url)
        body_wanted = self.source.body != "never"
        cached = self.store.page(url)
        must_refetch = body_wanted and cached is not None and not cached["parsed"]["attachments"] and kept is None
        try:
            result = self._page(url, self._parse_article, need_fresh=must_refetch)
        except FetchError as e:
            self._fail(url, "article", e)
            return
        assert result is not None
        parsed, got = result
        title, published = parsed["title"] or link.text, parsed["published"] or link.date
        for a in parsed["attachments"]:
            self.attachment(Link(**a), url, title, published, listing_url)
        as_body = self.source.body == "always" or (self.source.body == "auto" and not parsed["attachments"])
        if not as_body:
            return
        if got.not_modified:
            self.summary.files_unchanged += 1
            return
        text_sha = _report_text_sha(got.content)
        if kept is not None and kept.get("text_sha") == text_sha:
            kept.update(etag=got.etag, last_modified=got.last_modified)
            self.summary.files_unchanged += 1
            return
        try:
            suffix = report_suffix(got.content, ".html", url)
        except FetchError as e:
            self._fail(url, "article", e)
            return
        prov = self._provenance(got, url, None, title, published, listing_url)
        outcome, path = self.store.save_report(url, file_name(url, suffix, title), got.content, prov)
        self.store.state["files"][url]["text_sha"] = text_sha
        self._count(outcome, path.name)

    def run(self) -> FetchSummary:
        self.log(f"source {self.source.name} ({self.source.publisher}): {len(self.source.listings)} listing(s)")
        links = self.listings()
        if len(links) > self.source.max_articles:
            self.log(f"  {len(links)} links found; only the first {self.source.max_articles} are taken (max_articles)")
            links = links[: self.source.max_articles]
        for i, (link, listing_url) in enumerate(links, start=1):
            self.summary.articles += 1
            if is_attachment(link, self.source):
                self.attachment(link, listing_url, link.text, link.date, listing_url)
            else:
                self.article(link, listing_url)
            if i % 20 == 0 or i == len(links):
                self.log(f"  {i}/{len(links)} links done ({self.summary.transferred} downloaded, "
                         f"{self.summary.not_modified} not modified)")
        self.store.save(self.summary.failures, {k: v for k, v in asdict(self.summary).items() if k != "failures"}
                        | {"finished_at": now_iso(), "failed": len(self.summary.failures)})
        self.log("  " + self.summary.line())
        return self.summary


def fetch_sources(sources: list[Source], inbox: Path, *, client: PoliteClient | None = None, log: Log = print,
                  workers: int = 4) -> list[FetchSummary]:
    """Fetch every source into the inbox, sources in parallel (each host still one request at a
    time, spaced by its delay). A source that fails as a whole is logged and its run summarized."""
    inbox.mkdir(parents=True, exist_ok=True)
    own = client is None
    client = client or PoliteClient()
    try:
        def one(source: Source) -> FetchSummary:
            try:
                return SourceFetcher(source, inbox, client, log).run()
            except Exception as e:  # a bug or a disk error in one source never stops the others
                log(f"source {source.name}: stopped by {type(e).__name__}: {e}")
                summary = FetchSummary(source.name)
                summary.failures.append({"source": source.name, "url": source.listings[0], "kind": "source",
                                         "reason": "error", "message": f"{type(e).__name__}: {e}",
                                         "http_status": None, "article_url": None})
                return summary

        if workers <= 1 or len(sources) <= 1:
            return [one(s) for s in sources]
        with ThreadPoolExecutor(max_workers=min(workers, len(sources))) as pool:
            return list(pool.map(one, sources))
    finally:
        if own:
            client.close()
