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

from ingest.render.export_text import Item, Paragraph, Placed, TableModel
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


def _table(model: TableModel, styles: dict[str, ParagraphStyle], width: float, repeat: int,
           split_in_row: bool = False) -> Table:
    """`repeat` leading rows are printed again at the top of every page the table runs onto; with
    `split_in_row` a tall row is broken across the page end instead of moved whole."""
    data: list[list[object]] = [[""] * model.width for _ in model.rows]
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for c in grid_cells(model, vertical=False):  # rows split freely across pages: no vertical spans
        data[c.row][c.col] = RLParagraph(_markup(c.text), styles["cell"])
        if c.colspan > 1:
            commands.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row)))
    col_width = width / model.width
    return Table(data, colWidths=[col_width] * model.width, repeatRows=repeat, splitInRow=int(split_in_row),
                 style=TableStyle(commands))


def _form_tables(model: TableModel, title: str, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """A transcribed form as publishers lay it out in landscape: the head and the indicator part as two
    tables, each opening with the form's title row; the indicator table repeats its title and
    column-header rows on every page, and its tall rows break across pages."""
    assert model.placed is not None and model.indicator_row is not None
    cut = model.indicator_row
    out: list[Flowable] = []
    for lo, hi in ((0, cut), (cut, len(model.rows))):
        placed = [Placed(0, 0, 1, model.width, title)]
        placed += [Placed(c.row - lo + 1, c.col, min(c.rowspan, hi - c.row), c.colspan, c.text)
                   for c in model.placed if lo <= c.row < hi]
        rows = [[""] * model.width for _ in range(hi - lo + 1)]
        part = TableModel(rows, placed=placed)
        out.append(_table(part, styles, width, repeat=2 if lo else 0, split_in_row=bool(lo)))
    return out


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
    form_title: list[str] = []  # the title and project paragraphs printed just before a form
    for k, item in enumerate(items):
        if isinstance(item, Paragraph) and k + 1 < len(items) and _opens_form(items[k + 1:k + 3]):
            form_title.append(item.text)
            continue
        if isinstance(item, TableModel) and item.placed is not None:
            story += [NextPageTemplate("landscape"), PageBreak()]
            story += _form_tables(item, "".join(form_title), styles, wide[0] - 2 * MARGIN)
            if not any(isinstance(i, TableModel) and i.placed is not None for i in items[k + 1:k + 4]):
                story += [NextPageTemplate("portrait"), PageBreak()]
            form_title = []
            n_tables += 1
            continue
        if isinstance(item, TableModel):
            repeat = 1 if n_tables % 2 == 0 else 0
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


def _opens_form(following: list[Item]) -> bool:
    """A paragraph whose next items lead to a transcribed form (its title and project lines)."""
    for item in following:
        if isinstance(item, TableModel):
            return item.placed is not None
    return False
