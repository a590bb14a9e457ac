"""Tables of a scanned page: the rules found in the image become cells by pdfplumber's lattice
algorithm (the same one the PDF reader runs on vector rules), and the OCR'd text boxes are placed
into the cells they sit in, so a scanned 自评表 becomes the same rows of cells as the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest.ocr.engines import Rect, TextBox
from ingest.ocr.image import Rule

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom (image pixels)
MIN_PART = 6.0  # pixels of a box that must fall in a cell for it to be cut there
INSET = 3.0  # pixels kept between a part and its cell's rules


@dataclass
class GridTable:
    """A table found in the image: its cells row by row (None where a merged cell covers the
    position) and, once filled, the boxes placed in each cell."""

    bbox: Bbox
    cells: list[list[Bbox | None]]
    boxes: dict[tuple[int, int], list[TextBox]] = field(default_factory=dict)

    def texts(self) -> list[list[str]]:
        """Cell texts: a cell's boxes in reading order, lines joined as the PDF reader joins them."""
        from ingest.readers.pdf_reader import join_wrapped

        rows: list[list[str]] = []
        for r, row in enumerate(self.cells):
            out: list[str] = []
            for c, cell in enumerate(row):
                if cell is None:
                    out.append("")
                    continue
                boxes = sorted(self.boxes.get((r, c), []), key=lambda b: ((b.y0 + b.y1) / 2, b.x0))
                out.append(join_wrapped(_reading_lines(boxes)))
            rows.append(out)
        return rows


def _reading_lines(boxes: list[TextBox]) -> list[str]:
    """Boxes of one cell grouped into lines (vertical overlap), each line left to right."""
    lines: list[list[TextBox]] = []
    for b in boxes:
        if lines:
            last = lines[-1]
            top = min(x.y0 for x in last)
            bottom = max(x.y1 for x in last)
            overlap = min(bottom, b.y1) - max(top, b.y0)
            if overlap > 0.5 * min(bottom - top, b.y1 - b.y0):
                last.append(b)
                continue
        lines.append([b])
    return ["".join(x.text for x in sorted(line, key=lambda x: x.x0)) for line in lines]


def grid_tables(rules: list[Rule], dpi: float) -> list[GridTable]:
    """Tables from the image's rules (pdfplumber's snap/join/intersect/cells, tolerances in points
    converted to pixels); a grid with fewer than two rows or columns is not a table."""
    import pdfplumber.table as lattice
    from pdfplumber.utils import filter_edges

    px = dpi / 72  # pixels per point: pdfplumber's tolerances are in points
    edges: list[dict[str, Any]] = []
    for r in rules:
        if r.horizontal:
            edges.append({"x0": r.x0, "x1": r.x1, "top": r.y0, "bottom": r.y0, "width": r.x1 - r.x0,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
        else:
            edges.append({"x0": r.x0, "x1": r.x0, "top": r.y0, "bottom": r.y1, "width": 0.0,
                          "height": r.y1 - r.y0, "orientation": "v", "object_type": "line"})
    if sum(1 for e in edges if e["orientation"] == "h") < 2 or not any(e["orientation"] == "v" for e in edges):
        return []
    tol = 3 * px
    edges = lattice.merge_edges(edges, snap_x_tolerance=tol, snap_y_tolerance=tol,
                                join_x_tolerance=tol, join_y_tolerance=tol)
    edges = filter_edges(edges, min_length=3 * px)
    intersections = lattice.edges_to_intersections(edges, tol, tol)
    cells = lattice.intersections_to_cells(intersections)
    found: list[GridTable] = []
    for group in lattice.cells_to_tables(cells):
        table = lattice.Table(None, group)  # type: ignore[arg-type]  # the page is only needed by extract()
        rows = [list(row.cells) for row in table.rows]
        if len(rows) < 2 and max((len(r) for r in rows), default=0) < 2:
            continue  # a framed paragraph, not a table
        found.append(GridTable(table.bbox, rows))
    return found


def drop_overlapped(boxes: list[TextBox]) -> list[TextBox]:
    """Boxes without those lying mostly (70 %) inside a longer box of the same line: the detector
    sometimes finds a line twice, once running over a column rule, and the cut-off piece of the
    neighbour cell's text would be read twice."""
    kept: list[TextBox] = []
    for b in boxes:
        width = b.x1 - b.x0
        inside = any(o is not b and (o.x1 - o.x0) > width
                     and min(o.y1, b.y1) - max(o.y0, b.y0) > 0.6 * (b.y1 - b.y0)
                     and min(o.x1, b.x1) - max(o.x0, b.x0) >= 0.7 * width
                     for o in boxes)
        if not inside:
            kept.append(b)
    return kept


def place_boxes(tables: list[GridTable], boxes: list[TextBox]) -> list[TextBox]:
    """Put each box into the table cell holding its centre; return the boxes outside every table."""
    outside: list[TextBox] = []
    for b in boxes:
        xc, yc = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        placed = False
        for t in tables:
            x0, top, x1, bottom = t.bbox
            if not (x0 <= xc <= x1 and top <= yc <= bottom):
                continue
            for r, row in enumerate(t.cells):
                for c, cell in enumerate(row):
                    if cell is not None and cell[0] <= xc <= cell[2] and cell[1] <= yc <= cell[3]:
                        t.boxes.setdefault((r, c), []).append(b)
                        placed = True
                        break
                if placed:
                    break
            if placed:
                break
        if not placed:
            outside.append(b)
    return outside


def cell_splitter(tables: list[GridTable]) -> Callable[[Rect], list[Rect]]:
    """A function cutting a detected text box at the column rules it runs over: when cells sit
    close, the detector reads "项目名称 | 城市基层党建工作经费" as one line; each cell's part is
    then recognised on its own. Every part is kept a little inside its cell, so the widened box never
    takes in what is left of an erased rule (read as "、" or "1")."""

    def split(rect: Rect) -> list[Rect]:
        x0, y0, x1, y1 = rect
        yc = (y0 + y1) / 2
        for t in tables:
            tx0, top, tx1, bottom = t.bbox
            if not (top <= yc <= bottom and x0 < tx1 and x1 > tx0):
                continue
            # a part must be about a character wide (0.45 of the box, which is ~1.6 text heights): the
            # margin the reader adds around a box must not become a cell's phantom character
            least = max(MIN_PART, 0.45 * (y1 - y0))
            spans = sorted({(c[0], c[2]) for row in t.cells for c in row
                            if c is not None and c[1] <= yc <= c[3] and min(x1, c[2]) - max(x0, c[0]) >= least})
            if not spans:
                return [rect]
            return [(max(x0, a + INSET), y0, min(x1, b - INSET), y1) for a, b in spans]
        return [rect]

    return split
