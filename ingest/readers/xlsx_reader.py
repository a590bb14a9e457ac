"""Excel (.xlsx/.xlsm) workbooks → Document: each sheet one table block on its own page.

Self-evaluation tables (绩效自评表) are often published as spreadsheets. Sheets are read with
openpyxl in read-only mode (streamed rows, bounded memory) when they have no merged cells; merged
ranges are only listed by the full loader, so a workbook is reopened fully only if it has any.
A merged range keeps its text in the top-left cell and "" in the cells it covers.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest.document import Block, Document, Table
from ingest.errors import IngestError
from ingest.readers.docx_reader import CFB_MAGIC

FIXED_FORMAT_RE = re.compile(r"^(?:#,##)?0(?:\.(0+))?(%?)$")


def _formatted(value: float | int | Decimal, number_format: str | None) -> str | None:
    """A number as its cell's format prints it, for the formats forms use: '0%' / '0.00%' (a fraction
    shown as a percentage) and '0.00' (fixed decimals); None for any other format."""
    m = FIXED_FORMAT_RE.match((number_format or "").split(";")[0].replace('"', ""))
    if not m:
        return None
    decimals = len(m.group(1) or "")
    d = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    if m.group(2):
        d *= 100
    text = format(d.quantize(Decimal(1).scaleb(-decimals)), "f")
    return text + m.group(2)


def cell_string(value: Any, number_format: str | None = None) -> str:
    """A cell value as printed: a number in its percentage or fixed-decimal format, else to Excel's
    15 significant digits (no float noise); ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)) and number_format and number_format != "General":
        shown = _formatted(value, number_format)
        if shown is not None:
            return shown
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # Excel keeps 15 significant digits; beyond them a float holds only binary noise
        return format(Decimal(format(value, ".15g")).normalize(), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows and trailing empty columns; pad rows to a common width."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    width = 0
    for r in rows:
        for i in range(len(r) - 1, -1, -1):
            if r[i].strip():
                width = max(width, i + 1)
                break
    return [(r + [""] * width)[:width] for r in rows]


def _caption(row: list[str]) -> str | None:
    """The text of a row holding a single cell (a title or note merged across the sheet)."""
    filled = [c for c in row if c.strip()]
    return filled[0] if len(filled) == 1 and row[0].strip() else None


def sheets_to_document(name: str, fmt: str, sha256: str, sheets: list[tuple[str, list[list[str]]]]) -> Document:
    """One page per sheet: the sheet title as a heading, one-cell rows above and below the grid
    (titles such as 2021年度项目支出绩效自评表, notes such as 单位：万元) as paragraphs, the rest
    as the sheet's table."""
    blocks: list[Block] = []
    n_tables = 0
    for page, (title, rows) in enumerate(sheets, start=1):
        rows = trim(rows)
        if not rows:
            continue
        blocks.append(Block("heading", title, page=page))
        head = 0
        while head < len(rows) and _caption(rows[head]) is not None:
            head += 1
        tail = len(rows)
        while tail > head and _caption(rows[tail - 1]) is not None:
            tail -= 1
        blocks.extend(Block("paragraph", _caption(r) or "", page=page) for r in rows[:head])
        if tail > head:
            grid = trim(rows[head:tail])
            blocks.append(Block("table", table=Table(grid, index=n_tables), page=page))
            n_tables += 1
        blocks.extend(Block("paragraph", _caption(r) or "", page=page) for r in rows[tail:])
    return Document(name, fmt, sha256, blocks, n_pages=len(sheets))


def _check_package(path: Path) -> None:
    with open(path, "rb") as f:
        head = f.read(8)
    if head == CFB_MAGIC:
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IngestError("encrypted", f"{path.name} is a password-protected workbook; "
                                           "save it again without a password")
        raise IngestError("corrupt", f"{path.name} is a legacy .xls workbook named .xlsx; rename it to .xls")
    if not zipfile.is_zipfile(path):
        raise IngestError("corrupt", f"{path.name} is not an Excel .xlsx package (not a zip archive)")


def read(path: Path, sha256: str) -> Document:
    _check_package(path)
    import openpyxl

    # opened through a file object: openpyxl would refuse a workbook misnamed .xls by its name
    with open(path, "rb") as f:
        try:
            wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises KeyError/InvalidFileException/BadZipFile on damage
            raise IngestError("corrupt", f"{path.name} is not a readable workbook: {type(e).__name__}: {e}") from e
        try:
            sheets = [(ws.title, [[cell_string(c.value, getattr(c, "number_format", None)) for c in row]
                                  for row in ws.iter_rows()])
                      for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        finally:
            wb.close()
    if _has_merges(path):
        sheets = _apply_merges(path, sheets)
    return sheets_to_document(path.name, "xlsx", sha256, sheets)


def _has_merges(path: Path) -> bool:
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with z.open(info) as f:
                    while chunk := f.read(1 << 16):
                        if b"<mergeCell " in chunk or b"mergeCells" in chunk:
                            return True
    return False


def _apply_merges(path: Path, sheets: list[tuple[str, list[list[str]]]]) -> list[tuple[str, list[list[str]]]]:
    """Blank the cells a merged range covers (read-only mode repeats nothing, but be explicit)."""
    import openpyxl

    with open(path, "rb") as f:
        wb = openpyxl.load_workbook(f, read_only=False, data_only=True)
    out: list[tuple[str, list[list[str]]]] = []
    try:
        by_title = {ws.title: ws for ws in wb.worksheets}
        for title, rows in sheets:
            ws = by_title.get(title)
            ranges = list(getattr(ws, "merged_cells", None).ranges) if ws is not None else []
            for rng in ranges:
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        if (r, c) == (rng.min_row, rng.min_col):
                            continue
                        if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                            rows[r - 1][c - 1] = ""
            out.append((title, rows))
    finally:
        wb.close()
    return out
