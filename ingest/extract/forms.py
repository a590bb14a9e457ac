"""The self-evaluation form (绩效自评表) read from cells, whatever flattened it.

Works on the `Cell` stream of `ingest.extract.cells` and on the vocabulary of
`ingest/templates/forms.yaml`: a header row is recognised by its words, which fixes the order and kind
of the columns; the rows below are read by `ingest.extract.rows` and the money row by
`ingest.extract.form_money`. This module finds the forms, their head (项目名称, 实施单位, 总分…), the
label / value money of older templates and their spending tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.extract.cells import Cell, line_cells
from ingest.extract.form_money import money_unit, read_money
from ingest.extract.grid_rows import header_columns, rows_by_position
from ingest.extract.rows import CJK_RE, is_number, is_structural, parse_rows, pointed_level
from ingest.extract.text import TextLine
from ingest.templates import Block, Vocabulary, norm_cell, vocabulary
from ingest.values import dec, plain_number, to_wan

GRADES = ("优秀", "良好", "合格", "不合格", "中", "差", "优", "良", "较好", "一般")
# a budget code printed before a unit or project name: '100001-', '12345678A000000000001-'
CODE_PREFIX_RE = re.compile(r"^(?:\d{3,}|[0-9A-Z]{8,})[-－—_]")


@dataclass
class Form:
    """One form found in a document: head fields, project money, indicator rows, where it sits."""

    project: str | None = None
    unit: str | None = None
    department: str | None = None
    money: dict[str, str | None] | None = None
    money_provenance: dict | None = None
    indicators: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    score: str | None = None
    grade: str | None = None
    warnings: list[dict] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    title: str | None = None


# ---- header recognition -------------------------------------------------------------------------

def header_span(cells: list[Cell], i: int, block: Block) -> tuple[list[str], int]:
    """The logical columns of a header starting at cells[i] (consecutive header words, each once) and
    how many cells it spans. A header printed on two rows ('年度' over '指标值') is read from the
    first row's fragments, and the second row's tails are skipped."""
    cols: list[str] = []
    j = i
    fragment = False
    while j < len(cells):
        f = block.field_of(cells[j].text)
        if f is None and len(cols) >= 2:
            f = block.fragments.get(norm_cell(cells[j].text))
            fragment = fragment or f is not None
        if f is None and len(cols) >= 3 and {"target", "actual"} & set(cols) and "standard" in block.kinds \
                and "standard" not in cols \
                and UNKNOWN_HEADER_RE.fullmatch(norm_cell(cells[j].text)) and j + 1 < len(cells) \
                and block.field_of(cells[j + 1].text) not in (None, *cols):
            # a header word no vocabulary has, between two known ones of a header that already names a
            # target or a result: a column read past, not the end of the header
            f = "standard"
        if f is None or f in cols:
            break
        cols.append(f)
        j += 1
    if fragment:
        while j < len(cells) and norm_cell(cells[j].text) in block.tails:
            j += 1
    return cols, j - i


UNKNOWN_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{2,12}")
"""What an unknown header cell between known ones can be: a few CJK characters, no figure."""


def header_run(cells: list[Cell], i: int, block: Block) -> list[str]:
    """The logical columns of a header starting at cells[i]."""
    return header_span(cells, i, block)[0]


def indicator_header(cells: list[Cell], i: int, block: Block) -> tuple[list[str], int]:
    """The columns of an indicator header at cells[i] and the cells it spans, also when it is printed
    on two rows whose lower row splits one upper column into several: upper '年度指标值 | 实际完成值 |
    分值 | 得分' over lower '一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位' is one header, the
    lower row's columns standing where the upper row has the column they share."""
    cols, span = header_span(cells, i, block)
    p = cols.index("level1") if "level1" in cols else -1
    if p <= 0 or "name" in cols[:p]:
        return cols, span
    upper = cols[:p]
    lower, lower_span = header_span(cells, i + p, block)
    shared = [c for c in upper if c in lower]
    if len(shared) != 1 or upper.index(shared[0]) != 0:
        return cols, span
    rest = [c for c in upper[1:] if c not in lower]
    return [*lower, *rest], p + lower_span


def _is_money_header(cols: list[str]) -> bool:
    return len(cols) >= 3 and "executed" in cols and ("budget_full_year" in cols or "budget_initial" in cols)


def _is_indicator_header(cols: list[str]) -> bool:
    """A header of indicator rows: names with their target or result, or a scoring sheet's names under
    their levels with points and score only (一级指标 | 二级指标 | 三级指标 | 分值 | 得分)."""
    if "name" not in cols or len(cols) < 3:
        return False
    rubric = "weight" in cols and "score" in cols and ("level1" in cols or "level2" in cols)
    return "target" in cols or "actual" in cols or rubric


def _body(cells: list[Cell], start: int, vocab: Vocabulary) -> int:
    """Where an indicator block ends: the form's footer, the next form, or prose."""
    j = start
    while j < len(cells):
        t = cells[j].text
        if norm_cell(t) in vocab.end_rows or vocab.head_field(t) in ("project", "department", "unit"):
            break
        if any(norm_cell(t).endswith(w) for w in vocab.titles):
            break
        if len(t) > 60 and "。" in t and not (j > start and any(vocab.level_of(cells[j - 1].text))):
            break  # prose after the form (a long indicator name follows its level cell)
        if header_run(cells, j, vocab.money) and _is_money_header(header_run(cells, j, vocab.money)):
            break
        if _is_indicator_header(header_run(cells, j, vocab.indicators)):
            break
        j += 1
    return j


POLARITY_RE = re.compile(r"^[正反]向")


def _comparison(*natures: str | None) -> str | None:
    """The comparison a target is read with, from its 指标性质 / 指标方向 cells: a comparison word as
    printed ('大于等于', '≥'), else the symbol of a polarity word ('正向' → '≥')."""
    printed = [unicodedata.normalize("NFKC", re.sub(r"^\d{2,4}|\s+", "", n)) for n in natures
               if n and vocabulary().comparator(n)]  # without a system's code before the sign ('004 >=')
    words = [n for n in printed if not POLARITY_RE.match(n)]
    if words:
        return words[0]
    return vocabulary().comparator(printed[0]) if printed else None


def _join_value(value: str | None, nature: str | None, unit: str | None, vocab: Vocabulary,
                direction: str | None = None) -> str | None:
    if value is None:
        return None
    v = re.sub(r"\s+", "", value)
    sym = _comparison(direction, nature)
    if sym and not re.match(r"^[≥≤=<>＞＜≧≦]", v) and re.match(r"^\d", v):
        v = sym + v
    if unit and re.search(r"(?:\d|\d[万亿千])$", v) and not v.endswith(unit):  # '1亿' and '元': '1亿元'
        v = v + re.sub(r"\s+", "", unit)
    return v


def _indicator(r: dict[str, str], l1: str | None, l2: str | None, src: Cell, vocab: Vocabulary) -> dict:
    """One indicator row in the Extraction's shape."""
    return {
        "level1": l1, "level2": l2, "name": re.sub(r"\s+", "", r["name"]),
        "target": _join_value(r.get("target"), r.get("nature"), r.get("unit"), vocab, r.get("direction")),
        "actual": _join_value(r.get("actual"), None, r.get("unit"), vocab),
        "weight": plain_number(r["weight"]) if "weight" in r else None,
        "score": plain_number(r.get("score") or r.get("score_implied") or "") if ("score" in r or
                                                                                "score_implied" in r) else None,
        "note": re.sub(r"\s+", "", r["note"]) if r.get("note") and norm_cell(r["note"]) not in
        vocab.blank_notes else None,
        "provenance": src.provenance(),
    }


def read_indicators(cells: list[Cell], cols: list[str], vocab: Vocabulary, header: list[Cell] | None = None,
                    carry: dict | None = None, warnings: list[dict] | None = None) -> list[dict]:
    """Indicator rows from the cells under an indicator header: by grid position when the header and
    the rows are a reader's table (`header` given), else by the kind of each cell. `carry` is the
    row above a header repeated on a new page: its levels go on down the merged level cells."""
    columns = header_columns(header, cols) if header else None
    if columns is not None:
        levels = {f: carry[f] for f in ("level1", "level2") if carry and carry.get(f)}
        placed = rows_by_position(cells, cols, columns, vocab, levels)
        if placed:
            return [_indicator(r, r.get("level1"), r.get("level2"), src, vocab) for r, src in placed]
    kinds = dict(vocab.indicators.kinds)
    if "score" not in cols and "weight" not in cols:
        # forms whose points column has a merged header cell the flattening lost: a trailing figure
        # on a row is its score
        cols = [*cols, "score_implied"]
        kinds["score_implied"] = "number"
    groups: dict[object, list[Cell]] = {}
    for c in cells:
        groups.setdefault(c.row if c.row is not None else ("line", c.line.index), []).append(c)
    # a row the page broke over two lines ('产出指标 | 数量指标 | X（个）|' then '15 | 6 | 8.0 |'): a line of
    # figures only continues the row above it
    merged: dict[object, list[Cell]] = {}
    last: object = None
    for key, g in groups.items():
        if last is not None and len(g) >= 2 and all(not CJK_RE.search(c.text) for c in g) \
                and len(merged[last]) >= 2 and all(CJK_RE.search(c.text) for c in merged[last]) \
                and isinstance(key, int) and isinstance(last, int):
            merged[last] = merged[last] + g
            continue
        merged[key] = g
        last = key
    groups = merged
    multi = [g for g in groups.values() if len(g) >= 3]
    out: list[dict] = []
    l1: str | None = None
    l2: str | None = None
    chunks = list(groups.values()) if len(multi) >= 2 else [cells]
    dropped = kept_glued = 0
    for chunk in chunks:
        texts = [c.text for c in chunk]
        rows, used = parse_rows(texts, cols, kinds, vocab, frozenset(k for k, c in enumerate(chunk) if c.glued))
        # a chunk that is only level labels (a merged cell printed on its own row) sets the levels
        if not rows:
            for t in texts:
                a, b = vocab.level_of(t)
                if a and not b:
                    l1 = a
                elif b:
                    l2 = b
            continue
        # a glued line that is one row of its own ('…100%90%88管理不到位'): its last words are its note
        own_line = len(rows) == 1 and chunk[0].glued and isinstance(chunk[0].row, tuple) \
            and all(c.row == chunk[0].row for c in chunk)
        for r in rows:
            src = chunk[min(int(r.pop("_at")), len(chunk) - 1)]
            if src.glued and "_level" not in r:
                if not _whole_glued_row(r, cols) or ("level2" in cols and l2 is None and "level2" not in r):
                    # (a glued row under no 二级指标 word has that column's text run into its name)
                    dropped += 1
                    continue
                kept_glued += 1
                if not own_line:
                    # text after a glued row's points is as likely the next row's name as this row's note
                    r.pop("note", None)
            if "_level" in r:  # a level word on its own opens the rows under it
                a, b = vocab.level_of(r["_level"])
                if a and not b:
                    l1, l2 = a, None
                elif b:
                    l2 = b
                continue
            if "level1" in r:
                known, b = vocab.level_of(r["level1"])
                a = known or (pointed_level(r["level1"]) if not b else None)
                if a and not known and "level2" in cols and "level2" not in r and l1 is not None:
                    # one pointed level on a row of a sheet with two level columns: the merged upper
                    # level goes on, this is the lower one changing
                    r["level2"] = r.pop("level1")
                elif b and "level2" not in r and l1 is not None and a != l1:
                    r["level2"] = r.pop("level1")  # '成本指标' is a level1 word in the 2021 form, a level2 before
                else:
                    l1, l2 = a, None
            if "level2" in r:
                l2 = vocab.level_of(r["level2"])[1] or pointed_level(r["level2"])
            out.append({**_indicator(r, l1, l2, src, vocab), "_glued": src.glued})
    if dropped and warnings is not None:
        warnings.append({"field": "indicators", "message": f"{dropped} row(s) of a table glued into one run of "
                         "text could not be cut back into every column; left out"})
    if dropped > kept_glued:
        # most of the glued table would not cut back into its columns: the rows that did are as likely
        # shifted as right
        if warnings is not None:
            warnings.append({"field": "indicators", "message": f"a table glued into one run of text read "
                             f"{kept_glued} whole row(s) of {kept_glued + dropped}; all left out as unreliable"})
        out = [r for r in out if not r.pop("_glued", False)]
    for r in out:
        r.pop("_glued", None)
    return _points_for_blank_values(out, cols)


def _points_for_blank_values(rows: list[dict], cols: list[str]) -> list[dict]:
    """A row of a form that prints points on every row ('指标1：工程质量合格 10 10' among rows '… 1 1 10 10')
    whose only two figures are bare numbers of the size of the other rows' points: its target and result
    were left blank, and the figures are its 分值 and 得分 (the name often holds the target itself)."""
    if not {"target", "actual", "weight", "score"} <= set(cols):
        return rows
    full = [r for r in rows if all(r.get(k) is not None for k in ("target", "actual", "weight", "score"))]
    weights = {r["weight"] for r in full}
    if len(full) < 2:
        return rows
    for r in rows:
        t, a = r.get("target"), r.get("actual")
        if r.get("weight") is None and r.get("score") is None and t is not None and a is not None \
                and is_number(t) and is_number(a) and plain_number(t) in weights \
                and Decimal(plain_number(a)) <= Decimal(plain_number(t)):
            r["weight"], r["score"], r["target"], r["actual"] = plain_number(t), plain_number(a), None, None
            for k in ("target_parsed", "actual_parsed", "met"):
                r.pop(k, None)
    return rows


def _whole_glued_row(r: dict[str, str], cols: list[str]) -> bool:
    """A row cut from a glued table is kept only when every column that carries figures was found:
    its target and result, and its points where the form has them. A partial reading of a glued row
    is more often shifted than right."""
    need = [c for c in ("target", "actual", "weight", "score") if c in cols]
    return all(r.get(c) for c in need)


# ---- head fields --------------------------------------------------------------------------------

def _head_value(cells: list[Cell], i: int, vocab: Vocabulary) -> str | None:
    """The value of a head label at cells[i]: after its colon, or the next cell."""
    t = cells[i].text
    m = re.match(r"^[^:：]{2,8}[:：]\s*(\S.*)$", t)
    if m:
        return m.group(1).strip()
    if i + 1 < len(cells):
        nxt = cells[i + 1].text
        if vocab.head_field(nxt) is None and not is_structural(nxt, vocab) \
                and vocab.money.field_of(nxt) is None and norm_cell(nxt) not in vocab.block_labels:
            value = before_next_label(nxt.strip(), vocab)
            return _broken_value(cells, i + 1, vocab) or value if len(value) <= 2 else value
    return None


def _broken_value(cells: list[Cell], first: int, vocab: Vocabulary) -> str | None:
    """A value the page broke at stray spaces ('项目名称 XX 县 2018 年某某支出 项目单位 …'): its pieces joined, when
    they run from the label to the form's next label and hold a name's worth of characters."""
    parts: list[str] = []
    for j in range(first, min(len(cells), first + BROKEN_VALUE_PIECES)):
        t = cells[j].text.strip()
        if _head_field_at(t, vocab) is not None:
            joined = "".join(parts)
            return joined if len(CJK_RE.findall(joined)) >= 4 else None
        if is_structural(t, vocab) or vocab.money.field_of(t) is not None or norm_cell(t) in vocab.block_labels:
            return None
        parts.append(t)
    return None


BROKEN_VALUE_PIECES = 6


def before_next_label(value: str, vocab: Vocabulary) -> str:
    """'免费开放补助 主管部门 某局': a head value ends where the next label of the form starts (a cell the
    page joined to the next one with a single space)."""
    words = value.split()
    for k, w in enumerate(words[1:], start=1):
        if _head_field_at(w, vocab) is not None:  # '主管部门' or '主管部门:某局'
            return " ".join(words[:k])
    glued = _glued_label_re(vocab).search(value)  # '某某经费项目单位:某局': no space before the next label
    return value[:glued.start()] if glued and glued.start() >= 2 else value


def _glued_label_re(vocab: Vocabulary) -> re.Pattern[str]:
    """A head label of the form followed by its colon, anywhere in a run of text."""
    labels = sorted({w for words in vocab.head.values() for w in words if len(w) >= 4}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, labels)) + ")[:：]") if labels else re.compile(r"(?!)")


def _head_field_at(text: str, vocab: Vocabulary) -> str | None:
    f = vocab.head_field(text)
    if f:
        return f
    m = re.match(r"^([^:：]{2,8})[:：]", text)
    return vocab.head_field(m.group(1)) if m else None


def _clean_unit(name: str) -> str:
    name = CODE_PREFIX_RE.sub("", re.sub(r"\s+", "", name))
    return re.sub(r"[（(]盖章[）)]$", "", name)


# ---- cells broken over lines ----------------------------------------------------------------------

# points or a unit in brackets after a label; a page may have lost one of the brackets ('30分)')
ANNOTATION_RE = re.compile(r"^(?:[（(][^（）()]{0,12}[）)]?|[^（）()]{0,12}[）)])$")
BLANK_RE = re.compile(r"^[…．.\-—－/／、＿_]+$")


def _known_word(text: str, vocab: Vocabulary, exact: bool = False) -> bool:
    n = norm_cell(text)
    level = n in vocab.level1 or n in vocab.level2 if exact else any(vocab.level_of(text))
    return bool(n) and (vocab.money.field_of(text) is not None or vocab.indicators.field_of(text) is not None
                        or level or n in vocab.total_rows or n in vocab.end_rows
                        or vocab.head_field(text) is not None)


def mend_cells(cells: list[Cell], vocab: Vocabulary) -> list[Cell]:
    """Join a header or level word a narrow column broke over lines ('年初' + '预算数', '数量' + '指标'),
    and drop the points a label carries in its own cell ('产出指标' + '(50)')."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c = cells[i]
        if ANNOTATION_RE.match(c.text.replace(" ", "")) and out and _known_word(out[-1].text, vocab):
            i += 1
            continue
        if BLANK_RE.match(c.text.replace(" ", "")):
            i += 1
            continue  # '……', '—', '/': a cell the publisher marked as blank
        if len(c.text) <= 8:
            for k in (3, 2):
                if i + k > len(cells):
                    break
                joined = "".join(x.text.strip() for x in cells[i:i + k])
                # only cells a flattening put on lines of their own, and only into a word the
                # vocabulary knows exactly
                if all(len(x.text) <= 8 and x.row is None for x in cells[i:i + k]) \
                        and _known_word(joined, vocab, exact=True):
                    c = Cell(joined, c.line, c.row)
                    i += k - 1
                    break
        out.append(c)
        i += 1
    return out


# ---- the forms of a document --------------------------------------------------------------------

def find_forms(lines: list[TextLine], vocab: Vocabulary | None = None) -> list[Form]:
    """Every self-evaluation form in the lines, in order. A form's title ('…绩效目标自评表', with its
    project in brackets after it or on the next line) starts a form; so does a money or indicator
    header where no title did."""
    vocab = vocab or vocabulary()
    cells = mend_cells(line_cells(lines, lambda t: _known_word(t, vocab, exact=True)), vocab)
    forms: list[Form] = []
    form: Form | None = None
    fresh = False  # `form` was started by its title and has read nothing yet
    continued = False  # `form`'s title came again after its indicator rows (a new page)
    last_icols: list[str] = []
    head_start = 0
    _label_value_form(cells, vocab, forms)
    if forms:
        form = forms[0]
    i = 0
    while i < len(cells):
        titled, project = form_title(cells[i].text, vocab)
        if titled and i > 0 and _head_field_at(cells[i - 1].text, vocab) == "project":
            titled = False  # the 项目名称 cell's value, which some publishers fill with the form's title
        if titled:
            title = _own_title(cells[i].text)
            i += 1
            if project is None and i < len(cells) and bracketed_project(cells[i].text):
                project = bracketed_project(cells[i].text)
                i += 1
            elif i < len(cells) and YEAR_BRACKET_RE.fullmatch(re.sub(r"\s+", "", cells[i].text)):
                title += re.sub(r"\s+", "", cells[i].text)  # '…自评表' then '（2020年度）'
                i += 1
            if form is not None and project and form.project == project:
                # the title printed again: over the form's indicator part, or on its next page
                continued = bool(form.indicators)
                continue
            form = Form(first_line=cells[i - 1].line.index, project=project, title=title)
            forms.append(form)
            fresh, continued = True, False
            head_start = i
            continue
        mcols = header_run(cells, i, vocab.money)
        icols, ispan = indicator_header(cells, i, vocab.indicators)
        if _is_money_header(mcols) and len(mcols) >= len(icols):
            if not fresh or form is None:
                form = Form(first_line=cells[head_start].line.index if head_start < len(cells) else 0)
                forms.append(form)
            fresh = False
            _read_head(cells, head_start, i, form, vocab)
            unit = money_unit(cells[max(0, i - 3): i + len(mcols)])
            figures, anchor, ambiguous = read_money(cells, i + len(mcols), mcols, unit, vocab)
            if figures:
                form.money = figures
                form.money_provenance = anchor.provenance() if anchor else None
                if ambiguous:
                    form.warnings.append({"field": "projects", "message": "the form's money row has blank "
                                          "cells and more than one reading; the uncertain columns are left null"})
            i += len(mcols)
            head_start = i
            continue
        if _is_indicator_header(icols):
            # the same header right after the form's rows: printed again on the next page
            repeated = form is not None and bool(form.indicators) and head_start == i and icols == last_icols
            continued = continued or repeated
            carry = form.indicators[-1] if form is not None and continued and form.indicators else None
            last_icols = icols
            if form is None or (form.indicators and form.money is not None and not fresh and not continued):
                form = Form(first_line=cells[head_start].line.index if head_start < len(cells) else 0)
                forms.append(form)
                fresh = True
            if fresh:
                _read_head(cells, head_start, i, form, vocab)
                if form.money is None:
                    _read_labelled_money(cells[head_start:i], form, vocab)
                if form.money is None:
                    _read_pair_money(cells[head_start:i], form, vocab)
            fresh = continued = False
            start = i + ispan
            end = _body(cells, start, vocab)
            form.indicators.extend(read_indicators(cells[start:end], icols, vocab, cells[i:start], carry,
                                                   form.warnings))
            _read_footer(cells, end, form, vocab)
            form.last_line = cells[end - 1].line.index if end > start else cells[i].line.index
            i = max(end, i + 1)
            head_start = i
            continue
        i += 1
    # a title with no form under it (a list of attachments, a caption) is not a form
    return [f for f in forms if f.money is not None or f.indicators or f.items]


# a year in brackets printed after a form's title ('（2020年度）')
YEAR_BRACKET_RE = re.compile(r"[（(](?:19|20)\d\d年度?[）)]")
# a form's title as its own line or cell, with the project in brackets after it ('…自评表（X）')
TRAILING_BRACKET_RE = re.compile(r"[（(]([^（）()]{2,40})[）)]$")
# a bracket that is a note on units or the year, not a project's name
NOT_A_PROJECT_RE = re.compile(r"^(?:(?:19|20)\d\d年度?|(?:金额)?(?:单位[:：])?(?:万元|元|亿元)|含|盖章)$")


def _own_title(text: str) -> str:
    """A form title without what a page printed before it in the same cell ('详情见附件(…)部门预算项目
    支出绩效自评表(2023年度)' → '部门预算项目支出绩效自评表(2023年度)')."""
    t = re.sub(r"\s+", "", text)
    m = TRAILING_BRACKET_RE.search(t)
    head, tail = (t[: m.start()], t[m.start():]) if m else (t, "")
    return re.sub(r"^\d{1,2}[.、．]", "", re.split(r"[)）:：。，,；;]", head)[-1]) + tail  # '附件：1.X' → X


def bracketed_project(text: str) -> str | None:
    """The project of a line that is only a bracketed name ('（城市社区党建及城乡综合治理）')."""
    t = re.sub(r"\s+", "", text)
    m = re.fullmatch(r"[（(]([^（）()]{2,40})[）)]", t)
    return m.group(1) if m and not NOT_A_PROJECT_RE.match(m.group(1)) else None


def form_title(text: str, vocab: Vocabulary) -> tuple[bool, str | None]:
    """Whether a cell is a form's title (it ends in one of forms.yaml's `titles`), and the project
    it names in brackets after that ending, if any."""
    t = re.sub(r"\s+", "", text)
    if not t or len(t) > 90 or "。" in t:
        return False, None
    m = TRAILING_BRACKET_RE.search(t)
    head = t[: m.start()] if m else t
    if not any(norm_cell(head).endswith(w) for w in vocab.titles):
        return False, None
    project = m.group(1) if m and not NOT_A_PROJECT_RE.match(m.group(1)) else None
    return True, project


LABELLED_MONEY_RE = re.compile(r"^([^:：\d]{2,12})[:：]\s*([\d,]+(?:\.\d+)?)\s*(万元|元|亿元)?$")


def _read_labelled_money(cells: list[Cell], form: Form, vocab: Vocabulary) -> None:
    """Money printed as 'label：value' cells in a form's head ('预算数：100万元' | '执行数：83.88万元');
    the labels are forms.yaml's `head_money`, parts ('其中：财政拨款…') are not among them."""
    got: dict[str, str] = {}
    anchor: Cell | None = None
    for c in cells:
        m = LABELLED_MONEY_RE.match(c.text.replace("\u3000", " ").strip())
        f = vocab.head_money.get(norm_cell(m.group(1))) if m else None
        if m and f and f not in got:
            got[f] = to_wan(m.group(2).replace(",", ""), m.group(3) or "万元")
            anchor = anchor or c
    if got and anchor is not None:
        form.money = {"budget_initial": None, "budget_full_year": got.get("budget_full_year"),
                      "executed": got.get("executed"), "execution_rate": None, "weight": None, "score": None,
                      "carryover": got.get("carryover")}
        form.money_provenance = anchor.provenance()


def _read_pair_money(cells: list[Cell], form: Form, vocab: Vocabulary) -> None:
    """Money printed as label / value cells in a form's head ('转移支付预算数（A）| 5.8万'), the labels
    being forms.yaml's `head_money`; both a budget and its execution must be printed."""
    money, anchor = _head_money(cells, vocab)
    if anchor is None or money.get("executed") is None or money.get("budget_full_year") is None:
        return
    form.money = {"budget_initial": None, "budget_full_year": money.get("budget_full_year"),
                  "executed": money.get("executed"), "execution_rate": None, "weight": None, "score": None,
                  "carryover": money.get("carryover")}
    form.money_provenance = anchor.provenance()


def _label_value_form(cells: list[Cell], vocab: Vocabulary, forms: list[Form]) -> None:
    """An older template that prints its money as label / value pairs and lists its spending: a form
    when it names its project and states money that way."""
    money, anchor = _head_money(cells, vocab)
    if not money or not anchor:
        return
    form = Form(first_line=cells[0].line.index)
    _read_head(cells, 0, len(cells), form, vocab)
    if form.project is None:
        return
    form.money = {"budget_initial": None, "budget_full_year": money.get("budget_full_year"),
                  "executed": money.get("executed"), "execution_rate": None, "weight": None, "score": None,
                  "carryover": money.get("carryover")}
    form.money_provenance = anchor.provenance()
    for f in sorted(f for f, v in money.items() if v is None):
        form.warnings.append({"field": f"projects.{f}", "message": "the amount is printed broken by a stray "
                              "sign ('89+82', a scan's misread decimal point); left empty"})
    rows, unit = _item_table(cells, vocab)
    if rows:
        total = sum((dec(a) or Decimal(0)) for _, a, _ in rows)
        spent = dec(money.get("executed")) or dec(money.get("budget_full_year"))
        if unit is None and spent is not None:
            # no unit printed: the items add up to the amount spent, in 万元 or in 元
            unit = "万元" if total == spent else ("元" if total == spent * 10000 else None)
        if unit is None:
            form.warnings.append({"field": "spending_items", "message": "a spending table states no unit and "
                                  "its amounts do not add up to the money spent; items left out"})
        else:
            form.items = [{"item": i, "amount": to_wan(a, unit), "provenance": c.provenance()} for i, a, c in rows]
    forms.append(form)


def _read_head(cells: list[Cell], start: int, end: int, form: Form, vocab: Vocabulary) -> None:
    for k in range(max(0, start), end):
        f = _head_field_at(cells[k].text, vocab)
        if f in ("project", "unit", "department") and getattr(form, f) is None:
            v = _head_value(cells, k, vocab)
            if v and CJK_RE.search(v):
                v = _clean_unit(v)
                setattr(form, f, re.sub(r"^(?:19|20)\d\d年度?", "", v) if f == "project" else v)


def _read_footer(cells: list[Cell], end: int, form: Form, vocab: Vocabulary) -> None:
    """总分 and the grade printed under the indicator rows."""
    for k in range(end, min(len(cells), end + 8)):
        f = _head_field_at(cells[k].text, vocab)
        if f == "score" and form.score is None:
            nums: list[str] = []
            m = re.search(r"[:：]\s*(\d+(?:\.\d+)?)", cells[k].text)
            if m:
                nums.append(m.group(1))
            j = k + 1
            while j < len(cells) and len(nums) < 3 and plain_number(cells[j].text) is not None:
                nums.append(plain_number(cells[j].text) or "")
                j += 1
            vals = [dec(x) for x in nums]
            if len(nums) >= 2 and vals[0] == Decimal(100) and vals[1] is not None and vals[1] <= 100:
                form.score = nums[1]
            elif len(nums) == 1 and vals[0] is not None and vals[0] <= 100:
                form.score = nums[0]
        if f == "grade" and form.grade is None:
            v = _head_value(cells, k, vocab)
            if v in GRADES:
                form.grade = v


BROKEN_NUMBER_RE = re.compile(r"[+＋×*]")  # a scan's misread decimal point between digits


def _head_money(cells: list[Cell], vocab: Vocabulary) -> tuple[dict[str, str | None], Cell | None]:
    """Money printed as label / value pairs ('实际支出（万元）| 12.5'), in 万元 unless the label says 元."""
    got: dict[str, str | None] = {}
    anchor: Cell | None = None
    for k, c in enumerate(cells[:-1]):
        f = vocab.head_money.get(norm_cell(c.text))
        if f is None or f in got:
            continue
        if any(norm_cell(x.text) in vocab.item_labels for x in cells[max(0, k - 3):k]):
            continue  # '支出内容 | 计划支出数 | 实际支出数': a spending table's column, not a label and its value
        unit_text = c.text + (cells[k + 1].text if ANNOTATION_RE.match(cells[k + 1].text.replace(" ", "")) else "")
        j = k + 1 if vocab.head_money.get(norm_cell(cells[k + 1].text)) is None else k
        while j < len(cells) and j <= k + 2 and ANNOTATION_RE.match(cells[j].text.replace(" ", "")):
            unit_text += cells[j].text
            j += 1
        if j == k or j >= len(cells):
            continue
        m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(万元|元|万)?", cells[j].text.replace(" ", ""))
        if m and j + 1 < len(cells) and BROKEN_NUMBER_RE.fullmatch(cells[j + 1].text.strip()):
            got[f] = None  # '89' then '+' then '82': a scan's misread decimal point; unknown beats a wrong amount
            anchor = anchor or c
            continue
        if not m:
            continue
        unit = {"万": "万元"}.get(m.group(2) or "", m.group(2)) or ("元" if re.search(r"[（(]元[）)]", unit_text) else "万元")
        got[f] = to_wan(m.group(1), unit)
        anchor = anchor or c
    return got, anchor


def _item_table(cells: list[Cell], vocab: Vocabulary) -> tuple[list[tuple[str, str, Cell]], str | None]:
    """(item, printed amount, cell) of a spending table under '支出内容 | 实际支出数' and the unit its
    header states (None when it states none)."""
    for k in range(len(cells) - 1):
        if norm_cell(cells[k].text) not in vocab.item_labels:
            continue
        # the amount column may follow other figure columns ('计划支出数 | 实际支出数')
        width = next((n for n in (1, 2, 3) if k + n < len(cells)
                      and norm_cell(cells[k + n].text) in vocab.amount_labels), None)
        if width is not None:
            # the unit may stand in the table's own heading, the cell before ('二、项目支出明细情况（单位：万元）')
            head = "".join(c.text for c in cells[max(0, k - 1): k + width + 1])
            unit = "元" if re.search(r"[（(]元[）)]|单位[:：]元", head) else ("万元" if "万元" in head else None)
            rows: list[tuple[str, str, Cell]] = []
            j = k + width + 1
            while j < len(cells) - 1:
                t = cells[j].text
                if re.match(r"^[一二三四五六七八九十]+、", t) or norm_cell(t) in vocab.end_rows:
                    break
                figures = [c.text.replace(" ", "") for c in cells[j + 1: j + 1 + width]]
                if CJK_RE.search(t) and not is_number(t) and len(figures) == width \
                        and all(re.fullmatch(r"[\d,]+(?:\.\d+)?", x) for x in figures):
                    if re.search(r"合计|总计|小计", t):
                        break  # the table's own total: the parts end here
                    item = re.sub(r"^(?:\d{1,2}[、.．]|[（(]\d{1,2}[）)])\s*", "", re.sub(r"[\]】\s]+$", "", t))
                    rows.append((item, figures[-1], cells[j]))  # (the list's numbering is no part of the item)
                    j += 1 + width
                    continue
                j += 1
            return rows, unit
    return [], None


def money_row(form: Form) -> dict[str, str | None] | None:
    """The form's figures in the Extraction's project shape (without name)."""
    if not form.money:
        return None
    m = form.money
    return {"budget_initial": m.get("budget_initial"), "budget_full_year": m.get("budget_full_year"),
            "executed": m.get("executed"), "execution_rate": m.get("execution_rate"), "carryover": m.get("carryover")}


