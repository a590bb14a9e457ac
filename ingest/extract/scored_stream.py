"""A three-level scoring table flattened into one run of names and numbers.

A province's evaluation form (`一级指标 分值 二级指标 分值 三级指标 分值 得分`) printed by a document site
loses its cells: what is left is a stream such as `项目目标 4 目标内容 4 4 决策依据 3 3 决策过程 8 …`, where
a third-level row prints its points and its score, and a merged cell of a higher level prints its points
alone, either before its rows (reading order) or among them (a merged cell printed at its middle).

The levels are recovered from the numbers themselves: each second-level cell's points are the sum of a
run of rows that stands around it, and each first-level cell's points the sum of a run of second-level
cells. Only a reading in which every sum holds is kept (the last run may be short where the text was cut);
anything else is left unread. The header and the words that close the table are prose.yaml
`scored_level_stream`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from ingest.extract.text import TextLine
from ingest.templates import prose_vocabulary

NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff（）()/]{1,15}?"
FIGURE = r"\d{1,3}(?:\.\d{1,2})?"
TOKEN_RE = re.compile(rf"\s*(?P<name>{NAME})\s*(?P<a>{FIGURE})(?:\s+(?P<b>{FIGURE}))?(?![\d.])")
PAGE_MARK_RE = re.compile(r"^\s*\d{1,2}、\s*")
"""A document site's number before each chunk of a file's text ('3、 5 5项目绩效…')."""
MAX_GROUPS = 24
MAX_CELL_CHARS = 20
"""Longer than a cell of the table: a line this long is prose, not one cell of a table printed a cell a line."""


class Cell(NamedTuple):
    at: int  # its place in the stream
    name: str
    points: Decimal
    score: str | None  # a row's score as printed; None for a merged cell of a higher level
    points_text: str


@cache
def _header_re() -> re.Pattern[str] | None:
    words = prose_vocabulary().get("scored_level_stream", {}).get("header", [])
    return re.compile(r"\s*".join(map(re.escape, words))) if words else None


def _closing_words() -> tuple[str, ...]:
    return tuple(prose_vocabulary().get("scored_level_stream", {}).get("closing", []))


def stream_cells(stream: str) -> list[Cell]:
    """The cells of a stream, up to the first text that is not a name and its figures, or a total."""
    cells: list[Cell] = []
    pos = 0
    while m := TOKEN_RE.match(stream, pos):
        if m.group("name").startswith(_closing_words()):
            break
        cells.append(Cell(len(cells), m.group("name"), Decimal(m.group("a")), m.group("b"), m.group("a")))
        pos = m.end()
    return cells


def _runs(members: list[Cell], groups: list[Cell], near: int, ends: dict[int, int] | None = None,
          ) -> list[list[Cell]] | None:
    """`members` cut into one consecutive run per group, in order, each adding up to its group's points
    with the group printed at most `near` cells before its run or inside the cells it covers (`ends`: the
    last cell a member covers); the last run may fall short (the text was cut). None when no such cut
    exists."""
    runs: list[list[Cell]] = []
    k = 0
    for n, g in enumerate(groups):
        run: list[Cell] = []
        total = Decimal(0)
        while k < len(members) and total < g.points:
            run.append(members[k])
            total += members[k].points
            k += 1
        last = n == len(groups) - 1
        if not run or total > g.points or (total < g.points and not (last and k == len(members))):
            return None
        if not run[0].at - near <= g.at <= (ends or {}).get(run[-1].at, run[-1].at) + 1:
            return None
        runs.append(run)
    return runs if k == len(members) else None


def read_levels(cells: list[Cell]) -> list[tuple[str, str, Cell]] | None:
    """(first level, second level, row) for every row, when one choice of which merged cells are of the
    first level makes every sum hold; None when none does or when more than one does."""
    rows = [c for c in cells if c.score is not None]
    groups = [c for c in cells if c.score is None]
    if len(rows) < 2 or not 2 <= len(groups) <= MAX_GROUPS:
        return None
    found: list[list[tuple[str, str, Cell]]] = []

    def place(i: int, seconds: list[Cell], firsts: list[Cell]) -> None:
        if len(found) > 1:
            return
        if i == len(groups):
            runs = _runs(rows, seconds, near=2)
            ends = {s.at: run[-1].at for s, run in zip(seconds, runs, strict=True)} if runs else {}
            tops = _runs(seconds, firsts, near=len(cells), ends=ends) if runs and firsts else None
            if runs and tops:
                owner = {s.at: f.name for f, run in zip(firsts, tops, strict=True) for s in run}
                found.append([(owner[s.at], s.name, r) for s, run in zip(seconds, runs, strict=True) for r in run])
            return
        place(i + 1, [*seconds, groups[i]], firsts)
        place(i + 1, seconds, [*firsts, groups[i]])

    place(0, [], [])
    return found[0] if len(found) == 1 else None


def _cell_run(paras: list[tuple[str, TextLine]], k: int) -> str:
    """The short lines from paras[k] on (one table cell each), joined with spaces."""
    run: list[str] = []
    for text, _ in paras[k:]:
        t = text.strip()
        if len(t) > MAX_CELL_CHARS:
            break
        run.append(t)
    return " ".join(run)


def scored_level_stream(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicator rows of a flattened three-level scoring table: level1, level2, name, points (weight) and
    score; a score above its points (figures run together) is left empty."""
    from ingest.extract.prose import _indicator

    header = _header_re()
    if header is None:
        return []
    for k, (text, ln) in enumerate(paras):
        m = header.search(text)
        if m:
            stream = text[m.end():] + "".join(PAGE_MARK_RE.sub("", t) for t, _ in paras[k + 1:k + 4])
        else:
            # the table printed one cell per line: its cells, header and all, joined back into one stream
            run = _cell_run(paras, k)
            m = header.match(run)
            if not m:
                continue
            stream = run[m.end():]
        cells = stream_cells(stream)
        levels = read_levels(cells)
        while not levels and cells and cells[-1].score is None:
            # a merged cell printed last with no rows after it: the text was cut below it
            cells = cells[:-1]
            levels = read_levels(cells)
        if not levels:
            continue
        out = []
        for first, second, row in levels:
            score = row.score if row.score is not None and Decimal(row.score) <= row.points else None
            ind = _indicator(first, second, row.name, None, None, ln, f"{row.name} {row.points_text} {row.score}")
            ind.update(weight=row.points_text, score=score)
            out.append(ind)
        return out
    return []
