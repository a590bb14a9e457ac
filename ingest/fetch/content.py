"""What fetched bytes are, whatever the URL says: a `.pdf` that is an HTML error or login page is
not a PDF, an `.xls` that is an HTML table is read as HTML, a `.doc` that is really a .docx is
named .docx. Zip archives are opened here, with limits, so each member report lands on its own."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import PurePosixPath

from ingest.fetch.client import FetchError
from ingest.readers import CFB_MAGIC, READERS, looks_like_html

DOCUMENT_SUFFIXES = frozenset(READERS) | {".zip"}


def kind_of(data: bytes) -> str | None:
    """The suffix the bytes say (.pdf, .docx, .xlsx, .zip, .doc, .xls, .html), or None."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return ".zip"
    if head.startswith(CFB_MAGIC):
        if "WordDocument".encode("utf-16-le") in data:
            return ".doc"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return ".xls"
        return None
    if looks_like_html(head):
        return ".html"
    return None


def report_suffix(data: bytes, declared: str, url: str) -> str:
    """The suffix to save the bytes under; FetchError('not_a_document') when they are not a report
    file of the declared kind (an error page instead of a PDF, an empty answer)."""
    if not data.strip():
        raise FetchError("not_a_document", "the server sent an empty file", url, 200)
    actual = kind_of(data)
    declared = declared.lower()
    if actual == ".html" and declared not in (".html", ".htm", ".shtml", ".xls", ""):
        raise FetchError("not_a_document", f"a web page (likely an error or login page) was served for a {declared} "
                         "link", url, 200)
    if actual is None:
        if declared in (".txt", ".wps", ".doc", ".xls"):
            return declared  # legacy formats the readers sniff again; text has no signature
        raise FetchError("not_a_document", f"the bytes are not a known document format (link says {declared or '?'})",
                         url, 200)
    if declared == ".wps" and actual == ".doc":
        return ".wps"
    return actual


def zip_members(data: bytes, url: str, max_bytes: int) -> list[tuple[str, bytes]]:
    """The report files inside a zip attachment: (member name, bytes), with the archive's total
    unpacked size held to `max_bytes`; nested archives and other files are skipped."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > max_bytes:
            raise FetchError("too_large", f"the archive unpacks to more than {max_bytes:,} bytes", url, 200)
        out: list[tuple[str, bytes]] = []
        for info in infos:
            name = info.filename
            if not info.flag_bits & 0x800:  # names not flagged UTF-8 are GBK on Chinese Windows
                with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                    name = name.encode("cp437").decode("gb18030")
            suffix = PurePosixPath(name).suffix.lower()
            if suffix in DOCUMENT_SUFFIXES - {".zip"} and not PurePosixPath(name).name.startswith((".", "~$")):
                out.append((name, archive.read(info)))
        return out
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as e:
        raise FetchError("bad_archive", f"the zip archive cannot be opened: {e}", url, 200) from e
