"""The text-table recognizer: lines of a report → cells, whatever the flattening.

A table reaches the extractor as real cells (Word, PDF, Excel: one tab-prefixed line per cell, rows
numbered by the reader), or as text a web page or an export flattened: cells separated by `|`, by
tabs, by runs of spaces, by single spaces in one long run, or one cell per line. Every flattening
ends here in the same stream of `Cell`s; `row` is set where the flattening kept row breaks, so the
field mappers can use them, and is None where it did not (one cell per line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ingest.extract.glued import (
    PAGE_MARK_RE,
    bracket_tolerant,
    continues_glued_table,
    glued_text,
    is_glued_table,
    known_word_count,
    split_glued,
)
from ingest.extract.text import TextLine

PIPE_RE = re.compile(r"\s*[|｜]\s*")
TAB_RE = re.compile(r"\s*\t\s*")
WIDE_GAP_RE = re.compile(r"\s{2,}")
# Prose, not a cell: a sentence with a full stop or several clauses.
PROSE_RE = re.compile(r"[。；;]|，.*，")
# the mean length of a space-delimited line's parts above which they are runs of glued cells, not cells
GLUED_PART_CHARS = 16
# a part holding this many of the form's words run together is a glued run ('项目资金(万元) 年初预算数全年预算数…')
GLUED_PART_WORDS = 3


@dataclass(frozen=True)
class Cell:
    """One table cell with the line it came from; `row` groups the cells of one printed row."""

    text: str
    line: TextLine
    row: tuple[int, int] | tuple[str, int] | int | None
    glued: bool = False  # cut from a table glued into one run of text

    def provenance(self) -> dict:
        return self.line.provenance(self.text)


SPACED_OUT_RE = re.compile(r"[\u4e00-\u9fff]{1,2}(?: [\u4e00-\u9fff]{1,2})+")


UNIT_NOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff]) ([（(][^（）()\s\d]{1,4}[）)])(?= |$)")


def _spaced_out(cell: str) -> str:
    """A narrow cell's words printed a character or two per line ('产 出 指 标', '一级 指标'), joined."""
    return cell.replace(" ", "") if SPACED_OUT_RE.fullmatch(cell) else cell


def split_line(raw: str, is_key: Callable[[str], bool] | None = None) -> tuple[list[str], bool]:
    """A line's cells and whether the line was a delimited row (`|`, tabs, wide gaps, spaces).

    `is_key` tells a form's own words ('产出指标', '年度资金总额'): a line holding sentences is split at
    single spaces only when one of its parts is such a word."""
    text = raw.replace("\u3000", " ").replace("\xa0", " ").strip()
    if not text:
        return [], False
    if "|" in text or "｜" in text:
        return [_spaced_out(c) for c in PIPE_RE.split(text.strip("|｜ "))], True
    if "\t" in text:
        return [_spaced_out(c) for c in TAB_RE.split(text)], True
    if WIDE_GAP_RE.search(text):
        return WIDE_GAP_RE.split(text), True
    if " " in text:
        # a unit in brackets printed after its cell's words ('年新增畜牧产值 (万元)') belongs to that cell
        parts = [p for p in UNIT_NOTE_RE.sub(r"\1", text).split(" ") if p]
        # a line of short cells joined by spaces is a row; a line with sentences is a row only when
        # it starts with or holds a form's own word (its cells may then hold sentences)
        if not PROSE_RE.search(text) or (len(parts) >= 3 and is_key is not None and any(map(is_key, parts))):
            return parts, True
        # a row with one cell of sentences (a scoring rule, a reason) among short cells
        if len(parts) >= 4 and sum(bool(PROSE_RE.search(p)) for p in parts) == 1 \
                and sum(len(p) <= 16 for p in parts) >= len(parts) - 2:
            return parts, True
    return [text], False


def _glued_runs(lines: list[TextLine]) -> list[tuple[TextLine, str, bool]]:
    """Each line with the text to read from it, and whether it is a glued table. A doc-sharing site
    cuts a glued table at the original's page breaks and marks each new page ('2、灯光、道具…'): such a
    line continues the glued run before it, into one text (its cells may straddle the mark)."""
    out: list[tuple[TextLine, str, bool]] = []
    for ln in lines:
        if ln.src.table is None and out and out[-1][2] and PAGE_MARK_RE.match(ln.text.strip()):
            first, text, _ = out[-1]
            out[-1] = (first, text + glued_text(ln.text), True)
            continue
        glued = ln.src.table is None and (is_glued_table(ln.text)
                                          or bool(out and out[-1][2] and continues_glued_table(ln.text)))
        out.append((ln, ln.text, glued))
    return out


@cache
def _head_label_re() -> re.Pattern[str]:
    """A form's head label at the start of a line, a bracketed note allowed inside it ('专项(项目)名称')."""
    from ingest.templates import vocabulary

    words = sorted({w for ws in vocabulary().head.values() for w in ws if len(w) >= 4}, key=len, reverse=True)
    return re.compile("^(?:" + "|".join(map(bracket_tolerant, words)) + r")(?=[\u4e00-\u9fff])")


def _glued_head_label(text: str) -> list[str]:
    """'专项(项目)名称彩票市场调控资金': a line that is a head label with its value glued on, as [label, value]
    (a short line of no sentences only); several such pairs on one line ('主管部门X实施单位Y') as
    [label, value, label, value]."""
    m = _head_label_re().match(text)
    if not m or len(text) > 60 or PROSE_RE.search(text):
        return [text]
    out = [m.group(0)]
    rest = text[m.end():]
    while (nxt := _inner_head_label_re().search(rest, 2)) is not None:
        out += [rest[: nxt.start()], nxt.group(0)]
        rest = rest[nxt.end():]
    return [*out, rest]


@cache
def _inner_head_label_re() -> re.Pattern[str]:
    """A head label inside a glued head line, its value after it."""
    return re.compile(_head_label_re().pattern.removeprefix("^"))


def line_cells(lines: list[TextLine], is_key: Callable[[str], bool] | None = None) -> list[Cell]:
    """All cells of the lines in reading order. A reader's table cell keeps its (table, row); a
    delimited text line is one row; a lone cell per line has no row; a glued table's cells are cut
    back out and marked `glued`."""
    out: list[Cell] = []
    for ln, text, glued in _glued_runs(lines):
        if ln.src.table is not None:
            key = (ln.src.table, ln.src.row or 0)
            if not ln.cell and out and out[-1].row == key:
                # the next line of a cell's text ('年度' / '指标值' in one Word cell)
                out[-1] = Cell(out[-1].text + ln.text, out[-1].line, key)
            elif ln.text:
                out.append(Cell(ln.text, ln, key))
            continue
        parts, delimited = split_line(text, is_key)
        row = ln.index if delimited and len(parts) > 1 else None
        # a glued table, also one a stray space cut into a few long runs, not into cells
        glued = glued and (not delimited or sum(map(len, parts)) > GLUED_PART_CHARS * len(parts)
                           or any(known_word_count(p) >= GLUED_PART_WORDS for p in parts))
        if glued:
            parts, row = split_glued(text), ("glued", ln.index)
        elif not delimited and len(parts) == 1:
            parts = _glued_head_label(parts[0])
        for p in parts:
            p = p.strip()
            if p:
                out.append(Cell(p, ln, row, glued))
    return out
