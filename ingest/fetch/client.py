"""A polite HTTP client for publishers' sites (httpx underneath).

Polite: robots.txt is read once per host and obeyed (its Crawl-delay too); the User-Agent names the
project; requests to one host are spaced by the source's delay and limited to `per_host` at a time
across threads; every request has a timeout. Incremental: a conditional GET (If-None-Match /
If-Modified-Since) lets an unchanged page cost a 304 and no body. Careful: bodies are streamed and
cut off past `max_bytes`; redirects are followed by hand, at most `max_redirects`, each hop checked
against robots.txt, a loop refused; 5xx answers and timeouts are retried with exponential backoff,
nothing else is. Every refusal is a `FetchError` whose `reason` is a stable code.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "jixiao-fetch/0.1 (open warehouse of Chinese budget performance reports; polite, conditional GET)"
ROBOTS_AGENT = "jixiao-fetch"

FetchReason = Literal[
    "bad_url", "dns_error", "connection_error", "timeout", "not_found", "http_error", "server_error",
    "robots_disallowed", "robots_unreachable", "too_large", "redirect_loop", "too_many_redirects",
    "not_a_document", "bad_archive",
]


class FetchError(Exception):
    """A URL that could not be fetched: `reason` (a FetchReason), a message, the HTTP status if any."""

    def __init__(self, reason: FetchReason, message: str, url: str, http_status: int | None = None) -> None:
        super().__init__(f"{reason}: {message} ({url})")
        self.reason: FetchReason = reason
        self.message = message
        self.url = url
        self.http_status = http_status


@dataclass
class Fetched:
    """An answer: status 200 with the body, or 304 (not modified) with none. `url` is after redirects."""

    url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    content_disposition: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    gate: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None


class PoliteClient:
    """One client for a fetch run; thread-safe; `stats` counts answers by kind (200, 304, 404, …)."""

    def __init__(self, *, user_agent: str = USER_AGENT, timeout: float = 30.0, retries: int = 2,
                 backoff: float = 1.0, max_redirects: int = 5, per_host: int = 1,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_redirects = max_redirects
        self.per_host = per_host
        self._http = httpx.Client(headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
                                  follow_redirects=False, timeout=timeout, transport=transport)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self.stats: Counter[str] = Counter()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _host(self, netloc: str) -> _Host:
        with self._hosts_lock:
            if netloc not in self._hosts:
                self._hosts[netloc] = _Host(threading.Semaphore(self.per_host))
            return self._hosts[netloc]

    def _count(self, key: str) -> None:
        with self._stats_lock:
            self.stats[key] += 1

    def _send(self, url: str, headers: dict[str, str], delay: float, max_bytes: int,
              timeout: float | None) -> tuple[httpx.Response, bytes]:
        """One request, spaced from the previous one to the same host; the body read up to max_bytes."""
        host = self._host(urlsplit(url).netloc)
        with host.gate:
            with host.lock:
                wait = host.last + delay - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                host.last = time.monotonic()
            try:
                with self._http.stream("GET", url, headers=headers,
                                       timeout=timeout if timeout is not None else self.timeout) as r:
                    declared = r.headers.get("content-length")
                    if r.status_code == 200 and declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError("too_large", f"{int(declared):,} bytes declared, limit {max_bytes:,}", url, 200)
                    body = bytearray()
                    if r.status_code == 200:
                        for chunk in r.iter_bytes():
                            body += chunk
                            if len(body) > max_bytes:
                                raise FetchError("too_large", f"more than {max_bytes:,} bytes", url, 200)
                    return r, bytes(body)
            finally:
                host.last = time.monotonic()

    def _with_retries(self, url: str, headers: dict[str, str], delay: float, max_bytes: int,
                      timeout: float | None, retries: int | None = None, backoff: float | None = None
                      ) -> tuple[httpx.Response, bytes]:
        retries = self.retries if retries is None else retries
        backoff = self.backoff if backoff is None else backoff
        attempt = 0
        while True:
            try:
                r, body = self._send(url, headers, delay, max_bytes, timeout)
                if r.status_code < 500 or attempt >= retries:
                    return r, body
                self._count("retried_5xx")
            except httpx.TimeoutException as e:
                if attempt >= retries:
                    self._count("timeout")
                    raise FetchError("timeout", f"no answer within {timeout or self.timeout:g}s "
                                     f"({attempt + 1} attempts)", url) from e
                self._count("retried_timeout")
            except httpx.ConnectError as e:
                self._count("connect_error")
                text = str(e).lower()
                dns = any(w in text for w in ("name or service", "nodename", "getaddrinfo", "name resolution"))
                raise FetchError("dns_error" if dns else "connection_error", str(e) or "cannot connect", url) from e
            except httpx.HTTPError as e:
                self._count("http_error")
                raise FetchError("connection_error", f"{type(e).__name__}: {e}", url) from e
            attempt += 1
            time.sleep(backoff * 2 ** (attempt - 1))

    def _robots(self, url: str, delay: float, timeout: float | None) -> _Host:
        parts = urlsplit(url)
        host = self._host(parts.netloc)
        if host.robots is not None or host.robots_error is not None:
            return host
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            r, body = self._with_retries(robots_url, {}, delay, 1_000_000, timeout)
            self._count(f"robots_{r.status_code}")
            if r.status_code == 200:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            elif r.status_code >= 500:
                host.robots_error = f"robots.txt answered {r.status_code}: the site is treated as closed"
                return host
            else:  # 4xx or a redirect: no rules (RFC 9309 §2.3.1.3)
                parser.parse([])
        except FetchError as e:
            host.robots_error = f"robots.txt could not be read ({e.reason}): the site is treated as closed"
            return host
        host.robots = parser
        return host

    def crawl_delay(self, url: str) -> float:
        """The Crawl-delay robots.txt asks of us for this URL's host (0 when it asks none)."""
        host = self._host(urlsplit(url).netloc)
        if host.robots is None:
            return 0.0
        value = host.robots.crawl_delay(ROBOTS_AGENT)
        return float(value) if value else 0.0

    def allowed(self, url: str, delay: float = 0.0, timeout: float | None = None) -> None:
        """Raise FetchError unless robots.txt lets us fetch `url`."""
        host = self._robots(url, delay, timeout)
        if host.robots_error:
            raise FetchError("robots_unreachable", host.robots_error, url)
        assert host.robots is not None
        if not host.robots.can_fetch(ROBOTS_AGENT, url):
            self._count("robots_disallowed")
            raise FetchError("robots_disallowed", "robots.txt disallows this path", url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            delay: float = 0.0, max_bytes: int = 50_000_000, timeout: float | None = None,
            retries: int | None = None, backoff: float | None = None) -> Fetched:
        """GET `url` politely; a 304 when the validators still match. FetchError otherwise."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("bad_url", "not an http(s) URL", url)
        seen: list[str] = []
        current = url
        while True:
            self.allowed(current, delay, timeout)
            delay_now = max(delay, self.crawl_delay(current))
            headers: dict[str, str] = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            r, body = self._with_retries(current, headers, delay_now, max_bytes, timeout, retries, backoff)
            self._count(str(r.status_code))
            if r.status_code in (301, 302, 303, 307, 308) and r.headers.get("location"):
                seen.append(current)
                nxt = urljoin(current, r.headers["location"]).split("#", 1)[0]
                if nxt in seen:
                    raise FetchError("redirect_loop", " → ".join([*seen, nxt]), url, r.status_code)
                if len(seen) > self.max_redirects:
                    raise FetchError("too_many_redirects", f"more than {self.max_redirects} redirects", url, r.status_code)
                current = nxt
                continue
            if r.status_code == 304:
                return Fetched(current, 304, b"", r.headers.get("content-type"), r.headers.get("etag") or etag,
                               r.headers.get("last-modified") or last_modified)
            if r.status_code == 200:
                return Fetched(current, 200, body, r.headers.get("content-type"), r.headers.get("etag"),
                               r.headers.get("last-modified"), r.headers.get("content-disposition"))
            if r.status_code in (404, 410):
                raise FetchError("not_found", f"HTTP {r.status_code}", url, r.status_code)
            if r.status_code >= 500:
                raise FetchError("server_error", f"HTTP {r.status_code} after {(self.retries if retries is None else retries) + 1} attempts",
                                 url, r.status_code)
            raise FetchError("http_error", f"HTTP {r.status_code}", url, r.status_code)
