"""A unit placed by the division its own name starts with, when nothing else in the text places it (made-up
texts; the divisions are real, as the region table must know them).

A SQL user grouping spending by prefecture relies on a prefecture's own bureau being counted there, and on
a word that only looks like a place name not moving a report anywhere.
"""

from __future__ import annotations

from ingest.extract.unit import _short_named_division
from tests.test_prose_project_reports import _extracted


def test_a_publishers_name_with_an_autonomous_prefectures_short_name_places_the_report() -> None:
    out = _extracted("来源：红河州某某管理委员会\n2023年度部门决算\n2023年度收入总计120万元，支出总计118万元。\n")
    assert out["unit"]["name"] == "红河州某某管理委员会"
    assert out["unit"]["region_code"] == "532500"


def test_a_citys_short_name_before_a_unit_places_it_only_where_the_text_names_its_province() -> None:
    d = _short_named_division("阳江高新区某某局", "阳江高新区某某局广东省下达资金50万元")
    assert d is not None and d.code == "441700"
    assert _short_named_division("阳江高新区某某局", "阳江高新区某某局下达资金50万元") is None


def test_a_short_name_the_text_gives_no_province_for_places_nothing() -> None:
    # 光明 is a district's short name, and also just a word: nothing else in the text says where this is
    text = "来源：光明某某服务中心\n2022年度项目支出绩效自评报告\n下达资金50万元，已支付48万元。\n"
    assert _extracted(text)["unit"]["region_code"] is None


def test_a_jurisdictions_own_three_public_statement_names_the_jurisdiction_as_its_unit() -> None:
    # no department signs it: the county's 三公 spending, summed over all its units, is the county's
    text = ("关于城固县2015年“三公”经费决算支出情况说明\n"
            "经汇总，2015年全县“三公”经费支出共计320.5万元，其中：因公出国（境）费0万元，"
            "公务用车购置及运行维护费210万元，公务接待费110.5万元。\n")
    unit = _extracted(text)["unit"]
    assert unit["name"] == "城固县"
    assert unit["region_code"] == "610722"


def test_a_jurisdiction_named_before_a_project_is_not_the_unit_of_a_project_report() -> None:
    # the county names where the project ran; the report's unit is not printed, so it stays unknown
    text = ("城固县2019年雨露计划助学补助项目绩效自评报告\n"
            "一、基本情况\n该项目下达资金50万元，已支付48万元，执行率96%。\n")
    unit = _extracted(text)["unit"]
    assert unit["name"] is None
    assert unit["region_code"] == "610722"


def test_a_county_printed_by_its_name_before_it_became_a_city_places_the_report_there() -> None:
    # 龙南县 became 龙南市 (Jiangxi); the 县 must not be read as 南县 of Hunan inside it
    unit = _extracted("龙南县某某管理所2016年度部门决算\n2016年度收入合计407.39万元，支出合计407.39万元。\n")["unit"]
    assert unit["region_code"] == "360783"


def test_a_later_parts_heading_names_the_unit_before_its_year() -> None:
    text = ("2016年度区级部门决算公开\n第一部分 部门概况\n本单位坐落在武进区湖塘镇。\n"
            "第二部分 某某桥初中2016年度部门决算表\n2016年度收入合计3666.34万元。\n")
    assert _extracted(text)["unit"]["name"] == "某某桥初中"


def test_an_autonomous_county_printed_with_its_level_but_without_its_peoples_places_the_unit() -> None:
    unit = _extracted("张家川县某某镇中学2018年度部门决算公开\n2018年度收入总计751.67万元。\n")["unit"]
    assert unit["region_code"] == "620525"


def test_a_unit_introduced_by_its_main_work_duties_is_the_reporting_unit() -> None:
    text = ("第一部分 部门概况\n一、基本职能及主要工作\n（一）主要职能。\n"
            "达州市通川区某某乡中心学校主要工作职责是：根据国家教育方针及区政府、区教科局相关文件精神，从事九年义务教育。\n"
            "二、收入支出决算总体情况说明\n2019年度收入合计535.76万元，支出合计535.44万元。\n")
    assert _extracted(text)["unit"]["name"] == "达州市通川区某某乡中心学校"


def test_a_federation_named_by_its_short_form_in_a_title_is_the_unit() -> None:
    # 文联 (literary and art circles), 妇联 (women), 侨联, 残联, 科联, 工商联: federations named as printed
    for name in ("沅江市文联", "宣城市妇联"):
        text = f"{name}2019年度整体支出绩效评价报告\n一、基本情况\n2019年度收入合计100万元，支出合计98万元。\n"
        assert _extracted(text)["unit"]["name"] == name


def test_a_prison_or_a_forest_farm_in_a_title_is_the_unit() -> None:
    for name, title in (("青海省某某监狱", "青海省某某监狱单位2020年度单位决算"),
                        ("昆明某某林场", "昆明某某林场2017年森林植被恢复费绩效报告")):
        text = f"{title}\n一、基本情况\n2020年度收入合计100万元，支出合计98万元。\n"
        assert _extracted(text)["unit"]["name"] == name


def test_a_pages_own_words_after_the_publisher_are_not_part_of_its_name() -> None:
    text = ("某某项目中央对地方专项转移支付2019年度绩效自评报告\n"
            "发布时间:2020-04-14 09:49信息来源:寿县某某中心文字大小:[ ] 背景色:\n"
            "根据要求，现将2019年度绩效自评情况报告如下：项目资金50万元全部支付。\n")
    assert _extracted(text)["unit"]["name"] == "寿县某某中心"
