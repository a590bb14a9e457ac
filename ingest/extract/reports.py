"""Split a file into the reports it bundles and name each one's kind, title and project.

A title is a short line ending in 绩效自评报告 / 绩效评价报告 / 绩效报告 / 决算情况说明 (possibly broken
over two lines, possibly repeated on a cover page). Everything up to the next title belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.extract.text import TextLine, squash
from ingest.extract.unit import UNIT_TAIL_RE, known_divisions_prefix
from ingest.templates import prose_vocabulary

_TV = prose_vocabulary()["report_titles"]
# a bracketed tail after a title's ending ('…自评报告（X项目）'): it may hold one short bracket of its own
# ('文化馆（站）') and lose its closing bracket where the page cut the title
_BRACKETED = r"[（(]((?:[^（）()]|[（(][^（）()]{1,6}[）)]){2,60})(?:[）)]|$)"
_TAIL = rf"(?:{_BRACKETED})?$"
TITLE_END_RE = re.compile("(" + "|".join(_TV["report_endings"] + _TV["final_endings"]) + ")" + _TAIL)
FORM_TITLE_RE = re.compile("(?:" + "|".join(_TV["form_endings"]) + ")" + r"(?:[（(](?:19|20)\d\d年度?[）)])?$")
PART_RE = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*")
NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])")
YEAR_RE = re.compile(r"^(?:(?:19|20)\d\d年?度?[-—–~至到])?(?:19|20)\d\d年(?:度)?")  # or a span: "2018-2020年"
PROJECT_SUFFIX_RE = re.compile(r"(?:预算项目|项目)?(?:支出)?(?:绩效)?(?:自评|评价)?(?:情况)?的?报告$")


@dataclass
class Segment:
    """One report inside the file: its lines [start, end) and what its title says."""

    kind: str
    title: str | None
    project: str | None
    start: int
    end: int
    title_line: TextLine | None = None
    extra: dict = field(default_factory=dict)


def _kind_of(title: str) -> str:
    if ("决算" in title or "三公" in title or "财务" in title) and "绩效" not in title:
        return "final_accounts"
    fund_whole = re.search(f"(?:{'|'.join(_TV['fill_type_after'])})整体", title)
    if ("整体" in title and not fund_whole) or ("部门" in title and "项目" not in title):
        return "department_self_evaluation"
    if re.search("|".join(_TV["project_words"]), title):
        return "project_self_evaluation"
    return "department_self_evaluation"  # a unit's own '…2024年度绩效自评报告' names no project


# what a page prints before a title: a label ('标题：', '文档介绍：') or a breadcrumb ('首页>…>')
LABEL_PREFIX_RE = re.compile(r"^(?:[^：:>]{1,6}[：:]|.*[>＞])")
PAGE_LABEL_RE = re.compile(r"^(?:" + "|".join([*map(re.escape, _TV["page_labels"]), *_TV.get("page_label_patterns", [])])
                           + r")(?:\d{1,8}(?=[：:|｜]))?[：:|｜]*")  # '名称85224：X': an id between label and colon


def without_page_label(title: str) -> str:
    """'标题X…报告' → 'X…报告': a page's label before the article's title (whitespace already gone)."""
    rest = PAGE_LABEL_RE.sub("", title)
    if rest != title and re.search(r"[|｜]", rest):
        # a row of the page's metadata ('名称:|X|文号:|无'): the title is the label's own cell
        rest = _without_year_tail(re.split(r"[|｜]", rest)[0])
    return rest if len(rest) >= 6 else title
BRACKETED_PROJECT_RE = re.compile(_BRACKETED + "$")
TAIL_RE = re.compile(_BRACKETED + "$")


SPAM_PREFIX_RE = re.compile(r"^(?:[A-Za-z]|[^：:，。]{0,20}?(?:[A-Za-z]{2,}|\d{3,}(?![\d.]*年)))[^：:，。]{0,40}[：:](?=[\u4e00-\u9fff])")
# a document number bracketed after a title ('…评价报告（财某监〔2017〕94号）'): neither title nor project
DOC_NUMBER_TAIL_RE = re.compile(r"[（(][^（）()]{0,12}[〔\[［](?:19|20)\d\d[〕\]］]\d{1,4}号[）)]$")
BRACKETED_UNIT_RE = re.compile(r"(?:局|分局|中心|委员会|办公室|政府|学校|医院|所|站|院|馆|队)$")
FILL_TYPE_RE = re.compile(r"(?<=[\u4e00-\u9fff]{4})(?:" + "|".join(_TV.get("fill_types", [])) + r")$") \
    if _TV.get("fill_types") else re.compile(r"(?!)")


def project_from_title(title: str) -> str | None:
    """The project a title names: '2022年度X项目支出绩效自评报告' → X; '…自评报告（X）' → X; the unit and
    the year before it ('…局2023年度X…') are not part of it."""
    m = BRACKETED_PROJECT_RE.search(title)
    if m and BRACKETED_UNIT_RE.search(m.group(1)):
        # '…自评表（市场监管经开区分局）': the bracket names the unit that fills the form in
        title, m = title[: m.start()], None
    if m and not re.fullmatch(r"(?:19|20)\d\d年度?", m.group(1)) and TITLE_END_RE.search(title[:m.end()]) \
            and (TITLE_END_RE.search(title[:m.start()]) or FORM_TITLE_RE.search(title[:m.start()])):
        return YEAR_RE.sub("", m.group(1)) or None
    if m and not re.fullmatch(r"(?:19|20)\d\d年度?", m.group(1)) and m.group(0).endswith((")", "）")):
        return m.group(1)
    t = re.sub(r"^.{0,30}?关于(?:上报|报送|申报)?", "", FUND_LABEL_RE.sub("", SITE_SLOGAN_PREFIX_RE.sub("", title)))  # '关于上报2023年某某经费…的报告'
    t = re.sub(rf"^[\u4e00-\u9fff]{{2,30}}?(?:{UNIT_ENDINGS})(?:部门|单位|本级)?(?=(?:19|20)\d\d年)", "", t)
    if re.match(r"^转移支付(?:19|20)\d\d年", _without_jurisdiction(t)):  # '某区转移支付2022年度某某资金'
        t = _without_jurisdiction(t).removeprefix("转移支付")
    t = YEAR_RE.sub("", t)
    t = re.sub(r"^(?:19|20)\d\d(?=[\u4e00-\u9fff]{2})", "", t)  # '2020人口普查经费…': a year printed without 年
    # '2023年度某县某局部门某某重点项目…': the unit and its 部门 before the project's name
    t = re.sub(rf"^[\u4e00-\u9fff]{{2,30}}?(?:{UNIT_ENDINGS})(?:部门|单位)(?=[\u4e00-\u9fff]{{4}})", "", t)
    t = re.sub(r"[（(](?:19|20)\d\d年度?[）)]$", "", t)
    ending = TITLE_END_RE.search(t) or FORM_TITLE_RE.search(t)
    if ending and YEAR_RE.match(ending.group(0)):
        # an ending dated in itself ('…2023年度某某专项资金绩效自评情况'): the fund between the year and its
        # last words, the place before the year
        t = re.sub(r"(?:绩效自评|的?使用)情况$", "", YEAR_RE.sub("", ending.group(0)))
    elif ending:
        t = t[: ending.start()]
        t = QUALIFIER_RE.sub("", t)
        quoted = re.fullmatch(r"[“\"](.{4,40})[”\"]", t)
        if quoted:  # '关于“2021年某某补助资金”管理使用情况': the quoted fund, less its year
            t = YEAR_RE.sub("", quoted.group(1))
    t = re.sub(r"(?<=[\u4e00-\u9fff]{4})\d+(?:\.\d+)?万元(?=项目|$)", "", t)  # '某某执法经费4.8万元项目…': its amount
    t = PROJECT_SUFFIX_RE.sub("", t)
    t = re.sub(r"绩效单位$", "绩效", t)  # '某某项目支出绩效单位自评报告': the unit's own evaluation
    # '某某补贴项目资金绩效目标自评报告' evaluates the money, not its targets; '某某项目绩效再评价报告' re-evaluates it
    t = re.sub(r"绩效目标$|(?:绩效)?再$", "", t)
    t = re.sub(r"(?:重点项目|预算项目|项目)?(?:支出)?(?:绩效)?$", "", t)
    t = re.sub(r"(?:预算)?(?:执行|使用|实施)?情况$", "", t)  # '某资金预算执行情况…报告': the fund
    t = re.sub(r"(?<=[\u4e00-\u9fff]{2}(?:经费|资金|补贴|补助))项目资金$", "", t)  # '某某监管经费项目资金': money named twice
    t = re.sub(r"(?:(?:19|20)\d\d年度?[-—–~至到])?(?:19|20)\d\d(?:年度?)?$", "", t).strip(" ：:")  # or a span of years
    # '（某某救灾资金—第一批某某补助）转移支付': the fund a transfer's title brackets
    t = re.sub(rf"^(?:[\u4e00-\u9fff]{{2,30}}?(?:{UNIT_ENDINGS}))?[（(]([^（）()]{{4,40}})[）)](?:专项)?转移支付$", r"\1", t)
    # '中央某某公益金转移支付（某某助学工程项目）': the transfer's own project, in its brackets
    inner = re.fullmatch(r"[^（(]{4,}(?:转移支付|资金)[（(]([^（）()]{4,40}?(?:项目|工程))[）)]", t)
    if inner:
        t = inner.group(1)
    # '中央对地方转移支付（2024年某某救助资金（某财某〔2024〕579号））项目': the fund the transfer brackets,
    # less its year and the number of the notice that allocated it
    paid = re.fullmatch(r"(?:中央对地方)?(?:专项)?转移支付[（(](.{4,60})[）)](?:项目)?",
                        re.sub(r"[（(][^（）()]{0,12}[〔\[［](?:19|20)\d\d[〕\]］]\d{1,4}号[）)]", "", t))
    if paid and not re.search(r"[（）()]", paid.group(1)):
        t = YEAR_RE.sub("", paid.group(1))
    # the form's fill type ('…转移支付区域绩效目标自评表': 区域 / 整体 / 项目) is not part of the name
    t = FILL_TYPE_RE.sub("", t)
    # a year inside the name ('某市国家文物保护2020年度专项资金') dates the money, it does not name it
    # (not after a jurisdiction: '某县2021年X' is cut at the year later, with the jurisdiction)
    t = re.sub(r"(?<=[\u4e00-\u9fff])(?<![省市县区州盟旗])(?:19|20)\d\d年?度?(?=[\u4e00-\u9fff]{2})", "", t)
    # '某某补助经费转移支付' / '某某补助专项转移支付资金': the fund's name, less the kind of payment it travels as
    t = re.sub(r"(?<=经费|资金|补助|项目)(?:中央)?(?:专项)?转移支付(?=资金$|$)", "", t)
    t = re.sub(r"(?:绩效)?的$|绩效(?:评价|自评|使用|管理)(?:工作)?$", "", t)  # "关于X资金绩效的自评报告", "…资金绩效评价报告"
    # '某某工作经费专项资金财政支出': the fund, not the kind of money it is or the spending of it
    t = re.sub(r"(?<=[\u4e00-\u9fff]{2}(?:经费|资金))财政支出$", "", t)
    t = re.sub(r"(?<=[\u4e00-\u9fff]{2}经费)专项资金$", "", t)
    t = re.sub(r"(?<=项目)实施$", "", t)  # '某某项目实施绩效评价自评报告': the project, not its carrying out
    # '2020年预算项目支出（某某补贴）…': the budget's project, in its brackets
    t = re.sub(r"^(?:预算)?项目(?:支出)?[（(]([^（）()]{2,40})[）)]$", r"\1", t)
    t = re.sub(r"(?<=资金|经费|补助|补贴)(?:项目支出|项目|支出)$", "", t)  # '…奖励资金项目支出绩效评价自评报告'
    # '关于2023年度项目绩效自评工作的报告' names no project of its own
    if re.fullmatch(r"(?:部门|单位)?(?:项目)?(?:支出)?(?:绩效)?(?:单位)?(?:自评|评价)?(?:工作)?(?:情况)?", t):
        return None
    # '某盟草原生态保护补助资金…报告': the report's own jurisdiction before a fund's name
    rest = _without_jurisdiction(t)
    if rest != t and (len(rest) >= 6 and (rest.endswith(FUND_ENDINGS) or _is_province(t[: len(t) - len(rest)]))
                      or YEAR_RE.match(rest)):
        t = rest  # a province's own programme ('某省某某示范创建项目') is named without it
    # '某区2024年度转移支付某某补助资金': the year and the kind of payment after the jurisdiction
    t = GENERIC_PREFIX_RE.sub("", t).rstrip("_-—")  # a file name's joint ('某某建设_自评报告')
    return t if t and not is_generic_project(t) else None


UNIT_ENDINGS = "|".join(_TV["unit_endings_before_year"])
FUND_ENDINGS = ("资金", "经费", "补助", "补贴", "转移支付")
GENERIC_PREFIX_RE = re.compile(r"^(?:(?:19|20)\d\d年度?)?(?:" + "|".join(_TV.get("generic_prefixes", ["(?!)"]))
                               + r")?(?=[\u4e00-\u9fff“\"]{4})")
QUALIFIER_RE = re.compile(r"(?<=[\u4e00-\u9fff]{4})(?:" + "|".join(_TV.get("evaluation_qualifiers", ["(?!)"])) + ")$")


def _is_province(name: str) -> bool:
    from ingest import regions

    return any(d.level == "province" for d in regions.name_index().get(name, []))


def _without_jurisdiction(name: str) -> str:
    """'安徽省宣城市转移支付' → '转移支付': the division names (known ones only) a name starts with."""
    return name[known_divisions_prefix(name):]


def is_generic_project(name: str) -> bool:
    """Whether a name is a kind of money rather than a project: '安徽省某市转移支付' (a jurisdiction and a
    generic word), '某某中学专项资金' (a unit's name and a generic word)."""
    generic = _TV.get("generic_projects", [])
    bare = _without_jurisdiction(name)
    if bare in generic or bare.removesuffix("项目") in generic:  # '中央对地方转移支付项目' too
        return True
    for word in generic:
        head = name[: -len(word)] if name.endswith(word) else ""
        if len(head) >= 3 and UNIT_TAIL_RE.search(head):
            return True
    return False


INLINE_SECTION_RE = re.compile(r"(?<=[\u4e00-\u9fff]{6})(?:[（(]见附表[）)])?一、[\u4e00-\u9fff]{2,20}$")
# a title run into the report's first words on one line: the title is the part before them
GLUED_TITLE_RE = re.compile(r"^([^，。；：:、《》]{6,50}?(?:" + "|".join(_TV["report_endings"] + _TV["final_endings"])
                            + r")(?:[（(](?!目录|目次|参考格式|模板|范本|样本)[^（）()，。]{2,40}[）)])?)(?="
                            + "|".join(f"(?:{b})" for b in _TV.get("body_starts", [])) + ")") \
    if _TV.get("body_starts") else re.compile(r"(?!)")
GLUED_TITLE_LINES = 10
"""A glued title is looked for only among a text's first prose lines, where a report's title stands."""
# a text's first line that opens on a dated title and runs on into anything ('某小学2013年某某专项资金财政支出
# 绩效评价报告农村义务教育营养改善计划是…', '某县2016年某某建设绩效评价报告某县畜牧水产局2017年7月10日…')
LOOSE_TITLE_RE = re.compile(r"^([^，。；：:、《》]{6,50}?(?:" + "|".join(_TV["report_endings"] + _TV["final_endings"])
                            + r"))(?=\S)")


def glued_title(line: str, first_line: bool = False) -> str | None:
    """The title a line opens on where the report's first words run on after it ('某局…绩效自评报告一、项目
    概况…'), also after the page number a document site prints before each page's text ('1、某局…报告一、…');
    on a text's first line, any dated performance or accounts title, whatever follows it."""
    line = re.sub(r"^1[、.](?:1(?=[\u4e00-\u9fff]))?", "", line)  # and the page's own number after the mark ('1、 1 某…')
    m = GLUED_TITLE_RE.match(line)
    if m:
        return m.group(1)
    m = LOOSE_TITLE_RE.match(line) if first_line else None
    if m and re.search(r"(?:19|20)\d\d", m.group(1)) and re.search(r"绩效|决算", m.group(1)):
        return m.group(1)
    return None


# a bullet or an attachment number a page prints before a title ('•2020年…说明', '附件：1.X…自评表')
TITLE_MARK_RE = re.compile(r"^(?:[•·●◆■□▪\-–—*]+|附件[:：]?\s*(?:\d{1,2}(?:[.、．:：]|(?=[\u4e00-\u9fff])))?)\s*")


ESSAY_NUMBER_RE = re.compile(r"(?<=[告表明])篇\d{1,2}$")
# an essay site's count of the copies it collects under one title ('…自评报告(通用5篇)', '…报告（精选10篇）')
ESSAY_COLLECTION_RE = re.compile(r"(?<=[告表明])[（(](?:通用|精选|优选|汇总|优秀|热门|推荐|实用|最新|合集)?\d{1,2}篇[）)]$")
# a copying site's name and a bracketed slogan before a dated title ('某某网-【某某平台】2022年度某某资金…')
SITE_SLOGAN_PREFIX_RE = re.compile(r"^[^【】（）()]{0,30}【[^】]{1,20}】(?=(?:19|20)\d\d年)")
SITE_LABEL_RE = re.compile(r"^(?:[^：:，。]{0,8}[：:])?[\u4e00-\u9fff]{2,16}?(?:报告|自评表)[（(]\d{1,3}[）)]"
                           r"(?=[\u4e00-\u9fff]{2,}.*(?:报告|自评表|说明)$)")
TITLE_MAX = 64
"""The longest a title runs (a unit, a fund's full name in brackets, a transfer and a year: about 60)."""


# a label of the kind of money before a title ('(直达资金)某某工程项目2020年度绩效自评报告'), part of it
FUND_LABEL_RE = re.compile(r"^[（(][\u4e00-\u9fff]{2,8}[）)](?=[\u4e00-\u9fff])")


def find_titles(lines: list[TextLine]) -> list[tuple[int, str, TextLine]]:
    """(line index, title, line) of every report title, cover-page repeats dropped."""
    found: list[tuple[int, str, TextLine]] = []
    prose = [(i, ln) for i, ln in enumerate(lines) if ln.text and not ln.cell]
    used: set[int] = set()
    for k, (i, ln) in enumerate(prose):
        if i in used:
            continue
        # a page number before the title, apart from its year (' 8 2018 年农业保险项目绩效评价报告')
        text = re.sub(r"^\s*\d{1,3}\s+(?=(?:19|20)\d\d\s*年)", "", ln.text)
        t = without_page_label(squash(PART_RE.sub("", text)).strip("|｜").lstrip("•●▪◆■·"))  # a list's bullet
        t = SPAM_PREFIX_RE.sub("", t)  # a copying site's own name before the title ('abc体育-登陆|官网：某局…')
        t = re.sub(r"^(?:PAGE\s*\d+)+", "", t)  # a word processor's page-number fields printed as text
        t = re.sub(r"^PAGE[\s\-]*\d{1,3}[\s\-]*PAGE(?=(?:19|20)\d\d)", "", t)  # or as 'PAGE-11-PAGE' before a year
        # a site's column in lenticular brackets ('【政策与标准】某市…报告') or the day it posted ('2022年10月28日某区…')
        t = re.sub(r"^【[^】]{1,12}】|^(?:19|20)\d\d年\d{1,2}月\d{1,2}日(?=[\u4e00-\u9fff])", "", t)
        t = FILE_EXT_RE.sub("", t)  # a document site prints the file's name: '某某绩效评价报告.docx'
        t = ESSAY_NUMBER_RE.sub("", t)  # an essay site's number after a title it collects ('…报告 篇1')
        t = ESSAY_COLLECTION_RE.sub("", t)
        # a title run into the first section's heading ('…部门决算报表（见附表）一、收入支出决算总表')
        t = INLINE_SECTION_RE.sub("", t)
        # a title run into its first words: the first title, or the document's own after the page's
        # (a document site's file name); a site prints each page's text after its number ('1、…')
        first_words = not found or (len(found) == 1 and found[0][0] <= PAGE_TITLE_LINES)
        glued = glued_title(t, first_line=k == 0) if first_words and k < GLUED_TITLE_LINES and len(t) > 50 else None
        if glued:
            t = glued
        # a document site's label with its number before the document's own title ('…评价报告(2)某县…报告')
        t = SITE_LABEL_RE.sub("", t)
        if k == 0 and NUMBERED_RE.match(t) and TITLE_END_RE.search(t):
            # a document that opens on its first numbered table ('一、2016年“三公”经费决算表'): its title
            t = NUMBERED_RE.sub("", t)
        if len(TAIL_RE.sub("", t)) > TITLE_MAX or "。" in t or "，" in t or NUMBERED_RE.match(t) \
                or (t.startswith(("（", "(", "注")) and not FUND_LABEL_RE.match(t)):
            continue
        title = None
        if TITLE_END_RE.search(t):
            title = t
        elif k + 1 < len(prose):
            j, nxt = prose[k + 1]
            t2 = squash(nxt.text)
            if j - i <= 3 and len(t2) <= 20 and TITLE_END_RE.search(t2) and "：" not in t and len(t) <= 36 and \
                    not PART_RE.match(nxt.text) and not PART_RE.match(ln.text.strip()) and not NUMBERED_RE.match(t2) and (
                    re.match(r"^(?:关于)?[\u4e00-\u9fff]{0,12}?(?:19|20)\d\d年", t)
                    or re.search(r"(项目|支出|经费|资金|专项|费用|补助|补贴|工程)[”\"]?$", t)):
                title = t + t2
                used.add(j)
        if title is None:
            continue
        if k + 1 < len(prose) and prose[k + 1][0] - i <= 2 and not TAIL_RE.search(title):
            # '…自评报告' over '（某某专项经费）': the project the title names, printed on the next line
            nxt_t = squash(prose[k + 1][1].text).strip("|｜")
            bracket = re.fullmatch(r"[（(]([^（）()]{2,40})[）)]", nxt_t)
            if bracket and not re.fullmatch(r"(?:19|20)\d\d年度?|(?:金额)?(?:单位[:：])?(?:万元|元|亿元)", bracket.group(1)):
                title += nxt_t
                used.add(prose[k + 1][0])
        if re.match(r"^附件", title) and found and not _has_content(lines[found[-1][0] + 1:i]):
            continue  # '附件：X报告' under a page's title, before its body: a link to a file, not a report here
        title = DOC_NUMBER_TAIL_RE.sub("", TITLE_MARK_RE.sub("", title))
        unit_above = ""
        if not YEAR_IN_RE.search(title):
            above = _head_lines(prose, k, used, found[-1][0] if found else -1)
            # (a cover that prints the unit, year and project, then the project again over the title's ending
            # — '某镇人民政府2023年某某项目' / '某某项目' / '绩效评价报告': the title is the lines below)
            title = title if len(t) >= 4 and above.endswith(t) else above + title
        elif _kind_of(title) == "final_accounts" and "三公" not in title and k > 0 and re.match(r"(?:19|20)\d\d", title):
            unit_above = _unit_line_above(prose[k - 1], i, used, found[-1][0] if found else -1)
            title = unit_above + title
        head = TITLE_END_RE.sub("", title)
        if len(title) <= 4 or title.startswith(("附件", "附表")) or (
                len(re.findall(r"[\u4e00-\u9fff]", head)) < 2 and not re.match(r"(?:19|20)\d\d年", head)):
            continue
        base = _title_base(title)
        if found and _title_base(found[-1][1]) == base \
                and (not _has_content(lines[found[-1][0] + 1:i]) or PAGE_LABEL_RE.match(squash(found[-1][2].text))):
            # the cover page (or the page's own title, or its metadata's '名称：' line) repeats the title:
            # keep the fuller one
            found[-1] = (i, title if len(title) >= len(found[-1][1]) else found[-1][1], ln)
            continue
        file_name = len(found) == 1 and bool(FILE_EXT_RE.search(squash(found[0][2].text)))
        if len(found) == 1 and found[0][0] <= PAGE_TITLE_LINES \
                and (_kind_of(found[0][1]) == _kind_of(title) or file_name) \
                and not _has_content(lines[found[0][0] + 1:i]) and not PART_RE.match(ln.text.strip()):
            # the web page's own title (or a document site's file name, whatever kind its words suggest),
            # then the document's (in other words) after the page's metadata:
            # one report, under the document's title, keeping the project the page's title brackets (a
            # part's heading, '第二部分 …决算情况说明', is a section of the document, not its title)
            if not TAIL_RE.sub("", title).endswith("表"):  # a table's heading is not the document's title
                tail = TAIL_RE.search(found[0][1])
                page = found[0][1]
                # the page's title that is the document's with the unit and year before it stays the fuller one
                # (weighed without a unit's name joined from the line above: the page's title prints its own)
                pb, tb = _title_base(page), _title_base(title[len(unit_above):])
                undisclosed = re.sub(r"(?:公开|公示)$", "", tb)  # '某园2021年度部门决算' over '2021年度部门决算公开'
                if not pb.endswith(tb) and pb.endswith(undisclosed):
                    tb = undisclosed
                # the document's title may name only its division where the page's names the unit in it
                # ('某县2021年度部门整体支出…' under '某县某某服务中心2021年度部门整体支出…')
                tb = tb if pb.endswith(tb) else tb[known_divisions_prefix(tb):]
                extra = re.sub(r"(?:19|20)\d\d$", "", pb[:-len(tb)]) if tb and pb.endswith(tb) else ""
                # the unit printed before the same words, or the page's title whole where the document's is its
                # last line only ('…某某路(某段)' over '工程项目2020年度绩效自评报告')
                # (or whose own words name nothing: '预算项目支出绩效评价报告' under the page's '某市某某服务预算…')
                fuller = len(extra) >= 3 and (UNIT_TAIL_RE.search(extra) or re.match(r"(?:工程|项目|专项)", tb)
                                              or (_kind_of(tb) == "project_self_evaluation"
                                                  and len(project_from_title(tb) or "") <= 2
                                                  and project_from_title(pb) is not None))
                found[0] = (i, page if fuller else title + (tail.group(0) if tail and not TAIL_RE.search(title) else ""), ln)
            continue
        if found and _kind_of(found[-1][1]) == _kind_of(title) == "project_self_evaluation" \
                and project_from_title(found[-1][1]) is None and project_from_title(title) \
                and not _has_content(lines[found[-1][0] + 1:i]):
            # an umbrella title ('某局2022年度项目支出绩效单位自评报告') right over the report's own: one report
            found[-1] = (i, title, ln)
            continue
        found.append((i, title, ln))
    return found


DATE_RE = re.compile(r"(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?")
TITLE_FRAGMENT_RE = re.compile(r"[\u4e00-\u9fff（）()“”\"\d]{2,30}")
YEAR_IN_RE = re.compile(r"(?:19|20)\d\d年")


def _head_lines(prose: list[tuple[int, TextLine]], k: int, used: set[int], after: int) -> str:
    """The lines a yearless title's last line continues ('某市人民法院2021年度' / '一般公共预算及政府性
    基金财政' / '拨款“三公”经费支出决算情况说明'): up to two short fragments right above it, the first
    of them holding the year, none a sentence or a title of its own; '' when there are none. (A unit's
    name alone on the line above a title that holds its year is not part of the title.)"""
    frags: list[str] = []
    line = prose[k][0]
    for back in (1, 2):
        if k - back < 0:
            break
        j, ln = prose[k - back]
        t = squash(ln.text)
        if j in used or j <= after or line - j > 2 or not TITLE_FRAGMENT_RE.fullmatch(t) or TITLE_END_RE.search(t) \
                or DATE_RE.fullmatch(t):  # a date above the title is when it was written, not part of it
            break
        frags.insert(0, t)
        line = j
    while frags and not YEAR_IN_RE.search(frags[0]):
        frags.pop(0)
    return "".join(frags)


def _unit_line_above(above: tuple[int, TextLine], line: int, used: set[int], after: int) -> str:
    """The unit's name a 决算 document's heading prints on the line right above its year ('重庆市某区某局'
    over '2023年度部门决算情况说明', or a blank line apart on a page that parts every line so): the first
    line of a heading wrapped in two, so part of the title; '' when the line above is anything else. (A “三公”
    statement's heading under its unit, '某镇人民政府' over '2021年“三公”经费决算汇总情况', is a table's
    heading under the page's publisher, and is read alone.)"""
    j, ln = above
    t = squash(ln.text).strip("|｜")
    if line - j > 2 or j in used or j <= after or not 4 <= len(t) <= 40 or re.search(r"\d|[，。：:|｜]", t):
        return ""
    return t if UNIT_TAIL_RE.search(re.sub(r"[（(][^（）()]{1,8}[）)]$", "", t)) else ""


FILE_EXT_RE = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et)$", re.IGNORECASE)
PAGE_TITLE_LINES = 2
"""A web page prints its own title in its first lines, above the metadata and the document."""


def _title_base(title: str) -> str:
    """A title without its bracketed tail, inner brackets and quotes, and with its year as a bare year: a
    page that repeats a title ('…2022年度项目绩效自评报告（X）' then '…2022项目绩效自评报告') repeats this."""
    base = re.sub(r"((?:19|20)\d\d)年度?", r"\1", TAIL_RE.sub("", title))
    return re.sub(r"[（）()“”\"]", "", base)  # '某资金（某某）2021年…' printed again without its brackets


def _same_report(a: str, b: str) -> bool:
    """'2019年度项目绩效自评报告（X项目）' and '某局2019年度项目绩效自评报告（X项目）': one report, its title
    printed once with the unit before it and once without."""
    ta, tb = TAIL_RE.search(a), TAIL_RE.search(b)
    if not (ta and tb and ta.group(0) == tb.group(0)):
        return False
    base_a, base_b = _title_base(a), _title_base(b)
    return base_a.endswith(base_b) or base_b.endswith(base_a)


def _covers(letter: str, title: str) -> bool:
    """Whether `letter` is the cover letter ('关于上报…的报告') that sends the project report `title`."""
    if not re.search(r"关于(?:上报|报送|呈报|提交)", letter) or _kind_of(letter) != "project_self_evaluation" \
            or _kind_of(title) != "project_self_evaluation":
        return False
    project = project_from_title(title)
    return bool(project) and project == project_from_title(letter)


def _has_content(lines: list[TextLine]) -> bool:
    """Whether the lines hold a sentence of a report (a document site's notice that a member shared the file
    is none)."""
    return any("。" in ln.text and not SITE_NOTICE_RE.search(ln.text) for ln in lines)


SITE_NOTICE_RE = re.compile("|".join(_TV.get("site_notices", [])) or "(?!)")


def split_reports(lines: list[TextLine]) -> list[Segment]:
    titles = find_titles(lines)
    segs: list[Segment] = []
    if not titles:
        # a file that is only a 项目支出绩效自评表: the form's title is the report's title
        for ln in lines:
            t = re.split(r"填报单位|单位名称|编制单位|文号", without_page_label(squash(ln.text).strip("|｜")))[0]
            if not ln.cell and t and len(t) <= 40 and FORM_TITLE_RE.search(t) and not NUMBERED_RE.match(t):
                kind = _kind_of(t)
                seg = Segment(kind, t, None, 0, len(lines), ln)
                project = project_from_title(t) if kind == "project_self_evaluation" else None
                if project and len(project) >= 4 and not re.search(r"[（(]", project) \
                        and project.endswith(tuple(_TV["project_name_ends"])):
                    # the form's title names its fund ('2021年某转移支付区域绩效目标自评表'): the project
                    # when the form's own 项目名称 names none
                    seg.extra["title_project"] = project
                return [seg]
        head = " ".join(ln.text for ln in lines[:40])
        # a report with no title is about a project when its first section is the project's
        # ('一、项目基本情况'), whatever its sentences say about 部门整体支出 evaluations in general
        project_first = any(re.match(r"^\s*[一1][、.．]\s*项目", ln.text) for ln in lines[:40])
        # the sections of a 部门决算 explanation ('二、部门决算情况说明', '收入支出决算总体情况') make it one,
        # whatever it says of 项目支出 and 绩效 further on
        final_sections = re.search(r"部门决算情况说明|收入支出决算总体情况|纳入本部门[^。]{0,12}决算编制", head)
        # ('开展了2022年度部门预算绩效自评工作': the department's own evaluation of its budget)
        kind = "department_self_evaluation" if re.search(r"部门整体|整体支出|部门(?:预算)?绩效自评", head) \
            and not project_first else (
            "final_accounts" if final_sections or ("决算" in head or "三公" in head)
            and ("项目支出" not in head or "绩效" not in head)
            and "自评" not in head else "project_self_evaluation")  # a text scoring itself (自评) evaluates
        return [Segment(kind, None, None, 0, len(lines))]
    # "第二部分 …决算情况说明" after a final-accounts title is a part of that document, not a second report
    titles = [t for n, t in enumerate(titles)
              if not (n > 0 and PART_RE.match(t[2].text) and _kind_of(t[1]) == "final_accounts"
                      and _kind_of(titles[n - 1][1]) == "final_accounts")]
    titles = [(i, LABEL_PREFIX_RE.sub("", title), ln) for i, title, ln in titles]
    # a unit reports once per year on itself: a second department-wide (or final-accounts) title of the
    # same kind is the same report printed again (cover page, page title, heading), not another report
    kept: list[tuple[int, str, TextLine]] = []
    for t in titles:
        if _kind_of(t[1]) != "project_self_evaluation" and any(_kind_of(k[1]) == _kind_of(t[1]) for k in kept):
            continue
        same = next((j for j, k in enumerate(kept) if _title_base(k[1]) == _title_base(t[1])), None)
        if same is not None:
            # a project report's title printed again (the page's title, its metadata, the document's):
            # one report, under the fuller printing
            if len(t[1]) > len(kept[same][1]):
                kept[same] = (kept[same][0], t[1], t[2])
            continue
        if any(_same_report(k[1], t[1]) for k in kept):
            continue
        if any(_kind_of(k[1]) == _kind_of(t[1]) == "project_self_evaluation" and project_from_title(k[1])
               and _project_stem(project_from_title(k[1])) == _project_stem(project_from_title(t[1]))
               and not _has_content(lines[k[0] + 1:t[0]]) for k in kept):
            continue  # the page's title, the cover's and the document's, worded apart, over one project report
        letter = next((j for j, k in enumerate(kept) if _covers(k[1], t[1])), None)
        if letter is not None:
            # '某局关于上报2021年X绩效自评情况的报告' over the report itself ('某市2021年X绩效自评报告'): one
            # report, under its own title
            kept[letter] = (kept[letter][0], t[1], t[2])
            continue
        if kept and _kind_of(t[1]) == "department_self_evaluation" and not re.search(r"整体|部门|单位", t[1]):
            continue  # '某区2021年度绩效自评报告' after the report's own title: a heading, not a unit's report
        kept.append(t)
    for n, (i, title, ln) in enumerate(kept):
        end = kept[n + 1][0] if n + 1 < len(kept) else len(lines)
        start = 0 if n == 0 else i
        kind = _kind_of(title)
        project = project_from_title(title) if kind == "project_self_evaluation" else None
        if kind == "department_self_evaluation" and not re.search(r"整体", title):
            named = _project_after_unit(title)
            if named:
                # '某市某某中心某某监测2019年度绩效自评报告': the unit, then what it evaluated
                kind, project = "project_self_evaluation", named
            elif not re.search(r"部门|单位", title) and any(
                    re.match(r"^\s*[一1][、.．]\s*项目", x.text) for x in lines[i + 1: i + 12]):
                kind = "project_self_evaluation"  # '某中心2016年预算支出绩效评价报告' opening on '一、项目概况'
        if kind == "project_self_evaluation" and (project is None or is_generic_project(project)) \
                and _department_form_below(lines[start:end]):
            # '某委2021年度预算资金绩效自评公开' over its '部门整体绩效目标自评表': the unit's report
            kind, project = "department_self_evaluation", None
        segs.append(Segment(kind, title, project, start, end, ln))
    return segs


def _without_year_tail(title: str) -> str:
    """'…自评表（2024年度）' → '…自评表': the year a page's metadata prints after a form's title."""
    return re.sub(r"[（(](?:19|20)\d\d年度?[）)]$", "", title)


UNIT_PREFIX_RE = re.compile(r"^[\u4e00-\u9fff]{2,20}?(?:局|中心|委员会|办公室|院|站|所|馆|队|厅|校)(?=[\u4e00-\u9fff]{4})")


def _project_after_unit(title: str) -> str | None:
    """What a title names between its unit (a division's, printed first) and its year or ending, when that
    is not another unit: '某县某局某某设施运营部门评价报告' → 某某设施运营."""
    m = UNIT_PREFIX_RE.match(title)
    if not m or known_divisions_prefix(m.group(0)) == 0:
        return None
    named = project_from_title(title[m.end():])
    if not named or len(named) < 4 or UNIT_TAIL_RE.search(named) or re.search(r"部门|单位|整体|机关", named):
        return None
    return named


def _project_stem(name: str | None) -> str:
    """'某某工作经费项目' → '某某工作': a project's name less the words for money and project at its end."""
    return re.sub(r"(?:项目|经费|专项资金|资金|专项)+$", "", name or "")


def _department_form_below(lines: list[TextLine]) -> bool:
    """Whether a line of these is the title of a department-wide form ('2021年部门整体绩效目标自评表')."""
    for ln in lines:
        t = squash(ln.text)
        if len(t) <= 40 and FORM_TITLE_RE.search(t) and _kind_of(t) == "department_self_evaluation" \
                and re.search(r"部门整体|整体支出", t):
            return True
    return False
