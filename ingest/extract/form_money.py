"""A form's money row: its figures placed in the header's money columns, in 万元.

With as many figures as columns the order decides; with fewer (a flattening dropped blank cells) every
order-keeping placement is tried and the most plausible kept (an execution rate agreeing with executed
/ budget, a score not above its weight); columns where equally plausible placements disagree stay
empty.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from ingest.extract.cells import Cell
from ingest.templates import Vocabulary, norm_cell
from ingest.values import dec, plain_number, to_wan

RATE_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*[%％]?$")
MONEY_CELL_RE = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|万)?$")


def _rate_of(text: str) -> str | None:
    m = RATE_RE.match(text.replace(" ", ""))
    return m.group(1) if m else None


def _plausibility(a: dict[str, str]) -> float:
    """How well numbers placed in money columns agree with each other (higher is better)."""
    score = 0.0
    b, e, r = dec(a.get("budget_full_year")), dec(a.get("executed")), dec(a.get("execution_rate"))
    w, s = dec(a.get("weight")), dec(a.get("score"))
    if b is not None and e is not None and r is not None and b > 0:
        score += 3 if abs(e / b * 100 - r) <= Decimal("0.6") else -3
    if w is not None:
        score += 1 if w in (Decimal(5), Decimal(10), Decimal(15), Decimal(20)) else -1
        if s is not None:
            score += 1 if s <= w else -5
    if r is not None and r > Decimal(150):
        score -= 5
    if b is not None and e is not None and e > b * 2 and b > 0:
        score -= 2
    return score


def assign_money(texts: list[str], cols: list[str], unit: str) -> tuple[dict[str, str | None] | None, bool]:
    """Place a total row's numbers in the header's money columns.

    With as many numbers as columns the order decides; with fewer (blank cells dropped) every
    order-keeping placement is tried and the most plausible kept. Returns (figures, ambiguous): where
    equally plausible placements disagree on a column, that column is left None."""
    n, k = len(cols), len(texts)
    if k == 0 or k > n:
        return None, False
    pct = [i for i, t in enumerate(texts) if "%" in t or "％" in t]
    readings: list[tuple[float, dict[str, str]]] = []
    for combo in itertools.combinations(range(n), k):
        a: dict[str, str] = {}
        ok = True
        for t_i, c_i in enumerate(combo):
            col = cols[c_i]
            t = texts[t_i]
            if col == "execution_rate":
                v = _rate_of(t)
            elif t_i in pct:
                v = None
            elif col in ("weight", "score"):
                v = plain_number(t)
            else:
                m = re.match(r"^([+-]?[\d,]+(?:\.\d+)?)(万元|元|万)?$", t.replace(" ", ""))
                v = to_wan(m.group(1), m.group(2) or unit) if m else None
            if v is None:
                ok = False
                break
            a[col] = v
        if ok:
            readings.append((_plausibility(a), a))
    if not readings:
        return None, False
    best = max(s for s, _ in readings)
    top = [a for s, a in readings if s == best]
    out: dict[str, str | None] = {c: None for c in ("budget_initial", "budget_full_year", "executed",
                                                   "execution_rate", "weight", "score")}
    ambiguous = False
    for col in out:
        vals = {a.get(col) for a in top}
        if len(vals) == 1:
            out[col] = vals.pop()
        else:
            ambiguous = True
    return out, ambiguous


def money_unit(cells: list[Cell]) -> str:
    """万元 unless the header or the lines just before it say 元 / 亿元."""
    text = "".join(c.text for c in cells)
    if "万元" in text or "万)" in text or "万）" in text:
        return "万元"
    if "亿元" in text:
        return "亿元"
    if re.search(r"[（(]元[）)]|单位[:：]\s*元|金额[:：]?\s*元", text):
        return "元"
    return "万元"


def read_money(cells: list[Cell], start: int, cols: list[str], unit: str, vocab: Vocabulary
                ) -> tuple[dict[str, str | None] | None, Cell | None, bool]:
    """The figures of the total row after a money header (stops at the first part row)."""
    j = start
    limit = min(len(cells), start + 4)
    spaced: list[str] | None = None  # '资金总额： 120,000.00 120,000.00 …': the label and its figures in one cell
    while j < limit and norm_cell(cells[j].text) not in vocab.total_rows and not _money_text(cells[j].text):
        spaced = _total_and_figures(cells[j].text, vocab)
        if spaced is not None:
            break
        j += 1
    if j >= limit:
        return None, None, False
    anchor = cells[j]
    texts: list[str] = list(spaced or [])
    if spaced is not None or norm_cell(cells[j].text) in vocab.total_rows:
        j += 1
    while j < len(cells) and len(texts) < len(cols):
        # after a spaced row, a cell may hold several of its figures ('25 2.5')
        parts = cells[j].text.split() if spaced is not None else [cells[j].text]
        if not parts or not all(_money_text(t) for t in parts):
            break
        if anchor.row is not None and cells[j].row is not None and cells[j].row != anchor.row \
                and (norm_cell(anchor.text) in vocab.total_rows or spaced is not None):
            break
        texts.extend(parts)
        j += 1
    texts = texts[: len(cols)]
    if not texts:
        return None, anchor, False
    glued = cells[j - 1].glued if len(texts) == 1 else False
    if glued and GLUED_RUN_RE.match(texts[0].replace(" ", "")):
        figures = glued_money(texts[0], cols, unit)
        return figures, anchor, False
    figures, ambiguous = assign_money(texts, cols, unit)
    return figures, anchor, ambiguous


def _total_and_figures(text: str, vocab: Vocabulary) -> list[str] | None:
    """The figures of a total row printed in one cell with its label, separated by single spaces."""
    m = re.match(r"^(\S+?)\s+(\S.*)$", text.strip())
    if not m or norm_cell(m.group(1)) not in vocab.total_rows:
        return None
    figures = m.group(2).split()
    return figures if all(_money_text(f) for f in figures) else None


# a glued table's money row run together: '21182118100%' (全年预算数 2118, 全年执行数 2118, 执行率 100%)
GLUED_RUN_RE = re.compile(r"^\d[\d.]{4,}[%％]$")
# an execution rate above this is a misreading, not an overspend
MAX_RATE = Decimal(200)
PART_RE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,4})?$")


def _cuts(digits: str, parts: int) -> list[list[str]]:
    """Every way to cut a run of figures into `parts` numbers (no leading zeros, at most one point)."""
    out: list[list[str]] = []
    for cut in itertools.combinations(range(1, len(digits)), parts - 1):
        bounds = (0, *cut, len(digits))
        pieces = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if all(PART_RE.match(p) for p in pieces):
            out.append(pieces)
    return out


def glued_money(text: str, cols: list[str], unit: str) -> dict[str, str | None] | None:
    """The money row of a glued table, when exactly one cut of its figures agrees with itself: the
    execution rate equals executed / budget. Any doubt leaves the row unread (None)."""
    run = text.replace(" ", "").rstrip("%％")
    found: set[tuple[tuple[str, str | None], ...]] = set()
    for parts in range(3, len(cols) + 1):
        for pieces in _cuts(run, parts):
            pieces[-1] += "%"
            figures, ambiguous = assign_money(pieces, cols, unit)
            if figures is None or ambiguous or figures.get("execution_rate") is None:
                continue
            b, e, r = dec(figures.get("budget_full_year")), dec(figures.get("executed")), dec(figures["execution_rate"])
            if b is None or e is None or r is None or b <= 0 or e <= 0 or r <= 0 or r > MAX_RATE \
                    or abs(e / b * 100 - r) > Decimal("0.6"):
                continue
            if any((dec(figures.get(k)) or 0) > 100 for k in ("weight", "score")):
                continue  # points are at most 100
            found.add(tuple(sorted(figures.items())))
    if len(found) != 1:
        return None
    return dict(found.pop())


def _money_text(text: str) -> bool:
    t = text.replace(" ", "")
    return bool(MONEY_CELL_RE.match(t) or RATE_RE.match(t))


