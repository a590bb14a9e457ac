"""Figures read by OCR keep where they were read and how sure the engine was; a money figure or a
score read with too little confidence is left empty with a warning (unknown beats wrong).

Each figure is traced back to the OCR lines (`Document.ocr`) on its page that print it (the same
number, or the same amount in 元 for a figure converted to 万元). Its confidence is the best of
those lines' confidences: a figure printed twice and read well once is known. A figure no OCR
line prints (computed, or from a page with a text layer) is left as it is.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal, InvalidOperation

from ingest.document import OcrText

THRESHOLD_ENV = "JIXIAO_OCR_MIN_CONFIDENCE"
DEFAULT_THRESHOLD = 0.90
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")

PROJECT_FIGURES = ("budget_initial", "budget_full_year", "executed", "execution_rate", "carryover")
INDICATOR_FIGURES = ("weight", "score")
TOTAL_FIGURES = ("income_total", "expenditure_total", "basic_expenditure", "project_expenditure",
                 "budget_initial_total", "carryover_total", "three_public_expenses")


def threshold() -> float:
    try:
        return float(os.environ.get(THRESHOLD_ENV, "") or DEFAULT_THRESHOLD)
    except ValueError:
        return DEFAULT_THRESHOLD


def _dec(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text).replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def _numbers(text: str) -> set[Decimal]:
    out: set[Decimal] = set()
    for m in _NUMBER.finditer(text):
        d = _dec(m.group(0))
        if d is not None:
            out.add(d)
    return out


class OcrIndex:
    """OCR lines by page with the numbers each prints, for tracing figures back to them."""

    def __init__(self, lines: list[OcrText]) -> None:
        self.by_page: dict[int, list[tuple[OcrText, set[Decimal]]]] = {}
        for line in lines:
            self.by_page.setdefault(line.page, []).append((line, _numbers(line.text)))

    def reading(self, value: str | None, page: int | None) -> OcrText | None:
        """The most confident OCR line printing `value` (on `page` when known, else anywhere)."""
        d = _dec(value)
        if d is None:
            return None
        wanted = {d, d * 10000}  # 万元 converted from 元
        pages = [page] if page is not None and page in self.by_page else list(self.by_page)
        found = [line for p in pages for line, nums in self.by_page[p] if nums & wanted]
        return max(found, key=lambda line: line.confidence) if found else None


def _reading_json(line: OcrText) -> dict:
    return {"page": line.page, "box": list(line.box), "confidence": line.confidence, "text": line.text}


def _check(row: dict, fields: tuple[str, ...], where: str, index: OcrIndex, limit: float,
           warnings: list[dict]) -> None:
    """Attach each figure's OCR reading to the row's provenance; empty the figures read below `limit`."""
    prov = row.get("provenance")
    page = prov.get("page") if isinstance(prov, dict) else None
    readings: dict[str, dict] = {}
    for f in fields:
        line = index.reading(row.get(f), page)
        if line is None:
            continue
        readings[f] = _reading_json(line)
        if line.confidence < limit:
            warnings.append({"field": f"{where}.{f}", "message": f"OCR read {row[f]!r} with confidence "
                             f"{line.confidence:.2f} (< {limit:.2f}) on page {line.page} ({line.text!r}); left empty"})
            row[f] = None
    if readings and isinstance(prov, dict):
        prov["ocr"] = readings


def summary(lines: list[OcrText], limit: float | None = None) -> dict:
    """What OCR read in a document, for the warehouse (raw.documents.ocr_*): the pages it read text
    on, how many lines, their mean confidence and how many fell below the threshold."""
    limit = threshold() if limit is None else limit
    mean = sum(line.confidence for line in lines) / len(lines) if lines else None
    return {"pages": sorted({line.page for line in lines}), "lines": len(lines),
            "mean_confidence": None if mean is None else round(mean, 4),
            "low_confidence_lines": sum(1 for line in lines if line.confidence < limit), "threshold": limit}


def apply(extraction: dict, lines: list[OcrText], limit: float | None = None) -> None:
    """Trace every money figure and score of `extraction` (changed in place) to the OCR lines; the
    warnings of figures left empty start with "OCR read " (counted per document in dim_document)."""
    if not lines:
        return
    limit = threshold() if limit is None else limit
    index = OcrIndex(lines)
    warnings: list[dict] = extraction.setdefault("warnings", [])
    for i, p in enumerate(extraction.get("projects", [])):
        _check(p, PROJECT_FIGURES, f"projects[{i}]", index, limit, warnings)
    for i, r in enumerate(extraction.get("reports", [])):
        _check(r, ("score",), f"reports[{i}]", index, limit, warnings)
    for i, ind in enumerate(extraction.get("indicators", [])):
        _check(ind, INDICATOR_FIGURES, f"indicators[{i}]", index, limit, warnings)
    kept: list[dict] = []
    for i, it in enumerate(extraction.get("spending_items", [])):
        _check(it, ("amount",), f"spending_items[{i}]", index, limit, warnings)
        if it.get("amount") is None:
            warnings.append({"field": f"spending_items[{i}]", "message": f"OCR read the amount of "
                             f"'{it.get('item')}' with too little confidence; row dropped"})
            continue
        kept.append(it)
    if "spending_items" in extraction:
        extraction["spending_items"] = kept
    totals = extraction.get("department_totals")
    if totals:
        _check(totals, TOTAL_FIGURES, "department_totals", index, limit, warnings)
