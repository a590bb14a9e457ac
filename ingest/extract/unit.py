"""Who reports and where: the unit's full name, the aliases the report uses, its division, its codes.

A unit is named in full ("中共桃江县委组织部", "广元市利州区财政局") or only by its short form
("市委组织部", "区财政局"). The short form says the level (县/市/区); the division then comes from
evidence in the text: the credit code (its digits 3–8 are the division code), full or short division
names ("益阳党建网", "屈原管理区…办法"). Without evidence the name and region stay null.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from ingest import regions
from ingest.extract.text import TextLine

# Party committee departments take "中共" + region + "委"; government departments take region + name.
PARTY_DEPTS = ("组织部", "宣传部", "统战部", "政法委员会", "政法委", "办公室", "政策研究室", "老干部局", "编办",
               "机构编制委员会办公室", "网信办", "巡察办", "党校", "纪律检查委员会")
DEPT_TAIL = r"(?:部(?!门)|局|委员会|办公室|研究室|办事处|中心|院|馆|站|所|队|厅|处(?!理|置|罚)|(?<!社)会(?!议)|社|团|校|署|(?<![交承督举创兴代])办(?!法|理|公)|(?<=[文妇侨残科商])联|监狱|(?<=[林农牧茶渔])场)"
SHORT_RE = re.compile(rf"(?<![\u4e00-\u9fff])?([省市县区州旗])(委)?([\u4e00-\u9fff]{{1,7}}?{DEPT_TAIL})")
CREDIT_RE = re.compile(r"统一社会信用代码(?:为|是)?[：:\s]*([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})"
                       # a government site's 索引号 starts with the publishing unit's credit code
                       r"|索引号[\]】：:\s]*([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})/")
UNIT_CODE_RE = re.compile(r"(?:单位代码|预算单位编码|预算代码|单位编码|预算编码)[：:]?([A-Z]{0,4}\d{3,9})(?![\dA-Za-z])"
                          r"|主管部门(?:及代码)?[：:]?[^（(\d，。；]{2,30}[（(](\d{6,9})[）)]")
# A full unit name: optional 中共, a chain of division names, optional 委/人民政府, a department.
# words of a sentence, never of a unit's name
LEADING_VERB_RE = re.compile(r"^(?:现将|纳入|列入|根据|按照|依据|据)(?=[\u4e00-\u9fff]{4})")
NOT_IN_A_NAME_RE = re.compile(r"[我本该其共向给对从把将]|下达|拨付|安排|支付")
# words ending like a department that are not one: parts of a whole, a layout ('城际铁路网布局')
BAD_DEPT_END = ("干部", "全部", "支部", "内部", "外部", "本部", "局部", "总部", "各部", "中部", "西部", "东部",
                "布局", "格局", "大局", "全局", "结局", "开局")


@lru_cache(maxsize=1)
def _full_names() -> tuple[dict[str, list[regions.Division]], int]:
    """Full division names (桃江县, 广元市, 屈原管理区) → divisions, and the longest name's length."""
    idx: dict[str, list[regions.Division]] = {}
    for d in regions.divisions():
        if len(d.name) >= 2 and d.name not in ("市辖区", "县"):
            idx.setdefault(d.name, []).append(d)
    for name, d in regions.former_county_names().items():
        idx.setdefault(name, []).append(d)  # '龙南县园林所': a county's name before it became a city
    return idx, max(len(n) for n in idx)


NAME_END = frozenset("省市县区州盟旗")
DEPT_RE = re.compile(rf"(委|人民政府)?([\u4e00-\u9fff]{{1,10}}?{DEPT_TAIL})")


def _names_ending_at(text: str, end: int) -> list[tuple[int, list[regions.Division]]]:
    idx, longest = _full_names()
    out = []
    for n in range(2, min(longest, end) + 1):
        name = text[end - n:end]
        hit = idx.get(name)
        if hit and ((n == 2 and name[0] in WORDLIKE_HEADS) or name in _word_like_names()) and end - n > 0 \
                and re.match(r"[\u4e00-\u9fff]", text[end - n - 1]) and text[end - n - 1] not in "省市州盟":
            continue  # '…局和县财政局': 和 joins two units, it names no 和县 ('和县财政局' at a phrase's start does)
        if hit:
            out.append((end - n, hit))
    return out


def _name_starts_at(text: str, start: int) -> bool:
    idx, longest = _full_names()
    return any(text[start:start + n] in idx for n in range(2, longest + 1))


def _past_inner_tails(text: str, start: int, dept: str) -> str:
    """A department name cut at the 社 of '社会' or '社区' ('人力资源和社|会保障局', '某街道社|区文化服务中心') goes
    on to its next ending; '' where there is none ('某区地方社|会公益项目': no department at all)."""
    end = start + len(dept)
    if dept.endswith("社") and text[end:end + 1] in ("局", "厅"):
        return dept + text[end]  # '人社局': 人力资源和社会保障 in short, a bureau
    if dept.endswith("社") and text[end:end + 1] in ("会", "区"):
        m = re.compile(rf"[\u4e00-\u9fff]{{{len(dept) + 1},12}}?{DEPT_TAIL}").match(text, start)
        return m.group(0) if m else ""
    return dept


def find_full_names(text: str) -> Counter[tuple[str, str]]:
    """(full name, division code) for every printed full unit name whose region is a known division.

    A full name is (中共)? + a chain of division names ('广元市利州区') + (委|人民政府)? + a department.
    Division names are found by looking back from each 省/市/县/区/州/盟/旗, never by a giant regex."""
    found: Counter[tuple[str, str]] = Counter()
    for end in range(2, len(text) + 1):
        if text[end - 1] not in NAME_END:
            continue
        m = DEPT_RE.match(text, end)
        if not m:
            continue
        wei, dept = m.group(1), m.group(2)
        dept = _past_inner_tails(text, m.start(2), dept)
        if not dept or dept.endswith(BAD_DEPT_END) or (not wei and dept.endswith(("中心", "会", "队", "站", "所"))
                                              and not dept.endswith("委员会")):
            continue
        if _name_starts_at(text, end):
            continue  # the chain goes on ("广元市|利州区…"): the longer chain is read at its own end
        best = None
        for start, divs in sorted(_names_ending_at(text, end)):
            chain_start, cands = start, divs
            # extend the chain leftwards with each ancestor's name printed just before ('广东省|广州市|某区')
            extended = True
            while extended:
                extended = False
                for pstart, pdivs in _names_ending_at(text, chain_start):
                    narrowed = [d for d in cands
                                if any(a.code in {p.code for p in pdivs} for a in regions.ancestors(d))]
                    if narrowed:
                        chain_start, cands, extended = pstart, narrowed, True
                        break
            if len(cands) == 1:
                best = (chain_start, cands[0])
                break
        if best is None:
            continue
        chain_start, d = best
        # an organ printed before its division: '中共某县委…', '政协某县委员会', '中国人民政治协商会议某县委员会'
        organ = next((o for o in ORGAN_PREFIXES if text[max(0, chain_start - len(o)):chain_start] == o), "")
        if not (wei or dept.endswith("委员会")):
            organ = ""  # '中共某县档案馆' (an appendix's slip): a party organ's name goes on to its 委 or 委员会
        name = organ + text[chain_start:end] + (wei or "") + dept
        after = end + len(wei or "") + len(dept)
        sub = _sub_unit(text, after, d)
        part = _part_named_first(dept, d) if sub is None else None
        if part is not None:
            d = part  # '某市某某生态环境局': the city's bureau in its county 某某, named by the county's short name
        if sub is not None:
            # '某市公安局某区交通大队': the city bureau's unit in one of its districts, placed there
            name, d = name + sub[0], sub[1]
        elif organ and ((wei or "") + dept).endswith("委员会"):
            # '中国共产党某市委员会党史研究室': an office of the committee, named after it
            office = COMMITTEE_OFFICE_RE.match(text, after)
            name += office.group(0) if office else ""
        found[(name, d.code)] += 1
    return found


# an office named after its committee ('…委员会党史研究室'), not a verb before one ('…委员会设办公室1个')
COMMITTEE_OFFICE_RE = re.compile(r"(?!设|下设|内设|有|共|在|的)[\u4e00-\u9fff]{1,8}?(?:研究室|办公室|部|中心|学校)")
SUB_UNIT_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:分局|大队|中队|支队|派出所|管理所|管理站|中心)")


def _sub_unit(text: str, at: int, parent: regions.Division) -> tuple[str, regions.Division] | None:
    """The unit a department keeps in one of its division's parts, printed right after its name: the part
    named in full ('…局某某区分局') or by its short name ('…局某某分局', the branch of 某某区)."""
    index = regions.name_index()
    for length in range(2, 10):
        div = text[at: at + length]
        tail = SUB_UNIT_TAIL_RE.match(text, at + length)
        if not tail:
            continue
        for d in index.get(div, []):
            named = (div == d.name and len(tail.group(0)) > 2) or (tail.group(0) == "分局" and div in (
                d.name, regions.short_name(d.name)))
            if named and parent.code in {a.code for a in regions.ancestors(d)}:
                return div + tail.group(0), d
    return None


def _part_named_first(dept: str, parent: regions.Division) -> regions.Division | None:
    """The division of `parent` whose short name opens a department's name ('某某生态环境局' after a city's
    name is the city's bureau in its county 某某), when a department's words follow it."""
    index = regions.name_index()
    for length in (4, 3, 2):
        rest = dept[length:]
        if len(rest) < 3 or not re.search(DEPT_TAIL + "$", rest):
            continue
        for d in index.get(dept[:length], []):
            if dept[:length] == regions.short_name(d.name) and parent.code in {a.code for a in regions.ancestors(d)}:
                return d
    return None


ORGAN_PREFIXES = ("中国人民政治协商会议", "中国共产主义青年团", "中国共产党", "中共", "政协", "共青团")


def short_forms(text: str) -> Counter[str]:
    """Short unit names the text uses: '市委组织部', '区委组织部', '县财政局'."""
    c: Counter[str] = Counter()
    # ('自治区乡村振兴局' is a province's bureau, not a district's)
    for m in re.finditer(rf"((?<!自治)区|[市县州旗])(委)?([\u4e00-\u9fff]{{1,6}}?{DEPT_TAIL})", text):
        before = text[m.start() - 1:m.start()] if m.start() else ""
        dept = m.group(3)
        if NOT_IN_A_NAME_RE.search(dept) or dept.endswith(BAD_DEPT_END):
            continue  # '县财政共下达我局': a sentence that ends on the unit, not its name (nor '…铁路网布局')
        if re.match(r"(?:交办|委托|授权|指派)", text[m.end():m.end() + 2]):
            continue  # '完成区生态环境局交办的其他工作': the department that assigns the work, not the reporter
        if m.group(2) and dept in PARTY_DEPTS or (not m.group(2) and dept.endswith(("局", "办公室"))):
            if before and re.match(r"[\u4e00-\u9fff]", before) and before not in "本我全该":
                # part of a longer name ("益阳市委组织部"): still the same short form
                pass
            c[m.group(1) + (m.group(2) or "") + dept] += 1
    return c


# first characters of two-character divisions that are also words of a sentence (和, 成, 新 …)
WORDLIKE_HEADS = "和与及在对向从为将把被由给跟同或并且而于至到成全各本该每其新"


@cache
def _word_like_names() -> frozenset[str]:
    """Division names that open with a common word of official prose (prose.yaml division_names_read_as_words)."""
    from ingest.templates import prose_vocabulary

    return frozenset(prose_vocabulary().get("division_names_read_as_words", []))


def region_evidence(text: str) -> Counter[str]:
    """Division code → weight of mentions (full names count 3, short names 1, ancestors add up)."""
    score: Counter[str] = Counter()
    idx = regions.name_index()
    names = sorted(idx, key=len, reverse=True)
    for name in names:
        n = text.count(name)
        if not n:
            continue
        if (len(name) == 2 and name[0] in WORDLIKE_HEADS and name[1] in LEVEL_CHARS) or name in _word_like_names():
            # '和县', '成县', '新县' are also a word and a level ('…办理和县人大…', '完成县政府交办…'): they
            # count where they start a phrase or follow a higher division's name
            n = len(re.findall(rf"(?:^|(?<![\u4e00-\u9fff])|(?<=[省市州盟])){re.escape(name)}", text))
            if not n:
                continue
        if len(name) >= 3:
            # a name counted is not counted again inside it: '铁岭' in '铁岭市' is no mention of 铁岭县
            text = text.replace(name, "\0" * len(name))
        for d in idx[name]:
            w = 3 if name == d.name else 1
            if name == d.name and regions.short_name(d.name) in idx:
                w += 1  # its short name, printed inside it, is a mention of it (and of no other division)
            score[d.code] += n * w
    return score


def _fits_level(level_char: str | None, d: regions.Division) -> bool:
    """Whether a division can be the one a short form's level character names ('区…局' is a 区's)."""
    if level_char is None:
        return True
    if level_char == "市":
        return d.level == "prefecture" or (d.level == "county" and d.name.endswith("市"))
    if level_char == "区":
        return d.level == "county" and d.name.endswith("区")
    if level_char in ("县", "旗"):
        return d.level == "county" and d.name.endswith(level_char)
    if level_char == "州":
        return d.level == "prefecture"
    if level_char == "省":
        return d.level == "province"
    return True


def _printed_in_full(d: regions.Division, text: str) -> bool:
    """Whether the division or one of its ancestors is printed by its full name."""
    return any(x.name in text for x in (d, *regions.ancestors(d)))


def best_division(level_char: str | None, evidence: Counter[str], credit_div: str | None,
                  text: str = "") -> regions.Division | None:
    """The division of the unit's level best supported by the text, with its ancestors' mentions; a
    code's division (an 索引号's) first, unless the short form's level says it is another kind."""
    coded = regions.lookup_code(credit_div) if credit_div else None
    if coded is not None and _fits_level(level_char, coded) and (coded.name in text or not _printed_rival(
            coded, level_char, evidence, text)):
        return coded  # unless the code's division is never printed and another of its level is, twice
    if level_char == "省":
        # '省商务厅': a province's department, in the province of the places the text names (its address)
        evidence = _rolled_up_to_provinces(evidence)
    cands = []
    for code, w in evidence.items():
        d = regions.lookup_code(code)
        if d is None or not _fits_level(level_char, d):
            continue
        support = w + sum(evidence.get(a.code, 0) for a in regions.ancestors(d))
        cands.append((support, w, d))
    if not cands:
        return None
    cands.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if len(cands) > 1 and cands[0][0] == cands[1][0]:
        return None
    if level_char is None and (cands[0][0] < 2 or not _printed_in_full(cands[0][2], text)):
        # one short mention ('惠农' in '惠农政策'), or short names only ('新建' in '新建工程' twice), is no
        # evidence of where a unit named without a level is
        return None
    if cands[0][0] < 2 and not _printed_in_full(cands[0][2], text):
        return None  # nor, for any unit, is one short mention ('梨树' in '梨树种植') alone
    # A prefecture-level 市委 beats a county-level city only with more support; ties stay undecided.
    return cands[0][2]


def _rolled_up_to_provinces(evidence: Counter[str]) -> Counter[str]:
    """Each mention counted for the province it lies in."""
    out: Counter[str] = Counter()
    for code, w in evidence.items():
        d = regions.lookup_code(code)
        top = next((a for a in (d, *regions.ancestors(d)) if a.level == "province"), None) if d else None
        if top is not None:
            out[top.code] += w
    return out


def _printed_rival(coded: regions.Division, level_char: str | None, evidence: Counter[str], text: str) -> bool:
    """Whether the text names, in full and at least twice, another division of the unit's level that is
    neither the code's division nor one of its ancestors or descendants."""
    kin = {coded.code, *(a.code for a in regions.ancestors(coded))}
    for code, w in evidence.items():
        d = regions.lookup_code(code)
        if d is None or code in kin or coded.code in {a.code for a in regions.ancestors(d)}:
            continue
        if _fits_level(level_char, d) and w >= 2 and text.count(d.name) >= 2:
            return True
    return False


# the support a division needs to be the document's jurisdiction without a unit name: printed in full
# at least twice, and twice as often as any other
CLEAR_SUPPORT = 6


def _clear_division(evidence: Counter[str], text: str) -> regions.Division | None:
    ranked = sorted(((w + sum(evidence.get(a.code, 0) for a in regions.ancestors(d)), d)
                     for code, w in evidence.items() if (d := regions.lookup_code(code)) is not None),
                    key=lambda t: t[0], reverse=True)
    if not ranked or ranked[0][0] < CLEAR_SUPPORT:
        return None
    top, d = ranked[0]
    if d.name not in text:
        return None  # its support is its parent's and a shared short name: it is never printed in full
    # a rival that is not the winner's ancestor must have at most half its support
    rivals = [w for w, e in ranked[1:] if e.code not in {a.code for a in regions.ancestors(d)}]
    if rivals and rivals[0] * 2 > top:
        return None
    return d


def unit_name_for(d: regions.Division, short: str, text: str = "") -> str:
    """'市委组织部' in 益阳市 → '中共益阳市委组织部'; '县财政局' in 桃江县 → '桃江县财政局'; where the text
    prints the name with the division's short name ('某某州投资促进局'), that printing."""
    body = short[1:]
    if body.startswith("委"):
        return "中共" + d.name + body
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,12}}){re.escape(short)}", text):
        for cut in range(len(m.group(1)) - 1):
            head = m.group(1)[cut:] + short[0]
            if any(x.code == d.code for x in regions.name_index().get(head, [])):
                return head + body
    return d.name + body


UNIT_TAIL_RE = re.compile(rf"(?:{DEPT_TAIL[3:-1]}|人民政府|政府|镇|乡|街道|(?<=[小中大])学|(?<=[初高])中|园|医院|卫生院|委|公司|(?<!平)台)$")
# how far into the (whitespace-free) text a unit named only once may stand to count as the reporter
HEAD_CHARS = 200
LEAD_CODE_RE = re.compile(r"^\d{3,}[-－—_]?")
TITLE_PREFIX_RE = re.compile(r"^(?:关于)?([\u4e00-\u9fff（）()]{3,30}?)(?:19|20)\d\d(?:年|(?=[\u4e00-\u9fff]))")


def _plausible_unit(value: str | None) -> str | None:
    """A labelled value that can be a unit's name: CJK, 3–40 characters, ending like a unit."""
    if not value:
        return None
    v = LEAD_CODE_RE.sub("", re.sub(r"\s+", "", value))
    v = re.sub(r"[（(](?:盖章|公章)[）)]$|^[（(](?:盖章|公章)[）)]", "", v)
    v = re.sub(r"[（(](?:本级|本部|机关|汇总|合并)[）)]$", "", v)  # '某中心（本级）', '（汇总）': the unit, whichever of its parts the figures hold
    # '某市市场监督管理局（某市知识产权局）': the second name the same office bears, in brackets after the first
    second = re.fullmatch(rf"(.{{3,30}}?{DEPT_TAIL})[（(][\u4e00-\u9fff]{{3,20}}?{DEPT_TAIL}[）)]", v)
    v = second.group(1) if second else v
    v = re.sub(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)", "", v)  # a list's numbering
    v = re.sub(r"^名称", "", v)  # '项目单位 | 名称X': the label's last word cut off by a shorter label before it
    v = re.split(r"[:：，。；]|预算编码|预算代码|单位编码|报告日期|填报日期|联系人|主管部门", v)[0]
    half = len(v) // 2
    if len(v) % 2 == 0 and v[:half] == v[half:]:
        v = v[:half]  # a merged cell printed twice
    if not 3 <= len(v) <= 40 or not re.fullmatch(r"[\u4e00-\u9fff（）()]+", v) or not UNIT_TAIL_RE.search(v) \
            or re.search(r"[是的为在对]|情况|关于", v) or v.endswith("网站"):  # a web site ('图据某局网站'), no station
        return None
    return v


TITLE_LINES = 12
"""The lines a document's title stands in: a contractor its title names ('某公司2017年度…报告') reports
for itself."""


INNER_OFFICE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:处|科|股|室)")
"""A bare office name ('训练处', '财务科'): a part of a unit, named without the unit it belongs to."""

INNER_OFFICE_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{2,14}(?:处|科|股|(?<!办公)室)")
"""What follows a department's name in the name of an office inside it ('对外合作和会展服务处')."""

SEAL_RE = re.compile(r"\s*[（(](?:盖章|公章|签章)[）)]")
"""A label's note that the unit stamps its seal there ('评价单位（公章）：X')."""


def labelled_unit(lines: list[TextLine]) -> str | None:
    """The unit a label names ('单位名称：X', '实施单位 | X', '部门（单位）名称' then X), the form's way of
    saying who reports; the vocabulary of labels is ingest/templates/forms.yaml."""
    from ingest.extract.cells import line_cells
    from ingest.templates import vocabulary

    vocab = vocabulary()
    cells = line_cells(lines)
    found: dict[str, str] = {}
    for k, c in enumerate(cells):
        m = re.match(r"^([^:：]{2,14})[:：]\s*(\S.*)$", c.text)
        label = SEAL_RE.sub("", m.group(1)) if m else ""
        if m and vocab.head_field(label) in ("unit", "department"):
            field, got = vocab.head_field(label), _plausible_unit(m.group(2))
        elif vocab.head_field(c.text) in ("unit", "department") and k + 1 < len(cells):
            field, got = vocab.head_field(c.text), _plausible_unit(cells[k + 1].text)
        else:
            continue
        if got and field not in found:
            found[field] = got
        if "unit" in found and "department" in found:
            break
    unit = found.get("unit")
    dept = found.get("department")
    if unit and dept and unit.startswith(dept) and INNER_OFFICE_TAIL_RE.fullmatch(unit[len(dept):]):
        return dept  # '某厅某某处' under 主管部门 '某厅': an office inside the department, which is the budget unit
    heading = "".join(ln.text for ln in lines[:TITLE_LINES] if not ln.cell).replace(" ", "")
    if unit and _not_a_budget_unit(unit) and not re.search(re.escape(unit) + r"(?:19|20)\d\d年", heading):
        # a company or a cooperative that carries the project out, or a division inside the department
        # ('禁毒支队'): the budget unit is the department over it, or unknown
        return found.get("department")
    return unit


def _not_a_budget_unit(name: str) -> bool:
    from ingest.templates import vocabulary

    words = vocabulary().not_budget_units
    return name.endswith(words["contractors"]) or (
        known_divisions_prefix(name) == 0 and name.endswith(words["internal"]))


def introduced_unit(lines: list[TextLine]) -> str | None:
    """The unit a report introduces in its first lines, by the words of prose.yaml's
    `unit_introduction` ('某区疾病预防控制中心为全额拨款事业单位', '某某小学是一所…')."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary().get("unit_introduction", {})
    verbs = sorted(voc.get("verbs", []), key=len, reverse=True)
    if not verbs:
        return None
    heads = "|".join(map(re.escape, sorted(voc.get("after_headings", []), key=len, reverse=True))) or "(?!)"
    rx = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．])?(?:(?:" + heads + r")[。：:．.]?)?"
                    # (a heading's last words are no part of the name: '1.主要职责职能某局是…')
                    r"(?P<name>(?!职能|职责|情况|概况|设置|构成|" + heads + r")[\u4e00-\u9fff（）()]{4,30}?)(?:"
                    + "|".join(map(re.escape, verbs)) + ")")
    for ln in lines[: int(voc.get("head_lines", 40))]:
        m = rx.match(re.sub(r"\s+", "", ln.text))
        if not m or re.match(r"^(?:本|我|该|各|全)", m.group("name")):
            continue
        got = _plausible_unit(m.group("name"))
        if got:
            return got
    return None


# a finance department printed more often than this is writing about itself, not publishing for others
PUBLISHER_MENTIONS = 2


def _past_publisher(name: str, flat: str, warnings: list[dict]) -> str | None:
    """The commonest full name when it is a unit that publishes for others (prose.yaml
    `publisher_units`): its jurisdiction for a statement of the jurisdiction's spending, else unknown."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary().get("publisher_units", {})
    ending = next((e for e in voc.get("endings", []) if name.endswith(e)), None)
    if ending is None or flat.count(name) > PUBLISHER_MENTIONS:
        return name  # a report that names its unit that often is the unit's own
    jurisdiction = name[: -len(ending)]
    if jurisdiction and any(w in flat for w in voc.get("jurisdiction_words", [])):
        warnings.append({"field": "unit.name", "message": f"'{name}' publishes the statement; the unit is its "
                         f"jurisdiction '{jurisdiction}'"})
        return jurisdiction
    warnings.append({"field": "unit.name", "message": f"'{name}' is the commonest full name but publishes for "
                     "others; no label, title or introduction names the reporting unit: left null"})
    return None


GLUED_NEXT = ("年度", "预算", "主管", "联系", "报告", "填报", "项目", "编码", "代码", "单位", "日期", "金额")


def glued_labelled_unit(flat: str) -> str | None:
    """'单位名称某市某区疾病预防控制中心年度预算申请…': a label and its unit in a text with no separators, the name
    ending where a unit's ending meets the next label's first word."""
    from ingest.templates import vocabulary

    labels = sorted({w for w in vocabulary().head["unit"] if len(w) >= 4}, key=len, reverse=True)
    for m in re.finditer("|".join(map(re.escape, labels)), flat):
        rest = flat[m.end(): m.end() + 41].lstrip(":：")  # '项目单位:某中心主管部门:…'
        for end in range(3, len(rest) + 1):
            cand = rest[:end]
            if UNIT_TAIL_RE.search(cand) and rest[end:].startswith(GLUED_NEXT) \
                    and not re.search(r"[是的为]|情况", cand):
                got = _plausible_unit(cand)
                if got:
                    return got
                break
    return None


TITLE_AFTER_YEAR_RE = re.compile(r"^(?:关于)?(?:19|20)\d\d年度?([\u4e00-\u9fff（）()]{3,30}?)(?:部门[（(]单位[）)]|部门|单位|本级)?"
                                 r"(?:整体支出|项目支出|决算|预算|“?三公”?经费|绩效)")


@lru_cache(maxsize=1)
def _title_money_re() -> re.Pattern[str]:
    """'某市第九中学专项资金绩效自评价报告': a unit's name before a generic kind of money (prose.yaml
    report_titles.generic_projects) and the title's evaluation words."""
    from ingest.templates import prose_vocabulary

    words = sorted(prose_vocabulary()["report_titles"].get("generic_projects", []), key=len, reverse=True)
    return re.compile(r"^(?:关于)?([\u4e00-\u9fff（）()]{3,30}?)(?:(?:19|20)\d\d年度?)?(?:"
                      + "|".join(map(re.escape, words)) + r")(?:支出)?(?:绩效|评价|自评)") if words \
        else re.compile(r"(?!)")


def title_unit(lines: list[TextLine]) -> str | None:
    """The unit a report's title names: before the year ('某某镇人民政府2020年度…决算情况说明'), right
    after it ('2022年度某市某区妇女联合会部门整体支出绩效自评报告') or before a kind of money
    ('某市第九中学专项资金绩效自评价报告', also where the title runs into the body on its line)."""
    from ingest.extract.reports import FILE_EXT_RE, glued_title, without_page_label

    head = lines[:30]
    for k, ln in enumerate(head):
        t = without_page_label(re.sub(r"\s+", "", ln.text))
        # an attachment's number and file name ('8.某站2021年度单位决算.pdf')
        t = FILE_EXT_RE.sub("", re.sub(r"^\d{1,2}[.、．](?=[\u4e00-\u9fff])", "", t))
        glued = glued_title(t) if len(t) > 60 else None
        if glued:
            t = glued
        words = r"报告|决算|自评表|说明|公开|公示|评价表|情况表"
        if not re.search(words, t) and k + 1 < len(head) and re.search(words, head[k + 1].text) \
                and re.search(r"(?:19|20)\d\d年", t):
            t += re.sub(r"\s+", "", head[k + 1].text)  # a title over two lines ('某大队2024年度部门预算' / '执行情况…报告')
        if not re.search(words, t) or len(t) > 60:
            continue
        for rx in (TITLE_PREFIX_RE, TITLE_AFTER_YEAR_RE, _title_money_re()):
            m = rx.match(t)
            # the unit's own accounts ('某区总工会本级2024年度决算…') are the unit's
            got = _plausible_unit(re.sub(r"[（(]?本级[）)]?$", "", m.group(1))) if m else None
            if got:
                return got
    return None


HEADING_UNIT_LINES = 8
"""A unit printed on its own line above the title stands among the text's first lines."""
TITLE_WORDS_RE = re.compile(r"报告|决算|说明|自评|情况")


def heading_unit(lines: list[TextLine]) -> str | None:
    """The unit printed on a line of its own right above the report's title ('某镇人民政府' over
    '2021年度部门决算情况说明'), as a cover or a letterhead prints it."""
    prose = [ln for ln in lines if ln.text.strip() and not ln.cell][:HEADING_UNIT_LINES]
    for k, ln in enumerate(prose[:-1]):
        t = re.sub(r"\s+", "", ln.text)
        got = _plausible_unit(t) if t == re.sub(r"[:：|｜].*$", "", t) else None
        # the title right below (it may take two lines), not a site's menu or breadcrumb
        below = [re.sub(r"\s+", "", x.text) for x in prose[k + 1:k + 3]]
        if below and BREADCRUMB_RE.search(below[0]):
            continue  # a site's name over its breadcrumb ('首页 >> …'), not a letterhead
        title = "".join(b for b in below if len(b) <= 40 and not BREADCRUMB_RE.search(b))
        if got and got == t and TITLE_WORDS_RE.search(title) \
                and not _publishes_for_others(got, "endings"):
            return got
    return None


BREADCRUMB_RE = re.compile(r"[>＞»]|位置")
PART_UNIT_RE = re.compile(r"^(?:第[一1]部分|[一1][、.．])[\s:：]*(?P<name>[\u4e00-\u9fff（）()]{3,40}?)(?:部门|单位)?(?:本级)?概况$"
                          r"|^第[一二三四五六七八九十]部分[\s:：]*(?P<dated>[\u4e00-\u9fff（）()]{3,40}?)(?:19|20)\d\d年度?"
                          r"(?:部门|单位)?决算")  # '第二部分 某某初中2016年度部门决算表'


def part_heading_unit(lines: list[TextLine]) -> str | None:
    """The unit a 决算 document's first part is named after ('第一部分 某市路灯管理所概况')."""
    for ln in lines[:HEADING_UNIT_LINES * 4]:
        m = PART_UNIT_RE.match(ln.text.strip())
        got = _plausible_unit(m.group("name") or m.group("dated")) if m else None
        if got and not _publishes_for_others(got, "endings"):
            return got
    return None


def breadcrumb_unit(lines: list[TextLine]) -> str | None:
    """The department a portal's breadcrumb files the page under ('首页 >> 部门信息公开 >> 某县交通运输局
    >> 正文'): its last step that names a unit in full, unless that unit publishes for others."""
    for ln in [x for x in lines if x.text.strip() and not x.cell][:HEADING_UNIT_LINES]:
        if not re.search(r"[>＞»]", ln.text):
            continue
        steps = [re.sub(r"\s+", "", st) for st in re.split(r"[>＞»]+", ln.text)]
        for step in reversed(steps):
            got = _plausible_unit(step)
            if got and got == step and known_divisions_prefix(got) > 0 \
                    and not _publishes_for_others(got, "endings", "portal_endings"):
                return got  # a full name: a short one ('区政府', '教体局') could be any of several
    return None


LISTED_UNIT_RE = re.compile(r"(?:列入|纳入)(?P<name>[\u4e00-\u9fff（）()]{4,30}?)(?:[（(]以下简称[^（）()]{0,14}[）)])?"
                            r"(?:部门|单位)(?:预算|决算)")
LISTED_UNIT_CHARS = 600
"""How far into a report the sentence placing its project in a unit's budget stands (its first section)."""


def listed_unit(flat: str) -> str | None:
    """The unit whose budget a report's project is listed in ('X项目系依法列入某市某局（以下简称"局"）部门预算
    项目'): the project's own unit, where no label, title or introduction names one."""
    m = LISTED_UNIT_RE.search(flat[:LISTED_UNIT_CHARS])
    return _plausible_unit(m.group("name")) if m else None


HEAD_REGION_CHARS = 150
"""How far into a text its title and the page's head stand, where the jurisdiction a report is about is named."""
METADATA_LINES = 15
# (a page's bare 来源 is its publisher too, unless it names an office inside a unit ('厅规划财务处'); a
# fund's 资金来源 is no label)
PUBLISHER_LABEL_RE = re.compile(r"(?:发布机构|發布機構|發布機構|信息来源|信息來源|发文机构|發文機構|(?P<bare>(?<![金息])(?:来源|來源)))[:：|｜\s]*"
                                r"(?P<name>[\u4e00-\u9fff（）()]{3,30})")


def _without_page_chrome(name: str) -> str:
    """'某县某某中心文字大小' → '某县某某中心': a page's own words run into the publisher's name (prose.yaml
    page_chrome_words)."""
    from ingest.templates import prose_vocabulary

    words = prose_vocabulary().get("page_chrome_words", [])
    cut = min((i for w in words if (i := name.find(w)) > 0), default=len(name))
    return name[:cut]


def metadata_publisher(lines: list[TextLine]) -> str | None:
    """The unit a web page's metadata names as the publisher ('发布机构：某县林业局'), unless it is a
    finance department, which publishes for others."""
    for ln in lines[:METADATA_LINES]:
        m = PUBLISHER_LABEL_RE.search(ln.text)
        got = _plausible_unit(_without_page_chrome(m.group("name"))) if m else None
        inner = got is not None and (got[0] in "厅局委办" or got.endswith(("处", "科", "股"))
                                     or (len(got) <= 4 and got.endswith("部") and got not in _central_names()[1]))
        if inner and m and m.group("bare") and known_divisions_prefix(got) == 0:
            continue  # an office inside a unit ('厅规划财务处', '局民生办', '规划财务处', a hospital's '财务部')
        if got and not _publishes_for_others(got, "endings", "portal_endings"):
            return got
    return None


def _publishes_for_others(name: str, *kinds: str) -> bool:
    """Whether a unit's name ends like one that publishes for others (prose.yaml publisher_units:
    `endings` a finance department, `portal_endings` a government portal's office)."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary().get("publisher_units", {})
    return name.endswith(tuple(e for kind in kinds for e in voc.get(kind, [])))


DIVISION_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,8}?[省市县区州盟旗]")


@lru_cache(maxsize=1)
def _province_short_re() -> re.Pattern[str]:
    """A province's short name ('广西', '内蒙古'), printed without its 省 / 自治区 before a fund's name."""
    shorts = {regions.short_name(d.name) for d in regions.divisions() if d.level == "province"}
    return re.compile("|".join(sorted((s for s in shorts if s), key=len, reverse=True)))


LEVEL_CHARS = "市县区州旗"


def _named_division(name: str) -> regions.Division | None:
    """The autonomous prefecture a unit's name starts with in its short form ('某某州中心医院' → 某某自治州):
    a prefecture's own unit, wherever in it the text says the unit sits."""
    m = DIVISION_NAME_RE.match(name, 2 if name.startswith("中共") else 0)  # '中共某某州委…': the party's
    if not m or not m.group(0).endswith("州") or m.end() == len(name):
        return None
    cands = [d for d in regions.name_index().get(m.group(0), []) if d.name.endswith("自治州")]
    return cands[0] if len(cands) == 1 else None


def _short_named_division(name: str, flat: str) -> regions.Division | None:
    """The county or city a name starts with in its short form ('某某军用供应站' of 某某县), when only one
    division has that short name and the text also names the division above it (its province or
    prefecture, in full or short): a word that merely looks like a place ('光明', '东方') is no evidence."""
    for n in (3, 2):
        cands = [d for d in regions.name_index().get(name[:n], []) if regions.short_name(d.name) == name[:n]]
        if len(cands) != 1 or cands[0].level == "province":
            continue
        above = regions.ancestors(cands[0])
        if any(a.name in flat or (regions.short_name(a.name) or a.name) in flat for a in above):
            return cands[0]
    return None


def known_divisions_prefix(text: str) -> int:
    """How many leading characters of `text` are known division names, one after another
    ('安徽省宣城市转移支付' → 6; '广西某某补助资金' → 2; '体育强省…' → 0, no division is called 体育强省)."""
    end = 0
    index = regions.name_index()
    while True:
        # the longest known name here ('宣州区', not its short name '宣州' ending in the level word 州)
        step = max((n for n in range(2, min(10, len(text) - end + 1)) if text[end + n - 1] in "省市县区州盟旗"
                    and text[end: end + n] in index), default=0)
        if not step:
            break
        end += step
    if end == 0 and (m := _province_short_re().match(text)) and not DIVISION_NAME_RE.fullmatch(
            text[: m.end() + 1]):
        end = m.end()  # '广西城乡…' but not '安徽省' read as '安徽' + '省'
    return end


def _autonomous_short(word: str, d: regions.Division) -> bool:
    """'张家川县' for 张家川回族自治县: an autonomous county or banner printed with its level, without its peoples."""
    level = re.search(r"自治(县|旗)$", d.name)
    return bool(level) and word == f"{regions.short_name(d.name)}{level.group(1)}"


def nested_division(name: str) -> regions.Division | None:
    """The innermost division a name's leading chain of divisions names, each inside the one before
    ('某州某县某镇' → 某县 of 某州), when every step is one division; else None."""
    index = regions.name_index()
    end, parent, found = 0, None, None
    while True:
        step = max((n for n in range(2, min(10, len(name) - end + 1)) if name[end + n - 1] in "省市县区州盟旗"
                    and name[end: end + n] in index), default=0)
        if not step:
            return found
        word = name[end: end + step]
        # a full name, or an autonomous prefecture's short one ('某某州'); not a short name that is also
        # a historical one ('徽州' in a school's name)
        former = regions.former_county_names().get(word)
        cands = [d for d in index[word] if (d.name == word or (word.endswith("州") and d.name.endswith("自治州"))
                                            or d is former or _autonomous_short(word, d))
                 and (parent is None or any(a.code == parent.code for a in regions.ancestors(d)))]
        if len(cands) != 1:
            return found
        parent = found = cands[0]
        end += step


def _longest_printed(flat: str, name: str) -> str:
    """The longest form of a name the text prints with its divisions before it ('某省某县' + name)."""
    best = name
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,14}}){re.escape(name)}", flat):
        prefix = m.group(1)
        for cut in range(len(prefix)):
            head = prefix[cut:]
            if known_divisions_prefix(head) == len(head):
                if len(head) + len(name) > len(best):
                    best = head + name
                break
    return best


# a central department's name that is part of a word ('教育部门', '外交部长', '水利部分'): not followed by these
CENTRAL_NOT_AFTER = "门长分"
# the department as the subject of its own report: its name followed by publishing it ('某某总局19日在其官方
# 网站公布…', '某某部公布2024年度部门决算') or by its own money ('某某部去年公务接待费…', '某某署「三公经费」');
# not where it hands money down or is cited ('财政部下达…', '财政部关于…', '报财政部')
CENTRAL_SUBJECT_RE = re.compile(r"(?:今日|近日|昨日|日前|\d{1,2}日)?(?:在其|在官方|公布|公开|公示|发布|晒|去年|"
                                r"(?:(?:19|20)\d\d年度?)?(?:部门|本级)?(?:收支|决算|[「“\"]?三公))")


@lru_cache(maxsize=1)
def _central_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over every printed name of a central department (longest first), and the department
    each printed name belongs to."""
    owner = {v: d.name for d in regions.central_departments() for v in (d.name, *d.printed_as)}
    alternation = "|".join(map(re.escape, sorted(owner, key=len, reverse=True)))
    return re.compile(rf"(?:{alternation})(?![{CENTRAL_NOT_AFTER}])"), owner


# how far into a text the title or first sentence of a jurisdiction's own statement stands
STATEMENT_HEAD_CHARS = 300


def _jurisdiction_statement(division: str, head: str) -> bool:
    """'关于某区2013年“三公”经费决算支出情况说明', '某县本级2017年“三公”经费决算…': the head names the division
    right before the statement's subject (prose.yaml `jurisdiction_statement`), with no unit in between."""
    from ingest.templates import prose_vocabulary

    voc = prose_vocabulary().get("jurisdiction_statement", {})
    fillers = "|".join(map(re.escape, sorted(voc.get("fillers", []), key=len, reverse=True)))
    subjects = "|".join(map(re.escape, voc.get("subjects", [])))
    if not subjects:
        return False
    gap = rf"(?:(?:19|20)\d\d年度?|{fillers}|[“\"「『])*" if fillers else r"(?:(?:19|20)\d\d年度?|[“\"「『])*"
    return re.search(rf"{re.escape(division)}{gap}(?:{subjects})", head) is not None


def central_unit(flat: str) -> str | None:
    """The central department a text with no division reports on (a ministry's 决算, a news item on its
    “三公” spending: '某某总局19日在其官方网站公布…'): the department printed most often as the subject of
    its own report, when so printed near the head or more than once; its longest such printing is its name.
    None when no department is, or two are printed as often."""
    pattern, owner = _central_names()
    counts: Counter[str] = Counter()
    printed: dict[str, str] = {}
    first: dict[str, int] = {}
    for m in pattern.finditer(flat):
        if not CENTRAL_SUBJECT_RE.match(flat, m.end()):
            continue
        dept = owner[m.group(0)]
        counts[dept] += 1
        first.setdefault(dept, m.start())
        if len(m.group(0)) > len(printed.get(dept, "")):
            printed[dept] = m.group(0)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    dept, n = ranked[0]
    return printed[dept] if n >= 2 or first[dept] <= HEAD_CHARS else None


def extract_unit(text: str, lines: list[TextLine]) -> tuple[dict, list[dict]]:
    """The unit block of the Extraction and warnings for what stayed null."""
    warnings: list[dict] = []
    flat = re.sub(r"\s+", "", text)
    credit = CREDIT_RE.search(flat)
    any_code = (credit.group(1) or credit.group(2)) if credit else None
    # only a code printed as the 统一社会信用代码 is the unit's: an 索引号's is the publishing site's
    # organisation, which places the report but need not be the unit that reports
    credit_code = credit.group(1) if credit else None
    if any_code and not credit_code:
        warnings.append({"field": "unit.credit_code", "message": f"the page's 索引号 starts with the code "
                         f"{any_code} of its publisher; not taken as the unit's credit code"})
    credit_div = None
    if any_code and regions.lookup_code(any_code[2:8]):
        credit_div = any_code[2:8]
    unit_code_m = UNIT_CODE_RE.search(flat)
    unit_code = (unit_code_m.group(1) or unit_code_m.group(2)) if unit_code_m else None

    # a name inside a cited document's title (《某省商务厅某省财政厅关于印发…的通知》) is not the reporter
    unquoted = re.sub(r"《[^《》]{0,80}》", "", flat)
    full = find_full_names(unquoted)
    shorts = short_forms(unquoted)
    name: str | None = None
    div: regions.Division | None = None
    publisher_div: regions.Division | None = None
    if full:
        ranked = sorted(full.items(), key=lambda kv: (-kv[1], -len(kv[0][0])))
        (name, code), count = ranked[0]
        div = regions.lookup_code(code)
        # Prefer the form carrying 中共 when the report prints both.
        for (n2, c2) in full:
            if c2 == code and n2.startswith("中共") and n2.endswith(name[-3:]) and not name.startswith("中共"):
                name = n2
        others = [c for (n2, _), c in ranked[1:] if not (n2.endswith(name[-4:]) or name.endswith(n2[-4:]))]
        # the short form of the same name ('市民政局' for '某市民政局') is the report speaking of itself
        # (a short form is also counted inside each printing of the full name)
        support = count + sum(max(0, c - count) for sf, c in shorts.items() if name.endswith(sf[1:]) and sf[0] in name)
        if (others and others[0] >= count) or (support == 1 and flat.find(ranked[0][0][0]) > HEAD_CHARS):
            # two names printed as often, or one printed once deep in the text (a publisher, a
            # supervising department, a fund's source): who reports is unknown, not a guess
            warnings.append({"field": "unit.name", "message": f"the commonest full unit name '{name}' is not "
                             "clearly the reporting unit (tied, or printed once far from the head); left null"})
            # with no other unit's name beside it, its division still places the report as far as nothing else does
            # (a province's department printed once is as likely a funder or a cited notice)
            publisher_div = div if not others and div is not None and div.level != "province" else None
            name, div = None, None
    elif shorts:
        short, _ = shorts.most_common(1)[0]
        # the unit's own name is no evidence of where it is ('县国土资源局' holds 资源, a county's short name)
        div = best_division(short[0], region_evidence(flat.replace(short[1:], "")), credit_div, flat)
        if div is not None:
            name = unit_name_for(div, short, flat)
        else:
            warnings.append({"field": "unit.name", "message": f"only the short form '{short}' is printed and the "
                             "text gives no unambiguous division; left null"})
    # who reports is what the form's label or the report's title says; the commonest full name in the
    # text is often the publisher or the supervising department
    labelled = labelled_unit(lines) or title_unit(lines) or glued_labelled_unit(flat) or introduced_unit(lines) \
        or heading_unit(lines) or part_heading_unit(lines) or breadcrumb_unit(lines) or listed_unit(flat)
    if name and not labelled:
        name = _past_publisher(name, flat, warnings)
        if name is None:
            # where the publisher sits places the report, unless it is a province's department and the text
            # names a place inside the province clearly (the county the report is about)
            publisher_div, div = div, None
    if labelled and labelled != name and not (name and name.endswith(labelled)):
        labelled = _longest_printed(flat, labelled)
        own = find_full_names(labelled)
        if own:
            (_, code), _ = max(own.items(), key=lambda kv: len(kv[0][0]))
            div = regions.lookup_code(code)
        elif _named_division(labelled) is not None:
            div = _named_division(labelled)
        elif div is None or labelled[0] in LEVEL_CHARS + "省":
            # '市老干部休养所': the level its short form says, where the text names that level's division
            div = best_division(labelled[0] if labelled[0] in LEVEL_CHARS + "省" else None, region_evidence(flat),
                                credit_div, flat) or div
        name = labelled
    if name:
        name = LEADING_VERB_RE.sub("", name)  # '纳入某卫生院2022年度部门决算编制范围的…': the verb is the sentence's
    if name is None:
        publisher = metadata_publisher(lines)
        if publisher:
            # the last resort: the unit the page says published it, when nothing in the report names one
            warnings.append({"field": "unit.name", "message": f"no unit named in the report; '{publisher}' "
                             "is the publisher the page's metadata names"})
            name = _longest_printed(flat, publisher)
            own = find_full_names(name)
            if own:
                (_, code), _ = max(own.items(), key=lambda kv: len(kv[0][0]))
                div = regions.lookup_code(code)
    if div is None and name:
        # a name placed by nothing else: the division its own name starts with ('某某州卫生健康委员会')
        div = nested_division(name) or _named_division(name) or _short_named_division(name, flat)
    inner = nested_division(name) if name and div is not None else None
    if inner is not None and any(a.code == div.code for a in regions.ancestors(inner)):
        div = inner  # '某州某县某镇': the county inside the prefecture the name starts with
    if div is None and credit_div:
        div = regions.lookup_code(credit_div)
        level = name[0] if name and name[0] in LEVEL_CHARS else None
        if div is not None and div.name not in flat and _printed_rival(div, level, region_evidence(flat), flat):
            # the 索引号's code names a division the text never prints, and the text names another twice
            div = best_division(level, region_evidence(flat), None, flat)
    if div is None:
        # no name to place: the jurisdiction the text names in full most clearly (a 三公 statement of a
        # whole city, a report whose unit is named only by its short form)
        div = _clear_division(region_evidence(flat), flat)
        if publisher_div is not None and (div is None or publisher_div.level != "province" or publisher_div.code
                                          not in {a.code for a in regions.ancestors(div)}):
            div = publisher_div  # a city's or a county's finance bureau publishes its own jurisdiction's reports
    if div is None:
        # nor that: the jurisdiction the text's head names ('某省2021年某某资金绩效自评报告'), where the title
        # stands; the places a report's body names are the places its money went
        head = flat[:HEAD_REGION_CHARS]
        div = best_division(None, region_evidence(head), None, head)
        if div is not None:
            warnings.append({"field": "unit.region_code", "message": f"no unit's name places the report; it is "
                             f"placed in {div.name}, the jurisdiction its title names"})
    if name is None and div is not None and _jurisdiction_statement(div.name, flat[:STATEMENT_HEAD_CHARS]):
        warnings.append({"field": "unit.name", "message": f"no unit is named; the text is a statement of "
                         f"{div.name}'s own spending, so the jurisdiction is the unit"})
        name = div.name
    if name is None and div is None:
        # no division anywhere: a central department's report, under the name it is printed by
        name = central_unit(unquoted)
    if unit_code is None and name:
        # '100001-某县民政局机关': a budget unit code printed before the unit's name
        short = re.sub(r"^(?:中共)?(?:[\u4e00-\u9fff]{1,8}?[省市])?", "", name)
        m = re.search(rf"(?<![\dA-Z])(\d{{6}})[-－—](?:[\u4e00-\u9fff]{{0,8}}?){re.escape(short[:6])}", flat)
        if m:
            unit_code = m.group(1)
    aliases: list[str] = []
    for s, _ in shorts.most_common():
        if name and s != name and s not in aliases and name.endswith(s[1:]) and s[0] in name:
            aliases.append(s)
    if name:
        # '中共某县委组织部' → '组织部' (a party committee's department), not '…管理委员会' → '员会'
        party = re.match(r"^.*?[省市县区州旗盟]委(?!员会)", name)
        dept = name[party.end():] if party else None
        if dept and dept != name and dept in flat and dept not in aliases:
            aliases.append(dept)
    if name and INNER_OFFICE_RE.fullmatch(name):
        # '某某处财政支出项目绩效评价自评报告': an office inside a bureau signs, the bureau is the budget unit
        warnings.append({"field": "unit.name", "message": f"{name!r} is an office inside a unit, not a budget "
                         "unit; left null"})
        name, aliases = None, []
    if name is None and not any(w["field"] == "unit.name" for w in warnings):
        warnings.append({"field": "unit.name", "message": "no unit is named in full, by a label, a title or an "
                         "introduction; left null"})
    if div is None:
        warnings.append({"field": "unit.region_code", "message": "no division could be inferred from the text"})
    prov = None
    if name:
        for ln in lines:
            if name in re.sub(r"\s+", "", ln.text) or (aliases and aliases[0] in ln.text):
                prov = ln.provenance()
                break
    unit = {
        "name": name,
        "aliases": aliases,
        "region_code": div.code if div else None,
        "province": div.province if div else None,
        "prefecture": div.prefecture if div else None,
        "county": div.county if div else None,
        "unit_code": unit_code,
        "credit_code": credit_code,
    }
    if prov:
        unit["provenance"] = prov
    return unit, warnings


# a title that states its year and ends as a report, a form or a final-accounts document does
# a title over a span of years ('…2019年-2020年度绩效自评报告') evaluates the last of them
TITLE_YEAR_RE = re.compile(r"^[^，。；,;：:]{0,30}?((?:19|20)\d\d)年度?(?:[-—–~至到]((?:19|20)\d\d)年度?)?(?!\d{1,2}月)[^，。；,;]{2,40}?"
                           r"(?:报告|自评表|评价表|部门决算|单位决算|决算情况说明|决算公开)$")


BARE_YEAR_TITLE_RE = re.compile(r"^((?:19|20)\d\d)(?=[\u4e00-\u9fff])[^，。；,;]{2,50}?(?:报告|自评表|评价表)(?:\.\w{2,4})?$")


TOC_LINE_RE = re.compile(r"^\s*\S.{0,40}?[\u4e00-\u9fff）)]\s*\.{0,40}\s*\d{1,3}\s*$")


PROJECT_YEAR_RE = re.compile(r"((?:19|20)\d\d)年0?1月(?:0?1日)?起?[至\-—~－]*\1年12月(?:31日)?")


def form_printed_year(flat: str) -> int | None:
    """The year a form states for itself: its label ('项目年份 2017', '评价年度:2024') or the line under its
    title ('项目支出绩效自评表 |（2021年度）', or '财政项目支出绩效自评表' then '2020年度' without brackets)."""
    labelled = re.search(r"(?:项目年份|评价年度|所属年度)[:：|｜]*((?:19|20)\d\d)(?![\d.])", flat)
    if labelled:
        return int(labelled.group(1))
    under_title = re.search(r"(?:自评表|评价表|报告)[|｜]*(?:[（(]((?:19|20)\d\d)年度?[）)]|((?:19|20)\d\d)年度)", flat)
    if under_title:
        return int(under_title.group(1) or under_title.group(2))
    return None


def extract_fiscal_year(text: str) -> int | None:
    """The year evaluated: the year of '20XX年度' in titles and headings, else the commonest year."""
    # a table of contents ('第二部分 2022年度单位决算情况说明5') repeats headings with page numbers, and a
    # typo in it is no evidence against the body's year
    text = "\n".join(ln for ln in text.splitlines() if not TOC_LINE_RE.search(ln))
    # a form's blank for the year filled in by hand ('（ 20_20 年度 ）')
    text = re.sub(r"(?<!\d)(19|20)[_＿]+\s*(\d\d)(?=\s*年)", r"\1\2", text)
    flat = re.sub(r"\s+", "", text)
    printed = form_printed_year(flat)
    if printed:
        return printed
    # the report's own title line, near the top ('某县2021年某某资金绩效自评报告'), or its file's name, its year
    # printed without 年 ('2021某某补助资金_自评报告.pdf')
    for line in text.splitlines()[:15]:
        t = re.sub(r"\s+", "", line)
        m = TITLE_YEAR_RE.search(t)
        if m and len(t) <= 60:
            return int(m.group(2) or m.group(1))
        m = BARE_YEAR_TITLE_RE.match(t)
        if m and len(t) <= 60:
            return int(m.group(1))
    # a table comparing two years side by side ('项目及编号 2016年度 2017年度 增减值', '上年度 本年度 /
    # (2018年) (2019年)'): the report is on the later year
    for line in text.splitlines():
        years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年度?(?!\d{1,2}月)", line)]
        if len(line) <= 60 and not re.search(r"[，。；,;]", line) and len(years) == 2 and years[1] == years[0] + 1:
            # but '2015年决算和2016年预算情况表': a statement of the year's accounts beside the next year's budget
            planned = re.search(rf"{years[0]}年度?(?:\S{{0,24}}?)?决算.*{years[1]}年度?(?:\S{{0,6}})?预算", line)
            return years[0] if planned else years[1]
    # a project's period of one calendar year ('项目起止时间2016年1月起至2016年12月止'), the year a form evaluates
    period = PROJECT_YEAR_RE.search(flat)
    # a date ('发布日期：2022年11月04日') says when a page was published, not the year evaluated, and a
    # year compared with ('较2014年决算数增加') is not the year of the report
    flat = re.sub(r"(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?", "", flat)
    flat = re.sub(r"(?:较|比|同比|相比|与|上年度?|上一年度?)(?:19|20)\d\d年度?", "", flat)
    # a notice the report cites ('…开展2025年…绩效评价工作的通知') is dated by when it was issued
    flat = re.sub(r"(?:19|20)\d\d年(?!度)[^，。；]{0,40}?工作的通知", "", flat)
    # "2022年度项目支出绩效自评表", "2020年度部门决算": the year a report's own title says it evaluates
    kinds = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年度?(?:项目支出|部门整体|整体支出|部门决算|单位决算|"
                                               r"部门预算|绩效自评|绩效评价|三公|收入总计|支出总计|收支总计|收入支出决算)", flat))
    if kinds:
        return kinds.most_common(1)[0][0]
    titled = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年(?:度)?[^，。；,;]{0,40}?(?:绩效|决算|自评|评价|报告|自评表)", flat))
    if titled:
        return titled.most_common(1)[0][0]
    if period:
        return int(period.group(1))
    yearly = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年度", flat))
    if yearly:
        return yearly.most_common(1)[0][0]
    any_year = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年", flat))
    return any_year.most_common(1)[0][0] if any_year else None
