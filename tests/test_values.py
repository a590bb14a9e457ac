"""Money, numbers and indicator values as reports print them."""

from __future__ import annotations

import pytest

from ingest.values import cn_to_int, judge_met, money_in, parse_value, plain_number, to_wan


@pytest.mark.parametrize(("number", "unit", "wan"), [
    ("24.00", "万元", "24.00"),  # 万元 amounts keep their printed form
    ("5000", "元", "0.5"),
    ("14", "元万", "14"),  # the typo "14元万"
    ("2,595,100.00", "元", "259.51"),
    ("1.2", "亿元", "12000"),
    ("0", "万元", "0"),
])
def test_to_wan(number: str, unit: str, wan: str) -> None:
    assert to_wan(number, unit) == wan


def test_money_in_skips_rates_and_finds_typos() -> None:
    found = [v for v, _, _ in money_in("执行数为14元万，补助3400元/月，培训费1,098,800.00元，计8万")]
    assert found == ["14", "109.88", "8"]


@pytest.mark.parametrize(("text", "n"), [("十二", 12), ("二十", 20), ("三", 3), ("一百零五", 105), ("两", 2),
                                         ("abc", None)])
def test_chinese_numerals(text: str, n: int | None) -> None:
    assert cn_to_int(text) == n


@pytest.mark.parametrize(("text", "comp", "value", "high", "unit"), [
    ("≥50个", ">=", "50", None, "个"),
    ("≧700名", ">=", "700", None, "名"),
    ("≦12个月", "<=", "12", None, "个月"),
    ("≤108.5万元", "<=", "108.5", None, "万元"),
    ("1-2次", "range", "1", "2", "次"),
    ("分批1-2次", "range", "1", "2", "次"),
    ("15200～19000人", "range", "15200", "19000", "人"),
    ("30名左右", "approx", "30", None, "名"),
    ("90%以上", ">=", "90", None, "%"),
    ("700万元以内", "<=", "700", None, "万元"),
    ("不少于6次", ">=", "6", None, "次"),
    ("100%", "=", "100", None, "%"),
    ("697", "=", "697", None, None),
    ("两次", "=", "2", None, "次"),
    ("优", "text", None, None, None),
    ("完成", "text", None, None, None),
    ("2022年内", "text", None, None, None),
    ("12月底前", "text", None, None, None),
])
def test_parse_value(text: str, comp: str, value: str | None, high: str | None, unit: str | None) -> None:
    assert parse_value(text) == {"comparator": comp, "value": value, "value_high": high, "unit": unit}


def test_parse_value_empty() -> None:
    assert parse_value(None)["comparator"] is None
    assert parse_value("  ")["value"] is None


@pytest.mark.parametrize(("target", "actual", "met"), [
    ("400人以上", "450人", "met"),
    ("≥85%", "80%", "not_met"),
    ("≤12个月", "12个月", "met"),
    ("1-2次", "3次", "not_met"),
    ("30名左右", "31名", "met"),
    ("优", "完成", "undecidable"),  # a grade against a completion word says nothing
    ("≥50个", "完成", "met"),
    ("市级文明标兵单位", "市级文明标兵单位", "met"),
    ("100%", "87%", "not_met"),
    ("≥10个", "8%", "undecidable"),  # units differ
])
def test_judge_met(target: str, actual: str, met: str) -> None:
    assert judge_met(target, actual) == met


def test_judge_met_missing() -> None:
    assert judge_met("2次", None) is None


def test_plain_number() -> None:
    assert plain_number("10分") == "10"
    assert plain_number(" 100% ") == "100"
    assert plain_number("十分") is None


def test_a_cost_target_is_a_ceiling() -> None:
    from ingest.values import judge_met, lower_is_better

    cost = lower_is_better("项目总成本", "产出指标", "成本指标")
    assert cost
    assert judge_met("≤50万元", "45万元", cost) == "met"
    assert judge_met("50万元", "45万元", cost) == "met"
    assert judge_met("50万元", "55万元", cost) == "not_met"
    assert judge_met("50人", "45人", lower_is_better("培训人数", "产出指标", "数量指标")) == "not_met"
    assert lower_is_better("安全事故发生率")


def test_python_and_the_warehouse_read_one_verdict_vocabulary() -> None:
    from pathlib import Path

    from ingest.values import VERDICT_WORDS_CSV, verdict_words

    seed = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "indicator_verdict_words.csv"
    assert seed.resolve() == VERDICT_WORDS_CSV.resolve()
    assert "已达标" in verdict_words()["done"] and "投诉" in verdict_words()["lower_is_better"]
