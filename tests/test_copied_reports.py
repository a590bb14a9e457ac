"""Project reports as copying sites and careless typing leave them (made-up texts in the shapes met on real
pages): an essay site's count of copies after the title, a spam mirror's slogan before it, a 万 dropped
from one amount, and last year's balance beside this year's budget.

An analyst comparing a programme across counties relies on the project being named as the report names
it, and on its money being this year's, in 万元.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_an_essay_sites_count_of_copies_is_not_part_of_the_title_or_the_project() -> None:
    text = ("农机购置补贴支出绩效自评报告(通用5篇)\n"
            "一、绩效目标分解下达情况\n"
            "2019年度农机购置补贴资金预算数60万元，全年执行数58万元。\n")
    out = _extracted(text)
    assert out["reports"][0]["title"] == "农机购置补贴支出绩效自评报告"
    assert out["reports"][0]["project"] in {"农机购置补贴", "农机购置补贴资金"}  # the title's or the body's wording


def test_a_mirrors_bracketed_slogan_before_a_dated_title_is_not_the_project() -> None:
    text = ("某某娱乐网_足球网-【投注平台】2022年度中央财政林业改革发展资金转移支付绩效自评报告\n"
            "一、基本情况\n该资金年度预算数921.25万元，全年执行数900万元。\n")
    assert _extracted(text)["reports"][0]["project"] == "中央财政林业改革发展资金"


def test_an_amount_printed_in_yuan_that_the_report_prints_in_wan_elsewhere_is_wan() -> None:
    text = ("2024年度农机购置补贴项目绩效自评报告\n"
            "一、项目资金到位情况：2024年农机购置补贴项目资金全年预算数2089元，其中中央资金1777万元。\n"
            "二、执行情况：年初预算合计2389万元，年中调减300万元，全年预算执行数合计2089万元。\n")
    project = _extracted(text)["projects"][0]
    assert (project["budget_initial"], project["budget_full_year"], project["executed"]) == ("2389", "2089", "2089")


def test_a_balance_of_another_year_is_not_this_years_carryover() -> None:
    text = ("2019年度农机购置补贴支出绩效自评报告\n"
            "2019年度农机购置补贴资金预算数60万元，2018年度农机购置补贴结余资金12.664万元。"
            "全年执行数60万元。\n")
    project = _extracted(text)["projects"][0]
    assert project["budget_full_year"] == "60"
    assert project["carryover"] is None


def test_a_transfers_bracketed_fund_less_its_year_and_notice_number_is_the_project() -> None:
    text = ("中央对地方转移支付(2024年中央自然灾害救助资金(皖财资环〔2024〕579号))项目绩效自评报告\n"
            "一、基本情况\n2024年收到该资金5万元，资金到位率100%。\n")
    assert _extracted(text)["reports"][0]["project"] == "中央自然灾害救助资金"


def test_one_projects_money_broken_into_its_uses_gives_no_projects() -> None:
    text = ("村级转移支付办公费项目绩效自评报告\n一、项目概况\n村级转移支付办公费即村管费，该项目主要用于村级工作运转。\n"
            "二、项目资金使用情况\n该项目2020年度财政资金270.21万元，其中村级办公经费56万元，村干工资186.36万元，"
            "离任村干生活补助24.66万元，会议误工、交通补助等其他补助3.19万元。\n")
    out = _extracted(text)
    assert [p["name"] for p in out["projects"]] in ([], ["村级转移支付办公费"])  # the report's own, or none


def test_a_departments_finance_office_as_the_pages_source_is_not_the_unit() -> None:
    text = ("2022年度单位决算\n发布时间:2023-09-28 17:49 本文来源: 财务部\n"
            "2022年度收入28599.66万元,支出28264.22万元。\n")
    out = _extracted(text)
    assert out["unit"]["name"] is None
    assert out["department_totals"]["income_total"] == "28599.66"
    assert out["department_totals"]["expenditure_total"] == "28264.22"


def test_a_verb_that_reads_like_a_county_places_nothing() -> None:
    # 会同 ('together with') before 县防汛办 is a verb, not 会同县 of Hunan
    text = ("关于2021年度地质灾害群测群防项目资金绩效评价报告\n"
            "我局会同县防汛办、应急管理局对全县各乡镇开展工作大检查2次，项目资金20万元全部支付。\n")
    assert _extracted(text)["unit"]["region_code"] is None


def test_a_summary_marker_after_the_units_name_in_a_title_is_not_part_of_the_name() -> None:
    text = ("温州市洞头区某某服务中心(汇总)2019年度部门决算\n"
            "2019年度收、支总计均为2234.00万元。\n")
    assert _extracted(text)["unit"]["name"] == "温州市洞头区某某服务中心"


def test_a_unit_introduced_by_its_purpose_is_the_reporting_unit() -> None:
    text = ("一、部门基本情况\n（一）职能职责。重庆市梁平区某某储备中心的宗旨为土地储备工作提供服务。\n"
            "二、部门决算情况说明\n2020年度收入总计31,330.34万元，支出总计31,330.34万元。\n")
    assert _extracted(text)["unit"]["name"] == "重庆市梁平区某某储备中心"


def test_a_word_processors_page_field_before_the_title_and_spending_by_we_the_centre() -> None:
    text = ("PAGE-11-PAGE2020年度疾控中心整体支出绩效自评报告一、基本情况1、部门支出情况：2020年度我中心共计支出"
            "3307.77万元，其中基本支出1680.11万元，项目支出1627.66万元。\n")
    out = _extracted(text)
    assert out["reports"][0]["title"] == "2020年度疾控中心整体支出绩效自评报告"
    assert out["department_totals"]["expenditure_total"] == "3307.77"


def test_wordings_of_what_a_project_spent() -> None:
    from ingest.extract.money import prose_project_money

    cases = {
        "2021年某某项目实际下达预算2596万元，全年度实际总支出2595.6208万元，执行率99.98%。": "2595.6208",
        "2017年预算金额160.56万元，经费来源为财政补助收入，预算执行98万元，执行率61.04%。": "98",
        "(1)2021年公共文化服务专项资金共支182.564万元。": "182.564",
        "2022年城乡居民养老保险资金执行总量29675万元，预算执行率100%。": "29675",
    }
    for text, spent in cases.items():
        assert prose_project_money(text, 2021 if "2021" in text else None)["executed"] == spent, text
    # what a half of the year paid is not the year's spending
    assert prose_project_money("上半年共支50万元，下半年共支30万元。")["executed"] is None


def test_a_form_heads_bare_actual_use_label_is_what_was_spent() -> None:
    text = ("某县某某项目绩效自评报告\n项目名称 | 某某设备购置项目 |\n二、项目资金情况（万元） |\n"
            "计划投资 | 120 | 实际到位 | 120 | 实际使用 | 96.5 |\n")
    project = _extracted(text)["projects"][0]
    assert (project["budget_full_year"], project["executed"]) == ("120", "96.5")


def test_wordings_of_a_projects_initial_budget() -> None:
    from ingest.extract.money import prose_project_money

    cases = {
        "2020年初财政安排专项经费25万元，实际到位25万元。": "25",
        "（一）年初财政预算安排资金83万元，并已拨付到位。": "83",
        "该项目资金均为财政预算拨款资金。年初财政下达预算40万元，实际支出38万元。": "40",
        "（二）资金安排情况：财政年初预算40万元。": "40",
    }
    for text, initial in cases.items():
        assert prose_project_money(text)["budget_initial"] == initial, text


def test_a_funds_use_listed_after_its_label_is_what_the_project_spent_on() -> None:
    text = ("关于某某监管工作经费专项资金财政支出绩效评价自评报告\n"
            "一、项目资金使用情况\n2020年初财政安排专项经费25万元，实际到位25万元。\n"
            "资金使用情况：办公费131674元、资料费32860元、差旅费22754元、宣传及培训费44900元、其他支出17812元。\n")
    out = _extracted(text)
    assert out["reports"][0]["project"] == "某某监管工作经费"
    assert {i["item"]: i["amount"] for i in out["spending_items"]} == {
        "办公费": "13.1674", "资料费": "3.286", "差旅费": "2.2754", "宣传及培训费": "4.49", "其他支出": "1.7812"}
