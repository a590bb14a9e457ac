"""Opening the warehouse file, and the cross-process lock every writer holds.

DuckDB lets one process write a database file or many processes read it, never both. The pipeline,
`dbt build` and a human running dbt by hand are all writers of the same file, so each takes
`<db>.lock` first and waits its turn instead of failing half-way. The lock is an `flock(2)` on that
file, so the kernel releases it when its holder dies, however it dies (kill -9, out of memory, a
reboot): a crashed run can never wedge the next one. The holder writes who it is into the file and
clears it on release; a later writer that finds a record left behind logs what it recovered from.
Readers never open this file: they use the published serving copy (`warehouse.serving`)."""

from __future__ import annotations

import argparse
import fcntl
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from warehouse.settings import db_path, duckdb_config

log = logging.getLogger("jixiao.warehouse")

DEFAULT_LOCK_TIMEOUT_S = 600.0
"""How long a writer waits for another writer (a load, a dbt build) before giving up."""

_locks: dict[Path, WriterLock] = {}
_locks_guard = threading.Lock()


class WarehouseLockedError(RuntimeError):
    """The database file is held by another process; the message says which file and what to do."""


def resolve_db_path(path: str | Path | None = None) -> Path:
    """The database file to use: `path` if given, else `JIXIAO_DB` / the default (absolute)."""
    return Path(path).expanduser().resolve() if path is not None else db_path()


def lock_path(path: str | Path | None = None) -> Path:
    """The lock file beside the database: `<db>.lock`."""
    p = resolve_db_path(path)
    return p.with_name(p.name + ".lock")


class WriterLock:
    """The writer lock of one database file in this process: exclusive across processes (flock),
    re-entrant within the thread that holds it, exclusive between threads."""

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = lock_file
        self._threads = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    def acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to `timeout` s; raise TimeoutError after."""
        me = threading.get_ident()
        if self._owner == me:
            self._depth += 1
            return
        deadline = time.monotonic() + max(timeout, 0.0)
        if not self._threads.acquire(timeout=max(timeout, 0.0)):
            raise TimeoutError(str(self.lock_file))
        try:
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
            delay = 0.02
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        raise TimeoutError(str(self.lock_file)) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
        except BaseException:
            self._threads.release()
            raise
        self._fd, self._owner, self._depth = fd, me, 1
        self._take_over_record(fd)

    def release(self) -> None:
        if self._owner != threading.get_ident() or self._fd is None:
            raise RuntimeError(f"{self.lock_file} is not held by this thread")
        self._depth -= 1
        if self._depth:
            return
        fd, self._fd, self._owner = self._fd, None, None
        try:
            os.ftruncate(fd, 0)  # a clean release leaves no record: a record means its holder died
        finally:
            os.close(fd)  # closing the descriptor drops the flock
            self._threads.release()

    def _take_over_record(self, fd: int) -> None:
        """Log a record a dead holder left behind, then write this process's own."""
        left = os.pread(fd, 4096, 0)
        if left.strip():
            try:
                who = json.loads(left)
                desc = f"pid {who.get('pid')} on {who.get('host')} ({who.get('command')}), since {who.get('since')}"
            except (ValueError, AttributeError):
                desc = repr(left[:200])
            log.warning("recovered: the writer lock %s was last held by %s, which ended without releasing it "
                        "(killed or crashed); the operating system released it and this writer goes on",
                        self.lock_file, desc)
        record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                             "command": " ".join(sys.argv)[:300],
                             "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, record, 0)


def writer_lock(path: str | Path | None = None) -> WriterLock:
    """The writer lock of a database file: one object per file in this process, re-entrant.

    Re-entrant within a thread, so that a step that loads and then publishes (both lock) does not
    deadlock on itself; it excludes every other thread and process."""
    lp = lock_path(path)
    with _locks_guard:
        lock = _locks.get(lp)
        if lock is None:
            lp.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock(lp)
            _locks[lp] = lock
        return lock


@contextmanager
def locked(path: str | Path | None = None, timeout: float = DEFAULT_LOCK_TIMEOUT_S) -> Iterator[Path]:
    """Hold the writer lock of `path` for the block; raise `WarehouseLockedError` after `timeout` s."""
    lock = writer_lock(path)
    try:
        lock.acquire(timeout=timeout)
    except TimeoutError as e:
        raise WarehouseLockedError(
            f"another writer (a pipeline run or a `dbt build`) has held {lock.lock_file} for more than "
            f"{timeout:.0f} s; wait for it to finish, or stop it, then retry"
        ) from e
    try:
        yield resolve_db_path(path)
    finally:
        lock.release()


def connect(
    path: str | Path | None = None, read_only: bool = False, *, wait_s: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (the writer's by default), creating its folder when writing.

    DuckDB's own file lock refuses a second process; this turns that refusal into
    `WarehouseLockedError` with a readable message, after retrying for up to `wait_s` seconds."""
    p = resolve_db_path(path)
    if read_only:
        if not p.exists():
            raise FileNotFoundError(f"no warehouse at {p} yet: run `jixiao run` first")
    else:
        p.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(p), read_only=read_only, config=duckdb_config())
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(_locked_message(p, read_only, e)) from e
            if delay == 0.05:  # e.g. a `dbt build` orphaned by a killed run, still finishing
                log.warning("waiting up to %.0f s for another process to close %s: %s", wait_s, p, e)
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _locked_message(p: Path, read_only: bool, e: Exception) -> str:
    who = "writing" if not read_only else "reading"
    return (
        f"cannot open {p} for {who}: another process holds it ({e}). Only one process may write the "
        f"warehouse; readers should open the serving copy instead (`jixiao sql`, or "
        f"`duckdb -readonly <serving dir>/jixiao.duckdb`)."
    )


@contextmanager
def no_pandas_probe() -> Iterator[None]:
    """While the block runs, tell DuckDB at once that pandas is absent (when it is not installed).

    DuckDB's Python client tries `import pandas` several times for every statement with parameters; a
    failed import is not cached, so each try walks sys.path again — most of the cost of a small INSERT.
    The marker is put back afterwards, so nothing outside a loader's block is affected."""
    import importlib.util
    import sys

    if "pandas" in sys.modules or importlib.util.find_spec("pandas") is not None:
        yield
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("pandas", 0) is None:
            del sys.modules["pandas"]


_in_transaction: set[int] = set()
"""ids of the connections a `transaction` block is open on (this process)."""


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction for the block (commit, or roll back on any error); joins one opened by an outer
    `transaction` block on the same connection. Known in Python rather than found out by a failing
    BEGIN: in DuckDB any failed statement, that one too, aborts the open transaction."""
    key = id(conn)
    if key in _in_transaction:
        yield  # the caller's transaction decides
        return
    try:
        conn.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        yield  # opened by hand outside this helper: the caller decides
        return
    _in_transaction.add(key)
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):  # after a failed COMMIT DuckDB may have rolled back already
            conn.execute("ROLLBACK")
        raise
    finally:
        _in_transaction.discard(key)


@contextmanager
def writer(
    path: str | Path | None = None, *, timeout: float = DEFAULT_LOCK_TIMEOUT_S, ensure: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writer connection for the block: take the lock, open, ensure the raw schema, close, release.
    `ensure=False` skips the schema step, for a caller that has ensured it under the same lock."""
    from warehouse.schema import ensure_schema

    with locked(path, timeout=timeout) as p:
        conn = connect(p, wait_s=timeout)
        try:
            if ensure:
                ensure_schema(conn)
            yield conn
        finally:
            conn.close()


def main(argv: list[str] | None = None) -> int:
    """`python -m warehouse.db [--timeout S] -- COMMAND …`: run a writer (e.g. `dbt build`) under the lock.

    For people running dbt by hand: the command waits for a pipeline load to finish instead of
    colliding with it, and the pipeline waits for the command. JIXIAO_DB is exported to it."""
    parser = argparse.ArgumentParser(prog="python -m warehouse.db", description=main.__doc__)
    parser.add_argument("--timeout", type=float, default=DEFAULT_LOCK_TIMEOUT_S,
                        help="seconds to wait for another writer (default %(default)s)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --, e.g. -- dbt build --project-dir dbt_project")
    path = db_path()
    os.environ["JIXIAO_DB"] = str(path)
    try:
        with locked(path, timeout=args.timeout):
            print(f"holding {lock_path(path)} while running: {' '.join(command)}", file=sys.stderr)
            return subprocess.call(command)
    except WarehouseLockedError as e:
        print(f"python -m warehouse.db: {e}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
