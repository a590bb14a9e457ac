"""What a report's head says about who reports, even in a copy cut short, and what a fragment does not
(made-up texts in the shapes the sixteenth session's reports print).

A page cut after its first paragraphs still tells a SQL user which unit published which report for which
year; the warehouse should list it rather than refuse it, and name its unit as the title does. A page cut
out of the middle of a report must not lend one of its lines to the unit's totals.
"""

from __future__ import annotations

import pytest

from ingest.errors import IngestError
from tests.test_prose_project_reports import _extracted


def test_a_document_sites_copy_cut_before_its_money_is_still_a_report() -> None:
    text = ("《某县林业局2020年护林员补助经费的绩效自评报告.docx》由会员分享，可在线阅读，更多相关文档请在某某文库上搜索。\n"
            "1、某县林业局2020年护林员补助经费的绩效自评报告一、项目概况(一)项目单位基本情况。1.主要职能。"
            "(1)负责全县林业及其生态建设的监督管理。(2)负责森林防火工作。2.机构情况。我局下设事业单位3个。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["kind"] == "project_self_evaluation"
    assert report["title"] == "某县林业局2020年护林员补助经费的绩效自评报告"
    assert report["project"] == "护林员补助经费"
    assert out["fiscal_year"] == 2020


def test_a_text_with_no_report_title_and_no_money_is_still_refused() -> None:
    text = ("《某县林业局工作总结.docx》由会员分享，可在线阅读。\n"
            "1、某县林业局工作总结一、主要工作(一)森林防火。全年未发生森林火灾。\n")
    with pytest.raises(IngestError) as e:
        _extracted(text)
    assert e.value.reason == "not_a_report"


def test_a_schools_own_accounts_title_names_the_school() -> None:
    text = ("名称 2023年度某县第二小学本级决算\n2023年度某县第二小学本级决算\n\n第一部分 单位概况\n\n一、单位职责\n\n"
            "二、机构设置\n\n第二部分 2023 年度单位决算表\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["kind"] == "final_accounts"
    assert report["title"] == "2023年度某县第二小学本级决算"
    assert out["unit"]["name"] == "某县第二小学"


def test_a_functional_class_line_is_not_the_units_spending_total() -> None:
    text = ("一般公共服务(类)政府办公厅(室)及相关机构事务(款)行政运行(项):支出决算为120.5万元,完成预算100%,决算数与预算数持平。\n"
            "国防支出(类)国防动员(款)其他国防动员支出(项):支出决算为2万元,完成预算100%,决算数与预算数持平。\n"
            "卫生健康(类)行政事业单位医疗(款)行政单位医疗(项):支出决算为9.3万元,完成预算100%,决算数与预算数持平。\n")
    out = _extracted(text)
    assert out["reports"][0]["kind"] == "final_accounts"
    assert (out.get("department_totals") or {}).get("expenditure_total") is None


def test_a_units_own_accounts_marked_in_the_title_name_the_unit() -> None:
    out = _extracted("某某市青山区总工会本级2024年度决算公开说明\n一、单位基本情况\n(一)职能职责\n单位现行的职能职责:维护职工合法权益。\n")
    assert out["unit"]["name"] == "某某市青山区总工会"


def test_an_attachments_number_and_file_name_do_not_hide_the_unit() -> None:
    out = _extracted("8.某某市青山区救助管理站2021年度单位决算.pdf\n一、概况 (一)单位职责 1. 对城市生活无着的流浪乞讨人员提供救助服务。\n"
                     "二、收入支出决算总体情况说明 2021年度收入总计300万元,支出总计300万元。\n")
    assert out["unit"]["name"] == "某某市青山区救助管理站"


def test_a_first_parts_heading_named_after_the_unit_names_it() -> None:
    out = _extracted("一、中共某某市青山区委老干部局概况\n(一)主要职能\n1、贯彻党的老干部工作方针、政策。\n"
                     "二、2017年度部门决算情况说明\n2017年度收入总计300万元,支出总计300万元。\n")
    assert out["unit"]["name"] == "中共某某市青山区委老干部局"


PAGE = ("某某资金2022年度绩效自评报告\n发布时间:2023-02-11 11:23 来源:{source} 浏览:\n"
        "一、绩效目标分解下达情况\n2022年下达某某资金60万元,全年执行60万元,执行率100%。\n")


def test_the_pages_source_names_the_unit_where_the_report_names_none() -> None:
    out = _extracted(PAGE.format(source="某某市青山区农业农村局"))
    assert out["unit"]["name"] == "某某市青山区农业农村局"
    assert any("publisher" in w["message"] for w in out["warnings"] if w["field"] == "unit.name")


def test_a_source_naming_an_office_inside_a_unit_names_no_unit() -> None:
    assert _extracted(PAGE.format(source="厅规划财务处"))["unit"]["name"] is None


def test_a_glued_label_with_its_colon_names_the_unit() -> None:
    text = ("某市困难大学新生入学补助项目绩效评价报告\n项目名称:某市困难大学新生入学补助项目项目单位:某某市青山区学生资助管理办公室"
            "主管部门:某某市青山区教育局评价人员:张三\n一、项目概况 项目资金50万元,实际支出50万元。\n")
    assert _extracted(text)["unit"]["name"] == "某某市青山区学生资助管理办公室"


def test_a_report_naming_no_unit_is_placed_where_its_title_is() -> None:
    text = ("广西壮族自治区2021年中央自然灾害救灾资金绩效自评报告\n一、绩效目标分解下达情况\n"
            "中央下达救灾资金3000万元,全部下达各地,全年执行3000万元。\n")
    out = _extracted(text)
    assert out["unit"]["name"] is None
    assert out["unit"]["region_code"] == "450000"


def test_places_named_only_deep_in_the_body_place_no_report() -> None:
    text = ("2021年中央自然灾害救灾资金绩效自评报告\n一、绩效目标分解下达情况\n" + "按照有关要求,认真组织开展自评工作。" * 12
            + "资金分配到南宁市、柳州市、桂林市,全年执行3000万元。\n")
    assert _extracted(text)["unit"]["region_code"] is None


def test_a_name_runs_to_its_units_end_not_into_the_word_department() -> None:
    text = ("财政支出项目绩效评价报告\n一、项目基本情况项目实施单位海南省人民政府研究室主管部门项目负责人张三"
            "联系电话12345678项目资金144万元,实际支出142万元。\n")
    assert _extracted(text)["unit"]["name"] == "海南省人民政府研究室"


def test_a_form_heads_score_label_gives_the_score_whatever_follows_it() -> None:
    from ingest.extract.money import score_and_grade

    assert score_and_grade("项目绩效目标自评表 填报日期:2020 年 2 月 18 日 自评总分: 69 单位领导审签:")[0] == "69"
    assert score_and_grade("部门整体绩效自评表主管部门财政处室自评总分(分)97.93部门联系人")[0] == "97.93"
    assert score_and_grade("项目编码:|500233000|自评总分:|99.68||||")[0] == "99.68"
    assert score_and_grade("自评总分:100%的指标")[0] is None  # a share, not a score


def test_a_score_is_read_in_more_wordings_and_from_a_forms_total_row() -> None:
    from ingest.extract.money import score_and_grade

    assert score_and_grade("该项目资金使用情况，评定结果得分为90.15分，评定等次为优。")[0] == "90.15"
    assert score_and_grade("对该项目绩效进行了客观、公正的评价，最终评价结果为98分，评价等级为优。")[0] == "98"
    assert score_and_grade("逐项自评打分，自评分数100。")[0] == "100"
    assert score_and_grade("16.生态效益(5分)5417.社会效益(10分)1010综合得分85评价等次良")[0] == "85"
    assert score_and_grade("服务对象满意度≥90%100%1010总分10099项目支出")[0] == "99"
    assert score_and_grade("合计100100万元")[0] is None


def test_a_grade_is_read_without_its_linking_word_and_as_a_letter() -> None:
    from ingest.extract.money import score_and_grade

    assert score_and_grade("综合得分85评价等次良好三、评价结论")[1] == "良好"
    assert score_and_grade("整体支出绩效自评分为88分，绩效等级良。")[1] == "良"
    assert score_and_grade("开展绩效评分100分，自评为优。")[1] == "优"
    assert score_and_grade("整体绩效自评分数为89分，等级为B。")[1] == "B"
    assert score_and_grade("评价结果中部分指标未完成")[1] is None  # 中 inside a phrase is no grade


def test_a_grade_without_its_linking_word_far_from_any_score_grades_something_else() -> None:
    from ingest.extract.money import score_and_grade

    assert score_and_grade("2021年省级城乡社区治理示范区绩效等次优秀，1个街道被确定为试点。")[1] is None


def test_a_conjunction_before_a_level_word_names_no_county() -> None:
    text = ("某县2021年度财政衔接资金绩效自评报告\n成立了由县政府常务副县长牵头、县乡村振兴局和县财政局等部门组成的工作专班。"
            "全年执行衔接资金3000万元。\n")
    assert _extracted(text)["unit"]["region_code"] != "340523"  # 和县, a county of 马鞍山


def test_a_dated_title_on_the_first_line_ends_where_its_report_ending_does_whatever_runs_on() -> None:
    out = _extracted("某小学2013年农村义务教育学生营养改善计划专项资金财政支出绩效评价报 告农村义务教育营养改善计划是一项民心工程,"
                     "我校高度重视。一、项目基本情况 项目资金50万元,实际支出50万元。\n")
    assert out["reports"][0]["title"] == "某小学2013年农村义务教育学生营养改善计划专项资金财政支出绩效评价报告"


def test_a_projects_period_of_one_calendar_year_gives_the_fiscal_year() -> None:
    from ingest.extract.unit import extract_fiscal_year

    assert extract_fiscal_year("财政支出项目绩效评价自评报告\n项目起止时间2016年1月起至2016年12月止计划安排资金80万元") == 2016
    assert extract_fiscal_year("项目起止时间|2016年1月1日-2016年12月31日|") == 2016
    assert extract_fiscal_year("项目起止时间|2014年5月起至2015年12月止|") is None  # two years: no evidence of one


def test_a_year_filled_into_a_forms_blank_is_the_year() -> None:
    from ingest.extract.unit import extract_fiscal_year

    assert extract_fiscal_year("某县财政项目支出绩效自评报告 ( 20_20 年度 ) 某某补助资金\n评价人员:张三 2021 年 1 月") == 2020


def test_a_forms_label_for_its_year_gives_the_fiscal_year() -> None:
    from ingest.extract.unit import extract_fiscal_year

    assert extract_fiscal_year("某市级财政支出项目绩效自评表项目名称 市管绿地养护 项目年份 2017项目主管部门(单位) 某局") == 2017
    assert extract_fiscal_year("部门整体支出绩效评价报告\n评价年度:2024\n发布日期:2025年3月1日") == 2024


def test_a_budget_code_of_three_digits_or_with_a_letter_prefix_is_the_units_code() -> None:
    head = "2016年度部门(单位)整体支出绩效评价自评报告\n部门(单位)名称某某市青山区房地产管理局{code}评价方式:部门(单位)绩效自评\n"
    body = "本年支出合计300万元。\n"
    assert _extracted(head.format(code="预算编码YYX040") + body)["unit"]["unit_code"] == "YYX040"
    assert _extracted(head.format(code="预算编码:077") + body)["unit"]["unit_code"] == "077"


def test_a_title_naming_a_benefit_fund_is_a_project_report() -> None:
    out = _extracted("关于2016年度移民困难扶助金绩效评价报告\n一、项目概况\n2016年下达移民困难扶助金120万元,全年发放118万元。\n")
    [report] = out["reports"]
    assert report["kind"] == "project_self_evaluation"
    assert report["project"] == "移民困难扶助金"
