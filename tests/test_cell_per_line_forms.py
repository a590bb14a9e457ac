"""A province's scoring form printed one cell per line, and who reports in its head (made-up texts in
the shape a Hainan form's web copy prints).

An analyst comparing how units score the same item relies on each row keeping its levels, points and
score however the page broke the table into lines; a SQL user grouping by province relies on a
province's department being placed in its province, not in the city its address names.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted

HEAD = ["某某展会项目绩效自评表", "一、项目基本情况", "项目实施单位", "省文化和旅游厅展会服务处", "主管部门", "省文化和旅游厅",
        "项目负责人", "某某", "地址", "海口市某某大道省政府办公楼3楼", "计划投资额", "(万元)", "300",
        "实际到位资金", "(万元)", "280", "实际使用情况(万元)", "276.5"]
SCORES = ["二、绩效评价指标评分", "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分",
          "项目决策", "12", "项目目标", "4", "目标内容", "4", "4", "决策过程", "8", "决策依据", "3", "2", "决策程序", "5", "5",
          "项目管理", "10", "资金到位", "5", "到位率", "3", "3", "到位时效", "2", "1", "资金管理", "5", "资金使用", "5", "4"]


def test_a_scoring_form_printed_one_cell_per_line_keeps_each_rows_levels() -> None:
    # the copy ends after a first-level cell whose rows were cut off: the rows above it are still read
    out = _extracted("\n\n".join([*HEAD, *SCORES, "项目绩效", "78"]) + "\n")
    rows = [(r["level1"], r["level2"], r["name"], r["weight"], r["score"]) for r in out["indicators"]]
    assert rows == [("项目决策", "项目目标", "目标内容", "4", "4"), ("项目决策", "决策过程", "决策依据", "3", "2"),
                    ("项目决策", "决策过程", "决策程序", "5", "5"), ("项目管理", "资金到位", "到位率", "3", "3"),
                    ("项目管理", "资金到位", "到位时效", "2", "1"), ("项目管理", "资金管理", "资金使用", "5", "4")]


def test_a_one_cell_per_line_stream_whose_sums_do_not_hold_is_not_read() -> None:
    broken = [*SCORES]
    broken[broken.index("决策程序") + 1] = "6"  # 3 + 6 is not the 8 points of 决策过程
    out = _extracted("\n\n".join([*HEAD, *broken]) + "\n")
    assert out["indicators"] == []


def test_an_office_inside_the_department_reports_as_the_department_in_its_province() -> None:
    out = _extracted("\n\n".join([*HEAD, *SCORES]) + "\n")
    unit = out["unit"]
    # '…展会服务处' is an office of the 主管部门 named before it; the office building's address names a city,
    # but '省…厅' is the province's
    assert unit["name"] == "省文化和旅游厅"
    assert unit["region_code"] == "460000"
    assert "海口市某某大道省政府办" not in str(out)
