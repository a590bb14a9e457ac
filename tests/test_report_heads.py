"""How a report's head is read when a page runs it together (made-up texts in the shapes the thirteenth
session's reports print).

An analyst listing reports by year and title relies on the title ending where the report's own words
begin, even when the page glued the two.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_a_title_glued_to_the_department_it_is_addressed_to_ends_before_it() -> None:
    text = ("1、2017年外事业务经费绩效自评报告某市财政局:按照关于编制市级部门2018-2020年中期财政规划和2018年部门预算"
            "的通知要求,我办外事业务经费18万元纳入2017年财政支出绩效评价范围。现将自评情况汇报如下:一、项目概况\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["title"] == "2017年外事业务经费绩效自评报告"
    assert out["fiscal_year"] == 2017
