"""The PDF reader: text via pdfium, ruled tables via pdfplumber, cleaned of running headers/footers."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from ingest.errors import IngestError
from ingest.readers import read_document
from ingest.readers.pdf_reader import clean_text

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
HEADER = "桃花县某某局2022年度项目支出绩效自评报告"


def _decorate(c: canvas.Canvas, doc: BaseDocTemplate) -> None:
    w, h = c._pagesize
    c.setFont(FONT, 9)
    c.drawString(60, h - 36, HEADER)
    c.drawCentredString(w / 2, 28, f"- {doc.page} -")


def _table(rows: list[list[str]], repeat: int, spans: list[tuple] = ()) -> Table:
    t = Table([[Paragraph(c, CELL) for c in r] for r in rows], repeatRows=repeat)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *[("SPAN", *s) for s in spans]]))
    return t


def make_report(path: Path) -> Path:
    doc = BaseDocTemplate(str(path), pagesize=A4)
    portrait = Frame(60, 60, A4[0] - 120, A4[1] - 120, id="p")
    wide = Frame(60, 60, A4[1] - 120, A4[0] - 120, id="l")
    doc.addPageTemplates([PageTemplate("portrait", [portrait], onPage=_decorate, pagesize=A4),
                          PageTemplate("landscape", [wide], onPage=_decorate, pagesize=landscape(A4))])
    head = [["项目名称", "基层党建经费", "", ""], ["指标", "年度指标值", "实际完成值", "得分"]]
    body = [[f"指标{i}：开展培训第{i}期", f"{i + 10}", f"{i + 10}", "5分"] for i in range(1, 61)]
    story = [
        Paragraph("一、项目概况", BODY),
        Paragraph("项目年初预算数为200万元，全年预算数为200万元，全年执行数为195.5万元，执行率为97.75%。"
                  "本项目主要用于基层党组织建设、党员教育培训和示范点创建等方面的工作经费支出，"
                  "资金由县财政局按进度拨付到位。", BODY),
        _table(head + body, repeat=2, spans=[((1, 0), (3, 0))]),
        Paragraph("二、绩效分析", BODY),
        NextPageTemplate("landscape"), PageBreak(),
        _table([["支出项目", "金额（万元）"]] + [[f"支出{i}", f"{i}.50"] for i in range(1, 46)], repeat=0),
        NextPageTemplate("portrait"), PageBreak(),
        Paragraph("三、结论：自评得分96分，等级为优秀。", BODY),
    ]
    doc.build(story)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return read_document(make_report(tmp_path_factory.mktemp("pdf") / "report.pdf"))


def test_prose_is_joined_and_clean(report) -> None:  # type: ignore[no-untyped-def]
    paras = [b.text for b in report.blocks if b.kind == "paragraph"]
    assert "一、项目概况" in paras
    joined = [p for p in paras if p.startswith("项目年初预算数")]
    assert len(joined) == 1, paras
    assert "全年执行数为195.5万元" in joined[0] and joined[0].endswith("资金由县财政局按进度拨付到位。")
    text = report.text()
    assert HEADER not in text
    assert "- 2 -" not in text and "\n2\n" not in text


def test_table_across_pages_joined_without_repeated_header(report) -> None:  # type: ignore[no-untyped-def]
    tables = [b.table for b in report.blocks if b.kind == "table"]
    assert len(tables) == 2
    first = tables[0]
    assert first.rows[0] == ["项目名称", "基层党建经费", "", ""]
    assert first.rows[1] == ["指标", "年度指标值", "实际完成值", "得分"]
    assert len(first.rows) == 62  # two header rows + 60 body rows, repeated headers dropped
    assert first.rows[-1] == ["指标60：开展培训第60期", "70", "70", "5分"]
    assert sum(1 for r in first.rows if r[0] == "指标") == 1


def test_landscape_table_split_without_header(report) -> None:  # type: ignore[no-untyped-def]
    spend = [b for b in report.blocks if b.kind == "table"][1]
    assert spend.table.rows[0] == ["支出项目", "金额（万元）"]
    assert len(spend.table.rows) == 46
    assert spend.table.rows[-1] == ["支出45", "45.50"]
    assert spend.table.index == 1


def test_order_and_pages(report) -> None:  # type: ignore[no-untyped-def]
    assert report.blocks[-1].text == "三、结论：自评得分96分，等级为优秀。"
    assert report.blocks[-1].page == report.n_pages
    assert report.blocks[0].page == 1


def test_spaced_and_out_of_order_cjk(tmp_path: Path) -> None:
    p = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(72, 680, "第二行：执行数为195.5万元")  # drawn first, printed lower (own paragraph)
    x = 72
    for ch in "项目名称：党建经费":  # one glyph at a time, wide gaps
        c.drawString(x, 720, ch)
        x += 20
    c.save()
    doc = read_document(p)
    lines = [b.text for b in doc.blocks]
    assert lines == ["项目名称：党建经费", "第二行：执行数为195.5万元"]


def test_clean_text_cjk_gaps() -> None:
    assert clean_text("项 目 名 称 200 万元") == "项目名称 200 万元"
    assert clean_text("建设示范街道 ≥3个 完成") == "建设示范街道 ≥3个 完成"
    assert clean_text("score 96 points") == "score 96 points"


def test_scanned_and_encrypted(tmp_path: Path) -> None:
    img = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(img))
    c.rect(100, 100, 300, 400, fill=1)
    c.save()
    with pytest.raises(IngestError) as e:
        read_document(img)
    assert e.value.reason == "scanned_needs_ocr" and "OCR" in e.value.message
    enc = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(enc), encrypt="secret")
    c.setFont(FONT, 12)
    c.drawString(72, 700, "保密")
    c.save()
    with pytest.raises(IngestError) as e:
        read_document(enc)
    assert e.value.reason == "encrypted"


def test_rotated_page_reads_in_order(tmp_path: Path) -> None:
    p = tmp_path / "rotated.pdf"
    c = canvas.Canvas(str(p))
    c.setPageRotation(90)
    c.setFont(FONT, 12)
    c.drawString(72, 720, "年初预算数为200万元")
    for y in (600, 580, 560):
        c.line(72, y, 400, y)
    for x in (72, 200, 400):
        c.line(x, 560, x, 600)
    c.drawString(80, 585, "项目")
    c.drawString(210, 585, "金额")
    c.drawString(80, 565, "培训")
    c.drawString(210, 565, "10")
    c.save()
    doc = read_document(p)
    assert doc.blocks[0].text == "年初预算数为200万元"
    assert doc.blocks[1].table.rows == [["项目", "金额"], ["培训", "10"]]


def test_a_scan_is_read_by_ocr_unless_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium

    vector = tmp_path / "vector.pdf"
    c = canvas.Canvas(str(vector), pagesize=(360, 120))
    c.setFont(FONT, 24)
    c.drawString(20, 50, "年初预算数200万元")
    c.save()
    image = pdfium.PdfDocument(str(vector))[0].render(scale=200 / 72).to_pil().convert("RGB")
    scan = tmp_path / "scan.pdf"
    image.save(scan, resolution=200)
    monkeypatch.setenv("JIXIAO_OCR", "off")
    with pytest.raises(IngestError) as e:
        read_document(scan)
    assert e.value.reason == "scanned_needs_ocr" and "JIXIAO_OCR" in e.value.message
    monkeypatch.delenv("JIXIAO_OCR")
    doc = read_document(scan)
    assert "年初预算数200万元" in doc.text()
    assert any("OCR" in w for w in doc.warnings)
