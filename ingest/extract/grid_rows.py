"""Indicator rows read by position from a real table (Word, PDF, Excel), not by the kind of each cell.

A reader's table keeps each cell's grid column, so the header row says which column is which field
(forms.yaml's words) and every cell below belongs to the field whose header stands over it. A merged
cell keeps its text in its top-left position and leaves the rows it covers blank: a blank 一级/二级指标
therefore repeats the level above, and a level the vocabulary does not know (a province's own word, a
typo such as '数量招标') is still a level, since its column says so. Used when the header and the
rows carry columns; text flattenings go through the cost-based reader (`ingest.extract.rows`).
"""

from __future__ import annotations

import bisect
import re

from ingest.extract.cells import Cell
from ingest.extract.rows import CJK_RE, is_number
from ingest.templates import Vocabulary, norm_cell

LEVELS = ("level1", "level2")
POINTS_RE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]$|\d+(?:\.\d+)?分$")


def _column(c: Cell) -> int | None:
    return c.line.src.col if c.line.src.table is not None else None


def header_columns(header: list[Cell], cols: list[str]) -> list[int] | None:
    """The grid column of each header field, or None when the header is not one row of a reader's
    table in left-to-right order (then positions say nothing)."""
    if len(header) != len(cols):
        return None
    at = [_column(c) for c in header]
    if any(a is None for a in at) or len({c.row for c in header}) != 1:
        return None
    columns = [a for a in at if a is not None]
    if columns != sorted(set(columns)):
        return None
    return columns


def _level(text: str, field: str, vocab: Vocabulary) -> str:
    """A level cell as the level it names: the vocabulary's word when it knows it, else as printed
    without its points ('数量招标', '产出指标（50分）' → '产出指标')."""
    l1, l2 = vocab.level_of(text)
    known = l1 if field == "level1" else l2
    return known or l1 or l2 or POINTS_RE.sub("", re.sub(r"\s+", "", text))


def rows_by_position(cells: list[Cell], cols: list[str], columns: list[int], vocab: Vocabulary,
                     levels: dict[str, str] | None = None) -> list[tuple[dict[str, str], Cell]]:
    """(field → text, first cell) of each indicator row; levels carried down merged cells, starting
    from `levels` (those of the row above a header repeated on a new page)."""
    rows: dict[object, list[Cell]] = {}
    for c in cells:
        if c.row is None or _column(c) is None:
            break  # the table ended (a sheet's or a page's caption follows)
        rows.setdefault(c.row, []).append(c)
    out: list[tuple[dict[str, str], Cell]] = []
    levels = dict(levels or {})
    for row_cells in rows.values():
        got: dict[str, str] = {}
        for c in row_cells:
            col = _column(c)
            assert col is not None
            k = bisect.bisect_right(columns, col) - 1
            if k < 0:
                continue  # the part's label column left of the header ('年度绩效指标完成情况')
            got.setdefault(cols[k], c.text)
        for f in LEVELS:
            if f in got and norm_cell(got[f]):
                levels[f] = _level(got.pop(f), f, vocab)
                if f == "level1":
                    levels.pop("level2", None)
        name = got.get("name", "")
        if not CJK_RE.search(name) or is_number(name) or norm_cell(name) in vocab.end_rows:
            continue  # a row of level labels only, a sub-header, or the footer
        if "target" not in got and "actual" not in got:
            continue
        out.append(({**{f: levels[f] for f in LEVELS if f in levels}, **got}, row_cells[0]))
    return out
