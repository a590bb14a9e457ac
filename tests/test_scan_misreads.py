"""Figures a scan or a copy site printed broken: unknown beats wrong.

An analyst summing what projects spent relies on an amount never being a fragment of a figure the
scan broke ('89+82' for 89.82): such an amount is left empty with a warning, and the project stays.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_an_amount_broken_by_a_stray_sign_is_left_empty_and_the_project_kept() -> None:
    text = ("财政支出项目绩效评价自评报告评价类型：项目完成结果评价项目名称某某文化站运行经费项目单位某县文化局"
            "主管部门某县人民政府评价方式：部门(单位)绩效自评一、项目基本概况项目负责人张三"
            "计划安排资金(万元)实际到位资金(万元)60实际支出(万元)57+35结余(万元)2.65\n")
    out = _extracted(text)
    (project,) = out["projects"]
    assert project["name"] == "某某文化站运行经费"
    assert project["executed"] is None
    assert any("broken" in w["message"] for w in out["warnings"] if w["field"] == "projects.executed")


def test_a_whole_amount_after_its_label_is_still_read() -> None:
    text = ("财政支出项目绩效评价自评报告评价类型：项目完成结果评价项目名称某某文化站运行经费项目单位某县文化局"
            "主管部门某县人民政府评价方式：部门(单位)绩效自评一、项目基本概况项目负责人张三"
            "计划安排资金(万元)实际到位资金(万元)60实际支出(万元)57.35结余(万元)2.65\n")
    (project,) = _extracted(text)["projects"]
    assert project["executed"] == "57.35"
