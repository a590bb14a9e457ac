"""The dashboard's query layer: every number a page shows comes from one of these queries.

Kept apart from the Streamlit app so that tests compare each page's numbers with `jixiao sql` on
the same serving copy. Each call opens a fresh read-only connection to the current serving version
(`connect_serving`), so a publication is picked up on the next query, never a restart; results are
exact Python values (Decimal money), never floats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from warehouse.serving import connect_serving, current_version

Row = tuple[Any, ...]


def exact_percent(num: str, den: str) -> str:
    """SQL for num / den × 100 to 4 places, half away from zero, in integers: the marts' own
    `exact_percent` macro (dbt_project/macros/normalize.sql), since DuckDB divides decimals in floats."""
    n, d = f"cast(({num}) * 10000 as hugeint)", f"cast(({den}) * 10000 as hugeint)"
    return (f"(CASE WHEN ({num}) IS NULL OR ({den}) IS NULL OR ({den}) = 0 THEN NULL ELSE CAST(CAST("
            f"sign({num}) * sign({den}) * ((abs({n}) * 2000000 + abs({d})) // (2 * abs({d}))) "
            f"AS DECIMAL(38, 0)) * 0.0001 AS DECIMAL(18, 4)) END)")


@dataclass(frozen=True)
class Filters:
    """What the sidebar narrows every page to; None means all. Jurisdiction is the reporting unit's."""

    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    fiscal_year: int | None = None
    unit_key: str | None = None
    department_type: str | None = None

    def where(self, unit: str = "u", year: str | None = None) -> tuple[str, list[Any]]:
        """A SQL condition on dim_unit alias `unit` (and the fact's year column), with its parameters."""
        parts, params = ["true"], []
        for column, value in (("province_name", self.province), ("prefecture_name", self.prefecture),
                              ("county_name", self.county), ("unit_key", self.unit_key),
                              ("department_type", self.department_type)):
            if value is not None:
                parts.append(f"{unit}.{column} = ?")
                params.append(value)
        if year is not None and self.fiscal_year is not None:
            parts.append(f"{year} = ?")
            params.append(self.fiscal_year)
        return " and ".join(parts), params


@dataclass
class Result:
    """Column names and rows of one query, plus the serving version they were read from."""

    columns: list[str]
    rows: list[Row]
    version: str | None = None
    sql: str = ""
    params: list[Any] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]


def run(sql: str, params: list[Any] | None = None, serving_dir: str | Path | None = None) -> Result:
    """Run `sql` on a new read-only connection to the current serving version, and close it."""
    params = list(params or [])
    with connect_serving(read_only=True, serving_dir=serving_dir) as conn:
        cur = conn.execute(sql, params)
        columns = [d[0] for d in cur.description or []]
        rows = [tuple(r) for r in cur.fetchall()]
        (version,) = conn.execute("SELECT version FROM publication").fetchone() or (None,)
    return Result(columns, rows, version, sql, params)


def version(serving_dir: str | Path | None = None) -> str | None:
    """The current serving version (a cache key: a new one means new numbers)."""
    return current_version(serving_dir)


# ---------------------------------------------------------------------------------------------
# filter choices


def filter_options(f: Filters, serving_dir: str | Path | None = None) -> dict[str, list[Any]]:
    """The values each filter offers, narrowed by the filters above it (province → prefecture → …)."""
    units = Filters(province=f.province, prefecture=f.prefecture, county=f.county,
                    department_type=f.department_type)
    cond, params = units.where()
    out: dict[str, list[Any]] = {}
    out["province"] = [r[0] for r in run(
        "SELECT DISTINCT province_name FROM dim_unit WHERE province_name IS NOT NULL ORDER BY 1",
        serving_dir=serving_dir).rows]
    out["prefecture"] = [r[0] for r in run(
        "SELECT DISTINCT prefecture_name FROM dim_unit WHERE prefecture_name IS NOT NULL "
        "AND province_name IS NOT DISTINCT FROM coalesce(?, province_name) ORDER BY 1",
        [f.province], serving_dir).rows]
    out["county"] = [r[0] for r in run(
        "SELECT DISTINCT county_name FROM dim_unit WHERE county_name IS NOT NULL "
        "AND province_name IS NOT DISTINCT FROM coalesce(?, province_name) "
        "AND prefecture_name IS NOT DISTINCT FROM coalesce(?, prefecture_name) ORDER BY 1",
        [f.province, f.prefecture], serving_dir).rows]
    out["fiscal_year"] = [r[0] for r in run(
        "SELECT fiscal_year FROM dim_year WHERE documents_count > 0 ORDER BY 1 DESC", serving_dir=serving_dir).rows]
    out["department_type"] = [r[0] for r in run(
        "SELECT DISTINCT department_type FROM dim_unit WHERE department_type IS NOT NULL ORDER BY 1",
        serving_dir=serving_dir).rows]
    out["unit"] = run(f"SELECT u.unit_key, u.unit_name FROM dim_unit AS u WHERE {cond} ORDER BY u.unit_name",
                      params, serving_dir).rows
    return out


# ---------------------------------------------------------------------------------------------
# the pages


def next_level(f: Filters) -> str:
    """The jurisdiction level page 1 ranks: below the narrowest one chosen."""
    if f.prefecture is not None or f.county is not None:
        return "county"
    if f.province is not None:
        return "prefecture"
    return "province"


def execution_by_region(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 1: Σ executed / Σ full-year budget (project-years printing both, is_primary) by
    jurisdiction and year; the q1_execution_rate_by_region rule, under the sidebar's filters."""
    level = next_level(f)
    cond, params = f.where(year="s.fiscal_year")
    name = f"u.{level}_name"
    return run(f"""
        SELECT coalesce({name}, '(未定 unknown)') AS region, s.fiscal_year,
               count(*) AS project_rows,
               sum(s.budget_full_year_wan) AS budget_full_year_wan,
               sum(s.executed_wan) AS executed_wan,
               {exact_percent("sum(s.executed_wan)", "sum(s.budget_full_year_wan)")} AS execution_rate_pct
        FROM fct_project_spending AS s JOIN dim_unit AS u USING (unit_key)
        WHERE s.is_primary AND s.budget_full_year_wan IS NOT NULL AND s.executed_wan IS NOT NULL AND {cond}
        GROUP BY 1, 2 ORDER BY execution_rate_pct DESC NULLS LAST, region, s.fiscal_year""", params, serving_dir)


def execution_total(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 1's headline: one execution rate over everything the filters select."""
    cond, params = f.where(year="s.fiscal_year")
    return run(f"""
        SELECT count(*) AS project_rows, sum(s.budget_full_year_wan) AS budget_full_year_wan,
               sum(s.executed_wan) AS executed_wan,
               {exact_percent("sum(s.executed_wan)", "sum(s.budget_full_year_wan)")} AS execution_rate_pct
        FROM fct_project_spending AS s JOIN dim_unit AS u USING (unit_key)
        WHERE s.is_primary AND s.budget_full_year_wan IS NOT NULL AND s.executed_wan IS NOT NULL
          AND {cond}""", params, serving_dir)


PROVENANCE = "s.source_name, s.page, s.table_index, s.row_index, d.source_path, d.attachment_url, s.document_id"


def project_rows(f: Filters, below_pct: Decimal | None = None, serving_dir: str | Path | None = None) -> Result:
    """The project-year rows behind page 1 (and, with `below_pct`, page 2's underspent projects),
    each with the report it was read from."""
    cond, params = f.where(year="s.fiscal_year")
    if below_pct is not None:
        cond += " AND s.execution_rate_computed_pct < ?"
        params.append(below_pct)
    return run(f"""
        SELECT s.fiscal_year, u.province_name, u.prefecture_name, u.county_name, u.unit_name,
               u.department_type, s.project_name, s.budget_full_year_wan, s.executed_wan,
               s.execution_rate_computed_pct, s.execution_rate_reported_pct, {PROVENANCE}
        FROM fct_project_spending AS s JOIN dim_unit AS u USING (unit_key)
        LEFT JOIN dim_document AS d USING (document_id)
        WHERE s.is_primary AND {cond}
        ORDER BY s.execution_rate_computed_pct NULLS LAST, s.fiscal_year, u.unit_name, s.project_name""",
        params, serving_dir)


def indicators_by_category(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 3: indicators met / not met / undecidable per category; met share over decidable ones
    (the q3_indicator_met_share rule)."""
    cond, params = f.where(year="i.fiscal_year")
    return run(f"""
        SELECT c.indicator_category, c.category_en, count(*) AS indicators,
               count(*) FILTER (WHERE i.met = 'met') AS met,
               count(*) FILTER (WHERE i.met = 'not_met') AS not_met,
               count(*) FILTER (WHERE i.met = 'undecidable') AS undecidable,
               CASE WHEN count(*) FILTER (WHERE i.met <> 'undecidable') > 0 THEN
                   CAST(round(100.0 * count(*) FILTER (WHERE i.met = 'met')
                              / count(*) FILTER (WHERE i.met <> 'undecidable'), 2) AS DECIMAL(9, 2))
               END AS met_share_pct
        FROM fct_indicator_result AS i JOIN dim_unit AS u USING (unit_key)
        JOIN dim_indicator_category AS c USING (category_code)
        WHERE i.is_primary AND {cond}
        GROUP BY c.indicator_category, c.category_en, c.sort_order ORDER BY c.sort_order""", params, serving_dir)


def indicator_rows(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """The indicator rows behind page 3, not met first, with their reports."""
    cond, params = f.where(year="i.fiscal_year")
    return run(f"""
        SELECT i.fiscal_year, u.unit_name, i.project_name, i.indicator_category, i.indicator_name,
               i.target_printed, i.actual_printed, i.met, i.met_basis,
               i.source_name, i.page, i.table_index, i.row_index, d.source_path, d.attachment_url, i.document_id
        FROM fct_indicator_result AS i JOIN dim_unit AS u USING (unit_key)
        LEFT JOIN dim_document AS d USING (document_id)
        WHERE i.is_primary AND {cond}
        ORDER BY CASE i.met WHEN 'not_met' THEN 0 WHEN 'undecidable' THEN 1 ELSE 2 END,
                 i.fiscal_year, u.unit_name, i.indicator_index""", params, serving_dir)


def credibility(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 4: per unit and year, the best self-evaluation score against the execution rate of its
    projects (the q4_high_score_low_execution measures, every unit-year that has both), with the
    report that printed the score."""
    cond, params = f.where(year="e.fiscal_year")
    return run(f"""
        WITH best AS (
            SELECT unit_key, fiscal_year, score, source_name, page, row_index, document_id,
                   row_number() OVER (PARTITION BY unit_key, fiscal_year ORDER BY score DESC, document_id) AS k
            FROM fct_evaluation WHERE score IS NOT NULL
        ), execution AS (
            SELECT unit_key, fiscal_year, count(*) AS project_rows,
                   sum(budget_full_year_wan) AS budget_full_year_wan, sum(executed_wan) AS executed_wan
            FROM fct_project_spending
            WHERE is_primary AND budget_full_year_wan IS NOT NULL AND executed_wan IS NOT NULL
            GROUP BY ALL
        )
        SELECT e.fiscal_year, u.unit_name, u.department_type, u.province_name, u.prefecture_name,
               u.county_name, b.score AS best_self_score, e.project_rows, e.budget_full_year_wan,
               e.executed_wan,
               {exact_percent("e.executed_wan", "e.budget_full_year_wan")} AS execution_rate_pct,
               b.source_name, b.page, b.row_index, d.source_path, d.attachment_url, b.document_id
        FROM execution AS e JOIN best AS b USING (unit_key, fiscal_year)
        JOIN dim_unit AS u ON u.unit_key = e.unit_key LEFT JOIN dim_document AS d ON d.document_id = b.document_id
        WHERE b.k = 1 AND {cond}
        ORDER BY e.fiscal_year, u.unit_name""", params, serving_dir)


def unit_years(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 5: one unit (the unit filter) across years, from q5_unit_across_years."""
    cond, params = f.where(year="u.fiscal_year")
    return run(f"""
        SELECT u.fiscal_year, u.unit_name, u.reports, u.best_self_score, u.project_rows,
               u.budget_full_year_wan, u.executed_wan, u.execution_rate_pct, u.indicators, u.indicators_met
        FROM q5_unit_across_years AS u WHERE {cond}
        ORDER BY u.unit_name, u.fiscal_year""", params, serving_dir)


def unit_documents(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """The report files behind page 5's years."""
    cond, params = f.where(year="d.fiscal_year")
    return run(f"""
        SELECT d.fiscal_year, u.unit_name, d.source_name, d.n_pages, d.file_format, d.source_path,
               d.attachment_url, d.document_id
        FROM dim_document AS d JOIN dim_unit AS u USING (unit_key)
        WHERE {cond} ORDER BY d.fiscal_year, d.source_name""", params, serving_dir)


def inconsistencies_by_check(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """Page 6: failed self-consistency checks per check (fct_report_check where not passed)."""
    cond, params = f.where(year="c.fiscal_year")
    return run(f"""
        SELECT c.check_name, count(*) AS failed, count(*) FILTER (WHERE c.may_be_partial) AS may_be_partial,
               count(DISTINCT c.document_id) AS reports
        FROM fct_report_check AS c JOIN dim_unit AS u USING (unit_key)
        WHERE NOT c.passed AND {cond} GROUP BY 1 ORDER BY failed DESC, c.check_name""", params, serving_dir)


def inconsistency_rows(f: Filters, serving_dir: str | Path | None = None) -> Result:
    """The failed checks behind page 6, each with its report and page."""
    cond, params = f.where(year="c.fiscal_year")
    return run(f"""
        SELECT c.fiscal_year, u.unit_name, c.check_name, c.subject, c.printed_value, c.computed_value,
               c.difference, c.value_unit, c.may_be_partial, c.source_name, c.page, d.source_path,
               d.attachment_url, c.document_id
        FROM fct_report_check AS c JOIN dim_unit AS u USING (unit_key)
        LEFT JOIN dim_document AS d USING (document_id)
        WHERE NOT c.passed AND {cond}
        ORDER BY abs(c.difference) DESC NULLS LAST, c.fiscal_year, u.unit_name""", params, serving_dir)


def failures_by_reason(serving_dir: str | Path | None = None) -> Result:
    """Page 7: files that failed to load, per reason (no unit or year is known for them)."""
    return run("SELECT reason, count(*) AS files FROM ingest_failures GROUP BY 1 ORDER BY 2 DESC, 1",
               serving_dir=serving_dir)


def failure_rows(serving_dir: str | Path | None = None) -> Result:
    """Every failed file, its stage, reason and the message saying what to do."""
    return run("SELECT source_name, stage, reason, message, source_path, sha256, last_seen_at "
               "FROM ingest_failures ORDER BY reason, source_name", serving_dir=serving_dir)


def publication(serving_dir: str | Path | None = None) -> Result:
    """Which serving version the pages show, and when it was published (UTC)."""
    return run("SELECT version, published_at FROM publication", serving_dir=serving_dir)
