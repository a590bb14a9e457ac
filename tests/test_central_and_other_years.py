"""Reports of central departments, and totals a sentence states of another year (made-up texts in the
shapes the fourteenth session's reports print).

An analyst comparing units relies on a ministry's 决算 carrying the ministry's name (no division places
it), and on a unit's totals being the report's year's, not last year's quoted for comparison.
"""

from __future__ import annotations

from ingest import regions
from ingest.extract.unit import central_unit
from tests.test_prose_project_reports import _extracted


def test_a_central_departments_news_item_names_the_department_that_published() -> None:
    out = _extracted("某某网7月9日电 国家档案局7日在其官方网站公布了2010年“三公”经费财政拨款决算情况。国家档案局"
                     "2010年“三公”经费财政拨款支出决算数为593.53万元，其中公务接待费81.2万元。\n")
    assert out["unit"]["name"] == "国家档案局"
    assert out["unit"]["region_code"] is None


def test_a_central_department_is_named_as_printed_at_its_longest() -> None:
    # a renamed or shortened name is the same department: the fullest printing is its name
    flat = "国家测绘局晒三公。国家测绘地理信息局今日在其网站公布“三公经费”情况，国家测绘局2010年“三公经费”决算数为100万元。"
    assert central_unit(flat) == "国家测绘地理信息局"


def test_a_central_department_handing_money_down_or_cited_is_not_the_reporter() -> None:
    # a province's report on a central transfer names the ministry that allocated it, not itself
    assert central_unit("2023年，财政部下达我区中央自然灾害救灾资金2513万元。根据财政部关于下达资金的通知，"
                        "报财政部备案。") is None
    out = _extracted("某省2021年度中央农村环境整治资金绩效自评报告\n财政部下达我省资金5404万元，收到财政部下达资金后"
                     "分配至有关市县。\n")
    assert out["unit"]["name"] is None
    # a word the name is part of ('教育部门', '水利部分') is no department
    assert central_unit("教育部门组织开展水利部分资金检查，外交部长出席。") is None


def test_two_departments_reporting_as_often_name_neither() -> None:
    assert central_unit("8日，财政部公布了中央本级三公经费决算。继科技部公开2011年本部门预算后，多部门公开。") is None


def test_every_central_department_is_listed_once_with_its_other_names() -> None:
    names = [n for d in regions.central_departments() for n in (d.name, *d.printed_as)]
    assert len(names) == len(set(names))
    assert {"财政部", "国家统计局", "审计署", "中央广播电视总台"} <= {d.name for d in regions.central_departments()}


def test_totals_stated_of_last_year_for_comparison_are_not_this_years() -> None:
    text = ("某县公路事务中心2023年度决算公开说明\n（一）收入支出决算总体情况说明\n"
            "2023年度收入总计6462.57万元，支出总计6462.57万元。收支较上年决算数减少570.58万元，主要原因是2022年"
            "收入总计7033.15万元，包括本年收入合计6925.14万元，使用年初结转和结余108.01万元；2023年收入总计6462.57万元，"
            "包括本年收入合计6462.57万元。2022年支出总计7033.15万元，包括本年支出合计7033.15万元。2023年支出总计"
            "6462.57万元，包括本年支出合计6462.57万元。\n")
    totals = _extracted(text)["department_totals"]
    assert (totals["income_total"], totals["expenditure_total"]) == ("6462.57", "6462.57")


def test_a_year_compared_with_does_not_make_a_clause_last_years() -> None:
    text = ("某县某局2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "2023年度本年收入合计300万元，较2022年增加20万元，本年支出合计280万元，比2022年减少5万元。\n")
    totals = _extracted(text)["department_totals"]
    assert (totals["income_total"], totals["expenditure_total"]) == ("300", "280")


def test_a_title_naming_the_targets_of_a_fund_names_the_fund() -> None:
    [report] = _extracted("某县渡口管理所2019年渡运补贴项目资金绩效目标自评报告\n一、项目概况\n"
                          "渡运补贴项目年度预算23.88万元。\n")["reports"]
    assert report["project"] == "渡运补贴"
    [report] = _extracted("某县执法支队2024年度项目绩效目标自评报告\n一、绩效目标分解下达情况\n"
                          "2024年度下达财政资金预算总额为925.16万元，共分解10个项目。\n")["reports"]
    assert report["project"] is None


def test_a_pages_file_title_label_is_not_part_of_the_title() -> None:
    out = _extracted("  • 成文日期 2024-09-19\n  • 文件标题 某县公路事务中心 2023年度决算公开说明\n  • 发布机构 某县交通局\n\n"
                     "某县公路事务中心\n\n2023年度决算公开说明\n\n一、部门基本情况\n2023年度收入总计300万元，支出总计300万元。\n")
    assert out["reports"][0]["title"] == "某县公路事务中心2023年度决算公开说明"


def test_a_score_the_evaluation_gives_itself_and_the_money_actually_put_in() -> None:
    out = _extracted("某县2023年度安全生产专职人员费用项目绩效自评报告\n一、项目概况\n项目全年预算481.88万元，实际投入"
                     "资金339万元，实际执行率为70.35%。\n二、自评结论\n安全生产专职人员费用绩效自评得97.03分，自评等级为“优”。\n")
    [report] = out["reports"]
    assert (report["score"], report["grade"]) == ("97.03", "优")
    [project] = out["projects"]
    assert (project["budget_full_year"], project["executed"], project["execution_rate"]) == ("481.88", "339", "70.35")


def test_a_space_aligned_forms_money_header_with_its_unit_apart_reads_the_money_row() -> None:
    text = ("某县某局2022年项目支出绩效目标表\n       项目支出绩效自评表 \n           (2022年度)\n"
            "项目名称 某某创业行动经费\n主管部门 031-某县某局 实施单位 031001-某县某局\n"
            "项目资金                    (万元)   年初预算数 全年预算数 全年执行数 分值  执行率 得分\n"
            "年度资金总额: 25 25 25 10 100.00% 10.00\n其中:本年财政拨款 25 25 25    \n上年结转资金 0 0 0    \n")
    [project] = _extracted(text)["projects"]
    assert (project["budget_initial"], project["budget_full_year"], project["executed"], project["execution_rate"]) \
        == ("25", "25", "25", "100.00")
    # a row with more values than its header has columns is not guessed at
    extra = text.replace("年度资金总额: 25 25 25 10", "年度资金总额: 25 25 25 25 10")
    assert not any(p.get("executed") for p in _extracted(extra)["projects"])


def test_a_projects_total_investment_is_its_cost_not_the_years_budget() -> None:
    text = ("某县2023年度某某小流域综合治理项目绩效自评报告\n一、项目概况\n该项目总投资3150万元，建设内容包括坡改梯和"
            "封育治理。\n二、绩效目标完成情况\n治理水土流失面积10平方公里。\n")
    assert not any(p.get("budget_full_year") == "3150" for p in _extracted(text)["projects"])
    budgeted = text.replace("该项目总投资3150万元", "项目预算总投资47.3万元")
    assert [p["budget_full_year"] for p in _extracted(budgeted)["projects"]] == ["47.3"]


def test_a_forms_project_period_printed_without_a_dash_dates_the_report() -> None:
    # '项目起止时间 2018 年 1 月 2018 年 12 月': the year the project ran, though no title prints it
    out = _extracted("某县国土资源局土地出让金业务费绩效评价报告 二一八年十二月 项目名称 土地出让金业务费 "
                     "项目起止时间 2018 年 1 月 2018 年 12 月 计划安排资金(万元) 400 实际支出(万元) 400 绩效\n")
    assert out["fiscal_year"] == 2018
