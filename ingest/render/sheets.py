"""Write a rebuilt report as an Excel workbook, the way self-evaluation tables are published:
one sheet per table, the prose before a table as one-cell caption rows above it (merged across
the sheet), the prose after the last table below it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

from ingest.render.export_text import Item, Paragraph, TableModel
from ingest.render.layout import grid_cells

NUMBER_RE = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.(\d+))?$")
PERCENT_RE = re.compile(r"^(-?(?:0|[1-9]\d*)(?:\.(\d+))?)[%％]$")


def typed(text: str) -> tuple[object, str | None]:
    """A printed cell as a spreadsheet holds it: a plain figure as a number (with as many decimals
    shown as printed), a percentage as a fraction formatted '0%' / '0.00%', anything else as text."""
    t = text.strip()
    m = NUMBER_RE.match(t)
    if m:
        decimals = len(m.group(1) or "")
        return Decimal(t), ("0." + "0" * decimals) if decimals else None
    m = PERCENT_RE.match(t)
    if m:
        decimals = len(m.group(2) or "")
        return Decimal(m.group(1)) / 100, "0" + ("." + "0" * decimals if decimals else "") + "%"
    return text, None


def _caption_rows(ws: openpyxl.worksheet.worksheet.Worksheet, texts: list[str], width: int) -> None:
    for text in texts:
        ws.append([text])
        r = ws.max_row
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(wrap_text=True)


def write_xlsx(items: list[Item], path: Path) -> Path | None:
    """Returns None when the report has no table (nothing a spreadsheet would hold)."""
    tables = [i for i in items if isinstance(i, TableModel)]
    if not tables:
        return None
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    prose: list[str] = []
    ws = None
    n = 0
    for item in items:
        if isinstance(item, Paragraph):
            prose.append(item.text)
            continue
        n += 1
        ws = wb.create_sheet(f"表{n}")
        _caption_rows(ws, prose, item.width)
        prose = []
        first = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
        for c in grid_cells(item):
            r, col = first + c.row, 1 + c.col
            value, number_format = typed(c.text)
            cell = ws.cell(r, col, value)
            if number_format:
                cell.number_format = number_format
            if c.colspan > 1 or c.rowspan > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1,
                               end_column=col + c.colspan - 1)
    if ws is not None and prose:
        _caption_rows(ws, prose, tables[-1].width)
    wb.save(str(path))
    return path
