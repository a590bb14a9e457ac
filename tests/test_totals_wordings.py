"""A unit's totals (收入 / 支出 / 基本支出 / 项目支出) in the wordings 决算 explanations use (made-up texts in the
shapes the real corpus prints).

A SQL user summing spending across units relies on each unit's total being read where it is printed,
and on a part printed with the wrong unit not landing ten thousand times too small.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_a_total_after_a_sentence_about_a_decrease_is_this_years() -> None:
    # the change words end the sentence before; the cue's own sentence is about this year
    out = _extracted("某镇人民政府2021年度部门决算情况说明\n2021年度收入合计812万元，较上年决算数减少70.5万元，主要原因是"
                     "专项经费等减少。支出总计812万元，较上年决算数减少70.5万元。\n")
    assert out["department_totals"]["expenditure_total"] == "812"


def test_the_units_own_spending_is_its_total() -> None:
    for wording in ("我单位支出为468.74万元", "本单位支出468.74万元"):
        out = _extracted(f"某某卫生院2021年度决算公开\n（二）支出决算情况\n2021年度，{wording}。其中：基本支出250.72万元，"
                         "项目支出218.02万元。\n")
        assert out["department_totals"]["expenditure_total"] == "468.74", wording


def test_one_part_printed_in_yuan_beside_the_other_in_wan_is_read_in_wan() -> None:
    out = _extracted("某某医院2017年度部门决算\n2017年度，我单位支出为8425.84万元。\n其中：基本支出8396.48万元，较上年增加"
                     "2146.93万元。\n项目支出29.36元，较上年减少973.77万元。\n")
    totals = out["department_totals"]
    assert (totals["expenditure_total"], totals["basic_expenditure"], totals["project_expenditure"]) == \
        ("8425.84", "8396.48", "29.36")
    assert any("printed in 元" in w["message"] for w in out["warnings"])


def test_a_part_in_yuan_that_does_not_complete_the_total_stays_in_yuan() -> None:
    out = _extracted("某某医院2017年度部门决算\n2017年度，我单位支出为8425.84万元。\n其中：基本支出8300万元。\n"
                     "项目支出29.36元。\n")
    assert out["department_totals"]["project_expenditure"] == "0.002936"
