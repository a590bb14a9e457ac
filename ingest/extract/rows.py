"""Reading indicator rows from cells: which column a cell can stand in, and the cheapest reading.

A row of a form is the header's columns in order; each column either takes the next cell (if the
cell's kind fits: a weight is a number, a level is a level word, a name holds a CJK character…) or is
read as blank at a cost. The reading of a run of cells with the lowest total cost wins; a stray figure
between rows is passed over. Pure functions over strings and the vocabulary.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.templates import Vocabulary, norm_cell, vocabulary

CJK_RE = re.compile(r"[\u4e00-\u9fff]")
NUMBER_RE = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:分)?$")
UNIT_CELL_RE = re.compile(r"^(?:[%％‰℃㎡]|[\u4e00-\u9fffA-Za-z/²³·]{1,5})$")
# costs of reading a column as blank (a dropped cell); a reading with the lowest total wins
SKIP_COST = {"level1": 0.0, "level_weight": 0.0, "level2": 0.0, "note": 0.0, "standard": 0.0, "unit": 0.5, "nature": 0.5, "direction": 0.5,
             "weight": 1.0, "score": 1.0, "actual": 3.0, "score_implied": 0.0, "last_year": 0.5, "completion": 0.5,
             "seq": 0.5}
# a stray figure between rows (a merged points cell printed once) is passed over at this cost
STRAY_COST = 1.5
# a glued table's text cell that starts no reading (a header's tail, a cell cut in two) is passed over
STRAY_TEXT_COST = 3.0
# a level word standing alone (a level with no rows of its own, or printed on a row of its own) is
# read as setting the level, at this cost
LEVEL_ALONE_COST = 0.5
TAKE_COST = {"note": 0.1}
REQUIRED = ("name", "target")
# figures a glued table ran together ('44' for 分值 4 and 得分 4): split where two point columns meet,
# at this cost (halves that are equal, as most rows score full marks), or this (a score below its weight)
SPLIT_EQUAL_COST = 0.2
SPLIT_UNEQUAL_COST = 0.6
POINT_COLUMNS = ("weight", "score", "score_implied")
# a glued table's bare digits that can be read as two points taken as a target or result instead
GLUED_VALUE_COST = 1.5


def point_splits(text: str) -> list[tuple[str, str, float]]:
    """The ways digits glued from a weight and its score can be read back: (weight, score, cost).
    Points are at most 100 and a score is at most its weight."""
    t = text.strip()
    if not re.fullmatch(r"\d{2,6}", t):
        return []
    out: list[tuple[str, str, float]] = []
    for k in range(1, len(t)):
        w, s = t[:k], t[k:]
        if (len(w) > 1 and w[0] == "0") or (len(s) > 1 and s[0] == "0"):
            continue
        if int(w) > 100 or int(s) > int(w):
            continue
        out.append((w, s, SPLIT_EQUAL_COST if w == s else SPLIT_UNEQUAL_COST))
    return out


def is_number(text: str) -> bool:
    return bool(NUMBER_RE.match(text.replace(" ", "")))


def is_structural(text: str, vocab: Vocabulary) -> bool:
    """A cell that belongs to the indicator table's frame, never to a row's values. (A money header
    word such as 预算执行率 is also a common indicator name, so it is not structural here.)"""
    n = norm_cell(text)
    return n in vocab.end_rows or vocab.indicators.field_of(text) is not None


POINTED_LEVEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,10})\s*[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]$")


def pointed_level(text: str) -> str | None:
    """A level of a scoring sheet printed with its points ('项目决策(20分)', '决策(10)') → its name. Such
    levels (the evaluation framework's 决策 / 过程 / 产出 / 效益 and their parts) are no vocabulary's words;
    the points mark them."""
    m = POINTED_LEVEL_RE.match(re.sub(r"\s+", "", text))
    return m.group(1) if m else None


def fits(kind: str, text: str, vocab: Vocabulary) -> bool:
    """Can a cell of this text stand in a column of this kind?"""
    l1, l2 = vocab.level_of(text)
    is_level = l1 is not None or l2 is not None
    if kind == "level1":
        return l1 is not None or pointed_level(text) is not None
    if kind == "level2":
        return l2 is not None or pointed_level(text) is not None
    if is_level or is_structural(text, vocab):
        return False
    if kind == "text":
        return bool(CJK_RE.search(text)) and not is_number(text)
    if kind == "number":
        return is_number(text)
    if kind == "nature":
        return vocab.comparator(text) is not None
    if kind == "unit":
        return bool(UNIT_CELL_RE.match(text.strip())) and not is_number(text)
    if kind == "note":
        return bool(CJK_RE.search(text)) and not is_number(text)
    return True  # value


VALUE_COLUMNS = ("target", "actual")


def glued_pairs(texts: tuple[str, ...], j: int, col: str, nxt: str) -> list[tuple[str, str, float]]:
    """Two columns a glued table ran into one cell, where the text itself shows the cut: a value
    printed twice for target and result ('合格合格', '是是'), or points before a value that the next
    cell repeats ('8550万粒' before '550万粒': 分值 8, 年度指标值 550万粒)."""
    t = texts[j].strip()
    out: list[tuple[str, str, float]] = []
    half = len(t) // 2
    if col == "target" and nxt == "actual" and len(t) >= 2 and len(t) % 2 == 0 and t[:half] == t[half:] \
            and not t.isdigit():
        out.append((t[:half], t[half:], SPLIT_EQUAL_COST))
    if col in POINT_COLUMNS and nxt in VALUE_COLUMNS and j + 1 < len(texts):
        following = texts[j + 1].strip()
        for k in (1, 2):
            w, rest = t[:k], t[k:]
            if w.isdigit() and int(w) <= 100 and rest[:1].isdigit() and rest == following:
                out.append((w, rest, SPLIT_EQUAL_COST))
    return out


def _row_readings(texts: tuple[str, ...], i: int, cols: tuple[str, ...], kinds: dict[str, str],
                  vocab: Vocabulary, glued: frozenset[int] = frozenset()) -> list[tuple[int, float, dict[str, str]]]:
    """Every way one indicator row can start at texts[i]: (next index, cost, column → text)."""
    out: list[tuple[int, float, dict[str, str]]] = []

    def walk(c: int, j: int, cost: float, got: dict[str, str]) -> None:
        if c == len(cols):
            if all(r in got for r in REQUIRED if r in cols):
                out.append((j, cost, dict(got)))
            return
        col = cols[c]
        if j in glued and col in POINT_COLUMNS and c + 1 < len(cols) and cols[c + 1] in POINT_COLUMNS:
            for w, s, split_cost in point_splits(texts[j]):
                got[col], got[cols[c + 1]] = w, s
                walk(c + 2, j + 1, cost + split_cost, got)
                del got[col], got[cols[c + 1]]
        if j in glued and c + 1 < len(cols):
            for first, second, split_cost in glued_pairs(texts, j, col, cols[c + 1]):
                got[col], got[cols[c + 1]] = first, second
                walk(c + 2, j + 1, cost + split_cost, got)
                del got[col], got[cols[c + 1]]
        if j < len(texts) and fits(kinds[col], texts[j], vocab):
            got[col] = texts[j]
            extra = GLUED_VALUE_COST if j in glued and col in ("target", "actual") and point_splits(texts[j]) else 0.0
            walk(c + 1, j + 1, cost + TAKE_COST.get(col, 0.0) + extra, got)
            del got[col]
        if col not in REQUIRED:
            walk(c + 1, j, cost + SKIP_COST.get(col, 1.0), got)

    walk(0, i, 0.0, {})
    return out


def parse_rows(texts: list[str], cols: list[str], kinds: dict[str, str], vocab: Vocabulary | None = None,
               glued: frozenset[int] = frozenset()) -> tuple[list[dict[str, str]], int]:
    """Read as many whole indicator rows as the cells allow, cheapest reading first.

    Returns the rows (column → text) and how many cells they used. A level word read on its own
    comes back as a row {"_level": text}, so the caller can set the level it opens. `glued` are the
    indices of cells cut from a glued table, whose figures may hold two points columns run together."""
    t, c = tuple(texts), tuple(cols)
    n = len(t)
    best: list[tuple[float, int, list[int], dict[str, str]] | None] = [None] * (n + 1)
    best[0] = (0.0, -1, [], {})
    vocab_ = vocab or vocabulary()
    readings = _cached_readings(t, c, tuple(sorted(kinds.items())), vocab_, glued)
    for i in range(n):
        if best[i] is None:
            continue
        skip: tuple[float, dict[str, str]] | None = None
        if is_number(t[i]):
            skip = (STRAY_COST, {})
        elif any(vocab_.level_of(t[i])):
            skip = (LEVEL_ALONE_COST, {"_level": t[i]})
        elif i in glued:
            skip = (STRAY_TEXT_COST, {})
        if skip and (best[i + 1] is None or best[i][0] + skip[0] < best[i + 1][0]):
            best[i + 1] = (best[i][0] + skip[0], i, [], skip[1])
        for j, cost, got in readings(i):
            if j <= i:
                continue
            total = best[i][0] + cost
            if best[j] is None or total < best[j][0]:
                best[j] = (total, i, [], got)
    end = max((i for i in range(n + 1) if best[i] is not None and (i == 0 or "name" in best[i][3])), default=0)
    rows: list[dict[str, str]] = []
    k = end
    while k > 0:
        entry = best[k]
        assert entry is not None
        if entry[3]:
            rows.append({**entry[3], "_at": str(entry[1])})
        k = entry[1]
    rows.reverse()
    return rows, end


def _cached_readings(texts: tuple[str, ...], cols: tuple[str, ...], kinds: tuple[tuple[str, str], ...],
                     vocab: Vocabulary, glued: frozenset[int] = frozenset()):
    kd = dict(kinds)

    @cache
    def at(i: int) -> list[tuple[int, float, dict[str, str]]]:
        return _row_readings(texts, i, cols, kd, vocab, glued)

    return at


