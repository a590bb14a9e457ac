"""Department totals and “三公”经费 items read from sentences, by the cue words of prose.yaml.

A cue ('本年收入合计', '公务接待费') is followed by linking words and an amount in 元, 万元 or 亿元. An
amount whose cue is preceded by 上年 / 比 / 较 … is a comparison, not this year's figure, and is
skipped, so a statement that prints last year beside this year yields this year's value.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from decimal import Decimal
from functools import cache
from itertools import accumulate
from typing import Any

from ingest.extract.text import TextLine, squash
from ingest.templates import prose_vocabulary
from ingest.values import NUM, to_wan, verdict_words

AMOUNT = rf"({NUM})(亿元|万元|元|万(?![\u4e00-\u9fff\d]))"  # a bare 万 before punctuation is 万元
# the words of a clause about the start-of-year budget, just before a budget's cue ('年初安排预算资金…',
# '年初财政下达资金…'): what follows is the initial budget, not the year's
INITIAL_CLAUSE_RE = re.compile(r"年初[^，。；,;\d]{0,8}$")


def _quote_free(text: str) -> str:
    """'“三公”经费' and '三公经费' are one cue: quotes are dropped before matching."""
    return re.sub(r"[“”\"'‘’]", "", text)


def _vocab() -> dict[str, Any]:
    return prose_vocabulary()


def _cue_re(cues: list[str], literal: bool = True) -> re.Pattern[str]:
    return _compiled_cue(tuple(cues), literal)


@cache
def _compiled_cue(cues: tuple[str, ...], literal: bool) -> re.Pattern[str]:
    """The pattern of cues + linking words + an amount, compiled once per cue list."""
    v = _vocab()
    alts = "|".join(re.escape(_quote_free(c)) if literal else _quote_free(c)
                    for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?:{alts}){v['linking']}[:：]?{AMOUNT}")


def about_other_subject(text: str, start: int) -> bool:
    """Is the sentence before this point about a 三公 item rather than the whole unit?"""
    # the sentence's words just before the cue: a heading or a table of contents printed without a
    # full stop before it ('七、“三公”经费支出决算情况说明') is not the sentence
    sentence = text[max(text.rfind("。", 0, start) + 1, start - OTHER_SUBJECT_REACH): start]
    return any(w in sentence for w in _vocab()["other_subjects"])


OTHER_SUBJECT_REACH = 40
"""How far before a total's cue a 三公 word makes the sentence about a 三公 item."""


def _this_year(text: str, start: int) -> bool:
    # with the cue's first character: '上年度支出' is last year's even where the cue is '年度支出'
    # (only the cue's own sentence: '…等减少。支出总计X' is this year's)
    before = re.split(r"[。；;！!？?]", text[max(0, start - 4): start + 1])[-1]
    return not any(w in before for w in _vocab()["not_this_year"])


CLAUSE_YEAR_RE = re.compile(r"(?<![较比与同至])((?:19|20)\d\d)年")


def about_another_year(text: str, start: int, year: int | None) -> bool:
    """Whether the sentence part holding `start` is about another year than the report's `year`: the last
    year it names before `start` ('…主要原因是2022年收入总计X，包括本年收入合计Y') is not the report's
    (a year compared with, '较2022年增加', names no subject)."""
    if year is None:
        return False
    head = text[max(text.rfind("。", 0, start), text.rfind("；", 0, start), text.rfind("\n", 0, start)) + 1: start]
    years = CLAUSE_YEAR_RE.findall(head)
    return bool(years) and int(years[-1]) != year


def _in_a_budget_sentence(text: str, start: int) -> bool:
    """Whether the clause list holding `start` breaks down a budget ('三公经费预算为20万元，其中：公务接待费
    9万元…'), not what was spent (prose.yaml three_public_budget_heads)."""
    sentences = re.split(r"[。；]", text[:start])
    head = sentences[-1]
    if head.startswith("其中") and len(sentences) > 1:
        head = sentences[-2] + "。" + head  # '…三公经费预算28.7万元。其中，…': the sentence before is the head
    for p in _vocab().get("three_public_budget_heads", []):
        m = re.search(p, head)
        # '…预算为X，支出决算为Y，其中：' is spending; '部门预算三公经费总支出X。其中：' is still the budget
        if m and not re.search(r"决算|实际|执行|[，,]支出", head[m.end():]):
            return True
    return False


def in_a_planned_split(text: str, start: int) -> bool:
    """Whether the sentence holding `start` splits a budget ('支出预算2.3亿元，其中：基本支出1.4亿元') rather
    than what was spent: it states a 预算 amount and no 决算 / 实际 / 执行 between that and this point."""
    head = text[text.rfind("。", 0, start) + 1: start]
    if head.startswith("其中"):  # '…预算支出为1250万元。其中，基本支出922万元': the sentence before is the head
        head = text[text.rfind("。", 0, max(0, start - len(head) - 1)) + 1: start]
    amounts = list(re.finditer(r"预算(?:支出|收入)?(?:数|总额)?(?:为|是)?\d", head))
    # after the last budget amount stated before this point, nothing says it was spent
    return bool(amounts) and not re.search(r"决算|实际|执行|完成|使用", head[amounts[-1].end():])


SPLIT_FIELDS = ("basic_expenditure", "project_expenditure")
"""Totals that split the year's spending: never read from a budget's split."""


def first_amount(text: str, cues: list[str], whole_unit: bool = True, spent_split: bool = False,
                 planned: bool = True, year: int | None = None) -> str | None:
    """The amount (万元) after the first cue, in the vocabulary's order, that states this year's figure
    (and, for a whole-unit total, not in a sentence about a 三公 item; for a split of the spending, not
    in a budget's split; for a figure of what happened (`planned` False), not in a clause about what the
    budget approved)."""
    for cue in cues:
        for m in _cue_re([cue], literal=False).finditer(text):
            if spent_split and in_a_planned_split(text, m.start()):
                continue
            # ('预算安排的三公经费决算支出X': the cue itself says it was spent)
            if not planned and _in_a_planned_clause(text, m.start()) and not re.search(r"决算|实际|执行", m.group(0)):
                continue
            if re.search(r"收入[、和及与]$", text[max(0, m.start() - 3):m.start()]):
                continue  # '收入、支出决算总计665.96万元': income and spending added together, neither alone
            if about_another_year(text, m.start(), year) or (year is not None and any(
                    int(y) != year for y in re.findall(r"((?:19|20)\d\d)年", m.group(0)))):
                continue  # a clause about another year, or another year's figure ('收入合计2022年为…')
            if _this_year(text, m.start()) and not (whole_unit and about_other_subject(text, m.start())):
                return to_wan(m.group(1), m.group(2))
    return None


def totals_from_prose(text: str, fields: Collection[str] | None = None, year: int | None = None
                      ) -> dict[str, str | None]:
    """Every department total the cue vocabulary finds (None where none is printed), or only `fields`; none
    from a clause about another year than `year`."""
    t = _quote_free(squash(text))
    return {field: first_amount(t, cues, whole_unit=field != "three_public_expenses", spent_split=field in SPLIT_FIELDS,
                                planned=field == "budget_initial_total", year=year)
            for field, cues in _vocab()["totals"].items() if fields is None or field in fields}


def _in_a_planned_clause(text: str, start: int) -> bool:
    """Whether the clause holding `start` is about what the budget approved ('…对我局预算批复的总支出为X'):
    a word of prose.yaml `planned_clause_words` before the cue, no 决算 / 实际 / 执行 after it."""
    head = re.split(r"[，,。；;]", text[:start])[-1]
    for p in _vocab().get("planned_clause_words", []):
        found = list(re.finditer(p, head))
        if found and not re.search(r"决算|实际|执行", head[found[-1].end():]):
            return True
    return False


def budget_sections(paras: list[tuple[str, TextLine]]) -> set[int]:
    """Indices of the paragraphs under a heading about the budget ('一、2018年年初预算'), up to the next
    numbered heading: what they state was planned, not spent, whatever words they use
    (prose.yaml budget_section_headings)."""
    headings = [re.compile(p) for p in _vocab().get("budget_section_headings", [])]
    out: set[int] = set()
    inside = False
    for k, (text, _) in enumerate(paras):
        t = squash(text)
        if NUMBERED_HEADING_RE.match(t) and len(t) <= 30:
            inside = any(h.search(t) for h in headings)
            continue
        if inside:
            out.add(k)
    return out


NUMBERED_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]")


def three_public_items(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """因公出国(境)费 / 公务用车… / 公务接待费 as spending items of the whole unit, this year's amount. (The
    unit's 机关运行经费 is not one: seed 004's label leaves it out.)"""
    out: list[dict] = []
    seen: set[str] = set()
    planned = budget_sections(paras)
    groups = _vocab()["three_public_items"]
    for k, (text, ln) in enumerate(paras):
        if k in planned:
            continue
        t = _quote_free(squash(text))
        if "三公" not in t and not any(n in t for names in groups for n in names):
            continue
        for names in groups:
            if names[0] in seen:
                continue
            for m in _cue_re(names).finditer(t):
                if not _this_year(t, m.start()) or _in_a_budget_sentence(t, m.start()):
                    continue
                printed = re.match("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), t[m.start():])
                name = printed.group(0) if printed and printed.group(0).endswith(("费", "支出")) else names[0]
                out.append({"project": None, "item": name,
                            "amount": to_wan(m.group(1), m.group(2)), "provenance": ln.provenance(text)})
                seen.add(names[0])
                break
    return out


def scored_headings(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators a report scores heading by heading ('一、项目投入情况。分值20分(自评20分)' / '（一）项目立项。
    分值10分，自评10分。' / '1、管理制度健全性。分值2分，自评2分。'): every heading with no scored heading
    under it is an indicator with its points (分值) and score; the headings above it are its levels, named
    without their '情况' (prose.yaml scored_headings). A heading that prints only its points ('（1）项目立项
    （2分）') takes the score its paragraph ends on ('…执行程序规范。自评得2分。'), when it states one."""
    v = _vocab().get("scored_headings", {})
    if not v:
        return []
    depth_res = [re.compile(d) for d in v["depths"]]
    tail = re.compile(rf"(?<=..)(?:{v['name_tail']})$")
    name = r"^(?P<name>[^。，,：:；\d（(]{2,24}?)[。：:，,\s（(]*"
    line_re = re.compile(rf"{name}(?:{v['weight']})(?P<w>{NUM})分[，,（(）)\s]*(?:{v['score']})(?P<s>{NUM})分")
    points_re = re.compile(rf"{name}(?:{v['weight']})(?P<w>{NUM})分[）)]?[:：。]?$")
    # the points in brackets, then the paragraph's words on the same line ('（1）建设项目立项（2分）我县…自评得2分。')
    inline_re = re.compile(rf"{name}[（(](?:{v['weight']})(?P<w>{NUM})分[）)]?[:：。，,\s]*(?P<rest>[^\d\s].*)$")
    body_score_re = re.compile(rf"(?:{v['score']}|{v['body_score']})(?P<s>{NUM})分")
    heads: list[tuple[int, str, str, str | None, TextLine]] = []
    body: list[list[str]] = []  # the paragraphs under each heading, up to the next one
    for text, ln in paras:
        t = squash(text)
        depth, m = next(((d, m) for d, rx in enumerate(depth_res) if (m := rx.match(t))), (None, None))
        if m is None:
            if body:
                body[-1].append(t)
            continue
        scored = line_re.match(t[m.end():]) or points_re.match(t[m.end():]) or inline_re.match(t[m.end():])
        if scored:
            heads.append((depth, scored.group("name"), scored.group("w"), scored.groupdict().get("s"), ln))
            body.append([scored.group("rest")] if scored.groupdict().get("rest") else [])
        elif body:
            body.append([])  # a heading that scores nothing ends the paragraphs of the one before
            heads.append((-1, "", "", None, ln))
    out: list[dict] = []
    for k, (depth, name, w, sc, ln) in enumerate(heads):
        if depth < 0 or (k + 1 < len(heads) and heads[k + 1][0] > depth):
            continue  # a heading with scored headings under it is a level, not an indicator
        if sc is None:
            stated = {m.group("s") for m in body_score_re.finditer("".join(body[k]))}
            sc = stated.pop() if len(stated) == 1 else None
        above: dict[int, str] = {}
        for d, n, *_ in heads[:k]:
            if d < 0:
                continue
            above[d] = tail.sub("", n)  # a level is named without its '情况'; an indicator as printed
            for deeper in [x for x in above if x > d]:
                del above[deeper]
        levels = [above[d] for d in sorted(above) if d < depth]
        if not levels and tail.search(name):
            continue  # '（一）项目决策情况（分值20分）', nothing above or under it: a part of the evaluation, scored
        if any(_levels_of(name)):
            continue  # '（1）数量指标：分值10分，自评得分10分。' then its indicator in a sentence: a level, scored
        if sc is None and not levels:
            continue  # points alone, under no scored level: not known to be an evaluation's item
        row = _indicator(levels[0] if levels else None, levels[1] if len(levels) > 1 else None, name, None, None,
                         ln, ln.text)
        row.update(weight=w, score=sc)
        out.append(row)
    scored = sum(1 for h in heads if h[0] >= 0)
    return out if scored >= 2 and out and any(r["score"] is not None for r in out) else []


def parallel_list_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators a sentence lists twice, targets then results under their own heads, each clause a name
    and its figure ('目标：A230人，B39人；实际完成：A230人，B52人'): paired by the name both lists print."""
    voc = _vocab()["indicator_sentences"]
    heads = re.compile(rf"(?P<t>{'|'.join(voc['list_target_heads'])})[:：]?(?P<tl>[^。]+?)"
                       rf"(?P<a>{'|'.join(voc['list_actual_heads'])})[:：]?(?P<al>[^。]+)")
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text)
        for m in heads.finditer(t):
            targets, actuals = _named_figures(m.group("tl")), _named_figures(m.group("al"))
            paired = [name for name in targets if name in actuals]
            # the two lists must be the same list: most of each one's names are in the other
            if len(paired) < 2 or 2 * len(paired) < max(len(targets), len(actuals)):
                continue
            out.extend(_indicator(None, None, name, targets[name], actuals[name], ln, m.group(0)) for name in paired)
    return out


def scored_cells(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """A scoring table printed one cell per paragraph ('投入(20分)', '目标', '设定(5分)', '绩效目标合理性(2分)',
    '2', '…指标解释…'): a cell naming its points followed at once by a bare score no higher than them is an
    indicator with its weight and score; the pointed cells before it that have no score are its levels (the
    nearer the second, the one before it the first). A level wrapped over two cells ('目标' / '设定(5分)') is
    joined."""
    pointed = re.compile(rf"^(?P<name>[^()（）\d：:，,。]{{2,30}})[（(](?P<w>{NUM})分[)）]$")
    score = re.compile(rf"^(?P<s>{NUM})(?:分)?$")
    cells = [squash(t) for t, _ in paras]
    out: list[dict] = []
    levels: list[str] = []  # the pointed cells above the current indicators, outermost first
    level_weight = Decimal(0)  # the points of the outermost open level
    k = 0
    while k < len(cells):
        t = cells[k]
        prev = cells[k - 1] if k else ""
        in_body = bool(pointed.match(prev) or score.match(prev) or len(prev) > 12)  # not among the header's cells
        if in_body and k + 1 < len(cells) and len(t) <= 8 and re.fullmatch(r"[\u4e00-\u9fff“”\"]+", t) \
                and pointed.match(cells[k + 1]):
            t = t + cells[k + 1]  # '目标' + '设定(5分)', '“三公经费”' + '变动率(5分)'
            k += 1
        m = pointed.match(t)
        if m:
            s = score.match(cells[k + 1]) if k + 1 < len(cells) else None
            if s and Decimal(s.group("s")) <= Decimal(m.group("w")):
                out.append(_indicator(levels[0] if levels else None, levels[1] if len(levels) > 1 else None,
                                      m.group("name"), None, None, paras[k][1], t))
                out[-1].update(weight=m.group("w"), score=s.group("s"))
                k += 2
                continue
            # a level: the outermost while none is open or it outweighs the open one
            w = Decimal(m.group("w"))
            if not levels or w >= level_weight:
                levels, level_weight = [m.group("name")], w
            else:
                levels = [levels[0], m.group("name")]
        k += 1
    return out if len(out) >= 2 else []


COLON_NAMED_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{2,30})[:：](?P<rest>.+)$")


def labelled_field_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators a report writes one per line as a name then labelled fields ('1)主导制修订国家标准的项目数量(项)，
    目标值2，完成值2，分值6，得分6。'; prose.yaml indicator_sentences row_labels), under level headings
    ('(一) 产出指标', '1、数量指标'): a line is read when every clause after the name is a labelled field
    and it states a target or a result with at least one more field."""
    from ingest.templates import vocabulary

    labels = _vocab()["indicator_sentences"].get("row_labels", {})
    fields = {f: re.compile(rf"^(?:{'|'.join(map(re.escape, sorted(ws, key=len, reverse=True)))})(?:为|是|[:：])?(?P<v>.+)$")
              for f, ws in labels.items()}
    levels = vocabulary()
    numbering = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．)）])\s*")
    l1 = l2 = None
    out: list[dict] = []
    for text, ln in paras:
        t = numbering.sub("", squash(text).rstrip("。；;"))
        if t in levels.level1 and not (l1 and t in levels.level2):
            l1, l2 = t, None
            continue
        if t in levels.level2:
            l2 = t
            continue
        name, *rest = re.split(r"[，,]", t)
        got: dict[str, str] = {}
        note: list[str] = []
        colon = COLON_NAMED_RE.match(t)
        first = colon and next((f for f, rx in fields.items() if rx.match(colon.group("rest"))), None)
        if colon and first == "target":
            # 'NAME：指标值为“100%”，…，全年实际完成值为0，因…未到竣工验收环节': the name before a colon, the
            # labelled target and result among clauses of their own words, whose words after the result are its note
            name = colon.group("name")
            for clause in re.split(r"[，,]", colon.group("rest")):
                hit = next(((f, m.group("v")) for f, rx in fields.items() if (m := rx.match(clause))), None)
                if hit is not None and hit[0] not in got:
                    got[hit[0]] = hit[1].strip("“”\"")
                elif "actual" in got:
                    note.append(clause)
        else:
            for clause in rest:
                hit = next(((f, m.group("v")) for f, rx in fields.items() if (m := rx.match(clause))), None)
                if hit is None:
                    got = {}
                    break
                got[hit[0]] = hit[1]
        if len(got) < 2 or not ({"target", "actual"} & set(got)) or len(name) < 2:
            continue
        row = _indicator(l1, l2, name, got.get("target"), got.get("actual"), ln, t)
        if note:
            row["note"] = "，".join(note)
        for f in ("weight", "score"):
            if f in got and re.fullmatch(rf"{NUM}分?", got[f]):
                row[f] = got[f].rstrip("分")
        out.append(row)
    return out


def counted_target_lists(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Targets a report lists with their count: per second-level indicator ('1.数量指标6个：A6个、B1659吨/年、…。',
    '生态效益指标2个：A、B2项指标达到国家下达的年度目标值。') or all at once ('绩效指标设置5个，分别为：A25人，
    B大于等于90%，…'): read when a line holds as many clauses as its count says, each a name and its
    figure (or all of them one shared target; in a list of all, at most half may be a name alone). Each is
    an indicator with its target only."""
    voc = _vocab()["indicator_sentences"]
    head = re.compile(r"^(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]+[）)])?(?P<l2>[\u4e00-\u9fff]{2,10}指标)"
                      r"(?P<n>[\d一二三四五六七八九十]{1,3})(?:个|项)[:：](?P<body>.+)$")
    # '…绩效指标设置5个，分别为：…' / '…设置指标5个。分别是：…', anywhere in a paragraph, to its end or full stop
    every = re.compile(r"(?:绩效)?指标(?:设置)?(?:共)?(?P<n>[\d一二三四五六七八九十]{1,3})(?:个|项)[，,。]?(?:分别为|分别是|具体为)"
                       r"[:：](?P<body>[^。]+)")
    comparators = "|".join(map(re.escape, sorted(voc.get("target_comparators", []), key=len, reverse=True)))
    # a figure, perhaps after a deadline ('11月30日前≧95%')
    clause = re.compile(rf"(?P<name>.*?[^\d.])(?P<v>(?:\d{{1,2}}月(?:\d{{1,2}}日)?(?:前|以前))?(?:{comparators})?\d+(?:\.\d+)?"
                        rf"(?:[%％‰]|[^\d、，,；;。]{{1,8}})?)")
    shared = re.compile(r"^(?P<names>.+?)(?P<n>[\d一二三四五六七八九十]{1,3})(?:项|个)(?:指标)?(?P<v>(?:均)?达到[^。；]{2,30})$")
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text).rstrip("。；;")
        m = head.match(t)
        lists = [(m, m.group("l2"), False)] if m else [(e, None, True) for e in every.finditer(t)]
        for m, l2, loose in lists:
            want = _count_of(m.group("n"))
            together = shared.match(m.group("body"))
            rows: list[tuple[str, str | None]] = []
            if together and _count_of(together.group("n")) == want:
                rows = [(name, together.group("v")) for name in re.split(r"[、，,]", together.group("names"))]
            else:
                for piece in re.split(r"[、，,；;]", m.group("body")):
                    c = clause.fullmatch(piece)
                    if c and len(re.sub(r"[^\u4e00-\u9fff]", "", c.group("name"))) >= 2:
                        rows.append((c.group("name"), c.group("v")))
                    elif loose and len(re.sub(r"[^\u4e00-\u9fff]", "", piece)) >= 4:
                        rows.append((piece, None))  # '职工个税正常申报缴纳': an indicator stated without a figure
                    else:
                        rows = []
                        break
            if len(rows) == want and all(name for name, _ in rows) and 2 * sum(1 for _, v in rows if v is None) <= want:
                out.extend(_indicator(None, l2, name, v, None, ln, t) for name, v in rows)
    return out


# one criterion of a scoring sheet glued into a line: '1.项目库建设( 1 分) 1 1' (its points in brackets, the points
# again, then its score)
SCORED_CRITERION_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>[\u4e00-\u9fff（）()、“”]{2,24}?)\s*"
                                 r"[（(]\s*(?P<w>\d+(?:\.\d+)?)\s*分\s*[）)]\s*(?P<w2>\d+(?:\.\d+)?)\s+"
                                 r"(?P<s>\d+(?:\.\d+)?)(?![\d.])")
CRITERIA_LEVEL_RE = re.compile(r"([\u4e00-\u9fff]{2,10})\s*$")


def numbered_scored_criteria(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """A scoring sheet glued into one line ('项目前期工作 1.项目库建设( 1 分) 1 1 2.项目可行性研究报告( 2分) 2 2
    项目组织 4.制度建设( 6 分) 6 5 …'): each numbered criterion with its points in brackets, the points again and
    its score; the words before a criterion's number that belong to no criterion are the first-level
    indicator of those after them. Read where three or more criteria follow one another numbered 1, 2, 3 …,
    each printing its points twice alike and scoring no more than them; the run ends at the first that does not."""
    out: list[dict] = []
    for text, ln in paras:
        run: list[dict] = []
        level: str | None = None
        last_end = 0
        for m in SCORED_CRITERION_RE.finditer(text):
            gap, n = text[last_end:m.start()], int(m.group("n"))
            last_end = m.end()
            fits = Decimal(m.group("w")) == Decimal(m.group("w2")) and Decimal(m.group("s")) <= Decimal(m.group("w"))
            follows = bool(run) and n == len(run) + 1 and not re.search(r"\d", gap)
            if not (fits and (follows or n == 1)):
                if len(run) >= 3:
                    break
                run, level = [], None
                continue
            if n == 1 and not follows:
                run, level = [], None  # a new sheet starts
            head = CRITERIA_LEVEL_RE.search(gap)
            level = head.group(1) if head else level
            row = _indicator(level, None, re.sub(r"\s+", "", m.group("name")), None, None, ln, m.group(0))
            row["weight"], row["score"] = m.group("w"), m.group("s")
            run.append(row)
        if len(run) >= 3:
            out.extend(run)
    return out


def compared_target_lists(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """'（二）绩效目标：道路硬化≥0.565km；验收合格率≥100%；…', '核心绩效目标：资金支出率≥98%、支出及时率≥97%，
    圆满完成…': the targets a report sets, listed after their label, each a name and a figure led by a
    comparator. Read when at least two clauses in a row are so stated; the list ends at the first clause
    that is not, and the last figure may run on into prose ('≥23人改善村基础设施'), which is cut off."""
    voc = _vocab()["indicator_sentences"]
    labels = voc.get("compared_target_labels", [])
    if not labels:
        return []
    label = re.compile(rf"(?:^|(?<=[。；;，,:：)）\s]))(?:{'|'.join(labels)})")
    comparators = "|".join(map(re.escape, sorted(voc.get("target_comparators", []), key=len, reverse=True)))
    units = sorted([*voc["result_units"], *voc.get("latin_result_units", [])], key=len, reverse=True)
    clause = re.compile(rf"^(?P<name>[\u4e00-\u9fff“”\"()（）]{{2,30}}?)(?P<v>(?:{comparators})\d+(?:\.\d+)?"
                        rf"(?:%|％|‰|{'|'.join(map(re.escape, units))})?)(?P<rest>.*)$")
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text)
        for m in label.finditer(t):
            body = re.split(r"[。]", t[m.end():], maxsplit=1)[0]
            rows: list[tuple[str, str, str]] = []
            for piece in re.split(r"[；;、，,]", body):
                c = clause.match(piece)
                if c is None or len(re.sub(r"[^\u4e00-\u9fff]", "", c.group("name"))) < 2:
                    break
                rows.append((c.group("name"), c.group("v"), piece))
                if c.group("rest"):
                    break  # the list ran on into prose
            if len(rows) >= 2:
                out.extend(_indicator(None, None, name, v, None, ln, raw) for name, v, raw in rows)
    return out


def project_sections(paras: list[tuple[str, TextLine]]) -> list[tuple[str, list[tuple[str, TextLine]]]]:
    """A unit's report on several projects, one section each, opened by a numbered label
    ('(1)项目名称：X，主要用于…'; prose.yaml project_sections): (the project, its paragraphs), in order. A
    section runs to the next one or to the report's next top-level heading ('二、…')."""
    heads = [re.compile(p) for p in _vocab().get("project_sections", {}).get("heads", [])]
    out: list[tuple[str, list[tuple[str, TextLine]]]] = []
    for text, ln in paras:
        t = squash(text)
        m = next((mm for mm in (h.match(t) for h in heads) if mm), None)
        if m:
            out.append((m.group("name"), [(text, ln)]))
        elif out and TOP_SECTION_RE.match(t):
            out.append(("", []))  # the section ends here; an empty entry closes it
        elif out and out[-1][0]:
            out[-1][1].append((text, ln))
    return [(name, body) for name, body in out if name]


def _named_figures(listing: str) -> dict[str, str]:
    """'A230人，“0-6”B39人，C21' → {A: 230人, “0-6”B: 39人, C: 21}: each clause's name and the figure it ends on."""
    out: dict[str, str] = {}
    for clause in re.split(r"[，,；;]", listing.strip("。；;，, ")):
        m = re.fullmatch(r"(?P<name>.*?[^\d.])(?P<v>[≥≤><]?\d+(?:\.\d+)?(?:%|％|‰|[\u4e00-\u9fff]{1,3})?)", clause)
        if m and len(re.sub(r"[^\u4e00-\u9fff]", "", m.group("name"))) >= 2:
            out[m.group("name")] = m.group("v")
    return out


def project_money_fallback(text: str, year: int | None = None) -> dict[str, str | None]:
    """A project's budget and spending from the fallback cues (a budget '下达…300万元'): a cue's first
    match, unless its clause is about another year than the report's (`year`, when known)."""
    return {k: v for k, (v, _) in project_money_fallback_at(text, year).items()}


def project_money_fallback_at(text: str, year: int | None = None) -> dict[str, tuple[str | None, int]]:
    """`project_money_fallback` with where each amount stands in the squashed text (-1 where none)."""
    lines = [_quote_free(squash(line)) for line in text.split("\n")]
    t = "".join(lines)
    starts = list(accumulate((len(line) for line in lines), initial=0))  # where each line starts in t
    out: dict[str, tuple[str | None, int]] = {}
    for field, cues in _vocab()["project_money_fallback"].items():
        out[field] = (None, -1)
        for cue in cues:
            rx = re.compile(rf"{cue}{AMOUNT}")
            m = rx.search(t)
            while m and _from_a_heading(lines, starts, m.start(), m.end()):
                m = rx.search(t, starts[bisect_right(starts, m.start())])  # read again from the next line
            while m and field == "budget_full_year" and INITIAL_CLAUSE_RE.search(t[:m.start()]):
                m = rx.search(t, m.end())  # '年初财政下达资金…': the initial budget, not the year's
            if m and _this_year(t, m.start()) and not _other_year(t, m.start(), m.end(), year, starts):
                out[field] = (to_wan(m.group(1), m.group(2)), m.start(1))
                break
    return out


def _from_a_heading(lines: list[str], line_starts: list[int], start: int, end: int) -> bool:
    """Whether a match [start, end) begins in a numbered heading and runs on into the next line ('（二）省内
    分解下达预算和绩效目标情况' over '2022年…地方应配套20971万元'): the heading's words are not the sentence's."""
    k = bisect_right(line_starts, start) - 1
    if k + 1 >= len(line_starts) or end <= line_starts[k + 1]:
        return False  # the match stays on its line
    heading = NUMBERED_HEADING_RE.match(lines[k]) or re.match(r"^[（(][一二三四五六七八九十\d]+[）)]", lines[k])
    return bool(heading) and len(lines[k]) <= 40


def _other_year(text: str, start: int, end: int, year: int | None, line_starts: list[int]) -> bool:
    """Whether the sentence of a match [start, end) is dated to years other than the report's:
    '2023年度县本级预算安排…64万元' in a report on 2024 ('2023年11月下达2024年…' is about 2024). A
    sentence starts after 。/； or at the start of its line (a title or heading above is not part of it)."""
    if year is None:
        return False
    line_start = line_starts[bisect_right(line_starts, start) - 1]
    clause = re.split(r"[。；;]", text[line_start:start])[-1] + text[start:end]
    years = {int(y) for y in re.findall(r"((?:19|20)\d\d)年", clause)}
    return bool(years) and year not in years


def _levels_of(heading: str) -> tuple[str | None, str | None]:
    """'产出数量指标' → (产出指标, 数量指标); '社会效益指标' → (None, 社会效益指标); '满意度指标' → (满意度指标, None)."""
    from ingest.templates import vocabulary

    v = vocabulary()
    h = re.sub(r"(?:全部完成|完成情况|方面|情况)$", "", heading)
    if h in v.level1:
        return h, None
    if h in v.level2:
        return None, h
    # '产出数量指标' pairs with 产出指标, '产出数量目标' with 产出目标: the same last word
    for l1 in sorted(v.level1, key=lambda w: (w[-2:] != h[-2:], -len(w))):
        stem = l1[:-2]
        if h.startswith(stem) and h[len(stem):] in v.level2:
            return l1, h[len(stem):]
    return None, None


HEAD_RE = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*|[①-⑳]\s*)?([\u4e00-\u9fff]{2,10}?指标)(?:全部完成|完成情况|方面)?[:：，,]?")


# a level a sentence opens on, counted ('一是数量指标：', '二是质量指标:')
ORDINAL_LEVEL = r"[一二三四五六七八九十]+是([\u4e00-\u9fff]{2,10}?指标)"
ORDINAL_HEAD_RE = re.compile(rf"^{ORDINAL_LEVEL}[:：，,]")


def sentence_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicator rows a report states in sentences, by the cue vocabulary of prose.yaml."""
    from ingest.templates import vocabulary

    voc = _vocab()["indicator_sentences"]
    tcues = "|".join(map(re.escape, sorted(voc["target_cues"], key=len, reverse=True)))
    acues = "|".join(map(re.escape, sorted(voc["actual_cues"], key=len, reverse=True)))
    pair = re.compile(rf"^(?P<name>[^，。；：:]{{2,40}}?)(?:{tcues})(?P<t>[^，。；]{{1,30}}?)[，,]?(?:全年)?(?:{acues})"
                      rf"(?P<a>[^，。；]{{1,40}})$")
    qual = re.compile(rf"^(?P<name>[^，。；：:]{{2,40}}?)(?P<a>{'|'.join(voc['qualitative'])})$")
    # '完成道路硬化320米，已完成' under a level: the indicator, then its verdict (indicator_verdict_words.csv)
    verdicts = "|".join(map(re.escape, sorted({*verdict_words().get("done", ()), "基本完成", "未完成"}, key=len,
                                              reverse=True)))
    judged = re.compile(rf"^(?P<name>[^，,。；：:]{{2,40}})[，,](?P<a>{verdicts})$")
    marks = re.compile("|".join(voc["clause_marks"]))
    out: list[dict] = []
    outer: str | None = None  # the level1 a heading of its own opened ('1.产出指标完成情况分析。')
    for text, ln in paras:
        t = squash(text).rstrip("。")
        if SECTION_END_RE.match(t):
            outer = None
        heading = LEVEL_HEADING_RE.match(t)
        if heading:
            a, b = _levels_of(heading.group(1))
            if a and b is None:
                outer = a
                continue
        l1 = l2 = None
        head = HEAD_RE.match(t)
        if head:
            l1, l2 = _levels_of(head.group(1))
            if l1 or l2:
                t = t[head.end():]
            if l1 is None and l2 is not None:
                l1 = outer
        for sentence in re.split(r"[。；;]", t):
            inline = ORDINAL_HEAD_RE.match(sentence)
            if inline:  # '四是成本指标：…': the level of this sentence and those after it
                a, b = _levels_of(inline.group(1))
                if a and b is None and l1 and l1 != a and a in vocabulary().level2:
                    a, b = None, a  # '成本指标' under '产出指标…' is its level2
                if a or b:
                    l1, l2 = (a, b) if a else (l1, b)
                    sentence = sentence[inline.end():]
            for clause in marks.split(sentence):
                clause = clause.strip("，,、 ")
                m = pair.match(clause)
                if m:
                    out.append(_indicator(l1, l2, m.group("name"), m.group("t"), m.group("a"), ln, clause))
                    continue
                m = qual.match(clause) or judged.match(clause)
                if m and (l1 or l2):
                    out.append(_indicator(l1, l2, m.group("name"), None, m.group("a"), ln, clause))
    return out


LEVEL_HEADING_RE = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*|[①-⑳]\s*)?([\u4e00-\u9fff]{2,10}?指标)"
                              r"(?:全部完成|完成情况分析|完成情况|情况分析|情况|方面|分析)?[:：]?$")
# a heading of a higher rank than the level headings ('（四）…', '四、…') ends the indicator section
SECTION_END_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
NAMED_RESULT_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff“”\"]{2,24})[:：](?P<rest>.+)$")


def _result_re() -> re.Pattern[str]:
    units = "|".join(sorted(map(re.escape, _vocab()["indicator_sentences"]["result_units"]), key=len, reverse=True))
    return re.compile(rf"[≥≤≧≦＞＜>=<]?\d+(?:\.\d+)?(?:%|％|‰|{units})")


def _figure_list(clause: str, tail: re.Pattern[str]) -> list[str] | None:
    """'A48亩、B19亩' → ['A48亩', 'B19亩'] when every piece between 、 is a name ending in a figure."""
    pieces = clause.split("、")
    return pieces if len(pieces) > 1 and all(tail.match(p) for p in pieces) else None


def _numbering(text: str) -> str:
    """The style of a heading's number ('（1）', '1.', '一、' or none): headings of one rank share it."""
    for style, rx in (("paren", r"^[（(][一二三四五六七八九十\d]+[）)]"), ("digit", r"^\d+[、.．]"),
                      ("cn", r"^[一二三四五六七八九十]+[、.．]"), ("circled", r"^[①-⑳]")):
        if re.match(rx, text):
            return style
    return ""


def _section_levels(heading: str, style: str, l1: str | None, l1_style: str | None
                    ) -> tuple[str | None, str | None]:
    """The levels a heading sets. A word of both ranks ('成本指标', '满意度指标') is a level2 under a
    level1 heading numbered in another style ('1.产出指标' then '（2）成本指标'), else a level1."""
    from ingest.templates import vocabulary

    a, b = _levels_of(heading)
    if a and b is None and l1 and l1 != a and a in vocabulary().level2 and style != l1_style:
        return None, a
    return a, b


# a level named inline at the start of a sentence: '其中，投入目标：…', '产出指标：…'
INLINE_HEAD_RE = re.compile(r"^(?:其中[，,]?)?([\u4e00-\u9fff]{2,10}?(?:指标|目标))[:：]")
# a paragraph that states targets, not results: '项目年度预算绩效目标。其中…'
RESULT_WORDS_RE = re.compile(r"完成|实现|情况|结果")
# how targets were set ('（二）项目绩效目标设定情况'): a section of targets, whatever its 情况 says
TARGETS_SET_RE = re.compile(r"目标(?:的)?(?:设定|设置|申报|分解|制定|确定)")


def _targets_heading(heading: str) -> bool:
    """Whether a section's heading is about the targets set, not the results ('（四）部门绩效目标',
    '（二）项目绩效目标设定情况'; not '（一）绩效目标完成情况')."""
    return "目标" in heading and (not RESULT_WORDS_RE.search(heading) or bool(TARGETS_SET_RE.search(heading)))


def sectioned_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators a report states under level headings: the heading sets 一级/二级指标 for the clauses
    below it, and a clause that ends in a figure ('开展督导：每季度一次，共4次', '阅读活动数量4次') or
    in a qualitative result ('参与率逐年提升') is one indicator with its result. Under a section or
    paragraph about targets ('（四）部门绩效目标', '项目年度预算绩效目标。其中，投入目标：…') the figures are
    the indicators' targets. Outside such a section nothing is read, so a figure in ordinary prose
    never becomes an indicator."""
    voc = _vocab()["indicator_sentences"]
    skip = tuple(voc["section_skip_names"])
    bad_ends = tuple(voc.get("section_bad_name_endings", []))
    name_ends = tuple(voc.get("section_name_endings", []))
    figure = _result_re()
    tail = re.compile(rf"^(?P<name>[\u4e00-\u9fff“”\"]{{4,24}}?)(?:达到|为|达)?(?P<a>{figure.pattern})$")
    qual = re.compile(rf"^(?P<name>[\u4e00-\u9fff“”\"]{{3,24}}?)(?P<a>{'|'.join(voc['qualitative'])})$")
    paired = re.compile("|".join(map(re.escape, [*voc["target_cues"], "目标"])))
    cue = "|".join(map(re.escape, sorted([*voc["target_cues"], *voc.get("run_target_cues", [])], key=len, reverse=True)))
    done = "|".join(map(re.escape, sorted(voc["actual_cues"], key=len, reverse=True)))
    run_pairs = re.compile(rf"(?P<name>[\u4e00-\u9fff“”、\d]{{4,30}}?)(?:{cue})(?P<t>{figure.pattern})"
                           rf"(?:，|,)?(?:{done})(?P<a>{figure.pattern})")
    l1: str | None = None
    l2: str | None = None
    l1_style: str | None = None
    results = True
    project: str | None = None  # a section headed by a project's name ('一、农村饮水安全巩固项目')
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text).rstrip("。.")
        m = LEVEL_HEADING_RE.match(t)
        if m:
            a, b = _section_levels(m.group(1), _numbering(t), l1, l1_style)
            if a or b:
                l1, l2, l1_style = (a, None, _numbering(t)) if a else (l1, b, l1_style)
                continue
        if SECTION_END_RE.match(t):
            l1 = l2 = l1_style = None
            # the figures under '（四）部门绩效目标' are targets, under '（一）绩效指标完成情况' results
            results = not _targets_heading(t)
            project = _section_project(t) or (project if SUBSECTION_RE.match(t) else None)
            continue
        sentences = re.split(r"[。]", t)
        # a paragraph that opens on its targets ('2、项目年度预算绩效目标。其中，投入目标：…')
        targets = not results or ("目标" in sentences[0] and not RESULT_WORDS_RE.search(sentences[0])
                                  and len(sentences) > 1)
        for n_sentence, sentence in enumerate(sentences):
            head = HEAD_RE.match(sentence) if n_sentence == 0 else None
            head = head or INLINE_HEAD_RE.match(sentence)
            if head:
                a, b = _section_levels(head.group(1), _numbering(sentence), l1, l1_style)
                if a or b:
                    l1, l2, l1_style = (a, None, _numbering(sentence)) if a else (l1, b, l1_style)
                    sentence = sentence[head.end():]
            if l1 is None and l2 is None:
                continue
            for part in re.split(r"[；;]", sentence):
                pairs = list(run_pairs.finditer(part))
                if pairs:
                    # 'X指标为100%实际完成值为100%Y指标为…': target and result pairs run together
                    out.extend(_indicator(l1, l2, pm.group("name"), pm.group("t"), pm.group("a"), ln, pm.group(0),
                                          project) for pm in pairs)
                    continue
                if paired.search(part):
                    continue  # a target beside its result: the pair reader's (sentence_indicators)
                named = NAMED_RESULT_RE.match(part)
                if named and not named.group("name").startswith(skip):
                    figures = figure.findall(named.group("rest"))
                    if figures:
                        value = figures[-1]
                        out.append(_indicator(l1, l2, named.group("name"), value if targets else None,
                                              None if targets else value, ln, part, project))
                    continue
                # clauses the page ran together after a percentage ('X为98%Y为100%') are split there
                clauses = [c.strip() for c in re.split(r"[，,]|(?<=[%％])(?=[\u4e00-\u9fff])(?!以上|以下|以内|左右|及以上)", part)]
                # 'A48亩、B19亩': a list of figures, each its own clause when every piece is a name and a figure
                clauses = [p for c in clauses for p in (_figure_list(c, tail) or [c])]
                paired_at: set[int] = set()
                for k in range(len(clauses) - 1):
                    # 'A需控制在5次以下，实际A为2次', 'A6架，实际租用5架': a target, then what was achieved
                    tm, am = TARGET_CLAUSE_RE.match(clauses[k]), ACTUAL_CLAUSE_RE.match(clauses[k + 1])
                    if tm and am and k not in paired_at and not tm.group("name").startswith(skip):
                        out.append(_indicator(l1, l2, tm.group("name"), tm.group("t"), am.group("a"), ln,
                                              clauses[k] + "，" + clauses[k + 1], project))
                        paired_at |= {k, k + 1}
                for k, clause in enumerate(clauses):
                    if not clause or clause.startswith(skip) or k in paired_at:
                        continue
                    c = tail.match(clause) or (None if targets else qual.match(clause))
                    if not c:
                        continue
                    # 'A及B均为100%': one figure for each of the names it joins
                    names = re.split(r"[及和与、]", re.sub(r"均$|都$", "", c.group("name"))) \
                        if re.search(r"(?:均|都)$", c.group("name")) else [c.group("name")]
                    for name in names:
                        if len(name) >= 2 and not name.startswith(skip) and not name.endswith(bad_ends) \
                                and (targets or not name_ends or name.endswith(name_ends)):
                            value = c.group("a")
                            out.append(_indicator(l1, l2, name, value if targets else None,
                                                  None if targets else value, ln, clause, project))
    # a report that states its results lists its indicators there; its target paragraphs (often
    # worded otherwise) would only double them
    if any(r["actual"] is not None for r in out):
        out = [r for r in out if r["actual"] is not None]
    # '一是数量指标：2023年…': a level the sentence opens on, not an indicator's name
    return [r for r in out if not re.fullmatch(ORDINAL_LEVEL, r["name"])]


# a clause stating an indicator's target ('某某受害率需控制在1‰以内', '租用数量6架') and the clause after it
# stating the result ('实际某某受害率为0.05‰', '实际租用5架')
TARGET_CLAUSE_RE = re.compile(r"^(?:预定|预计|计划)?(?P<name>[\u4e00-\u9fff“”]{2,30}?)(?:需|应|要)?(?:达到|为|是)?"
                              r"(?P<t>(?:控制在|不低于|不少于|不超过|不高于|低于|高于|大于|小于|[≥≤><])?\d[^，,]*)$")
ACTUAL_CLAUSE_RE = re.compile(r"^实际[\u4e00-\u9fff“”]{0,30}?(?:为|达到|是)?(?P<a>\d[^，,]*)$")

SPEAKER_RE = re.compile(r"^(?:我|本)(?:省|市|县|区|州|旗|镇|乡|街道|校|院|局|委|办|中心|单位|部门)(?=[\u4e00-\u9fff]{4})")


def _indicator(l1: str | None, l2: str | None, name: str, target: str | None, actual: str | None,
               ln: TextLine, raw: str, project: str | None = None) -> dict:
    name = SPEAKER_RE.sub("", name)  # '我县城镇登记失业率': the report's own jurisdiction, not the indicator
    row = {"project": None, "level1": l1, "level2": l2, "name": name, "target": target, "actual": actual,
           "weight": None, "score": None, "note": None, "provenance": ln.provenance(raw)}
    if project:
        row["_own_project"] = project  # the report's section it stands in names its project
    return row


# a lower-rank heading ('（一）项目概况') inside a project's section keeps the section's project
SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
TOP_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+、")


def _section_project(heading: str) -> str | None:
    """The project a report's top-level section heading names ('一、农村饮水安全巩固项目'), by the
    endings of prose.yaml's listed projects; a generic heading ('二、项目资金') names none."""
    if not TOP_SECTION_RE.match(heading):
        return None
    name = TOP_SECTION_RE.sub("", heading)
    ends = _vocab()["listed_projects"]["name_end"]
    if "。" in name or len(name) > 30 or not name.endswith(tuple(ends)):
        return None
    stem = name
    for e in sorted(ends, key=len, reverse=True):
        if stem.endswith(e):
            stem = stem[: -len(e)]
            break
    return name if len(stem) >= 4 and not re.search(r"绩效|基本情况|概况|资金使用|管理", stem) else None


def three_public_groups() -> list[list[str]]:
    """The 三公 items' names, one list per item, its usual name first (prose.yaml three_public_items)."""
    return [list(g) for g in _vocab()["three_public_items"]]


def _group_of(item: str) -> int | None:
    """Which “三公” item an item name is, by the vocabulary's entries (brackets ignored)."""
    plain = re.sub(r"[（()）]", "", item)
    for k, names in enumerate(_vocab()["three_public_items"]):
        if any(re.sub(r"[（()）]", "", n) == plain for n in names):
            return k
    return None


def tidy_three_public(items: list[dict]) -> list[dict]:
    """One row per “三公” item of the whole unit (the first statement of it wins: a statement prints each
    item again in its analysis), and no 公务用车 parts where their total is an item too."""
    seen: set[int] = set()
    kept: list[dict] = []
    for it in items:
        g = _group_of(it["item"]) if it.get("project") is None else None
        if g is not None:
            if g in seen:
                continue
            seen.add(g)
        kept.append(it)
    return _without_reception_details(_without_vehicle_parts(kept))


def _without_reception_details(items: list[dict]) -> list[dict]:
    """Drop the detail lines of 公务接待费 (国内接待费, 外事接待费…: prose.yaml three_public_reception_details)
    of the whole unit where 公务接待费 itself is an item: they are a part of it, not one more item."""
    details = set(_vocab().get("three_public_reception_details", []))
    reception = next((k for k, names in enumerate(_vocab()["three_public_items"]) if names[0] == "公务接待费"), None)
    if not any(it.get("project") is None and _group_of(it["item"]) == reception for it in items):
        return items
    return [it for it in items if not (it.get("project") is None and it["item"] in details)]


def _without_vehicle_parts(items: list[dict]) -> list[dict]:
    """Drop the 公务用车 parts (购置费, 运行维护费) of the whole unit where their total is an item too."""
    v = _vocab()
    markers = v["three_public_vehicle_total_markers"]
    total_groups = {k for k, names in enumerate(v["three_public_items"]) if any(m in names[0] for m in markers)}

    def is_total(item: str) -> bool:  # '公务用车购置及运行维护费', or a name the vocabulary lists for it ('公务用车费')
        return any(m in item for m in markers) or _group_of(item) in total_groups

    has_total = any(it.get("project") is None and is_total(it["item"]) for it in items)
    if not has_total:
        return items
    parts = set(v["three_public_vehicle_parts"])
    return [it for it in items if not (it.get("project") is None and it["item"] in parts)]


def listed_projects(text: str) -> list[dict]:
    """Projects a text lists with their own budget and spending, in the order printed."""
    v = _vocab()["listed_projects"]
    t = "\n".join(_quote_free(squash(line)) for line in text.split("\n"))  # a heading's line ends at its break
    ends = "|".join(map(re.escape, v["name_end"]))
    head = re.compile(rf"(?:^|[。；\d、\n])(?:(?:19|20)\d\d年度?)?(?P<name>[^，。；：:\d、]{{2,40}}?(?:{ends}))(?:[（(][^）)]{{1,12}}[）)])?[:：]")
    # 'N、X项目：预算…' — or the name after a numbered label: '项目1：X经费，项目预算15万元，支出15万元'
    labels = "|".join(map(re.escape, v.get("numbered_labels", []))) or "(?!)"
    labelled = re.compile(rf"(?:{labels})\d{{1,2}}[:：](?P<name>[^，。；：:\d、]{{2,40}}?(?:{ends}))(?=[，,])")
    # '1、X经费(含A、B等)项目年初预算10万元，截止至12月支出为9.5万…': numbered (or after its year), the name run
    # into its budget's cue
    budget_cues = "|".join(map(re.escape, sorted(v["budget"], key=len, reverse=True)))
    run_in = re.compile(rf"(?:^|[。；\n])(?:\d{{1,2}}[、.．]|(?:19|20)\d\d年度?[，,])(?P<name>[^，。；：:\d、（）()]{{2,40}}?(?:{ends})"
                        rf"(?:[（(][^（）()]{{1,60}}[）)])?)(?:项目)?(?=(?:{budget_cues})\d)")
    heads = sorted([*head.finditer(t), *labelled.finditer(t), *run_in.finditer(t)], key=lambda m: m.start())
    out: list[dict] = []
    for k, m in enumerate(heads):
        body = t[m.end(): heads[k + 1].start() if k + 1 < len(heads) else m.end() + 200]
        budget = _cued(body, v["budget"])
        executed = _cued(body, v["executed"])
        if budget is None or executed is None:
            continue
        rate = re.search(rf"(?:{'|'.join(map(re.escape, v['rate']))})(?:为|是|达)?({NUM})\s*[%％]", body)
        # a budget stated as the year's start ('年初预算10万元') is the initial one
        initial = bool(re.match(r"(?:项目)?年初预算", body))
        out.append({"name": m.group("name"), "budget_initial": budget if initial else None,
                    "budget_full_year": None if initial else budget,
                    "executed": executed, "execution_rate": rate.group(1) if rate else None, "carryover": None})
    return out


def _cued(body: str, cues: list[str]) -> str | None:
    alts = "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))
    m = re.search(rf"(?:{alts})(?:金额|资金|经费)?(?:为|是|共|了)?{AMOUNT}", body)
    return to_wan(m.group(1), m.group(2)) if m else None


def enumerated_projects(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Projects a budget enumerates ('…项目支出87.5万元，分别是A经费5万元，B费18万元') or heads one by one
    ('㈠X工程项目。安排资金7000万元'), each with its budget (全年预算数)."""
    v = _vocab()["listed_projects"]
    enum = "|".join(map(re.escape, v["enumeration"]))
    ends = "|".join(map(re.escape, v["enumerated_end"]))
    alloc = "|".join(map(re.escape, v["allocation"]))
    item = re.compile(rf"^(?:(?:19|20)\d\d年度?)?(?P<name>[^，、；：:\d]{{2,30}}?(?:{ends}))(?:为|共)?{AMOUNT}$")
    headed = re.compile(rf"^(?:[㈠-㈩]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．])"
                        rf"(?P<name>[^，。；：:\d]{{2,40}}?(?:项目|工程))[。：:，]\s*(?:{alloc})(?:为|共)?{AMOUNT}")
    # '1、X项目资金：2016年县财政安排30万元…；2、Y项目资金：…拨款427.36万元…': numbered in one paragraph
    clause = re.compile(rf"^\d+[、.．](?P<name>[^，。；：:\d]{{2,30}}?(?:项目|工程))(?:资金|经费)?[:：][^；。]{{0,30}}?"
                        rf"(?:{alloc})(?:为|共)?{AMOUNT}")
    out: list[dict] = []
    for text, _ln in paras:
        t = _quote_free(squash(text))
        m = headed.match(t)
        if m:
            out.append(_budget_row(m.group("name"), m.group(2), m.group(3)))
            continue
        numbered = [mm for piece in re.split(r"[；;。:：](?=\d+[、.．])", t) if (mm := clause.match(piece))]
        if len(numbered) >= 2:
            out.extend(_budget_row(mm.group("name"), mm.group(2), mm.group(3)) for mm in numbered)
            continue
        # the enumeration may open a sentence of its own ('…项目资金1950万元。分别为：A1000万元；B40万元')
        for head in re.finditer(rf"(?:项目|专项)[^。；]{{0,30}}?{AMOUNT}[^；]{{0,6}}?(?:{enum})[:：]?", t):
            body = t[head.end():].split("。")[0]
            for piece in re.split(r"[，、,；]", body):
                mm = item.match(piece.strip())
                if mm:
                    out.append(_budget_row(mm.group("name"), mm.group(2), mm.group(3)))
    return out


def introduced_project(paras: list[tuple[str, TextLine]]) -> str | None:
    """The project a titleless project report introduces in its first paragraphs (prose.yaml
    project_introduction): '某某服务项目为本级的经常性项目…' → 某某服务项目."""
    from ingest.extract.reports import is_generic_project

    v = _vocab().get("project_introduction", {})
    patterns = [re.compile(p) for p in v.get("patterns", [])]
    not_names = re.compile("|".join(v.get("not_names", [])) or "(?!)")
    for text, _ln in paras[: int(v.get("head_paragraphs", 6))]:
        t = squash(text)
        for rx in patterns:
            m = rx.search(t)  # a pattern anchored with '^' reads the paragraph's opening only
            name = m.group("name") if m else ""
            if name and not re.match(r"^(?:本|该|此|我|各|全|上述|以上)", name) and not not_names.search(name) \
                    and not is_generic_project(name):
                return _without_own_jurisdiction(_as_fund(name, paras))
    return None


def _as_fund(name: str, paras: list[tuple[str, TextLine]]) -> str:
    """'某某中央补助' (the national template's words for a fund) → '某某中央补助资金' where the text prints
    the fund's name so."""
    if name.endswith(("资金", "经费", "项目", "工程")):
        return name
    text = "".join(squash(t) for t, _ in paras)
    return next((name + w for w in ("专项资金", "资金", "经费") if name + w in text), name)


def _without_own_jurisdiction(name: str) -> str:
    """'某市某某补助资金' → '某某补助资金': a division before a fund's name is where it is spent, not its
    name; before a unit ('某县动物疫病预防控制中心…经费') it stays, as part of the unit's name, and before a
    project or works ('某县某某种植补贴项目', '某县某某工程') it is part of what the project is called."""
    from ingest.extract.unit import DEPT_TAIL, known_divisions_prefix

    if re.search(r"(?<!资金)(?<!经费)(?:项目|工程)(?:[（(][^（）()]{1,10}[）)])?$", name):
        return name  # not '某市某某补助资金项目', a fund called a project
    rest = name[known_divisions_prefix(name):]
    whole = not re.match(r"[省市县区州旗盟镇乡]", rest)  # a division read in full, not its short name
    return rest if rest != name and whole and len(rest) >= 4 and not re.search(DEPT_TAIL, rest) else name


def counted_project_list(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Projects a report counts and then lists one per numbered line with their amounts ('项目共3个，项目
    支出14.97万元。具体如下：' / '1、A5万元，主要用于…'): a list is read only when it holds as many lines
    as the count says and its amounts add up to the total the head states. A later numbered list of
    the same names adds what its lines state (spent, rate)."""
    v = _vocab()["counted_projects"]
    count_res = [re.compile(c) for c in v["count"]]
    line_re = re.compile(rf"^(?:\d+|[一二三四五六七八九十]+)[、.．]\s*(?P<name>[^，,。；;：:\d]{{2,30}}?)(?:为|共)?{AMOUNT}")
    # '1.X专项。主要用于…。安排经费12万元。': a heading sentence naming the project, its one allocation below
    alloc = "|".join(map(re.escape, sorted(_vocab()["listed_projects"]["allocation"], key=len, reverse=True)))
    headed_re = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[、.．]\s*(?P<name>[^，,。；;：:\d]{2,30})。")
    alloc_re = re.compile(rf"(?:{alloc})(?:经费|资金)?(?:为|共|了)?{AMOUNT}")
    spent_re = re.compile(rf"(?:{'|'.join(v['spent'])}){AMOUNT}")
    rate_re = re.compile(rf"(?:{'|'.join(v['rate'])})\s*({NUM})\s*[%％]")
    out: list[dict] = []
    known: set[str] = set()
    k = 0
    while k < len(paras):
        head = squash(paras[k][0])
        run: list[tuple[re.Match[str] | _Headed, str, TextLine]] = []
        j = k + 1
        while j < len(paras):
            line = squash(paras[j][0])
            m = line_re.match(line) or _headed_allocation(line, headed_re, alloc_re)
            if not m:
                break
            run.append((m, line, paras[j][1]))
            j += 1
        if len(run) < 2:
            k += 1
            continue
        names = [m.group("name") for m, _, _ in run]
        counted = next((m for m in (c.search(head) for c in count_res) if m), None)
        total = sum((Decimal(to_wan(m.group(2), m.group(3)) or "0") for m, _, _ in run), Decimal(0))
        stated = _printed_total(head, total)
        accepted = (counted and _count_of(counted.group("n")) == len(run) and stated is not None) or (
            known and set(names) <= known)
        if accepted:
            spent_head = stated is not None and re.search("|".join(v["spent_words"]), head[: stated.start()][-12:])
            for m, line, ln in run:
                amount = to_wan(m.group(2), m.group(3))
                spent = spent_re.search(line, m.end())
                rate = rate_re.search(line, m.end())
                row = {"name": m.group("name"), "budget_initial": None,
                       "budget_full_year": None if spent_head and not spent else amount,
                       "executed": to_wan(spent.group(1), spent.group(2)) if spent else (amount if spent_head else None),
                       "execution_rate": rate.group(1) if rate else None, "carryover": None,
                       "provenance": ln.provenance(line)}
                out.append(row)
            known.update(names)
        k = j
    return out


def semicolon_listed_projects(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Projects a sentence lists clause by clause with their amounts ('下达转移支付A项目40万元；B经费2.75万元；
    …'), read only when every clause names a project (prose.yaml counted_projects name_end) and the amounts
    add up to a total the paragraph prints as well ('共计下达…3580.69万元'): each with its budget."""
    v = _vocab()["counted_projects"]
    ends = "|".join(map(re.escape, v["name_end"]))
    lead = re.compile(rf"^.*?(?:{'|'.join(v['lead_verbs'])})")
    clause_re = re.compile(rf"(?P<name>[^，,；;：:。\d]{{2,40}}?(?:{ends}))(?:为|共)?{AMOUNT}$")
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text)
        for sentence in t.split("。"):
            clauses = [c for c in re.split(r"[；;]", sentence) if c]
            rows = [clause_re.search(c) for c in clauses]
            if len(clauses) < 3 or not all(rows):
                continue
            total = sum((Decimal(to_wan(m.group(2), m.group(3)) or "0") for m in rows if m), Decimal(0))
            rest = t.replace(sentence, "")
            if _printed_total(rest, total) is None:
                continue
            for m in rows:
                if m:
                    row = _budget_row(lead.sub("", m.group("name")), m.group(2), m.group(3))
                    row["provenance"] = ln.provenance(m.group(0))
                    out.append(row)
    return out


def itemised_funds(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Funds a sentence breaks a total into ('合计金额118,156万元，其中A资金40,671万元、B补贴资金16,800万元、
    …', '…基金2,531.96万元，分别为A2,258.96万元、B23.00万元、…', '…资金614.015万元，实施项目10个，分别为：
    (1)A20万元。(2)B102.04万元。…'): the clauses after an itemising word (prose.yaml counted_projects
    itemise), each a name and an amount, are read when they add up to the total printed before that
    word, number three or more (or as many as a count printed between them), and at least half the names
    end like a fund or project (name_end); a split by source of money (中央资金、省级资金…) is none. Each
    is a project with its budget, or with what it spent where the total is spending ('…经费支出为2,634.27万元。
    其中：1、“A”支出为2,626.27万元；2、“B”支出8.00万元'), or with its initial budget where the total's sentence
    says it was approved at the year's start (initial_words: '批复项目资金908.04万元。其中：…')."""
    v = _vocab()["counted_projects"]
    ends = tuple(v["name_end"])
    source = re.compile("|".join(v.get("money_sources", [])) or "(?!)")
    cues = "|".join(map(re.escape, v.get("itemise", ["其中"])))
    head_re = re.compile(rf"{AMOUNT}(?P<gap>[^。；;：:]{{0,14}}?)。?(?:{cues})[:：]?")
    spent_words = "|".join(v["spent_words"])
    count_res = [re.compile(c) for c in v["count_in_gap"]]
    initial_re = re.compile("|".join(v["initial_words"])) if v.get("initial_words") else None
    marker = r"(?:[（(]\d{1,2}[）)]|[①-⑳]|\d{1,2}[、.．](?!\d)|项目\d{1,2}[:：])"
    # a name in quotes may be followed by what was done with the money ('“A”支出为2,626.27万元')
    clause_re = re.compile(rf"^{marker}?(?:(?:19|20)\d\d年度?)?(?:[“\"](?P<quoted>[^“”\"]{{2,40}})[”\"](?:实际支出|支出|支付|使用)?"
                           rf"|(?P<name>[^，,；;：:。、（）()“”\"][^，,；;：:。（）()“”\"]{{1,39}}?))[:：]?(?:为|共)?{AMOUNT}$")
    out: list[dict] = []
    for text, ln in paras:
        t = squash(text)
        for head in head_re.finditer(t):
            total = Decimal(to_wan(head.group(1), head.group(2)) or "-1")
            # a count between the total and the list, or just before the total in its sentence
            before = t[max(0, head.start() - 30):head.start()].split("。")[-1]
            counted = next((m for m in (c.search(head.group("gap")) or c.search(before) for c in count_res) if m), None)
            spent = bool(re.search(rf"(?:{spent_words})(?:为|了|共)?$", before))
            initial = bool(initial_re and initial_re.search(before))
            want = _count_of(counted.group("n")) if counted else None
            # the list ends at a full stop, unless a numbered clause follows it; clauses end at 、，；
            body = re.split(rf"。(?!{marker})", t[head.end():])[0]
            # a part's own breakdown in brackets ('A经费564万元（其中：某委409万元，对下补助155万元）') is no part
            body = re.sub(r"[（(]其中[^（）()]*[）)]", "", body)
            rows: list[re.Match[str]] = []
            running = Decimal(0)
            for piece in _clauses(body):
                m = clause_re.match(piece.strip())
                if not m:
                    break
                rows.append(m)
                running += Decimal(to_wan(*m.groups()[-2:]) or "0")
                if running >= total:
                    break
            # a count that disagrees rules the list out unless three or more parts add up to the total exactly
            # ('项目7个，项目资金894万元。分别为：项目1…项目6…' where the seventh was added in the year)
            if running != total or len(rows) < (2 if want else 3) or (want is not None and want != len(rows) and len(rows) < 3):
                continue
            if spent and want is None:
                continue  # '实际支出309万元，其中：A…，B…': what the money was spent on, unless projects are counted
            if want is None and any(w in before for w in v.get("one_project_subjects", [])):
                continue  # '该项目…资金270.21万元，其中A…，B…': one project's money and what it went to
            names = [m.group("quoted") or m.group("name") for m in rows]
            if any(source.search(n) for n in names) or 2 * sum(1 for n in names if n.endswith(ends)) < len(rows):
                continue
            for m, name in zip(rows, names, strict=True):
                row = _budget_row(name, *m.groups()[-2:])
                if spent:
                    row["budget_full_year"], row["executed"] = None, row["budget_full_year"]
                elif initial:
                    row["budget_full_year"], row["budget_initial"] = None, row["budget_full_year"]
                row["provenance"] = ln.provenance(m.group(0))
                out.append(row)
    return out


def _clauses(body: str) -> list[str]:
    """A list's clauses, split at ；。，、 (not a thousands comma), where a clause without its amount joins the
    next across a 、 ('A演练、宣传教育项目46万元': one name holding an enumeration comma)."""
    parts = re.split(r"([；;。]|(?<![\d一二三四五六七八九十])、|[，,](?!\d{3}))", body)
    out: list[str] = []
    pending = ""
    for k in range(0, len(parts), 2):
        piece = pending + parts[k]
        sep = parts[k + 1] if k + 1 < len(parts) else ""
        if sep == "、" and not re.search(AMOUNT + "$", piece.strip()):
            pending = piece + sep
            continue
        out.append(piece)
        pending = ""
    if pending:
        out.append(pending)
    return out


class _Headed:
    """A numbered heading's project and the one allocation its paragraph states, read like a line match."""

    def __init__(self, name: re.Match[str], amount: re.Match[str]) -> None:
        self._name, self._amount = name, amount

    def group(self, key: int | str) -> str:
        # numbered as a line match: 'name', then the amount's number (2) and unit (3)
        return self._name.group("name") if key == "name" else self._amount.group(int(key) - 1)

    def end(self) -> int:
        return self._amount.end()


def _headed_allocation(line: str, headed_re: re.Pattern[str], alloc_re: re.Pattern[str]) -> _Headed | None:
    head = headed_re.match(line)
    amounts = list(alloc_re.finditer(line, head.end())) if head else []
    return _Headed(head, amounts[0]) if head and len(amounts) == 1 else None


def _printed_total(text: str, total: Decimal) -> re.Match[str] | None:
    """The first amount the text prints that equals `total` (the evidence that listed parts are a whole)."""
    return next((a for a in re.finditer(AMOUNT, text) if Decimal(to_wan(a.group(1), a.group(2)) or "-1") == total),
                None)


def _count_of(numeral: str) -> int:
    digits = "一二三四五六七八九"
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits.index(numeral[1]) + 1
    if numeral.endswith("十"):
        return (digits.index(numeral[0]) + 1) * 10
    return digits.index(numeral[0]) + 1 if len(numeral) == 1 else -1


def _budget_row(name: str, number: str, unit: str) -> dict:
    from ingest.extract.money import clean_project_name

    return {"name": clean_project_name(name), "budget_initial": None, "budget_full_year": to_wan(number, unit), "executed": None,
            "execution_rate": None, "carryover": None}
