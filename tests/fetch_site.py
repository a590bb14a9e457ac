"""A publisher's site on 127.0.0.1 for the fetch tests: pages from tests/fixtures/site, attachments
from tests/fixtures/rendered, ETag/Last-Modified with 304 answers, and the misbehaviours a real site
has (404, 500, slow answers, a redirect loop, an oversized file). Every request is logged, so a test
can count what was transferred."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"
RENDERED = FIXTURES / "rendered"

ROUTES: dict[str, Path] = {
    "/zwgk/czyjs/t20240628_1.html": RENDERED / "002_b2a4333b6e0b3ebb.html",
    "/files/P020240628_2.pdf": RENDERED / "000_ad45bb791c4f5fc4.rl.pdf",
    "/files/upload/P020240501_3.docx": RENDERED / "003_430475d196af1e11.docx",
    "/files/P020240501_direct.xlsx": RENDERED / "001_beb5de3bc69780c1.xlsx",
    "/files/P020240502_5.pdf": SITE / "fake.pdf",
}
NEW_ARTICLE = "/zwgk/czyjs/t20240701_9.html"
NEW_ROUTES: dict[str, Path] = {
    NEW_ARTICLE: SITE / "new_t20240701_9.html",
    "/files/P020240701_9.docx": RENDERED / "004_a70a7929ccd6b3b1.docx",
}
TYPES = {".html": "text/html", ".pdf": "application/pdf", ".txt": "text/plain",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
BIG_BYTES = 3_000_000
SLOW_SECONDS = 2.5


@dataclass
class Hit:
    path: str
    status: int
    conditional: bool


class Site:
    """The test site. `routes` and `overrides` (path → bytes) can be changed between nights."""

    def __init__(self) -> None:
        self.routes: dict[str, Path] = dict(ROUTES)
        self.overrides: dict[str, bytes] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the http.server API)
                site.serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def second_night(self, corrected_docx: bytes) -> None:
        """A new article on listing page 1 and a corrected DOCX behind an old link."""
        self.routes.update(NEW_ROUTES)
        page = (SITE / "zwgk/czyjs/index.html").read_bytes()
        new = ('<li><a href="t20240701_9.html">2023年度教育专项资金绩效自评报告</a><span>2024-07-01</span></li>'
               .encode("gb18030"))
        self.overrides["/zwgk/czyjs/index.html"] = page.replace(b"<!--NEW-->", new)
        self.overrides["/files/upload/P020240501_3.docx"] = corrected_docx

    def record(self, path: str, status: int, conditional: bool) -> None:
        with self._lock:
            self.hits.append(Hit(path, status, conditional))

    def transfers(self, since: int = 0) -> list[str]:
        """Paths answered 200 (a body transferred) from hit number `since` on, robots.txt aside."""
        return [h.path for h in self.hits[since:] if h.status == 200 and h.path != "/robots.txt"]

    def _body(self, path: str) -> bytes | None:
        if path in self.overrides:
            return self.overrides[path]
        file = self.routes.get(path) or SITE / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        if not file.is_file() or SITE not in file.parents and file.parent != RENDERED:
            return None
        data = file.read_bytes()
        return data.replace(b"{{origin}}", self.origin.encode()) if file.suffix == ".html" else data

    def serve(self, h: BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(h.path).path)
        conditional = "If-None-Match" in h.headers or "If-Modified-Since" in h.headers

        def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.record(path, status, conditional)
            h.send_response(status)
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if body:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                    h.wfile.write(body)

        if path.startswith("/err/"):
            return answer(500, b"Internal Server Error")
        if path == "/loop/a.html":
            return answer(302, headers={"Location": "/loop/b.html"})
        if path == "/loop/b.html":
            return answer(302, headers={"Location": self.url("/loop/a.html")})
        if path.startswith("/slow/"):
            time.sleep(SLOW_SECONDS)
            return answer(200, b"<html><body>late</body></html>", {"Content-Type": "text/html"})
        if path == "/files/big.pdf":  # no Content-Length: the client must cut the stream itself
            self.record(path, 200, conditional)
            h.send_response(200)
            h.send_header("Content-Type", "application/pdf")
            h.send_header("Connection", "close")
            h.end_headers()
            try:
                h.wfile.write(b"%PDF-1.4\n")
                for _ in range(BIG_BYTES // 65536 + 1):
                    h.wfile.write(b"0" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            h.close_connection = True
            return None
        body = self._body(path)
        if body is None:
            return answer(404, "<html><body>页面不存在</body></html>".encode())
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        last_modified = formatdate(1_700_000_000 + int(hashlib.sha256(body).hexdigest()[:6], 16), usegmt=True)
        if h.headers.get("If-None-Match") == etag:
            return answer(304, headers={"ETag": etag, "Last-Modified": last_modified})
        suffix = Path(path).suffix.lower()
        return answer(200, body, {"Content-Type": TYPES.get(suffix, "application/octet-stream"), "ETag": etag,
                                  "Last-Modified": last_modified})
