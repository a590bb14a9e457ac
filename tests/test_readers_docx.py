"""The Word reader: body order, headings, merged cells once (top-left), nested tables, bad packages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement

from ingest.errors import IngestError
from ingest.readers import read_document


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("2022年度项目支出绩效自评报告", level=1)
    d.add_paragraph("一、项目概况")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).text = "项目名称"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "城市基层党建工作经费"  # horizontal merge
    t.cell(1, 0).merge(t.cell(3, 0)).text = "项目资金（万元）"  # vertical merge
    for c, h in enumerate(["年初预算数", "全年预算数", "执行数"], start=1):
        t.cell(1, c).text = h
    for c, v in enumerate(["200", "200", "195.5"], start=1):
        t.cell(2, c).text = v
    cell = t.cell(3, 1)
    cell.text = "第一段"
    cell.add_paragraph("第二段")
    inner = t.cell(3, 2).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "内表甲"
    inner.cell(0, 1).text = "内表乙"
    inner.cell(1, 0).text = "1"
    inner.cell(1, 1).text = "2"
    d.add_paragraph("二、绩效分析").runs[0].add_break(WD_BREAK.PAGE)
    d.add_paragraph("第二页的文字")
    d.save(str(path))
    return path


def test_blocks_in_body_order_with_merges(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "r.docx"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "table", "paragraph", "paragraph"]
    assert doc.blocks[0].text == "2022年度项目支出绩效自评报告"
    rows = doc.blocks[2].table.rows
    assert rows[0] == ["项目名称", "城市基层党建工作经费", "", ""]
    assert [r[0] for r in rows] == ["项目名称", "项目资金（万元）", "", ""]
    assert rows[1][1:] == ["年初预算数", "全年预算数", "执行数"]
    assert rows[2][1:] == ["200", "200", "195.5"]
    assert rows[3][1] == "第一段\n第二段"
    assert "内表甲 内表乙" in rows[3][2] and "1 2" in rows[3][2]
    # the merged text appears exactly once in the linearized text
    assert doc.text().count("城市基层党建工作经费") == 1
    assert doc.text().count("项目资金（万元）") == 1


def test_page_breaks_number_pages(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "r.docx"))
    assert doc.blocks[0].page == 1
    assert doc.blocks[-1].page == 2
    assert doc.n_pages == 2


def test_one_cell_frame_is_unwrapped(tmp_path: Path) -> None:
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = "框内标题"
    inner = frame.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            inner.cell(r, c).text = f"{r}{c}"
    d.save(str(tmp_path / "f.docx"))
    doc = read_document(tmp_path / "f.docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"]
    assert doc.blocks[1].table.rows == [["00", "01"], ["10", "11"]]


def _wrap_in_content_control(el: Any) -> None:
    """Put `el` inside <w:sdt><w:sdtContent>, as fill-in forms do with rows and cells."""
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    el.addprevious(sdt)
    sdt.append(content)
    content.append(el)


def test_rows_and_cells_inside_content_controls_are_read(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    trs = t._tbl.tr_lst
    _wrap_in_content_control(trs[1])  # a whole row
    _wrap_in_content_control(trs[2].tc_lst[1])  # one cell
    d.save(str(tmp_path / "sdt.docx"))
    doc = read_document(tmp_path / "sdt.docx")
    assert doc.blocks[0].table.rows == [["00", "01", "02"], ["10", "11", "12"], ["20", "21", "22"]]


@pytest.mark.parametrize("data,reason", [
    (b"PK\x03\x04 this is not really a zip", "corrupt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64, "encrypted"),
])
def test_bad_packages(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.docx"
    p.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_document(p)
    assert e.value.reason == reason
