"""Evaluations scored heading by heading, in the shapes the thirteenth session's reports print: made-up
texts.

An analyst comparing how units score the same item (项目立项, 资金到位率…) relies on every scored item
being read with its points (分值) and its score (得分), wherever the report prints the score.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted

HEAD = "某县2021年学前教育项目绩效自评报告\n"


def _rows(text: str) -> dict[str, tuple[str | None, str | None, str | None, str | None]]:
    out = _extracted(HEAD + text)
    return {r["name"]: (r["level1"], r["level2"], r["weight"], r["score"]) for r in out["indicators"]}


def test_a_headings_points_take_the_score_its_paragraph_ends_on() -> None:
    rows = _rows("一、投入(14分)\n(一)项目立项(8分):\n(1)项目立项(2分)\n"
                 "我县严格按照基建项目申报审批程序编报项目建议书,程序完整。自评得2分。\n"
                 "(2)项目预算规范性(3分):\n我县认真做好资金需求编制,自评得3分。\n"
                 "(3)项目绩效目标设立(3分):\n绩效目标与年度实施规划目标任务一致,自评得3分。\n")
    assert rows == {"项目立项": ("投入", "项目立项", "2", "2"),
                    "项目预算规范性": ("投入", "项目立项", "3", "3"),
                    "项目绩效目标设立": ("投入", "项目立项", "3", "3")}


def test_a_paragraph_that_states_two_different_scores_gives_none() -> None:
    rows = _rows("一、投入(10分)\n(1)项目立项(5分)\n程序完整,自评得5分;资料不全,得4分。\n"
                 "(2)资金落实(5分)\n资金全部到位,自评得5分。\n")
    assert rows["项目立项"] == ("投入", None, "5", None)
    assert rows["资金落实"] == ("投入", None, "5", "5")


def test_points_closed_before_the_score_are_read() -> None:
    rows = _rows("(一)资金保障(分值10分),自评10分。\n1、县级预算安排资金(分值5分),自评5分。\n"
                 "2、资金匹配项目进度(分值5分),自评4分。\n")
    assert rows == {"县级预算安排资金": ("资金保障", None, "5", "5"),
                    "资金匹配项目进度": ("资金保障", None, "5", "4")}


def test_one_scored_item_under_a_scored_part_is_an_indicator() -> None:
    rows = _rows("一、投入(分值20分,自评20分)\n(一)目标管理(分值5分,自评5分)\n开展了培训需求摸底调研。\n")
    assert rows == {"目标管理": ("投入", None, "5", "5")}


def test_headings_with_points_but_no_score_anywhere_are_no_indicators() -> None:
    out = _extracted(HEAD + "(1)项目立项(2分)\n程序完整。\n(2)资金落实(3分)\n资金到位。\n")
    assert out["indicators"] == []


def test_a_headings_points_with_its_paragraph_on_the_same_line_take_the_score_it_ends_on() -> None:
    rows = _rows("一、投入(14分)\n(一)项目立项(8分):\n"
                 "(1) 建设项目立项(2分)我县严格按照基建项目申报审批程序编报项目建议书,程序完整。自评得2分。\n"
                 "(2) 项目预算规范性(3分 :我县认真做好资金需求编制,自评得3分。\n"
                 "(3) 项目绩效目标设立(3分):绩效目标与年度实施规划目标任务一致,自评得2分\n")
    assert rows == {"建设项目立项": ("投入", "项目立项", "2", "2"),
                    "项目预算规范性": ("投入", "项目立项", "3", "3"),
                    "项目绩效目标设立": ("投入", "项目立项", "3", "2")}
