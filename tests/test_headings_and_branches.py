"""Headings and unit names met in the twelfth session's round (b181–b185): made-up texts in the shapes
those reports print.

An analyst comparing jurisdictions relies on a report's title being its title (a contents page's part
heading is not), on a unit being placed in the county it serves however its name shortens that county,
and on an indicator never being named by the level it stands under.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_a_parts_heading_tells_the_kind_but_is_no_title() -> None:
    text = ("目 录\n第一部分 2020年度部门决算报表\n一、收入支出决算总表\n二、收入决算表\n"
            "第二部分 2020年度部门决算说明\n第三部分 名词解释\n"
            "第二部分 2020年度部门决算说明\n某区人民法院2020年度收、支总计1234.5万元,比上年减少100万元。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["kind"] == "final_accounts"
    assert report["title"] is None


def test_an_autonomous_county_named_with_zizhi_but_without_its_peoples() -> None:
    text = ("重庆市酉阳自治县民政局\n2019年部门决算情况说明\n一、部门基本情况\n"
            "酉阳县民政局是县政府工作部门。2019年度收入总计1000万元,支出总计1000万元。\n")
    assert _extracted(text)["unit"]["region_code"] == "500242"


def test_a_citys_bureau_named_by_its_countys_short_name_is_in_that_county() -> None:
    text = ("宜宾市屏山生态环境局\n2021年度项目支出绩效自评报告\n一、项目概况\n"
            "2021年我单位申报项目资金20万元,其中:环境监测经费20万元。\n")
    assert _extracted(text)["unit"]["region_code"] == "511529"


def test_a_scored_level_heading_is_a_level_not_an_indicator() -> None:
    text = ("某县教育局2023年度特殊教育补助资金项目绩效自评报告\n"
            "1.产出指标完成情况:分值30分,自评得分30分。\n"
            "(1)数量指标:分值10分,自评得分10分。应补助人数10人,实际补助人数10人。\n"
            "(2)时效指标:分值10分,自评得分10分。补助资金当年到位率100%。\n"
            "2.效益指标完成情况:分值30分,自评得分30分。\n"
            "(1)社会效益指标:分值10分,自评得分10分。适龄儿童入学实现全覆盖。\n")
    names = {i["name"] for i in _extracted(text)["indicators"]}
    assert not names & {"数量指标", "时效指标", "社会效益指标", "产出指标完成", "效益指标完成"}


def test_a_publisher_printed_with_its_offices_second_name_is_the_unit() -> None:
    text = ("索引号: 11000000XX0000000X/202404-00001\n"
            "发布机构: 某市市场监督管理局(某市知识产权局) 主题分类: 市场监管\n"
            "某市中央药品监管补助资金2023年度绩效自评报告\n"
            "一、绩效目标分解下达情况\n2023年,某市中央药品监管补助资金55.4万元,其中拨付市局8.4万元。\n")
    assert _extracted(text)["unit"]["name"] == "某市市场监督管理局"


def test_money_named_twice_after_a_projects_name_is_not_part_of_it() -> None:
    text = ("某县动物疫病预防控制中心2023年某某监管经费项目资金支出绩效评价报告\n"
            "一、项目基本情况\n2023年某某监管经费预算2.5万元,已全部拨付。\n")
    [report] = _extracted(text)["reports"]
    assert report["project"] == "某某监管经费"


def test_a_first_part_named_after_the_unit_names_the_unit() -> None:
    text = ("目 录\n第一部分 某县路灯管理所概况\n一、部门职责\n二、机构设置\n第二部分 2019年度部门决算表\n"
            "第三部分 2019年度部门决算情况说明\n一、收入支出决算总体情况说明\n2019年度收、支总计100万元。\n")
    assert _extracted(text)["unit"]["name"] == "某县路灯管理所"


def test_a_list_after_yongyu_that_adds_up_to_the_spending_is_what_was_spent() -> None:
    text = ("某某管理处2016年度部门整体支出绩效自评报告\n"
            "2016年安排我处基本支出经费85万元,基本支出为110.45万元。我处社会福利事业资金,全部用于我处人员工资福利"
            "支出82.71万元、商品和服务支出6.94万元、对个人和家庭补助支出20.80万元。\n")
    items = {i["item"]: i["amount"] for i in _extracted(text)["spending_items"]}
    assert items == {"人员工资福利支出": "82.71", "商品和服务支出": "6.94", "对个人和家庭补助支出": "20.80"}


def test_a_list_after_yongyu_that_adds_up_to_nothing_spent_is_left_alone() -> None:
    text = ("某某管理处2016年度部门整体支出绩效自评报告\n"
            "2016年安排我处基本支出经费85万元,基本支出为110.45万元。我处社会福利事业资金,全部用于我处人员工资福利"
            "支出80万元、商品和服务支出6.94万元。\n")
    assert _extracted(text)["spending_items"] == []


def test_a_traditional_title_printed_with_a_space_keeps_its_printed_characters() -> None:
    text = ("您當前的位置: 首頁 > 政務公開 > 決算\n"
            "重慶市某某區某某服務中心 2023年度決算公開說明\n一、部門基本情況\n"
            "重慶市某某區某某服務中心2023年度收入總計100萬元,支出總計100萬元。\n")
    [report] = _extracted(text)["reports"]
    assert report["title"] == "重慶市某某區某某服務中心2023年度決算公開說明"


def test_a_spending_tables_unit_printed_in_its_heading_is_its_unit() -> None:
    text = ("某市某办公室财政支出项目绩效评价自评报告\n项目名称:某某平台建设\n项目单位:某市某办公室\n"
            "计划安排资金 (万元) |\n100 |\n实际到位资金 (万元) |\n100 |\n实际支出 (万元) |\n90 |\n结余(万元) |\n10 |\n"
            "二、项目支出明细情况 (单位金额:万元) |\n支出内容 |\n实际支出数 |\n具体内容 |\n"
            "1、机房改造 |\n50 |\n工程款 |\n2、软件采购 |\n30 |\n合同款 |\n")
    items = {i["item"]: i["amount"] for i in _extracted(text)["spending_items"]}
    assert items == {"机房改造": "50", "软件采购": "30"}


def test_a_lists_numbering_is_not_part_of_a_units_name() -> None:
    from ingest.extract.unit import _plausible_unit

    assert _plausible_unit("(一)某某镇人民政府") == "某某镇人民政府"
    assert _plausible_unit("三、某县财政局") == "某县财政局"


def test_a_money_row_printed_all_zeros_is_left_empty() -> None:
    from ingest.extract.validate import validate_projects

    warnings: list[dict] = []
    [row] = validate_projects([{"name": "村级运转经费", "budget_initial": "0", "budget_full_year": "0",
                                "executed": "0", "execution_rate": "0", "carryover": None}], warnings)
    assert (row["budget_full_year"], row["executed"], row["execution_rate"]) == (None, None, None)
    assert any("unfilled" in w["message"] for w in warnings)


def test_results_of_one_name_that_differ_without_a_target_are_dropped() -> None:
    from ingest.extract.validate import validate_indicators

    rows = [{"project": None, "level1": "产出指标", "level2": None, "name": "改造户数", "target": None,
             "actual": a, "weight": None, "score": None, "note": None} for a in ("550户", "733户")]
    warnings: list[dict] = []
    assert validate_indicators(rows, warnings) == []
    assert warnings


def test_a_department_evaluation_without_a_title_that_states_its_own_score() -> None:
    text = ("根据省财政厅要求,我厅认真开展了2022年度部门预算绩效自评工作。分别从产出指标、效益指标、满意度指标"
            "完成情况逐项量化评价,自评得97.5分。\n一、部门概况\n(一)部门基本情况\n某省某某厅主要职责如下:负责全省"
            "某某工作。\n")
    [report] = _extracted(text)["reports"]
    assert (report["kind"], report["score"]) == ("department_self_evaluation", "97.5")


def test_a_sentences_opening_verb_is_no_part_of_a_units_name() -> None:
    text = ("现将某州计划生育指导所2016年度部门决算情况说明如下:\n一、收入支出决算总体情况说明\n"
            "某州计划生育指导所2016年度收入总计145.36万元,支出总计145.36万元。\n")
    assert _extracted(text)["unit"]["name"] == "某州计划生育指导所"


def test_in_a_bundle_of_reports_a_parts_heading_is_its_reports_title() -> None:
    text = ("第二部分 2021年度单位决算情况说明\n一、收入支出决算总体情况说明\n2021年度收入总计300万元,支出总计300万元。\n"
            "2021年某某管理项目绩效自评报告\n一、项目基本情况\n2021年某某管理项目预算20万元,实际支出20万元。\n")
    titles = {r["kind"]: r["title"] for r in _extracted(text)["reports"]}
    assert titles["final_accounts"] == "2021年度单位决算情况说明"


def test_economic_classes_of_the_basic_spending_after_a_clause_naming_the_general_budget() -> None:
    # '一般公共预算' names the fund, not a plan; the parts add up to the basic spending just before them
    text = ("某某办公室2024年度部门整体支出绩效自评报告\n"
            "2024年我办一般公共预算财政拨款基本支出收入100.57万元，一般公共预算财政拨款基本支出100.57万元，"
            "其中：工资福利支出70.07万元、商品和服务支出25.95万元、对个人和家庭的补助支出0.19万元、其他资本性支出4.36万元。\n")
    items = {i["item"]: i["amount"] for i in _extracted(text)["spending_items"]}
    assert items == {"工资福利支出": "70.07", "商品和服务支出": "25.95", "对个人和家庭的补助支出": "0.19",
                     "其他资本性支出": "4.36"}


def test_parts_of_a_budgeted_amount_are_no_spending_items() -> None:
    text = ("某某办公室2024年度部门整体支出绩效自评报告\n"
            "2024年我办年初预算安排基本支出100.57万元，其中：工资福利支出70.07万元、商品和服务支出30.5万元。\n")
    assert _extracted(text)["spending_items"] == []


def test_a_projects_total_investment_broken_into_its_uses_gives_spending_items() -> None:
    text = ("某某科技企业孵化器建设项目绩效自评报告\n"
            "项目总投入72.65万，其中众创空间网络费3万，室内绿植租赁1.8万，办公区域改造10.47万，众创空间升级改造15.5万，"
            "展厅建设41.88万。\n")
    items = {i["item"]: i["amount"] for i in _extracted(text)["spending_items"]}
    assert items == {"众创空间网络费": "3", "室内绿植租赁": "1.8", "办公区域改造": "10.47", "众创空间升级改造": "15.5",
                     "展厅建设": "41.88"}
