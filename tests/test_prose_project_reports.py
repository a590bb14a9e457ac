"""Prose project reports: the title, the project and its budget as real county pages print them.

The shapes follow real reports of the corpus (tests/fixtures/real: b4_08, b11_07, b15_06, b16_09): a
title run into the first section on one line, a title over two lines whose first ends in 项目支出, a
'…绩效监控总结报告', a project named inside a sentence ('项目名称为X'), a title that names only the
unit's money ('某中学专项资金…报告'), and a budget printed right after the project's name. The texts
are made up.
"""

from __future__ import annotations

from ingest.document import Block, Document
from ingest.extract import extract_document


def _extracted(text: str) -> dict:
    return extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))


def _one_report(text: str) -> tuple[dict, dict]:
    out = _extracted(text)
    [report] = out["reports"]
    return out, report


def test_a_title_run_into_the_first_section_is_cut_before_it() -> None:
    text = ("某某网 文档分享\n"
            "某县林业局植树造林项目绩效自评报告一、基本情况（一）项目概况2023年全县植树造林专项经费50万元，"
            "用于苗木采购，预算执行情况良好。二、绩效目标完成情况全年植树1200亩。\n")
    _, report = _one_report(text)
    assert report["title"] == "某县林业局植树造林项目绩效自评报告"
    assert report["kind"] == "project_self_evaluation"


def test_a_title_over_two_lines_and_the_budget_after_the_projects_name() -> None:
    text = ("植树造林项目支出\n绩效自评报告\n某县林业局\n一、绩效自评工作开展情况\n"
            "本局现有干部职工9人。植树造林专项经费50万元，用于全年苗木采购及栽植。\n"
            "二、预算执行情况\n资金按进度拨付。\n")
    out, report = _one_report(text)
    assert report["title"] == "植树造林项目支出绩效自评报告"
    assert report["project"] == "植树造林"
    [project] = out["projects"]
    assert project["budget_full_year"] == "50" and project["executed"] is None


def test_a_monitoring_summary_and_a_project_named_in_a_sentence() -> None:
    text = ("某县民政局 2022年困难群众救助 补助资金项目绩效监控总结报告\n"
            "一、绩效目标分解下达情况\n"
            "2021年12月县领导小组下发了批复文件，项目名称为2022年某县某乡敬老院改造项目，下达资金30万元。\n"
            "二、预算执行情况\n项目支出进度正常。\n")
    _, report = _one_report(text)
    assert report["title"] == "某县民政局2022年困难群众救助补助资金项目绩效监控总结报告"
    assert report["project"] == "某县某乡敬老院改造项目"


def test_a_title_naming_only_the_units_money_names_no_project() -> None:
    text = ("某市第九中学专项资金绩效自评价报告根据市财政局的通知要求，我校对2022年专项资金进行了自评。"
            "我校2022年财政安排支出共计80.50万元，余款安排下年支出。\n")
    out, report = _one_report(text)
    assert report["title"] == "某市第九中学专项资金绩效自评价报告"
    assert report["project"] is None
    # '财政安排支出共计…' is what was spent, not a budget: no budget is guessed from it
    assert all(p["budget_full_year"] != "80.50" for p in out["projects"])


def test_the_pages_title_and_the_documents_title_are_one_report() -> None:
    text = ("某区2022年专项转移支付绩效自评报告（植树造林资金）\n- 发文机构\n- 某区林业局\n- 日期\n- 2023-04-17\n"
            "某市某区林业局植树造林专项\n转移支付2022年度绩效自评报告\n"
            "一、绩效目标完成情况分析\n2022年度上级安排资金100万元，实际到位80万元，预算执行率80%。\n")
    _, report = _one_report(text)
    assert report["title"].startswith("某市某区林业局植树造林专项转移支付2022年度绩效自评报告")
    assert report["project"] == "植树造林资金"


def test_a_sentence_ending_on_a_bureau_is_not_the_units_name() -> None:
    text = ("2023年某县某镇道路建设项目绩效自评报告\n"
            "2023年县财政共下达我局财政衔接资金300万元，用于道路建设，预算执行率100%。\n")
    out, _ = _one_report(text)
    assert out["unit"]["name"] != "某县财政共下达我局" and "下达" not in (out["unit"]["name"] or "")


def test_a_transfer_payments_amount_is_not_what_was_paid() -> None:
    # '…转移支付共N万元' names a kind of money (转移支付) and its amount: nothing says it was spent
    text = ("2024年度某县农村公路转移支付绩效自评报告\n"
            "根据省财政厅文件，2024年度农村公路建设补助资金转移支付共500万元，主要用于县乡道提升。"
            "预算执行情况良好。\n")
    out, _ = _one_report(text)
    assert all(p["executed"] != "500" for p in out["projects"])


def test_a_funds_name_in_a_title_is_without_the_transfer_it_travels_as() -> None:
    for title, project in (("某县2023年城乡义务教育补助经费转移支付绩效自评报告", "城乡义务教育补助经费"),
                           ("某市2021年困难群众救助补助专项转移支付资金绩效自评报告", "困难群众救助补助资金")):
        _, report = _one_report(f"{title}\n一、基本情况\n上级下达资金100万元，预算执行率100%。\n")
        assert report["project"] == project, title


def test_only_real_divisions_make_a_name_generic() -> None:
    from ingest.extract.reports import is_generic_project, project_from_title

    assert is_generic_project("安徽省宣城市转移支付")  # a jurisdiction and a kind of money
    assert not is_generic_project("体育强省转移支付")  # '体育强省' is a programme, not a province
    # a year inside the name dates the money, it does not name it
    assert project_from_title("保山市国家文物保护2020年度专项资金绩效自评报告") == "国家文物保护专项资金"


def test_a_pages_metadata_title_and_the_documents_are_one_report() -> None:
    text = ("名称85224: 体育强省转移支付2023年度绩效自评报告 文号:\n发布日期: 2024-04-18\n"
            "体育强省转移支付2023年度绩效自评报告\n一、基本情况\n省财政下达资金63.2万元，预算执行率100%。\n")
    out = _extracted(text)
    assert [r["title"] for r in out["reports"]] == ["体育强省转移支付2023年度绩效自评报告"]
    assert out["reports"][0]["project"] == "体育强省转移支付"


def test_the_pages_publisher_is_the_unit_only_when_the_report_names_none() -> None:
    text = ("- 发布机构: 某县林业局\n- 发布日期: 2023-04-17\n2022年度森林防火补助资金绩效自评报告\n"
            "一、基本情况\n2022年度上级下达资金50万元，预算执行率100%。\n")
    out, _ = _one_report(text)
    assert out["unit"]["name"] == "某县林业局"
    assert any("publisher" in w["message"] for w in out["warnings"] if w["field"] == "unit.name")
    # a finance department publishes for others: it is not taken as the reporter
    out, _ = _one_report(text.replace("某县林业局", "某县财政局"))
    assert out["unit"]["name"] != "某县财政局"


def test_a_titles_own_jurisdiction_before_a_funds_name_is_not_part_of_it() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("锡林郭勒盟城乡居民基本养老保险补助资金2022年度绩效自评报告") == "城乡居民基本养老保险补助资金"
    # a local works project keeps its place name
    assert project_from_title("兴庆区月牙湖乡垃圾转运站提升改造项目绩效自评报告").startswith("兴庆区")


def test_a_portal_office_publishing_a_page_is_not_its_reporter() -> None:
    text = ("- 发布机构: 某县人民政府办公室\n- 文号\n某县2021年县本级“三公”经费决算情况说明\n"
            "2021年县本级“三公”经费支出决算120万元。\n")
    out, _ = _one_report(text)
    assert out["unit"]["name"] != "某县人民政府办公室"


def test_a_task_number_and_its_full_year_result_pair_up() -> None:
    from ingest.document import Line
    from ingest.extract.prose import sentence_indicators
    from ingest.extract.text import TextLine

    t = "数量指标。养老金领取人数年初任务数101974人，全年完成值103119人；全年缴费人数年初任务数216786人，全年完成值201201人。"
    rows = {r["name"]: (r["target"], r["actual"]) for r in sentence_indicators([(t, TextLine(t, False, Line(t, None, 0), 0))])}
    assert rows.get("养老金领取人数") == ("101974人", "103119人")
    assert rows.get("全年缴费人数") == ("216786人", "201201人")


def test_a_province_short_name_a_year_and_the_transfer_before_a_funds_name_are_not_part_of_it() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("广西城乡居民医疗救助补助资金转移支付2022年度绩效自评报告") == "城乡居民医疗救助补助资金"
    assert project_from_title("海淀区2024年度转移支付农村公路养护补助资金绩效评价自评报告") == "农村公路养护补助资金"
    assert project_from_title("长丰县2021年度财政衔接资金绩效自评报告") == "财政衔接资金"


def test_an_indicator_stated_by_we_is_named_without_the_speaker() -> None:
    out, _ = _one_report("某县就业服务中心2023年度城乡就业专项资金绩效自评报告\n"
                         "（二）绩效目标设定及指标完成情况\n1、数量指标\n"
                         "（1）就业工作方面。2023年度，我县城镇登记月平均失业率为2.42%，控制在4.5%以内；"
                         "网上登记申报1398条，完成率100%。\n")
    names = {i["name"] for i in out["indicators"]}
    assert "城镇登记月平均失业率" in names
    assert not any(n.startswith("我县") for n in names)


def test_a_titles_short_name_is_taken_as_every_sentence_of_the_body_writes_it() -> None:
    out, report = _one_report(
        "某市中央对地方转移支付2023年度绩效自评报告（渔业保险保费）\n"
        "根据通知要求，我市财政局对政策性渔业保险保费补贴转移支付进行了绩效自评，现将具体情况报告如下：\n"
        "一、绩效目标分解下达情况\n（一）中央下达本市政策性渔业保险保费补贴转移支付预算和绩效目标情况\n"
        "2023年度，下达我市政策性渔业保险保费补贴资金120万元。\n")
    assert report["project"] == "政策性渔业保险保费补贴"


def test_the_body_form_never_crosses_a_year_or_a_verb() -> None:
    from ingest.extract import _as_the_body_writes

    text = "2023年乡镇污水管网改造项目资金到位。2023年乡镇污水管网改造项目已完工。"
    assert _as_the_body_writes("乡镇污水管网改造", text) == "乡镇污水管网改造项目"
    # a place's name is not cut at a character that is also a word ('无为市': 为)
    placed = "无为市农村道路养护补助资金到位。无为市农村道路养护补助资金已拨付。"
    assert _as_the_body_writes("农村道路养护补助资金", placed) == "农村道路养护补助资金"
    # a name printed once in the body is left as the title gives it
    assert _as_the_body_writes("乡镇污水管网改造", "下达乡镇污水管网改造项目资金50万元。") == "乡镇污水管网改造"


def test_the_payment_kind_and_a_qualifier_are_not_part_of_a_projects_name() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("阿拉善盟2023年度中央对地方转移支付计划生育项目绩效自评报告") == "计划生育"
    # a title about the whole transfer budget names no fund of its own
    assert project_from_title("虎林市林业和草原局2021年度中央对地方转移支付预算执行情况绩效自评报告") is None
    assert project_from_title("某某区住房和城乡建设局2023年老旧小区提升改造项目重点绩效评价报告") == "老旧小区提升改造"


def test_projects_a_budget_enumerates_in_a_sentence_of_their_own() -> None:
    out, _ = _one_report(
        "某州生态环境局2021年度项目支出绩效自评报告\n"
        "2021年批复某州生态环境局项目4个，项目资金1290万元。分别为：2021年某县重金属污染防治专项资金1000万元，"
        "资金直接拨付至某县财政局；2021年某州排污许可证核发经费40万元；城市大气污染联防联治专项资金230万元；"
        "某州环境监测经费20万元。\n")
    budgets = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert budgets.get("某州排污许可证核发经费") == "40"
    assert budgets.get("城市大气污染联防联治专项资金") == "230"
    assert "资金直接拨付至某县财政局" not in budgets


def test_an_approved_list_of_projects_holds_names_with_an_enumeration_comma() -> None:
    out, _ = _one_report(
        "某州某局2020年部门项目支出绩效评价报告\n"
        "根据《某州财政局关于2020年度部门预算的批复》，2020年批复某州某局项目3个，批复项目资金75万元。其中：某某检查经费项目12万元，"
        "应急演练、宣传教育项目46万元，某某避难场所补助项目17万元。\n")
    budgets = {p["name"]: (p["budget_initial"], p["budget_full_year"]) for p in out["projects"]}
    assert budgets == {"某某检查经费项目": ("12", None), "应急演练、宣传教育项目": ("46", None),
                       "某某避难场所补助项目": ("17", None)}


def test_a_quoted_funds_use_statement_is_a_project_report_on_that_fund() -> None:
    out, report = _one_report(
        "某区民政局关于“2021年中央财政困难群众救助补助资金”管理使用情况\n"
        "一、资金下达情况\n全年预算71万元，全年实际下达71万元，已全额划转至各街道纳入年度预算并执行。\n"
        "二、资金绩效评价结果\n1.产出指标完成情况分析\n（2）质量指标\n救助资金发放准确率100%。\n")
    assert report["title"] == "某区民政局关于“2021年中央财政困难群众救助补助资金”管理使用情况"
    assert report["project"] == "中央财政困难群众救助补助资金"
    # an unquoted section heading on the use of money starts no report
    out2, _ = _one_report("某县林业局2023年度森林防火专项资金绩效自评报告\n项目资金使用情况\n全年支出50万元。\n")
    assert len(out2["reports"]) == 1


def test_money_shared_out_among_places_is_not_spending_and_the_funds_qualifier_stays() -> None:
    out, report = _one_report(
        "河北省中央农业生产和水利救灾资金转移支付2022年度绩效自评报告\n"
        "一、绩效目标分解下达情况\n2022年，中央下达我省3批中央农业生产和水利救灾资金（水利部分），共计6800万元。\n"
        "二、绩效目标完成情况分析\n（一）资金投入情况分析。中央农业生产和水利救灾资金（水利部分）主要按照因素法分配，"
        "及时对中央农业生产和水利救灾资金（水利部分）6800万元进行了合理分解，其中石家庄市780万元、承德市690万元、"
        "厅直单位410万元。目前，资金已执行4132.8万元，预算执行率60.78%。\n")
    assert out["spending_items"] == []
    assert report["project"] == "中央农业生产和水利救灾资金（水利部分）"
    [p] = out["projects"]
    assert (p["budget_full_year"], p["executed"], p["execution_rate"]) == ("6800", "4132.8", "60.78")


def test_the_rate_of_what_was_spent_beats_the_rate_of_an_allocation() -> None:
    out, _ = _one_report(
        "某区2024年度乡村振兴示范创建资金绩效自评报告\n"
        "2024年省、市、区预算安排下达的财政示范创建专项资金共计2373.51万元，执行率100%。\n"
        "目前已拨付财政补助资金1002.2739万元，其余正在完善材料申请拨付，实际支出率42.22%。\n")
    assert out["projects"][0]["execution_rate"] == "42.22"


def test_a_unit_defined_with_its_short_name_is_the_reporter() -> None:
    out, _ = _one_report("一、部门基本情况\n（一）部门概况\n"
                         "山东省红十字会（以下简称“省红十字会”）成立于1911年，是党领导下的人道救助群众团体。\n"
                         "2021年度省红十字会部门整体支出绩效自评报告\n"
                         "2021年度省红十字会批复支出预算1824.15万元，实际执行支出预算1711.15万元，执行率93.81%。\n")
    assert out["unit"]["name"] == "山东省红十字会"


def test_titles_that_report_on_a_programme_name_it_plainly() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("关于上报2023年1-4级残疾军人护理费项目支出绩效自评的报告") == "1-4级残疾军人护理费"
    assert project_from_title("吉林省电子商务进农村综合示范项目中央专项转移支付2021年度绩效自评报告") == "电子商务进农村综合示范项目"
    assert project_from_title("某市某区农林水务局2022年度党建工作项目部门评价报告") == "党建工作"


def test_a_project_reports_title_printed_three_times_is_one_report() -> None:
    out, report = _one_report(
        "标 题: 某市2021年农业生产发展资金使用情况绩效自评报告\n内容概述: 某市2021年农业生产发展资金使用情况绩效自评报告\n"
        "某市2021年农业生产发展资金使用情况绩效自评报告\n一、基本情况\n2021年下达农业生产发展资金1969万元。\n"
        "二、绩效目标完成情况\n全年支出1800万元。\n")
    assert report["project"] == "农业生产发展资金"


def test_a_name_inside_a_cited_documents_title_is_not_the_reporter() -> None:
    out, _ = _one_report(
        "旌德县2020年农村电商提质增效工程绩效评价自评报告\n"
        "按照《安徽省商务厅安徽省财政厅关于印发农村电商民生工程绩效评价工作方案的通知》标准，我局进行自评，自评分为100分。\n"
        "（3）审批程序规范性：旌德县科技商务经济信息化局对项目实施申报材料进行了规范审核，得1.5分。\n"
        "（1）奖补资金到位率：收到拨付的省电子商务发展资金96万元。《安徽省商务厅关于下达资金的通知》\n")
    assert out["unit"]["name"] == "旌德县科技商务经济信息化局"


def test_a_document_sites_file_name_is_the_title() -> None:
    _, report = _one_report("某县2021年度乡村道路养护项目绩效自评报告.docx\n上传人：某 文档编号：1 格式：DOCX\n"
                            "一、项目概况\n2021年全年预算数120万元，全年执行数118万元，执行率98.33%。\n")
    assert report["title"] == "某县2021年度乡村道路养护项目绩效自评报告"
    assert report["project"] == "乡村道路养护"


def test_a_spending_tables_column_is_not_a_label_and_its_value() -> None:
    from ingest.document import Line
    from ingest.extract.cells import Cell
    from ingest.extract.forms import _head_money
    from ingest.extract.text import TextLine
    from ingest.templates import vocabulary

    text = "支出内容 计划支出数 实际支出数 30399 村专职委员工作补贴 21.7 21.7"
    line = TextLine(text, False, Line(text, None, 0), 0)
    cells = [Cell(t, line, 0) for t in text.split()]
    money, _ = _head_money(cells, vocabulary())
    assert money.get("executed") is None  # 30399 is the economic code of the row under the header


def test_the_documents_own_title_after_a_sites_file_name() -> None:
    _, report = _one_report(
        "《某镇避险搬迁奖励资金项目支出绩效评价自评报告.docx》由会员分享，可在线阅读。\n"
        "1、某镇避险搬迁奖励资金项目支出绩效评价自评报告一、项目基本情况（一）项目概况某镇现有政府工作人员64人，"
        "县财政局下达某镇奖励资金28.6万元，全年支出28.6万元。\n")
    assert report["title"] == "某镇避险搬迁奖励资金项目支出绩效评价自评报告"
    assert report["project"] == "某镇避险搬迁奖励资金"


def test_an_after_the_fact_evaluation_and_a_budget_sent_down_in_a_dated_sentence() -> None:
    out, report = _one_report(
        "2023年高龄补贴事后绩效评价报告\n（二）项目实施及资金使用\n"
        "各级财政共下达我县2023老年人生活保健补贴资金4186.49万元，其中省级配套1165.84万元。"
        "全年共发放3957.55万元。2023年3月14日下达省级第一批指标1080万元，已全部随月发放。\n")
    assert report["project"] == "高龄补贴"
    [p] = out["projects"]
    assert (p["budget_full_year"], p["executed"]) == ("4186.49", "3957.55")


def test_titles_that_name_no_project_of_their_own() -> None:
    from ingest.extract.reports import project_from_title

    assert project_from_title("某市数据资源管理局2023年部门决算中项目绩效评价报告") is None
    assert project_from_title("中国共产党某某市委员会党史研究室2023年度项目支出绩效单位自评报告") is None


def test_a_report_without_a_title_whose_first_section_is_the_project() -> None:
    _, report = _one_report("一、项目基本情况\n原设计批复站房4000平方米，已不能满足需要。\n二、项目绩效自评工作开展情况\n"
                            "部门整体支出和项目支出绩效自评工作是绩效管理工作的重要部分，我局成立了领导小组。\n"
                            "三、项目绩效实现情况\n市级财政安排保山站房规模扩大工程建设经费260万元，已申请专项债券资金支付9600万元。\n")
    assert report["kind"] == "project_self_evaluation"


def test_the_same_project_report_titled_with_and_without_its_unit_is_one_report() -> None:
    out, report = _one_report("2019年度项目绩效自评报告（自然保护区管护经费项目）\n"
                              "某某自然保护区管护局2019年度项目绩效自评报告（自然保护区管护经费项目）\n"
                              "一、项目基本情况\n2019年全年预算数60万元，全年执行数60万元。\n")
    assert report["project"] == "自然保护区管护经费项目"


def test_a_funds_body_name_never_crosses_a_line() -> None:
    from ingest.extract import _as_the_body_writes

    text = "一、项目基本情况\n精神卫生综合管理试点工作经费10万元。\n（一）项目概况\n精神卫生综合管理试点工作经费全部使用完毕。\n"
    assert _as_the_body_writes("精神卫生综合管理试点工作经费", text) == "精神卫生综合管理试点工作经费"


def test_projects_listed_after_a_numbered_label_in_a_report_on_several() -> None:
    out, report = _one_report(
        "某市委党史研究室2023年度项目支出绩效单位自评报告\n（一）项目概况\n纳入本次绩效自评的项目共有2个，项目收入65万元。\n"
        "项目1：编辑出版工作经费，项目预算15万元，收入15万元，支出15万元，执行率100%。\n"
        "项目2：革命活动据点修缮和提升改造项目补助资金，项目预算50万元，收入50万元，支出50万元，执行率100%。\n")
    assert report["project"] is None
    rows = {p["name"]: (p["budget_full_year"], p["executed"], p["execution_rate"]) for p in out["projects"]}
    assert rows["编辑出版工作经费"] == ("15", "15", "100")
    assert rows["革命活动据点修缮和提升改造项目补助资金"] == ("50", "50", "100")


def test_an_umbrella_title_over_the_reports_own_and_a_bare_heading_after_it_are_one_report() -> None:
    out, report = _one_report("某市住房和城乡建设局2022年度项目支出绩效单位自评报告\n\n"
                              "某市住房和城乡建设局2022年度保障性住房租赁补贴支出绩效自评报告\n"
                              "一、基本情况\n2022年全年预算数120万元，全年执行数18.5万元。\n"
                              "某市2022年度绩效自评报告\n二、绩效目标完成情况\n全年发放补贴500户。\n")
    assert report["project"] == "保障性住房租赁补贴"
    from ingest.extract.reports import project_from_title

    assert project_from_title("云南省某厅2021年度中央对地方转移支付预算执行绩效自评报告") is None


def test_an_evaluation_reports_own_title_over_amounts_is_a_report_in_few_words() -> None:
    out, report = _one_report(
        "某市财政局 某市文化广播电视和旅游局 关于2019年旅游发展基金补助地方项目资金绩效评价的报告\n"
        "一、绩效目标分解下达情况\n省厅下达我市旅游厕所建设资金50万元，用于景区旅游厕所建设。\n")
    assert report["kind"] == "project_self_evaluation"
    # a news page that only mentions an evaluation, with no title of its own, is still no report
    from ingest.errors import IngestError

    try:
        _one_report("市领导调研景区建设\n近日，市领导一行调研景区旅游厕所建设，投资50万元。\n")
    except IngestError as e:
        assert e.reason == "not_a_report"
    else:
        raise AssertionError("a news item was read as a report")


def _project_money(text: str) -> dict:
    out, _ = _one_report(text)
    [project] = out["projects"]
    return {k: v for k, v in project.items() if k != "provenance" and v is not None}


def test_spending_in_a_clause_of_its_own_after_the_funds_arrived() -> None:
    text = ("某区市场监督管理局食品安全工作经费项目绩效自评报告\n一、项目基本情况\n"
            "区级财政每年安排30万元。2021年实际到位数30万元，支出27.5万元，用于抽检。\n")
    assert _project_money(text)["executed"] == "27.5"


def test_spending_formed_and_its_rate_as_a_payout_rate() -> None:
    text = ("某州林业和草原局森林防火补助经费绩效自评报告\n一、资金情况\n"
            "森林防火补助经费年度预算800万元，资金全部拨付到位。实际形成支出760万元，支出率95%。\n")
    money = _project_money(text)
    assert (money["budget_full_year"], money["executed"], money["execution_rate"]) == ("800", "760", "95")


def test_spending_named_between_the_verb_and_its_amount() -> None:
    text = ("某县气象局人工增雨作业经费项目绩效自评报告\n（一）资金执行情况\n"
            "实际执行作业经费88.2万元，结余1.8万元。\n")
    money = _project_money(text)
    assert (money["executed"], money["carryover"]) == ("88.2", "1.8")


def test_an_amount_spent_in_full_is_the_spending() -> None:
    text = ("某县卫生健康委员会基本公共卫生服务项目绩效自评报告\n一、资金到位情况\n"
            "年度预拨资金900万元，年终清算资金40万元，全年资金940万元全部执行到位。\n")
    assert _project_money(text)["executed"] == "940"


def test_funds_raised_in_all_are_the_budget_and_a_quoted_name_keeps_its_amount() -> None:
    raised = ("某旗医疗保障局城乡医疗救助补助资金绩效自评报告\n一、资金情况\n"
              "共筹集城乡医疗救助补助资金512.3万元，其中：中央资金400万元。\n")
    assert _project_money(raised)["budget_full_year"] == "512.3"
    quoted = ("科学普及专项资金绩效自评报告\n"
              "我会对2020年度“科学普及专项资金”620万元进行绩效评价，现将自评情况报告如下。\n")
    assert _project_money(quoted)["budget_full_year"] == "620"


def test_a_short_form_unit_before_the_year_is_not_part_of_the_project() -> None:
    text = ("某县残联2022年度残疾人托养服务项目支出绩效自评报告\n一、基本情况\n"
            "年初预算资金数12万元，全年预算数12万元，全年执行数9.6万元，执行率为80%。\n")
    out, report = _one_report(text)
    assert report["project"] == "残疾人托养服务"
    [project] = out["projects"]
    assert (project["budget_initial"], project["executed"]) == ("12", "9.6")


def test_targets_and_results_listed_under_their_own_heads_pair_by_name() -> None:
    text = ("某县残联2022年度残疾人托养服务项目支出绩效自评报告\n"
            "（二）项目绩效目标。2022年县残联实施的托养服务项目目标：居家托养120人，日间照料35人，"
            "机构托养18实际完成：居家托养120人，日间照料41人，机构托养18人。\n")
    out, _ = _one_report(text)
    assert [(i["name"], i["target"], i["actual"]) for i in out["indicators"]] == [
        ("居家托养", "120人", "120人"), ("日间照料", "35人", "41人"), ("机构托养", "18", "18人")]
    unpaired = ("某县残联2022年度残疾人托养服务项目支出绩效自评报告\n"
                "项目目标：居家托养120人，日间照料35人，实际完成：走访企业12家，发放手册300册。\n")
    assert _one_report(unpaired)[0]["indicators"] == []  # two lists of different things pair nothing


def test_a_transfer_payments_whole_form_is_a_report_on_the_fund() -> None:
    text = ("某县特殊教育补助资金转移支付整体绩效目标自评表\n（2024年度）\n"
            "转移支付(项目)名称 特殊教育补助资金\n"
            "项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分\n"
            "年度资金总额: 28.1 28.1 28.1 10 100% 10\n")
    _, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation"
    whole = "某县教育局2024年度部门整体支出绩效自评报告\n一、部门概况\n全年支出1200万元。\n"
    assert _one_report(whole)[1]["kind"] == "department_self_evaluation"


def test_projects_counted_then_listed_line_by_line_when_their_amounts_add_up() -> None:
    text = ("某县就业服务中心2024年绩效自评报告\n一、项目基本情况\n"
            "某县就业服务中心2024年参与绩效评价的项目共3个，项目支出20.5万元。具体如下：\n"
            "1、档案数字化经费6万元，主要用于档案扫描；\n2、就业政策宣传费12万元，主要用于宣传资料印制；\n"
            "3、门面维修费2.5万元，主要用于门面维修。\n"
            "（二）项目资金\n2024年项目资金为20.5万元，实际已支付20.5万元，支付率为100%。具体如下：\n"
            "1、档案数字化经费6万元，实际已支付6万元，资金支付率100%；\n"
            "2、就业政策宣传费12万元，实际已支付12万元，资金支付率100%；\n"
            "3、门面维修费2.5万元，实际已支付2.5万元，资金支付率100%。\n")
    out, _ = _one_report(text)
    rows = [(p["name"], p["budget_full_year"], p["executed"], p["execution_rate"]) for p in out["projects"]]
    assert rows == [("档案数字化经费", "6", "6", "100"), ("就业政策宣传费", "12", "12", "100"),
                    ("门面维修费", "2.5", "2.5", "100")]
    # the same lines whose amounts do not add up to the stated total are not read as projects
    off = text.replace("项目支出20.5万元", "项目支出30万元").replace("项目资金为20.5万元", "项目资金为30万元")
    assert _one_report(off)[0]["projects"] == []


def test_a_titleless_report_names_the_project_its_first_paragraph_introduces() -> None:
    text = ("标题:\n一、项目概括\n（一）项目基本情况\n"
            "商务服务与管理项目为省商务厅本级的经常性项目，项目资金用途为保障各处室履行职能。\n"
            "（二）项目绩效目标\n完成调研课题不少于5个。\n"
            "二、项目资金使用及管理情况\n年初预算860.5万元，资金到位率100%。项目实际使用资金842.3万元，资金使用率98%。\n")
    out, report = _one_report(text)
    assert report["project"] == "商务服务与管理项目"
    [project] = out["projects"]
    assert (project["budget_initial"], project["executed"]) == ("860.5", "842.3")


def test_a_work_report_title_and_the_next_section_heading_is_no_indicator() -> None:
    text = ("某县公安局2022年度辅警人员经费绩效自评工作报告\n一、基本情况\n（二）项目资金情况。\n"
            "全年预算数1200万元，全年执行数1200万元，预算执行率100%。\n（三）绩效目标。\n"
            "指标名称 |\n计量单位 |\n指标性质 |\n指标值 |\n辅警人员 |\n人 |\n= |\n300 |\n"
            "受益对象满意度 |\n% |\n≥ |\n95 |\n（四）部门(单位)职能职责。\n某县公安局是主管全县社会治安的县政府组成部门。\n")
    out, report = _one_report(text)
    assert (report["kind"], report["project"]) == ("project_self_evaluation", "辅警人员经费")
    assert all(not i["name"].startswith("（四）") and not i["name"].startswith("(四)") for i in out["indicators"])


def test_an_allotment_stated_as_its_quota_and_what_was_paid_out() -> None:
    text = ("某县司法局2020年度法律顾问经费绩效自评报告\n一、项目基本情况\n"
            "2020年度某县财政划给某县司法局法律顾问经费，指标金额是80万元，实际拨付金额是76.5万元。\n")
    money = _project_money(text)
    assert (money["budget_full_year"], money["executed"]) == ("80", "76.5")


def test_a_labelled_project_name_loses_its_unit_year_and_quotes_and_stops_at_the_next_label() -> None:
    text = ("项目名称:某州卫健委2020年度“出生缺陷防控和适龄妇女免费检查”\n主管部门:某州卫健委\n"
            "一、项目基本情况\n该项目全年预算数500万元，全年执行数480万元。\n二、绩效自评情况\n自评得分90分。\n")
    assert _one_report(text)[1]["project"] == "出生缺陷防控和适龄妇女免费检查"
    form = ("某区文化馆2019年度区级项目支出绩效自评表\n项目名称 免费开放补助 主管部门 某区文化和旅游局\n"
            "项目资金（万元） 年初预算数 全年预算数 全年执行数 执行率\n年度资金总额 45 45 45 100%\n")
    assert _one_report(form)[1]["project"] == "免费开放补助"


def test_headings_scored_one_by_one_are_indicators_under_the_headings_above_them() -> None:
    text = ("某区民政局2020年度孤儿基本生活费民生工程绩效评价自评报告\n"
            "一、项目投入情况。分值20分(自评20分)\n（一）项目立项。分值10分，自评10分。项目符合规划。\n"
            "（二）资金落实。分值10分，自评10分。标准逐年提高。\n二、项目过程情况。分值30分(自评29分)\n"
            "（一）项目管理。分值20分，自评19分。\n1、管理制度健全性。分值2分，自评2分。制定了实施办法。\n"
            "2、服务规范情况。分值1分，自评1分。按标准开展工作。\n")
    out, _ = _one_report(text)
    assert [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in out["indicators"]] == [
        ("项目投入", None, "项目立项", "10", "10"), ("项目投入", None, "资金落实", "10", "10"),
        ("项目过程", "项目管理", "管理制度健全性", "2", "2"), ("项目过程", "项目管理", "服务规范情况", "1", "1")]


def test_projects_listed_clause_by_clause_that_add_up_to_the_printed_total() -> None:
    text = ("某县民政局2024年度中央、市级转移支付资金绩效自评报告\n一、基本情况\n"
            "2024年度，中央、市级下达转移支付慈善救助项目40万元；城乡低保、特困供养项目2.75万元；"
            "福利院运行经费项目25.25万元。共计下达中央、市级转移支付资金68万元。\n")
    out, report = _one_report(text)
    money = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert money == {"慈善救助项目": "40", "城乡低保、特困供养项目": "2.75", "福利院运行经费项目": "25.25",
                     "中央、市级转移支付资金": "68"}
    # clauses whose amounts do not add up to a printed total are no list of projects
    off = text.replace("共计下达中央、市级转移支付资金68万元", "共计下达中央、市级转移支付资金70万元")
    assert "慈善救助项目" not in {p["name"] for p in _one_report(off)[0]["projects"]}


def test_the_one_project_a_unit_says_it_carried_out_names_its_report() -> None:
    text = ("某县城市管理局2024年度\n项目支出绩效自评报告\n一、项目基本情况\n"
            "某县城市管理局2024年度共实施工作经费县级补助资金项目1个，项目资金共计20490.00元。\n")
    out, report = _one_report(text)
    assert report["project"] == "工作经费县级补助资金"
    assert [(p["name"], p["budget_full_year"]) for p in out["projects"]] == [("工作经费县级补助资金", "2.049")]


def test_the_object_a_report_says_it_evaluated_names_its_project() -> None:
    # '我们对X进行了绩效评价' / '对2022年度X使用情况开展了财政绩效评价': what was evaluated is the project
    text = ("为加强专项资金管理，按照某县财政局的通知要求，我们对某县动物疫病防控中心动物防疫专项经费"
            "进行了绩效评价，现将评价结果报告如下：\n一、项目基本情况\n上级下达动物防疫专项补助经费120.5万元，预算执行率100%。\n")
    out, report = _one_report(text)
    assert report["project"] == "某县动物疫病防控中心动物防疫专项经费"
    assert [p["budget_full_year"] for p in out["projects"]] == ["120.5"]
    text = ("为提高资金使用效益，某市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。"
            "现将情况报告如下：\n一、项目基本情况\n本年度补贴预算90万元，全部发放。\n")
    _, report = _one_report(text)
    assert report["project"] == "城乡居保市级补贴"


def test_the_evaluation_itself_is_no_project_name() -> None:
    # '对照批复的绩效目标，对项目实行实际绩效进行自评': the words say how, not what
    text = ("按照有关要求，我单位对照批复的绩效目标，对项目实行实际绩效进行自评，现报告如下：\n"
            "一、项目基本情况\n本年度项目预算30万元，预算执行率100%。\n")
    _, report = _one_report(text)
    assert report["project"] is None


def test_a_fund_heading_or_a_bracketed_line_under_the_title_names_the_project() -> None:
    text = ("某省应急管理厅2021年度中央对地方转移支付预算执行绩效自评报告\n"
            "一、中央自然灾害(森林航空消防补助)救灾资金\n(一)绩效目标分解下达情况\n"
            "根据通知，下达资金共计500万元。实际执行飞行经费450万元，执行率90%。\n")
    out, report = _one_report(text)
    assert report["project"] == "中央自然灾害(森林航空消防补助)救灾资金"
    [project] = out["projects"]
    assert project["executed"] == "450" and project["execution_rate"] == "90"
    text = ("某市林业和草原局2021年度\n项目绩效自评报告\n（市级森林防火“三三制”补助经费项目）\n"
            "一、项目基本情况\n市财政局下达我局补助经费75.96万元，全部到位。\n")
    _, report = _one_report(text)
    assert report["project"] == "市级森林防火“三三制”补助经费"


def test_a_budget_that_contradicts_the_printed_rate_is_not_taken() -> None:
    # the amount after the fund's name is the central share; spending / rate say the budget is larger
    text = ("某省应急管理厅2021年度中央对地方转移支付预算执行绩效自评报告\n"
            "一、中央自然灾害(森林航空消防补助)救灾资金\n"
            "财政部共安排中央自然灾害(森林航空消防补助)救灾资金7814万元，省级补助资金1985.2万元。\n"
            "实际执行飞行经费9109.54万元，项目执行率92.96%。\n")
    out, _ = _one_report(text)
    [project] = out["projects"]
    assert project["budget_full_year"] is None and project["executed"] == "9109.54"


def test_a_title_ending_in_its_projects_completion_notice_and_a_fee_report() -> None:
    text = ("某县2023年高素质农民培育项目实施完成情况公告\n来源：县农业农村局\n"
            "1、项目名称：某县2023高素质农民培育项目\n2、资金使用：项目资金总额100万元，预算执行率100%，绩效目标全部完成。\n")
    _, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation"
    assert report["project"] == "高素质农民培育"
    text = ("某某镇2021年度村管费支出\n绩效评价报告\n一、项目概况\n我镇2021年村管费支付共392.47万元，用于15个行政村。\n")
    _, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation" and report["project"] == "村管费"


def test_a_document_number_after_the_title_is_neither_title_nor_project() -> None:
    text = ("某省林业厅2016年林业补助资金绩效评价报告(财驻某监[2017]94号)\n"
            "一、基本情况\n中央下达林业补助资金1000万元。\n")
    _, report = _one_report(text)
    assert report["title"] == "某省林业厅2016年林业补助资金绩效评价报告"
    assert report["project"] == "林业补助资金"


def test_one_levels_share_and_another_years_budget_are_not_the_projects_budget() -> None:
    # a county's scored self-evaluation of its transfer: '2023年度县本级预算安排…64万元' is last year's
    # share; '2024年度安排财政衔接资金2110万元' is the year's allocation; '指标评价得分7分' scores one indicator
    text = ("某市2024年度财政衔接推进乡村振兴补助资金绩效评价工作自评报告\n"
            "一、资金保障方面，指标评价得分12\n"
            "2023年度县本级预算安排的衔接资金为64万元，2024年度县本级预算安排的衔接资金为76万元，指标评价得分7分。\n"
            "2024年度安排财政衔接资金2110万元，其中中央资金1413万元、省级资金621万元、县级资金76万元。\n")
    out, report = _one_report(text)
    assert report["project"] == "财政衔接推进乡村振兴补助资金"
    assert report["score"] is None
    [project] = out["projects"]
    assert project["budget_full_year"] == "2110"


def test_projects_numbered_inside_one_paragraph_each_with_its_allocation() -> None:
    text = ("某县档案局2016年度项目支出绩效自评报告\n一、项目基本情况\n"
            "（一）项目资金安排落实情况：1、档案管理项目资金：2016年县财政安排30万元，当年按时到位；"
            "2、县档案馆建设项目资金：2016年县财政拨款427.36万元，于当年全部到位。\n二、绩效目标完成情况\n全部完成。\n")
    out, _ = _one_report(text)
    assert {p["name"]: p["budget_full_year"] for p in out["projects"]} == {"档案管理项目": "30", "县档案馆建设项目": "427.36"}


def test_projects_a_units_allocation_enumerates_after_a_longer_head() -> None:
    text = ("某区文物局中央转移支付2020年度绩效自评报告\n一、资金情况\n"
            "区直文博系统项目有：一是某某宫管理处，下达预算资金4240万元。具体是：某某宫雪城修缮展示工程项目3005万元；"
            "某某宫二期结构检测工程项目1235万元。\n")
    out, _ = _one_report(text)
    assert {p["name"]: p["budget_full_year"] for p in out["projects"]} == {
        "某某宫雪城修缮展示工程项目": "3005", "某某宫二期结构检测工程项目": "1235"}


def test_funds_a_total_breaks_into_are_projects_but_sources_of_money_are_not() -> None:
    text = ("某省林业厅2016年林业补助资金绩效评价报告\n一、基本情况\n"
            "中央财政下拨林业补助资金共16项；其中省林业厅共4项，合计金额61,742万元，其中森林生态效益补偿资金40,671万元、"
            "森林抚育补贴资金16,800万元、造林补贴资金2,621万元、森林航空消防1,650万元。\n")
    out, _ = _one_report(text)
    funds = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert funds["森林生态效益补偿资金"] == "40671" and funds["森林航空消防"] == "1650"
    text = ("某市2024年度财政衔接推进乡村振兴补助资金绩效评价工作自评报告\n一、资金保障\n"
            "2024年度安排财政衔接资金2110万元，其中中央资金1413万元、省级资金621万元、县级资金76万元，建设13个项目。\n")
    out, _ = _one_report(text)
    assert not any(p["name"] in ("中央资金", "省级资金", "县级资金") for p in out["projects"])


def test_a_total_enumerated_after_a_count_or_by_name_lists_its_projects_but_tranches_are_none() -> None:
    # a count and numbered clauses, one per sentence; the parts add up to the total before them
    text = ("某县文体局2020年度专项资金项目绩效自评报告\n一、基本情况\n"
            "1.公共文化项目资金58.5万元，实施项目3个，分别为：(1)剧团运转资金20万元。(2)2020年文化馆免费开放补助资金"
            "30.25万元。(3)非遗保护专项资金8.25万元。\n2.旅游项目资金70万元，实施项目4个，分别为：(1)景区标牌经费70万元。\n")
    out, _ = _one_report(text)
    funds = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert funds["剧团运转资金"] == "20" and funds["非遗保护专项资金"] == "8.25"
    assert funds["文化馆免费开放补助资金"] == "30.25"
    assert "景区标牌经费" not in funds  # one of four counted: the list is cut, not read
    text = ("某州储备局2023年度项目支出绩效自评报告\n一、基本情况\n"
            "本局项目支出预算2,600.00万元，其中：一是粮食风险基金2,500.50万元，分别为州级储备专项资金2,300.50万元、"
            "成品粮储备专项资金100.00万元、食用油储备专项资金100.00万元；二是业务经费99.50万元。\n")
    out, _ = _one_report(text)
    funds = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert funds["州级储备专项资金"] == "2300.50" and funds["食用油储备专项资金"] == "100.00"
    text = ("某县2021年度乡村振兴补助资金绩效自评报告\n一、资金情况\n"
            "全年下达补助资金300万元，分别为第一批资金100万元、第二批资金120万元、第三批资金80万元。\n")
    out, _ = _one_report(text)
    assert not any(p["name"].startswith("第") for p in out["projects"])


def test_a_titleless_text_scoring_itself_is_a_project_report_named_by_its_total() -> None:
    # '…决算财政资金支出…' does not make a self-scored project text a final-accounts statement
    text = ("为保障孤儿基本生活，某某市民政局认真做好孤儿补助工作。\n一、自评结论\n"
            "按照项目绩效自评表的条款认真梳理，客观打出了自评分为98分。\n"
            "1.执行率情况\n曲靖市孤儿补助资金项目总预算458.96万元，2022年决算财政资金支出458.96万元。\n")
    out, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation" and report["score"] == "98"
    assert report["project"] == "孤儿补助资金项目"


def test_a_title_over_two_years_and_a_transfers_own_project_in_brackets() -> None:
    text = ("中央集中彩票公益金转移支付(福彩圆梦•孤儿助学工程项目)2019年-2020年度绩效自评报告\n"
            "一、绩效目标分解下达情况\n2019年8月2日，财政部下达我省专项补助资金2,387万元；"
            "2020年6月19日，财政部下达我省专项补助资金1,253万元。\n")
    out, report = _one_report(text)
    assert out["fiscal_year"] == 2020
    assert report["project"] == "福彩圆梦•孤儿助学工程项目"
    # the first amount is the other year's: no budget rather than the wrong one
    assert all(p["budget_full_year"] != "2387" for p in out["projects"])


def test_the_national_transfer_template_names_its_fund_and_a_heading_lends_no_words() -> None:
    # '（一）中央下达X预算和绩效目标情况' names the fund; '（二）省内分解下达预算和绩效目标情况' over the
    # next line's local share is no budget sentence
    text = ("云南省委、省政府高度重视粮食安全，认真组织开展绩效自评，现将自评情况报告如下：\n"
            "一、绩效目标分解下达情况\n(一)中央下达粮食风险基金专项转移支付预算和绩效目标情况\n"
            "中央核定我省粮食风险基金规模为36121.00万元，其中中央补助15150.00万元，地方自筹20971.00万元。\n"
            "(二)省内分解下达预算和绩效目标情况\n2022年我省粮食风险基金地方应配套20971.00万元，执行率100%。\n")
    out, report = _one_report(text)
    assert report["project"] == "粮食风险基金"
    assert all(p["budget_full_year"] != "20971.00" for p in out["projects"])


def test_a_schools_one_project_and_a_funds_heading_with_its_bracket() -> None:
    text = ("某某市第四中学专项资金绩效自评价报告一、基本情况（一）项目基本概况我校2022年项目为一个：生均公用经费项目"
            "（二）资金及项目绩效目标我校2022年按生均1000元安排，共计239万元，预算执行率100%。\n")
    _, report = _one_report(text)
    assert report["project"] == "生均公用经费"
    text = ("一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)\n(一)绩效目标分解下达情况\n"
            "2024年共投入森林草原航空消防租机补助经费预算14856.17万元，资金到位率100%。"
            "实际形成支出14474.11553万元，支出率97.43%。其中，中央财政安排资金支出11300.10553万元，"
            "省级财政配套资金支出3174.01万元。\n")
    out, report = _one_report(text)
    assert report["project"] == "中央自然灾害救灾资金(森林草原航空消防租机补助经费)"
    # where the money came from is no spending item
    assert not out["spending_items"]


def test_a_file_name_and_the_documents_title_are_one_report_under_the_fuller_title() -> None:
    text = ("某省自然灾害救灾资金冬春救助资金2021年度绩效自评报告和区域目标自评表.docx\n"
            "《某省自然灾害救灾资金冬春救助资金2021年度绩效自评报告和区域目标自评表.docx》由会员分享，可在线阅读。\n"
            "1、某省自然灾害救灾资金(冬春救助资金)2021年度绩效自评报告和区域目标自评表根据财政部通知要求，"
            "现将自评情况报告如下。下达资金9805万元，执行率100%。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["title"] == "某省自然灾害救灾资金(冬春救助资金)2021年度绩效自评报告和区域目标自评表"


def test_a_cover_letter_over_its_report_is_one_report_and_a_copying_sites_name_is_no_title() -> None:
    text = ("某某市农业农村局关于上报2021年新型职业农民培训民生工程绩效自评情况的报告\n市财政局：\n"
            "现将我局2021年新型职业农民培训民生工程绩效自评情况报告如下。\n"
            "芜湖市2021年新型职业农民培训民生工程绩效自评报告\n一、项目基本情况\n下达资金120万元，执行率100%。\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["title"] == "芜湖市2021年新型职业农民培训民生工程绩效自评报告"
    text = "abc体育注册_某某体育-登陆|官网：某某区某某小学2017年度部门决算编制说明\n一、收入支出决算总体情况\n收入总计120万元。\n"
    out = _extracted(text)
    assert out["reports"][0]["title"] == "某某区某某小学2017年度部门决算编制说明"


def test_the_project_a_paragraph_opens_on_receiving_its_money() -> None:
    text = ("安徽省芜湖市转移支付2023年度绩效自评报告\n一、绩效目标分解下达情况\n"
            "某某化工园区重大安全风险防控项目中央拨付财政资金1800万元，当前资金已全部拨付。\n"
            "二、绩效目标完成情况分析\n年度资金总额全年预算数5372.58万元，全年执行数4772.58万元。\n")
    out, report = _one_report(text)
    assert report["project"] == "某某化工园区重大安全风险防控项目"
    [project] = out["projects"]
    assert project["budget_full_year"] == "5372.58" and project["executed"] == "4772.58"


def test_a_sites_column_a_date_above_and_a_wrapped_label_are_not_the_title_or_the_name() -> None:
    text = ("【政策与标准】某某市2020年度妇女儿童健康水平提升工程项目绩效评价报告\n一、项目基本情况\n"
            "项目名称：某某社区柿子园自然\n村综合性活动场所建设项目\n下达资金47.3万元，执行率100%。\n")
    _, report = _one_report(text)
    assert report["title"] == "某某市2020年度妇女儿童健康水平提升工程项目绩效评价报告"
    text = ("2022年10月28日\n某某区居家养老政府购买服务经费项目绩效评价报告\n"
            "（一）项目决策情况（分值20分，得分15分）\n（二）项目过程情况（分值20分，得分18分）\n"
            "项目资金556万元，执行率100%。\n")
    out, report = _one_report(text)
    assert report["title"] == "某某区居家养老政府购买服务经费项目绩效评价报告"
    # the parts of the evaluation, scored with nothing under them, are no indicators
    assert not out["indicators"]


def test_a_labelled_name_wrapped_onto_the_next_line_is_joined() -> None:
    text = ("某某镇人民政府项目绩效自评报告\n一、项目概况\n项目名称:某某市某某镇菠萝社区柿子园自然\n"
            "村综合性活动场所建设项目\n项目建设性质:新建\n下达资金47.3万元，执行率100%。\n")
    _, report = _one_report(text)
    assert report["project"] == "某某市某某镇菠萝社区柿子园自然村综合性活动场所建设项目"


def test_numbered_paragraphs_each_heading_a_project_with_its_one_allocation() -> None:
    # a count and a total, then one paragraph per project: its name as a heading sentence, its money below
    text = ("中共某县县委办公室2023年度项目支出绩效评价报告\n一、项目基本情况\n"
            "本单位2023年参与绩效评价的项目共3个，共计30万元。具体情况如下：\n"
            "1.党建工作专项。主要用于支部活动、党员教育培训等。安排经费10万元。\n"
            "2.信息化运维专项。用于机房、网络和终端的维护。安排经费15万元。\n"
            "3.档案整理专项。用于档案数字化。安排经费5万元。\n"
            "二、绩效目标完成情况\n各项目均按计划完成。\n")
    out, report = _one_report(text)
    assert report["project"] is None
    assert {p["name"]: p["budget_full_year"] for p in out["projects"]} == {
        "党建工作专项": "10", "信息化运维专项": "15", "档案整理专项": "5"}


def test_a_projects_budget_and_spending_worded_as_its_funds_budget_and_spending_count() -> None:
    text = ("某市人民政府办公室2022年度项目绩效自评报告（联络处房租补助经费）\n一、项目基本情况\n"
            "该项目经费用于支付挂职干部住房租金，项目经费预算80万元，全年实际支出数为72.5万元。\n")
    out, report = _one_report(text)
    [project] = out["projects"]
    assert project["budget_full_year"] == "80" and project["executed"] == "72.5"


def test_a_page_posting_a_units_department_form_is_the_units_report() -> None:
    # the page's headline names only 'budget money'; the form under it is the department's
    text = ("重庆市大足区某某委员会2022年度预算资金绩效自评公开\n表1：\n2022年部门整体绩效目标自评表\n"
            "单位名称 大足区某某委员会 单位负责人及电话 张三\n资金情况(万元)\n"
            "年初预算资金总额(万元) 实际投入资金额(万元) 产生差异的原因\n合计 500.00 620.00 项目经费增加\n")
    out, report = _one_report(text)
    assert report["kind"] == "department_self_evaluation" and report["project"] is None
    assert not out["projects"]


def test_a_title_in_a_row_of_the_pages_metadata() -> None:
    text = ("索引号: | 11341700000000000X/202404-00001 | 组配分类: | 财政资金信息 |\n"
            "名称: | 广德市某局2023年度中央自然灾害救灾资金(防汛抢险)绩效自评报告 | 文号: | 无 |\n"
            "一、绩效目标分解下达情况\n2023年，省财政厅下达我市中央自然灾害救灾资金30万元，主要用于防汛物资购置。\n")
    out, report = _one_report(text)
    assert report["title"] == "广德市某局2023年度中央自然灾害救灾资金(防汛抢险)绩效自评报告"
    assert report["project"] == "中央自然灾害救灾资金(防汛抢险)"


def test_the_project_of_the_approval_a_report_cites_and_its_targets_listed_with_commas() -> None:
    text = ("绿春县自然资源局2021年度项目支出绩效评价报告\n一、项目基本情况\n"
            "2021年10月，省自然资源厅下发《某省自然资源厅关于绿春县甲等3个乡乙等10个村土地整治项目实施方案的批复》，"
            "到位资金60万元，已全部完成支出。\n二、绩效目标\n(一)产出指标\n"
            "1.数量指标:新增农用地面积48亩、新增耕地面积19亩。\n2.质量指标:项目验收合格率98%。\n")
    out, report = _one_report(text)
    # the county before a project's own name is part of what it is called (b77_02's label keeps it)
    assert report["project"] == "绿春县甲等3个乡乙等10个村土地整治项目"
    got = {i["name"]: i["target"] for i in out["indicators"]}
    assert got["新增农用地面积"] == "48亩" and got["新增耕地面积"] == "19亩"


def test_a_transfers_fund_named_by_the_template_and_the_equipment_its_money_bought() -> None:
    text = ("一、绩效目标分解下达情况\n(一)中央下达中医药部门公共卫生中央补助专项转移支付预算和绩效目标情况。\n"
            "中央财政下达专项转移支付资金100万元。即2019年中医药部门公共卫生中央补助资金的通知。\n"
            "二、绩效目标完成情况\n2.项目资金执行情况分析。\n"
            "项目资金用于购买ICU设备:血液净化设备35万元、有创呼吸机34万元、数字遥测23.5万元除颤监护仪7.5万元,共计100万元。\n")
    out, report = _one_report(text)
    assert report["project"] == "中医药部门公共卫生中央补助资金"
    items = {it["item"]: it["amount"] for it in out["spending_items"]}
    assert items == {"血液净化设备": "35", "有创呼吸机": "34", "数字遥测": "23.5", "除颤监护仪": "7.5"}


def test_parts_scored_with_their_points_alone_and_money_put_in() -> None:
    text = ("某市2021年新型职业农民培训民生工程绩效自评报告\n"
            "2021年我市培训新型职业农民1000人。经费投入260万元，全市共遴选12家培训机构。自评得分95分。\n"
            "一、投入(20分,自评20分)\n(一)目标管理(5分,自评5分)\n落实情况：开展了需求调研。\n"
            "(二)申报审核(15分,自评15分)\n落实情况：审核了申报材料。\n"
            "二、过程(30分,自评28分)\n(一)资金管理(30分,自评28分)\n落实情况：资金拨付及时。\n")
    out, report = _one_report(text)
    assert out["projects"][0]["budget_full_year"] == "260"
    got = {i["name"]: (i["level1"], i["weight"], i["score"]) for i in out["indicators"]}
    assert got["目标管理"] == ("投入", "5", "5") and got["资金管理"] == ("过程", "30", "28")


def test_a_title_naming_its_unit_then_what_it_evaluated_is_a_project_report() -> None:
    text = ("鄂州市疾病预防控制中心城镇供水卫生监督监测2019年度绩效自评报告一、绩效目标分解下达情况"
            "(一)市内分解下达预算和绩效目标情况:2019年市级财政下达水质监测专项经费120万元。\n")
    _, report = _one_report(text)
    assert (report["kind"], report["project"]) == ("project_self_evaluation", "城镇供水卫生监督监测")
    text = "信丰县城管局生活垃圾焚烧发电厂部门评价报告\n一、基本情况\n该项目2022年预算2000万元，实际支出2000万元，绩效良好。\n"
    _, report = _one_report(text)
    assert (report["kind"], report["project"]) == ("project_self_evaluation", "生活垃圾焚烧发电厂")
    # the unit's own report, or its office's, stays the department's
    for title in ("信丰县城管局2022年度部门整体支出绩效评价报告", "信丰县城管局执法大队2022年度绩效自评报告"):
        _, report = _one_report(title + "\n一、基本情况\n本局2022年预算2000万元，实际支出2000万元，绩效良好。\n")
        assert report["kind"] == "department_self_evaluation", title


def test_a_units_report_a_section_per_project_with_its_money_and_counted_targets() -> None:
    text = ("一、基本情况\n(一)项目概况。\n某支队编制2024年部门预算时，共编制项目支出预算2个、合计金额3.00万元，具体如下:\n"
            "(1)项目名称:个税申报工作经费,主要用于开展个税申报工作。州级预算数1.00万元。\n"
            "绩效指标设置3个,分别为:申报缴纳个税职工人数25人,申报缴纳完成率大于等于90%,职工个税正常申报缴纳。\n"
            "预算1.00万元,实际下达1.00万元,实际支出金额1.00万元,无结转下年,支出进度100%。\n"
            "(2)项目名称:从业资格考试工作经费,主要用于检查核查工作。州级预算数2.00万元。"
            "设置指标2个。分别是:检查核查人数≥12人,任务完成率≥99%。\n"
            "预算支出2.00万元,实际下达2.00万元,实际支出金额1.50万元,支出进度75%。\n"
            "二、绩效评价工作开展情况\n按要求开展了绩效自评工作。\n")
    out, report = _one_report(text)
    assert report["project"] is None
    money = {p["name"]: (p["budget_full_year"], p["executed"], p["execution_rate"]) for p in out["projects"]}
    assert money == {"个税申报工作经费": ("1.00", "1.00", "100"), "从业资格考试工作经费": ("2.00", "1.50", "75")}
    got = {(i["project"], i["name"]): i["target"] for i in out["indicators"]}
    assert got[("个税申报工作经费", "申报缴纳完成率")] == "大于等于90%"
    assert got[("个税申报工作经费", "职工个税正常申报缴纳")] is None
    assert got[("从业资格考试工作经费", "检查核查人数")] == "≥12人"


def test_what_a_projects_spending_breaks_into_is_spending_not_projects() -> None:
    text = ("某县教育局2022年度学生资助专项资金绩效自评报告\n一、项目资金情况\n"
            "2022年度，学生资助专项资金实际支出3,090,000.00元，其中：营养改善计划补助1,595,600.00元，"
            "贫困寄宿生生活补助809,100.00元，国家助学金685,300.00元。\n")
    out, report = _one_report(text)
    assert [p["name"] for p in out["projects"]] == ["学生资助专项资金"]
    assert {it["item"] for it in out["spending_items"]} == {"营养改善计划补助", "贫困寄宿生生活补助", "国家助学金"}


def test_a_project_reports_title_printed_three_ways_is_one_report_scored_by_its_parts() -> None:
    text = ("标       题: 某市统计局2020年人口普查经费资金项目绩效自评报告\n\n某市统计局\n\n"
            "2020人口普查经费资金项目绩效自评报告\n\n评价小组\n组长:张三\n\n某市统计局\n\n"
            "人口普查经费资金项目2020年度绩效自评报告\n一、投入(分值18分,自评得18分)\n"
            "(一)项目立项(分值8分,自评得8分)\n项目立项规范，预算资金253.7万元。\n"
            "(二)资金落实(分值10分,自评得10分)\n资金到位率100%。\n")
    out, report = _one_report(text)
    assert report["title"] == "某市统计局2020年人口普查经费资金项目绩效自评报告"
    got = {i["name"]: (i["weight"], i["score"]) for i in out["indicators"]}
    assert got == {"项目立项": ("8", "8"), "资金落实": ("10", "10")}


def test_indicators_written_as_a_name_and_labelled_fields_under_level_headings() -> None:
    text = ("某市市场监督管理局2024年度标准化工作专项补助经费绩效自评报告\n一、基本情况\n下达补助经费200万元。\n"
            "二、绩效分析\n(二) 成本指标\n1、经济成本指标\n"
            "1)获得补助企事业单位获得补助金额(万元),目标值200,完成值200,分值10,得分10。\n"
            "(一) 产出指标\n1、数量指标\n1)主导制修订国家标准的项目数量(项),目标值2,完成值2,分值6,得分6。\n"
            "2)参与制修订国家标准项目数量(项),目标值2,完成值1,分值6,得分3。\n")
    out, _ = _one_report(text)
    got = {i["name"]: (i["level1"], i["level2"], i["target"], i["actual"], i["weight"], i["score"])
           for i in out["indicators"]}
    assert got["获得补助企事业单位获得补助金额(万元)"] == ("成本指标", "经济成本指标", "200", "200", "10", "10")
    assert got["参与制修订国家标准项目数量(项)"] == ("产出指标", "数量指标", "2", "1", "6", "3")


def test_one_quarters_spending_and_a_sources_share_are_not_the_years() -> None:
    text = ("某市外事办公室2017年度项目绩效自评报告(友好城市工作项目)\n\n2017年度项目绩效自评报告\n\n"
            "(友好城市工作经费项目)\n\n一、项目基本情况\n年初预算20万元。1季度拨入为0,支出为0;"
            "2季度拨入5万元,支出3.33万元,执行率为66.6%。\n")
    out, report = _one_report(text)
    assert report["project"] == "友好城市工作项目"  # the page's title and the document's, one report
    assert all(p["executed"] != "3.33" for p in out["projects"])
    text = ("某省住房和城乡建设厅关于2019年度中央财政城镇保障性安居工程专项资金绩效自评报告\n一、基本情况\n"
            "2019年度全省城镇保障性安居工程资金共计128.79亿元,其中,中央财政专项资金49.24亿元,"
            "中央预算内基建投资65.50亿元,省级财政安排补助资金14.05亿元。\n")
    out, _ = _one_report(text)
    assert all(p["budget_full_year"] != "140500" for p in out["projects"])


def test_a_tranche_itemised_by_the_projects_it_supports() -> None:
    text = ("某市生态环境局2023年中央水污染防治资金绩效自评报告\n一、基本情况\n"
            "我市获得2023年度中央水污染防治专项资金9910万元，其中第一批资金9910万元，分别支持某湖水生态系统综合治理项目"
            "3000万元、某流域排水渠水污染综合治理项目3357.17万元、某电排站前池水生态修复项目3552.83万元。\n")
    out, _ = _one_report(text)
    funds = {p["name"]: p["budget_full_year"] for p in out["projects"]}
    assert funds["某流域排水渠水污染综合治理项目"] == "3357.17"


def test_a_page_number_before_the_title_and_the_titles_year_over_the_pages() -> None:
    text = ("2020年农业保险项目绩效评价报告\n\n来源:某网 发布时间:2020-09-23\n\n 8 2018 年农业保险 项目绩效评价报告\n\n"
            "  按照有关原则，对2018 年农业保险补贴项目实施了绩效评价。\n一、项目基本情况\n"
            "项目实施单位：石家庄市新华区农业农村局。2018年预算资金5万元，实际支出2.1776万元。\n")
    out, report = _one_report(text)
    assert report["title"] == "2018年农业保险项目绩效评价报告"
    assert out["fiscal_year"] == 2018


def test_a_districts_fund_keeps_no_stray_level_word() -> None:
    from ingest.extract.unit import known_divisions_prefix

    # '宣州区' is read whole, not as its short name '宣州' (which ends in the level word 州) and a stray '区'
    assert known_divisions_prefix("宣州区教育督导评价奖励补助资金") == 3
    assert known_divisions_prefix("安徽省宣城市转移支付") == 6


def test_a_numbered_list_of_approved_projects_with_a_breakdown_in_brackets() -> None:
    out, _ = _one_report(
        "某州某委员会2022年度项目支出绩效自评报告\n"
        "2022年批复某州某委员会项目5个，项目资金624万元。分别为：项目1：某某专项经费464.00万元（其中：某委309万元，"
        "对下转移支付补助经费155.00万元），项目2：特定项目甲经费20.00万元，项目3：特定项目乙经费40.00万元，"
        "项目4：某某运维经费100.00万元；项目5：年中调整追加某某奖励经费12万元。\n")
    budgets = {p["name"]: p["budget_initial"] for p in out["projects"]}
    assert budgets == {"某某专项经费": "464.00", "特定项目甲经费": "20.00", "特定项目乙经费": "40.00",
                       "某某运维经费": "100.00"}


def _executed(text: str) -> str | None:
    out = _extracted(text)
    return out["projects"][0]["executed"] if out["projects"] else None


def test_what_a_project_spent_is_read_in_more_wordings() -> None:
    head = "某县2022年农村公路安防工程项目绩效自评报告\n一、项目基本情况\n"
    assert _executed(head + "下达资金56万元,实际完成投资54.6万元。\n") == "54.6"
    assert _executed(head + "1.执行率情况。年度财政资金预算700万元,执行425万元,执行率60.71%。\n") == "425"
    assert _executed(head + "2、项目资金执行情况分析。2022年全县共完成发放补助资金141.8万元。\n") == "141.8"
    assert _executed(head + "1.执行率情况。2022年收到上级下达资金118.92万元,全年发放108.61万元。\n") == "108.61"


def test_a_projects_budget_is_read_as_its_budget_of_funds_or_its_total_budget() -> None:
    head = "某县2022年孤儿补助资金项目绩效自评报告\n一、项目基本情况\n"
    assert _extracted(head + "项目资金预算140.11万元,到位140.11万元。\n")["projects"][0]["budget_full_year"] == "140.11"
    assert _extracted(head + "该项目2022年度资金预算253.7万元,支出250万元。\n")["projects"][0]["budget_full_year"] == "253.7"
    assert _extracted(head + "孤儿补助资金项目总预算458.96万元。\n")["projects"][0]["budget_full_year"] == "458.96"


def test_a_parts_budget_of_funds_is_not_the_projects() -> None:
    out = _extracted("某区2021年农业生产发展资金绩效自评报告\n一、绩效目标分解下达情况\n"
                     "中央下达我区实际种粮农民一次性补贴资金预算44440万元;2021年农业生产发展资金合计671037万元。\n")
    assert all(p["budget_full_year"] != "44440" for p in out["projects"])


def test_a_start_of_year_allocation_is_the_initial_budget_not_the_years() -> None:
    for sentence, initial in (("年初安排预算资金1万元用于开展该项目。", "1"), ("年初财政下达资金10000元,到位资金10000元。", "1")):
        [p] = _extracted("某乡2024年党建工作项目绩效自评报告\n一、项目基本情况\n" + sentence + "\n")["projects"]
        assert (p["budget_initial"], p["budget_full_year"]) == (initial, None)


def test_the_allocations_sum_and_the_years_final_allocation_beat_a_first_part() -> None:
    head = "某县2021年农村饮水工程维修养护水利发展资金绩效自评报告\n一、概述\n"
    [p] = _extracted(head + "下达中央财政资金30.9万元,县财政资金30.9万元,共计下达61.8万元。\n")["projects"]
    assert p["budget_full_year"] == "61.8"
    [p] = _extracted(head + "2021年中央财政资金下达我区111万元,其中低保资金100万元,调减40万元,全年实际下达71万元,发放率100%。\n")["projects"]
    assert p["budget_full_year"] == "71"
