"""Legacy Excel (.xls, BIFF) workbooks → Document with xlrd 2: one table block per sheet and page.

Merged ranges (`sheet.merged_cells`, needs formatting_info) keep their text top-left, "" elsewhere."""

from __future__ import annotations

from pathlib import Path

from ingest.document import Document
from ingest.errors import IngestError
from ingest.readers.xlsx_reader import cell_string, sheets_to_document


def read(path: Path, sha256: str) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as e:
        msg = str(e)
        if "encrypt" in msg.lower():
            raise IngestError("encrypted", f"{path.name} is a password-protected workbook; "
                                               "save it again without a password") from e
        if "xlsx" in msg.lower():
            raise IngestError("corrupt", f"{path.name} is an .xlsx workbook named .xls; rename it") from e
        raise IngestError("corrupt", f"{path.name} is not a readable .xls workbook: {msg}") from e
    except Exception as e:  # struct/assertion/index errors from damaged BIFF streams
        raise IngestError("corrupt", f"{path.name} is not a readable .xls workbook: {type(e).__name__}") from e
    sheets: list[tuple[str, list[list[str]]]] = []
    try:
        for idx in range(book.nsheets):
            sh = book.sheet_by_index(idx)
            rows = [[_value(book, sh.cell(r, c)) for c in range(sh.ncols)] for r in range(sh.nrows)]
            for rlo, rhi, clo, chi in sh.merged_cells:
                for r in range(rlo, rhi):
                    for c in range(clo, chi):
                        if (r, c) != (rlo, clo) and r < len(rows) and c < len(rows[r]):
                            rows[r][c] = ""
            sheets.append((sh.name, rows))
            book.unload_sheet(idx)
    finally:
        book.release_resources()
    return sheets_to_document(path.name, "xls", sha256, sheets)


def _value(book: object, cell: object) -> str:
    import xlrd

    ctype = getattr(cell, "ctype", None)
    value = getattr(cell, "value", None)
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_string(xlrd.xldate.xldate_as_datetime(value, book.datemode))  # type: ignore[attr-defined]
        except Exception:
            return cell_string(value)
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if ctype == xlrd.XL_CELL_NUMBER:
        return cell_string(value, _number_format(book, cell))
    return cell_string(value)


def _number_format(book: object, cell: object) -> str | None:
    """The format string of a numeric cell ('0.00%'), from its XF record (needs formatting_info)."""
    try:
        xf = book.xf_list[cell.xf_index]  # type: ignore[attr-defined]
        return book.format_map[xf.format_key].format_str  # type: ignore[attr-defined]
    except (AttributeError, IndexError, KeyError, TypeError):
        return None
