"""A province's three-level scoring form flattened by a document site into one run of names and figures
(made-up texts in the shapes b213 and b214 print).

An analyst comparing how units score the same item relies on each third-level row keeping its levels,
its points (分值) and its score (得分), and on nothing being read where the figures do not add up.
"""

from __future__ import annotations

from ingest.extract.scored_stream import read_levels, stream_cells
from tests.test_prose_project_reports import _extracted

HEAD = ("财政支出项目绩效评价报告\n评价类型: 完成结果评价 项目名称:某某学校校车运行经费 "
        "项目单位:某县教育局 主管部门:某县人民政府 评价时间:2017 年 11 月 20 日 单位:万元\n"
        "二、绩效评价指标评分一级指标 分值 二级指标 分值 三级指标 分值 得分")


def _rows(text: str) -> list[tuple]:
    out = _extracted(text)
    return [(r["project"], r["level1"], r["level2"], r["name"], r["weight"], r["score"]) for r in out["indicators"]]


def test_a_stream_in_reading_order_keeps_each_rows_levels() -> None:
    rows = _rows(HEAD + " 项目决策 12 项目目标 4 目标内容 4 4 决策过程 8 决策依据 3 2 决策程序 5 5 "
                 "项目管理 10 资金到位 5 到位率 3 3 到位时效 2 1 资金管理 5 资金使用 5 4 总分 22 19 评价等次 良\n")
    assert rows == [("某某学校校车运行经费", "项目决策", "项目目标", "目标内容", "4", "4"),
                    ("某某学校校车运行经费", "项目决策", "决策过程", "决策依据", "3", "2"),
                    ("某某学校校车运行经费", "项目决策", "决策过程", "决策程序", "5", "5"),
                    ("某某学校校车运行经费", "项目管理", "资金到位", "到位率", "3", "3"),
                    ("某某学校校车运行经费", "项目管理", "资金到位", "到位时效", "2", "1"),
                    ("某某学校校车运行经费", "项目管理", "资金管理", "资金使用", "5", "4")]


def test_merged_cells_printed_among_their_rows_are_placed_by_their_sums() -> None:
    # a merged cell stands at the middle of its rows: '决策过程 8' after its first row, '项目决策 20'
    # among its second-level cells, '资金分配 8' between its two rows
    rows = _rows(HEAD + " 项目目标 4 目标内容 4 4决策依据 3 3决策过程 8决策程序 5 5分配办法 2 2项目决策 20"
                 "资金分配 8分配结果 6 6产出数量 5 5项目绩效 13 项目产出 9产出质量 4 3项目效益 4 社会效益 4 4\n")
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("项目决策", "项目目标", "目标内容", "4", "4"), ("项目决策", "决策过程", "决策依据", "3", "3"),
        ("项目决策", "决策过程", "决策程序", "5", "5"), ("项目决策", "资金分配", "分配办法", "2", "2"),
        ("项目决策", "资金分配", "分配结果", "6", "6"), ("项目绩效", "项目产出", "产出数量", "5", "5"),
        ("项目绩效", "项目产出", "产出质量", "4", "3"), ("项目绩效", "项目效益", "社会效益", "4", "4")]


def test_a_stream_cut_short_keeps_the_rows_before_the_cut_and_a_run_together_score_is_left_empty() -> None:
    rows = _rows(HEAD + " 项目决策 10 项目目标 8 目标内容 4 4 目标明确 4 4 资金分配 2 分配办法 2 2 项目绩效 43 "
                 "项目产出 15 产出数量 5 5 产出质量 4 43\n")
    assert [(r[3], r[4], r[5]) for r in rows] == [("目标内容", "4", "4"), ("目标明确", "4", "4"),
                                                  ("分配办法", "2", "2"), ("产出数量", "5", "5"),
                                                  ("产出质量", "4", None)]


def test_a_part_whose_only_group_has_its_points_is_ambiguous_and_not_read() -> None:
    # '项目管理 5' over '资金到位 5' alone: either could be the first level
    cells = stream_cells(" 项目决策 12 项目目标 4 目标内容 4 4 决策过程 8 决策依据 3 2 决策程序 5 5 "
                         "项目管理 5 资金到位 5 到位率 3 3 到位时效 2 1")
    assert read_levels(cells) is None


def test_figures_that_do_not_add_up_are_not_read() -> None:
    cells = stream_cells(" 项目决策 20 项目目标 4 目标内容 3 3 决策过程 8 决策依据 3 3 决策程序 4 4 项目管理 9 "
                         "资金到位 9 到位率 3 3 到位时效 2 2")
    assert read_levels(cells) is None
    assert _rows(HEAD + " 项目决策 20 项目目标 4 目标内容 3 3 决策过程 8 决策依据 3 3 决策程序 4 4\n") == []


def test_a_forms_head_run_into_one_line_names_the_project_up_to_the_next_label() -> None:
    out = _extracted(HEAD + " 项目决策 10 项目目标 8 目标内容 4 4 目标明确 4 4 资金分配 2 分配办法 2 2\n")
    assert {r["project"] for r in out["indicators"]} == {"某某学校校车运行经费"}
