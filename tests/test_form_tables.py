"""Self-evaluation forms as real tables: the renderer's merges, the readers' numbers and glyph order,
the form reader working by grid position, and forms-only files extracted on their own."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ingest.document import Block, Document, Table
from ingest.extract import extract_document, extract_file
from ingest.extract import forms as fm
from ingest.extract.text import document_lines
from ingest.readers import read_document
from ingest.render.form_tables import form_table, load_transcript

ROOT = Path(__file__).resolve().parents[1]
FORMS_ONLY = ROOT / "tests" / "fixtures" / "forms_only"
RENDERED = ROOT / "tests" / "fixtures" / "rendered"
BUNDLE = "004_a70a7929ccd6b3b1"

# the money printed in the head of the bundle's three forms (预算数 / 执行数, 万元)
PRINTED_MONEY = {
    "城市社区党建及城乡综合治理": ("100", "83.88"),
    "乡村振兴衔接资金": ("100", "95"),
    "“两新”组织党建": ("108.5", "106"),
}


@pytest.mark.parametrize("name", [f"{BUNDLE}.forms.xlsx", f"{BUNDLE}.forms.pdf"])
def test_forms_only_file_yields_projects_money_and_every_indicator(name: str) -> None:
    got = extract_file(FORMS_ONLY / name)
    assert got["unit"]["name"] == "中共广元市利州区委组织部"
    assert got["unit"]["unit_code"] == "305301"
    assert got["fiscal_year"] == 2021
    money = {p["name"]: (p["budget_full_year"], p["executed"]) for p in got["projects"]}
    assert money == PRINTED_MONEY
    transcript = load_transcript(BUNDLE)
    assert transcript is not None
    for form in transcript.forms:
        rows = [[i["level1"], i["level2"], i["name"], i["target"], i["actual"]]
                for i in got["indicators"] if i["project"] == form.project]
        assert rows == form.indicators, form.project


def _text_extraction(text: str) -> dict:
    """The Extraction of a text as a page prints it."""
    return extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))


def _doc(rows_by_page: list[list[list[str]]]) -> Document:
    blocks = [Block("paragraph", "2021年项目支出绩效自评表", page=1), Block("paragraph", "（示范项目）", page=1)]
    blocks += [Block("table", table=Table(rows, index=k), page=k + 1) for k, rows in enumerate(rows_by_page)]
    return Document("t.docx", "docx", "0" * 64, blocks)


HEADER = ["年度绩效指标", "一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"]


def test_levels_come_from_their_column_and_go_down_merged_cells() -> None:
    rows = [["预算数：20万元", "", "", "执行数：18.5万元", "", ""], HEADER,
            ["", "完成指标", "数量招标", "培训人次", "≥200人", "230人"],
            ["", "", "", "建设示范点", "≥3个", "完成"],
            ["", "", "质量指标", "验收合格率", "100%", "100%"],
            ["", "效益指标", "社会效益指标", "群众知晓度提升", "优", "优"]]
    forms = fm.find_forms(document_lines(_doc([rows])))
    assert [f.project for f in forms] == ["示范项目"]
    assert forms[0].money is not None
    assert (forms[0].money["budget_full_year"], forms[0].money["executed"]) == ("20", "18.5")
    got = [(i["level1"], i["level2"], i["name"], i["target"], i["actual"]) for i in forms[0].indicators]
    assert got == [("完成指标", "数量招标", "培训人次", "≥200人", "230人"),
                   ("完成指标", "数量招标", "建设示范点", "≥3个", "完成"),
                   ("完成指标", "质量指标", "验收合格率", "100%", "100%"),
                   ("效益指标", "社会效益指标", "群众知晓度提升", "优", "优")]


def test_a_header_repeated_on_the_next_page_continues_the_form() -> None:
    page1 = [["预算数：20万元", "", "", "执行数：18.5万元", "", ""], HEADER,
             ["", "产出指标", "数量指标", "培训人次", "≥200人", "230人"]]
    page2 = [HEADER, ["", "", "", "建设示范点", "≥3个", "完成"]]
    forms = fm.find_forms(document_lines(_doc([page1, page2])))
    assert len(forms) == 1
    assert [(i["level1"], i["level2"], i["name"]) for i in forms[0].indicators] == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "数量指标", "建设示范点")]


def test_rendered_form_merges_labels_and_levels() -> None:
    transcript = load_transcript(BUNDLE)
    assert transcript is not None
    table = form_table(transcript.forms[0])
    assert table.placed is not None and table.indicator_row is not None
    levels = [(c.text, c.rowspan) for c in table.placed if c.col == 1 and c.row > table.indicator_row]
    assert levels == [("完成指标", 9), ("效益指标", 1), ("满意度指标", 2)]
    left = [c for c in table.placed if c.col == 0 and c.text.startswith("年度绩效指标")]
    assert left[0].rowspan == len(transcript.forms[0].indicators) + 1


def test_word_rendering_keeps_merged_cells_blank_below_their_text() -> None:
    doc = read_document(RENDERED / f"{BUNDLE}.docx")
    form = [b.table for _, b in doc.tables() if b.table and any("数量招标" in c for r in b.table.rows for c in r)][0]
    at = next(k for k, r in enumerate(form.rows) if "数量招标" in r)
    assert form.rows[at][1] == "完成指标"
    assert form.rows[at + 1][1] == "" and form.rows[at + 1][2] == ""


def test_spreadsheet_numbers_read_as_printed(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["执行率", "完成率", "全年预算数", "得分", "文本"])
    ws.append([0.9778, 1, 24, 9.5, "100%"])
    ws["A2"].number_format = "0.00%"
    ws["B2"].number_format = "0%"
    ws["C2"].number_format = "0.00"
    path = tmp_path / "n.xlsx"
    wb.save(str(path))
    table = next(b.table for _, b in read_document(path).tables())
    assert table is not None
    assert table.rows[1] == ["97.78%", "100%", "24.00", "9.5", "100%"]


def test_pdf_quotes_drawn_late_are_put_back_in_place() -> None:
    """LibreOffice draws curly quotes in a fallback font after the rest of the line."""
    path = RENDERED / f"{BUNDLE}.lo.pdf"
    if not path.is_file():
        pytest.skip("no LibreOffice rendering committed")
    text = read_document(path).text()
    assert "自评表（“两新”组织党建）" in text


def test_a_web_pages_form_of_two_projects_in_yuan_with_its_total_row_in_one_cell() -> None:
    # the shape of a provincial variant published as a page (b49): 资金构成(元), the total's label and
    # figures in one run of single spaces, a completion-rate column beside the indicator's figures
    form = ("项目支出绩效自评表     \n"
            "项目名称: 46000021T000000001234-困难学生补助 填报人: 王某 联系方式: 13100000000    \n"
            "主管部门: 203-省教育厅 实施单位: 203045-省某中学    \n"
            "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分    \n"
            "资金总额: 80,000.00 80,000.00 60,000.00 10.00  75 7.5    \n"
            "其中:财政资金: 0.00 0.00 0.00   0      \n"
            "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析\n"
            "产出指标 数量指标 资助学生人数 40 30 75.00% 40.00 30 部分学生转学\n"
            "效益指标 社会效益指标 学生生活水平提高 95 % 100 100.00% 40.00 40  \n"
            "合计 100.00 77.5  \n\n")
    text = "某省某中学2023年项目绩效自评表公开\n" + form + form.replace("困难学生补助", "教学设备购置").replace(
        "80,000.00 80,000.00 60,000.00 10.00  75 7.5", "50,000.00 50,000.00 50,000.00 10.00  100 10")
    got = _text_extraction(text)
    money = {p["name"]: (p["budget_initial"], p["budget_full_year"], p["executed"], p["execution_rate"])
             for p in got["projects"]}
    assert money == {"困难学生补助": ("8", "8", "6", "75"), "教学设备购置": ("5", "5", "5", "100")}
    first = [(i["name"], i["target"], i["actual"], i["weight"], i["score"]) for i in got["indicators"]
             if i["project"] == "困难学生补助"]
    assert first == [("资助学生人数", "40", "30", "40.00", "30"), ("学生生活水平提高", "95%", "100%", "40.00", "40")]


def test_a_comparison_printed_with_its_system_code_and_a_unit_after_a_magnitude_word() -> None:
    # the shape of a provincial system's export (b55): 指标性质 '004 >=', 指标值 '1亿' with 度量单位 '元'
    text = ("项目支出绩效自评表\n项目名称 | 新能源项目推进经费 | ||||\n"
            "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "年度资金总额 | 33 | 33 | 33 | 10 | 100% | 10 |\n"
            "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |\n"
            "产出指标 | 数量指标 | 现场检查次数 | 004 >= | 20 | 次 | 113 | 22.50 | 22.50 |\n"
            "效益指标 | 经济效益 | 新能源投资增加数 | 004 >= | 1亿 | 元 | 24亿 | 9.00 | 9.00 |\n")
    got = _text_extraction(text)
    assert [(i["name"], i["target"], i["actual"]) for i in got["indicators"]] == [
        ("现场检查次数", ">=20次", "113次"), ("新能源投资增加数", ">=1亿元", "24亿元")]


def test_a_head_value_ends_at_the_contact_label_and_a_bracketed_unit_stays_with_its_name() -> None:
    text = ("项目支出绩效自评表\n（2021年度）\n"
            "专项(项目)名称  某村道路硬化项目 负责人及电话  某某 13800000000\n主管部门  某县交通局\n"
            "项目资金（万元） 年初预算数 全年预算数 全年执行数\n年度资金总额 100 100 95\n"
            "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B)\n"
            "产出指标 数量指标 硬化道路 (公里) 5 5\n效益指标 经济效益指标 年新增产值 (万元) 500 520\n")
    out = _text_extraction(text)
    assert out["reports"][0]["project"] == "某村道路硬化项目"
    names = {i["name"]: (i["target"], i["actual"]) for i in out["indicators"]}
    assert names.get("年新增产值(万元)") == ("500", "520")


def test_a_scoring_sheet_without_money_is_a_report_under_its_own_title() -> None:
    # '…项目支出绩效自评指标计分表': a form that scores the project's indicators and prints no amount
    text = ("某某县民政局2022年项目支出绩效自评指标计分表\n"
            "一级指标 二级指标 三级指标 分值 具体指标 评价标准 自评得分\n"
            "项目决策 项目目标 目标内容 4 目标是否明确 明确得4分 4\n"
            "项目决策 决策过程 决策依据 4 是否符合规定 符合得4分 4\n")
    out = _text_extraction(text)
    assert [r["title"] for r in out["reports"]] == ["某某县民政局2022年项目支出绩效自评指标计分表"]


def test_a_space_aligned_form_headed_by_its_special_funds_name_gives_its_money(tmp_path: Path) -> None:
    from ingest.extract import extract_file

    # the shape of a county page: each row indented, cells apart by spaces, the fund labelled 专项名称
    rows = ["某市公安局看守所2022年专项资金绩效自评报告及自评表", "时间:2023-09-08 16:22", "专项资金绩效自评表",
            "(2022年度)", "专项名称 基本业务费", "主管部门 公安局 实施单位 某市看守所",
            "项目概况  本项目资金用于办公业务和监区水电、维修等支出，资金使用期限一年。",
            "项目资金(万元)   年初预算数 全年预算数 全年执行数 分值 执行率(%) 得分",
            "年度资金总额 115.00 32.00 32.00 10 100.00 10", "其中:当年财政拨款 115.00 32.00 32.00 100.00  ",
            "年度总体目标 预期目标 实际完成情况", "一级指标 二级指标 三级指标 年度指标值 实际完成值 ",
            "产出指标 数量指标 人员覆盖率 100% 100 15 15 无偏差", "质量指标 管理制度健全性 100% 100 15 15  "]
    path = tmp_path / "form.txt"
    path.write_text("\n".join("    " + r for r in rows) + "\n", encoding="utf-8")
    out = extract_file(path)
    [report] = out["reports"]
    assert report["title"] == "某市公安局看守所2022年专项资金绩效自评报告及自评表"
    [project] = out["projects"]
    assert (project["name"], project["budget_initial"], project["budget_full_year"], project["executed"]) == (
        "基本业务费", "115.00", "32.00", "32.00")


def test_a_bond_projects_form_printing_no_money_unit_is_still_a_report(tmp_path: Path) -> None:
    from ingest.extract import extract_file

    rows = ["项目名称 | 某区全面实施瓶改管工程 (某街道) | 投向领域 | 老旧小区改造 | |",
            "项目主管部门 | 某区住房和建设局 | 项目单位 | 某区某街道办事处 | |",
            "年度 绩效目标 | 预期目标 | 全年实际完成情况 | |",
            "当年绩效指标 | 债券资金管理指标(10分) | 总体支出进度 | 实际支出 金额 | 下达 额度 | 分值 | 得分 |",
            "1,437 | 1,437 | 1,437 | 10 | 10 | | |",
            "一级指标 | 二级指标 | 三级指标 | 目标值 | 实际 完成值 | 分值 | 得分 | 偏差原因分析 及改进措施 |",
            "产出指标 (50分) | 数量指标 | 住宅区任务完成量 | 12个 | 12个 | 10 | 10 | |",
            "质量指标 | 管道天然气年度改造任务完成率 | 100% | 100% | 5 | 5 | | |"]
    path = tmp_path / "form.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = extract_file(path)  # no 万元 anywhere: the indicator table makes it a report
    assert {i["name"] for i in out["indicators"]} == {"住宅区任务完成量", "管道天然气年度改造任务完成率"}
