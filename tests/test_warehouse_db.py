"""Opening the warehouse file and the cross-process writer lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from warehouse.db import WarehouseLockedError, connect, lock_path, locked, writer
from warehouse.schema import RAW_TABLES
from warehouse.settings import db_path

PROJECT = Path(__file__).resolve().parents[1]


def run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=PROJECT, capture_output=True,
                          text=True, timeout=timeout)


def test_connect_defaults_to_the_settings_path_and_creates_folders(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a" / "b" / "w.duckdb"
    monkeypatch.setenv("JIXIAO_DB", str(target))
    assert db_path() == target
    conn = connect()
    conn.close()
    assert target.exists()
    assert lock_path() == target.with_name("w.duckdb.lock")


def test_read_only_connect_to_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="jixiao run"):
        connect(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_writer_creates_the_raw_schema(tmp_path: Path) -> None:
    with writer(tmp_path / "w.duckdb") as conn:
        n = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw'").fetchone()[0]
    assert n == len(RAW_TABLES)  # report tables, divisions and the fetch provenance tables


def test_the_writer_lock_is_reentrant_in_one_thread(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with locked(db), locked(db, timeout=0.1):
        pass


def test_a_second_process_waits_for_the_writer_lock_then_gives_up_clearly(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    code = f"""
        from warehouse.db import locked, WarehouseLockedError
        try:
            with locked({str(db)!r}, timeout=0.3):
                print("acquired")
        except WarehouseLockedError as e:
            print("locked:", e)
    """
    with locked(db):
        out = run_python(code).stdout
    assert out.startswith("locked:") and "w.duckdb.lock" in out and "dbt build" in out
    assert run_python(code).stdout.strip() == "acquired"


def test_a_writer_killed_while_holding_the_lock_never_blocks_the_next(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """kill -9 of a holder: the kernel frees the lock at once, and the next writer says what it recovered."""
    db = tmp_path / "w.duckdb"
    killed = run_python(f"""
        import os, signal
        from warehouse.db import writer
        with writer({str(db)!r}) as conn:
            conn.execute("CREATE TABLE t AS SELECT 1 AS x")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert killed.returncode == -signal.SIGKILL
    start = time.monotonic()
    with caplog.at_level("WARNING", logger="jixiao.warehouse"), writer(db, timeout=5) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]  # DuckDB replayed its log
    assert time.monotonic() - start < 5
    assert "recovered: the writer lock" in caplog.text and "ended without releasing it" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="jixiao.warehouse"), locked(db, timeout=1):
        pass
    assert "recovered" not in caplog.text  # a clean release leaves nothing to recover


def test_a_second_process_cannot_open_the_file_and_is_told_why(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time, duckdb
            c = duckdb.connect({str(db)!r})
            print("open", flush=True)
            sys.stdin.readline()
        """)],
        cwd=PROJECT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        start = time.monotonic()
        with pytest.raises(WarehouseLockedError, match="serving copy") as info:
            connect(db, wait_s=0.3)
        assert time.monotonic() - start >= 0.3
        assert str(db) in str(info.value)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    connect(db).close()  # free again


def test_a_command_run_under_the_lock_waits_for_writers(tmp_path: Path) -> None:
    """`python -m warehouse.db -- dbt build` for people running dbt by hand."""
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "JIXIAO_DB": str(db)}
    cmd = [sys.executable, "-m", "warehouse.db", "--timeout", "0.3", "--",
           sys.executable, "-c", "import os; print(os.environ['JIXIAO_DB'])"]
    with locked(db):
        busy = subprocess.run(cmd, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    assert busy.returncode == 3 and "w.duckdb.lock" in busy.stderr and busy.stdout == ""
    free = subprocess.run(cmd, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    assert free.returncode == 0 and free.stdout.strip() == str(db)
    failing = subprocess.run(cmd[:5] + [sys.executable, "-c", "raise SystemExit(7)"], cwd=PROJECT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert failing.returncode == 7
