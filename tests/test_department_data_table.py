"""The 部门整体支出绩效评价基础数据表 a whole-department evaluation appends, as a web page prints it: one
cell per line with an empty line between cells, a cell left blank as a line of spaces (the shape of
real tables in the corpus: b50_04, b3_02). The figures are made up."""

from __future__ import annotations

from ingest.document import Block, Document
from ingest.extract import extract_document


def _page(rows: list[list[str]]) -> str:
    return "\n\n".join(cell for row in rows for cell in row) + "\n"


TABLE = [
    ["附件1"], ["2022年度部门整体支出绩效评价基础数据表"],
    ["经费控制情况(万元)", "2021年决算数", "2022年预算数", "2022年决算数"],
    ["支出总额", "900.00", "1000.50", "980.25"],
    ["基本支出", "500.00", "600.00 ", "590.25 "],
    ["    其中:公用经费", "60.00", "70.00", "68.40"],
    ["项目支出", "400.00", "400.50", "390.00"],
    ["   其中:1、运行维护经费"], ["          2专项资金"], ["(一个项一行)"],
    ["困难职工慰问资金", "200", "220", "210"],
    ["劳模补助资金", "200", "180.50", "180.00"],
    ["三公经费", " ", " ", " "],
    ["   1、公务用车购置和维护经费", "3.00", "6", "2.50"],
    ["       其中:公车购置", " ", " ", " "],
    ["   2、出国经费", " ", " ", " "],
    ["政府采购金额", "——", " ", " "],
]


def test_this_years_figures_of_the_basic_data_table() -> None:
    text = "某市总工会2022年绩效自评附表\n" + _page(TABLE)
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))
    totals = out["department_totals"]
    assert (totals["expenditure_total"], totals["basic_expenditure"], totals["project_expenditure"]) == (
        "980.25", "590.25", "390.00")
    assert [(i["item"], i["amount"]) for i in out["spending_items"]] == [
        ("公用经费", "68.40"), ("公务用车购置和维护经费", "2.50")]
    assert [(p["name"], p["budget_full_year"], p["executed"]) for p in out["projects"]] == [
        ("困难职工慰问资金", "220", "210"), ("劳模补助资金", "180.50", "180.00")]


def test_a_table_without_this_years_column_gives_nothing() -> None:
    rows = [r if r[0] != "经费控制情况(万元)" else ["经费控制情况(万元)", "2020年决算数", "2021年预算数", "2021年决算数"]
            for r in TABLE]
    text = "某市总工会2022年绩效自评附表\n" + _page(rows)
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))
    assert out["projects"] == [] and out["spending_items"] == []
