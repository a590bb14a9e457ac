"""Opening the writer's DuckDB file from the pipeline: writers go through `warehouse.db.writer` (the
cross-process `<db>.lock` plus DuckDB's own lock), and every connection is closed after its block, so
that `dbt build`, which runs in a child process, finds the file free."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from warehouse import settings

WRITER_POOL = "duckdb_writer"
"""The Dagster concurrency pool of every step that opens the writer's file: DuckDB allows one writing
process, and the pool's limit of one (pipelines/dagster.yaml) runs one such step at a time, across runs."""


@contextmanager
def open_warehouse(read_only: bool = False) -> Iterator[Any]:
    """A connection to the writer's DuckDB file (raw schema ensured when writing); closed after."""
    from warehouse import db

    if read_only:
        conn = db.connect(settings.db_path(), read_only=True, wait_s=30.0)
        try:
            yield conn
        finally:
            conn.close()
    else:
        with db.writer(settings.db_path()) as conn:
            yield conn


def check_not_locked() -> None:
    """Raise `warehouse.db.WarehouseLockedError` now, before a long run, if another process is writing."""
    from warehouse import db

    with db.locked(settings.db_path(), timeout=0.5) as path:
        if path.exists():
            db.connect(path).close()


def count_rows(conn: Any, schema: str, table: str) -> int | None:
    """Row count of schema.table, or None when the table does not exist (yet)."""
    exists = conn.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    if not exists or not exists[0]:
        return None
    row = conn.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
    return int(row[0]) if row else 0
