"""Rebuild paragraphs and tables from a published plain-text export.

The exports flatten Word tables one cell per line: a cell starts with a tab, lines without a tab
continue the cell above (a blank line inside a cell is kept), and a blank line followed by a new
cell starts the next row. Horizontally merged cells are printed once (so rows can be short), and a
cell ending in an empty paragraph leaves a stray blank line that splits one row into fragments;
fragments that together fill exactly the width of the rows around them are joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROSE_START = re.compile(r"^[一二三四五六七八九十]+、|^第[一二三四五六七八九十]+部分")


@dataclass
class Paragraph:
    text: str
    heading: int = 0  # 0 = body text, 1 = title, 2 = section heading


@dataclass(frozen=True)
class Placed:
    """A cell placed on the grid by hand (a transcribed form), with its merge."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


@dataclass
class TableModel:
    rows: list[list[str]]  # cells as printed; rows may be shorter than `width` (merged cells)
    # a table whose merges are known (a transcribed form): its cells, and where the indicator part
    # starts (the landscape PDF prints the head and the indicator part as two tables)
    placed: list[Placed] | None = None
    indicator_row: int | None = None

    @property
    def width(self) -> int:
        if self.placed:
            return max(c.col + c.colspan for c in self.placed)
        return max(len(r) for r in self.rows)


Item = Paragraph | TableModel


def _prose_like(text: str) -> bool:
    return len(text) > 30 or bool(PROSE_START.match(text.strip()))


def _heading_level(text: str, index: int) -> int:
    t = text.strip()
    if index < 3 and len(t) <= 40 and ("报告" in t or "自评" in t):
        return 1
    if PROSE_START.match(t) and len(t) <= 30:
        return 2
    return 0


def parse_export(text: str) -> list[Item]:
    """Paragraphs and tables, in order, from a text export."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items: list[Item] = []
    i = 0
    n_paras = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("\t"):
            if line.strip():
                items.append(Paragraph(line.strip(), _heading_level(line, n_paras)))
                n_paras += 1
            i += 1
            continue
        rows: list[list[str]] = [[]]
        while i < len(lines):
            line = lines[i]
            if line.startswith("\t"):
                rows[-1].append(line[1:])
                i += 1
                continue
            if line.strip():  # continuation of the cell above
                rows[-1][-1] += "\n" + line
                i += 1
                continue
            j = i
            while j < len(lines) and not lines[j].strip() and not lines[j].startswith("\t"):
                j += 1
            blanks = j - i
            if j < len(lines) and lines[j].startswith("\t"):
                rows.append([])
                i = j
                continue
            if j < len(lines) and blanks == 1 and not _prose_like(lines[j]):
                rows[-1][-1] += "\n" * blanks  # a blank line inside the cell
                i = j
                continue
            break  # the table ends
        rows = [[c.rstrip("\n") for c in r] for r in rows if r]
        items.append(TableModel(join_fragments(rows)))
    return items


def join_fragments(rows: list[list[str]]) -> list[list[str]]:
    """Join consecutive short rows whose cells add up exactly to the width of nearby rows."""
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        near = rows[max(0, i - 3): i + 6]
        width = max(len(r) for r in near)
        if len(rows[i]) < width:
            total, j = len(rows[i]), i + 1
            while j < len(rows) and total < width:
                total += len(rows[j])
                j += 1
            if total == width and j - i > 1 and all(len(r) < width for r in rows[i:j]):
                out.append([c for r in rows[i:j] for c in r])
                i = j
                continue
        out.append(rows[i])
        i += 1
    return out


def spans(row: list[str], width: int) -> list[int]:
    """Column spans for a printed row: cells one column each, the last one takes the rest."""
    if not row:
        return []
    return [1] * (len(row) - 1) + [width - len(row) + 1]
