"""A unit placed by the division its own name starts with, when nothing else in the text places it (made-up
texts; the divisions are real, as the region table must know them).

A SQL user grouping spending by prefecture relies on a prefecture's own bureau being counted there, and on
a word that only looks like a place name not moving a report anywhere.
"""

from __future__ import annotations

from ingest.extract.unit import _short_named_division
from tests.test_prose_project_reports import _extracted


def test_a_publishers_name_with_an_autonomous_prefectures_short_name_places_the_report() -> None:
    out = _extracted("来源：红河州某某管理委员会\n2023年度部门决算\n2023年度收入总计120万元，支出总计118万元。\n")
    assert out["unit"]["name"] == "红河州某某管理委员会"
    assert out["unit"]["region_code"] == "532500"


def test_a_citys_short_name_before_a_unit_places_it_only_where_the_text_names_its_province() -> None:
    d = _short_named_division("阳江高新区某某局", "阳江高新区某某局广东省下达资金50万元")
    assert d is not None and d.code == "441700"
    assert _short_named_division("阳江高新区某某局", "阳江高新区某某局下达资金50万元") is None


def test_a_short_name_the_text_gives_no_province_for_places_nothing() -> None:
    # 光明 is a district's short name, and also just a word: nothing else in the text says where this is
    text = "来源：光明某某服务中心\n2022年度项目支出绩效自评报告\n下达资金50万元，已支付48万元。\n"
    assert _extracted(text)["unit"]["region_code"] is None
