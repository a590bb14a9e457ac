"""The text-table recognizer: lines of a report → cells, whatever the flattening.

A table reaches the extractor as real cells (Word, PDF, Excel: one tab-prefixed line per cell, rows
numbered by the reader), or as text a web page or an export flattened: cells separated by `|`, by
tabs, by runs of spaces, by single spaces in one long run, or one cell per line. Every flattening
ends here in the same stream of `Cell`s; `row` is set where the flattening kept row breaks, so the
field mappers can use them, and is None where it did not (one cell per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.text import TextLine

PIPE_RE = re.compile(r"\s*[|｜]\s*")
TAB_RE = re.compile(r"\s*\t\s*")
WIDE_GAP_RE = re.compile(r"\s{2,}")
# Prose, not a cell: a sentence with a full stop or several clauses.
PROSE_RE = re.compile(r"[。；;]|，.*，")


@dataclass(frozen=True)
class Cell:
    """One table cell with the line it came from; `row` groups the cells of one printed row."""

    text: str
    line: TextLine
    row: tuple[int, int] | int | None

    def provenance(self) -> dict:
        return self.line.provenance(self.text)


def split_line(raw: str) -> tuple[list[str], bool]:
    """A line's cells and whether the line was a delimited row (`|`, tabs, wide gaps, spaces)."""
    text = raw.replace("\u3000", " ").replace("\xa0", " ").strip()
    if not text:
        return [], False
    if "|" in text or "｜" in text:
        return [c for c in PIPE_RE.split(text.strip("|｜ "))], True
    if "\t" in text:
        return TAB_RE.split(text), True
    if WIDE_GAP_RE.search(text):
        return WIDE_GAP_RE.split(text), True
    if " " in text:
        parts = text.split(" ")
        # a whole form run together with single spaces holds sentences too; a short line with a
        # full stop is a sentence that happens to hold a space
        if not PROSE_RE.search(text) or len(parts) >= 6:
            return parts, True
    return [text], False


def line_cells(lines: list[TextLine]) -> list[Cell]:
    """All cells of the lines in reading order. A reader's table cell keeps its (table, row); a
    delimited text line is one row; a lone cell per line has no row."""
    out: list[Cell] = []
    for ln in lines:
        if ln.cell and ln.src.table is not None:
            if ln.text:
                out.append(Cell(ln.text, ln, (ln.src.table, ln.src.row or 0)))
            continue
        parts, delimited = split_line(ln.text)
        row = ln.index if delimited and len(parts) > 1 else None
        for p in parts:
            p = p.strip()
            if p:
                out.append(Cell(p, ln, row))
    return out
