"""The serving copy: publish, query it (`jixiao sql`, DuckDB from any folder, SQLAlchemy read-only),
atomic swaps under concurrent readers, and pruning of old versions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from warehouse import serving
from warehouse.db import writer
from warehouse.load import record_failure
from warehouse.serving import (
    NotPublishedError,
    connect_serving,
    current_version,
    publish,
    run_sql_cli,
    serving_db_path,
    versions,
)

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    db, sd = tmp_path / "wh" / "w.duckdb", tmp_path / "serving"
    monkeypatch.setenv("JIXIAO_DB", str(db))
    monkeypatch.setenv("JIXIAO_SERVING_DIR", str(sd))
    return {"db": db, "serving": sd}


def build_marts(db: Path, n: int) -> None:
    """Stand-in for `dbt build`: a pair of marts that must always agree with a version marker."""
    with writer(db) as c:
        c.execute("CREATE SCHEMA IF NOT EXISTS marts")
        c.execute(f"CREATE OR REPLACE TABLE marts.fct_a AS SELECT range AS i, CAST('0.9997' AS DECIMAL(18,4)) "
                  f"AS amount_wan, '单位' || range AS unit_name FROM range({n})")
        c.execute(f"CREATE OR REPLACE TABLE marts.fct_b AS SELECT range AS i FROM range({n})")
        c.execute(f"CREATE OR REPLACE TABLE marts.marker AS SELECT {n} AS v")
        c.execute("CREATE OR REPLACE VIEW marts.total AS SELECT sum(amount_wan) AS total_wan FROM marts.fct_a")
        c.execute("COMMENT ON TABLE marts.fct_a IS 'test fact (测试事实表)'")
        c.execute("COMMENT ON COLUMN marts.fct_a.amount_wan IS 'amount (金额), 万元'")


def test_nothing_published_yet_is_a_clear_error(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_sql_cli("SELECT 1", "table") == 2
    assert "nothing has been published" in capsys.readouterr().err
    with pytest.raises(NotPublishedError):
        connect_serving()
    with pytest.raises(FileNotFoundError, match="jixiao run"):
        publish()


def test_publish_exports_marts_and_failures(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    build_marts(env["db"], 3)
    with writer(env["db"]) as c:
        record_failure(c, source_path="/inbox/坏.pdf", sha256=None, stage="read", reason="corrupt", message="x")
    version = publish()
    assert version.parent == env["serving"] and current_version() == version.name
    assert sorted(p.name for p in version.glob("*.parquet")) == [
        "fct_a.parquet", "fct_b.parquet", "ingest_failures.parquet", "marker.parquet", "total.parquet"]
    with connect_serving() as c:
        assert c.execute("SELECT total_wan FROM total").fetchone() == (Decimal("2.9991"),)
        assert c.execute("SELECT reason FROM ingest_failures").fetchall() == [("corrupt",)]
        assert c.execute("SELECT table_name, row_count FROM published_tables ORDER BY 1").fetchall() == [
            ("fct_a", 3), ("fct_b", 3), ("ingest_failures", 1), ("marker", 1), ("total", 1)]
        assert c.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'fct_a'").fetchone() == (
            "test fact (测试事实表)",)
        assert c.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'fct_a' AND "
                         "column_name = 'amount_wan'").fetchone() == ("amount (金额), 万元",)
        with pytest.raises(duckdb.Error, match="read-only"):
            c.execute("CREATE TABLE x (a INTEGER)")
    assert (env["serving"] / "current").resolve() == version
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == version.name and len(manifest["tables"]) == 5


def test_publish_without_marts_still_publishes_failures(env: dict[str, Path]) -> None:
    with writer(env["db"]) as c:
        record_failure(c, source_path="/inbox/e.txt", sha256=None, stage="read", reason="empty", message="0 bytes")
    publish()
    with connect_serving() as c:
        assert c.execute("SELECT table_name FROM published_tables").fetchall() == [("ingest_failures",)]


def test_sql_cli_formats(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    build_marts(env["db"], 2)
    publish()
    q = "SELECT i, amount_wan, unit_name FROM fct_a ORDER BY i"
    assert run_sql_cli(q, "json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"i": 0, "amount_wan": "0.9997", "unit_name": "单位0"}, {"i": 1, "amount_wan": "0.9997", "unit_name": "单位1"}]
    assert run_sql_cli(q, "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["i,amount_wan,unit_name", "0,0.9997,单位0", "1,0.9997,单位1"]
    assert run_sql_cli(q, "table") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split("│")[1:4] == [" i ", " amount_wan ", " unit_name "]
    assert "0.9997" in lines[3] and "单位0" in lines[3] and lines[-1] == "(2 rows)"
    # wide characters count two columns: every line of the box has the same display width
    box = lines[:-1]
    assert len({serving._width(line) for line in box}) == 1
    assert run_sql_cli("SELECT * FROM no_such_table", "table") == 1
    err = capsys.readouterr().err
    assert "no_such_table" in err and "fct_a" in err


def test_serving_db_opens_read_only_from_any_folder(env: dict[str, Path], tmp_path: Path) -> None:
    """What `duckdb -readonly <serving dir>/jixiao.duckdb` does, from an unrelated working directory."""
    build_marts(env["db"], 4)
    publish()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (f"import duckdb; c = duckdb.connect({str(serving_db_path())!r}, read_only=True); "
            "print(c.execute('SELECT count(*), sum(amount_wan) FROM fct_a').fetchone())")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(4, Decimal('3.9988'))"


def test_sqlalchemy_duckdb_engine_read_only(env: dict[str, Path]) -> None:
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("duckdb_engine")
    build_marts(env["db"], 5)
    publish()
    url = f"duckdb:///{serving_db_path()}"
    engine = sqlalchemy.create_engine(url, connect_args={"read_only": True})
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT count(*) FROM fct_a")).scalar_one() == 5
            assert conn.execute(sqlalchemy.text("SELECT total_wan FROM total")).scalar_one() == Decimal("4.9985")
            names = sqlalchemy.inspect(conn).get_table_names()
            assert {"fct_a", "fct_b", "total"} <= set(names)
            with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
                conn.execute(sqlalchemy.text("CREATE TABLE x (a INTEGER)"))
    finally:
        engine.dispose()
    # the writer is not blocked by that reader having been connected (nor by one still connected)
    engine2 = sqlalchemy.create_engine(url + "?access_mode=read_only")
    with engine2.connect() as conn:
        assert conn.execute(sqlalchemy.text("SELECT v FROM marker")).scalar_one() == 5
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
            conn.execute(sqlalchemy.text("CREATE TABLE x (a INTEGER)"))
        build_marts(env["db"], 6)
        publish()
    engine2.dispose()


def test_old_versions_are_pruned_but_the_current_one_kept(env: dict[str, Path]) -> None:
    build_marts(env["db"], 1)
    made = [publish(keep=2, grace_s=0).name for _ in range(4)]
    assert versions() == made[-2:]
    assert current_version() == made[-1]
    with duckdb.connect(str(serving_db_path()), read_only=True) as c:
        assert c.execute("SELECT version FROM publication").fetchone() == (made[-1],)
    # within the grace period, superseded versions stay for readers still using them
    more = [publish(keep=2, grace_s=3600).name for _ in range(2)]
    assert versions() == made[-2:] + more


def test_a_failed_publication_leaves_the_current_version(env: dict[str, Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    build_marts(env["db"], 2)
    good = publish().name

    def broken(*args: object) -> None:
        raise RuntimeError("disk full (injected)")

    monkeypatch.setattr(serving, "_build_serving_db", broken)
    build_marts(env["db"], 3)
    with pytest.raises(RuntimeError, match="injected"):
        publish()
    assert current_version() == good and versions() == [good]
    assert not list(env["serving"].glob(".v*"))
    with connect_serving() as c:
        assert c.execute("SELECT v FROM marker").fetchone() == (2,)


READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    import duckdb
    from warehouse.serving import connect_serving, serving_db_path

    stop = Path(sys.argv[1])
    Q = ("SELECT (SELECT count(*) FROM fct_a), (SELECT count(*) FROM fct_b), (SELECT v FROM marker), "
         "(SELECT count(*) FROM total), (SELECT version FROM publication)")
    pinned = connect_serving()  # a reader that never reconnects keeps its version
    pinned_state = pinned.execute(Q).fetchone()
    seen, last, n = set(), -1, 0
    deadline = time.monotonic() + 120
    while not stop.exists() and time.monotonic() < deadline:
        for opener in (connect_serving, lambda: duckdb.connect(str(serving_db_path()), read_only=True)):
            c = opener()
            try:
                a, b, v, t, version = c.execute(Q).fetchone()
            finally:
                c.close()
            if not (a == b == v and t == 1):
                print(f"MIXED STATE a={a} b={b} marker={v} version={version}", file=sys.stderr)
                sys.exit(1)
            if v < last:
                print(f"WENT BACK from {last} to {v}", file=sys.stderr)
                sys.exit(1)
            last, n = v, n + 1
            seen.add(v)
        if pinned.execute(Q).fetchone() != pinned_state:
            print("PINNED READER CHANGED", file=sys.stderr)
            sys.exit(1)
    print(json.dumps({"queries": n, "seen": sorted(seen)}))
""")


def test_readers_never_block_the_writer_nor_see_a_mix(env: dict[str, Path], tmp_path: Path) -> None:
    build_marts(env["db"], 1)
    publish()
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    try:
        time.sleep(0.5)
        for n in range(2, 7):  # the writer loads, builds and publishes while the reader queries
            assert reader.poll() is None, reader.communicate()
            build_marts(env["db"], n * 10)
            publish()
            time.sleep(0.15)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["queries"] > 10
    assert len(result["seen"]) >= 2 and set(result["seen"]) <= {1, *range(20, 61, 10)}
    with connect_serving() as c:
        assert c.execute("SELECT v FROM marker").fetchone() == (60,)


def test_wide_tables_fit_the_terminal_without_cutting_numbers() -> None:
    columns = ["project_name_long_header", "executed_wan", "raw_text"]
    rows = [["基本公共卫生服务项目" * 3, Decimal("1406.8600"), "x" * 200], ["短", None, "y"]]
    text = serving.format_table(columns, rows, total_width=60)
    lines = text.splitlines()
    assert all(serving._width(line) <= 60 for line in lines)
    assert "1406.8600" in text and "…" in text and lines[-1] == "(2 rows)"
    assert len({serving._width(line) for line in lines[:-1]}) == 1


def test_duckdb_cli_reads_the_serving_copy_when_installed(env: dict[str, Path], tmp_path: Path) -> None:
    """`duckdb -readonly <serving dir>/jixiao.duckdb` (only where the DuckDB CLI is on PATH)."""
    beside = Path(sys.executable).parent / "duckdb"  # the development install puts it in the venv
    cli = str(beside) if beside.exists() else shutil.which("duckdb")
    if cli is None:
        pytest.skip("the duckdb CLI is not installed (pip install duckdb-cli)")
    build_marts(env["db"], 3)
    publish()
    out = subprocess.run([cli, "-readonly", "-csv", str(serving_db_path()), "-c", "SELECT count(*) AS n FROM fct_a"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["n", "3"]


@pytest.mark.parametrize("how", ["duckdb", "sqlalchemy"])
def test_a_connection_held_across_three_publications_keeps_answering(env: dict[str, Path], how: str) -> None:
    """A BI tool's connection, opened once and kept (plain DuckDB, or a SQLAlchemy pool): each
    publication prunes what it opened on (grace 0) and every query still answers, from the version
    it opened; a new connection sees the newest. (One per process: DuckDB refuses a second
    connection to the same file with other settings, and duckdb-engine adds its own.)"""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    build_marts(env["db"], 1)
    first = publish(keep=2, grace_s=0).name
    config = dict(serving.READER_CONFIG)
    engine = sqlalchemy.create_engine(f"duckdb:///{serving_db_path()}", pool_size=1,
                                      connect_args={"read_only": True, "config": config})
    if how == "duckdb":
        held = duckdb.connect(str(serving_db_path()), read_only=True, config=config)
        ask = lambda sql: held.execute(sql).fetchone()  # noqa: E731
    else:
        held = engine.connect()
        ask = lambda sql: tuple(held.execute(sqlalchemy.text(sql)).one())  # noqa: E731
    try:
        for n in (2, 3, 4):
            build_marts(env["db"], n)
            publish(keep=2, grace_s=0)
            assert (first in versions()) == (n == 2)  # from the second one on, the version it opened is gone
            assert ask("SELECT v, (SELECT sum(amount_wan) FROM fct_a) FROM marker") == (1, Decimal("0.9997"))
            with connect_serving() as fresh:
                assert fresh.execute("SELECT v FROM marker").fetchone() == (n,)
    finally:
        held.close()
        engine.dispose()
