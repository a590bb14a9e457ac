"""“三公”经费 statements as towns and schools print them: the budget's breakdown is not spending, a
regulation's title is not the unit, and a 决算公开报告 is a final-accounts report.

The shapes follow real statements of the corpus (tests/fixtures/real b21_01, b10_03, b22_04, b22_05);
the texts are made up.
"""

from __future__ import annotations

from ingest.document import Block, Document
from ingest.extract import extract_document


def _extract(text: str) -> dict:
    return extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))


def test_the_budgets_breakdown_is_not_what_was_spent() -> None:
    out = _extract("某县某镇人民政府\n2021年“三公”经费决算汇总情况\n"
                   "按照《预算法》《某市预决算信息公开管理办法》等相关要求，现将镇级“三公”经费支出情况公布如下：\n"
                   "2021年我镇“三公”经费预算为20万元，其中：因公出国(境)费0万元，公务接待费9万元，"
                   "公务用车运行维护费11万元。\n"
                   "2021年“三公”经费支出共计9.07万元，较年初预算数减少10.93万元。\n")
    assert [it for it in out["spending_items"] if it["amount"] in ("9", "11")] == []
    assert out["unit"]["name"] != "某市预决算信息公开管理办"  # '…管理办法' is a regulation


def test_items_under_a_sentence_that_states_both_budget_and_spending_are_spending() -> None:
    out = _extract("某区教育局2020年“三公”经费决算公开\n"
                   "2020年“三公”经费财政拨款支出年初预算为68.35万元，支出决算为35.81万元，完成预算的52.4%，"
                   "其中：因公出国(境)费决算为0万元，公务接待费决算为4.16万元。\n")
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert items.get("公务接待费") == "4.16"


def test_a_final_accounts_report_titled_as_a_public_report() -> None:
    out = _extract("某市实验幼儿园2024年度部门决算公开报告\n目 录\n第一部分 基本情况\n"
                   "2024年度收入合计120.5万元，支出合计118.2万元。\n")
    [report] = out["reports"]
    assert report["kind"] == "final_accounts"
    assert report["title"] == "某市实验幼儿园2024年度部门决算公开报告"


def test_last_years_items_beside_this_years_are_left_out_and_a_bare_wan_is_wan_yuan() -> None:
    out = _extract("某区2022年“三公”经费决算情况说明\n"
                   "某区2022年的“三公\"经费决算数合计为100.86万，其中：因公出国(境)费0万元、公务接待费43.77万元、"
                   "会议费34.10万元。2021年的三公经费决算数合计为80.95万，其中：因公出国(境)费0万元、"
                   "公务接待费39.43万元、会议费21.61万元。\n")
    items = [(it["item"], it["amount"]) for it in out["spending_items"]]
    assert ("会议费", "34.10") in items and ("会议费", "21.61") not in items
    assert ("公务接待费", "39.43") not in items
    assert out["department_totals"]["three_public_expenses"] == "100.86"


def test_nothing_spent_is_read_under_a_heading_about_the_budget() -> None:
    # the budget paragraph calls its planned items '支出决算' (b28_01's wording); its heading says it is the budget
    out = _extract("某新区2018年“三公”经费情况说明\n一、2018年年初预算\n"
                   "2018年度一般公共预算财政拨款安排的“三公”经费预算54万元，其中：因公出国(境)费支出决算0万元；"
                   "公务接待费支出决算42万元。\n二、2018年决算及变动\n"
                   "2018年度一般公共预算财政拨款安排的“三公”经费决算支出51万元，与上年相比减少17万元，其中："
                   "因公出国(境)费支出决算14万元；公务接待费支出决算37万元。\n")
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert items.get("因公出国(境)费") == "14" and items.get("公务接待费") == "37"
    assert out["department_totals"]["three_public_expenses"] == "51"


def test_the_unit_on_its_own_line_above_the_title_is_the_reporter() -> None:
    out = _extract("发布日期：2022-09-01\n某市某区某某镇人民政府\n2021年度部门决算情况说明\n一、部门基本情况\n"
                   "2021年度收入合计120.5万元，支出合计118.2万元。\n")
    assert out["unit"]["name"] == "某市某区某某镇人民政府"
    # a site's name over its menu and breadcrumb is not a report's unit
    out = _extract("某县人民政府\n搜索\n您当前的位置：某乡人民政府>政务公开>预算/决算\n"
                   "2023年度某乡“三公”经费决算情况说明\n2023年“三公”经费支出决算12.5万元。\n")
    assert out["unit"]["name"] != "某县人民政府"


def test_three_public_titles_as_statements_print_them() -> None:
    titles = {
        "一、2016年一般公共预算财政拨款“三公”经费支出决算表\n": "2016年一般公共预算财政拨款“三公”经费支出决算表",
        "某县2016年“三公”经费决算情况统计表\n": "某县2016年“三公”经费决算情况统计表",
        "某市2021年“三公”经费预算安排和使用情况\n": "某市2021年“三公”经费预算安排和使用情况",
        "某文物中心2023年度一般公共预算财政拨款“三公”经费支出决算\n": "某文物中心2023年度一般公共预算财政拨款“三公”经费支出决算",
        "某镇人民政府\n2021年“三公”经费决算汇总情况\n": "2021年“三公”经费决算汇总情况",
        "某县2017年“三公”经费决算情况说明 根据省财政厅关于推进政府预算信息公开的决策部署，经县财政局审核同意，现将本县情况说明如下：\n":
            "某县2017年“三公”经费决算情况说明",
    }
    body = "2021年“三公”经费支出共计9.07万元，其中：公务接待费4.07万元，公务用车运行维护费5万元。\n"
    for head, title in titles.items():
        [report] = _extract(head + body)["reports"]
        assert (report["kind"], report["title"]) == ("final_accounts", title), head


def test_a_bare_spending_word_and_a_nested_part_are_not_items_and_zero_stays_zero() -> None:
    out = _extract("某县某委员会2022年度“三公”经费决算情况说明\n"
                   "2022年度财政拨款“三公”经费支出决算中，财政拨款“三公”经费支出年初预算为6,283.70元，"
                   "支出决算为6,283.70元，完成年初预算的100%。其中：因公出国（境）费支出决算0元，占总支出决算的0%；"
                   "公务用车购置费支出决算0元，占总支出决算的0%；公务用车运行维护费支出决算1,388.70元，"
                   "占总支出决算的22.10%；公务接待费支出决算4,895.00元，占总支出决算的77.90%，"
                   "具体是国内接待费支出决算4,895.00元，国（境）外接待费支出决算0元。\n")
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert "支出" not in items and not any("国内接待费" in k for k in items)
    assert items["公务用车购置费"] == "0"
    assert items["公务接待费"] == "0.4895"


def test_the_split_of_a_budget_is_not_the_split_of_the_spending() -> None:
    out = _extract("某市文旅局2024年度部门整体支出绩效评价报告\n"
                   "2024年收入预算23,264.53万元。支出预算23,264.53万元，其中：基本支出14,741.53万元；项目支出8,523.00万元。\n"
                   "2024年收入决算数为35,820.29万元。总支出决算数为35,837.94万元。其中：基本支出13,819.134万元，"
                   "项目支出22,018.81万元；年末结转结余23.68万元。\n")
    t = out["department_totals"]
    assert (t["basic_expenditure"], t["project_expenditure"]) == ("13819.134", "22018.81")


def test_the_verb_of_a_sentence_does_not_start_the_units_name() -> None:
    out = _extract("广水市长岭镇卫生院2023决算公开\n广水市长岭镇卫生院部门2023年度部门决算\n"
                   "纳入广水市长岭镇卫生院2023年度部门决算编制范围的二级预算单位包括：无。\n"
                   "2023年度收入合计4680.58万元，支出合计4650.10万元。\n")
    assert not (out["unit"]["name"] or "").startswith("纳入")


def test_the_year_is_the_bodys_not_a_table_of_contents_typo_nor_the_year_compared_with() -> None:
    toc = _extract("第一部分 单位概况\n一、主要职责4\n第二部分 2022年度单位决算情况说明5\n一、收入支出决算总体情况说明5\n\n"
                   "第二部分 2023年度单位决算情况说明\n本单位2023年度收入总计1801.06万元，支出总计1801.06万元。\n"
                   "2023年度收入合计1801.06万元。\n")
    assert toc["fiscal_year"] == 2023
    compared = _extract("二、部门决算情况说明\n本部门2016年度收入总计6955.73万元。与2015年决算数相比，收入增加950.05万元。\n"
                        "本部门2016年度支出合计6,954.57万元，其中：基本支出2657.28万元；项目支出4297.28万元。\n")
    assert compared["fiscal_year"] == 2016


def test_a_budget_split_under_a_heading_about_the_final_accounts_is_still_a_budget() -> None:
    out = _extract("某镇社区卫生服务中心2024年度预算执行情况绩效自评报告\n（一）部门决算情况\n"
                   "2024年度，全年预算数为768.833013万元，其中基本支出329.948302万元。\n")
    assert (out["department_totals"] or {}).get("basic_expenditure") is None


def test_a_final_accounts_compilation_note_is_a_final_accounts_title() -> None:
    [report] = _extract("2020年度某县某镇中心小学校决算编制说明\n本单位2020年度收入合计300万元，支出合计290万元。\n")["reports"]
    assert (report["kind"], report["title"]) == ("final_accounts", "2020年度某县某镇中心小学校决算编制说明")


def test_a_final_accounts_title_with_the_unit_between_the_year_and_决算() -> None:
    out = _extract("首页 > 政府信息公开 > 法定主动公开内容 > 预决算公开 > 部门决算\n\n2023年度某县某乡卫生院部门决算\n"
                   "索引号 640522017/2024-00673 文号 生成日期 2024-11-13\n第一部分 单位概况\n"
                   "本单位是公益一类事业单位。\n第二部分 2023年度部门决算表\n"
                   "第三部分 2023年度部门决算情况说明\n本单位2023年度收入合计300万元，支出合计290万元。\n")
    [report] = out["reports"]
    assert (report["kind"], report["title"]) == ("final_accounts", "2023年度某县某乡卫生院部门决算")


def test_a_combined_grand_total_after_a_table_of_contents_that_names_the_三公() -> None:
    out = _extract("某卫生院2023决算公开\n目录\n七、财政拨款“三公”经费支出决算情况说明\n八、国有资产占用情况说明\n"
                   "第二部分 某卫生院2023年度部门决算情况说明\n1.收入支出决算总体情况说明\n"
                   "2023年度收、支总计均为4680.58万元。与2022年度相比，收、支总计各减少100万元。\n")
    t = out["department_totals"]
    assert (t["income_total"], t["expenditure_total"]) == ("4680.58", "4680.58")


def test_an_items_spending_in_a_three_public_statement_is_not_the_units() -> None:
    out = _extract("某局2016年度“三公”经费决算情况说明\n"
                   "2016年度“三公”经费财政拨款支出决算为68.3万元，完成年初预算的88.7%。其中：因公出国（境）费支出决算为0万元，"
                   "完成年初预算的100%；公务接待费支出决算为26.4万元，完成年初预算的75.43%；"
                   "公务车购置及运行维护费支出决算为41.9万元，完成年初预算的95%。\n")
    assert (out["department_totals"] or {}).get("expenditure_total") is None


def test_a_three_public_table_reads_this_years_column() -> None:
    out = _extract("某县2016年“三公”经费决算情况统计表 | ||||\n单位:万元 | ||||\n"
                   "项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |\n增、减金额 | 增、减幅度 | |||\n"
                   "合计 | 2911.47 | 2706.86 | -204.61 | -7.03% |\n1.因公出国(境)费 | 13.06 | 10.20 | -2.86 | -21.9% |\n"
                   "2.公务接待费 | 1679.69 | 1590.94 | -88.75 | -5.28% |\n3.公务用车购置及运行费 | 1218.72 | 1105.72 | -113 | -9.27% |\n"
                   "其中:(1)公务用车购置费 | 14.80 | 0 | -14.8 | -100% |\n(2)公务用车运行费 | 1203.92 | 1105.72 | -98.2 | -8.16% |\n")
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert items == {"因公出国(境)费": "10.20", "公务接待费": "1590.94", "公务用车购置及运行费": "1105.72"}
    assert out["department_totals"]["three_public_expenses"] == "2706.86"


def test_a_single_column_three_public_table_in_yuan_with_a_blank_item() -> None:
    out = _extract("某县2015年度某局“三公”经费决算情况表\n                 单位：元\n项      目 本年决算数\n"
                   "一、支出合计 92800\n1、因公出国(境)费用  \n2、公务接待费 92800\n3、公务用车费  \n")
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert items.get("公务接待费") == "9.28" and "因公出国(境)费用" not in items


def test_a_total_split_by_where_its_money_came_from_names_no_spending_items() -> None:
    # the shape of a hospital's 部门决算 (b47): the total's parts by source and by budget class
    out = _extract("某州某医院2016年度部门决算公开说明\n四、支出情况\n"
                   "1、总支出情况：2016年总支出9800万元，其中：一般公共预算财政拨款支出960万元，"
                   "财政拨款项目支出310万元；医疗卫生支出8840万元。\n")
    assert out["spending_items"] == []
    assert out["department_totals"]["expenditure_total"] == "9800"
    sources = _extract("某区社会保障局2024年度福利资金绩效自评报告\n二、资金执行情况\n全年执行数为10.8万元，"
                       "其中：中央集中彩票公益金8.46万元，其他资金预算2.36万元。\n")
    assert sources["spending_items"] == []  # split by where the money came from, and a budget
    spent = _extract("某县某局2016年度部门决算公开说明\n二、支出情况\n"
                     "2016年支出决算120万元，其中：工资福利支出80万元，商品和服务支出40万元。\n")
    assert [(i["item"], i["amount"]) for i in spent["spending_items"]] == [("工资福利支出", "80"), ("商品和服务支出", "40")]


def test_a_title_printed_over_three_lines_joins_where_its_last_line_has_no_year() -> None:
    out = _extract("某市人民法院2021年度\n一般公共预算及政府性基金财政\n拨款“三公”经费支出决算情况说明\n"
                   "一、2021年度“三公”经费支出决算20.5万元，其中：公务接待费2.5万元，公务用车运行维护费18万元。\n")
    assert out["reports"][0]["title"] == "某市人民法院2021年度一般公共预算及政府性基金财政拨款“三公”经费支出决算情况说明"
    # a 决算 document's heading wrapped under its unit's name is one title (the reading of the real labels)
    wrapped = _extract("某市某区商贸服务中心\n2022年度部门决算情况说明\n"
                       "一、收入支出决算总体情况说明\n2022年度收入总计300万元，支出总计300万元。\n")
    assert wrapped["reports"][0]["title"] == "某市某区商贸服务中心2022年度部门决算情况说明"
    # (also where the page parts every line by a blank one), but a project report's byline is never part of it
    spaced = _extract("某市某区商贸服务中心\n\n2022年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n\n"
                      "2022年度收入总计300万元，支出总计300万元。\n")
    assert spaced["reports"][0]["title"] == "某市某区商贸服务中心2022年度部门决算情况说明"
    byline = _extract("某市某区商贸服务中心\n2022年度某某补助资金绩效自评报告\n一、项目概况\n某某补助资金预算300万元，"
                      "实际支出300万元。\n")
    assert byline["reports"][0]["title"] == "2022年度某某补助资金绩效自评报告"


def test_what_the_budget_approved_is_neither_the_spending_nor_its_breakdown() -> None:
    out = _extract("某县某局2019年度部门整体支出绩效自评报告\n二、部门预算执行情况\n"
                   "2019年初财政对我局预算批复的总支出为9800万元，预算批复基本支出为1200万元，其中工资福利性支出"
                   "700万元、商品和服务支出300万元、对个人和家庭的补助200万元。\n"
                   "2019年局机关总支出决算数为2300.5万元，其中基本支出决算数为1500万元，包含工资福利支出900万元；"
                   "商品和服务支出350万元；对个人和家庭的补助250万元。\n")
    assert out["department_totals"]["expenditure_total"] == "2300.5"
    assert [(i["item"], i["amount"]) for i in out["spending_items"]] == [
        ("工资福利支出", "900"), ("商品和服务支出", "350"), ("对个人和家庭的补助", "250")]


def test_the_detail_lines_under_reception_are_part_of_it() -> None:
    out = _extract("某市某法院2021年度部门决算公开说明\n"
                   "2021年度“三公”经费支出决算中，因公出国(境)费支出决算0万元；公务用车购置及运行费支出决算20.5万元；"
                   "公务接待费支出决算0.3万元。具体情况如下：\n（三）公务接待费支出0.3万元，其中：\n"
                   "国内接待费支出0.3万元，国内公务接待3批次，接待16人次。\n")
    assert "国内接待费" not in [i["item"] for i in out["spending_items"]]
    assert ("公务接待费", "0.3") in [(i["item"], i["amount"]) for i in out["spending_items"]]


def test_a_final_accounts_file_with_the_department_wide_form_takes_its_money_row() -> None:
    # the shape of a township's 决算 file (b3_02): the 部门整体支出绩效自评表 one cell per line
    out = _extract("2023年某乡人民政府决算编制说明\n附件二\n2023年度部门整体支出绩效自评表\n"
                   "预算部门、单位名称\n某县某乡人民政府\n年度预算申请\n(万元\n年初预算数\n全年预算数\n全年执行数\n"
                   "分值\n执行率\n自评得分\n年度资金总额\n861.10\n2030.12\n2030.12\n10\n100%\n10\n")
    totals = out["department_totals"]
    assert (totals["budget_initial_total"], totals["expenditure_total"]) == ("861.10", "2030.12")


def test_the_years_income_is_taken_over_a_total_that_adds_carryover() -> None:
    # ../shared/corpus/gold/README.md: income_total is 本年收入合计 where printed, not 收入总计
    out = _extract("某市供销合作联社2016年部门决算情况说明\n一、收入支出决算总体情况说明\n"
                   "某市供销合作联社2016年度总收入820.5万元，其中本年收入800.25万元，年初结转和结余20.25万元。\n")
    assert out["department_totals"]["income_total"] == "800.25"


def test_a_parts_heading_does_not_replace_the_documents_title() -> None:
    out = _extract("2019年度部门决算公开\n目录\n第一部分 部门概况\n一、主要职能\n"
                   "第二部分 2019年部门决算情况说明\n一、收入支出决算总体情况说明\n"
                   "2019年度收入总计300万元，支出总计300万元。\n")
    assert [r["title"] for r in out["reports"]] == ["2019年度部门决算公开"]


def test_a_hospitals_financial_disclosure_is_final_accounts_of_the_later_year() -> None:
    # an institution's own income and spending, two years side by side: read, on the later year
    text = ("某某县中医医院财务信息公示\n发布时间:2018-03-31\n某某市公立医院情况对比表\n单位:元\n"
            "项目及编号 2016年度 2017年度 2017比2016增减\n"
            "一、收入支出情况对比 (一) 收入总计 58596771.09 117154424.7 58557653.59 99.93%\n")
    out = _extract(text)
    assert [r["kind"] for r in out["reports"]] == ["final_accounts"]
    assert out["fiscal_year"] == 2017


def test_a_list_of_each_items_budget_then_its_final_figure_gives_no_items_named_by_the_figure() -> None:
    text = ("某县2023年“三公”经费决算情况公开\n"
            "某县2023“三公”经费预算数为832.05万元，决算支出数为820.33万元，完成年初预算数的98.59%。其中：2023年"
            "因公出国(境)费预算数为0万元，决算支出数为0万元，公务接待费预算数为310.37万元，决算支出数为249.29万元，"
            "公务用车购置及运行维护费预算数为521.67万元，决算支出数为571.04万元。\n")
    out = _extract(text)
    assert not any(i["item"].startswith("决算") for i in out["spending_items"])


def test_income_and_spending_added_together_is_neither_total_and_a_breakdown_counts_once() -> None:
    text = ("某市妇女联合会2022年度部门决算情况说明\n"
            "某市妇女联合会部门2022年度收入、支出决算总计665.96万元。与年初预算相比，收、支总计各增加96.21万元。\n"
            "(一)收入决算总计332.98万元。\n(二)支出决算总计332.98万元。\n"
            "(一)基本支出:3093.3838万元。其中1、工资福利支出2338.13万元,2、商品和服务支出76.6438万元,"
            "3、对个人和家庭补助支出678.71万元。\n")
    out = _extract(text)
    assert out["department_totals"]["expenditure_total"] == "332.98"
    names = [i["item"] for i in out["spending_items"]]
    assert names.count("工资福利支出") == 1


def test_a_sentence_breaking_its_spending_down_twice_gives_the_second_lists_items() -> None:
    text = ("某县某局2020年度部门整体支出绩效自评报告\n一、部门预算执行情况\n"
            "2020年公共预算财政拨款支出600.00万元，其中：基本支出450.00万元；项目支出150.00万元；"
            "其中工资福利支出300.00万元，商品和服务支出100.00万元，对个人和家庭支出50.00万元。\n")
    items = {it["item"]: it["amount"] for it in _extract(text)["spending_items"]}
    assert items == {"工资福利支出": "300.00", "商品和服务支出": "100.00", "对个人和家庭支出": "50.00"}
    # a budget's breakdown broken down again is still no spending
    text = ("某县某局2020年度部门整体支出绩效自评报告\n一、部门预算情况\n"
            "2020年年初预算600.00万元，其中：基本支出450.00万元；项目支出150.00万元；"
            "其中工资福利支出300.00万元，商品和服务支出100.00万元，对个人和家庭支出50.00万元。\n")
    assert not _extract(text)["spending_items"]


def test_spending_by_functional_class_is_itemised_even_where_a_comma_is_missing() -> None:
    text = ("某某园区管理委员会2018年度部门整体支出绩效评价报告\n一、基本情况\n"
            "2018年决算总支出1,000.00万元，其中基本支出200.00万元，项目支出800.00万元。\n"
            "按功能分类科目分类，其中一般公共服务支出600.00万元，教育支出0.50万元，科学技术支出99.50万元城乡社区支出300.00万元。\n")
    items = {it["item"]: it["amount"] for it in _extract(text)["spending_items"]}
    assert items == {"一般公共服务支出": "600.00", "教育支出": "0.50", "科学技术支出": "99.50", "城乡社区支出": "300.00"}
    # the same classes of a budget are no spending
    text = text.replace("按功能分类科目分类", "年初预算按功能分类科目分类")
    assert not _extract(text)["spending_items"]


def test_an_attachments_link_under_the_pages_title_is_no_second_report() -> None:
    text = ("名 称: 某某园区管理委员会 2018年度部门整体支出绩效评价报告\n"
            "某某园区管理委员会 2018年度部门整体支出绩效评价报告\n发布时间:2019-05-27\n"
            "附件:2018年度项目支出绩效自评报告\n一、基本情况\n2018年决算总支出1,000.00万元。\n")
    out = _extract(text)
    assert [r["kind"] for r in out["reports"]] == ["department_self_evaluation"]
    assert not out["projects"]


def test_a_list_closed_by_its_total_and_economic_classes_adding_up_to_basic_spending() -> None:
    text = ("某某中学2023年财务收支情况\n二、学校支出管理\n"
            "3、截至2023年11月具体支出:办公费17589.73元,水费10045.15元,电费42000元,合计支出69634.88元。\n")
    items = {it["item"]: it["amount"] for it in _extract(text)["spending_items"]}
    assert items == {"办公费": "1.758973", "水费": "1.004515", "电费": "4.2"}
    text = ("某县图书馆2021年度部门整体支出绩效自评报告\n一、部门支出情况\n"
            "基本支98931.21元,其中工资福利支出95835.96元;商品和服务支出3095.25元。\n")
    items = {it["item"]: it["amount"] for it in _extract(text)["spending_items"]}
    assert items == {"工资福利支出": "9.583596", "商品和服务支出": "0.309525"}
    # classes that do not add up to the amount before them are left alone
    assert not _extract(text.replace("3095.25", "3000.25"))["spending_items"]


def test_classes_listed_line_by_line_after_a_spending_total_are_no_items() -> None:
    text = ("某镇中心卫生院2021年度部门决算情况说明\n(二)支出决算情况\n2021年度，本院支出为468.74万元。其中:\n"
            "基本支出250.72万元,较上年度决算数增加170.88万元。\n项目支出218.02万元,较上年度决算数减少55.14万元。\n")
    assert not _extract(text)["spending_items"]


def test_a_statement_titled_with_its_tables_and_a_contents_line_above_its_heading() -> None:
    text = ("> 正文\n某某剧院2017年度部门决算报表及说明\n某某剧院\n目  录\n第一部分 2017年度部门决算报表\n"
            "第二部分 2017年度部门决算说明\n第四部分 2017年度部门绩效评价情况\n \n2017年度部门决算说明\n"
            "一、部门基本情况\n某某剧院单位性质为差额拨款事业单位。\n"
            "二、2017年收入支出决算总体情况说明\n2017年度收入总计5000.00万元，支出总计5000.00万元。\n")
    out = _extract(text)
    assert [(r["kind"], r["title"]) for r in out["reports"]] == [("final_accounts", "某某剧院2017年度部门决算报表及说明")]


def test_a_final_accounts_explanation_without_its_title_is_one_by_its_sections() -> None:
    text = ("一、部门基本情况\n(一)职能职责\n承担就业、社会保障等事务性服务工作。\n(二)单位构成\n"
            "纳入本部门2022年度决算编制的二级预算单位主要包括某镇劳动就业和社会保障服务所。\n"
            "二、部门决算情况说明\n(一)收入支出决算总体情况说明\n2022年度收入总计84.41万元，支出总计84.41万元。\n"
            "三、其他重要事项的情况说明\n本年度项目支出绩效自评覆盖率100%。\n")
    [report] = _extract(text)["reports"]
    assert report["kind"] == "final_accounts"


def test_a_budgets_split_in_the_sentence_after_it_is_neither_totals_nor_items() -> None:
    text = ("某区生态环境分局2021年度部门绩效自评情况总结\n一、部门预算情况\n"
            "2021年我局预算支出为1250万元。其中,基本支出922万元,项目支出328万元。"
            "3.三公经费预算情况2021年我局部门预算三公经费总支出28.7万元。其中,因公出国(境)费0万元,"
            "公务接待8.7万元,公务用车运行费20万元。\n")
    out = _extract(text)
    totals = out["department_totals"] or {}
    assert totals.get("basic_expenditure") is None and totals.get("project_expenditure") is None
    assert totals.get("three_public_expenses") is None
    assert not out["spending_items"]


def test_the_accounts_functional_classes_are_items_only_where_the_head_names_the_classification() -> None:
    text = ("某县委组织部2021年度单位决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n"
            "2021年一般公共预算财政拨款支出1285.87万元， 主要用于以下方面:一般公共服务（201）支出1092.35万元，占84.95%；"
            "社会保障和就业（208）支出48.62万元，占3.78%；卫生健康（210）支出144.9万元，占11.27%。\n")
    assert not _extract(text)["spending_items"]
    text = ("某园区管理委员会2018年度部门整体支出绩效评价报告\n一、基本情况\n2018年决算总支出700.00万元。\n"
            "按功能分类科目分类，其中一般公共服务支出600.00万元，教育支出100.00万元。\n")
    assert {it["item"] for it in _extract(text)["spending_items"]} == {"一般公共服务支出", "教育支出"}


def test_next_years_budget_totalled_before_its_items_lists_no_spending() -> None:
    out = _extract("某局公开“三公经费”财政拨款情况\n"
                     "2011年某局及所属机构“三公经费”财政拨款预算数合计为11385.18万元。其中,因公出国(境)费1406.27万元,"
                     "车辆购置及运行费6839.53万元,公务接待费3139.38万元。\n"
                     "2010年,某局及所属机构“三公经费”财政拨款决算数为11627.85万元。其中,因公出国(境)费决算数为1310.84万元。\n")
    items = {i["item"]: i["amount"] for i in out["spending_items"]}
    assert items.get("因公出国(境)费") == "1310.84"
    assert "1406.27" not in items.values() and "3139.38" not in items.values()


def test_this_years_own_spending_beats_a_total_with_carryover_but_not_one_funds_spending() -> None:
    out = _extract("某单位2023年度部门决算\n(二)本单位2023年度总支出125.08万元,其中本年支出116.12万元,较2022年度决算数增加0.78万元。\n")
    assert out["department_totals"]["expenditure_total"] == "116.12"
    out = _extract("某单位2018年度部门决算\n2018年度总支出1095.67万元,比2017年度增加。"
                   "2018年度一般公共预算收入总计1085.31万元,本年支出1070.67万元。\n")
    assert out["department_totals"]["expenditure_total"] == "1095.67"
