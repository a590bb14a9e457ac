"""Money: project budgets and execution, spending breakdowns, department totals, self-scores.

Every amount is read with its unit and converted to 万元 (ingest.values). Patterns are written for the
wording of the national templates (项目全年预算数…执行数…完成预算…%, 其中：办公费…万元, 本年支出合计…),
not for any one report.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ingest.extract.prose import INITIAL_CLAUSE_RE, about_another_year, about_other_subject
from ingest.extract.tables import Table
from ingest.extract.text import TextLine, squash
from ingest.values import MONEY_RE, MONEY_UNIT, NUM, dec, money_in, plain_number, to_wan

M = rf"({NUM})\s*{MONEY_UNIT}"

COLUMN_LABELS = [
    ("budget_initial", re.compile(r"^年初(预算)?(数|金额)?$|年初预算")),
    ("budget_full_year", re.compile(r"全年预算|可执行指标|可执行预算|调整后预算|预算数$")),
    ("executed", re.compile(r"执行数|决算金额|决算数|实际支出|支出数")),
    ("execution_rate", re.compile(r"执行率")),
    ("carryover", re.compile(r"结转结余|年末结转|结余")),
    ("name", re.compile(r"^项目(名称)?$")),
]


def _label(text: str) -> str | None:
    t = squash(text)
    if t.startswith("上年结转") or t.startswith("本年调整") or t in ("分值", "得分", "序号"):
        return None
    for key, rx in COLUMN_LABELS:
        if rx.search(t):
            return key
    return None


@cache
def _unit_endings() -> str:
    from ingest.extract.reports import UNIT_ENDINGS  # imported here: the package loads reports after money

    return UNIT_ENDINGS


def clean_project_name(name: str) -> str:
    """Drop a long parenthetical ('（含自我保健协会10万、…）') but keep a short qualifier ('（五年计划）')."""
    n = squash(name).strip("　 ")
    # a label's colon left on the value ('：2017年某项目'); a year before the name is not part of it
    n = re.sub(r"^[：:|｜]+", "", n)
    n = re.sub(r"^(?:下达|安排|拨付|用于)(?=[\u4e00-\u9fff]{4})", "", n)  # the verb of the sentence that listed it
    n = re.sub(r"^(?:19|20)\d\d(?:年度?)?(?=[\u4e00-\u9fff]{4})", "", n)  # '2018某某中心建设' too
    # the amount a title prints after the name ('某某执法经费4.8万元项目…') is its budget, not its name
    n = re.sub(rf"(?<=[\u4e00-\u9fff]{{4}}){NUM}(?:万元|萬元|万|萬|元)$", "", n)
    # '某州卫健委2020年度“某某免费检查”': the unit and the year before the name, the quotes around it
    n = re.sub(rf"^[\u4e00-\u9fff]{{2,30}}?(?:{_unit_endings()})(?:19|20)\d\d年度?(?=[\u4e00-\u9fff“\"]{{4}})", "", n)
    quoted = re.fullmatch(r"[“\"]([^“”\"]{4,60})[”\"]", n)
    n = quoted.group(1) if quoted else n
    n = re.sub(r"[（(]含[^）)]*[）)]$", "", n)
    n = re.sub(r"[（(][^）)]{12,}[）)]$", "", n)
    # a form's title printed in its 项目名称 cell: '某某补助经费支出绩效自评表' names '某某补助经费'
    n = re.sub(r"(?:项目)?(?:支出)?绩效(?:目标)?自评表$", "", n) if len(n) > 12 else n
    # a sentence's stop after the name ('项目名称：某某项目。'), a file name's joint ('某某建设_自评报告')
    return n.rstrip("。；;，,_-—")


def money_cell(text: str, unit: str = "万元") -> str | None:
    """A table cell's amount in 万元; `unit` is the one the table's header states for bare numbers."""
    t = squash(text)
    if not t:
        return None
    m = re.fullmatch(rf"({NUM})(万元|万|元)?", t)
    if not m:
        return None
    return to_wan(m.group(1), m.group(2) or unit)


YUAN_HEADER_RE = re.compile(r"[（(]\s*元\s*[）)]|单位[：:]\s*元(?!万)")


def header_unit(texts: list[str]) -> str:
    """'项目资金（元）' or '金额单位：元' make bare amounts 元; otherwise the forms' usual 万元."""
    return "元" if any(YUAN_HEADER_RE.search(squash(t)) for t in texts) else "万元"


HEADER_WORDS = ("序号", "项目名称", "项目", "年初预算数", "年初预算", "上年结转", "本年调整", "调整预算", "可执行指标",
                "全年预算数", "全年预算", "决算金额", "决算数", "全年执行数", "执行数", "执行率", "结转结余", "结余")
TOP_WORDS = ("年初", "上年", "本年", "可执行", "决算", "结转", "全年", "调整后", "执行")
BOTTOM_WORDS = ("序号", "项目", "名称", "预算数", "预算", "结转", "调整", "指标", "金额", "结余", "执行数", "执行率", "数",
                "率")


def tokenize(text: str, words: tuple[str, ...]) -> list[str] | None:
    """Split a run-together header ('年初预算上年结转…') into known words, longest first; None if it fails."""
    out: list[str] = []
    i = 0
    ordered = sorted(words, key=len, reverse=True)
    while i < len(text):
        w = next((w for w in ordered if text.startswith(w, i)), None)
        if w is None:
            return None
        out.append(w)
        i += len(w)
    return out


def header_from_prose(lines: list[str]) -> list[str] | None:
    """Column labels of a table whose header the PDF text layer printed as one or two plain lines."""
    if not lines:
        return None
    one = tokenize(squash(lines[-1]), HEADER_WORDS)
    if one and "项目" in "".join(one) and len(one) >= 4:
        return one
    if len(lines) >= 2:
        top = tokenize(squash(lines[-2]), TOP_WORDS)
        bottom = tokenize(squash(lines[-1]), BOTTOM_WORDS)
        if top and bottom and len(bottom) >= len(top):
            k = len(bottom) - len(top)
            return bottom[:k] + [a + b for a, b in zip(top, bottom[k:], strict=True)]
    return None


def table_projects(table: Table, before: list[str] | None = None) -> list[dict]:
    """Projects from a table whose header row names 项目 and money columns (预算/执行/决算)."""
    out: list[dict] = []
    header_i = None
    cols: dict[int, str] = {}
    rows = table.rows
    labels_before = header_from_prose(before or [])
    if labels_before:
        found = {ci: k for ci, k in ((ci, _label(t)) for ci, t in enumerate(labels_before)) if k}
        if "name" in found.values():
            rows = [[]] + rows
            header_i, cols = 0, found
            width = len(labels_before)
    for ri, row in enumerate(table.rows if header_i is None else []):
        labels = {ci: _label(c.text) for ci, c in enumerate(row)}
        found = {ci: k for ci, k in labels.items() if k}
        if "name" in found.values() and len({k for k in found.values() if k != "name"}) >= 2:
            header_i, cols = ri, found
            break
    if header_i is None:
        return out
    if not labels_before:
        width = len(rows[header_i])
    unit = header_unit([*(before or []), *(c.text for c in rows[header_i])])
    for row in rows[header_i + 1:]:
        if len(row) != width:
            continue
        vals = {cols[ci]: row[ci].text for ci in cols if ci < len(row)}
        name = clean_project_name(vals.get("name", ""))
        if not name or re.fullmatch(r"合\s*计|总\s*计|小\s*计", name) or name.startswith(("合计", "总计")):
            continue
        proj = {"name": name, "budget_initial": None, "budget_full_year": None, "executed": None,
                "execution_rate": None, "carryover": None}
        for k in ("budget_initial", "budget_full_year", "executed", "carryover"):
            if k in vals:
                proj[k] = money_cell(vals[k], unit)
        if "execution_rate" in vals:
            proj["execution_rate"] = plain_number(vals["execution_rate"])
        proj["provenance"] = row[0].line.provenance(" | ".join(c.text for c in row))
        out.append(proj)
    return out


UNIT_ONLY_RE = re.compile(r"[（(](?:单位[:：])?(?:万元|元|亿元)[）)]")


def space_self_eval_money(lines: list[TextLine]) -> dict | None:
    """The 项目资金 block of a self-evaluation form printed one row per line, cells split by spaces."""
    header: list[str | None] | None = None
    unit = "万元"
    for ln in lines:
        if ln.cell:
            continue
        toks = ln.text.split()
        labels = [_label(t) for t in toks]
        if sum(1 for lb in labels if lb in ("budget_initial", "budget_full_year", "executed")) >= 2:
            # ('项目资金 (万元) 年初预算数 …': the block's name and its unit head no column of values)
            header = [lb for t, lb in zip(toks, labels, strict=True)
                      if not t.startswith("项目资金") and not UNIT_ONLY_RE.fullmatch(t)]
            unit = header_unit(toks)
            continue
        if header and toks and toks[0].startswith(("年度资金总额", "资金总额")):
            values = toks[1:]
            out = {"budget_initial": None, "budget_full_year": None, "executed": None, "execution_rate": None,
                   "carryover": None}
            if len(values) != len(header):
                return None
            for k, v in zip(header, values, strict=True):
                if k == "execution_rate":
                    out[k] = plain_number(v)
                elif k in out:
                    out[k] = money_cell(v, unit)
            out["provenance"] = ln.provenance()
            return out
    return None


def space_table_projects(lines: list[TextLine]) -> list[dict]:
    """Projects from a table a text export printed one row per line, cells split by spaces:
    '项目名称 年初预算数 全年预算数 全年执行数 执行率' then 'X 1,536.00 1,560.80 1,548.32 99.2%'."""
    out: list[dict] = []
    prose = [ln for ln in lines if not ln.cell and ln.text]
    for k, ln in enumerate(prose):
        toks = ln.text.split()
        labels = [_label(t) for t in toks]
        if not toks or labels[0] != "name" or sum(1 for lb in labels[1:] if lb) < 2:
            continue
        unit = header_unit([x.text for x in prose[max(0, k - 2): k + 1]])
        for row in prose[k + 1:]:
            vals = row.text.split()
            if len(vals) != len(toks) or money_cell(vals[1], unit) is None and plain_number(vals[1]) is None:
                break
            name = clean_project_name(vals[0])
            if re.match(r"^(合计|总计|小计)", name):
                continue
            proj = {"name": name, "budget_initial": None, "budget_full_year": None, "executed": None,
                    "execution_rate": None, "carryover": None, "provenance": row.provenance()}
            for lb, v in zip(labels[1:], vals[1:], strict=True):
                if lb == "execution_rate":
                    proj[lb] = plain_number(v)
                elif lb in proj:
                    proj[lb] = money_cell(v, unit)
            out.append(proj)
    return out


def self_eval_money(table: Table) -> tuple[str | None, dict | None]:
    """(项目名称, money) from a 项目支出绩效自评表 laid out as label cells followed by values."""
    name = None
    money: dict | None = None
    header: list[str | None] | None = None
    unit = "万元"
    for row in table.rows:
        texts = [squash(c.text) for c in row]
        if any(t.startswith("项目资金") for t in texts):
            unit = header_unit(texts)
        for ci, t in enumerate(texts):
            if t == "项目名称" and ci + 1 < len(texts) and texts[ci + 1]:
                name = texts[ci + 1]
        labels = [_label(t) if t else None for t in texts]
        if sum(1 for lb in labels if lb in ("budget_initial", "budget_full_year", "executed")) >= 2:
            header = labels
            continue
        if header and any(t.startswith(("年度资金总额", "资金总额")) for t in texts):
            li = next(i for i, t in enumerate(texts) if t.startswith(("年度资金总额", "资金总额")))
            values = texts[li + 1:]
            hdr = [lb for lb in header[1:]] if len(header) > len(values) else header
            # align the value cells with the header's labelled columns, right-aligned
            hl = [lb for lb in header]
            offset = len(hl) - len(values)
            money = {"budget_initial": None, "budget_full_year": None, "executed": None,
                     "execution_rate": None, "carryover": None}
            for vi, v in enumerate(values):
                hi = vi + offset
                if 0 <= hi < len(hl) and hl[hi]:
                    k = hl[hi]
                    if k == "execution_rate":
                        money[k] = plain_number(v)
                    elif k in money:
                        money[k] = money_cell(v, unit)
            money["provenance"] = row[0].line.provenance(" | ".join(c.text for c in row))
            del hdr
    return name, money


# ---- prose ----------------------------------------------------------------------------------------

def _cued_amount(field: str, patterns: list[str], text: str, year: int | None = None) -> str | None:
    """The figure the first matching cue states: an amount in 万元, or an execution rate's percentage
    (not one in a clause dated to other years than the report's `year`: '2018年度…结余资金12.664万元')."""
    figure = rf"\s*({NUM})\s*[%％]" if field == "execution_rate" else M
    for pattern in patterns:
        rx = re.compile(pattern.replace("{amount}", figure) if "{amount}" in pattern else pattern + figure)
        for m in rx.finditer(text):
            if PART_OF_YEAR_RE.search(re.split(r"[。；;]", text[: m.start()])[-1]):
                continue  # '2季度拨入5万元，支出3.33万元': one quarter's figure, not the year's
            if field == "execution_rate" and "目标" in re.split(r"[。；;，,]", text[: m.start()])[-1]:
                continue  # '投入-成本目标-预算执行率100%': a target set, not the rate achieved
            if field == "carryover" and re.search(r"上年度?$", text[: m.start()]):
                continue  # '（含上年结余3万元）': last year's balance brought in, not this year's
            if field == "budget_full_year" and INITIAL_CLAUSE_RE.search(text[: m.start()]):
                continue  # '年初安排预算资金1万元': the initial budget, not the year's
            clause = re.split(r"[。；;，,]", text[: m.start()])[-1] + m.group(0)
            years = {int(y) for y in re.findall(r"((?:19|20)\d\d)年(?!\d{1,2}月)", clause)}
            if year is not None and years and year not in years:
                continue
            if field == "execution_rate":
                return m.group(1)
            if m.group(2) == "元" and re.search(rf"(?<![\d.,]){re.escape(m.group(1))}万", text):
                return m.group(1)  # '全年预算数2089元' in a report that prints '2089万元' elsewhere: 万 dropped
            return to_wan(m.group(1), m.group(2))
    return None


# a clause about one part of the year: a quarter, a half, a run of months
PART_OF_YEAR_RE = re.compile(r"(?:[1-4一二三四]|第[一二三四])季度|[上下]半年|\d{1,2}[-—至~]\d{1,2}月")


def prose_project_money(text: str, year: int | None = None) -> dict:
    """Budget/execution figures a project report states in prose (prose.yaml project_money), of the
    report's `year` where it is known."""
    from ingest.templates import prose_vocabulary

    vocab = prose_vocabulary().get("project_money", {})
    t = squash(text)
    out: dict = {field: _cued_amount(field, vocab["cues"].get(field, []), t, year)
                 for field in ("budget_initial", "budget_full_year", "executed", "execution_rate", "carryover")}
    if out["carryover"] is None and any(re.search(p, t) for p in vocab.get("no_carryover", [])):
        out["carryover"] = "0"
    if out["budget_full_year"] is None:
        out["budget_full_year"] = _cued_amount("budget_full_year", vocab.get("budget_full_year_fallback", []), t, year)
    if out["budget_full_year"] is None:
        # "财政安排…24.00万元，于…按年初预算计划拨付到位": an allocation made in the initial budget.
        for sent in re.split(r"[。；]", t):
            m = re.search(rf"(?:财政|预算)(?:实际)?安排[^，。；\d]{{0,30}}?{M}", sent)
            # '财政安排支出共计…' is what was spent; '县本级预算安排…' is one level's share;
            # nor is a part a total was split into ('…共计128.79亿元，其中…省级财政安排补助资金14.05亿元')
            # and '年初预算安排300万元' is the initial budget, already read as such, '需县级财政安排…' a need,
            # '县区财政安排投入配套资金…' the local match to a transfer
            if m and "支出" not in sent[m.start():m.start(1)] and "本级" not in sent[:m.start()] \
                    and "其中" not in sent[:m.start()] and not sent[:m.start()].endswith("年初") \
                    and not re.search(r"需[^，。；]{0,6}$", sent[:m.start()]) and "配套" not in m.group(0):
                v = to_wan(m.group(1), m.group(2))
                out["budget_full_year"] = v
                if "年初预算" in sent and out["budget_initial"] is None:
                    out["budget_initial"] = v
                break
    return out


def named_budget(project: str, text: str) -> str | None:
    """The amount printed right after the project's own name ('植树造林专项经费50万元'): its budget, when
    no budget wording states it (prose.yaml project_money.named_budget)."""
    from ingest.templates import prose_vocabulary

    template = prose_vocabulary().get("project_money", {}).get("named_budget")
    if not template or len(project) < 4:
        return None
    m = re.search(template.replace("{name}", re.escape(project)) + M, squash(text))
    return to_wan(m.group(1), m.group(2)) if m else None


# words of a clause that states money given to a project (not spent from it)
BUDGET_CLAUSE_RE = re.compile(r"安排|下达|预算|批复|合计|共计|总额|到位")


def budgets_fitting_rate(text: str, executed: str, rate: str) -> list[str]:
    """The distinct amounts the text states in clauses about money given (安排, 下达, 预算, 合计…) that the
    spending and its printed rate agree with (executed / amount within rounding of the rate)."""
    from ingest.extract.validate import rate_fits

    spent, pct = dec(executed), dec(rate)
    if not spent or not pct:
        return []
    found: list[str] = []
    for clause in re.split(r"[，,；;。\n]", squash(text)):
        if not BUDGET_CLAUSE_RE.search(clause):
            continue
        for m in re.finditer(M, clause):
            amount = to_wan(m.group(1), m.group(2))
            d = dec(amount)
            if d and rate_fits(d, spent, pct) and amount not in found and all(dec(f) != d for f in found):
                found.append(amount)
    return found


def named_total(project: str, text: str) -> str | None:
    """The total printed after the project's own name ('某某发展资金合计5200万元')."""
    if len(project) < 4:
        return None
    m = re.search(re.escape(project) + rf"(?:合计|共计|总计)(?:为|是)?{M}", squash(text))
    return to_wan(m.group(1), m.group(2)) if m else None


def listed_project_budgets(text: str) -> list[dict]:
    """Projects named one per clause with their budget: '驻村工作项目资金预算20万元', '申请X经费50万'."""
    out: list[dict] = []
    # (a heading's line is no part of the sentence under it: '（二）项目资金申报及批复情况' / '本项目申报…')
    for sent in (squash(s) for s in re.split(r"[；。\n]", text)):
        name = None
        amount = None
        m = re.search(rf"申请([^，、；。\d]{{2,24}}?){M}", sent)
        if m:
            name, amount = m.group(1), to_wan(m.group(2), m.group(3))
        else:
            m = re.match(rf"^([^，；。\d]{{2,30}}?)(?:根据[^，]*，)?(?:共)?(?:项目资金|资金)?预算(?:经费|资金)?{M}", sent)
            if m:
                name, amount = m.group(1), to_wan(m.group(2), m.group(3))
                name = re.sub(r"(资金)$", "", name)
        if not name or amount is None or name.startswith(("为", "本", "我", "其中", "共", "各", "全")) or \
                re.search(r"年初|全年|部门|单位|本年|上年|合计|总|收入|支出", name) or \
                name.endswith(("支付", "拨付", "使用", "下达", "安排")):  # '申请专项债券资金支付…': what was asked, not a name
            continue
        out.append({"name": name, "budget_initial": None, "budget_full_year": amount, "executed": None,
                    "execution_rate": None, "carryover": None, "_sentence": sent})
    return out


BRACKETED_PARTS_RE = re.compile(rf"[^，、；,（()）:：]{{2,24}}?{M}[（(]其中[:：](?P<parts>[^（）()]+)[）)]")


def breakdown_items(sentence: str) -> list[tuple[str, str]]:
    """'其中：办公费3.21万元，印刷费11.02万元' → [(办公费, 3.21), (印刷费, 11.02)]."""
    items: list[tuple[str, str]] = []
    # '商品和服务支出4.37万元（其中：办公费1.89万元，…）': an item broken down in brackets is its parts
    sentence = BRACKETED_PARTS_RE.sub(lambda m: m.group("parts"), sentence)
    nested_left: Decimal | None = None  # what a "…7.52万元，其中…" sub-breakdown of the last item still owes
    # a page may drop the comma between two items ('…24.51万元城乡社区支出21,361.86万元'): 元 ends an item
    for k, piece in enumerate(re.split(r"[，、；;]|(?<!\d),|,(?!\d)|(?<=元)(?=[\u4e00-\u9fff])", sentence)):
        # '…，其中…' and '…，具体是…' break down the item before them
        sub = k > 0 and piece.startswith(("其中", "具体")) and bool(items)
        if piece.startswith("占"):
            continue  # '…，占本年财政拨款支出488.80万元的0%': the item's share of a total, not an item
        piece = re.sub(r"^(其中|具体(?:是|为)?|分别|包含|包括)[:：]?", "", piece)
        m = re.match(rf"^([^\d，。；：:（）()]{{2,24}}?(?:（[^）]{{1,6}}）[^\d，。；]{{0,20}}?)?)(?:支出决算|决算)?(?:为)?{M}", piece)
        if not m:
            continue
        item = m.group(1)
        item = re.sub(r"(费)支出$", r"\1", item)
        amount = to_wan(m.group(2), m.group(3))
        if amount is None:
            continue
        if sub:
            nested_left = dec(items[-1][1])
        if nested_left is not None:
            # a part of the item before it, not a sibling: skip until the parts add up to that item
            nested_left -= dec(amount) or Decimal(0)
            if nested_left <= 0:
                nested_left = None
            continue
        items.append((item, amount))
    return items


@cache
def _not_spending_breakdown() -> re.Pattern[str]:
    from ingest.templates import prose_vocabulary

    return re.compile("|".join(prose_vocabulary()["breakdown_not_spending"]))


def spending_from_prose(paras: list[tuple[str, TextLine]], project: str | None, unit_level: bool) -> list[dict]:
    out: list[dict] = []
    pending_list = False
    for text, ln in paras:
        t = squash(text)
        sentences = re.split(r"[。]", t)
        prev = ""
        for sent in sentences:
            if not sent:
                continue
            if sent.startswith("其中"):
                # "…实际支出24万元。其中：办公费…" — the breakdown's head is the sentence before
                sent = prev + "，" + sent
            prev = sent
            if pending_list and re.match(rf"^[^\d，。；]{{2,12}}{M}", sent):
                for item, amount in breakdown_items(sent.split("，")[0]):
                    if not _not_spending_breakdown().search(item):  # '基本支出…' on its own line: a class
                        out.append(_item(project, item, amount, ln, sent))
                continue
            pending_list = False
            # "…决算699.21万元，其中：工资福利支出404.63万元、…" (not a budget, not income); a sentence may
            # break down twice ('…其中：基本支出A；项目支出B；其中工资福利支出C，…'): each list has its own head
            cues = list(re.finditer(r"(其中[:：]?|决算中，|支出中[，:：]|支出明细[:：]|具体支出(?:为|如下)?[:：]|(?:资金)?使用情况[:：]|"
                                    r"(?:资金)?(?:主要)?用于[^，。；：:\d]{0,12}[:：]|明细如下[:：]|"
                                    r"(?:按(?:支出)?功能(?:分类)?科目分类|按功能分类)[，,:：](?!其中))", sent))
            first_spent = False
            for ci, m in enumerate(cues):
                # "基本支出中，人员经费…": the head is the words before "中"
                start = cues[ci - 1].end() if ci else 0
                head = sent[start: m.end(1) - 2] if m.group(1).startswith("支出中") else sent[start: m.start()]
                body = sent[m.end(): cues[ci + 1].start() if ci + 1 < len(cues) else len(sent)]
                if m.group(1).startswith(("支出明细", "具体支出", "使用情况", "资金使用情况")) \
                        or (re.search(r"用于[^:：]*[:：]$", m.group(1))
                                                                    and not unit_level):
                    head = "支出" + head
                spent = re.search(r"(支出|决算|开支|使用|执行数|实际执行|总投入)", head) and not re.search(
                    r"年初预算|收入|预算支出|预算收入|采购支出|合同金额|总计", head) and not _planned_head(head)
                # a head whose last clause states a budget ('…2021年预算9.2亿元，其中'): the list splits the plan
                spent = spent and not re.search(rf"预算(?:数|总额)?(?:为|是)?{NUM}[万亿]?元[^，,。；\d]*[，,：:]?$", head)
                # a 三公 head whose last word of the two is 决算 ('…预算X，决算Y，其中'), not 预算
                spent = spent or ("三公" in head and head.rfind("决算") > head.rfind("预算")) \
                    or _sums_to_spent(head, body) \
                    or _classified_spending(head, body)
                # a later list breaks down a part of the first: spending only if the first was
                first_spent = spent if ci == 0 else first_spent
                spent = spent and first_spent
                if spent and not body:
                    pending_list = True
                    continue
                if spent and _distributes(body):
                    continue  # '其中60万元分配如下：某镇5万、某乡7万…': shared out among places, not spent on them
                if spent:
                    items = _without_closing_total(breakdown_items(body))
                    if items and _functional_classes_only(items) and not _names_a_classification(head + m.group(1)):
                        continue  # '…财政拨款支出X，主要用于以下方面：一般公共服务（201）支出…': the accounts' classes
                    if items and not any(_not_spending_breakdown().search(i) for i, _ in items):
                        for item, amount in items:
                            out.append(_item(project, item, amount, ln, sent))
                    continue
                if not unit_level:
                    # "…20万元，其中8万用于后盾单位奖励，12万元用于驻村工作队工作经费"
                    for mm in re.finditer(rf"{M}用于({USE_TEXT}{{2,40}})", body):
                        out.append(_item(project, mm.group(3), to_wan(mm.group(1), mm.group(2)), ln, sent))
            if cues:
                continue
            listed = _used_for_spent(sent, t)
            if listed:
                out.extend(_item(project, item, amount, ln, sent) for item, amount in listed)
                continue
            if not unit_level:
                # "拨付160万元至相应社区，专款用于小区党支部示范建设"
                for mm in re.finditer(rf"拨付{M}至[^，；。]*，(?:专款)?用于([^，；。\d]{{2,30}})", sent):
                    out.append(_item(project, mm.group(3), to_wan(mm.group(1), mm.group(2)), ln, sent))
                for mm in re.finditer(rf"[；，]?([^，；。\d]{{4,40}}?工作经费)为{M}", sent):
                    name = re.sub(r"^(全部用于[^，]*|其余|另)", "", mm.group(1))
                    if "；" in sent[: mm.start() + 1] or mm.start() > 0:
                        out.append(_item(project, name, to_wan(mm.group(2), mm.group(3)), ln, sent))
                for mm in re.finditer(rf"下拨((?:[^，；。\d]|20\d\d年度?)[^，；。]{{2,40}}?经费){M}", sent):
                    out.append(_item(project, mm.group(1), to_wan(mm.group(2), mm.group(3)), ln, sent))
    return out


# what money was used for, up to the clause's end or the next amount: digits that count or date something
# stay in it ('支付2018年新增40名保洁员工资'), an amount does not ('…奖励12万元用于…')
USE_TEXT = r"(?:[^，；。\d]|\d(?![\d.]*万?元))"
USED_FOR_RE = re.compile(r"(?:全部|主要|分别)?用于(?:我[处局院所站中心校]|本单位)?")
SPENT_RE = re.compile(rf"(?:支出|实际支出|支出决算|决算)(?:为|是|共计|合计)?{M}")


def _used_for_spent(sent: str, para: str) -> list[tuple[str, str]]:
    """'…基本支出为110.45万元。…全部用于人员工资福利支出82.71万元、商品和服务支出6.94万元…': a list after
    用于 (no colon) is what was spent only when its items add up exactly to an amount the paragraph states
    as spent; otherwise it may be a plan, a share-out or a coincidence of words, and is left alone."""
    m = USED_FOR_RE.search(sent)
    if not m:
        return []
    items = _without_closing_total(breakdown_items(sent[m.end():]))
    amounts = [dec(a) for _, a in items]
    if len(items) < 2 or any(a is None for a in amounts) or any(_not_spending_breakdown().search(i) for i, _ in items):
        return []
    total = sum((a for a in amounts if a is not None), Decimal(0))
    spent = {dec(to_wan(x.group(1), x.group(2))) for x in SPENT_RE.finditer(para)}
    return items if total in spent else []


def _distributes(body: str) -> bool:
    """A list whose opening words share money out (prose.yaml distribution_words): '…分配如下：A5万、B7万'."""
    from ingest.templates import prose_vocabulary

    words = prose_vocabulary().get("distribution_words", [])
    opening = re.split(r"[:：]", body, maxsplit=1)[0][:40]  # the words before the list opens
    return any(re.search(w, opening) for w in words)


def _planned_head(head: str) -> bool:
    """A breakdown's head whose last clause is about what the budget approved (prose.yaml
    planned_clause_words): '…预算批复基本支出为2411.77万元，其中…' splits a plan, not the spending."""
    from ingest.templates import prose_vocabulary

    words = prose_vocabulary().get("planned_clause_words", [])
    last = [m for p in words for m in re.finditer(p, head)]
    return bool(last) and not re.search(r"决算|实际|执行", head[max(m.end() for m in last):])


def _sums_to_spent(head: str, body: str) -> bool:
    """'年初预算45万元，…执行数43.2万元，…。其中：A28.6万元，B14.6万元': the parts add up to the amount
    the head states as spent (执行数/实际支出/决算), so they break down the spending, not the budget."""
    spent = [m for m in re.finditer(rf"(?:执行数|实际支出|支出决算|决算数|已支付)(?:为|是)?{M}", head)]
    if not spent:
        return False
    parts = [dec(a) for _, a in breakdown_items(body)]
    if len(parts) < 2 or any(p is None for p in parts):
        return False
    return sum(parts, Decimal(0)) == dec(to_wan(spent[-1].group(1), spent[-1].group(2)))


def _without_closing_total(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'…，其他商品和服务支出6.65万元，合计支出925.29万元': a last item that is the list's total (合计/总计/共计)
    and adds up its parts closes the list; it is no item of its own."""
    if len(items) < 3 or not re.match(r"^(?:合计|总计|共计)", items[-1][0]):
        return items
    parts = [dec(a) for _, a in items[:-1]]
    total = dec(items[-1][1])
    if any(p is None for p in parts) or total is None or abs(sum(parts, Decimal(0)) - total) > total / 1000:
        return items  # (a publisher's own sum may be off by a few 元)
    return items[:-1]


def _functional_classes_only(items: list[tuple[str, str]]) -> bool:
    """Whether every item is a class of the functional classification of expenditure (prose.yaml
    functional_classes), printed with or without its code: '一般公共服务（201）支出', '教育支出'."""
    from ingest.templates import prose_vocabulary

    classes = set(prose_vocabulary().get("functional_classes", []))
    return bool(classes) and all(re.sub(r"[（(]\d{3}[）)]|支出$", "", i) in classes for i, _ in items)


def _names_a_classification(head: str) -> bool:
    from ingest.templates import prose_vocabulary

    words = prose_vocabulary().get("spending_classifications", [])
    return bool(words) and bool(re.search("|".join(words), head))


def _classified_spending(head: str, body: str) -> bool:
    """'按功能分类科目分类，其中一般公共服务支出A万元，教育支出B万元…': spending by its class (prose.yaml
    spending_classifications, economic_classes), each part named as an expenditure, under a head that
    plans nothing."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary()
    # the clause the parts break down ('…基本支出收入100.57万元，一般公共预算财政拨款基本支出100.57万元，其中'):
    # a budget or an income there is no spending; the fund a 一般公共预算 names is no budget
    last = re.split(r"[，,；;]", head.rstrip("，,：:；; "))[-1]
    if _planned_head(head) or re.search(r"(?<!一般公共)预算|收入", last):
        return False
    items = breakdown_items(body)
    if len(items) < 2 or not all(i.endswith("支出") for i, _ in items):
        return False
    if _names_a_classification(head):
        return True
    # '基本支出98.93万元，其中工资福利支出95.84万元；商品和服务支出3.10万元': the economic classes of the
    # amount just before them, adding up to it exactly
    classes = tuple(voc.get("economic_classes", []))
    amounts = list(re.finditer(M, head))
    parts = [dec(a) for _, a in items]
    return bool(amounts) and all(i.startswith(classes) for i, _ in items) and not any(p is None for p in parts) \
        and sum(parts, Decimal(0)) == dec(to_wan(amounts[-1].group(1), amounts[-1].group(2)))


def _item(project: str | None, item: str, amount: str | None, ln: TextLine, raw: str) -> dict:
    return {"project": project, "item": item, "amount": amount, "provenance": ln.provenance(raw)}


def refine_amounts(items: list[dict], text: str) -> None:
    """A total printed twice with different rounding: keep the more precise figure that rounds to it."""
    t = squash(text)
    for it in items:
        v = dec(it["amount"])
        if not v:
            continue  # nothing spent is no rounding of something spent
        stem = re.sub(r"[（(][^）)]*[）)]", "", it["item"])
        for m in re.finditer(rf"{re.escape(stem)}[^，。；\d]{{0,12}}?(?:支出|决算|共计支出)[^，。；\d]{{0,4}}?{M}", t):
            w = dec(to_wan(m.group(1), m.group(2)))
            if w is None or w == v:
                continue
            exp = v.as_tuple().exponent
            if isinstance(exp, int) and w.as_tuple().exponent < exp and w.quantize(Decimal(1).scaleb(exp)) == v:
                it["amount"] = to_wan(m.group(1), m.group(2))
                break


def year_income(text: str) -> str | None:
    """The year's own income (本年收入合计) rather than 收入总计, which adds the carryover. Where a file
    prints the year's income with different figures (a 决算 and a performance report of the same
    year), the one a 收入总计 of the file repeats."""
    t = squash(text)
    own = [to_wan(x.group(1), x.group(2)) for x in re.finditer(rf"(?:本年|本年度|(?:19|20)\d\d年度?)收入合计{M}", t)]
    if not own:
        return None
    grand = {dec(to_wan(x.group(1), x.group(2))) for x in re.finditer(rf"收入总计{M}", t)}
    return next((v for v in own if dec(v) in grand), own[0])


# a sentence about one part of the accounts ('一般公共预算收入总计X，本年支出Y'): its 本年支出 is that part's
FUND_SUBSET_RE = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款")


def _sentence_before(text: str, start: int) -> str:
    return text[text.rfind("。", 0, start) + 1: start]


def department_totals(text: str, year: int | None = None) -> dict | None:
    """The unit's totals by the older fixed patterns; none from a clause about another year than `year`."""
    t = squash(text)
    out = {"income_total": None, "expenditure_total": None, "basic_expenditure": None,
           "project_expenditure": None, "budget_initial_total": None, "carryover_total": None,
           "three_public_expenses": None}

    def first(*patterns: str) -> re.Match[str] | None:
        for p in patterns:
            m = next((mm for mm in re.finditer(p, t) if not about_another_year(t, mm.start(), year)), None)
            if m:
                return m
        return None

    m = first(rf"收入总计{M}", rf"决算收入{M}", rf"本年收入合计{M}", rf"收入合计{M}",
              rf"(?:全年|年度)(?:总)?收入(?:为)?{M}")
    if m:
        out["income_total"] = to_wan(m.group(1), m.group(2))
    out["income_total"] = year_income(t) or out["income_total"]
    exp_patterns = (rf"(?:本年|当年)支出合计{M}", rf"决算支出{M}", rf"(?:全年|部门|本年|单位|年度)支出决算(?:数)?(?:为)?{M}",
                    # this year's own spending before a total that adds what was carried over ('总支出X，其中本年支出Y')
                    rf"支出合计{M}", rf"(?<!上)本年(?:总)?支出(?:为)?{M}", rf"(?<!上)(?:全年|年度)(?:总)?支出(?:为)?{M}")
    # a total stated of the 三公 items ('…公务接待费决算支出X') is not the unit's spending
    m = next((mm for p_ in exp_patterns for mm in re.finditer(p_, t)
              if not about_other_subject(t, mm.start()) and not about_another_year(t, mm.start(), year)
              and not (p_.startswith("(?<!上)本年") and FUND_SUBSET_RE.search(_sentence_before(t, mm.start())))), None)
    if m:
        out["expenditure_total"] = to_wan(m.group(1), m.group(2))
        # the split into 基本支出/项目支出 follows one of the statements of that total
        for p_ in exp_patterns:
            for mm in re.finditer(p_, t):
                if to_wan(mm.group(1), mm.group(2)) != out["expenditure_total"]:
                    continue
                tail = re.split(r"。", t[mm.end(): mm.end() + 120])[0]
                b = re.search(rf"基本支出{M}", tail)
                p = re.search(rf"项目支出{M}", tail)
                if b and out["basic_expenditure"] is None:
                    out["basic_expenditure"] = to_wan(b.group(1), b.group(2))
                if p and out["project_expenditure"] is None:
                    out["project_expenditure"] = to_wan(p.group(1), p.group(2))
    if out["project_expenditure"] is None:
        m = re.search(rf"(?:财政拨款)?项目支出(?!年初|预算){M}", t)
        if m and re.search(r"本单位|本部门|全年|年度", t[max(0, m.start() - 30): m.start()]) \
                and "预算" not in t[t.rfind("。", 0, m.start()) + 1: m.start()]:
            out["project_expenditure"] = to_wan(m.group(1), m.group(2))
    m = first(rf"年初预算(?:收入|支出)?(?:[（(][^）)]*[）)])?{M}", rf"年初预算(?:数|总额)(?:为|是)?{M}")
    if m and re.search(r"部门|单位|整体", t[max(0, m.start() - 12): m.start()]):
        out["budget_initial_total"] = to_wan(m.group(1), m.group(2))
    m = first(rf"年末结转(?:和|及)?结余(?:资金)?(?:为)?{M}")
    if m:
        out["carryover_total"] = to_wan(m.group(1), m.group(2))
    m = first(rf"三公[”\"]?经费[^，。；\d]{{0,16}}?(?:支出|决算)[^，。；\d]{{0,6}}?{M}")
    # '…部门预算三公经费总支出28.7万元': what the budget planned, not what was spent
    if m and not _planned_head(re.split(r"[，,。；;]", t[: m.end()])[-1]):
        out["three_public_expenses"] = to_wan(m.group(1), m.group(2))
    if all(v is None for v in out.values()):
        return None
    return out


@cache
def _total_score_re() -> re.Pattern[str]:
    """A score the text names as the whole evaluation's (prose.yaml `total_score_cues`)."""
    from ingest.templates import prose_vocabulary

    cues = "|".join(prose_vocabulary()["score_and_grade"].get("total_score_cues", [])) or "(?!)"
    return re.compile(rf"(?:{cues})(?:为|是|：|:)?\s*({NUM})\s*分")


@cache
def _score_grade_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The score and grade sentences, from prose.yaml's `score_and_grade` cues."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary()["score_and_grade"]
    cues = "|".join(voc["score_cues"])
    # the points may go unprinted after the cues that can only be followed by a score ('自评得分88.5，综合
    # 评价结果为：优'), where the figure ends its clause
    bare = "|".join(voc.get("score_cues_without_points", [])) or "(?!)"
    labels = "|".join(voc.get("score_labels", [])) or "(?!)"
    score = re.compile(rf"(?:{cues})(?:为|是|：|:)?\s*({NUM})\s*分|(?:{bare})(?:为|是|：|:)?\s*({NUM})(?=[，,；;。]|$|评价等|绩效等|等次|等级)"
                       rf"|(?:{labels})(?:[（(]分[）)][:：|｜]*|[:：|｜]+)\s*({NUM})(?![\d.%％])")
    grades = "|".join(sorted(map(re.escape, voc["grades"]), key=len, reverse=True))
    gcues = "|".join(map(re.escape, voc["grade_cues"]))
    # the grade right after its cue, with no 为 or colon ('评价等次良好', '绩效等级良。'): only where the grade
    # ends its clause or is a word of two characters
    grade = re.compile(rf"(?:(?:{gcues})(?:(?:为|是|评定为)[：:]?|[：:])\s*[“\"]?({grades})(?![A-Za-z])|评价(?:结果)?均为[“\"]?(优秀|良好|合格)"
                       rf"|(?:{gcues})(优秀|良好|不合格|合格|[优良中差](?=[，,。；;]|$)))")
    return score, grade


def score_and_grade(text: str) -> tuple[str | None, str | None]:
    t = squash(text)
    score_re, grade_re = _score_grade_res()
    s = score_re.search(t)
    total = _total_score_re().search(t) if s else None
    if total and total.start() > s.start():
        return total.group(1), _grade(grade_re, t)  # the parts' scores before the whole's ('…综合得分100分')
    if s is None and (row := _total_row_score_re().search(t)) and Decimal(row.group(1)) <= 100:
        return row.group(1), _grade(grade_re, t)  # '…满意度指标…总分10098': the form's total row
    return (s.group(1) or s.group(2) or s.group(3) if s else None), _grade(grade_re, t)


@cache
def _total_row_score_re() -> re.Pattern[str]:
    from ingest.templates import prose_vocabulary

    return re.compile(prose_vocabulary()["score_and_grade"].get("total_row_score", "(?!)"))


def _grade(grade_re: re.Pattern[str], t: str) -> str | None:
    for g in grade_re.finditer(t):
        if g.group(3) and not re.search(r"自评|得分|\d分", t[max(0, g.start() - GRADE_SCORE_REACH): g.start()]):
            continue  # a grade with no linking word counts only right after the score it grades
        return g.group(1) or g.group(2) or g.group(3)
    return None


GRADE_SCORE_REACH = 20
"""How far before a grade printed without 为 or a colon ('评价等次良好') the score it grades must stand
('综合得分85评价等次良好'); elsewhere such words grade something else ('示范区绩效等次优秀')."""


__all__ = ["MONEY_RE", "money_in"]
