"""Extractors on real snippets of the shared reports (cut by line ranges, read at test time), and the
same content arriving as a Word-style table (Document blocks) instead of a text export."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import Block, Document, Table
from ingest.errors import IngestError
from ingest.extract import extract_document, money
from ingest.extract import indicators as ind
from ingest.extract.tables import find_tables
from ingest.extract.text import document_lines, prose_paragraphs
from ingest.extract.unit import extract_fiscal_year, extract_unit

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reports"
pytestmark = pytest.mark.skipif(not REPORTS.exists(), reason="shared corpus not present")


def lines_of(stem: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a shared report."""
    text = next(REPORTS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")
    return "\n".join(text.split("\n")[first - 1:last])


def doc(text: str, name: str = "snippet.txt") -> Document:
    return Document(name, "txt", "0" * 64, [Block("paragraph", text)])


def test_prose_targets_pair_with_achieved_values() -> None:
    text = lines_of("001", 44, 56) + "\n" + lines_of("001", 166, 178)
    rows = {r["name"]: r for r in ind.prose_indicators(prose_paragraphs(document_lines(doc(text))))}
    assert len(rows) == 33
    assert (rows["培训次数"]["target"], rows["培训次数"]["actual"]) == ("2次", "2次")
    assert (rows["主题班举办批次"]["target"], rows["主题班举办批次"]["actual"]) == ("分批1-2次", "分批1次")
    assert rows["扶助基层困难党员人数"]["target"] == "≧700名"
    assert rows["机关正常运转率"]["actual"] == "100%"  # "达到" is dropped
    assert rows["完成时效"]["actual"] == "2022年内"  # "在2022年内完成" carries no indicator name
    assert rows["任务完成及时率"]["actual"] is None
    assert (rows["优秀单位创建"]["target"], rows["优秀单位创建"]["actual"]) == ("市级文明标兵单位", "市级文明标杆单位")
    assert rows["党组织覆盖率"]["level1"] == "效益指标" and rows["党组织覆盖率"]["level2"] is None
    assert rows["增强党组织凝聚力和战斗力"]["level2"] == "可持续影响指标"
    assert rows["增强党组织凝聚力和战斗力"]["target"] is None
    assert rows["社会公众或服务对象满意度"]["level1"] == "满意度指标"


def test_self_evaluation_table_exported_cell_per_line() -> None:
    lines = document_lines(doc(lines_of("002", 30, 226)))
    tables = find_tables(lines)
    rows = [r for t in tables for r in ind.table_indicators(t, None)]
    assert len(rows) == 10
    last_but_one = rows[8]
    assert last_but_one["level2"] == "可持续影响指标" and last_but_one["score"] == "9"
    assert last_but_one["note"].startswith("加大党建引领")
    assert rows[0]["name"] == "全覆盖开展城市居民向小区党建工作" and rows[0]["weight"] == "10"
    assert rows[6]["level1"] == "效益指标" and rows[6]["level2"] == "社会效益指标"
    assert rows[9]["level2"] == "服务对象满意度指标"
    name, m = next((money.self_eval_money(t) for t in tables if money.self_eval_money(t)[1]), (None, None))
    assert m is not None and (m["budget_initial"], m["budget_full_year"], m["executed"]) == ("200", "200", "200")
    assert m["execution_rate"] == "100"


def test_pdf_flattened_form_labels_after_rows() -> None:
    lines = document_lines(doc(lines_of("004", 653, 767)))
    form = ind.parse_form(lines, 0, len(lines))
    assert form["name"] == "城市社区党建及城乡综合治理"
    assert (form["budget"], form["executed"]) == ("100", "83.88")
    rows = form["indicators"]
    assert len(rows) == 12
    assert all(r["level2"] == "数量招标" and r["level1"] == "完成指标" for r in rows[:6])
    assert rows[6]["actual"] == "年初预算250个小区党支部经费，实际支付146个小区党支部经费"
    assert rows[9]["name"].startswith("城市基层治理工作在全省的影响力") and rows[9]["target"] == "优"
    assert rows[10]["level1"] == rows[10]["level2"] == "满意度指标"


def test_project_table_with_parenthetical_names() -> None:
    lines = document_lines(doc(lines_of("001", 71, 156)))
    projects = [p for t in find_tables(lines) for p in money.table_projects(t)]
    assert [p["name"] for p in projects] == ["“两新”组织党建经费", "老干部协会活动经费", "全县离退休干部春节慰问经费",
                                             "全县离退休老干特需经费", "智慧党建平台运行维护经费（五年计划）", "工作经费"]
    assert projects[1]["executed"] == "116" and projects[4]["budget_full_year"] == "140.59"


def test_word_table_reads_like_the_text_export() -> None:
    """The same project table as Document table blocks (what the docx reader produces)."""
    rows = [["序号", "项目", "年初预算", "上年结转", "本年调整", "可执行指标", "决算金额", "结转结余"],
            ["1", "党员教育培训经费", "12.50", "", "", "12.50", "11.80", "0.70"],
            ["合计", "", "12.50", "", "", "12.50", "11.80", "0.70"]]
    d = Document("t.docx", "docx", "0" * 64, [Block("paragraph", "具体明细如下："),
                                               Block("table", table=Table(rows, 0), page=2)])
    projects = [p for t in find_tables(document_lines(d)) for p in money.table_projects(t)]
    assert len(projects) == 1
    p = projects[0]
    assert (p["name"], p["budget_initial"], p["executed"], p["carryover"]) == ("党员教育培训经费", "12.50", "11.80", "0.70")
    assert p["provenance"]["page"] == 2 and p["provenance"]["table"] == 0


def test_unit_implied_by_city_mentions() -> None:
    text = lines_of("002", 1, 30)
    unit, warnings = extract_unit(text, document_lines(doc(text)))
    assert unit["name"] == "中共益阳市委组织部" and unit["region_code"] == "430900" and unit["county"] is None
    assert "市委组织部" in unit["aliases"]
    assert not warnings


def test_unit_left_null_without_evidence() -> None:
    text = "市委组织部高度重视项目资金管理，由市委组织部组织科具体负责。资金全年为200万元。"
    unit, warnings = extract_unit(text, document_lines(doc(text)))
    assert unit["name"] is None and unit["region_code"] is None
    assert any(w["field"] == "unit.name" for w in warnings)


def test_functional_area_unit() -> None:
    text = lines_of("003", 1, 29)
    unit, _ = extract_unit(text, document_lines(doc(text)))
    assert unit["region_code"] == "430671" and unit["prefecture"] == "岳阳市"
    assert unit["name"] in ("屈原管理区委组织部", "中共屈原管理区委组织部")


def test_amount_broken_across_lines_and_breakdown() -> None:
    e = extract_document(doc(lines_of("000", 1, 81)))
    p = e["projects"][0]
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == ("24.00", "24.00", "24.00")
    assert [(i["item"], i["amount"]) for i in e["spending_items"]] == [
        ("办公费", "3.21"), ("印刷费", "11.02"), ("差旅费", "7.08"), ("会议费", "2.69")]
    assert e["reports"][0]["score"] == "97" and e["fiscal_year"] == 2022  # evaluated in 2023, for 2022


def test_final_accounts_totals_and_rounding() -> None:
    text = "第二部分 2021年度单位决算情况说明\n" + lines_of("004", 43, 137)
    e = extract_document(doc(text))
    t = e["department_totals"]
    # the 决算 part alone: its 本年收入合计 (1065.56), not the 收入总计 that adds the carryover (1344.64);
    # the whole file (seed gold) prints 1344.64 as the year's income in its performance report too
    assert (t["income_total"], t["expenditure_total"], t["basic_expenditure"], t["project_expenditure"]) == (
        "1065.56", "1286.09", "630.5", "655.59")
    assert (t["carryover_total"], t["three_public_expenses"]) == ("58.55", "1")
    items = {i["item"]: i["amount"] for i in e["spending_items"]}
    assert items["公务接待费"] == "0.9997"  # printed as 1 and, more precisely, 0.9997
    assert items["人员经费"] == "574.44" and items["公用经费"] == "55.84"


def test_amount_typo_yuan_wan() -> None:
    e = extract_document(doc(lines_of("004", 631, 652)))
    p = e["projects"][0]
    assert (p["name"], p["budget_full_year"], p["executed"], p["execution_rate"]) == ("组织系统信息化", "14", "14", "100")


def test_not_a_report() -> None:
    with pytest.raises(IngestError) as e:
        extract_document(doc("关于召开2024年第一季度工作会议的通知\n请各单位于3月5日上午9时到三楼会议室参加会议。"))
    assert e.value.reason == "not_a_report" and e.value.stage == "extract"


def test_every_row_has_provenance() -> None:
    e = extract_document(doc(lines_of("004", 1, 997)))
    for section in ("projects", "spending_items", "indicators", "reports"):
        for row in e[section]:
            if section == "reports" and row["title"] is None:
                continue
            assert "provenance" in row, (section, row)
            assert row["provenance"]["raw_text"]


def test_word_indicator_table_with_merged_cells() -> None:
    """A Word form as the docx reader gives it: merged cells are '' in the positions they cover."""
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [header,
            ["", "产出指标（50分）", "数量指标（20分）", "指标1：培训财务人员", "≥120人次", "131人次", "10", "10", ""],
            ["", "", "", "指标2：检查预算单位", "30个", "26个", "10", "8", "部分单位\n未按期整改"],
            ["", "", "时效指标", "资金拨付及时率", "100%", "100%", "10", "10", ""],
            ["", "满意度指标", "服务对象满意度指标", "预算单位满意度", "≥90%", "93%", "10", "10", ""],
            ["总分", "", "", "", "", "", "100", "98", ""]]
    d = Document("f.docx", "docx", "0" * 64, [Block("paragraph", "2023年度财政监督检查项目支出绩效自评表"),
                                               Block("table", table=Table(rows, 3))])
    out = [r for t in find_tables(document_lines(d)) for r in ind.table_indicators(t, None)]
    assert [(r["level1"], r["level2"], r["name"]) for r in out] == [
        ("产出指标", "数量指标", "培训财务人员"), ("产出指标", "数量指标", "检查预算单位"),
        ("产出指标", "时效指标", "资金拨付及时率"), ("满意度指标", "服务对象满意度指标", "预算单位满意度")]
    assert (out[1]["target"], out[1]["actual"], out[1]["score"], out[1]["note"]) == ("30个", "26个", "8", "部分单位未按期整改")
    assert all(r["provenance"]["table"] == 3 for r in out)


def test_the_year_under_a_forms_title_beats_the_publication_date() -> None:
    from ingest.extract.unit import extract_fiscal_year

    text = "发布日期：| 2022年11月04日 |\n项目支出绩效自评表 |\n( 2021 年度) |\n项目名称 |\n某项目 |"
    assert extract_fiscal_year(text) == 2021
    # a publication date alone never counts as the year evaluated
    assert extract_fiscal_year("发布时间：2023年5月25日\n2022年度部门整体支出绩效自评报告") == 2022


def test_indicator_rows_named_by_a_value_or_a_header_are_dropped() -> None:
    from ingest.extract.validate import validate_indicators

    rows = [{"name": n, "weight": None, "score": None} for n in ("完成", "%(百分比)", "单项指标实际完成值", "群众满意度")]
    warnings: list[dict] = []
    kept = validate_indicators(rows, warnings)
    assert [r["name"] for r in kept] == ["群众满意度"]
    assert len(warnings) == 3


def test_indicators_stated_under_level_headings() -> None:
    from ingest.document import Line
    from ingest.extract.prose import sectioned_indicators
    from ingest.extract.text import TextLine

    paras = ["（二）部门绩效目标", "1.产出指标", "（1）数量指标：入户走访≥10次。",  # targets, not results
             "（三）绩效指标完成情况分析。", "1.产出指标完成情况分析。", "（1）数量指标。",
             "开展入户走访：每月走访一次，共12次。", "（2）成本指标。", "走访交通补助：人均补助不超过标准，共支出3.5万元。",
             "2.效益指标完成情况", "群众知晓率95%，指标完成率100%；服务水平稳步提升，指标完成率100%。",
             "3.满意度指标完成情况", "受访群众满意度92%，指标完成率100%。",
             "四、存在的问题", "全年走访120户，覆盖率100%。"]
    rows = sectioned_indicators([(p, TextLine(p, False, Line(p, 1, 0), i)) for i, p in enumerate(paras)])
    got = [(r["level1"], r["level2"], r["name"], r["actual"]) for r in rows]
    assert got == [
        ("产出指标", "数量指标", "开展入户走访", "12次"),
        ("产出指标", "成本指标", "走访交通补助", "3.5万元"),
        ("效益指标", None, "群众知晓率", "95%"),
        ("效益指标", None, "服务水平", "稳步提升"),
        ("满意度指标", None, "受访群众满意度", "92%"),
    ]


def test_a_title_with_its_project_in_brackets() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("某市图书馆2022年度项目支出绩效自评报告(2022年公共图书馆(站)免费开放补助经费)") \
        == "公共图书馆(站)免费开放补助经费"
    # cut by the page before its closing bracket
    assert project_from_title("某市图书馆2022年度项目支出绩效自评报告(2022年文化服务体系建设补助资金") == "文化服务体系建设补助资金"


def test_a_unit_named_once_deep_in_the_text_is_unknown_not_guessed() -> None:
    from ingest.document import Line
    from ingest.extract.text import TextLine
    from ingest.extract.unit import extract_unit

    def lines_of(text: str) -> list[TextLine]:
        return [TextLine(t, False, Line(t, 1, 0), i) for i, t in enumerate(text.split("\n"))]

    body = "按照年度工作安排，项目资金全部用于道路养护，全年完成养护任务，群众出行条件明显改善。" * 5
    # the only full name is the office that passed the money on, printed once far down
    text = f"2023年度道路养护项目绩效自评报告\n{body}\n资金由宁远县财政局拨付。"
    unit, warnings = extract_unit(text, lines_of(text))
    assert unit["name"] is None
    assert any(w["field"] == "unit.name" for w in warnings)
    # the same name, but the report also speaks of itself by its short form: it is the reporter
    text = f"2023年度道路养护项目绩效自评报告\n{body}\n本项目由宁远县交通运输局实施，县交通运输局负责监管。"
    unit, _ = extract_unit(text, lines_of(text))
    assert unit["name"] == "宁远县交通运输局"


def test_a_title_over_its_bracketed_project_line() -> None:
    doc = Document("t.txt", "txt", "0" * 64, [Block("paragraph", t) for t in (
        "某县第二小学2023年度项目支出绩效自评报告", "(校园安全专项工作经费)", "一、自评结论",
        "2023年度我校校园安全专项工作经费项目财政资金总额12.50万元，拨付使用11.80万元，预算执行率94.4%。")])
    out = extract_document(doc)
    assert out["reports"][0]["title"] == "某县第二小学2023年度项目支出绩效自评报告(校园安全专项工作经费)"
    assert out["reports"][0]["project"] == "校园安全专项工作经费"
    assert [(p["name"], p["budget_full_year"], p["executed"]) for p in out["projects"]] == [
        ("校园安全专项工作经费", "12.50", "11.80")]


def test_what_makes_a_text_a_report_and_its_year() -> None:
    from ingest.extract import _looks_like_report
    from ingest.extract.unit import extract_fiscal_year

    # a “三公” statement that never says 三公: two of its items with amounts
    statement = "（一）因公出国(境)经费\n2019年无因公出国(境)人员。\n（二）公务接待费\n2019年公务接待费12000元，较2018年决算数减少3000元。"
    assert _looks_like_report(statement)
    assert extract_fiscal_year(statement) == 2019  # not the year it is compared with
    # a 部门决算 page cut before its figures
    assert _looks_like_report("首页 > 预决算公开\n2023年度某县某镇卫生院部门决算\n第一部分 单位概况\n一、部门职责")
    assert not _looks_like_report("2023年度某县某镇卫生院工作总结\n全年接诊病人一万余人次。")


def test_a_page_label_before_a_title() -> None:
    from ingest.extract.reports import without_page_label

    assert without_page_label("标题某自治区某委员会2020年度预算绩效管理考核自评报告") == "某自治区某委员会2020年度预算绩效管理考核自评报告"
    assert without_page_label("名称：某市地震局2021年度防震减灾项目支出绩效自评表") == "某市地震局2021年度防震减灾项目支出绩效自评表"
    assert without_page_label("名称") == "名称"


def test_the_years_income_is_its_own_not_the_total_with_carryover() -> None:
    from ingest.extract.money import year_income

    # 收入总计 adds last year's carryover; the year's own income is 本年收入合计
    assert year_income("1.总体情况。2019年度收入总计1,200.50万元，支出总计1,200.50万元。"
                       "2.收入情况。2019年度收入合计1,195.30万元，较上年减少10%。") == "1195.30"
    # printed twice with different figures: the one the file's 收入总计 repeats
    assert year_income("本单位收入总计300万元，其中当年财政拨款收入合计250万元。2021年本年收入合计250万元。"
                       "部门整体支出情况：2021年本年收入合计300万元。") == "300"
    assert year_income("收入总计300万元。") is None


def test_a_document_sites_pages_cut_mid_word_are_one_paragraph() -> None:
    # a doc-sharing site prints each page as one long numbered line; page 2 starts inside a word
    page1 = "1、某某中心项目资金绩效自评报告一、基本情况" + "项目按全年工作任务管理，" * 8 + "实际支出219.4万元。其中新华社专项信"
    page2 = "2、息服务支出4万元，办公设备软件更新支出19.9万元。"
    paras = prose_paragraphs(document_lines(doc(page1 + "\n" + page2 + "\n")))
    assert len(paras) == 1 and "新华社专项信息服务支出4万元" in paras[0][0]
    # a short numbered list is no run of pages
    paras = prose_paragraphs(document_lines(doc("1、项目名称：某某项目\n2、资金使用：100万元\n")))
    assert len(paras) == 2


def test_a_cited_notices_year_is_not_the_year_evaluated() -> None:
    text = ("根据某区财政局《关于开展2025年地方政府专项债券项目资金绩效评价工作的通知》要求，"
            "现将2025年地方政府专项债券项目资金绩效评价工作的通知落实情况报告如下。\n"
            "2024年度专项债券项目资金绩效评价情况公示如下：\n2024年度专项债券项目资金绩效评价情况表\n"
            "项目名称 债券规模 自评分数\n某某排水管网工程 0.5 92\n")
    assert extract_fiscal_year(text) == 2024
