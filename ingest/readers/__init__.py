"""File → Document. `read_document(path)` picks a reader by extension, after sniffing the bytes.

Every reader returns an `ingest.document.Document` or raises `ingest.errors.IngestError` with a reason
a person can act on (empty, corrupt, encrypted, scanned_needs_ocr, converter_missing, …)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from ingest.document import Document, sha256_file
from ingest.errors import IngestError
from ingest.safety import check_budgets, reader_errors

# extension → module under ingest.readers exposing `read(path, sha256) -> Document`
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".docx": "docx_reader",
    ".pdf": "pdf_reader",
    ".xlsx": "xlsx_reader",
    ".xlsm": "xlsx_reader",
    ".xls": "xls_reader",
    ".doc": "legacy_word",
    ".wps": "legacy_word",
    ".html": "html_reader",
    ".htm": "html_reader",
}

SUPPORTED_SUFFIXES = frozenset(READERS)
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_START = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<table", b"<!--")


def sniff(path: Path) -> str | None:
    """The extension the bytes say (publishers often misname files: an .xlsx saved as .xls, a PDF
    named .doc); None when the bytes do not tell or tell nothing a reader handles differently."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if head.startswith(b"%PDF") or head.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return None
    if head.startswith(CFB_MAGIC):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            return None  # an encrypted OOXML package: its own reader says 'encrypted'
        if "WordDocument".encode("utf-16-le") in data:
            return ".doc"
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return ".xls"
    if looks_like_html(head):
        return ".html"  # a web page saved under an office name (Excel's "save as web page" .xls)
    return None


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a file are markup: a doctype or an <html>/<head>/<body> tag."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2:].lstrip()
    return start.startswith(HTML_START)


def read_document(path: str | Path) -> Document:
    """Read one report file into a Document, or raise IngestError saying why it cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in READERS:
        raise IngestError("unsupported_format", f"no reader for '{suffix or p.name}' files; "
                          f"supported: {', '.join(sorted(READERS))}")
    if not p.is_file():
        if not os.path.lexists(p):
            raise IngestError("vanished", f"{p.name} left the inbox while it was being read")
        raise IngestError("corrupt", f"{p} is not a readable file")
    if p.stat().st_size == 0:
        raise IngestError("empty", f"{p.name} has zero bytes")
    digest = sha256_file(p)
    actual = sniff(p) if suffix not in (".txt", ".text") else None
    if actual is not None and READERS[actual] != READERS[suffix]:
        suffix = actual  # read what the file is, not what its name says
    check_budgets(p, READERS[suffix])
    module = importlib.import_module(f"ingest.readers.{READERS[suffix]}")
    with reader_errors(p):
        doc: Document = module.read(p, digest)
    if doc.char_count == 0:
        raise IngestError("empty", f"{p.name} holds no text")
    return doc
