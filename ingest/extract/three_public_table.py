"""A “三公”经费 statement printed as a table: one row per item, this year's 决算 beside last year's.

    项目 | 上年决算数 | 本年决算数 | 比上年增、减情况
    合计 | 2911.47 | 2706.86 | -204.61 | -7.03%
    1.因公出国(境)费 | 13.06 | 10.20 | -2.86 | -21.9%

The header's value columns say which figure of a row is this year's (prose.yaml `three_public_table`);
a row's figures are read in the order of those columns, whatever flattened the table (`|`, tabs,
runs of spaces). Only rows named by a 三公 item (or the total) are read; an item left blank is not.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.extract.cells import split_line
from ingest.extract.text import TextLine
from ingest.templates import prose_vocabulary
from ingest.values import to_wan

ROW_MARK_RE = re.compile(r"^(?:其中[:：]?)?(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?")
FIGURE_RE = re.compile(r"^-?\d+(?:,\d{3})*(?:\.\d+)?$")
ROWS_AFTER_HEADER = 12


def _vocab() -> dict[str, Any]:
    return prose_vocabulary().get("three_public_table", {})


def _this_year_column(cells: list[str]) -> int | None:
    """Among the header's value columns (those after the item column), the one holding this year's 决算."""
    v = _vocab()
    values = [c for c in cells[1:] if re.search(v.get("value_column", "(?!)"), c)]
    this_year = [k for k, c in enumerate(values) if re.search(v.get("this_year", "(?!)"), c)
                 and not re.search(v.get("last_year", "(?!)"), c)]
    return this_year[0] if len(this_year) == 1 else None


def _unit(lines: list[TextLine], at: int) -> str:
    for ln in lines[max(0, at - 3): at + 1]:
        m = re.search(r"单位[:：]\s*(万元|元)", ln.text.replace(" ", ""))
        if m:
            return m.group(1)
    return "万元"


def three_public_table(lines: list[TextLine], item_groups: list[list[str]]) -> tuple[list[dict], str | None]:
    """(this year's items as spending items of the whole unit, the statement's total) of the first
    三公 table in `lines`; ([], None) when there is none."""
    names = {re.sub(r"[（()）]", "", n): g[0] for g in item_groups for n in g}
    totals = tuple(_vocab().get("total_rows", ()))
    for i, ln in enumerate(lines):
        cells, _ = split_line(ln.text)
        col = _this_year_column([c.strip() for c in cells]) if len(cells) >= 2 else None
        if col is None:
            continue
        unit = _unit(lines, i)
        items: list[dict] = []
        total: str | None = None
        for row in lines[i + 1: i + 1 + ROWS_AFTER_HEADER]:
            cells, _ = split_line(row.text)
            if not cells:
                continue
            label = ROW_MARK_RE.sub("", cells[0].strip())
            figures = [c.strip().replace(",", "") for c in cells[1:] if FIGURE_RE.match(c.strip())]
            plain = re.sub(r"[（()）]", "", label)
            if col >= len(figures):
                continue  # an item left blank, or a row of the header's second line
            amount = to_wan(figures[col], unit)
            if plain in names:
                items.append({"project": None, "item": label, "amount": amount,
                              "provenance": row.provenance(row.text)})
            elif plain.endswith(totals) and total is None:
                total = amount
        if items:
            return items, total
    return [], None
