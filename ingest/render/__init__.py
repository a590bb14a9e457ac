"""Fixture renderer: the shared reports' text exports rendered as the files publishers really post.

For each report text it rebuilds the paragraphs and tables (`export_text`) and writes
  <stem>.docx     a Word document with real bordered tables and merged cells      (python-docx)
  <stem>.lo.pdf   that document exported to PDF by LibreOffice headless            (office)
  <stem>.rl.pdf   a second layout: running header/footer, page numbers, landscape   (reportlab)
                  table pages, tables split across pages with and without repeated headers
  <stem>.xlsx     the report's tables as sheets, prose as caption rows (reports with tables)
  <stem>.xls      that workbook saved as legacy Excel by LibreOffice
  <stem>.doc      the Word document saved as legacy Word by LibreOffice (left out when that
                  export loses a table: LibreOffice flattens some merged-cell tables into text)
  <stem>.html     a publisher's article page around the report (`html_page`), UTF-8 or GBK
Forms that a text export holds only as a PDF text layer read out of order are rendered from a hand
transcription (`transcripts/<stem>.yaml`, see `form_tables`) as real tables. `render_forms_only`
writes those forms alone, as a publisher posts the 自评表 by themselves: <stem>.forms.xlsx (one sheet
per form) and <stem>.forms.pdf (landscape tables).

and a manifest.json in the accuracy scorer's format: {"files": {name: {"stem": s, "family": f}}},
so that the report's gold labels apply to every rendering. Families that need LibreOffice are
skipped (and left out of the manifest) when it is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.readers.legacy_word import find_soffice
from ingest.render.export_text import Paragraph
from ingest.render.form_tables import TRANSCRIPTS, export_items, form_items, load_transcript
from ingest.render.html_page import write_html
from ingest.render.office import convert
from ingest.render.pdf_layout import write_pdf
from ingest.render.sheets import write_xlsx
from ingest.render.word import write_docx

FAMILIES = ("docx", "lo.pdf", "rl.pdf", "xlsx", "xls", "doc", "html")


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


def _same_tables(docx_path: Path, doc_path: Path) -> bool:
    """True when the legacy .doc still holds the tables of the .docx it was saved from."""
    from ingest.document import sha256_file
    from ingest.readers import docx_reader, legacy_word

    want = docx_reader.read(docx_path, sha256_file(docx_path))
    got = legacy_word.read(doc_path, sha256_file(doc_path))
    return [len(t.table.rows) for _, t in want.tables()] == [len(t.table.rows) for _, t in got.tables()]


def render_report(text_path: Path, out_dir: Path, office: bool) -> list[Path]:
    stem = text_path.stem
    items = export_items(text_path.read_text(encoding="utf-8"), load_transcript(stem))
    written = [write_docx(items, out_dir / f"{stem}.docx"),
               write_pdf(items, out_dir / f"{stem}.rl.pdf", _running_title(items))]
    written.append(write_html(items, out_dir / f"{stem}.html", _running_title(items), gbk=sum(stem.encode()) % 2 == 1))
    xlsx = write_xlsx(items, out_dir / f"{stem}.xlsx")
    if xlsx is not None:
        written.append(xlsx)
    if office:
        written.append(convert(out_dir / f"{stem}.docx", "pdf", out_dir / f"{stem}.lo.pdf"))
        doc = convert(out_dir / f"{stem}.docx", "doc", out_dir / f"{stem}.doc")
        if _same_tables(out_dir / f"{stem}.docx", doc):
            written.append(doc)
        else:  # LibreOffice's Word 97 export flattens some merged-cell tables into text
            doc.unlink()
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


def render_forms_only(out_dir: Path, transcripts: Path = TRANSCRIPTS) -> list[Path]:
    """The transcribed forms of each report on their own: <stem>.forms.xlsx and <stem>.forms.pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sorted(transcripts.glob("*.yaml")):
        transcript = load_transcript(path.stem, transcripts)
        assert transcript is not None
        items = [item for f in transcript.forms for item in form_items(f)]
        xlsx = write_xlsx(items, out_dir / f"{path.stem}.forms.xlsx")
        assert xlsx is not None
        written += [xlsx, write_pdf(items, out_dir / f"{path.stem}.forms.pdf", transcript.forms[0].title)]
    return written
