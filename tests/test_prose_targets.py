"""Indicators a report lists as its targets, in prose, under a project's own section.

The shape follows a real municipal report (tests/fixtures/real/b13/b13_02_jiangsu_prose.txt): one
section per project ('一、X项目'), and inside it a paragraph that opens on the targets and names each
level inline ('其中，投入目标：…。产出目标：…').
"""

from __future__ import annotations

from ingest.document import Line
from ingest.extract.prose import sectioned_indicators
from ingest.extract.text import TextLine

TEXT = [
    "2023年，我单位共有2个发展项目。",
    "一、农村饮水安全巩固项目",
    "（一）项目概况",
    "2、项目年度预算绩效目标。其中，投入目标：财政资金到位率100%，财政资金使用率95%。"
    "产出目标：新建集中供水工程12处，改造管网36公里。",
    "二、乡村道路养护项目",
    "（一）项目概况",
    "项目年度绩效目标。产出目标：养护道路里程120公里。",
]


def _paras(texts: list[str]) -> list[tuple[str, TextLine]]:
    return [(t, TextLine(t, False, Line(t, None, i), i)) for i, t in enumerate(texts)]


def test_target_paragraphs_give_indicators_with_their_targets_and_projects() -> None:
    rows = {r["name"]: r for r in sectioned_indicators(_paras(TEXT))}
    assert rows["财政资金到位率"]["target"] == "100%" and rows["财政资金到位率"]["actual"] is None
    assert rows["财政资金到位率"]["level1"] == "投入目标"
    assert rows["新建集中供水工程"]["target"] == "12处" or rows["改造管网"]["target"] == "36公里"
    assert rows["财政资金使用率"]["_own_project"] == "农村饮水安全巩固项目"
    assert rows["养护道路里程"]["_own_project"] == "乡村道路养护项目"


def test_results_win_over_targets_in_the_same_report() -> None:
    results = ["（二）绩效指标完成情况", "1、数量指标", "养护道路里程120公里，新建桥梁3座"]
    rows = sectioned_indicators(_paras(TEXT + results))
    assert rows and all(r["actual"] is not None and r["target"] is None for r in rows)


def test_results_run_together_under_level_headings() -> None:
    """A page that lost its punctuation: clauses run on after a percentage, two names share one figure
    ('A及B均为100%'), and target/result pairs follow each other with no separator (b23_04's shape)."""
    rows = sectioned_indicators(_paras([
        "三、绩效指标完成情况",
        "2.质量指标。补贴发放率为97%覆盖率及资金到位率均为100%。",
        "3.时效指标。补贴每月上旬发放指标为100%实际完成值为100%慰问金每年春节前发放指标为100%实际完成值为95%",
    ]))
    got = {r["name"]: (r["level2"], r["target"], r["actual"]) for r in rows}
    assert got["补贴发放率"] == ("质量指标", None, "97%")
    assert got["覆盖率"] == ("质量指标", None, "100%") and got["资金到位率"] == ("质量指标", None, "100%")
    assert got["补贴每月上旬发放"] == ("时效指标", "100%", "100%")
    assert got["慰问金每年春节前发放"] == ("时效指标", "100%", "95%")


def test_targets_a_transfers_report_counts_under_each_second_level() -> None:
    from ingest.document import Block, Document
    from ingest.extract import extract_document

    text = ("一、绩效目标分解下达情况\n(一)中央下达某省大气污染防治资金预算和区域绩效目标情况\n中央下达资金500万元。\n"
            "1.数量指标3个：治理企业数量12个、新增监测站点5个、削减排放量300吨/年。\n"
            "2.时效指标2个：项目开工率100%，项目完工率≥60%。\n"
            "3.生态效益指标2个：细颗粒物浓度下降比例、优良天数比例2项指标达到国家下达的年度目标值。\n"
            "4.满意度指标2个：群众满意度≥90%。\n")
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))
    got = {(i["level2"], i["name"]): i["target"] for i in out["indicators"]}
    assert got[("数量指标", "削减排放量")] == "300吨/年"
    assert got[("时效指标", "项目完工率")] == "≥60%"
    assert got[("生态效益指标", "优良天数比例")] == "达到国家下达的年度目标值"
    assert all(i["actual"] is None for i in out["indicators"])
    # a count the list does not match (two said, one printed) reads nothing
    assert not any(i["name"] == "群众满意度" for i in out["indicators"])


def test_a_scoring_table_printed_one_cell_per_paragraph() -> None:
    from ingest.document import Block, Document
    from ingest.extract import extract_document

    cells = ["2019年度部门整体支出绩效自评指标计分表", "一级", "指标", "二级指标", "三级指标", "自评分", "指标解释",
             "指标说明", "投   入(20分)", "目标", "设定(5分)", "绩效目标合理性(2分)", "2",
             "部门所设立的整体绩效目标依据是否充分，是否符合客观实际。", "①符合国家法律法规计1分；②符合职责计1分。",
             "绩效指标明确性(3分)", "2.5", "部门依据整体绩效目标所设定的绩效指标是否清晰、细化、可衡量。",
             "预算", "配置(15分)", "“三公经费”", "变动率(5分)", "5", "本年度“三公经费”预算数与上年度的变动比率。"]
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", "\n".join(cells) + "\n")]))
    got = {i["name"]: (i["level1"], i["level2"], i["weight"], i["score"]) for i in out["indicators"]}
    assert got == {"绩效目标合理性": ("投入", "目标设定", "2", "2"), "绩效指标明确性": ("投入", "目标设定", "3", "2.5"),
                   "“三公经费”变动率": ("投入", "预算配置", "5", "5")}


def test_levels_numbered_with_circled_digits_set_the_level_of_their_sentence() -> None:
    texts = ["2. 完成的绩效目标。", "(1)产出指标",
             "①数量指标:2023年,应补助人数9人,实际补助人数9人。",
             "②质量指标:补助资金补助范围为所有特殊教育学生,覆盖比率为100%。"]
    rows = {r["name"]: r for r in sectioned_indicators(_paras(texts))}
    assert (rows["应补助人数"]["level2"], rows["应补助人数"]["target"], rows["应补助人数"]["actual"]) == ("数量指标", "9人", "9人")
    assert (rows["覆盖比率"]["level1"], rows["覆盖比率"]["level2"], rows["覆盖比率"]["actual"]) == ("产出指标", "质量指标", "100%")


def test_a_labelled_list_of_compared_targets_gives_one_indicator_per_clause() -> None:
    from ingest.extract.prose import compared_target_lists

    rows = compared_target_lists(_paras([
        "（二）绩效目标：新修水渠≥1.2km；项目验收合格率≥100% ；受益农户满意度≥95%；受益农户数≥40户改善灌溉条件。",
    ]))
    assert [(r["name"], r["target"], r["actual"]) for r in rows] == [
        ("新修水渠", "≥1.2km", None), ("项目验收合格率", "≥100%", None),
        ("受益农户满意度", "≥95%", None), ("受益农户数", "≥40户", None)]


def test_a_compared_target_list_ends_at_the_first_clause_without_a_comparator() -> None:
    from ingest.extract.prose import compared_target_lists

    rows = compared_target_lists(_paras([
        "全年收入80万元。核心绩效目标：资金支出率≥98%、支出及时率≥97%，圆满完成年度重点任务，提升群众满意度。",
    ]))
    assert [(r["name"], r["target"]) for r in rows] == [("资金支出率", "≥98%"), ("支出及时率", "≥97%")]
    # one compared figure is a sentence, not a list of targets
    assert compared_target_lists(_paras(["绩效目标：资金支出率≥98%，按时完成全年任务。"])) == []
