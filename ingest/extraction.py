"""The Extraction contract: what `jixiao extract FILE --json` prints and what the warehouse loads.

It is the shape of the gold labels (`../shared/corpus/gold/README.md`) plus, on every row, where the
value came from (`provenance`), and a list of `warnings` saying what the extractor left null and why.
Money, percentages, weights and scores are strings holding exact decimals (万元 for money) so that
JSON never turns them into floats; the warehouse casts them to DECIMAL(18,4).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

ReportKind = Literal["project_self_evaluation", "department_self_evaluation", "final_accounts"]
Comparator = Literal[">=", "<=", ">", "<", "=", "range", "approx", "text"]
Met = Literal["met", "not_met", "undecidable"]


class OcrReading(TypedDict):
    page: int
    box: list[float]  # x0, top, x1, bottom in PDF points from the page's top-left
    confidence: float  # the OCR engine's confidence in the line (0–1)
    text: str  # the line as OCR read it


class Provenance(TypedDict):
    page: int | None  # 1-based page (None for formats without pages)
    table: int | None  # table index in the document (None for prose)
    row: int | None  # row index within that table
    raw_text: str  # the text the value was read from, as printed
    ocr: NotRequired[dict[str, OcrReading]]  # a scanned page: field → the OCR line it was read from


class Unit(TypedDict):
    name: str | None  # 单位全称, e.g. 中共桃江县委组织部
    aliases: list[str]  # 简称 used in the report, e.g. 县委组织部
    region_code: str | None  # 六位行政区划代码
    province: str | None  # 省
    prefecture: str | None  # 市（地区、州）
    county: str | None  # 县（区、市、管理区）
    unit_code: str | None  # 预算单位代码
    credit_code: str | None  # 统一社会信用代码
    provenance: NotRequired[Provenance]


class Report(TypedDict):
    kind: ReportKind
    title: str | None
    project: str | None
    score: str | None  # 自评得分
    grade: str | None  # 等级
    provenance: NotRequired[Provenance]


class Project(TypedDict):
    name: str
    budget_initial: str | None  # 年初预算数, 万元
    budget_full_year: str | None  # 全年预算数 / 可执行指标, 万元
    executed: str | None  # 全年执行数 / 决算金额, 万元
    execution_rate: str | None  # 执行率, percent as printed
    carryover: str | None  # 结转结余, 万元
    provenance: NotRequired[Provenance]


class SpendingItem(TypedDict):
    project: str | None
    item: str
    amount: str  # 万元
    provenance: NotRequired[Provenance]


class ParsedValue(TypedDict):
    comparator: Comparator | None  # ≥ ≤ > < = range approx, or text when not numeric
    value: str | None  # decimal as string (lower bound for a range)
    value_high: str | None  # upper bound for a range
    unit: str | None  # unit of measure as printed: 次, 人, %, 万元, 个月 …


class Indicator(TypedDict):
    project: str | None
    level1: str | None  # 一级指标
    level2: str | None  # 二级指标
    name: str  # 三级指标
    target: str | None  # 年度指标值, as printed
    actual: str | None  # 实际完成值, as printed
    weight: str | None  # 分值
    score: str | None  # 得分
    note: str | None  # 偏差原因分析及改进措施
    target_parsed: NotRequired[ParsedValue]
    actual_parsed: NotRequired[ParsedValue]
    met: NotRequired[Met]
    provenance: NotRequired[Provenance]


class DepartmentTotals(TypedDict):
    income_total: str | None  # 收入合计
    expenditure_total: str | None  # 支出合计
    basic_expenditure: str | None  # 基本支出
    project_expenditure: str | None  # 项目支出
    budget_initial_total: str | None  # 年初预算
    carryover_total: str | None  # 年末结转结余
    three_public_expenses: str | None  # 三公经费


class Warning_(TypedDict):
    field: str
    message: str


class Extraction(TypedDict):
    source_file: str
    sha256: NotRequired[str]
    format: NotRequired[str]
    extractor_version: NotRequired[str]
    unit: Unit
    fiscal_year: int | None
    reports: list[Report]
    projects: list[Project]
    spending_items: list[SpendingItem]
    indicators: list[Indicator]
    department_totals: DepartmentTotals | None
    remarks: list[str]
    warnings: NotRequired[list[Warning_]]
