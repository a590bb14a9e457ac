"""The raw layer's DDL (`schema.sql`, the contract of RAW_SCHEMA.md) applied idempotently.

Kept as one SQL file so that the tables, their types and their comments read in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SCHEMA_SQL = Path(__file__).with_name("schema.sql")

DOCUMENT_TABLES: tuple[str, ...] = (
    "reports",
    "projects",
    "spending_items",
    "indicators",
    "department_totals",
    "extraction_warnings",
)
"""The tables whose rows belong to one document (deleted and reloaded with it)."""

FETCH_TABLES: tuple[str, ...] = ("fetched_reports", "fetch_failures")
"""Where fetched reports came from and what could not be fetched (rebuilt from the inbox each run)."""

RAW_TABLES: tuple[str, ...] = ("documents", *DOCUMENT_TABLES, "ingest_failures", "divisions", *FETCH_TABLES)
"""Every table of schema `raw`, in the order a reader meets them."""


@cache
def schema_sql() -> str:
    """The DDL, read once per process: every connection applies it."""
    return SCHEMA_SQL.read_text(encoding="utf-8")


class SchemaMismatchError(RuntimeError):
    """The database's raw tables disagree with this code's DDL in a way that cannot be added to."""


_COLUMNS_SQL = (
    "SELECT table_name, column_name, data_type FROM duckdb_columns() "
    "WHERE database_name = current_database() AND schema_name = 'raw' ORDER BY table_name, column_index"
)


@cache
def expected_columns() -> dict[str, list[tuple[str, str]]]:
    """`{table: [(column, type), …]}` as `schema.sql` defines them (read from an in-memory build)."""
    mem = duckdb.connect(":memory:")
    try:
        mem.execute(schema_sql())
        out: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in mem.execute(_COLUMNS_SQL).fetchall():
            out.setdefault(table, []).append((column, data_type))
        return out
    finally:
        mem.close()


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create schema `raw` and its tables if missing, and (re)apply their comments; safe to repeat.

    A table made by an older version of this code gets the columns it lacks (NULL for existing
    rows); a column whose type changed raises `SchemaMismatchError`, since the raw layer is rebuilt
    from the inbox more safely than converted in place."""
    from warehouse.db import transaction

    with transaction(conn):
        actual: dict[str, dict[str, str]] = {}
        for table, column, data_type in conn.execute(_COLUMNS_SQL).fetchall():
            actual.setdefault(table, {})[column] = data_type
        for table, columns in expected_columns().items():
            have = actual.get(table)
            if have is None:
                continue  # created below
            for column, data_type in columns:
                if column not in have:
                    conn.execute(f'ALTER TABLE raw.{table} ADD COLUMN "{column}" {data_type}')
                elif have[column] != data_type:
                    raise SchemaMismatchError(
                        f"raw.{table}.{column} is {have[column]} in this database but {data_type} in "
                        f"warehouse/schema.sql; rebuild the warehouse from the inbox (delete the database "
                        f"file, then `jixiao run`)"
                    )
        conn.execute(schema_sql())
        from warehouse.changes import ensure_meta

        ensure_meta(conn)
