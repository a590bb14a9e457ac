"""Scoring sheets and the titles around them, met in the tenth session's batches (b135–b138): the texts
are made up in the shapes those reports print.

A scoring sheet (评分表) lists the evaluation framework's levels with their points in brackets
(`项目决策(20分)`, `绩效目标(8分)`), each third-level indicator with its points (分值) and its score
(得分), and no target or result. An analyst comparing how units score themselves relies on those rows:
each with its two levels, its points and its score, whether the sheet reaches us as cells or glued
into one run of text (`目标内容44` = 分值 4, 得分 4).
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted, _one_report

SHEET_ROWS = [
    ("项目决策", "绩效目标", "目标内容", "4", "4"),
    ("项目决策", "绩效目标", "目标明确", "4", "3"),
    ("项目决策", "决策依据", "政策依据", "12", "12"),
    ("项目绩效", "项目完成", "完成数量", "40", "38"),
    ("项目绩效", "项目完成", "完成质量", "40", "33"),
]


def _rows(out: dict) -> list[tuple]:
    return [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in out["indicators"]]


def test_a_scoring_sheet_in_cells_gives_each_indicator_its_levels_points_and_score() -> None:
    text = ("某县2021年度植树造林项目绩效自评报告\n本项目绩效评价得分为90分，具体如下：\n"
            "一级指标|二级指标|三级指标|分值|得分\n"
            "项目决策(20分)|绩效目标(8分)|目标内容|4|4\n"
            "|||目标明确|4|3\n"
            "|决策依据(12分)|政策依据|12|12\n"
            "项目绩效(80分)|项目完成(80分)|完成数量|40|38\n"
            "|||完成质量|40|33\n")
    out = _extracted(text)
    assert _rows(out) == SHEET_ROWS
    assert all(i["target"] is None and i["actual"] is None for i in out["indicators"])


def test_a_scoring_sheet_glued_into_one_run_is_cut_back_into_its_rows() -> None:
    text = ("某县2021年度植树造林项目绩效自评报告\n本项目绩效评价得分为90分，具体如下：一级指标二级指标三级指标分值得分"
            "项目决策(20分)绩效目标(8分)目标内容44目标明确43决策依据(12分)政策依据1212"
            "项目绩效(80分)项目完成(80分)完成数量4038完成质量4033\n")
    assert _rows(_extracted(text)) == SHEET_ROWS


def test_points_glued_before_a_word_that_starts_with_a_measure_word_stay_points() -> None:
    # '22分配过程': 分值 2, 得分 2, then the indicator 分配过程 (not 22分 and 配过程)
    text = ("某县2021年度植树造林项目绩效自评报告\n具体如下：一级指标二级指标三级指标分值得分"
            "项目决策(8分)资金分配(8分)分配方法22分配过程22分配结果44\n")
    rows = _rows(_extracted(text))
    assert [r[2] for r in rows] == ["分配方法", "分配过程", "分配结果"]
    assert [(r[3], r[4]) for r in rows] == [("2", "2"), ("2", "2"), ("4", "4")]


def test_a_document_sites_label_and_number_before_the_title_are_not_the_title() -> None:
    text = ("文档介绍:项目绩效评价报告(2)某县2016年草场补助项目支出绩效评价报告一、项目基本情况"
            "某县2016年草场补助资金共计300万元。\n")
    _, report = _one_report(text)
    assert report["title"] == "某县2016年草场补助项目支出绩效评价报告"
    assert "报告" not in (report["project"] or "")


def test_a_units_name_before_a_year_printed_without_nian() -> None:
    text = "某县就业服务中心2020绩效自评报告\n为进一步规范财政资金管理，现将本单位2020年度绩效自评情况报告如下。\n"
    assert _extracted(text)["unit"]["name"] == "某县就业服务中心"


def test_an_area_in_ten_thousands_of_mu_is_no_spending() -> None:
    # '355万亩' is an area; only '20万元' is money spent on an item
    text = ("某县2016年草场补助项目支出绩效评价报告一、项目基本情况根据某县财政局文件,"
            "某县2016年草场补助资金共计300万元,其中:实施禁牧补助355万亩,;,。二、评价工作开展情况\n")
    items = {i["item"]: i["amount"] for i in _extracted(text)["spending_items"]}
    assert "实施禁牧补助" not in items


def test_money_the_finance_bureau_pays_over_is_the_projects_budget_not_its_spending() -> None:
    text = ("某县2021年植树项目支出绩效自评报告\n一、项目概况\n"
            "2021年植树1万亩,某县财政局于2021年9月2日以(某财〔2021〕19号)文件拨付资金200万元。"
            "2022年5月已完工并通过检查验收。\n")
    [project] = _extracted(text)["projects"]
    assert project["budget_full_year"] == "200"
    assert project["executed"] is None


def test_a_cover_with_the_units_full_name_label_and_the_year_under_the_title() -> None:
    text = ("部门整体支出绩效评价自评报告\n(2023年度)\n部门(单位)全称:某县人民检察院 (公章)\n"
            "填报日期 2024年 2月26日\n某市财政局制\n部门整体支出绩效评价报告\n(参考提纲)\n一、部门基本情况\n"
            "(1)负责应由本院承办的工作。\n(2)完成其他应当由本院负责的工作。\n")
    out = _extracted(text)
    assert out["unit"]["name"] == "某县人民检察院"
    assert out["fiscal_year"] == 2023


def test_a_project_introduced_with_its_short_name_under_a_title_naming_only_the_budget_level() -> None:
    text = ("市直预算项目绩效自评报告\n一、项目基本情况\n"
            "甲乙业务经费项目(以下简称“本项目”)系依法列入某市某局部门预算项目,项目属性为持续性项目。\n"
            "2018年度,某局甲乙业务经费支出1387万元。\n")
    _, report = _one_report(text)
    assert report["project"] == "甲乙业务经费项目"


def test_the_unit_whose_budget_lists_the_project_reports_on_it() -> None:
    text = ("市直预算项目绩效自评报告\n一、项目基本情况\n"
            "甲乙业务经费项目(以下简称“本项目”)系依法列入某市人民代表大会常务委员会办公厅(以下简称“办公厅”)"
            "部门预算项目,项目属性为持续性项目。\n2018年度,办公厅甲乙业务经费支出1387万元。\n")
    assert _extracted(text)["unit"]["name"] == "某市人民代表大会常务委员会办公厅"


GLUED_CRITERIA = (
    "某县财政支出绩效评价报告 项目名称 某 县 2018 年土地整理补偿支出 项目单位 某县国土资源局 "
    "主管部门 某县国土资源局 计划安排资金(万元) 500 实际到位资金(万元) 500 实际支出(万元) 480 "
    "二、项目绩效情况 评价指标 指标分值 评价得分 一级 二级 三级 100 88 "
    "项目前期工作 1.项目库建设( 1 分) 1 1 2.项目可行性研究报告( 2分) 2 2 "
    "项目组织 3.制度建设( 6 分) 6 5 4.档案资料管理( 2 分) 2 1 "
    "资金使用 5.资金落实( 10 分) 10 9 综合得分 88 评价等次 良好 绩效\n"
)


def test_numbered_criteria_glued_into_one_line_are_read_with_their_levels_points_and_scores() -> None:
    out = _extracted(GLUED_CRITERIA)
    assert [(i["level1"], i["name"], i["weight"], i["score"]) for i in out["indicators"]] == [
        ("项目前期工作", "项目库建设", "1", "1"), ("项目前期工作", "项目可行性研究报告", "2", "2"),
        ("项目组织", "制度建设", "6", "5"), ("项目组织", "档案资料管理", "2", "1"), ("资金使用", "资金落实", "10", "9")]


def test_a_head_value_broken_at_stray_spaces_is_joined_up_to_the_next_label() -> None:
    out = _extracted(GLUED_CRITERIA)
    assert out["reports"][0]["project"] == "某县2018年土地整理补偿支出"
    assert {i["project"] for i in out["indicators"]} == {"某县2018年土地整理补偿支出"}


def test_criteria_whose_points_disagree_are_no_scoring_sheet() -> None:
    from ingest.extract.prose import numbered_scored_criteria
    from tests.test_prose_targets import _paras

    # the points printed twice differ: not the sheet's shape, so nothing is read
    assert numbered_scored_criteria(_paras(["项目组织 1.制度建设( 6 分) 5 5 2.档案管理( 2 分) 3 1 3.项目公示( 2 分) 1 0"])) == []
