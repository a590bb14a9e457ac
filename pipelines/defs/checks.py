"""Basic quality checks on the raw tables (the dbt tests cover the marts): every document has a
unit and a fiscal year, no money is negative, and execution rates agree with their amounts."""


from decimal import Decimal
from typing import Any

import dagster as dg

from pipelines.warehouse_access import open_warehouse
from warehouse.schema import expected_columns

SAMPLE = 20  # offending rows shown in a check's metadata


def money_columns() -> dict[str, tuple[str, ...]]:
    """table → its money columns (万元, the `*_wan` columns of warehouse/schema.sql), none of which can
    be negative; read from the DDL so that a money column added there is checked too."""
    out: dict[str, tuple[str, ...]] = {}
    for table, columns in expected_columns().items():
        money = tuple(name for name, _ in columns if name.endswith("_wan"))
        if money:
            out[table] = money
    return out


def _rows(sql: str) -> list[tuple[Any, ...]]:
    with open_warehouse(read_only=True) as conn:
        return conn.execute(sql).fetchall()


@dg.asset_check(
    asset=["raw", "documents"],
    description="Every loaded document names its unit (单位, full name or 简称) and its fiscal year (所评年度). "
    "A warning, not an error: the extractor leaves a unit it cannot tell for sure unknown rather than guess, "
    "so the list is the documents to look at, not a broken load.",
)
def documents_have_unit_and_year() -> dg.AssetCheckResult:
    bad = _rows(
        "select source_path, unit_name, fiscal_year from raw.documents "
        "where fiscal_year is null "
        "or (nullif(trim(unit_name), '') is null and coalesce(len(unit_aliases), 0) = 0) "
        "order by source_path"
    )
    total = _rows("select count(*) from raw.documents")[0][0]
    return dg.AssetCheckResult(
        passed=not bad,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "documents": total,
            "missing_unit_or_year": len(bad),
            "examples": [f"{p}: unit={u!r}, year={y!r}" for p, u, y in bad[:SAMPLE]] or "none",
        },
    )


def _no_negative_money_check(table: str, columns: tuple[str, ...]) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=["raw", table],
        name=f"no_negative_money_{table}",
        description=f"No money column of raw.{table} ({', '.join(columns)}) is negative.",
    )
    def check() -> dg.AssetCheckResult:
        cond = " or ".join(f"{c} < 0" for c in columns)
        bad = _rows(f"select d.source_path, t.* from raw.{table} t "
                    f"left join raw.documents d using (document_id) where {cond}")
        return dg.AssetCheckResult(
            passed=not bad,
            metadata={"negative_rows": len(bad), "examples": [str(r[:6]) for r in bad[:SAMPLE]] or "none"},
        )

    return check


def rate_is_consistent(rate: Decimal, executed: Decimal, budgets: list[Decimal | None]) -> bool:
    """Does the printed execution rate (执行率, %) agree with executed / budget for some stated budget?

    Amounts are printed to a few decimals, so the tolerance is half a unit of the last printed place of
    each amount, carried into the ratio, plus half a percentage point for the rate's own rounding.
    """
    for budget in budgets:
        if budget is None or budget <= 0:
            continue
        computed = executed / budget * 100
        amount_step = Decimal("0.005")
        spread = Decimal(100) * amount_step * (1 / budget + executed / (budget * budget))
        if abs(computed - rate) <= spread + Decimal("0.5"):
            return True
    return False


@dg.asset_check(
    asset=["raw", "projects"],
    description="A project's printed execution rate (执行率) agrees, within rounding, with 执行数 divided by "
    "全年预算数 (or 年初预算数). Warns only: reports do print inconsistent rates.",
)
def execution_rate_consistent() -> dg.AssetCheckResult:
    rows = _rows(
        "select d.source_path, p.name, p.execution_rate_pct, p.executed_wan, p.budget_full_year_wan, "
        "p.budget_initial_wan from raw.projects p left join raw.documents d using (document_id) "
        "where p.execution_rate_pct is not null and p.executed_wan is not null "
        "and coalesce(p.budget_full_year_wan, p.budget_initial_wan) is not null"
    )
    bad = [r for r in rows if not rate_is_consistent(Decimal(r[2]), Decimal(r[3]), [r[4], r[5]])]
    return dg.AssetCheckResult(
        passed=not bad,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "projects_checked": len(rows),
            "inconsistent": len(bad),
            "examples": [f"{p}: {n} rate {r}% vs {e}/{b or i}" for p, n, r, e, b, i in bad[:SAMPLE]] or "none",
        },
    )


def defs() -> dg.Definitions:
    checks = [documents_have_unit_and_year, execution_rate_consistent]
    checks += [_no_negative_money_check(t, cols) for t, cols in money_columns().items()]
    return dg.Definitions(asset_checks=checks)
