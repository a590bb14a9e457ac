"""Tables from the linearized text: cells are tab-prefixed lines, continuation lines belong to the cell
above, a blank line followed by a new cell starts a row. Where the reader kept real rows (Word),
`Line.table`/`Line.row` decide instead. Rows of merged cells split by blank lines are re-joined by the
callers, who know how wide a row must be."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.text import TextLine


@dataclass
class Cell:
    text: str
    line: TextLine


@dataclass
class Table:
    rows: list[list[Cell]]
    start: int  # index of the first line
    end: int  # index after the last line


def _prose_like(text: str) -> bool:
    return len(text) > 30 or bool(re.match(r"^[一二三四五六七八九十]+、|^第[一二三四五六七八九十]+部分", text))


def find_tables(lines: list[TextLine], start: int = 0, end: int | None = None) -> list[Table]:
    end = len(lines) if end is None else end
    tables: list[Table] = []
    i = start
    while i < end:
        if not lines[i].cell:
            i += 1
            continue
        rows: list[list[Cell]] = [[]]
        t_start = i
        blanks = 0
        last_key = (lines[i].src.table, lines[i].src.row)
        while i < end:
            ln = lines[i]
            if ln.cell:
                key = (ln.src.table, ln.src.row)
                if ln.src.row is not None:
                    if key != last_key and rows[-1]:
                        rows.append([])
                elif blanks and rows[-1]:
                    rows.append([])
                last_key = key
                rows[-1].append(Cell(ln.text, ln))
                blanks = 0
            elif not ln.text:
                blanks += 1
                if blanks >= 3:
                    break
            else:
                if (blanks >= 2 or _prose_like(ln.text)) and ln.src.row is None:
                    break
                if rows[-1]:
                    rows[-1][-1].text += ln.text
                blanks = 0
            i += 1
        rows = [r for r in rows if r]
        if rows:
            tables.append(Table(rows, t_start, i))
    return tables
