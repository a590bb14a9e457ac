"""One document model for every reader: what a report says, in reading order, with page numbers.

Readers (`ingest.readers`) turn a file into a `Document`; extractors (`ingest.extract`) read only
`Document`s, so a report reads the same whether it arrived as text, Word, PDF or Excel.

A document is a list of blocks. A block is a heading, a paragraph, or a table whose cells are plain
strings (a merged cell's text sits in its top-left position; the positions it covers hold "").
`Document.text()` linearizes the blocks the way published plain-text exports flatten them (one table
cell per line, prefixed by a tab, rows separated by a blank line), so that a text-based extractor sees
a Word table and its text export alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; `index` counts tables from 0 across the document."""

    rows: list[list[str]]
    index: int = 0

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or table; `page` is 1-based (None where the format has no pages)."""

    kind: BlockKind
    text: str = ""
    table: Table | None = None
    page: int | None = None


@dataclass(frozen=True)
class Line:
    """A line of the linearized text, with where it came from (for provenance)."""

    text: str
    page: int | None
    block: int
    table: int | None = None
    row: int | None = None
    col: int | None = None  # a table cell's grid column (merged cells: the top-left one's)


@dataclass(frozen=True)
class OcrText:
    """A line or cell of text read by OCR: its page, its box in PDF points from the page's top-left
    (x0, top, x1, bottom) and the engine's confidence (0–1), so values read from it keep both."""

    page: int
    text: str
    confidence: float
    box: tuple[float, float, float, float]


@dataclass
class Document:
    """A report file read into blocks. `sha256` is the hash of the file's bytes (its identity);
    `ocr` holds every text line read by OCR (empty when the file has a text layer throughout)."""

    source_name: str
    format: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    ocr: list[OcrText] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[int, Block]]:
        for i, b in enumerate(self.blocks):
            if b.kind == "table" and b.table is not None:
                yield i, b

    def lines(self) -> list[Line]:
        """The document as text lines; table cells one per line (tab-prefixed), rows split by blanks."""
        out: list[Line] = []
        for bi, b in enumerate(self.blocks):
            if b.kind == "table" and b.table is not None:
                for ri, row in enumerate(b.table.rows):
                    for ci, cell in enumerate(row):
                        parts = (cell or "").split("\n")
                        out.append(Line("\t" + parts[0], b.page, bi, b.table.index, ri, ci))
                        out.extend(Line(p, b.page, bi, b.table.index, ri, ci) for p in parts[1:])
                    out.append(Line("", b.page, bi, b.table.index, ri))
            else:
                out.extend(Line(t, b.page, bi) for t in b.text.split("\n"))
        return out

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines())

    @property
    def char_count(self) -> int:
        n = 0
        for b in self.blocks:
            if b.table is not None:
                n += sum(len(c or "") for row in b.table.rows for c in row)
            else:
                n += len(b.text.strip())
        return n


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hash a file in chunks so that large PDFs are not read into memory at once."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while data := f.read(chunk):
            h.update(data)
    return h.hexdigest()
