"""A unit's totals (收入 / 支出 / 基本支出 / 项目支出) in the wordings 决算 explanations use (made-up texts in the
shapes the real corpus prints).

A SQL user summing spending across units relies on each unit's total being read where it is printed,
and on a part printed with the wrong unit not landing ten thousand times too small.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_a_total_after_a_sentence_about_a_decrease_is_this_years() -> None:
    # the change words end the sentence before; the cue's own sentence is about this year
    out = _extracted("某镇人民政府2021年度部门决算情况说明\n2021年度收入合计765万元，较上年决算数减少64.2万元，主要原因是"
                     "专项经费等减少。支出总计765万元，较上年决算数减少64.2万元。\n")
    assert out["department_totals"]["expenditure_total"] == "765"


def test_the_units_own_spending_is_its_total() -> None:
    for wording in ("我单位支出为396.20万元", "本单位支出396.20万元"):
        out = _extracted(f"某某卫生院2021年度决算公开\n（二）支出决算情况\n2021年度，{wording}。其中：基本支出210.50万元，"
                         "项目支出185.70万元。\n")
        assert out["department_totals"]["expenditure_total"] == "396.20", wording


def test_one_part_printed_in_yuan_beside_the_other_in_wan_is_read_in_wan() -> None:
    out = _extracted("某某医院2017年度部门决算\n2017年度，我单位支出为5229.00万元。\n其中：基本支出5210.40万元，较上年增加"
                     "1340.25万元。\n项目支出18.60元，较上年减少604.10万元。\n")
    totals = out["department_totals"]
    assert (totals["expenditure_total"], totals["basic_expenditure"], totals["project_expenditure"]) == \
        ("5229.00", "5210.40", "18.6")
    assert any("printed in 元" in w["message"] for w in out["warnings"])


def test_a_part_in_yuan_that_does_not_complete_the_total_stays_in_yuan() -> None:
    out = _extracted("某某医院2017年度部门决算\n2017年度，我单位支出为5229.00万元。\n其中：基本支出5100万元。\n"
                     "项目支出18.60元。\n")
    assert out["department_totals"]["project_expenditure"] == "0.00186"


def test_spending_stated_by_the_unit_after_the_year_is_the_total_and_a_split_is_not() -> None:
    from ingest.extract.prose import totals_from_prose

    text = "2020年度，某某镇中心小学支出为1223.9441万元。其中：基本支出1223.9441万元。"
    assert totals_from_prose(text, ["expenditure_total"])["expenditure_total"] == "1223.9441"
    # the project part of the spending opens its sentence the same way; it is not the total
    assert totals_from_prose("2020年度，项目支出为56万元。", ["expenditure_total"])["expenditure_total"] is None


def test_the_appropriations_spending_total_is_not_the_units_spending_total() -> None:
    from ingest.extract.prose import totals_from_prose

    text = ("2021年度，某某镇卫生院支出为430.2258万元。其中：基本支出240.0595万元。"
            "2021年度，某某镇卫生院财政拨款支出总计374.5208万元。")
    assert totals_from_prose(text, ["expenditure_total"])["expenditure_total"] == "430.2258"


def test_more_wordings_of_a_units_totals_and_its_balance() -> None:
    from ingest.extract.prose import totals_from_prose

    cases = [
        ("2023年度上年结转和结余资金为98.45万元，本年收入1095.76万元，支出1193.35万元。",
         {"expenditure_total": "1193.35"}),
        ("（三）年度财政收支：全年实际收入1699.12万元，其中财政拨款收入1435.22万元；全年实际支出1595.59万元。",
         {"income_total": "1699.12", "expenditure_total": "1595.59"}),
        ("2016年度收入、支出总计3666.34万元。", {"income_total": "3666.34", "expenditure_total": "3666.34"}),
        ("2020年部门整体支出共5426.6万元，其中基本支出1000万元。", {"expenditure_total": "5426.6"}),
        ("本年支出630.72万元，其中基本支出460.18万元。本年结转和结余24.86万元。",
         {"expenditure_total": "630.72", "carryover_total": "24.86"}),
        ("2019年度收入总计116.08万元，支出总计118.77万元，上年结转9.7万元，年终结余7.01万元。",
         {"income_total": "116.08", "expenditure_total": "118.77", "carryover_total": "7.01"}),
    ]
    for text, want in cases:
        got = totals_from_prose(text, list(want))
        assert {f: got[f] for f in want} == want, text
