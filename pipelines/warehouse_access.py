"""Opening the writer's DuckDB file from the pipeline: every step, reading or writing, holds the writer
lock (`warehouse.db.locked`, an flock the kernel releases when its holder dies) for its block, and
every connection is closed after it, so that `dbt build`, which runs in a child process, finds the
file free.

There is deliberately no Dagster concurrency pool around these steps: a pool slot is a row in
Dagster's storage that a run killed with SIGKILL never gives back, and every later run waited for it
forever. The OS lock gives the same one-writer-at-a-time guarantee across runs and cannot outlive
its holder."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from warehouse import settings


@contextmanager
def open_warehouse(read_only: bool = False, lock_timeout: float | None = None,
                   ensure_schema: bool = True) -> Iterator[Any]:
    """A connection to the writer's DuckDB file under the writer lock (raw schema ensured when writing,
    unless `ensure_schema` is False: a caller that already did under the lock it still holds);
    `lock_timeout` (read-only) gives up early with `WarehouseLockedError` instead of waiting."""
    from warehouse import db

    if read_only:
        timeout = db.DEFAULT_LOCK_TIMEOUT_S if lock_timeout is None else lock_timeout
        with db.locked(settings.db_path(), timeout=timeout) as path:
            conn = db.connect(path, read_only=True, wait_s=30.0)
            try:
                yield conn
            finally:
                conn.close()
    else:
        with db.writer(settings.db_path(), ensure=ensure_schema) as conn:
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
