"""Performance indicators (绩效指标): from self-evaluation tables, from PDF-flattened forms, and from
prose lists of targets ("数量指标。培训次数2次；…") paired with achieved values in another section."""

from __future__ import annotations

import re

from ingest.extract.tables import Table
from ingest.extract.text import TextLine, squash
from ingest.values import plain_number

OUTPUT_L2 = ("数量指标", "质量指标", "时效指标", "成本指标")
BENEFIT_L2 = ("社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标", "可持续效益指标")
LEVEL1_WORDS = ("产出指标", "完成指标", "效益指标", "满意度指标")
SCORE_NOTE_RE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")


def strip_points(text: str) -> str:
    """'数量指标（30分）' → '数量指标'."""
    return SCORE_NOTE_RE.sub("", squash(text))


def strip_numbering(name: str) -> str:
    return re.sub(r"^(?:指标)?[0-9一二三四五六七八九十]+[：:、.．]", "", squash(name))


def _row(project, l1, l2, name, target, actual, weight=None, score=None, note=None, prov=None) -> dict:
    d = {"project": project, "level1": l1, "level2": l2, "name": name, "target": target, "actual": actual,
         "weight": weight, "score": score, "note": note}
    if prov:
        d["provenance"] = prov
    return d


def is_header_row(texts: list[str]) -> bool:
    j = "".join(texts)
    return "三级指标" in j and ("一级指标" in j or "二级指标" in j)


def table_indicators(table: Table, project: str | None) -> list[dict]:
    """Rows under a header 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…"""
    out: list[dict] = []
    rows = table.rows
    hi = next((i for i, r in enumerate(rows) if is_header_row([squash(c.text) for c in r])), None)
    if hi is None:
        return out
    header = [squash(c.text) for c in rows[hi]]
    # the header row may carry a leading merged label cell ("绩效指标") that data rows leave empty
    cols: dict[str, int] = {}
    for ci, h in enumerate(header):
        if "一级指标" in h:
            cols["level1"] = ci
        elif "二级指标" in h:
            cols["level2"] = ci
        elif "三级指标" in h:
            cols["name"] = ci
        elif re.search(r"年度指标值|预期指标值|目标值|指标值", h) and "实际" not in h:
            cols["target"] = ci
        elif re.search(r"实际完成|完成值|实际值", h):
            cols["actual"] = ci
        elif h.startswith("分值") or h == "权重":
            cols["weight"] = ci
        elif h.startswith("得分"):
            cols["score"] = ci
        elif "偏差" in h or "原因" in h or "改进" in h:
            cols["note"] = ci
    if "name" not in cols:
        return out
    width = len(header)
    pending: list = []
    l1 = l2 = None
    for r in rows[hi + 1:]:
        texts = [squash(c.text) for c in r]
        if texts and texts[0] in ("总分", "合计", "总计") or (len(texts) <= 3 and any(t.startswith("总分") for t in texts)):
            break
        pending.extend(r)
        if len(pending) < width:
            continue
        cells = pending[-width:]
        pending = []
        vals = {k: squash(cells[ci].text) if ci < len(cells) else "" for k, ci in cols.items()}
        if vals.get("level1"):
            l1 = strip_points(vals["level1"])
        if vals.get("level2"):
            l2 = strip_points(vals["level2"])
        name = strip_numbering(vals.get("name", ""))
        if not name:
            continue
        out.append(_row(project, l1, l2, name, vals.get("target") or None, vals.get("actual") or None,
                        plain_number(vals.get("weight", "")), plain_number(vals.get("score", "")),
                        vals.get("note") or None,
                        cells[0].line.provenance(" | ".join(squash(c.text) for c in cells))))
    return out


# ---- PDF-flattened forms --------------------------------------------------------------------------

VALUE_TOKEN_RE = re.compile(r"^(?:[≥≤≧≦<>＞＜]=?\s*\S+|\d[\d.,]*\s*[%％\u4e00-\u9fff]{0,4}|优|良|中|差|优秀|良好|合格|"
                            r"完成|已完成|是|否|达标|100%)$")


def _is_value(tok: str) -> bool:
    return bool(VALUE_TOKEN_RE.match(tok)) and len(tok) <= 12


def _is_level(tok: str) -> bool:
    if tok.endswith("绩效指标"):
        return False
    return tok in LEVEL1_WORDS or tok in OUTPUT_L2 or tok in BENEFIT_L2 or (
        len(tok) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]{2,7}(指标|招标)", tok) is not None)


FORM_END = ("年度绩效指标", "执行情况", "项目预算", "完成情况")


def form_segments(lines: list[TextLine], start: int, end: int) -> list[tuple[int, int]]:
    """Each flattened self-evaluation form starts at a line '实施单位 …' (outside any table)."""
    starts = [i for i in range(start, end) if not lines[i].cell and re.match(r"^实施单位", lines[i].text)]
    return [(s, starts[k + 1] if k + 1 < len(starts) else end) for k, s in enumerate(starts)]


def parse_form(lines: list[TextLine], s: int, e: int) -> dict:
    """A flattened form → {'name', 'budget', 'executed', 'indicators'}."""
    seg = [ln for ln in lines[s:e] if ln.text]
    flat = squash(" ".join(ln.text for ln in seg))
    name = None
    for k, ln in enumerate(seg):
        m = re.fullmatch(r"[（(](.+)[）)]", squash(ln.text))
        if m and any("自评表" in x.text for x in seg[max(0, k - 3):k + 3]):
            name = m.group(1)
            break
    bm = re.search(r"预算数[：:]?(\d+(?:\.\d+)?)万元", flat)
    em = re.search(r"执行数[：:]?(\d+(?:\.\d+)?)万元", flat)
    budget = bm.group(1) if bm else None
    executed = em.group(1) if em else None

    hi = next((k for k, ln in enumerate(seg) if "三级指标" in ln.text and "一级指标" in ln.text), None)
    rows: list[dict] = []
    trailing: list[str] = []
    if hi is not None:
        cur: dict | None = None
        state = "name"
        pend_levels: list[str] = []
        k = hi + 1
        while k < len(seg):
            ln = seg[k]
            t = ln.text.strip()
            if t in FORM_END or t.startswith(("主管部门", "预期目标")) or t.endswith("自评表") or \
                    re.fullmatch(r"[（(].+[）)]", t):
                break
            toks = t.split()
            levels = []
            while toks and _is_level(toks[0]):
                levels.append(toks.pop(0))
            if levels and not toks:
                if cur is not None:
                    rows.append(cur)
                    cur = None
                if pend_levels and all(x in LEVEL1_WORDS for x in pend_levels) and \
                        not any(x in LEVEL1_WORDS for x in levels):
                    pend_levels = pend_levels + levels
                else:
                    trailing.extend(pend_levels)
                    pend_levels = levels
                state = "name"
                k += 1
                continue
            new_row = bool(levels) or (len(toks) >= 3 and _is_value(toks[-2])) or (
                len(toks) == 2 and _is_value(toks[1]) and not _is_value(toks[0]) and state == "actual")
            if new_row and cur is not None:
                rows.append(cur)
                cur = None
            if cur is None:
                cur = {"levels": pend_levels + levels, "name": "", "target": None, "actual": "", "line": ln}
                pend_levels = []
                state = "name"
            if len(toks) >= 3 and _is_value(toks[-2]):
                cur["name"] += "".join(toks[:-2])
                cur["target"], cur["actual"] = toks[-2], toks[-1]
                rows.append(cur)
                cur, state = None, "name"
            elif len(toks) == 2 and _is_value(toks[0]) and _is_value(toks[1]) and state == "name":
                cur["target"], cur["actual"] = toks[0], toks[1]
                rows.append(cur)
                cur, state = None, "name"
            elif len(toks) == 2 and _is_value(toks[1]) and state == "name":
                cur["name"] += toks[0]
                cur["target"] = toks[1]
                state = "actual"
            elif len(toks) == 1 and _is_value(toks[0]) and state == "name" and cur["name"]:
                cur["target"] = toks[0]
                state = "actual"
            elif state == "name":
                cur["name"] += "".join(toks)
            else:
                cur["actual"] += "".join(toks)
            k += 1
        if cur is not None:
            rows.append(cur)
        trailing.extend(pend_levels)
        for ln in seg[k:]:
            toks = ln.text.split()
            if toks and all(_is_level(x) for x in toks):
                trailing.extend(toks)
    l1_words = {w for w in trailing if w in LEVEL1_WORDS}
    for r in rows:
        l1_words.update(x for x in r["levels"] if x in LEVEL1_WORDS)
    output_l1 = next((w for w in ("完成指标", "产出指标") if w in l1_words), "产出指标")
    spare_l2 = [w for w in trailing if w not in LEVEL1_WORDS]
    indicators: list[dict] = []
    prev_l2 = None
    for _i, r in enumerate(rows):
        if not r["name"] or r["target"] is None:
            continue
        lv = r["levels"]
        l1 = next((x for x in lv if x in LEVEL1_WORDS), None)
        l2 = next((x for x in lv if x not in LEVEL1_WORDS), None)
        if "满意度" in r["name"] and not lv:
            l1, l2 = "满意度指标", "满意度指标"
        if l2 is None and l1 is None:
            l2 = prev_l2 if prev_l2 is not None else (spare_l2[0] if spare_l2 else None)
        prev_l2 = l2 if "满意度" not in (l2 or "") else prev_l2
        if l1 is None and l2 is not None:
            if l2 in BENEFIT_L2 or "效益" in l2 or "影响" in l2:
                l1 = "效益指标"
            elif "满意" in l2:
                l1 = "满意度指标"
            else:
                l1 = output_l1
        indicators.append(_row(None, l1, l2, r["name"], r["target"], r["actual"] or None,
                               prov=r["line"].provenance()))
    # rows before any printed level2 take the spare level2 label printed after the rows
    return {"name": name, "budget": budget, "executed": executed, "indicators": indicators}


# ---- prose lists ----------------------------------------------------------------------------------

PROSE_HEAD_RE = re.compile(r"^(?:[（(]\d+[）)])?\s*(数量指标|质量指标|时效指标|成本指标|效益指标|满意度指标|满意度|"
                           r"社会效益指标|经济效益指标|生态效益指标|可持续影响指标|服务对象满意度指标)[。：:]")
SUBHEAD_RE = re.compile(r"(社会效益指标|经济效益指标|生态效益指标|可持续影响指标)[：:]")
MEASURE_RE = re.compile(r"(次数|人数|批次|数量|率|数|额|量|度|时效|时间|面积|金额|个数)")
TEXT_VALUE_SPLIT = ("得到", "有提升", "有所", "市级", "省级", "县级", "国家级", "明显", "显著", "逐步", "进一步", "不断", "稳步",
                    "持续", "符合", "保持", "稳定", "不发生", "未发生", "有效", "全面", "大幅", "按时", "及时")


def _levels(head: str) -> tuple[str, str | None]:
    if head in OUTPUT_L2:
        return "产出指标", head
    if head == "效益指标":
        return "效益指标", None
    if head in BENEFIT_L2:
        return "效益指标", head
    if head in ("满意度", "满意度指标"):
        return "满意度指标", None
    return "满意度指标", head


def split_name_value(item: str) -> tuple[str, str | None]:
    """'培训次数2次' → ('培训次数', '2次'); '主题班举办批次分批1-2次' → ('主题班举办批次', '分批1-2次')."""
    m = re.search(r"(?:不少于|不低于|不超过|不高于|不多于|至少|大于|小于|高于|低于|达到)?(?:[≥≤≧≦<>＞＜]|\d)", item)
    if m and m.start() >= 2:
        name, value = item[: m.start()], item[m.start():]
        measures = list(MEASURE_RE.finditer(name))
        mm = measures[-1] if measures else None
        if mm and 0 < len(name) - mm.end() <= 3 and mm.end() >= 2:
            name, value = name[: mm.end()], name[mm.end():] + value
        return name, value
    cuts = [p for p in (item.find(w) for w in TEXT_VALUE_SPLIT) if p >= 2]
    if cuts:
        p = min(cuts)
        return item[:p], item[p:]
    return item, None


def prose_runs(paras: list[tuple[str, TextLine]]) -> list[list[tuple[str, str, TextLine]]]:
    """Runs of consecutive indicator paragraphs: [(heading, body, line)]."""
    runs: list[list[tuple[str, str, TextLine]]] = []
    last = -10
    for k, (text, ln) in enumerate(paras):
        t = squash(text)
        m = PROSE_HEAD_RE.match(t)
        if not m:
            continue
        if k - last > 3 or not runs or any(h == m.group(1) for h, _, _ in runs[-1]):
            runs.append([])
        runs[-1].append((m.group(1), t[m.end():], ln))
        last = k
    return [r for r in runs if len(r) >= 2]


def _items(run: list[tuple[str, str, TextLine]]) -> list[tuple[str, str | None, str, TextLine]]:
    out = []
    for head, body, ln in run:
        l1, l2 = _levels(head)
        for sent in re.split(r"[。]", body):
            sub = SUBHEAD_RE.match(sent)
            cur_l2 = l2
            if sub:
                cur_l2 = sub.group(1)
                sent = sent[sub.end():]
            for piece in re.split(r"[；;]", sent):
                piece = piece.strip("，, ")
                if piece:
                    out.append((l1, cur_l2, piece, ln))
    return out


def prose_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    runs = prose_runs(paras)
    if not runs:
        return []
    targets = _items(runs[0])
    actual_items = _items(runs[1]) if len(runs) > 1 else []
    out: list[dict] = []
    used: set[int] = set()
    rows = []
    for l1, l2, piece, ln in targets:
        name, target = split_name_value(piece)
        actual = None
        for ai, (al1, _al2, ap, _aln) in enumerate(actual_items):
            if ai in used or al1 != l1:
                continue
            a = re.sub(r"^完成", "", ap) if not ap.startswith(name) else ap
            if a.startswith(name):
                rest = re.sub(r"^(达到|达|为|是)", "", a[len(name):])
                actual = rest or None
                used.add(ai)
                break
        rows.append([l1, l2, name, target, actual, ln])
    # an achieved value printed without its indicator name ("在2022年内完成") that contains a target
    for ai, (al1, _al2, ap, _aln) in enumerate(actual_items):
        if ai in used:
            continue
        for r in rows:
            if r[0] == al1 and r[4] is None and r[3] and r[3] in ap:
                r[4] = r[3]
                used.add(ai)
                break
    for l1, l2, name, target, actual, ln in rows:
        if target is None:
            actual = None
        out.append(_row(None, l1, l2, name, target, actual, prov=ln.provenance()))
    return out


# ---- space-separated rows (text exports that keep a table's row on one line) ------------------------

def _space_header(tokens: list[str]) -> list[str] | None:
    t = [x for x in tokens if x != "绩效指标"]
    j = "".join(t)
    if "三级指标" in j and ("一级指标" in j or "二级指标" in j) and len(t) >= 4:
        return t
    return None


def space_table_indicators(lines: list[TextLine], start: int, end: int) -> list[dict]:
    """Rows printed one per line, cells separated by spaces, merged level cells left out."""
    out: list[dict] = []
    k = start
    while k < end:
        ln = lines[k]
        header = None if ln.cell else _space_header(ln.text.split())
        k += 1
        if header is None:
            continue
        scored = any(h.startswith("分值") for h in header) and any(h.startswith("得分") for h in header)
        l1 = l2 = None
        while k < end:
            row = lines[k]
            toks = row.text.split()
            if row.cell or not toks or toks[0] in ("总分", "合计", "总计"):
                break
            weight = score = note = None
            if scored:
                idx = None
                for i in range(len(toks) - 2, 1, -1):
                    if plain_number(toks[i]) is not None and plain_number(toks[i + 1]) is not None \
                            and len(toks) - (i + 2) <= 1:
                        idx = i
                        break
                if idx is None or idx < 3:
                    break
                weight, score = plain_number(toks[idx]), plain_number(toks[idx + 1])
                note = toks[idx + 2] if len(toks) > idx + 2 else None
                body = toks[:idx]
            else:
                body = toks
            if len(body) < 3:
                break
            name, target, actual = body[-3], body[-2], body[-1]
            levels = body[:-3]
            for lv in levels:
                if lv in LEVEL1_WORDS or SCORE_NOTE_RE.sub("", lv) in LEVEL1_WORDS:
                    l1, l2 = strip_points(lv), None
                else:
                    l2 = strip_points(lv)
            out.append(_row(None, l1, l2, strip_numbering(name), target, actual, weight, score, note,
                            row.provenance()))
            k += 1
    return out


# ---- prose that pairs each indicator with its own target and achieved value -------------------------
# "新增学位目标5400个，实际新增5760个"; "户用卫生厕所改造户数，年度指标值2400户，实际完成2436户";
# "指标名称：X；年度指标值：Y；实际完成值：Z；偏差原因：W". Only these explicit pairings are read: a
# paragraph that names a target without an achieved value gives nothing here.

LEVEL_HEAD_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[\d一二三四五六七八九十]+[、.．])?\s*"
                           r"(产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标|成本指标|社会效益指标|经济效益指标|"
                           r"生态效益指标|可持续影响指标|可持续效益指标|服务对象满意度指标|社会公众满意度指标)"
                           r"(?:[（(]\d+(?:\.\d+)?分[）)])?([：:。]|$)")
SECTION_HEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
TARGET_WORD = r"(?:年度指标值|预期指标值|目标值|指标值)"
ACTUAL_WORD = r"(?:实际完成值|实际完成|实际值|完成值)"
PAIR_TARGET_FIRST_RE = re.compile(r"^(?P<name>[^，,：:；;]{2,40}?)(?:年度)?目标(?:值)?(?:为|是)?[：:]?"
                                  r"(?P<t>[^，,；;：:]{1,30})[，,]实际(?:完成值?|新增|达到|值|为)?[：:]?"
                                  r"(?P<a>[^，,；;：:]{1,30})$")
PAIR_NAME_FIRST_RE = re.compile(rf"^(?P<name>[^，,：:；;]{{2,40}})[，,]{TARGET_WORD}(?:为)?[：:]?(?P<t>[^，,；;]{{1,30}})"
                                rf"[，,]{ACTUAL_WORD}(?:为)?[：:]?(?P<a>[^，,；;]{{1,30}})$")
LABELLED_RE = re.compile(rf"^(?:指标名称|三级指标|指标)[：:](?P<name>[^；;]{{2,60}})[；;]{TARGET_WORD}[：:](?P<t>[^；;]{{1,40}})"
                         rf"[；;]{ACTUAL_WORD}[：:](?P<a>[^；;]{{1,40}})"
                         r"(?:[；;](?:偏差原因(?:分析)?(?:及改进措施)?|原因分析)[：:](?P<n>.{1,200}))?$")


PAIR_BRACKET_RE = re.compile(rf"^(?P<name>[^（(，,：:；;]{{2,40}})[（(]{TARGET_WORD}(?:为)?[：:]?(?P<t>[^，,；;）)]{{1,30}})"
                             rf"[，,；;]{ACTUAL_WORD}(?:为)?[：:]?(?P<a>[^，,；;）)]{{1,30}})[）)]$")


def _split_outside_brackets(text: str) -> list[str]:
    """Split on ；/; except inside （…）: '甲（目标值：1；完成值：2）；乙（…）' → two pieces."""
    pieces, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in "；;" and depth == 0:
            pieces.append(cur)
            cur = ""
        else:
            cur += ch
    pieces.append(cur)
    return pieces


def _heading_levels(word: str, l1: str | None) -> tuple[str | None, str | None]:
    """(level1, level2) a heading word sets; a bare 二级 word keeps the level1 the text gave before it."""
    if word in ("产出指标", "效益指标", "满意度指标"):
        return word, None
    if word in OUTPUT_L2:
        return "产出指标", word
    if word in BENEFIT_L2:
        return "效益指标", word
    if word.endswith("满意度指标"):
        return "满意度指标", word
    return l1, word


def paired_prose_indicators(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators a text states one by one with both a target and an achieved value."""
    out: list[dict] = []
    l1: str | None = None
    l2: str | None = None
    for text, ln in paras:
        t = squash(text).rstrip("。")
        lab = LABELLED_RE.match(t)
        if lab:
            note = lab.group("n").rstrip("。") if lab.group("n") else None
            out.append(_row(None, l1, l2, strip_numbering(lab.group("name")), lab.group("t"),
                            lab.group("a").rstrip("。"), note=note, prov=ln.provenance()))
            continue
        head = LEVEL_HEAD_RE.match(t)
        if head:
            l1, l2 = _heading_levels(head.group(1), l1)
            body = t[head.end():]
        elif SECTION_HEAD_RE.match(t):
            l1 = l2 = None
            continue
        else:
            body = t
        for sent in body.split("。"):
            for piece in _split_outside_brackets(sent):
                piece = piece.strip("，, ")
                m = PAIR_TARGET_FIRST_RE.match(piece) or PAIR_NAME_FIRST_RE.match(piece) or PAIR_BRACKET_RE.match(piece)
                if not m:
                    continue
                out.append(_row(None, l1, l2, strip_numbering(m.group("name")), m.group("t"), m.group("a"),
                                prov=ln.provenance(piece)))
    return out
