"""Where a rebuilt table's cells sit on the grid: spans for short rows, vertical merges for labels.

Shared by the Word, PDF and Excel writers so that every rendering of a report has the same table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.render.export_text import TableModel

LABEL_COLUMNS = 3  # vertical merges are only made in the leading (label) columns
TOTAL_LABEL = re.compile(r"^(合\s*计|总\s*计|小\s*计)$")


@dataclass
class GridCell:
    row: int
    col: int
    colspan: int
    rowspan: int
    text: str


def _blank(text: str) -> bool:
    return not text.replace("\u3000", "").strip()


def _span(k: int, n_cells: int, width: int, total_row: bool) -> int:
    if total_row:
        return 2 if k == 0 else 1
    return 1 if k < n_cells - 1 else width - n_cells + 1


def grid_cells(table: TableModel, vertical: bool = True) -> list[GridCell]:
    """Top-left cells of the grid. Short rows: one column per cell, the last takes the rest, except
    a total row one cell short (合计 spanning 序号 and 项目), whose label takes two columns.
    With `vertical`, an empty label cell under a label of the same span extends that label down.
    A table placed by hand (`table.placed`) keeps its own merges (vertical ones only with `vertical`)."""
    if table.placed is not None:
        return [GridCell(c.row, c.col, c.colspan, c.rowspan if vertical else 1, c.text) for c in table.placed]
    width = table.width
    cells: list[GridCell] = []
    by_pos: dict[tuple[int, int], GridCell] = {}
    for r, row in enumerate(table.rows):
        col = 0
        total_row = len(row) == width - 1 and bool(TOTAL_LABEL.match(row[0].replace("\u3000", " ").strip()))
        for k, text in enumerate(row):
            span = _span(k, len(row), width, total_row)
            above = by_pos.get((r - 1, col))
            has_more = any(not _blank(t) for t in row[k + 1:])
            if (vertical and above is not None and _blank(text) and col < LABEL_COLUMNS and has_more
                    and above.colspan == span and not _blank(above.text)):
                above.rowspan += 1
                by_pos[(r, col)] = above
            else:
                cell = GridCell(r, col, span, 1, text)
                cells.append(cell)
                by_pos[(r, col)] = cell
            col += span
    return cells
