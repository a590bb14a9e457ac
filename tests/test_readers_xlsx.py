"""The Excel readers: one table per sheet and page, merged ranges once, exact numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ingest.errors import IngestError
from ingest.readers import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rendered"


def make_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["项目名称", "党建经费", None, None])
    ws.merge_cells("B1:D1")
    ws.append(["项目资金", "年初预算数", "全年预算数", "执行率"])
    ws.append([None, 200, 195.5, 0.1 + 0.2])
    ws.merge_cells("A2:A3")
    ws.append([])
    ws2 = wb.create_sheet("第二表")
    ws2.append(["指标", "分值"])
    ws2.append(["指标1", 10])
    wb.create_sheet("空表")
    wb.save(str(path))
    return path


def test_sheets_to_tables(tmp_path: Path) -> None:
    doc = read_document(make_xlsx(tmp_path / "t.xlsx"))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [t.page for t in tables] == [1, 2]
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["自评表", "第二表"]
    rows = tables[0].table.rows
    assert rows[0] == ["项目名称", "党建经费", "", ""]
    assert rows[1] == ["项目资金", "年初预算数", "全年预算数", "执行率"]
    assert rows[2] == ["", "200", "195.5", "0.3"]
    assert tables[1].table.rows == [["指标", "分值"], ["指标1", "10"]]
    assert doc.n_pages == 3


@pytest.mark.parametrize("name,data", [("bad.xlsx", b"PK\x03\x04garbage"), ("bad.xls", b"\x00\x01garbage" * 40)])
def test_corrupt_workbooks(tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(IngestError) as e:
        read_document(p)
    assert e.value.reason == "corrupt"


def test_rendered_xls_if_present() -> None:
    xls = sorted(FIXTURES.glob("*.xls"))
    if not xls:
        pytest.skip("no rendered .xls fixture")
    doc = read_document(xls[0])
    assert doc.format == "xls"
    assert any(b.kind == "table" and len(b.table.rows) > 3 for b in doc.blocks)
