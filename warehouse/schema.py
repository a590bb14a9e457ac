"""The raw layer's DDL (`schema.sql`, the contract of RAW_SCHEMA.md) applied idempotently.

Kept as one SQL file so that the tables, their types and their comments read in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SCHEMA_SQL = Path(__file__).with_name("schema.sql")

RAW_TABLES: tuple[str, ...] = (
    "documents",
    "reports",
    "projects",
    "spending_items",
    "indicators",
    "department_totals",
    "extraction_warnings",
    "ingest_failures",
    "divisions",
)
"""Every table of schema `raw`, in the order a reader meets them."""

DOCUMENT_TABLES: tuple[str, ...] = (
    "reports",
    "projects",
    "spending_items",
    "indicators",
    "department_totals",
    "extraction_warnings",
)
"""The tables whose rows belong to one document (deleted and reloaded with it)."""


@cache
def schema_sql() -> str:
    return SCHEMA_SQL.read_text(encoding="utf-8")


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create schema `raw` and its tables if missing, and (re)apply their comments; safe to repeat."""
    from warehouse.db import transaction

    with transaction(conn):
        conn.execute(schema_sql())
