"""Wordings real publishers use for a report's unit, year, project, score and money, met in the ninth
session's batches (tests/fixtures/real b103–b116): the texts are made up in the shapes those reports print.

Each test states what a reader of such a page relies on: the unit that stamps the form, the project an
allocation is for, a score printed without 分, a statement dated by its accounts rather than by the next
year's budget, a list that shares money out among towns (not spending), a target and its result in two
clauses, and no department totals taken from a report on one project.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted, _one_report


def test_the_unit_that_stamps_a_department_report_is_its_unit() -> None:
    text = ("甲镇部门整体支出绩效自评报告\n评价年度:2024\n评价单位(公章):某县甲镇人民政府\n填报日期:2025年3月\n"
            "一、部门基本情况\n某县财政局下达的资金按时到位。某县财政局对各单位开展培训。\n")
    out = _extracted(text)
    assert out["unit"]["name"] == "某县甲镇人民政府"


def test_an_office_inside_a_bureau_is_no_budget_unit() -> None:
    text = ("竞训处财政支出项目绩效评价自评报告\n一、项目基本情况\n2017年运动队训练经费合计300万元。\n")
    out = _extracted(text)
    assert out["unit"]["name"] is None
    assert any(w["field"] == "unit.name" and "office inside" in w["message"] for w in out["warnings"])


def test_a_titleless_report_names_the_project_its_allocation_is_for() -> None:
    text = ("一、项目基本情况\n2023年下达财政衔接资金120万元,用于2023年某县甲乙高粱种植补贴项目。绩效目标是对全县农户补贴。\n"
            "二、项目资金拨付情况\n截止评价点,该项目已拨付资金114.5万元,资金拨付率95%,结余资金退回国库。\n"
            "三、项目绩效评价结论\n综合评价:项目实现了预期绩效目标,预算执行良好。\n")
    out, report = _one_report(text)
    # the county before the project's own name is part of what it is called
    assert report["project"] == "某县甲乙高粱种植补贴项目"
    [project] = out["projects"]
    assert (project["budget_full_year"], project["executed"], project["execution_rate"]) == ("120", "114.5", "95")


def test_a_report_on_one_project_states_no_department_totals() -> None:
    text = ("某县民政局2024年县级福彩公益金的使用情况\n一、资金下达情况\n2024年县级下达福彩公益金300万元。\n"
            "二、资金投入情况\n甲敬老院改造项目支出29.99万元、乙敬老院改造支出19.98万元。\n"
            "三、绩效指标完成情况\n各项绩效指标按预算执行完成。\n")
    out = _extracted(text)
    assert {r["kind"] for r in out["reports"]} == {"project_self_evaluation"}
    assert out["department_totals"] is None


def test_a_score_printed_without_points_and_a_grade_after_a_colon() -> None:
    text = ("某市2021年非遗保护资金绩效自评报告\n一、基本情况\n下达保护补助资金40万元。\n"
            "二、综合评价结论\n自评得分92.45,综合评价结果为:优。\n")
    _, report = _one_report(text)
    assert (report["score"], report["grade"]) == ("92.45", "优")


def test_a_five_digit_budget_code() -> None:
    text = ("某纪念馆2020年度部门整体支出绩效评价自评报告\n部门(单位)名称: 某纪念馆\n预 算 编 码: 21401\n"
            "评价方式:部门(单位)绩效自评\n")
    out = _extracted(text)
    assert out["unit"]["unit_code"] == "21401"


def test_titles_of_a_units_project_reports_name_their_projects() -> None:
    assert _one_report("某市司法局2023年度法律援助项目支出绩效单位自评报告\n一、基本情况\n")[1]["project"] == "法律援助"
    # the unit's summary over all its projects names none
    assert _one_report("某市司法局部门2023年度项目支出绩效单位自评报告\n一、基本情况\n")[1]["project"] is None
    title = "2023年度某县交通运输局部门公交补贴重点项目支出绩效评价报告\n一、项目基本情况\n"
    assert _one_report(title)[1]["project"] == "公交补贴"
    title = "某县住房保障站2020年预算项目支出(租赁补贴)绩效评价自评报告\n一、基本情况\n"
    assert _one_report(title)[1]["project"] == "租赁补贴"


def test_a_long_title_bracketing_the_fund_a_transfer_carries() -> None:
    title = "某市某区应急管理局(中央自然灾害救灾资金—第一批洪涝灾害救灾补助)转移支付 2022年度绩效自评报告"
    out, report = _one_report(title + "\n一、绩效目标分解下达情况\n补助金额为180万元。\n")
    assert report["title"] == title.replace(" ", "")
    assert report["project"] == "中央自然灾害救灾资金—第一批洪涝灾害救灾补助"


def test_money_shared_out_among_towns_is_no_spending() -> None:
    text = ("某区2022年度救灾资金绩效自评报告\n(一)资金投入情况分析。\n"
            "此专项经费预算数180万元,全年执行数180万元,实际执行率100%。其中80万元洪涝灾害资金分配如下:"
            "甲镇8万、乙镇6万、丙乡66万,并完成支付。\n")
    out = _extracted(text)
    assert out["spending_items"] == []
    assert out["projects"][0]["executed"] == "180"


def test_a_statement_of_one_years_accounts_beside_the_next_years_budget() -> None:
    text = ("一、公务接待费\n2011年某市某局执行公务共开支公务接待费43.75万元,其中:国内公务接待支出43.75万元。\n"
            "2012年某市某局安排公务接待费预算44.58万元,较2011年决算增长1%。\n"
            "附:某市某局“三公”经费2011年决算和2012年预算情况表\n")
    out = _extracted(text)
    assert out["fiscal_year"] == 2011
    assert [(i["item"], i["amount"]) for i in out["spending_items"]] == [("公务接待费", "43.75")]


def test_a_target_and_its_result_in_two_clauses() -> None:
    text = ("某省2020年度中央救灾资金绩效自评报告\n一、资金情况\n安排补助资金2513万元,实际执行2513万元,执行率100%。\n"
            "3.绩效指标完成情况\n1)产出指标\n数量指标:租机数量8架,实际租机7架,未完成指标\n2)效益指标\n"
            "生态效益指标:森林火灾受害率需控制在1‰以内,实际森林火灾受害率为0.038‰。\n3)满意度指标\n"
            "群众对航空消防项目的满意度需达到80%以上,实际满意度为90%。\n")
    out = _extracted(text)
    got = {i["name"]: (i["target"], i["actual"]) for i in out["indicators"]}
    assert got == {"租机数量": ("8架", "7架"), "森林火灾受害率": ("控制在1‰以内", "0.038‰"),
                   "群众对航空消防项目的满意度": ("80%以上", "90%")}


def test_a_titleless_transfer_named_by_its_total_or_its_definition() -> None:
    text = ("一、绩效目标分解下达情况\n(一)中央下达预算和绩效目标情况。\n"
            "2021年3月,中央文件下达我区甲乙发展专项转移支付预算4631万元;2021年6月,中央下达预算1634万元;"
            "2021年甲乙发展资金合计6265万元。其中,安排约束性任务资金5000万元。\n"
            "二、绩效目标完成情况分析\n资金按预算执行,绩效目标基本实现。\n")
    out, report = _one_report(text)
    assert report["project"] == "甲乙发展资金"
    assert out["projects"][0]["budget_full_year"] == "6265"  # the total, not the first allocation
    text = ("一、绩效目标分解下达情况\n丙丁救助补助资金是指用于开展城乡低保和临时救助工作的资金。\n"
            "2023年中央财政下达我市丙丁救助补助资金3533.2万元,其中,甲县507.9万元。\n"
            "二、绩效目标完成情况分析\n绩效目标全部完成,预算执行良好。\n")
    assert _one_report(text)[1]["project"] == "丙丁救助补助资金"


def test_a_target_rate_last_years_balance_and_a_local_match_are_not_the_projects_money() -> None:
    text = ("训练处财政支出项目绩效评价自评报告\n一、预决算情况\n"
            "2017年运动队训练经费合计300万元,其中:甲体校47万元(含上年结余8万元),乙体校25万元。\n"
            "本项目年初共制定2个绩效目标,分别为:\n1、投入-成本目标-预算执行率100%;\n"
            "2、产出-数量目标-补助4家训练单位。\n")
    [project] = _extracted(text)["projects"]
    assert project["execution_rate"] is None and project["carryover"] is None
    text = ("某省2021年中央农村环境整治专项资金绩效自评报告\n一、基本情况\n"
            "财政部下达某省2021年中央农村环境整治专项资金共计5404万元。\n"
            "为完成目标任务,县区财政安排投入配套资金775.39万元。\n")
    [project] = _extracted(text)["projects"]
    assert project["budget_full_year"] == "5404"


def test_a_party_prefix_belongs_only_to_a_party_committee() -> None:
    text = ("县档案馆2024年部门整体支出绩效自评报告\n部门名称:宾川县档案馆\n"
            "附件6 中共宾川县档案馆2024年项目预算、决算明细表(单位:万元)\n"
            "宾川县档案馆属于中共宾川县委办公室管理的事业单位。宾川县档案馆履行档案接收职能。\n")
    out = _extracted(text)
    assert out["unit"]["name"] == "宾川县档案馆"


def test_a_file_that_opens_on_a_reports_title_is_a_report_without_figures() -> None:
    text = ("中央某某防治经费 2017年度 专项转移支付绩效评价报告 一、项目概述 (一)项目概况 1.项目实施主体:某厅 "
            "2.主要内容:发布招标公告,将5个防治工程划分成10个标段进行招标。\n")
    out, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation"
    assert out["fiscal_year"] == 2017


def test_a_dated_funds_self_evaluation_named_qingkuang() -> None:
    text = ("某市2023年度中央集中彩票公益金支持甲乙事业专项资金绩效自评情况\n一、基本情况\n"
            "下达资金75.68万元,其中老年人福利类资金49.78万元。总体资金执行进度为66.99%。\n")
    out, report = _one_report(text)
    assert report["title"] == "某市2023年度中央集中彩票公益金支持甲乙事业专项资金绩效自评情况"
    assert report["project"] == "中央集中彩票公益金支持甲乙事业专项资金"
    assert out["projects"][0]["execution_rate"] == "66.99"


def test_a_programmes_size_is_its_budget() -> None:
    text = ("2023年度某省县域甲乙行动专项资金绩效自评报告\n一、资金情况\n"
            "总资金规模24224.30万元(其中中央财政资金23507.35万元),实际拨付至261个项目实施单位16227.61万元。\n")
    [project] = _extracted(text)["projects"]
    assert project["budget_full_year"] == "24224.30"


def test_the_pages_title_naming_the_unit_over_the_covers_naming_its_division() -> None:
    text = ("宾川县畜牧水产服务中心2021年度部门整体支出绩效评价自评报告\n来源:宾川县畜牧水产服务中心 2022-07-14\n\n"
            "宾川县2021年度部门整体支出\n绩效评价自评报告\n部门(单位)名称: 宾川县畜牧水产服务中心\n"
            "一、部门基本概况\n本年支出合计120万元,其中基本支出100万元,项目支出20万元。\n")
    _, report = _one_report(text)
    assert report["title"] == "宾川县畜牧水产服务中心2021年度部门整体支出绩效评价自评报告"
