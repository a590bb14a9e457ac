"""Write a rebuilt report as a real Word document: headings, paragraphs, bordered tables with merges."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ingest.render.export_text import Item, Paragraph, TableModel
from ingest.render.layout import grid_cells

CJK_FONT = "Noto Serif CJK SC"


def _set_fonts(document: docx.document.Document) -> None:
    """One CJK font in every script slot of the styles used, with the theme fonts removed, so that
    LibreOffice renders the Chinese text with a font that has its glyphs whatever the theme says."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = CJK_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), CJK_FONT)
        for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme_attr), None)
    document.styles["Normal"].font.size = Pt(10.5)


def _fill(cell: docx.table._Cell, text: str) -> None:
    parts = text.split("\n")
    cell.text = parts[0]
    for part in parts[1:]:
        cell.add_paragraph(part)
    for p in cell.paragraphs:
        for run in p.runs:
            run.font.size = Pt(9)


def add_table(document: docx.document.Document, table: TableModel) -> None:
    t = document.add_table(rows=len(table.rows), cols=table.width)
    t.style = document.styles["Table Grid"]
    cells = grid_cells(table)
    for c in cells:
        top_left = t.cell(c.row, c.col)
        if c.colspan > 1 or c.rowspan > 1:
            top_left = top_left.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        _fill(top_left, c.text)


def write_docx(items: list[Item], path: Path) -> Path:
    document = docx.Document()
    _set_fonts(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(2.2))
    for item in items:
        if isinstance(item, TableModel):
            add_table(document, item)
        elif isinstance(item, Paragraph):
            if item.heading == 1:
                document.add_heading(item.text, level=1)
            elif item.heading == 2:
                document.add_heading(item.text, level=2)
            else:
                document.add_paragraph(item.text)
    document.save(str(path))
    return path
