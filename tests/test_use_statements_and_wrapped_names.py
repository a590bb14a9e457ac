"""Fund use statements, names cut at 社会, organs before a chain of divisions, and 决算 titles a page prints
twice (made-up texts in the shapes the fifteenth session's reports print).

An analyst relies on a unit's statement of how it used a fund being read as a report, on a unit never being
named from half a word, and on a part of the year's payments never standing as what a project spent.
"""

from __future__ import annotations

from ingest.values import money_in
from tests.test_prose_project_reports import _extracted


def test_a_funds_use_statement_to_the_finance_bureau_is_a_project_report() -> None:
    out = _extracted("某市某局关于某某专项资金使用说明\n市财政局：\n"
                     "根据安排，2021年度市级重点项目整合为某某专项资金，安排我局1100万元。上半年已预拨资金728万元，"
                     "第四季度决算拨付351万元，全年累计到位1079万元。\n")
    [report] = out["reports"]
    assert report["kind"] == "project_self_evaluation"
    assert report["title"] == "某市某局关于某某专项资金使用说明"
    # what one quarter paid over is not what the project spent in the year
    assert all(p.get("executed") != "351" for p in out["projects"])


def test_a_county_name_before_the_social_of_social_welfare_is_no_unit() -> None:
    out = _extracted("某某公益金绩效自评报告\n一、资金下达情况\n2024年省财政下达我区某某公益金440万元，支持长泰区地方社会公益项目建设。\n"
                     "二、绩效情况分析\n项目资金已分配下达到项目建设单位，资金拨付率100%。\n")
    assert not (out["unit"]["name"] or "").endswith("社")


def test_a_sub_districts_community_centre_is_not_cut_at_the_she_of_shequ() -> None:
    out = _extracted("2021年度部门决算情况说明\n（一）部门决算单位构成\n包括：重庆市南川区某某街道社区文化服务中心、"
                     "某某街道劳动保障所。\n2021年度收入合计2942万元。\n")
    assert not (out["unit"]["name"] or "").endswith("社")


def test_a_peoples_political_consultative_conference_is_named_with_its_province_and_city() -> None:
    out = _extracted("2021年度部门整体支出绩效自评报告\n"
                     "中国人民政治协商会议广东省广州市花都区委员会2021年度部门预算支出合计100万元，执行率98%。\n")
    assert out["unit"]["name"] == "中国人民政治协商会议广东省广州市花都区委员会"
    assert out["unit"]["region_code"] == "440114"


def test_a_final_accounts_title_wrapped_before_its_information_disclosure_is_one_title() -> None:
    out = _extracted("某市某某检定测试所关于2017年度\n部门决算信息公开的说明\n一、部门概况\n"
                     "2017年度收入总计300万元，支出总计290万元。\n")
    [report] = out["reports"]
    assert report["kind"] == "final_accounts"
    assert report["title"] == "某市某某检定测试所关于2017年度部门决算信息公开的说明"


def test_the_pages_title_with_the_unit_beats_the_documents_disclosure_heading() -> None:
    out = _extracted("北京市某区某某幼儿园2021年度部门决算\n日期：2022-09-15 来源：某街道\n2021年度部门决算公开\n"
                     "目录\n第一部分 2021年度部门决算报表\n2021年度收入总计445.20万元，支出总计445.20万元。\n")
    [report] = out["reports"]
    assert report["title"] == "北京市某区某某幼儿园2021年度部门决算"


def test_a_start_of_year_department_budget_allocation_is_the_initial_budget() -> None:
    out = _extracted("某省某某办2015年度财政专项扶贫资金绩效自评报告\n"
                     "2015年，省财政年初部门预算安排财政专项扶贫资金5196万元，年中追加3000万元专项用于扶贫开发。\n")
    budgets = {p["name"]: p["budget_initial"] for p in out["projects"]}
    assert budgets.get("财政专项扶贫资金") == "5196"


def test_a_count_of_things_after_wan_is_no_amount_of_money() -> None:
    assert [v for v, _, _ in money_in("购买菌棒6万棒共计15万元")] == ["15"]
    assert money_in("发放种子2万袋") == []
    assert [v for v, _, _ in money_in("拨付50万用于修缮")] == ["50"]


def test_spending_stated_after_the_income_and_a_split_printed_in_yuan_that_adds_up_in_wan() -> None:
    out = _extracted("某某高等专科学校2021年度决算公开报告\n"
                     "某某高等专科学校2021年收入682.10万元，比2020年度增加127.61万元。\n"
                     "某某高等专科学校2021年支出682.10万元2020年度增加127.61万增长23.01%。其中：基本支出275.48元，"
                     "占比40.39%；项目支出406.62元，占比59.61%\n")
    totals = out["department_totals"]
    assert totals["expenditure_total"] == "682.10"
    # the split's figures add up to the total only in 万元: its 元 is a slip, and a warning says so
    assert (totals["basic_expenditure"], totals["project_expenditure"]) == ("275.48", "406.62")
    assert any("printed in 元" in w["message"] for w in out["warnings"])


def test_a_split_in_yuan_that_does_not_add_up_stays_in_yuan() -> None:
    out = _extracted("某局2021年度部门决算说明\n2021年支出682.10万元。其中：基本支出2754800元，项目支出4066200元。\n")
    totals = out["department_totals"]
    assert (totals["basic_expenditure"], totals["project_expenditure"]) == ("275.48", "406.62")


def test_income_and_spending_of_the_accounts_in_one_sentence() -> None:
    out = _extracted("某区某局2020年度部门整体支出绩效自评报告\n2020年部门决算收入442.61万元，支出442.61万元，其中基本支出"
                     "89.43万元，主要是为保障机关运转而发生的费用。\n")
    assert out["department_totals"]["expenditure_total"] == "442.61"


def test_a_traditional_character_copy_keeps_its_grade_as_printed() -> None:
    out = _extracted("某某經費項目支出績效自評報告\n一、基本情況\n預算資金240.00萬元，實際支出165.15萬元，自評得分90.76分，"
                     "評價等級為優秀。\n")
    [report] = out["reports"]
    assert report["grade"] == "優秀"


def test_a_disclosure_of_the_accounts_is_a_report_and_its_running_costs_no_spending_item() -> None:
    # seed 004's label leaves the unit's 机关运行经费 out of its spending items (four real labels list it)
    out = _extracted("某市某某检定测试所关于2017年度部门决算信息公开的说明\n"
                     "本所2017年度机关运行经费支出43.81万元，比2016年减少75.87万元，降低63.39%。\n")
    [report] = out["reports"]
    assert report["kind"] == "final_accounts"
    assert out["spending_items"] == []


def test_the_templates_allocation_heading_names_the_fund_without_the_centre() -> None:
    out = _extracted("一、绩效目标分解下达情况\n（一）下达某某危房改造转移支付预算和绩效目标情况。\n"
                     "2023年共下达补助资金246.2万元，完成2023年度53户计划任务。\n")
    [report] = out["reports"]
    assert report["project"] == "某某危房改造"


def test_spending_by_functional_class_is_read_where_the_sentence_names_the_classification() -> None:
    out = _extracted("某县某某幼儿园2017年度部门决算及“三公”经费公开\n"
                     "2、财政拨款支出决算结构情况。财政拨款支出按功能科目分类,一般公共服务支出0 万元,占本年财政拨款支出100.00 "
                     "万元的 0 %;教育支出80.00 万元,占本年支出的80 %;住房保障支出 20.00万元,占本年支出的20%\n")
    items = {i["item"]: i["amount"] for i in out["spending_items"] if i["project"] is None}
    assert items == {"一般公共服务支出": "0", "教育支出": "80.00", "住房保障支出": "20.00"}


def test_a_total_printed_in_yuan_whose_split_adds_up_in_wan_is_read_in_wan() -> None:
    out = _extracted("某县某某监测站2017年度部门决算说明\n2017年某县某某监测站本年收入合计353.51万元。\n"
                     "2017年某县某某监测站本年支出合计353.51元,其中:基本支出303.45万元,占85.84%;项目支出50.06万元,"
                     "占14.16%。\n")
    assert out["department_totals"]["expenditure_total"] == "353.51"


def test_a_credit_code_stated_in_a_sentence_and_a_grade_after_the_overall_evaluation() -> None:
    out = _extracted("某某医院2023年度单位决算\n某某医院为某省卫生健康委管理的公益二类事业单位，统一社会信用代码为"
                     "12530000431200901U，举办单位为某某大学。2023年度收入总计100万元。\n")
    assert out["unit"]["credit_code"] == "12530000431200901U"
    out = _extracted("某某植物园转移支付2021年度绩效自评报告\n二、综合评价结论\n“某某项目管理经费”项目实施一年来，基本达到原定"
                     "目标，绩效自评分95分，综合评价为：良好。\n“某某项目管理经费”项目共计拨付经费50万元，共计支出50万元。\n")
    [report] = out["reports"]
    assert (report["project"], report["score"], report["grade"]) == ("某某项目管理经费", "95", "良好")


def test_a_titles_amount_is_no_part_of_the_projects_name() -> None:
    out = _extracted("某县某某执法经费4.8万元项目绩效评价报告\n为进一步确保某某执法健康有序发展，某县某某执法大队开展自评。\n"
                     "项目预算4.8万元，实际支出4.8万元。\n")
    [report] = out["reports"]
    assert report["project"] == "某县某某执法经费"


def test_a_three_public_item_with_its_year_between_name_and_figure_and_named_as_printed() -> None:
    out = _extracted("2013年某某办公厅部门决算\n2013年某某办公厅“三公”经费财政拨款决算数为399.48万元。\n"
                     "（一）因公出国(境)费2013年度财政拨款决算数为93.87万元，占“三公”经费的23.5%。\n"
                     "（二）公务接待支出2013年度财政拨款决算数为11.61万元。\n")
    items = {i["item"]: i["amount"] for i in out["spending_items"]}
    assert items == {"因公出国(境)费": "93.87", "公务接待支出": "11.61"}


def test_the_basic_spendings_accounts_are_not_the_total_spending() -> None:
    out = _extracted("某区某某康复中心2020年度部门决算\n2020年支出共计2306620.79元。(1)基本支出决算2277593元。"
                     "(2)项目支出决算29027.79元。\n")
    assert out["department_totals"]["expenditure_total"] == "230.662079"


def test_the_youth_leagues_committee_is_named_with_the_league() -> None:
    out = _extracted("2019年度部门决算\n一、收入支出决算总体情况\n中国共产主义青年团丽水市委员会2019年度收、支总计"
                     "1234.56万元。\n")
    assert out["unit"]["name"] == "中国共产主义青年团丽水市委员会"


def test_a_title_on_a_years_accounts_and_the_next_years_budget_is_of_the_first_year() -> None:
    out = _extracted("某市某某局2011年财政拨款开支的“三公经费”支出决算和2012年预算情况\n"
                     "2011年，某市某某局财政拨款开支的“三公经费”实际发生额为6,590.39万元。\n")
    assert out["fiscal_year"] == 2011
    assert out["department_totals"]["three_public_expenses"] == "6590.39"


def test_a_split_of_income_is_no_list_of_projects() -> None:
    out = _extracted("某市某某森林公园管理处2018年度部门决算\n我单位2018年度收入137.5万元,其中:财政人员经费收入19.96万元,"
                     "上级转移支付某某补偿资金12万元,某某专项除治资金90.16万元,其他收入15.38万元;上年结余和结转47.06万元。\n")
    assert out["projects"] == []


def test_a_counties_short_name_that_is_a_word_of_the_prose_places_nothing() -> None:
    from ingest import regions

    # '再生资源', '公安局', '富民政策', '会同有关部门': words of budget prose, not 资源县, 公安县, 富民县, 会同县
    for word in ("资源", "公安", "富民", "会同"):
        assert word not in regions.name_index()
    # the full names still place a unit
    assert [d.code for d in regions.name_index()["资源县"]] == ["450329"]


def test_a_final_accounts_statement_of_the_situation_is_a_title() -> None:
    out = _extracted("某某县某某局2021年度部门决算的情况说明\n一、收入支出决算总体情况\n2021年度收入总计271.34万元。\n")
    [report] = out["reports"]
    assert (report["kind"], report["title"]) == ("final_accounts", "某某县某某局2021年度部门决算的情况说明")


def test_a_unit_introduced_under_its_establishment_heading_and_a_statement_with_its_tables() -> None:
    out = _extracted("2019年度部门决算\n一、部门基本情况\n1.部门机构设置\n北京市怀柔区人民检察院，无下级单位，设立内设机构10个。\n"
                     "2019年度收、支总计6470.41万元。\n")
    assert out["unit"]["name"] == "北京市怀柔区人民检察院"
    out = _extracted("标题 重庆市某区某镇人民政府(本级)决算公开说明及公开报表\n目录\n第一部分 2019年度部门决算报表\n"
                     "2019年度收、支总计1271.58万元。\n")
    [report] = out["reports"]
    assert report["title"] == "重庆市某区某镇人民政府(本级)决算公开说明及公开报表"
