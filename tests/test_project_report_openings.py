"""Project self-evaluations as county and city units post them (made-up texts in the shapes of the
seventeenth session's second round: a report without a title, a file name for a title, a section on how
targets were set, money used for wages).

A SQL user comparing projects relies on the project's name, year, money and targets being read where
such a report prints them, on a target never being loaded as an achieved value, and on a sentence's
heading never becoming part of a project's name.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_targets_under_a_heading_on_how_they_were_set_are_targets() -> None:
    text = ("某县2022年度农村饮水维修养护项目绩效自评报告\n一、绩效目标分解下达情况\n下达预算资金120万元用于农村饮水维修养护项目。\n"
            "（二）、项目绩效目标设定情况\n2、效益指标\n社会效益指标：解决饮水安全问题人数≥30人；受益建档立卡贫困人口数≥20人。\n"
            "3、满意度指标\n服务对象满意度指标：受益群众满意度≥95%\n")
    rows = [(r["name"], r["target"], r["actual"]) for r in _extracted(text)["indicators"]]
    assert ("解决饮水安全问题人数", "≥30人", None) in rows
    assert all(actual is None for _, _, actual in rows)


def test_a_heading_above_a_sentence_is_no_part_of_a_projects_name() -> None:
    text = ("发布机构 | 区教育局 | 发文日期 | 2025-05-16 |\n2024年困难学生免费入学项目绩效自评和资金分配使用情况\n一、基本情况\n"
            "（二）项目资金申报及批复情况\n本项目申报区财政预算资金80.5万元，年中预算调减0.5万元，通过财政局实际批复经费80万元。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["title"] == "2024年困难学生免费入学项目绩效自评和资金分配使用情况"
    assert report["project"].removesuffix("项目") == "困难学生免费入学"  # '…入学' is no school's name
    assert all("情况" not in p["name"] for p in out["projects"])


def test_what_money_was_used_for_keeps_the_counts_and_dates_in_it() -> None:
    text = ("某县2019年度生态护林员项目绩效评价报告\n2019年上级共下达我县生态护林员资金300万元，其中：120万元用于支付2018年新增"
            "120名生态护林员1-12月份工资，180万元用于支付2019年新增360名生态护林员7-12月份工资。\n")
    items = [(i["item"], i["amount"]) for i in _extracted(text)["spending_items"]]
    assert items == [("支付2018年新增120名生态护林员1-12月份工资", "120"),
                     ("支付2019年新增360名生态护林员7-12月份工资", "180")]


def test_a_file_name_with_its_year_glued_to_the_fund_names_the_year_and_the_project() -> None:
    text = ("2021乡镇老电影放映员补助资金_自评报告.pdf\n一、项目基本情况 项目当年预算金额:6.2 万元; 二、评价结论和绩效分析 "
            "(一)评价结果 评价得分:97.5 绩效等级:优秀\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert out["fiscal_year"] == 2021
    assert report["project"] == "乡镇老电影放映员补助资金"
    assert (report["score"], report["grade"]) == ("97.5", "优秀")


def test_a_report_without_a_title_names_its_project_where_its_money_is_stated() -> None:
    text = ("一、自评结论\n（一）自评得分\n项目自评得分88分，评价等级为良。\n（二）绩效目标完成情况\n"
            "2、完成的绩效目标。" + "全年巡查发现并处置各类城市管理问题，按时完成上级交办的各项任务，群众反映良好。" * 4 + "\n"
            "3、未完成的绩效目标。2021年黄石市某某管理委员会城市网格巡查经费项目市级财政安排专项资金合计210万元，专项资金实际支出"
            "205万元。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["project"] == "城市网格巡查经费项目"
    # the one unit named, printed once and deep in the text, is not taken as the reporter; its city places the report
    assert out["unit"]["name"] is None
    assert out["unit"]["region_code"] == "420200"


def test_a_county_named_in_a_report_a_province_department_publishes_places_it() -> None:
    text = ("按照《黑龙江省财政厅关于某某的通知》要求，我单位对道路维修项目开展自评，报告如下：\n一、绩效目标分解下达情况\n"
            "根据《抚远市人民政府关于2022年度涉农资金统筹整合的批复》，下达预算资金60万元用于抚远市道路维修项目。\n"
            "二、绩效自评工作开展情况\n按照黑龙江省财政厅有关要求，对抚远市道路维修项目开展绩效自评。\n")
    assert _extracted(text)["unit"]["region_code"] == "230883"


def test_the_budget_the_printed_rate_agrees_with_is_the_projects() -> None:
    # the year's allocation (300) and last year's carry-over (25) are stated first, their sum (325) later: the
    # spending (324.9) and its printed rate (99.97%) agree with the sum only
    text = ("某市某某中心2021年度城市网格巡查经费项目绩效自评报告\n1、执行率情况。市级财政安排专项资金合计300万元，上年结转资金"
            "25万元，专项资金实际拨付324.9万元，结余0.1万元。\n3、未完成的绩效目标。市级财政安排专项资金合计325万元，专项资金实际支出"
            "324.9万元，专项资金使用率为99.97%。\n")
    [project] = _extracted(text)["projects"]
    assert (project["budget_full_year"], project["executed"], project["execution_rate"]) == ("325", "324.9", "99.97")


def test_what_the_unit_received_in_all_and_spent_in_the_year_are_the_projects_money() -> None:
    text = ("某区退役军人事务局2023年度优抚对象医疗补助经费绩效自评报告\n2023年收到抚对象医疗保障资金中央下达20.5万元，自治区下达"
            "40万元。\n2023年收到财政资金共150.5万元，其中：中央资金20.5万元，地方资金40万元，其他资金90万元。2023年支出120.3万元，"
            "其中中央资金20万元。\n")
    [project] = _extracted(text)["projects"]
    assert (project["budget_full_year"], project["executed"]) == ("150.5", "120.3")


def test_a_bureau_named_in_short_as_renshe_ju_keeps_its_ending() -> None:
    out = _extracted("民乐县人社局2024年度普惠金融发展专项资金绩效自评报告\n下达资金80万元，已支付80万元。\n")
    assert out["unit"]["name"] == "民乐县人社局"


def test_a_document_sites_file_name_gives_way_to_the_documents_own_glued_title() -> None:
    text = ("项目支出绩效评价自评报告.docx\n《项目支出绩效评价自评报告.docx》由会员分享，可在线阅读，更多相关文档请在某某网站上搜索。\n"
            "1、2021年项目支出绩效评价自评报告(2021年州级旅游宣传专项资金)一、项目概况(一)项目资金申报及批复情况为加强旅游宣传，"
            "安排资金500万元。\n")
    [report] = _extracted(text)["reports"]
    assert report["title"] == "2021年项目支出绩效评价自评报告(2021年州级旅游宣传专项资金)"


def test_a_title_on_two_lines_whose_first_names_a_cost() -> None:
    text = ("某区招商合作服务中心2022年度部门项目绩效自评结果\n发布时间:2023-01-20 来源:某区招商合作服务中心\n\n招商引资推介会费用\n\n"
            "项目支出绩效自评报告\n\n一、基本情况\n年初预算30万元，实际支出28万元。\n")
    [report] = _extracted(text)["reports"]
    assert report["title"] == "招商引资推介会费用项目支出绩效自评报告"


def test_the_forms_own_project_name_over_the_titles_wording_of_it() -> None:
    text = ("江夏区急救站急救运营专项资金绩效目标自评报告(2019年度)\n一、项目绩效自评表\n专项(项目)名称 急救运营专项\n"
            "主管部门 江夏区卫生健康局 实施单位 江夏区急救站\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 100 100 95 10 95% 9.5\n")
    [report] = _extracted(text)["reports"]
    assert report["project"] == "急救运营专项"


def test_a_fund_over_a_span_of_years_is_named_without_the_span() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("2019-2021年农村物流建设专项资金绩效自评报告") == "农村物流建设专项资金"
    assert project_from_title("2021年度农村物流建设专项资金绩效自评报告") == "农村物流建设专项资金"


def test_projects_numbered_with_their_names_run_into_their_start_of_year_budgets() -> None:
    text = ("经人大通过我单位本年的专项项目有三个。\n1、慰问经费(含送温暖、送清凉等工作经费)项目年初预算12.00万元，截止至12月支出为"
            "11.50万，支出率为95.83%。\n2、换届经费项目年初预算6.00万元，截止至12月支出为6.00万元，支出率为100%。\n")
    rows = [(p["name"], p["budget_initial"], p["budget_full_year"], p["executed"], p["execution_rate"])
            for p in _extracted("某区总工会2017年度专项资金绩效自评报告\n" + text)["projects"]]
    assert rows == [("慰问经费(含送温暖、送清凉等工作经费)", "12.00", None, "11.50", "95.83"),
                    ("换届经费", "6.00", None, "6.00", "100")]


def test_a_departments_project_after_its_year_under_a_heading_line() -> None:
    text = ("2023年度某某服务中心整体支出绩效自评报告\n本年支出合计300万元，其中基本支出100万元，项目支出200万元。\n"
            "(二) 项目支出情况\n2023年,服务大厅提质改造建设项目预算210万,执行198.5万,剩余尾款2024年支出。\n")
    rows = [(p["name"], p["budget_full_year"], p["executed"]) for p in _extracted(text)["projects"]]
    assert rows == [("服务大厅提质改造建设项目", "210", "198.5")]


def test_a_cover_that_prints_the_project_twice_keeps_the_title_below_and_its_scored_value() -> None:
    text = ("某某镇人民政府2023年村级保洁员报酬项目\n村级保洁员报酬项目\n绩效评价报告\n委托单位:某某区财政局\n"
            "评价分值:86.5分评价等级:良\n各级资金投入总数 120.5万元\n")
    [report] = _extracted(text)["reports"]
    assert (report["title"], report["score"], report["grade"]) == ("村级保洁员报酬项目绩效评价报告", "86.5", "良")


def test_a_pages_labelled_title_over_a_documents_title_that_names_nothing() -> None:
    text = ("标题:某市农村集体资产清查技术服务预算项目支出绩效评价报告\n索引号:00821952-5/2020-00101 发布日期:2020年12月25日\n\n"
            "某市农村集体资产清查\n\n技术服务\n\n预算项目支出绩效评价报告\n\n评价类型:预算项目支出后评价\n"
            "项目名称:某市农村集体资产清查技术服务\n二、项目资金情况(万元)\n计划投资\n300\n实际到位\n300\n实际使用\n280\n")
    [report] = _extracted(text)["reports"]
    assert report["title"] == "某市农村集体资产清查技术服务预算项目支出绩效评价报告"
    assert report["project"] == "某市农村集体资产清查技术服务"


def test_a_unit_a_government_set_up_names_the_reporter_and_leaves_the_titles_project() -> None:
    text = ("澧县2016年度行政中心物业服务中心保洁服务费绩效评价报告\n财政局行政政法股\n根据《澧县财政局关于开展绩效评价的通知》，"
            "对该项目开展评价。\n一、项目单位基本情况\n澧县行政中心物业服务中心由县政府发文设立，其主要工作职责是负责行政中心的物业管理。\n"
            "二、项目资金使用情况\n全年安排资金120万元。\n")
    out = _extracted(text)
    assert out["unit"]["name"] == "澧县行政中心物业服务中心"
    assert out["reports"][0]["project"] == "保洁服务费"


def test_a_documents_title_runs_into_its_forms_head_under_the_files_name() -> None:
    text = ("2018年度法律服务经费(购买)绩效评价报告.docx\n上海市浦东新区某某局财政支出项目绩效评价报告 项目名称: 2018年度法律服务经费"
            "(购买) 项目单位:上海市浦东新区某某局 评价得分91.5分，评价等级为优。预算300万元。\n")
    [report] = _extracted(text)["reports"]
    assert report["title"] == "上海市浦东新区某某局财政支出项目绩效评价报告"


def test_a_template_cover_is_no_title() -> None:
    text = ("附件 2 某区财政支出项目绩效自评报告 (参考格式) 项目名称: 信息化项目建设 项目单位: 某区数据资源局 2021 年信息化项目"
            "建设项目绩效自评报告 一、项目基本情况 (一)项目概况 预算资金50万元，实际支出48万元。\n")
    [report] = _extracted(text)["reports"]
    assert "参考格式" not in (report["title"] or "")


def test_indicators_named_before_a_colon_with_labelled_target_result_and_a_note() -> None:
    text = ("一、绩效目标完成情况分析\n(一)资金投入情况分析。\n本项目2020年下达直达资金800万元，均已在2020年支付到位。\n"
            "(二)总体绩效目标完成情况分析。\n总体绩效目标一是完成滨海步道及配套设施建设，该项目总投资额为1.2亿元。\n"
            "(三)绩效指标完成情况分析。\n建设步道长度：指标值为“约3000米”，全年实际完成值约3200米；\n"
            "项目竣工验收合格率：指标值为“100%”，全年实际完成值为0，因项目尚在建设工期内，未到竣工验收环节；\n"
            "设施质量合格率：指标值为“100%”，采购的设施均为合格产品，完成值为100%；\n")
    out = _extracted(text)
    assert out["reports"][0]["project"] == "滨海步道及配套设施建设"
    rows = [(r["project"], r["name"], r["target"], r["actual"], r["note"]) for r in out["indicators"]]
    assert rows == [("滨海步道及配套设施建设", "建设步道长度", "约3000米", "约3200米", None),
                    ("滨海步道及配套设施建设", "项目竣工验收合格率", "100%", "0", "因项目尚在建设工期内，未到竣工验收环节"),
                    ("滨海步道及配套设施建设", "设施质量合格率", "100%", "100%", None)]
