"""Numbers as reports print them: money in 万元 as exact decimals, Chinese numerals, indicator values.

Reports write amounts as "24.00万元", "5000元", "14元万" (a typo), "1,284.07万元"; indicator values as
"≥50个", "≦12个月", "1-2次", "30名左右", "90%以上", "700万元以内", "优". Everything here returns
strings of exact decimals (never floats) so that the Extraction stays exact.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# An amount with its unit; "元万" is a frequent typo for 万元, and a line break may split 万|元.
# A bare 万 is money ('拨付50万用于…') unless a measure word follows it ('355万亩', '2万人次'; a stray
# one before 元, '3万亩元', is a typo in an amount).
NOT_MONEY_AFTER_WAN = ("亩|人|户|吨|株|棵|头|只|羽|尾|册|件|套|台|辆|份|张|条|粒|次|平方|立方|公里|千米|米|公斤|千克|斤|个|名"
                       "|棒|袋|包|盒|箱|瓶|本|根|块|片|间|栋|座|盏|枚|双|幅|篇|场|天|小时")
MONEY_UNIT = rf"(亿元|万元|元万|万(?!(?:{NOT_MONEY_AFTER_WAN})(?!元))|元)"
MONEY_RE = re.compile(rf"({NUM})\s*{MONEY_UNIT}")


def cn_to_int(text: str) -> int | None:
    """'十二' → 12, '二十' → 20, '三' → 3, '一百零五' → 105; None when not a Chinese numeral."""
    if not text or any(c not in CN_DIGITS and c not in CN_UNITS for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            unit = CN_UNITS[c]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


def dec(text: str | None) -> Decimal | None:
    """A printed number ('1,284.07', '24.00') as Decimal, or None."""
    if text is None:
        return None
    try:
        return Decimal(str(text).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None


def fmt(d: Decimal) -> str:
    """Decimal → plain string without exponent or trailing zeros ('0.5', '12', '0.9997')."""
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def to_wan(number: str, unit: str) -> str | None:
    """An amount in its printed unit → 万元 string. 万元 amounts keep their printed form ('24.00')."""
    d = dec(number)
    if d is None:
        return None
    number = number.replace(",", "")
    if unit in ("万元", "万", "元万"):
        return number
    if unit == "元":
        return fmt(d / Decimal(10000))
    if unit == "亿元":
        return fmt(d * Decimal(10000))
    return None


def money_in(text: str) -> list[tuple[str, int, int]]:
    """All amounts in a text as (万元 string, start, end)."""
    out = []
    for m in MONEY_RE.finditer(text):
        # "3400元/月" is a rate, not an amount; skip amounts followed by "/".
        if text[m.end():m.end() + 1] in ("/", "／"):
            continue
        v = to_wan(m.group(1), m.group(2))
        if v is not None:
            out.append((v, m.start(), m.end()))
    return out


def plain_number(text: str) -> str | None:
    """'10分' → '10', '100%' → '100', ' 99 ' → '99'; None when the text is not one number."""
    t = re.sub(r"\s+", "", text or "").replace("％", "%")
    m = re.fullmatch(rf"({NUM})(分|%|万元)?", t)
    return m.group(1).replace(",", "") if m else None


GE_WORDS = ("以上", "及以上", "不低于", "不少于", "至少", "大于等于", "高于等于")
LE_WORDS = ("以内", "以下", "及以下", "不超过", "不高于", "不多于", "小于等于", "之内")
APPROX_WORDS = ("左右", "约", "大约", "余", "多")
SYMBOLS = {"≥": ">=", "≧": ">=", ">=": ">=", "＞=": ">=", "≤": "<=", "≦": "<=", "<=": "<=", "＜=": "<=",
           ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "="}
VALUE_RE = re.compile(
    rf"(?P<sym>≥|≧|>=|＞=|≤|≦|<=|＜=|>|＞|<|＜|=|＝)?\s*(?P<pre>不低于|不少于|不超过|不高于|不多于|至少|约|大约)?"
    rf"\s*(?P<a>{NUM}|[零〇一二两三四五六七八九十百千]+)"
    rf"(?:\s*(?:-|－|—|~|～|至|到)\s*(?P<b>{NUM}|[零〇一二两三四五六七八九十百千]+))?"
    rf"\s*(?P<unit>%|％|[^\d\s<>≥≤≧≦=～~\-－—，,。；;、]{{0,4}}?)"
    rf"\s*(?P<post>及以上|以上|以内|以下|及以下|之内|左右|余)?$")


def _num(s: str | None) -> str | None:
    if s is None:
        return None
    if re.fullmatch(NUM, s):
        return s.replace(",", "")
    n = cn_to_int(s)
    return None if n is None else str(n)


def parse_value(text: str | None) -> dict[str, Any]:
    """Parse an indicator value ('≥50个', '1-2次', '30名左右', '优') into comparator/value/unit."""
    empty = {"comparator": None, "value": None, "value_high": None, "unit": None}
    if text is None or not str(text).strip():
        return empty
    t = re.sub(r"\s+", "", str(text))
    # A date or deadline ("2022年内", "2021年12月31日前") is not a quantity.
    if re.match(r"^(?:在|于)?(?:19|20)\d\d年", t) or re.match(r"^\d{1,2}月(?:底|末|份)?(?:前|内|之前)", t):
        return {"comparator": "text", "value": None, "value_high": None, "unit": None}
    # Leading words that carry no value: "分批1-2次", "完成培训次数2次" were already trimmed by callers.
    m = VALUE_RE.search(t)
    if m and m.start() <= 2 and _num(m.group("a")) is not None:
        unit = (m.group("unit") or "").replace("％", "%") or None
        a, b = _num(m.group("a")), _num(m.group("b"))
        if b is not None:
            return {"comparator": "range", "value": a, "value_high": b, "unit": unit}
        comp = SYMBOLS.get(m.group("sym") or "")
        pre, post = m.group("pre"), m.group("post")
        if comp is None:
            if pre in ("不低于", "不少于", "至少") or post in ("以上", "及以上"):
                comp = ">="
            elif pre in ("不超过", "不高于", "不多于") or post in ("以内", "以下", "及以下", "之内"):
                comp = "<="
            elif pre in ("约", "大约") or post in ("左右", "余"):
                comp = "approx"
            else:
                comp = "="
        if m.start() > 0 and comp == "=":
            # A word before the number ("分批1次") keeps the number but says nothing of the comparator.
            comp = "="
        return {"comparator": comp, "value": a, "value_high": None, "unit": unit}
    return {"comparator": "text", "value": None, "value_high": None, "unit": None}


VERDICT_WORDS_CSV = Path(__file__).resolve().parent / "templates" / "indicator_verdict_words.csv"


@lru_cache(maxsize=1)
def verdict_words() -> dict[str, frozenset[str]]:
    """The words of the met verdict, by kind ('done', 'lower_is_better'): one CSV that the warehouse
    reads too (dbt seed `indicator_verdict_words`), so Python and SQL judge alike."""
    with open(VERDICT_WORDS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    kinds: dict[str, set[str]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], set()).add(r["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


def lower_is_better(name: str | None, level1: str | None = None, level2: str | None = None) -> bool:
    """A cost indicator (成本 in its level) or one whose name says fewer is better (发生率, 投诉 …)."""
    if "成本" in (level1 or "") or "成本" in (level2 or ""):
        return True
    return any(w in (name or "") for w in verdict_words().get("lower_is_better", ()))


def judge_met(target: str | None, actual: str | None, lower_better: bool = False) -> str | None:
    """'met' | 'not_met' | 'undecidable' for a target/actual pair; None when either is missing. For an
    indicator where lower is better, a bare or '=' target is a ceiling ('50万元' against 45万元 is met)."""
    if target is None or actual is None:
        return None
    tp, ap = parse_value(target), parse_value(actual)
    t_norm, a_norm = re.sub(r"\s+", "", target), re.sub(r"\s+", "", actual)
    if t_norm == a_norm:
        return "met"
    if tp["comparator"] in (None, "text") or ap["comparator"] in (None, "text", "range"):
        if a_norm in verdict_words().get("done", ()) and tp["comparator"] not in (None, "text"):
            return "met"
        return "undecidable"
    if (tp["unit"] or "") != (ap["unit"] or "") and tp["unit"] and ap["unit"]:
        return "undecidable"
    a = Decimal(ap["value"])
    lo = Decimal(tp["value"])
    comp = tp["comparator"]
    if comp == "range":
        ok = lo <= a <= Decimal(tp["value_high"])
    elif comp == ">=":
        ok = a >= lo
    elif comp == ">":
        ok = a > lo
    elif comp == "<=":
        ok = a <= lo
    elif comp == "<":
        ok = a < lo
    elif comp == "approx":
        ok = a <= lo * Decimal("1.1") if lower_better else a >= lo * Decimal("0.9")
    else:
        # "=" targets: rates and counts are met when reached, caps when not exceeded
        ok = a <= lo if lower_better else a >= lo
    return "met" if ok else "not_met"
