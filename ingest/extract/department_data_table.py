"""The 部门整体支出绩效评价基础数据表: the basic-data table a whole-department evaluation appends.

Its 经费控制情况 block prints one row per figure the department controls, each with the figures of
three columns (last year's 决算, this year's 预算, this year's 决算):

    经费控制情况(万元) | 2021年决算数 | 2022年预算数 | 2022年决算数
    支出总额           | 1274.38     | 1342.49     | 1342.49
    基本支出 / 其中:公用经费 / 项目支出 / (一个项一行) 春节慰问资金 | 300 | 300 | 300 / 三公经费 …

A web page prints it one cell per line, a blank cell as a line of spaces, so the cells are read from
the raw lines (an empty line separates cells, a line of spaces is a cell left blank). Row labels are
the vocabulary's (forms.yaml `department_data_table`): the totals, the project rows after the
project marker, and every other row with a figure this year as a spending item of the whole unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ingest.extract.text import TextLine
from ingest.templates import load_raw
from ingest.values import to_wan

FIGURE_RE = re.compile(r"^-?\d+(?:,\d{3})*(?:\.\d+)?$")
LABEL_MARK_RE = re.compile(r"^(?:其中[:：]?)?(?:\d+[、.．]?|[（(][一二三四五六七八九十\d]+[）)])?\s*")


@dataclass
class DataTable:
    """What the table states for this year: totals by field, spending items, projects."""

    totals: dict[str, str] = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)


@cache
def _vocab() -> dict[str, Any]:
    return load_raw().get("department_data_table", {})


def _cells(lines: list[TextLine]) -> list[tuple[str, TextLine]]:
    """The table's cells in order: every line the page printed, a line of spaces a blank cell."""
    out: list[tuple[str, TextLine]] = []
    for ln in lines:
        raw = ln.src.text
        if raw == "":
            continue
        for part in (raw.split("|") if raw.count("|") >= 2 else [raw]):
            out.append((re.sub(r"\s+", "", part), ln))
    return out


def read_department_data_table(lines: list[TextLine], year: int | None) -> DataTable:
    """This year's figures of the basic-data table in the lines (empty when there is none)."""
    v = _vocab()
    found = DataTable()
    cells = _cells(lines)
    start = next((k for k, (t, _) in enumerate(cells) if any(m in t for m in v.get("markers", []))), None)
    if start is None:
        return found
    unit = "元" if re.search(r"[（(]元[）)]?$", cells[start][0]) else "万元"  # '经费控制情况(万元)'
    column_re = re.compile(v["column"])
    cols: list[tuple[int | None, str]] = []
    k = start + 1
    while k < len(cells) and (m := column_re.fullmatch(cells[k][0])):
        cols.append((int(m.group("year")), m.group("kind")))
        k += 1
    spent = [c for c, (y, kind) in enumerate(cols) if kind == "决算" and (year is None or y == year)]
    planned = [c for c, (y, kind) in enumerate(cols) if kind == "预算" and (year is None or y == year)]
    if len(cols) < 2 or not spent:
        return found
    this, plan = spent[-1], (planned[-1] if planned else None)
    totals: dict[str, str] = v.get("totals", {})
    ends = v.get("ends", [])
    in_projects = False
    while k < len(cells):
        label, ln = cells[k]
        if any(label.startswith(e) for e in ends):
            break
        figures = [t for t, _ in cells[k + 1: k + 1 + len(cols)]]
        if not label or FIGURE_RE.match(label) or len(figures) < len(cols) \
                or not all(f == "" or FIGURE_RE.match(f) for f in figures):
            in_projects = in_projects or any(m in label for m in v.get("project_markers", []))
            k += 1
            continue
        name = LABEL_MARK_RE.sub("", label).rstrip(":：")
        k += 1 + len(cols)
        value = to_wan(figures[this], unit) if figures[this] else None
        if name in totals:
            in_projects = totals[name] == "project_expenditure"
            if value is not None:
                found.totals[totals[name]] = value
            continue
        if name in v.get("item_sections", []):
            in_projects = False  # '公用经费' (of the basic spending) after the project rows
        if in_projects:
            budget = to_wan(figures[plan], unit) if plan is not None and figures[plan] else None
            if value is not None or budget is not None:
                found.projects.append({"name": name, "budget_initial": None, "budget_full_year": budget,
                                       "executed": value, "execution_rate": None, "carryover": None,
                                       "provenance": ln.provenance(label)})
            continue
        if value is not None:
            found.items.append({"project": None, "item": name, "amount": value, "provenance": ln.provenance(label)})
    return found
