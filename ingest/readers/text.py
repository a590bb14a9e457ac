"""Plain-text reports: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK/GB2312).

The text is kept line for line, so that tables flattened by the publisher's export (one cell per line,
tab-prefixed) reach the extractor as they were printed. A form feed starts a new page."""

from __future__ import annotations

from pathlib import Path

from ingest.document import Block, Document
from ingest.errors import IngestError


def decode(data: bytes, name: str = "the text") -> str:
    """Decode report bytes; raise IngestError('corrupt') when no Chinese encoding fits (`name` says
    which file, in the message)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("corrupt", f"{name} is neither UTF-8, UTF-16 nor GB18030 (GBK) text; "
                                 "save it again in one of these encodings")


def read(path: Path, sha256: str) -> Document:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("corrupt", f"{path.name} looks binary, not text")
    text = decode(data, path.name).replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    blocks = [Block("paragraph", page_text, page=i + 1 if len(pages) > 1 else None)
              for i, page_text in enumerate(pages)]
    return Document(path.name, "txt", sha256, blocks, n_pages=len(pages) if len(pages) > 1 else None)
