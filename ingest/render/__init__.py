"""Fixture renderer: the shared reports' text exports rendered as the files publishers really post.

For each report text it rebuilds the paragraphs and tables (`export_text`) and writes
  <stem>.docx     a Word document with real bordered tables and merged cells      (python-docx)
  <stem>.lo.pdf   that document exported to PDF by LibreOffice headless            (office)
  <stem>.rl.pdf   a second layout: running header/footer, page numbers, landscape   (reportlab)
                  table pages, tables split across pages with and without repeated headers
  <stem>.xlsx     the report's tables as sheets, prose as caption rows (reports with tables)
  <stem>.xls      that workbook saved as legacy Excel by LibreOffice
  <stem>.doc      the Word document saved as legacy Word by LibreOffice
and a manifest.json in the accuracy scorer's format: {"files": {name: {"stem": s, "family": f}}},
so that the report's gold labels apply to every rendering. Families that need LibreOffice are
skipped (and left out of the manifest) when it is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.readers.legacy_word import find_soffice
from ingest.render.export_text import Paragraph, parse_export
from ingest.render.office import convert
from ingest.render.pdf_layout import write_pdf
from ingest.render.sheets import write_xlsx
from ingest.render.word import write_docx

FAMILIES = ("docx", "lo.pdf", "rl.pdf", "xlsx", "xls", "doc")


def family_of(name: str) -> str:
    for fam in FAMILIES:
        if name.endswith("." + fam):
            return fam
    return Path(name).suffix.lstrip(".")


def _running_title(items: list) -> str:
    for item in items:
        if isinstance(item, Paragraph) and item.text.strip():
            return item.text.strip()[:40]
    return ""


def render_report(text_path: Path, out_dir: Path, office: bool) -> list[Path]:
    stem = text_path.stem
    items = parse_export(text_path.read_text(encoding="utf-8"))
    written = [write_docx(items, out_dir / f"{stem}.docx"),
               write_pdf(items, out_dir / f"{stem}.rl.pdf", _running_title(items))]
    xlsx = write_xlsx(items, out_dir / f"{stem}.xlsx")
    if xlsx is not None:
        written.append(xlsx)
    if office:
        written.append(convert(out_dir / f"{stem}.docx", "pdf", out_dir / f"{stem}.lo.pdf"))
        written.append(convert(out_dir / f"{stem}.docx", "doc", out_dir / f"{stem}.doc"))
        if xlsx is not None:
            written.append(convert(xlsx, "xls", out_dir / f"{stem}.xls"))
    return written


def render_all(reports_dir: Path, out_dir: Path) -> dict:
    """Render every report text in `reports_dir` into `out_dir`; returns the manifest written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    office = find_soffice() is not None
    files: dict[str, dict[str, str]] = {}
    for text_path in sorted(reports_dir.glob("*.txt")):
        for path in render_report(text_path, out_dir, office):
            files[path.name] = {"stem": text_path.stem, "family": family_of(path.name)}
    manifest = {"source": "shared corpus report texts", "office": office, "files": files}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return manifest
