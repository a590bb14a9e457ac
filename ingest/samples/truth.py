"""A sample report's truth in the gold-label shape (../shared/corpus/gold/README.md), built as it is written.

Each writer returns a `Part`: the layout blocks it printed plus what a correct extraction of them
holds. A file is one or several parts (a bundle); `assemble` merges them into one gold-shaped dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.samples.facts import UnitFacts
from ingest.samples.layout import Block

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
    """Merge the parts of one file into its gold-shaped truth (projects named twice become one row)."""
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
        "department_totals": totals,
        "remarks": [r for p in parts for r in p.remarks],
    }
