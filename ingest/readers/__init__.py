"""File → Document. `read_document(path)` picks a reader by extension, after sniffing the bytes.

Every reader returns an `ingest.document.Document` or raises `ingest.errors.IngestError` with a reason
a person can act on (empty, corrupt, encrypted, scanned_needs_ocr, converter_missing, …)."""

from __future__ import annotations

import importlib
from pathlib import Path

from ingest.document import Document, sha256_file
from ingest.errors import IngestError

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
}

SUPPORTED_SUFFIXES = frozenset(READERS)


def read_document(path: str | Path) -> Document:
    """Read one report file into a Document, or raise IngestError saying why it cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in READERS:
        raise IngestError("unsupported_format", f"no reader for '{suffix or p.name}' files; "
                          f"supported: {', '.join(sorted(READERS))}")
    if not p.is_file():
        raise IngestError("corrupt", f"{p} is not a readable file")
    if p.stat().st_size == 0:
        raise IngestError("empty", f"{p.name} has zero bytes")
    digest = sha256_file(p)
    module = importlib.import_module(f"ingest.readers.{READERS[suffix]}")
    doc: Document = module.read(p, digest)
    if doc.char_count == 0:
        raise IngestError("empty", f"{p.name} holds no text")
    return doc
