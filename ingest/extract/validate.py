"""Every extracted row is checked before it leaves the extractor: unknown beats wrong.

A row whose name is not text (a separator, a number, a lone bracket) or whose amount does not parse
is dropped, and a warning says so; a figure that cannot be true (a weight of 300, a score above its
weight, an execution rate that disagrees with executed / budget) is reported, and where it cannot be a
number at all it is left empty. Warnings land in `raw.extraction_warnings`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.extract.rows import CJK_RE
from ingest.templates import prose_vocabulary
from ingest.values import dec, fmt, to_wan

MONEY_KEYS = ("budget_initial", "budget_full_year", "executed", "carryover")
MAX_RATE = Decimal(1000)
"""An execution rate (%) above this is figures run together, not an overspend."""


def is_name(text: str | None) -> bool:
    """A row name is text: it holds a CJK character and is more than a number, a unit or a mark."""
    if not text:
        return False
    t = re.sub(r"\s+", "", text)
    if not CJK_RE.search(t) or "|" in t or "｜" in t:
        return False
    if re.fullmatch(r"[≥≤≧≦<>＜＞=＝]?[\d.,%％]+(?:万元|元|分|个|次|人|项|户|天|年|月|日|小时|人次)?", t):
        return False
    if re.fullmatch(r"[（(]?(?:19|20)\d\d年度?[）)]?", t):
        return False  # a year printed where a name was expected
    return not re.fullmatch(r"[（(]?(?:万元|元|单位|合计|小计|其中)[）)]?[:：]?", t)


def _warn(out: list[dict], field: str, message: str) -> None:
    out.append({"field": field, "message": message})


# fragments of a form's header that a broken row can leave where a name should be
# indicator columns whose header words are never an indicator's name ('预算执行率' is both a money
# column and an indicator, so money and result words are not here)
HEADER_ONLY_FIELDS = frozenset({"standard", "last_year", "completion", "note", "name", "nature", "unit", "direction",
                                "level_weight", "seq"})
NOT_NAMES = frozenset({"名称", "内容", "指标", "项目", "指标名称", "指标内容", "评价内容", "具体指标"})
# longer than any cell's text a form prints
MAX_CELL_CHARS = 200


def is_table_run(text: str | None) -> bool:
    """A run of a table's cells read as one value: it holds two or more of the form's own words
    (headers, levels, head labels) or is longer than a cell."""
    from ingest.extract.glued import known_word_count

    t = re.sub(r"\s+", "", text or "")
    return len(t) > MAX_CELL_CHARS or known_word_count(t) >= 2


FIGURE_WITH_UNIT_RE = re.compile(r"(?!(?:19|20)\d\d年)[<>≥≤＞＜=]?\d+(?:\.\d+)?[%％‰]?[\u4e00-\u9fff]{0,4}")
SECTION_HEADING_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、).*[。：:]$")


def is_indicator_name(text: str | None) -> bool:
    """An indicator's name is text, and not a value, a unit or a header cell read in its place: not a
    verdict word ('完成'), not a unit in brackets ('%(百分比)'), not a column header ('…实际完成值')."""
    if not is_name(text):
        return False
    from ingest.templates import norm_cell, vocabulary
    from ingest.values import verdict_words

    t = re.sub(r"\s+", "", text or "")
    if t in verdict_words().get("done", ()) or re.match(r"^[%％‰]", t):
        return False
    if is_table_run(t):
        return False
    if t in NOT_NAMES:
        return False  # a header's fragment ('名称', '内容') read as a row
    if FIGURE_WITH_UNIT_RE.fullmatch(t):
        return False  # a value read in the name's place ('4.4万人次')
    if SECTION_HEADING_RE.match(t):
        return False  # the report's next section heading ('（四）部门职能职责。') read as a row
    if _result_run_in(t):
        return False  # the row before's result run into this row's name ('未完成获补人员达标率')
    vocab = vocabulary()
    if any(t.startswith(w) and len(t) > len(w) + 1 for w in vocab.level2):
        return False  # a level run into the row's cells ('时效指标完成时间12月已完成'): the row is glued
    block = vocab.indicators
    if block.field_of(t) in HEADER_ONLY_FIELDS:
        return False  # a header cell of the form ('指标值设置依据', '佐证资料', '三级指标')
    headers = [w for f in ("target", "actual", "note", "weight", "score") for w in block.synonyms.get(f, ())]
    return not any(norm_cell(t).endswith(norm_cell(w)) and len(norm_cell(w)) >= 3 for w in headers)


def _result_verdicts() -> tuple[str, ...]:
    """The words a row's result is said in when it is no figure ('已完成', '未完成'): three characters or more,
    so that a name that starts with '完成' stays a name."""
    from ingest.values import verdict_words

    return tuple(sorted({w for w in verdict_words().get("done", ()) if len(w) >= 3} | {"未完成"}, key=len,
                        reverse=True))


def _result_run_in(text: str) -> str | None:
    """The verdict a name starts with when more words follow it ('未完成获补人员达标率'): the row before's
    result run into this row's name; None otherwise. (A result may go on after its verdict, '已完成某某基地
    打造'; a name may not start with one.)"""
    verdict = next((w for w in _result_verdicts() if text.startswith(w)), None)
    return verdict if verdict and re.match(r"[\u4e00-\u9fff（(]{2}", text[len(verdict):]) else None


def validate_indicators(rows: list[dict], warnings: list[dict]) -> list[dict]:
    kept: list[dict] = []
    for r in rows:
        if not is_indicator_name(r.get("name")):
            _warn(warnings, "indicators", f"row dropped: indicator name {r.get('name')!r} is not an indicator's "
                  "name (a number, a unit, a verdict or a header cell)")
            continue
        for k in ("level1", "level2", "target", "actual", "note"):
            if r.get(k) is not None and not re.search(r"[\w%％≥≤><]", r[k]):
                _warn(warnings, f"indicators.{k}", f"'{r['name']}': {k} {r[k]!r} is only separators or marks; "
                      "left empty")
                r[k] = None
                continue
            if k in ("target", "actual") and is_table_run(r.get(k)):
                _warn(warnings, f"indicators.{k}", f"'{r['name']}': {k} {r[k]!r} is a run of table cells, not a "
                      "value; left empty")
                r[k] = None
        for k in ("weight", "score"):
            v = r.get(k)
            if v is None:
                continue
            d = dec(v)
            if d is None or d < 0 or d > 100:
                _warn(warnings, f"indicators.{k}", f"'{r['name']}': {k} {v!r} is not a number from 0 to 100; "
                      "left empty")
                r[k] = None
        w, s = dec(r.get("weight")), dec(r.get("score"))
        if w is not None and s is not None and s > w:
            _warn(warnings, "indicators.score", f"'{r['name']}': score {r['score']} is above its weight "
                  f"{r['weight']} as printed")
        kept.append(r)
    return _without_rival_results(kept, warnings)


def _without_rival_results(rows: list[dict], warnings: list[dict]) -> list[dict]:
    """Rows of one project and one name with no target and different results ('改造户数550户' of one
    sub-project, '改造户数733户' of another) are no indicator of the project: which result is its own is
    unknown, so both are dropped."""
    seen: dict[tuple, set] = {}
    for r in rows:
        if r.get("target") is None:
            seen.setdefault((r.get("project"), r.get("name")), set()).add(r.get("actual"))
    rival = {k for k, actuals in seen.items() if len(actuals) > 1}
    for _project, name in sorted(rival, key=str):
        _warn(warnings, "indicators", f"rows dropped: '{name}' is stated with different results and no target "
              "(of different parts of the project); which is the project's own is unknown")
    return [r for r in rows if r.get("target") is not None or (r.get("project"), r.get("name")) not in rival]


MAX_OVERSPEND = Decimal("1.2")
"""Spending above this multiple of the budget is believed only when a printed execution rate agrees."""


RATE_ROUNDING = Decimal("0.6")
"""How far a printed execution rate may sit from executed / budget and still be the same figure rounded."""


def rate_fits(budget: Decimal, executed: Decimal, rate: Decimal, within: Decimal = RATE_ROUNDING) -> bool:
    """Whether a printed execution rate (%) is executed / budget, within `within` percentage points."""
    return abs(executed / budget * 100 - rate) <= within


def _from_prose(row: dict) -> bool:
    """Whether a row was read from sentences rather than a table (its provenance names no table)."""
    prov = row.get("provenance")
    return bool(prov) and prov.get("table") is None


def validate_projects(rows: list[dict], warnings: list[dict]) -> list[dict]:
    kept: list[dict] = []
    for p in rows:
        if p.get("name") is not None and not is_name(p["name"]):
            _warn(warnings, "projects", f"row dropped: project name {p['name']!r} is not text")
            continue
        name = re.sub(r"\s+", "", p.get("name") or "")
        if name in prose_vocabulary().get("not_project_names", []):
            _warn(warnings, "projects", f"row dropped: {p['name']!r} is a step of the money's way, not a project")
            continue
        if name.endswith(tuple(prose_vocabulary().get("not_project_name_endings", []))) \
                or name in prose_vocabulary().get("not_row_names", []):
            _warn(warnings, "projects", f"row dropped: {p['name']!r} is a sentence's words, not a project's name")
            continue
        for k in (*MONEY_KEYS, "execution_rate"):
            v = p.get(k)
            if v is not None and dec(v) is None:
                _warn(warnings, f"projects.{k}", f"'{p.get('name')}': {k} {v!r} is not an amount; left empty")
                p[k] = None
        if (dec(p.get("execution_rate")) or 0) > MAX_RATE:
            _warn(warnings, "projects.execution_rate", f"'{p.get('name')}': rate {p['execution_rate']}% cannot be "
                  "a rate (figures run together); left empty")
            p["execution_rate"] = None
        b, e, r = dec(p.get("budget_full_year")), dec(p.get("executed")), dec(p.get("execution_rate"))
        if b == 0 and e == 0 and not dec(p.get("budget_initial")):
            # '年度资金总额: 0 0 0' over a part that prints the figures: a row the publisher left unfilled
            _warn(warnings, "projects", f"'{p.get('name')}': budget and execution both printed as 0 (a row left "
                  "unfilled); left empty")
            for k in ("budget_initial", "budget_full_year", "executed", "execution_rate"):
                p[k] = None
            b = e = r = None
        if b and e is not None and e > b * MAX_OVERSPEND and (r is None or not rate_fits(b, e, r)):
            # far more spent than budgeted, and no printed rate says so: the two figures were read from
            # different places (another fund, another year); neither can be trusted as this project's
            _warn(warnings, "projects", f"'{p.get('name')}': executed {p['executed']} is over {MAX_OVERSPEND}× the "
                  f"budget {p['budget_full_year']} with no rate that says so; both left empty")
            p["budget_full_year"] = p["executed"] = None
            b = e = None
        if b and e is not None and r is not None and not rate_fits(b, e, r):
            if _from_prose(p) and e / b * 100 < r <= 100:
                # prose states the spending and its rate in one clause ('实际支出17.05万元，支出率85%') and
                # the budget elsewhere: a budget larger than the rate says is a larger fund's, not this money's
                _warn(warnings, "projects.budget_full_year", f"'{p.get('name')}': executed {e} at the printed "
                      f"rate {r}% cannot be of the budget {b} read from another sentence; budget left empty")
                p["budget_full_year"] = None
            else:
                _warn(warnings, "projects.execution_rate", f"'{p.get('name')}': printed rate {r}% disagrees with "
                      f"executed/budget = {(e / b * 100):.2f}%")
        kept.append(p)
    return kept


COUNTY_PROJECT_CEILING_WAN = Decimal(1_000_000)
"""100亿元: more than a county's whole budget. A county's (or a town's, a school's) project printed at this
many 万元 or more was printed in 元 under a 万元 header."""
MONEY_KEYS_OF_A_PROJECT = ("budget_initial", "budget_full_year", "executed", "carryover")


def yuan_under_wan(rows: list[dict], county_level: bool, warnings: list[dict]) -> list[dict]:
    """A county-level unit's project whose every amount is 100亿元 or more in 万元: its figures are 元 (a form
    headed '项目资金（万元）' over '2300000.00'); read in 万元, with a warning. Above a county nothing is
    changed: a province's or a city's programme can reach such sums."""
    if not county_level:
        return rows
    for p in rows:
        amounts = [dec(p.get(k)) for k in MONEY_KEYS_OF_A_PROJECT if dec(p.get(k))]
        if amounts and all(a >= COUNTY_PROJECT_CEILING_WAN for a in amounts):
            for k in MONEY_KEYS_OF_A_PROJECT:
                if dec(p.get(k)) is not None:
                    p[k] = to_wan(p[k], "元")
            _warn(warnings, "projects", f"'{p.get('name')}': amounts of 100亿元 or more in 万元 for a county-level "
                  "unit; they are 元 printed under a 万元 header, converted")
    return rows


# an item named by a change ('公务接待费较上年减少', '较年初预算数减少') is a comparison, not spending, nor is one
# named by what was saved ('公务接待节约', '节约金额')
CHANGE_RE = re.compile(r"较|比上年|比去年|同比|增加|减少|增长|下降|持平|完成预算|占比|节约|节省")


def _is_money_column(item: str) -> bool:
    """An item named by a money column of the form (全年预算数, 全年执行数, 执行率 — also after a source of
    funds: '中央财政资金全年预算数') states a budget or its execution, not a spending item."""
    from ingest.templates import norm_cell, vocabulary

    n = norm_cell(item)
    words = [w for f in ("budget_initial", "budget_full_year", "executed", "execution_rate")
             for w in vocabulary().money.synonyms.get(f, ())]
    # '中央补助飞行经费执行': a source's execution, not an item
    return any(n.endswith(norm_cell(w)) for w in words if len(norm_cell(w)) >= 3) or n.endswith(("执行", "到位")) \
        or n in BARE_MONEY_WORDS


BARE_MONEY_WORDS = {"支出", "决算", "预算", "收入", "支出决算", "预算数", "决算数", "资金", "经费"}
"""An item named only so ('支出决算为6283.70元') is the statement's total, not a thing the money bought."""


def _is_recipient(item: str) -> bool:
    """'石家庄市780万元、承德市690万元、厅直单位410万元': money shared out among places or units."""
    from ingest import regions

    name = re.sub(r"[（(][^）)]*[）)]$", "", item)
    return bool(regions.name_index().get(name)) or name.endswith(("直单位", "直属单位", "本级", "所属单位", "事业单位", "下属单位"))


def validate_items(rows: list[dict], warnings: list[dict]) -> list[dict]:
    kept: list[dict] = []
    for it in rows:
        if not is_name(it.get("item")):
            _warn(warnings, "spending_items", f"row dropped: item {it.get('item')!r} is not text")
            continue
        if re.sub(r"\s+", "", it["item"]) in prose_vocabulary().get("not_row_names", []):
            _warn(warnings, "spending_items", f"row dropped: '{it['item']}' is a sentence's words, not an item")
            continue
        if CHANGE_RE.search(it["item"]):
            _warn(warnings, "spending_items", f"row dropped: '{it['item']}' states a change, not an amount spent")
            continue
        if _is_recipient(it["item"]):
            _warn(warnings, "spending_items", f"row dropped: '{it['item']}' is who received the money (a place or "
                  "its units), not what it was spent on")
            continue
        if _is_money_column(it["item"]):
            _warn(warnings, "spending_items", f"row dropped: '{it['item']}' is a budget or execution figure (a "
                  "form's money column), not what the money was spent on")
            continue
        if it.get("amount") is not None and dec(it["amount"]) is None:
            _warn(warnings, "spending_items", f"row dropped: '{it['item']}' amount {it['amount']!r} is not "
                  "an amount")
            continue
        kept.append(it)
    return kept


def validate_totals(totals: dict | None, warnings: list[dict]) -> dict | None:
    """A whole-unit total equal to the 三公 total was read from a sentence about the 三公 items."""
    if not totals:
        return totals
    three = dec(totals.get("three_public_expenses"))
    for k in ("income_total", "expenditure_total"):
        if three is not None and dec(totals.get(k)) == three:
            _warn(warnings, f"department_totals.{k}", f"{totals[k]} is the 三公 total, not the unit's; left empty")
            totals[k] = None
    _split_printed_in_yuan(totals, warnings)
    return totals


def _split_printed_in_yuan(totals: dict, warnings: list[dict]) -> None:
    """'支出6821.09万元…其中：基本支出2754.86元…项目支出4066.23元': the split of the spending printed in 元 while
    its figures add up to the total in 万元 exactly is a slip of the unit; read in 万元, with a warning. So is
    a total printed in 元 whose split in 万元 adds up to its figure ('本年支出合计353.51元，其中：基本支出303.45
    万元…项目支出50.06万元')."""
    basic, project = dec(totals.get("basic_expenditure")), dec(totals.get("project_expenditure"))
    whole = dec(totals.get("expenditure_total")) or dec(totals.get("income_total"))
    if basic is None or project is None or whole is None or basic + project == whole:
        return
    if basic + project == whole * 10000:
        for k in ("expenditure_total", "income_total"):
            if dec(totals.get(k)) == whole:
                totals[k] = fmt(whole * 10000)
                _warn(warnings, f"department_totals.{k}", f"printed in 元 but its basic and project spending add up "
                      f"to {totals[k]} 万元; read in 万元")
        return
    if (basic + project) * 10000 == whole:
        for k in ("basic_expenditure", "project_expenditure"):
            totals[k] = fmt(dec(totals[k]) * 10000)
        _warn(warnings, "department_totals.basic_expenditure",
              f"basic and project spending are printed in 元 but add up to the total in 万元 ({totals['basic_expenditure']}"
              f" + {totals['project_expenditure']}); read in 万元")
        return
    for k, other in (("basic_expenditure", project), ("project_expenditure", basic)):
        # one part printed in 元 beside the other in 万元 ('基本支出5210.40万元…项目支出18.60元', total 5229.00万元)
        if dec(totals[k]) * 10000 + other == whole:
            totals[k] = fmt(dec(totals[k]) * 10000)
            _warn(warnings, f"department_totals.{k}", f"printed in 元 but with the other part it adds up to the total "
                  f"in 万元 only as {totals[k]} 万元; read in 万元")
            return
