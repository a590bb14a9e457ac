"""OCR of scanned pages: the image steps (seal, skew, rules → cells) on images made here, the
confidence gate on figures, the engine setting, and one scanned page read end to end by the
default engine (PP-OCR through rapidocr, installed by `make install`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.document import OcrText
from ingest.errors import IngestError
from ingest.extract import ocr_confidence
from ingest.ocr import garbage_text
from ingest.ocr.engines import TextBox, engine_setting, tidy
from ingest.ocr.image import find_rules, grey_without_seal, rotate, skew_angle
from ingest.ocr.tables import cell_splitter, grid_tables, place_boxes
from ingest.readers import read_document

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _ruled_page() -> np.ndarray:
    """A white 600×400 grey image with a 3×3 ruled grid whose first row is one merged cell."""
    img = np.full((400, 600), 230, np.uint8)
    for y in (100, 160, 220, 280):
        img[y:y + 2, 100:501] = 20
    for x in (100, 300, 500):
        img[100:282, x:x + 2] = 20
    img[160:282, 200:202] = 20  # a rule under the merged first row only
    return img


def test_red_seal_becomes_paper_and_black_print_stays() -> None:
    rgb = np.full((50, 50, 3), 225, np.uint8)
    rgb[10:20, 10:40] = (200, 40, 50)  # seal ink
    rgb[30:40, 10:40] = (30, 30, 30)  # black print
    rgb[22:28, 10:40] = (30, 20, 25)  # black print under the seal (ink multiplies)
    rgb[22:28, 5:10] = (200, 40, 50)
    grey = grey_without_seal(rgb)
    assert grey[15, 25] >= 200  # seal gone
    assert grey[35, 25] < 60 and grey[25, 25] < 60  # print kept, also under the seal


def test_skew_is_measured_and_undone() -> None:
    img = np.full((1750, 1240), 230, np.uint8)  # an A4 page at 150 dpi
    for y in range(150, 1600, 36):
        img[y:y + 14, 120:1120] = 30  # lines of "text"
    tilted = rotate(img, 1.2)
    angle = skew_angle(tilted)
    assert abs(angle + 1.2) <= 0.15, angle
    assert abs(skew_angle(rotate(tilted, angle))) <= 0.15


def test_rules_become_cells_with_a_merged_cell() -> None:
    rules, _ = find_rules(_ruled_page(), dpi=150)
    tables = grid_tables(rules, dpi=150)
    assert len(tables) == 1
    cells = tables[0].cells
    assert len(cells) == 3 and [len(r) for r in cells] == [3, 3, 3]
    assert cells[0][1] is None  # the merged first row covers the second column's position
    assert all(c is not None for c in cells[1])


def test_a_rule_right_under_a_tight_row_of_text_is_found_whole() -> None:
    """A crop of a scanned indicator table (seed report 004, page 30, deskewed): the rule between
    the 时效指标 and 成本指标 rows sits just under their text; found in pieces, it would run the two
    rows into one cell ("时效指标成本指标")."""
    import cv2

    crop = cv2.imread(str(Path(__file__).parent / "fixtures" / "ocr" / "tight_rows.png"), cv2.IMREAD_GRAYSCALE)
    rules, _ = find_rules(crop, 150)
    under_row = [r for r in rules if r.horizontal and 50 <= r.y0 <= 58]
    assert len(under_row) == 1 and under_row[0].x0 <= 50 and under_row[0].x1 >= 690


def test_boxes_go_into_cells_and_a_box_over_a_rule_is_cut() -> None:
    tables = grid_tables(find_rules(_ruled_page(), dpi=150)[0], dpi=150)
    split = cell_splitter(tables)
    parts = split((120.0, 170.0, 290.0, 190.0))  # one detected line over the rule at x=200
    assert len(parts) == 2 and parts[0][2] <= 202 and parts[1][0] >= 199
    boxes = [TextBox("项目名称", 0.99, *parts[0]), TextBox("培训经费", 0.98, *parts[1]),
             TextBox("200", 0.97, 320, 170, 360, 190), TextBox("标题", 0.99, 120, 20, 200, 40)]
    outside = place_boxes(tables, boxes)
    assert [b.text for b in outside] == ["标题"]
    assert tables[0].texts()[1] == ["项目名称", "培训经费", "200"]


def test_recogniser_confusions_are_repaired_and_cjk_spaces_dropped() -> None:
    assert tidy("党组织覆盖率100%：优秀单位创建") == "党组织覆盖率100%；优秀单位创建"
    assert tidy("指标1：举办培训") == "指标1：举办培训"  # a label's colon stays
    assert tidy("服务对象满意度指标（10分") == "服务对象满意度指标（10分）"
    assert tidy("年初预算 200 万元") == "年初预算200万元"


def test_garbage_text_layer_is_recognised() -> None:
    assert garbage_text("\ue000\ue001\ue002" * 10)
    assert not garbage_text("2022年度项目支出绩效自评报告，年初预算数200万元。" * 2)


def test_engine_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    assert engine_setting() == "rapidocr"
    for value, want in (("off", None), ("0", None), ("tesseract", "tesseract:chi_sim+eng"),
                        ("chi_sim+eng", "tesseract:chi_sim+eng"), ("1", "rapidocr")):
        monkeypatch.setenv("JIXIAO_OCR", value)
        assert engine_setting() == want
    monkeypatch.setenv("JIXIAO_OCR", "Some Engine")
    with pytest.raises(IngestError):
        engine_setting()


def test_figures_read_with_low_confidence_are_left_empty() -> None:
    lines = [OcrText(2, "年初预算数200万元", 0.99, (70, 100, 300, 112)),
             OcrText(2, "全年执行数198.5万元", 0.62, (70, 120, 300, 132)),
             OcrText(3, "办公费5000元", 0.55, (70, 100, 300, 112))]
    extraction = {
        "projects": [{"name": "培训经费", "budget_initial": "200", "budget_full_year": None, "executed": "198.5",
                      "execution_rate": None, "carryover": None,
                      "provenance": {"page": 2, "table": None, "row": None, "raw_text": "…"}}],
        "spending_items": [{"project": "培训经费", "item": "办公费", "amount": "0.5",
                            "provenance": {"page": 3, "table": None, "row": None, "raw_text": "办公费5000元"}}],
        "reports": [], "indicators": [], "department_totals": None, "warnings": [],
    }
    ocr_confidence.apply(extraction, lines, limit=0.9)
    p = extraction["projects"][0]
    assert p["budget_initial"] == "200" and p["executed"] is None
    assert p["provenance"]["ocr"]["budget_initial"]["confidence"] == 0.99
    assert p["provenance"]["ocr"]["budget_initial"]["box"] == [70, 100, 300, 112]
    assert extraction["spending_items"] == []  # 0.5 万元 read as 5000元 at 0.55: dropped
    messages = " ".join(w["message"] for w in extraction["warnings"])
    assert "198.5" in messages and "办公费" in messages


def _scan_of_a_form(tmp_path: Path) -> Path:
    """One A4 page with a title and a ruled money table, rendered as a 150-dpi grey image-only PDF."""
    import pypdfium2 as pdfium

    vector = tmp_path / "form.pdf"
    c = canvas.Canvas(str(vector), pagesize=A4)
    c.setFont(FONT, 16)
    c.drawString(150, 760, "2023年度培训经费项目支出绩效自评表")
    c.setFont(FONT, 11)
    rows = [["项目名称", "年初预算数", "全年预算数", "全年执行数"], ["干部培训经费", "120.00", "126.50", "118.75"]]
    xs, top, h = [60, 200, 310, 420, 530], 700, 30
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 8, top - (r + 1) * h + 10, text)
    for r in range(len(rows) + 1):
        c.line(xs[0], top - r * h, xs[-1], top - r * h)
    for x in xs:
        c.line(x, top, x, top - len(rows) * h)
    c.setFont(FONT, 11)
    c.drawString(60, 600, "本年度全年执行数118.75万元，执行率93.87%。")
    c.save()
    pdf = pdfium.PdfDocument(str(vector))
    image = pdf[0].render(scale=150 / 72).to_pil().convert("L").rotate(0.8, fillcolor=255)
    pdf.close()
    scan = tmp_path / "scan.pdf"
    image.save(scan, "PDF", resolution=150.0, quality=60)
    return scan


def test_a_scanned_form_reads_as_text_and_a_table_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    scan = _scan_of_a_form(tmp_path)
    doc = read_document(scan)
    tables = [b.table for _, b in doc.tables()]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0] == ["项目名称", "年初预算数", "全年预算数", "全年执行数"]
    assert rows[1][1:] == ["120.00", "126.50", "118.75"]  # figures exactly, each in its cell
    # a name may lose a character to a look-alike (干/千): most of it must be read
    assert len(rows[1][0]) == 6 and sum(a == b for a, b in zip(rows[1][0], "干部培训经费", strict=True)) >= 5
    assert "118.75万元" in doc.text() and "绩效自评表" in doc.text()
    assert doc.ocr and all(0.5 <= line.confidence <= 1 and line.page == 1 for line in doc.ocr)
    assert any(w.startswith("pages read by OCR (rapidocr") for w in doc.warnings)
    monkeypatch.setenv("JIXIAO_OCR", "off")
    with pytest.raises(IngestError) as e:
        read_document(scan)
    assert e.value.reason == "scanned_needs_ocr" and "JIXIAO_OCR=off" in e.value.message


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_tesseract_stays_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_OCR", "tesseract")
    doc = read_document(_scan_of_a_form(tmp_path))
    assert "118.75" in doc.text() and any("tesseract" in w for w in doc.warnings)


def test_a_scans_ocr_reading_lands_in_the_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQL users see which documents were read by OCR and how sure it was (raw.documents.ocr_*);
    a text file says 0 pages."""
    from ingest.extract import extract_file
    from warehouse.db import connect
    from warehouse.load import load_extraction
    from warehouse.schema import ensure_schema

    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    scan = _scan_of_a_form(tmp_path)
    extraction = extract_file(scan)
    assert extraction["ocr"]["pages"] == [1] and extraction["ocr"]["lines"] == len(read_document(scan).ocr)
    text = tmp_path / "report.txt"
    text.write_text("2023年度培训经费项目支出绩效自评报告\n全年执行数118.75万元。\n", encoding="utf-8")
    conn = connect(tmp_path / "w.duckdb")
    ensure_schema(conn)
    load_extraction(conn, extraction, source_path=str(scan), size_bytes=scan.stat().st_size)
    load_extraction(conn, extract_file(text), source_path=str(text), size_bytes=text.stat().st_size)
    rows = dict(conn.execute("SELECT source_name, (ocr_pages, ocr_lines, ocr_mean_confidence, "
                             "ocr_low_confidence_lines) FROM raw.documents").fetchall())
    conn.close()
    pages, lines, mean, low = rows["scan.pdf"]
    assert (pages, lines) == (1, extraction["ocr"]["lines"]) and 0.5 <= mean <= 1 and 0 <= low <= lines
    assert rows["report.txt"] == (0, 0, None, 0)
