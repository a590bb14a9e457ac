"""A report's layout before it becomes a file: headings, paragraphs, ruled tables with merged cells.

The same layout is written as text, Word or PDF, so all three formats of a sample say the same
thing and share one truth. Plain text flattens tables the way published text exports do: one cell
per line after a tab, rows separated by a blank line; a horizontally merged cell appears once, the
positions under a vertically merged cell appear as empty cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 = document title, 1 = section, 2 = subsection


@dataclass(frozen=True)
class Para:
    text: str
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass
class Grid:
    """A ruled table: `cells[r][c]` holds the text of a cell's top-left position, "" elsewhere;
    `merges` are (row0, col0, row1, col1) inclusive rectangles."""

    cells: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: list[float] | None = None  # relative column widths
    header_rows: int = 1

    @property
    def n_cols(self) -> int:
        return max(len(r) for r in self.cells)

    def covered(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        """Every position inside a merge except its top-left corner, mapped to that merge."""
        out: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for m in self.merges:
            r0, c0, r1, c1 = m
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        out[(r, c)] = m
        return out


class GridBuilder:
    """Builds a Grid row by row; `span` registers a merge starting at the current cell."""

    def __init__(self, n_cols: int) -> None:
        self.n_cols = n_cols
        self.rows: list[list[str]] = []
        self.merges: list[tuple[int, int, int, int]] = []

    def row(self, *cells: str) -> int:
        r = list(cells) + [""] * (self.n_cols - len(cells))
        self.rows.append(r[: self.n_cols])
        return len(self.rows) - 1

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        if (r0, c0) != (r1, c1):
            self.merges.append((r0, c0, r1, c1))

    def build(self, widths: list[float] | None = None, header_rows: int = 1) -> Grid:
        return Grid([list(r) for r in self.rows], list(self.merges), widths, header_rows)


Block = Heading | Para | Grid | PageBreak


def grid_text_rows(grid: Grid) -> list[list[str]]:
    """The cells a text export shows for each row (horizontal merges collapse to one cell)."""
    covered = grid.covered()
    out: list[list[str]] = []
    for r, row in enumerate(grid.cells):
        cells: list[str] = []
        for c, text in enumerate(row):
            m = covered.get((r, c))
            if m is not None and m[0] == r:
                continue  # inside a horizontal run of the merge's first row
            if m is not None and c != m[1]:
                continue  # a later column of a vertically merged block
            cells.append("" if m is not None else text)
        out.append(cells)
    return out


def render_text(blocks: list[Block], table_style: str = "cells") -> str:
    """The layout as a published plain-text export would show it.

    table_style "cells": one cell per line (Word export); "spaced": one line per row, the non-empty
    cells joined by spaces, line breaks inside cells removed (what PDF text extraction leaves)."""
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Grid) and table_style == "spaced":
            for cells in grid_text_rows(b):
                lines.append(" ".join(c.replace("\n", "") for c in cells if c))
        elif isinstance(b, Grid):
            for cells in grid_text_rows(b):
                for cell in cells:
                    parts = cell.split("\n")
                    lines.append("\t" + parts[0])
                    lines.extend(parts[1:])
                lines.append("")
        elif isinstance(b, PageBreak):
            lines.append("")
        elif isinstance(b, Heading):
            lines.append(b.text)
            if b.level == 0:
                lines.append("")
        else:
            lines.append(b.text)
    return "\n".join(lines).rstrip("\n") + "\n"
