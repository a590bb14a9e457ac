"""Tables glued into one run of text: cells cut back out at the vocabulary's words and at figures.

Doc-sharing sites and some exports print a whole 自评表 as one run with no separator between cells
('三级指标年度指标值实际完成值分值得分…数量指标更新音响设备50件50件2020…'). The run is cut before and
after every word the form vocabulary knows (header words, level words, head labels, footer words),
and each figure (with the measure word printed after it) is cut from the text around it. The cells
that come out go to the same form reader as any other flattening; figures glued to each other
('2020' for 分值 20 and 得分 20) are split there, where the columns are known.
"""

from __future__ import annotations

import re

from ingest.templates import Vocabulary, vocabulary

# a sentence mark a glued table's text cells rarely hold in such numbers
SENTENCE_RE = re.compile(r"[。；;]")


# compiled patterns per vocabulary object; the object is kept beside its patterns, so its id cannot be
# reused by another vocabulary while the entry lives (tests compile made-up variants)
_COMPILED: dict[tuple[int, str], tuple[Vocabulary, re.Pattern[str]]] = {}


def _cached(vocab: Vocabulary, name: str) -> re.Pattern[str] | None:
    hit = _COMPILED.get((id(vocab), name))
    return hit[1] if hit is not None and hit[0] is vocab else None


def _store(vocab: Vocabulary, name: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    _COMPILED[(id(vocab), name)] = (vocab, pattern)
    return pattern


def _column_words(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(w for block in (vocab.money, vocab.indicators) for syn in block.synonyms.values() for w in syn)


def bracket_tolerant(word: str) -> str:
    """A pattern for a form's word of four characters or more that lets a bracketed note stand inside it
    ('转移支付(项目)名称', '专项(项目)名称')."""
    inner = r"(?:[（(][^（）()]{1,6}[）)])?"
    return inner.join(map(re.escape, word)) if len(word) >= 4 else re.escape(word)


def _known_words_re(vocab: Vocabulary) -> re.Pattern[str]:
    if (hit := _cached(vocab, "words")) is not None:
        return hit
    words: set[str] = set(_column_words(vocab))
    words.update(vocab.total_rows)
    words.update(vocab.end_rows)
    words.update(vocab.level1)
    words.update(vocab.level2)
    words.update(vocab.block_labels)
    for labels in vocab.head.values():
        words.update(labels)
    # a header word may carry its unit or points in brackets: 年初预算数(万元), 产出指标(50分)
    alt = "|".join(bracket_tolerant(w) for w in sorted(words, key=len, reverse=True) if w)
    return _store(vocab, "words", re.compile(rf"(?:{alt})(?:\s*[（(][^（）()]{{0,10}}[）)])?"))


def _figure_re(vocab: Vocabulary) -> re.Pattern[str]:
    if (hit := _cached(vocab, "figures")) is not None:
        return hit
    units = vocab.glued.get("units", ["%"])
    comparators = sorted((w for w, sym in vocab.comparators.items() if sym), key=len, reverse=True)
    comp_alt = "|".join(re.escape(w) for w in comparators)
    suffixes = sorted(vocab.glued.get("figure_suffixes", []), key=len, reverse=True)
    suffix_alt = "|".join(re.escape(w) for w in suffixes) or "(?!)"
    # a measure word that is the first character of a word after the digits ('22分配过程': 分值 and 得分
    # 2 and 2, then 分配过程) is that word's, not the figure's
    starts = sorted(vocab.glued.get("words_after_digits", []), key=len, reverse=True)
    not_a_word = "(?!" + "|".join(re.escape(w) for w in starts) + ")" if starts else ""
    unit_alt = not_a_word + "(?:" + "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True)) + ")"
    after = vocab.glued.get("text_after_digits", [])
    after_alt = "|".join(re.escape(u) for u in sorted(after, key=len, reverse=True)) or "(?!)"
    # a figure: optional comparator, digits, optional decimals, optional measure word; not digits
    # that a date or an ordinal continues ('2021年', '11月'), nor digits inside a name ('指标1：')
    return _store(vocab, "figures", re.compile(rf"(?<![\d.A-Za-z(（])(?:{comp_alt})?\d+(?:\.\d+)?(?:(?:{unit_alt})(?:{suffix_alt})?|(?!\d|\.\d|{after_alt}|[:：)）]))"))


def known_word_count(text: str, vocab: Vocabulary | None = None) -> int:
    """How many vocabulary words (of two characters or more besides short ones next to others) a run
    holds."""
    vocab = vocab or vocabulary()
    return sum(1 for _ in _word_spans(text, vocab))


def _word_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _known_words_re(vocab).finditer(text)]
    # a column word (目标值, 完成情况, 得分) or any two-character word counts only beside another
    # word, as in a header row: alone it is more often part of a cell's text ('达成目标值')
    columns = _column_words(vocab)
    keep: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(spans):
        word = re.sub(r"[（(].*$", "", text[a:b])
        if b - a > 2 and word not in columns:
            keep.append((a, b))
            continue
        near = (k > 0 and spans[k - 1][1] == a) or (k + 1 < len(spans) and spans[k + 1][0] == b)
        if near:
            keep.append((a, b))
    return keep


def is_glued_table(text: str, vocab: Vocabulary | None = None) -> bool:
    """A long run with no separators that holds several of the form's words."""
    vocab = vocab or vocabulary()
    t = glued_text(text)
    if len(t) < int(vocab.glued.get("min_length", 30)) or re.search(r"\s{2,}|\t|[|｜]", t):
        return False
    return len(_word_spans(t, vocab)) >= int(vocab.glued.get("min_words", 3))


def continues_glued_table(text: str, vocab: Vocabulary | None = None) -> bool:
    """A short line right after a glued table that opens on one of the form's words ('质量指标验收合格率
    100%100%'): the table's next row, glued like the rows before it though too short to tell by itself."""
    vocab = vocab or vocabulary()
    t = text.strip()
    if not t or re.search(r"\s|[|｜]", t) or SENTENCE_RE.search(t):
        return False  # a row its spaces or bars cut into cells is no glued row
    spans = _word_spans(t, vocab) or [(m.start(), m.end()) for m in _known_words_re(vocab).finditer(t)]
    if spans and spans[0][0] == 0 and spans[0][1] < len(t):
        return True
    # a row under the level words of the rows above it: its name with its figures glued on
    # ('资金到位率100%100%1010', '资料归档规范性规范规范55'), short, none of its figures a year or a date
    return bool(GLUED_ROW_RE.match(t)) and len(t) <= GLUED_ROW_CHARS and not DATE_RE.search(t)


# a glued row that starts with its indicator's name: a few characters of text, then a figure
GLUED_ROW_RE = re.compile(r"^[\u4e00-\u9fff（）()、]{2,30}?[<>≥≤≧≦＞＜=]?\d")
GLUED_ROW_CHARS = 60
DATE_RE = re.compile(r"(?:19|20)\d\d年|\d{1,2}月\d{1,2}日")


def _placeholder_re(vocab: Vocabulary) -> re.Pattern[str]:
    if (hit := _cached(vocab, "placeholders")) is not None:
        return hit
    alt = "|".join(f"(?:{p})" for p in vocab.glued.get("placeholders", [])) or "(?!)"
    return _store(vocab, "placeholders", re.compile(alt))


def _figures(segment: str, vocab: Vocabulary) -> list[str]:
    """A stretch between known words, cut into text and figures (row placeholders dropped)."""
    segment = _placeholder_re(vocab).sub("", segment)
    # amounts printed to the fen and run together ('2300000.002300000.00'): each ends two digits after
    # its point, where more digits with a point of their own follow
    segment = GLUED_FEN_RUN_RE.sub(lambda m: GLUED_FEN_RE.sub(r"\1 ", m.group(0)), segment)
    out: list[str] = []
    pos = 0
    for m in _figure_re(vocab).finditer(segment):
        before = segment[pos:m.start()]
        if before.strip(" ,，、:："):
            out.append(before.strip())
        out.append(m.group(0))
        pos = m.end()
    rest = segment[pos:]
    if rest.strip(" ,，、:："):
        out.append(rest.strip())
    return out


GLUED_FEN_RE = re.compile(r"(\d\.\d\d)(?=\d)")
# a run of digits with two points or more, each figure to the fen ('320.55320.55288.501090%'): every figure
# ends two digits after its point, the last one too ('288.50', then '1090%')
GLUED_FEN_RUN_RE = re.compile(r"\d+\.\d\d\d*\.\d[\d.]*")

# a page mark a doc-sharing site puts where a page of the original began ('2、灯光、道具…')
PAGE_MARK_RE = re.compile(r"^\d{1,2}、(?=\S)")
# a space the site left inside a cell's text ('满意度 指标', '服装 质量等')
INNER_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff、，,（）()%％]) (?=\S)|(?<=\S) (?=[\u4e00-\u9fff、，,（）()])")


def glued_text(text: str) -> str:
    """A glued run without its page mark and the single spaces inside its cells."""
    return INNER_SPACE_RE.sub("", PAGE_MARK_RE.sub("", text.strip()))


# a scoring sheet's level printed with its points ('项目决策(25分)'): its name is the last few characters
# before the bracket, as the row before it may run into it ('资金均衡项目管理(15分)')
GLUED_LEVEL_RE = re.compile(r"[\u4e00-\u9fff]{2,4}[（(]\d+(?:\.\d+)?分[）)]")


def _cell_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Known words and pointed levels, in order, without overlaps (a known word wins)."""
    spans = _word_spans(text, vocab)
    for m in GLUED_LEVEL_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def split_glued(text: str, vocab: Vocabulary | None = None) -> list[str]:
    """The cells of a glued run: known words and pointed levels on their own, figures cut from the text
    around them."""
    vocab = vocab or vocabulary()
    text = glued_text(text)
    out: list[str] = []
    pos = 0
    for a, b in _cell_spans(text, vocab):
        if a > pos:
            out.extend(_figures(text[pos:a], vocab))
        out.append(text[a:b])
        pos = b
    if pos < len(text):
        out.extend(_figures(text[pos:], vocab))
    return [p for c in out if c for p in _name_and_text_values(c)]


# a row's name run into a target and a result in words, the result the target qualified or repeated
# ('资料归档规范性规范规范', '施工现场文明程度达标基本达标', '工程完工及时性及时较及时')
NAME_AND_TEXT_VALUES_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{3,}?)(?P<target>[\u4e00-\u9fff]{2,4})"
                                     r"(?P<actual>(?:较|基本|比较|较为)?(?P=target))$")


# points run into the rate after them ('10100.0%': 分值 10, 执行率 100.0%): a rate of a thousand per cent or
# more is no rate; it is cut where both halves are figures a form prints (points to 100, a rate to 100%)
POINTS_AND_RATE_RE = re.compile(r"(?P<points>[1-9]\d?|100)(?P<rate>(?:100|[1-9]?\d)(?:\.\d+)?[%％])")


def _name_and_text_values(cell: str) -> list[str]:
    m = NAME_AND_TEXT_VALUES_RE.match(cell)
    if m:
        return [m.group("name"), m.group("target"), m.group("actual")]
    m = POINTS_AND_RATE_RE.fullmatch(cell)
    if m and re.match(r"\d{4}", cell):
        return [m.group("points"), m.group("rate")]
    return [cell]

