"""OCR for PDF pages that have no text layer (a scan) or a garbage one: on by default, with an
engine whose models ship in a pip package (rapidocr, PP-OCRv4), tesseract as an option.

A page is rendered, its red seal dropped and its skew undone (`image`), its table rules turned
into cells (`tables`), and its text read by the engine (`engines`). The result is handed back in
the PDF reader's own shape — positioned text runs and tables of cells, in PDF points — so that
paragraphs, running headers and tables continued across pages are rebuilt by the same code as
for a text PDF. Every line read keeps its page, box and confidence (`Document.ocr`).

Settings (environment):
  JIXIAO_OCR          rapidocr (default) | tesseract[:languages] | off
  JIXIAO_OCR_DPI      rendering resolution for OCR (default 150: measured fastest at the same accuracy)
  JIXIAO_OCR_DET_DPI  resolution text lines are detected at (default 105; read at the full one)
  JIXIAO_OCR_THREADS  ONNX Runtime threads per process (default 1)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.document import OcrText
from ingest.ocr.engines import OCR_ENV, OcrEngine, TextBox, engine_setting, get_engine
from ingest.ocr.image import erase, find_rules, grey_without_seal, rotate, skew_angle
from ingest.ocr.tables import cell_splitter, drop_overlapped, grid_tables, place_boxes

DPI_ENV = "JIXIAO_OCR_DPI"
DEFAULT_DPI = 150
GARBAGE_SHARE = 0.6  # below this share of readable characters, a text layer is garbage
_READABLE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u0020-\u007e\u00b7\u2014-\u2030\u2160-\u216b\u2460-\u2473\u25a0-\u25ff]")

__all__ = ["OCR_ENV", "PageRead", "ocr_dpi", "needs_ocr", "ocr_missing_text", "read_page_image", "read_pages"]


def ocr_dpi() -> int:
    try:
        return max(72, min(600, int(os.environ.get(DPI_ENV, "") or DEFAULT_DPI)))
    except ValueError:
        return DEFAULT_DPI


def garbage_text(text: str) -> bool:
    """A text layer that is not text: mostly private-use glyph codes, replacement characters or
    mojibake (a PDF whose fonts map glyphs to nothing readable)."""
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) < 20:
        return False
    readable = sum(1 for ch in chars if _READABLE.match(ch))
    return readable / len(chars) < GARBAGE_SHARE or text.count("(cid:") >= 5


def needs_ocr(page: Any) -> bool:
    """A page of the PDF reader (`PageContent`) with no text layer, or a garbage one."""
    if not page.runs and not page.tables:
        return True
    return garbage_text(" ".join(r.text for r in page.runs))


def is_noise(text: str) -> bool:
    """A read that is no text: one or two Latin letters or marks with no Chinese and no figure
    ("I", "II", "|", "-" from a rule's stub or a speck). Figures alone ("1", "18") are kept."""
    return len(text) <= 2 and not re.search(r"[\u4e00-\u9fff\d]", text)


def read_page_image(rgb: Any, engine: OcrEngine, dpi: float, number: int) -> tuple[list[Any], list[Any], list[OcrText]]:
    """One page image → (text runs, tables, OCR lines), in PDF points as the PDF reader has them."""
    from ingest.readers.pdf_reader import PageTable, Run

    grey = grey_without_seal(rgb)
    grey = rotate(grey, skew_angle(grey))
    rules, mask = find_rules(grey, dpi)
    tables = grid_tables(rules, dpi)
    split = cell_splitter(tables)
    boxes = engine.read(erase(grey, mask, [t.bbox for t in tables]),
                        lambda rects: [part for r in rects for part in split(r)], dpi)
    boxes = [b for b in drop_overlapped(boxes) if not is_noise(b.text)]
    outside = place_boxes(tables, boxes)
    s = 72 / dpi
    height = grey.shape[0] * s
    page_tables: list[PageTable] = []
    for t in tables:
        rows = [r for r in t.texts() if any(c for c in r)]
        if sum(1 for r in rows for c in r if c) <= 1:  # a framed line of text, not a table
            outside.extend(b for cell in t.boxes.values() for b in cell)
            continue
        x0, top, x1, bottom = (v * s for v in t.bbox)
        page_tables.append(PageTable(height - top, x0, x1, rows, (x0, top, x1, bottom)))
    runs = [Run(b.x0 * s, height - b.y1 * s, b.x1 * s, height - b.y0 * s, b.text) for b in outside]
    spans = [OcrText(number, b.text, round(b.confidence, 4), _points(b, s)) for b in boxes]
    return runs, page_tables, spans


def _points(b: TextBox, s: float) -> tuple[float, float, float, float]:
    return (round(float(b.x0) * s, 1), round(float(b.y0) * s, 1), round(float(b.x1) * s, 1), round(float(b.y1) * s, 1))


@dataclass
class PageRead:
    """What OCR made of one page: the PDF reader's runs and tables, the lines read, the page size."""

    number: int
    runs: list[Any]
    tables: list[Any]
    spans: list[OcrText]
    width: float
    height: float


def read_pages(path: Path, numbers: list[int], setting: str, dpi: int) -> list[PageRead]:
    """Render and read the pages `numbers` (1-based) of the PDF at `path` in this process."""
    import numpy as np

    from ingest.readers.pdf_reader import open_pdfium

    engine = get_engine(setting)
    out: list[PageRead] = []
    pdf = open_pdfium(path)
    try:
        for number in numbers:
            page = pdf[number - 1]
            try:
                image = np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            finally:
                page.close()
            runs, tables, spans = read_page_image(image, engine, dpi, number)
            out.append(PageRead(number, runs, tables, spans, image.shape[1] * 72 / dpi, image.shape[0] * 72 / dpi))
            del image
    finally:
        pdf.close()
    return out


def ocr_missing_text(path: Path, pages: list[Any]) -> tuple[list[OcrText], list[str]]:
    """OCR the pages (`PageContent`, changed in place) that have no usable text layer, in batches
    across processes when there are several (`ingest.ocr.pool`).

    Returns the OCR lines and warnings for the document. With OCR switched off, the pages stay
    empty and a warning names them; the caller decides whether the file is then unreadable."""
    from ingest.ocr.pool import read_in_batches

    todo = [p for p in pages if needs_ocr(p)]
    if not todo:
        return [], []
    setting = engine_setting()
    numbers = ", ".join(str(p.number) for p in todo)
    if setting is None:
        return [], [f"pages without a text layer (scanned? OCR is off: {OCR_ENV}=off): {numbers}"]
    dpi = ocr_dpi()
    by_number = {p.number: p for p in todo}
    spans: list[OcrText] = []
    reads, processes = read_in_batches(path, [p.number for p in todo], setting, dpi)
    for read in sorted(reads, key=lambda r: r.number):
        page = by_number[read.number]
        page.runs, page.tables, page.width, page.height = read.runs, read.tables, read.width, read.height
        spans.extend(read.spans)
    low = sum(1 for s in spans if s.confidence < 0.9)
    mean = sum(s.confidence for s in spans) / len(spans) if spans else 0.0
    name = setting.split(":", 1)[0]
    return spans, [f"pages read by OCR ({name}, {dpi} dpi, {processes} process{'es' if processes > 1 else ''}; "
                   f"{len(spans)} lines, mean confidence {mean:.3f}, {low} below 0.9): {numbers}"]
