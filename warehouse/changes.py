"""What changed in the raw layer since the marts were last built and published.

A night with nothing new must cost nothing: no `dbt build`, no new serving version. So every writer of
a raw table marks that table as changed *in the same transaction* as the change (a crash never loses
a mark, nor leaves one without its change); the dbt step builds only what depends on the marked
tables and then clears them; the publish step publishes only when a build produced something new.

Schema `meta` (never read by dbt, never published):
* `meta.pending_tables(table_name, since)` — raw tables changed since the last successful dbt build;
* `meta.state(key, value)` — `dbt_fingerprint` (the dbt project the marts were last fully built
  with), `publish_pending` ('1' between a good build and its publication), and fingerprints of inputs
  that are rebuilt whole (`fetch_fingerprint`, `divisions_fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import duckdb

META_SQL = """
CREATE SCHEMA IF NOT EXISTS meta;
CREATE TABLE IF NOT EXISTS meta.pending_tables (table_name VARCHAR PRIMARY KEY, since TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS meta.state (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

DBT_FINGERPRINT = "dbt_fingerprint"
PUBLISH_PENDING = "publish_pending"


def ensure_meta(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(META_SQL)


def fingerprint(obj: Any) -> str:
    """A stable hash of JSON-able data (sorted keys), for inputs that are rebuilt whole."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def mark_changed(conn: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Record raw `tables` as changed; call inside the transaction that changes them."""
    names = sorted(set(tables))
    if not names:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(  # one statement: executemany costs milliseconds a row
        "INSERT INTO meta.pending_tables SELECT unnest(?::VARCHAR[]), ? ON CONFLICT (table_name) DO NOTHING",
        [names, now],
    )


def _has_meta(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'meta' "
                       "AND table_name IN ('pending_tables', 'state')").fetchone()
    return bool(row and row[0] == 2)


def pending_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Raw tables changed since the last good dbt build (sorted)."""
    if not _has_meta(conn):
        return []
    return [r[0] for r in conn.execute("SELECT table_name FROM meta.pending_tables ORDER BY 1").fetchall()]


def get_state(conn: duckdb.DuckDBPyConnection, key: str) -> str | None:
    if not _has_meta(conn):
        return None
    row = conn.execute("SELECT value FROM meta.state WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def set_state(conn: duckdb.DuckDBPyConnection, key: str, value: str | None) -> None:
    conn.execute("INSERT INTO meta.state VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 [key, value])


def build_done(conn: duckdb.DuckDBPyConnection, tables: Iterable[str], dbt_fingerprint: str) -> None:
    """A `dbt build` covering `tables` succeeded: clear them, remember the project, ask for a publication."""
    from warehouse.db import transaction

    with transaction(conn):
        names = sorted(set(tables))
        if names:
            conn.execute("DELETE FROM meta.pending_tables WHERE list_contains(?::VARCHAR[], table_name)", [names])
        set_state(conn, DBT_FINGERPRINT, dbt_fingerprint)
        set_state(conn, PUBLISH_PENDING, "1")


def published(conn: duckdb.DuckDBPyConnection) -> None:
    """The marts built last are published: nothing to publish until the next build."""
    set_state(conn, PUBLISH_PENDING, "0")


def what_needs_building(conn: duckdb.DuckDBPyConnection, dbt_fingerprint: str) -> tuple[bool, list[str]]:
    """(full build needed, changed raw tables). A full build when the marts were never built, were
    built by another version of the dbt project, or were built but not published (a crash in between)."""
    full = (get_state(conn, DBT_FINGERPRINT) != dbt_fingerprint
            or get_state(conn, PUBLISH_PENDING) == "1")
    return full, pending_tables(conn)
