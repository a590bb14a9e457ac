"""A second PDF layout drawn with reportlab, harder than an office export on purpose: running
headers and footers with page numbers, wide tables on landscape pages, long tables split across
pages (alternately with and without a repeated header row). Uses reportlab's built-in CID font
'STSong-Light', so no font file is needed."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from ingest.render.export_text import Item, Paragraph, TableModel
from ingest.render.layout import grid_cells

FONT = "STSong-Light"
LANDSCAPE_MIN_COLUMNS = 9
MARGIN = 56


def _styles() -> dict[str, ParagraphStyle]:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return {
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK",
                               firstLineIndent=21, spaceAfter=3),
        "h1": ParagraphStyle("h1", fontName=FONT, fontSize=16, leading=24, alignment=1, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=FONT, fontSize=12, leading=20, spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11, wordWrap="CJK"),
    }


def _markup(text: str) -> str:
    return "<br/>".join(escape(part) for part in text.split("\n"))


def _table(model: TableModel, styles: dict[str, ParagraphStyle], width: float, repeat: bool) -> Table:
    data: list[list[object]] = [[""] * model.width for _ in model.rows]
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for c in grid_cells(model, vertical=False):  # rows split freely across pages: no vertical spans
        data[c.row][c.col] = RLParagraph(_markup(c.text), styles["cell"])
        if c.colspan > 1:
            commands.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row)))
    col_width = width / model.width
    return Table(data, colWidths=[col_width] * model.width, repeatRows=1 if repeat else 0,
                 style=TableStyle(commands))


def write_pdf(items: list[Item], path: Path, running_title: str) -> Path:
    """Lay the report out; tables ≥ LANDSCAPE_MIN_COLUMNS wide go on landscape pages."""
    styles = _styles()

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.drawString(MARGIN, h - 34, running_title)
        canvas.line(MARGIN, h - 38, w - MARGIN, h - 38)
        canvas.drawCentredString(w / 2, 26, f"第 {doc.page} 页")
        canvas.restoreState()

    portrait, wide = A4, landscape(A4)
    doc = BaseDocTemplate(str(path), pagesize=portrait, title=running_title)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(MARGIN, MARGIN, portrait[0] - 2 * MARGIN, portrait[1] - 2 * MARGIN)],
                     onPage=decorate, pagesize=portrait),
        PageTemplate("landscape", [Frame(MARGIN, MARGIN, wide[0] - 2 * MARGIN, wide[1] - 2 * MARGIN)],
                     onPage=decorate, pagesize=wide),
    ])
    story: list[Flowable] = []
    n_tables = 0
    for item in items:
        if isinstance(item, TableModel):
            repeat = n_tables % 2 == 0
            if item.width >= LANDSCAPE_MIN_COLUMNS:
                story += [NextPageTemplate("landscape"), PageBreak()]
                story.append(_table(item, styles, wide[0] - 2 * MARGIN, repeat))
                story += [NextPageTemplate("portrait"), PageBreak()]
            else:
                story.append(_table(item, styles, portrait[0] - 2 * MARGIN, repeat))
            n_tables += 1
        elif isinstance(item, Paragraph):
            style = styles["h1" if item.heading == 1 else "h2" if item.heading == 2 else "body"]
            story.append(RLParagraph(_markup(item.text), style))
    doc.build(story)
    return path
