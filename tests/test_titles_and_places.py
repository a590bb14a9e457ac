"""Titles, places and money sources met in the tenth session's third round (b142–b145): made-up texts in the
shapes those reports print.

An analyst filtering the warehouse by region relies on a unit being placed where its name says (the county
inside the prefecture it names), and never in a county whose short name merely sits inside a word of the
unit's own name; a report collected by an essay site or titled as a fund's self-check still has its title;
and money split by where it came from is not what it was spent on.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted, _one_report


def test_a_countys_short_name_inside_the_units_own_name_does_not_place_it() -> None:
    # '资源' is the short name of a county, and also a word of '国土资源局'
    text = ("XX县国土资源局土地出让金业务费绩效评价报告 二〇一八年十二月 项目名称 土地出让金业务费 "
            "项目单位 XX 县国土资源局 主管部门 XX 县国土资源局 计划安排资金(万元) 400 实际支出(万元) 400\n")
    unit = _extracted(text)["unit"]
    assert unit["region_code"] is None
    assert unit["name"] is None or "资源县" not in unit["name"]


def test_a_town_named_with_its_prefecture_and_county_is_placed_in_the_county() -> None:
    text = "文山州西畴县甲乙镇2022年度部门决算\n目录\n第一部分 文山州西畴县甲乙镇概况\n一、主要职能\n"
    unit = _extracted(text)["unit"]
    assert unit["name"] == "文山州西畴县甲乙镇"
    assert unit["region_code"] == "532623"


def test_an_essay_sites_number_after_the_title_is_not_part_of_it() -> None:
    text = ("甲乙服务体系建设资金绩效自评报告 篇1\n"
            "现就某县2021年度甲乙服务体系建设专项资金绩效自评情况报告如下:\n一、基本情况\n"
            "2021年中央下达甲乙服务体系建设专项资金预算189.28万元。\n")
    _, report = _one_report(text)
    assert report["title"] == "甲乙服务体系建设资金绩效自评报告"


def test_a_funds_self_check_report_is_titled_and_names_its_fund() -> None:
    text = ("中央及省级甲乙公益金项目资金使用情况及发挥效益自查报告\n一、制度建设情况\n规范专项资金使用管理。\n"
            "二、资金使用情况\n2022年中央和省级资金下达111.5万元。已支出105.61万元,其中,中央资金91.11万元,"
            "省级资金14.5万元。\n三、绩效目标完成情况\n资金发放率100%。\n")
    out, report = _one_report(text)
    assert report["title"] == "中央及省级甲乙公益金项目资金使用情况及发挥效益自查报告"
    assert report["project"].startswith("中央及省级甲乙公益金")
    # what the money came from is no item it was spent on
    assert not [i for i in out["spending_items"] if i["item"] in ("中央资金", "省级资金")]


def test_a_years_spending_on_a_project_stated_after_its_name_is_what_it_executed() -> None:
    text = ("某团市委2019年度项目绩效自评报告\n(甲乙工作经费项目)\n一、项目资金情况\n"
            "2019年度甲乙工作经费预算资金5万元,实际到位5万元,资金到位率100%。\n"
            "2019年度甲乙工作经费支出4.37万元,其中:商品和服务支出4.37万元(其中:办公费1.89万元,"
            "印刷费0.2万元,差旅费2.28万元)。\n")
    [project] = _extracted(text)["projects"]
    assert project["executed"] == "4.37"


def test_an_item_broken_down_in_brackets_is_its_parts() -> None:
    from ingest.extract.money import breakdown_items

    assert breakdown_items("其中:商品和服务支出4.37万元(其中:办公费1.89万元,印刷费0.2万元,差旅费2.28万元)") == [
        ("办公费", "1.89"), ("印刷费", "0.2"), ("差旅费", "2.28")]


def test_a_universitys_result_notice_reads_its_indicator_table_and_stops_at_its_verdict() -> None:
    text = ("关于“2018甲乙实验中心建设项目”\n预算绩效评价结果的公示\n"
            "2018甲乙实验中心建设项目由某大学发展经费资助,现将该项目预算绩效评价结果公示如下:\n"
            "一级指标 | 二级指标 | 三级指标 | 预算设定指标值 | 项目完成指标值 | ||\n"
            "产出指标 | 数量指标 | 购置仪器设备 | 31 | 42 | ||\n"
            "质量指标 | 设备验收合格率 | 100% | 100% | |||\n"
            "预算绩效评价结果 | 考核节点进度完成率 | 10分 | 项目采购节约率 | 10分 | ||\n"
            "联系地址:某大学实验楼D702 电话:23507658\n")
    out, report = _one_report(text)
    assert report["title"] == "关于“2018甲乙实验中心建设项目”预算绩效评价结果的公示"
    assert [(i["name"], i["target"], i["actual"]) for i in out["indicators"]] == [
        ("购置仪器设备", "31", "42"), ("设备验收合格率", "100%", "100%")]


def test_a_special_bond_is_a_kind_of_money_not_a_projects_name() -> None:
    text = ("某县某镇人民政府2022年度地方政府专项债券项目资金绩效评价结果公示\n"
            "一、项目基本情况\n某县甲乙工业园区四期核心区项目(以下简称“本项目”)是某镇重点项目,"
            "2022年使用专项债券资金3000万元。\n")
    _, report = _one_report(text)
    assert report["title"] == "某县某镇人民政府2022年度地方政府专项债券项目资金绩效评价结果公示"
    assert report["project"] != "地方政府专项债券项目资金"
