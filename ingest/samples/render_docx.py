"""Write a layout as a Word file (python-docx) with real tables and merged cells, byte-for-byte repeatable.

python-docx stamps zip entries with the current time and leaves core properties to the template,
so the package is rewritten with fixed dates after saving: the same layout always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from ingest.samples.layout import Block, Grid, Heading, PageBreak, Para

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _east_asian(run: Run, font: str = "宋体") -> None:
    """Set `font` for Chinese text too: python-docx's `font.name` sets only the Latin slots, and Word
    would show CJK characters in the theme's East Asian font."""
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _add_grid(doc: DocxDocument, grid: Grid) -> None:
    n_rows, n_cols = len(grid.cells), grid.n_cols
    table = doc.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # table.cell() re-walks the whole table on each call; take every cell once, before merging
    cells = [list(row.cells) for row in table.rows]
    for r, row in enumerate(grid.cells):
        for c, text in enumerate(row):
            if not text:
                continue
            cell = cells[r][c]
            lines = text.split("\n")
            para = cell.paragraphs[0]
            for i, line in enumerate(lines):
                run = para.add_run(line)
                run.font.size = Pt(9)
                _east_asian(run)
                if i < len(lines) - 1:
                    run.add_break()
    for r0, c0, r1, c1 in grid.merges:
        cells[r0][c0].merge(cells[r1][c1])


def render_docx(blocks: list[Block], path: Path, title: str) -> None:
    """Write `blocks` to `path` as .docx with fixed metadata and zip timestamps."""
    doc = new_docx()
    core = doc.core_properties
    core.author = "jixiao samples"
    core.last_modified_by = "jixiao samples"
    core.title = title
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.last_printed = FIXED_TIME
    core.revision = 1
    for b in blocks:
        if isinstance(b, Heading):
            p = doc.add_paragraph()
            run = p.add_run(b.text)
            run.bold = True
            run.font.size = Pt(16 if b.level == 0 else 12)
            _east_asian(run, "黑体" if b.level == 0 else "宋体")
            if b.level == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(b, Para):
            p = doc.add_paragraph()
            run = p.add_run(b.text)
            run.font.size = Pt(11)
            _east_asian(run)
            p.alignment = _ALIGN[b.align]
        elif isinstance(b, Grid):
            _add_grid(doc, b)
            doc.add_paragraph()
        elif isinstance(b, PageBreak):
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalize_zip(buf.getvalue()))


def _normalize_zip(data: bytes) -> bytes:
    """Re-pack the package with fixed timestamps and a stable member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
