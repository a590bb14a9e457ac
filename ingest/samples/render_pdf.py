"""Write a layout as a PDF with a real text layer and ruled tables, byte-for-byte repeatable.

Uses reportlab's built-in CID font STSong-Light (no font file needed; pdfplumber and pypdfium2 read
the text back) and `invariant=1`, which fixes the creation date and document id.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ingest.samples.layout import Block, Grid, Heading, PageBreak, Para

FONT = "STSong-Light"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    f = _font()
    return {
        "title": ParagraphStyle("title", fontName=f, fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8,
                                wordWrap="CJK"),
        "h1": ParagraphStyle("h1", fontName=f, fontSize=12.5, leading=20, spaceBefore=6, wordWrap="CJK"),
        "left": ParagraphStyle("left", fontName=f, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK"),
        "center": ParagraphStyle("center", fontName=f, fontSize=10.5, leading=17, alignment=TA_CENTER,
                                 wordWrap="CJK"),
        "right": ParagraphStyle("right", fontName=f, fontSize=10.5, leading=17, alignment=TA_RIGHT, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=f, fontSize=8, leading=10, alignment=TA_LEFT, wordWrap="CJK"),
    }


def _grid_flowable(grid: Grid, width: float, st: ParagraphStyle) -> Table:
    rel = grid.widths or [1.0] * grid.n_cols
    total = sum(rel)
    col_widths = [width * w / total for w in rel]
    data = [[Paragraph(escape(t).replace("\n", "<br/>"), st) if t else "" for t in row] for row in grid.cells]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), _font()),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for r0, c0, r1, c1 in grid.merges:
        style.append(("SPAN", (c0, r0), (c1, r1)))
    return Table(data, colWidths=col_widths, style=TableStyle(style), repeatRows=0)


def render_pdf(blocks: list[Block], path: Path, title: str) -> None:
    """Write `blocks` to `path` as a multi-page PDF with fixed metadata."""
    st = _styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=title, author="jixiao samples", creator="jixiao samples",
                            invariant=1)
    story: list = []
    for b in blocks:
        if isinstance(b, Heading):
            story.append(Paragraph(escape(b.text), st["title"] if b.level == 0 else st["h1"]))
        elif isinstance(b, Para):
            story.append(Paragraph(escape(b.text), st[b.align]))
        elif isinstance(b, Grid):
            story.append(_grid_flowable(b, doc.width, st["cell"]))
            story.append(Spacer(1, 6))
        elif isinstance(b, PageBreak):
            story.append(RLPageBreak())
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """A centred "- n -" footer, as printed government documents carry."""
    canvas.saveState()
    canvas.setFont(_font(), 9)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
    canvas.restoreState()
