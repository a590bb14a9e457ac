"""What landed: row counts of the raw layer and the marts, failures by reason, the serving version.

Used by `jixiao status` and at the end of `jixiao run`. Reads the writer's file when it is free, and
the serving copy when a run holds the writer's file (so a status check never waits for a load)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import WarehouseLockedError, connect, resolve_db_path

COUNTED_SCHEMAS = ("raw", "marts", "main_marts")


def row_counts(conn: duckdb.DuckDBPyConnection, schemas: tuple[str, ...] = COUNTED_SCHEMAS) -> dict[str, int]:
    """`{"schema.table": rows}` for every table and view of `schemas` in the connected database."""
    names = conn.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND list_contains(?::VARCHAR[], table_schema) "
        "ORDER BY table_schema, table_name",
        [list(schemas)],
    ).fetchall()
    out: dict[str, int] = {}
    for schema, table in names:
        (n,) = conn.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone() or (0,)
        out[f"{schema}.{table}"] = int(n)
    return out


def _row(label: str, n: int, width: int = 24) -> str:
    return f"  {label + ':':<{width}}{n:>8}"


def _scalar(conn: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return row[0] if row else None


def status_lines(conn: duckdb.DuckDBPyConnection, counts: dict[str, int]) -> list[str]:
    """The status report of a writer-DB connection, as lines."""
    lines: list[str] = []
    if "raw.documents" not in counts:
        return ["raw layer: not created yet (nothing loaded)"]
    failed_files = _scalar(conn, "SELECT count(DISTINCT source_path) FROM raw.ingest_failures") or 0
    lines.append(f"files:            {counts['raw.documents']} loaded, {failed_files} failed")
    for label, key in (("reports", "raw.reports"), ("projects", "raw.projects"),
                       ("indicators", "raw.indicators"), ("spending items", "raw.spending_items"),
                       ("department totals", "raw.department_totals"),
                       ("extraction warnings", "raw.extraction_warnings"), ("divisions", "raw.divisions")):
        lines.append(_row(label, counts.get(key, 0)))
    if counts["raw.documents"]:
        years = conn.execute("SELECT min(fiscal_year), max(fiscal_year), count(DISTINCT unit_name), "
                             "count(DISTINCT region_code) FROM raw.documents").fetchone()
        if years:
            span = f"{years[0]}–{years[1]}" if years[0] != years[1] else f"{years[0]}"
            lines.append(f"  fiscal years {span}; {years[2]} named units; {years[3]} regions")
    by_reason = conn.execute("SELECT reason, count(*) FROM raw.ingest_failures GROUP BY reason "
                             "ORDER BY count(*) DESC, reason").fetchall()
    if by_reason:
        lines.append("failures by reason:")
        lines += [_row(reason, n) for reason, n in by_reason]
    marts = {k: v for k, v in counts.items() if not k.startswith("raw.")}
    if marts:
        lines.append("marts:")
        width = max([24, *(len(k.split(".", 1)[1]) + 1 for k in marts)])
        lines += [_row(k.split(".", 1)[1], v, width) for k, v in marts.items()]
    else:
        lines.append("marts: not built yet")
    return lines


def _serving_lines() -> list[str]:
    from warehouse.serving import NotPublishedError, connect_serving, serving_db_path

    try:
        conn = connect_serving()
    except NotPublishedError:
        return [f"serving copy:     not published yet ({serving_db_path()})"]
    try:
        version, published_at = conn.execute("SELECT version, published_at FROM publication").fetchone() or ("?", "?")
        n = _scalar(conn, "SELECT count(*) FROM published_tables")
        return [f"serving copy:     {version}, published {published_at} UTC, {n} tables ({serving_db_path()})"]
    finally:
        conn.close()


def _serving_counts_lines() -> list[str]:
    """Row counts from the serving copy, for when a run holds the writer's file."""
    from warehouse.serving import NotPublishedError, connect_serving

    try:
        conn = connect_serving()
    except NotPublishedError:
        return []
    try:
        rows = conn.execute("SELECT table_name, row_count FROM published_tables ORDER BY table_name").fetchall()
    finally:
        conn.close()
    return ["published tables:"] + [_row(t, n, max([24, *(len(t) + 1 for t, _ in rows)])) for t, n in rows]


def print_status(db_path: str | Path | None = None, conn: duckdb.DuckDBPyConnection | None = None) -> int:
    """Print what landed in the warehouse (and what was published); return an exit code."""
    path = resolve_db_path(db_path)
    print(f"warehouse:        {path}")
    own = conn is None
    if conn is None:
        if not path.exists():
            print("nothing loaded yet: run `jixiao run`")
            for line in _serving_lines():
                print(line)
            return 1
        try:
            conn = connect(path, read_only=True, wait_s=1.0)
        except WarehouseLockedError:
            print("(a run is writing the warehouse; showing the last published serving copy)")
            for line in _serving_lines() + _serving_counts_lines():
                print(line)
            return 0
        except duckdb.ConnectionException:  # this process already has it open for writing
            conn = connect(path)
    try:
        for line in status_lines(conn, row_counts(conn)):
            print(line)
    finally:
        if own:
            conn.close()
    for line in _serving_lines():
        print(line)
    sys.stdout.flush()
    return 0
