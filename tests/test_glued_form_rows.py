"""A page of project forms whose cells a web page glued together row by row (made-up texts in the shape a
Shanghai town's page of 财政项目支出绩效自评表 prints).

What a user relies on: each form is its own project's report, with the year the form states; the money row
is cut back into its figures, also where they run together to the fen; every indicator row keeps its own
levels, values, points and deviation note; and figures in 元 under a 万元 header are not loaded as
ten thousand times the money.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted

FORM = """财政项目支出绩效自评表
2020年度
项目名称{project}
主管部门奉贤区某某镇人民政府实施单位奉贤区某某镇人民政府(本部)
项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分
年度资金总额{money}
其中:当年财政拨款   -0.0%-
年度总体目标预期目标实际完成情况
改善居民生活环境。
全年完成情况较好
绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标项目计划完成率100%100%2020
资金到位率100%100%1010
质量指标项目一次验收合格率100%80%1512管理不够到位
时效指标项目完成及时性及时较及时87受进度影响拖延
效益指标生态效益指标文明施工程度达标基本达标1010
满意度指标服务对象满意度指标群众满意度≧90%≧80%1010宣传指导不到位
长效管理指标档案管理有效性有效有效1515
总分:{total}
"""


def _page(money: str = "320.55320.55288.501090%8") -> str:
    return ("某某镇2021年预算绩效评价结果公开\n\n" + FORM.format(project="道路养护", money=money, total="92")
            + FORM.format(project="河道保洁", money="120.00120.00120.0010100.0%10", total="95"))


def test_each_form_of_a_page_is_its_projects_report_in_the_year_the_form_states() -> None:
    out = _extracted(_page())
    assert [(r["kind"], r["title"], r["project"], r["score"]) for r in out["reports"]] == [
        ("project_self_evaluation", "财政项目支出绩效自评表", "道路养护", "92"),
        ("project_self_evaluation", "财政项目支出绩效自评表", "河道保洁", "95")]
    # the page is headed 2021 (when it published the results); each form says 2020年度
    assert out["fiscal_year"] == 2020
    assert out["unit"]["name"] == "奉贤区某某镇人民政府"


def test_a_money_row_run_together_to_the_fen_is_cut_back_into_its_figures() -> None:
    out = _extracted(_page())
    money = {p["name"]: (p["budget_initial"], p["budget_full_year"], p["executed"], p["execution_rate"])
             for p in out["projects"]}
    assert money == {"道路养护": ("320.55", "320.55", "288.50", "90"),
                     "河道保洁": ("120.00", "120.00", "120.00", "100.0")}


def test_glued_rows_keep_levels_values_points_and_notes() -> None:
    rows = [(r["project"], r["level1"], r["level2"], r["name"], r["target"], r["actual"], r["weight"], r["score"],
             r["note"]) for r in _extracted(_page())["indicators"] if r["project"] == "道路养护"]
    assert rows == [
        ("道路养护", "产出指标", "数量指标", "项目计划完成率", "100%", "100%", "20", "20", None),
        ("道路养护", "产出指标", "数量指标", "资金到位率", "100%", "100%", "10", "10", None),
        ("道路养护", "产出指标", "质量指标", "项目一次验收合格率", "100%", "80%", "15", "12", "管理不够到位"),
        ("道路养护", "产出指标", "时效指标", "项目完成及时性", "及时", "较及时", "8", "7", "受进度影响拖延"),
        ("道路养护", "效益指标", "生态效益指标", "文明施工程度", "达标", "基本达标", "10", "10", None),
        ("道路养护", "满意度指标", "服务对象满意度指标", "群众满意度", "≧90%", "≧80%", "10", "10", "宣传指导不到位"),
        ("道路养护", "满意度指标", "长效管理指标", "档案管理有效性", "有效", "有效", "15", "15", None),
    ]


def test_a_county_units_figures_in_yuan_under_a_wan_header_are_converted() -> None:
    out = _extracted(_page(money="145000000.00145000000.00145000000.0010100.0%8"))
    [road] = [p for p in out["projects"] if p["name"] == "道路养护"]
    assert (road["budget_full_year"], road["executed"]) == ("14500", "14500")
    assert any("元 printed under a 万元 header" in w["message"] for w in out["warnings"])


def test_a_provinces_large_programme_keeps_its_figures() -> None:
    text = _page(money="1450000.001450000.001450000.0010100.0%8").replace("奉贤区某某镇人民政府", "湖南省农业农村厅")
    out = _extracted(text.replace("某某镇2021年预算绩效评价结果公开", "湖南省农业农村厅2021年预算绩效评价结果公开"))
    [road] = [p for p in out["projects"] if p["name"] == "道路养护"]
    assert road["budget_full_year"] == "1450000.00"


# ---- a project report in prose with a fund label over its title (made-up, in the shape of a Tianjin
# district's 直达资金 report)

PROSE = """(直达资金)天津市滨河新建道路工程项目2020年度绩效自评报告
发布时间:2021-05-14 来源:某某区财政局
一、绩效目标分解下达情况
区财政通过抗疫特别国债安排资金650万元。
二、绩效目标完成情况分析
(一)资金投入情况分析。
该项目已拨付工程款650万元,剩余工程款待申请。
(三)绩效指标完成情况分析。
1.产出指标完成情况分析。
数量指标:完成道路建设380米,已完成;
质量指标:确保路面质量,已完成;
2.效益指标完成情况分析。
社会效益指标:方便周边居民出行,已完成。
"""


def test_a_fund_label_before_a_title_is_part_of_the_title_not_of_the_project() -> None:
    [report] = _extracted(PROSE)["reports"]
    assert report["title"] == "(直达资金)天津市滨河新建道路工程项目2020年度绩效自评报告"
    assert report["project"] == "滨河新建道路工程项目"


def test_money_the_finance_bureau_arranged_and_paid_out_is_the_projects_budget_and_spending() -> None:
    [project] = _extracted(PROSE)["projects"]
    assert (project["budget_full_year"], project["executed"]) == ("650", "650")
    # what the project needs is no budget it was given
    needs = PROSE.replace("区财政通过抗疫特别国债安排资金650万元", "该项目需区财政安排资金900万元")
    [project] = _extracted(needs)["projects"]
    assert project["budget_full_year"] is None


def test_an_indicator_with_its_verdict_under_its_levels_headings() -> None:
    rows = [(r["level1"], r["level2"], r["name"], r["target"], r["actual"]) for r in _extracted(PROSE)["indicators"]]
    assert rows == [("产出指标", "数量指标", "完成道路建设380米", None, "已完成"),
                    ("产出指标", "质量指标", "确保路面质量", None, "已完成"),
                    ("效益指标", "社会效益指标", "方便周边居民出行", None, "已完成")]
