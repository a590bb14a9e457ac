"""三公 statements, department totals and project names met in the eleventh session's rounds (b153–b170):
made-up texts in the shapes those reports print.

An analyst comparing what units spent relies on a 三公 figure being the year's 决算, not the next year's
budget printed before it; on a unit's spending never being last year's figure or a total of its 三公
items; and on a project's name being a name, not a year, an amount, a heading's last word or a verb.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted, _one_report


def _items(out: dict) -> dict[str, str]:
    return {i["item"]: i["amount"] for i in out["spending_items"]}


def test_a_budget_printed_before_the_years_three_public_accounts_is_not_what_was_spent() -> None:
    text = ("某部2020年“三公”经费决算情况说明\n"
            "某部公布了本部“三公”经费2020决算支出和2021年预算情况:2021年本部“三公”经费财政拨款预算9.2亿元。"
            "其中,因公出国(境)经费1.5亿元,公务用车购置及运行费6亿元,公务接待费1.7亿元。\n"
            "经汇总,2020年本部用财政拨款开支的因公出国(境)经费、公务用车购置及运行费、公务接待费决算支出9.8亿元。"
            "其中,因公出国(境)经费1.2亿元,公务用车购置及运行费6.5亿元,公务接待费2.1亿元。\n")
    out = _extracted(text)
    assert _items(out) == {"因公出国(境)经费": "12000", "公务用车购置及运行费": "65000", "公务接待费": "21000"}
    totals = out["department_totals"]
    # the total of the three items is the 三公 figure, not the unit's whole spending
    assert totals["three_public_expenses"] == "98000"
    assert totals["expenditure_total"] is None


def test_three_public_spending_stated_after_its_budget_is_the_total() -> None:
    text = ("某局2020年“三公”经费情况说明\n该局去年“三公经费”预算总额120.5万元,实际支出110.3万元。其中,"
            "因公出国(境)费支出10.3万元,公务接待费支出40万元,公务用车购置及运行费支出60万元。\n")
    assert _extracted(text)["department_totals"]["three_public_expenses"] == "110.3"


def test_last_years_spending_is_not_the_units_spending() -> None:
    text = ("某杂志社2020年度部门决算\n一、收入支出决算总体情况说明\n本年收入3480.27万元。"
            "印刷费与上年度支出2994.93万元对比下降15.74%。\n")
    totals = _extracted(text)["department_totals"]
    assert totals["income_total"] == "3480.27"
    assert totals["expenditure_total"] is None


def test_a_departments_full_year_execution_is_its_spending() -> None:
    text = ("某市某局2022年度部门绩效自评工作情况总结\n一、部门整体支出自评情况\n"
            "2022年,市某局部门全年预算数为1718.98万元,全年执行数为1720.45万元,执行率为100.09%。\n")
    assert _extracted(text)["department_totals"]["expenditure_total"] == "1720.45"


def test_a_year_without_nian_and_an_amount_in_a_title_are_not_the_projects_name() -> None:
    from ingest.extract.money import clean_project_name

    assert clean_project_name("2018甲乙实验教学中心建设") == "甲乙实验教学中心建设"
    assert clean_project_name("甲乙执法经费4.8万元") == "甲乙执法经费"


def test_a_headings_last_word_is_not_the_start_of_the_name_the_body_repeats() -> None:
    text = ("某市卫生委员会2017年度甲乙综合管理试点工作经费项目绩效自评报告\n一、项目基本情况\n\n"
            "甲乙综合管理试点工作经费项目,实施单位为某市卫生委员会,市级财政补助10万元。\n"
            "二、项目绩效实现情况\n(一)项目资金情况\n甲乙综合管理试点工作经费项目,市级财政补助10万元,支出10万元。\n")
    _, report = _one_report(text)
    assert report["project"].startswith("甲乙综合管理")


def test_a_report_on_all_of_a_units_projects_is_a_project_report_naming_none() -> None:
    text = ("某县某中心2022年度项目整体绩效自评报告\n一、基本情况\n2022年年初预算899.7万元,"
            "实际支付462.4万元。\n")
    _, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation"
    assert report["project"] is None


def test_a_programmes_building_report_is_a_project_report() -> None:
    text = ("某县甲乙油茶产业建设绩效自评报告\n一、绩效目标分解下达情况\n"
            "2022年度衔接资金115万元,用于甲乙油茶产业建设项目。\n")
    _, report = _one_report(text)
    assert report["kind"] == "project_self_evaluation"


def test_a_step_of_the_moneys_way_is_no_project() -> None:
    from ingest.extract.validate import validate_projects

    warnings: list[dict] = []
    kept = validate_projects([{"name": "入库", "budget_full_year": "5586.05"},
                              {"name": "甲乙产业路", "budget_full_year": "30"}], warnings)
    assert [p["name"] for p in kept] == ["甲乙产业路"]
    assert warnings


def test_figures_run_together_are_no_execution_rate() -> None:
    from ingest.extract.validate import validate_projects

    warnings: list[dict] = []
    [kept] = validate_projects([{"name": "甲乙监测", "budget_full_year": None, "executed": None,
                                 "execution_rate": "1010100"}], warnings)
    assert kept["execution_rate"] is None
    assert warnings


def test_a_bureaus_branch_named_by_its_districts_short_name() -> None:
    text = ("麦积区某某镇斜坡治理工程支出绩效评价报告\n项目名称:某某镇斜坡治理工程\n"
            "评价实施部门: 天水市自然资源局麦积分局\n一、项目基本情况\n")
    unit = _extracted(text)["unit"]
    assert unit["region_code"] == "620503"
    assert unit["name"] in (None, "天水市自然资源局麦积分局")


def test_three_public_accounts_of_the_money_a_budget_arranged_are_what_was_spent() -> None:
    text = ("某省2015年“三公”经费支出减少3.3亿元\n某省财政厅公布,去年省级一般公共预算安排的“三公”经费决算支出5亿元,"
            "比上年减少3.3亿元。主要支出情况是:公务用车购置费0.1亿元;公务用车运行维护费3.3亿元;公务接待费0.9亿元。"
            "因公出国(境)费0.7亿元。\n")
    assert _extracted(text)["department_totals"]["three_public_expenses"] == "50000"


def test_a_prefecture_is_not_its_namesake_county() -> None:
    # 铁岭县 shares its short name with 铁岭市; '铁岭市' printed in full is no mention of the county
    text = ("辽宁省铁岭市人民代表大会常务委员会办公室2023年度部门决算公开\n来源:铁岭市人大常委会\n目录\n"
            "第一部分辽宁省铁岭市人民代表大会常务委员会办公室概况\n一、主要职责\n")
    assert _extracted(text)["unit"]["region_code"] == "211200"


def test_an_autonomous_regions_bureau_is_no_districts() -> None:
    from ingest.extract.unit import short_forms

    assert not [s for s in short_forms("根据自治区乡村振兴局关于印发方案的通知") if s.startswith("区")]


def test_an_indent_turned_into_question_marks_is_not_part_of_a_line() -> None:
    from ingest.extract.text import clean

    assert clean("??2023年度部门决算公开") == "2023年度部门决算公开"


def test_points_printed_where_a_rows_values_were_left_blank_are_its_points() -> None:
    text = ("项目支出绩效自评表\n(2022年度)\n项目名称 甲乙防御经费\n主管部门 实施单位 某市某局\n"
            "项目资金\n(万元)\n年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n"
            "年度资金总额: 880 880 880 10 10\n"
            "年度绩效指标完成情况 一级\n指标\n二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
            "数量指标 指标1:完成甲乙改造项目数量 1 1 10 10\n指标2:完成乙丙改革项目 1 1 10 10\n"
            "质量指标 指标1:工程质量合格 10 10\n"
            "时效指标 指标1:年度资金支付完成率100% 10 10\n"
            "满意度指标\n服务对象\n满意度指标\n指标1:服务对象满意度 90% 100% 10 10\n总分 100 100\n")
    rows = {i["name"].split("：")[-1]: i for i in _extracted(text)["indicators"]}
    assert rows["完成甲乙改造项目数量"]["target"] == "1"
    quality = rows["工程质量合格"]
    assert (quality["target"], quality["actual"], quality["weight"], quality["score"]) == (None, None, "10", "10")


def test_a_report_on_using_evaluation_results_is_a_report() -> None:
    from ingest.extract import _looks_like_report

    text = ("2022年度某某补助资金重点\n项目绩效目标评价结果运用的报告\n某县领导小组:\n"
            "现将评价情况报告如下。该项目总投资750.02万元,建成烤房70座。\n")
    assert _looks_like_report(text)


def test_a_self_evaluation_report_that_never_writes_jixiao_is_a_report() -> None:
    from ingest.extract import _looks_like_report

    text = ("根据通知要求,现将某某体育场2020免费低收费开放补助资金使用和管理自评报告公示如下。\n一、项目基本情况\n"
            "某某体育场投资总额1631万元,2020年项目支出130万元。\n")
    assert _looks_like_report(text)
    # a self-evaluation of something else, with no budget words, is still no report
    assert not _looks_like_report("某校2020年办学质量自评报告\n学校共有教师120人,学生1500人。\n")
