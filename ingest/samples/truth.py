"""A sample report's truth in the gold-label shape (../shared/corpus/gold/README.md), built as it is written.

Each writer returns a `Part`: the layout blocks it printed plus what a correct extraction of them
holds. A file is one or several parts (a bundle); `assemble` merges them into one gold-shaped dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ingest.samples.facts import UnitFacts, pct
from ingest.samples.layout import Block

# The national framework's category (as in dbt_project/seeds/indicator_categories.csv) of each
# 二级指标 the generator draws, whatever label a report prints for it.
FRAMEWORK_CATEGORY = {"数量指标": "产出-数量", "质量指标": "产出-质量", "时效指标": "产出-时效", "成本指标": "产出-成本",
                      "经济效益指标": "效益-经济", "社会效益指标": "效益-社会", "生态效益指标": "效益-生态",
                      "可持续影响指标": "效益-可持续影响", "服务对象满意度指标": "满意度"}


def indicator_outcome(level2: str, met: bool) -> dict[str, Any]:
    """What the generator knows of an indicator row beyond its print: its category and whether it was met."""
    return {"category": FRAMEWORK_CATEGORY[level2], "met": met}


TOTAL_KEYS = ("income_total", "expenditure_total", "basic_expenditure", "project_expenditure",
              "budget_initial_total", "carryover_total", "three_public_expenses")


@dataclass
class Part:
    """One report's blocks and its share of the truth."""

    kind: str
    blocks: list[Block]
    report: dict[str, Any]
    projects: list[dict[str, Any]] = field(default_factory=list)
    spending_items: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    indicator_outcomes: list[dict[str, Any]] = field(default_factory=list)  # one per indicator row
    totals: dict[str, str | None] | None = None
    remarks: list[str] = field(default_factory=list)
    aliases_used: list[str] = field(default_factory=list)
    printed_unit_code: bool = False
    printed_credit_code: bool = False


def empty_totals() -> dict[str, str | None]:
    return dict.fromkeys(TOTAL_KEYS)


def _merge_project(into: dict[str, Any], new: dict[str, Any]) -> None:
    for k, v in new.items():
        if k == "name" or v is None:
            continue
        if into.get(k) is None:
            into[k] = v


def assemble(source_file: str, unit: UnitFacts, parts: list[Part]) -> dict[str, Any]:
    """Merge the parts of one file into its gold-shaped truth (projects named twice become one row).

    Beyond the gold shape, `indicator_outcomes[k]` is the framework category and whether the target
    was met of `indicators[k]` (the scorer ignores it; the tests of the questions use it), and the
    remarks name every project row executed under 80% of its full-year budget."""
    projects: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    for p in parts:
        for row in p.projects:
            if row["name"] in by_name:
                _merge_project(by_name[row["name"]], row)
            else:
                copy = dict(row)
                by_name[row["name"]] = copy
                projects.append(copy)
    totals: dict[str, str | None] | None = None
    for p in parts:
        if p.totals is None:
            continue
        if totals is None:
            totals = empty_totals()
        for k, v in p.totals.items():
            if v is not None and totals.get(k) is None:
                totals[k] = v
    aliases: list[str] = []
    for p in parts:
        for a in p.aliases_used:
            if a not in aliases and a != unit.name:
                aliases.append(a)
    place = unit.place
    return {
        "source_file": source_file,
        "unit": {
            "name": unit.name,
            "aliases": aliases,
            "region_code": place.code,
            "province": place.province,
            "prefecture": place.prefecture,
            "county": place.county,
            "unit_code": unit.unit_code if any(p.printed_unit_code for p in parts) else None,
            "credit_code": unit.credit_code if any(p.printed_credit_code for p in parts) else None,
        },
        "fiscal_year": unit.fiscal_year,
        "reports": [p.report for p in parts],
        "projects": projects,
        "spending_items": [i for p in parts for i in p.spending_items],
        "indicators": [i for p in parts for i in p.indicators],
        "indicator_outcomes": [o for p in parts for o in p.indicator_outcomes],
        "department_totals": totals,
        "remarks": [r for p in parts for r in p.remarks] + _underspent_remarks(projects),
    }


def _underspent_remarks(projects: list[dict[str, Any]]) -> list[str]:
    """One remark per project row whose printed 执行数 is under 80% of its printed 全年预算数 (the rows
    cross-jurisdiction question 2 lists), computed from the amounts as the truth records them."""
    out: list[str] = []
    for p in projects:
        if p.get("budget_full_year") is None or p.get("executed") is None:
            continue
        full, executed = Decimal(p["budget_full_year"]), Decimal(p["executed"])
        if full and executed < Decimal("0.8") * full:
            out.append(f"“{p['name']}”执行数{p['executed']}万元不足全年预算数{p['budget_full_year']}万元的80%"
                       f"（{pct(executed, full)}%）。")
    return out
