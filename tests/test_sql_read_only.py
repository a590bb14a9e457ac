"""`jixiao sql` and the connection the docs give BI tools cannot write anything, attach the writer's
database, copy data out, install or load extensions, change their own settings, or read any file:
each probe an operator tried fails with a clear message, and nothing changes on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from warehouse.db import writer
from warehouse.serving import READER_CONFIG, connect_serving, publish, run_sql_cli, serving_db_path


@pytest.fixture()
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    db, serving = tmp_path / "wh" / "w.duckdb", tmp_path / "serving"
    monkeypatch.setenv("JIXIAO_DB", str(db))
    monkeypatch.setenv("JIXIAO_SERVING_DIR", str(serving))
    with writer(db) as c:
        c.execute("CREATE SCHEMA IF NOT EXISTS marts")
        c.execute("CREATE TABLE marts.fct_project_spending AS "
                  "SELECT range AS i, CAST('1.5' AS DECIMAL(18,4)) AS executed_wan FROM range(4)")
    version = publish()
    return {"db": db, "serving": serving, "version": version, "tmp": tmp_path}


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".wal")}


def _probes(p: dict[str, Path]) -> list[str]:
    out = p["tmp"] / "out"
    return [
        f"ATTACH '{p['db']}' AS w (READ_WRITE)",
        f"ATTACH '{p['db']}' AS w (READ_WRITE); CREATE TABLE w.raw.pwned AS SELECT 1",
        f"COPY (SELECT 0 AS i, 0 AS executed_wan) TO '{p['serving']}/current/fct_project_spending.parquet'",
        f"COPY (SELECT 1) TO '{out}.csv'",
        f"EXPORT DATABASE '{out}'",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM glob('/root/*')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "CREATE TABLE pwned (a INTEGER)",
        "SELECT 1; COPY (SELECT 1) TO '/tmp/jixiao-probe.csv'",
    ]


def test_every_probe_of_jixiao_sql_fails_clearly_and_changes_nothing(
    published: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(published["serving"])
    db_before = hashlib.sha256(published["db"].read_bytes()).hexdigest()
    for probe in _probes(published):
        assert run_sql_cli(probe, "csv") == 1, probe
        captured = capsys.readouterr()
        assert captured.out == "", probe
        err = captured.err
        assert err.startswith("jixiao sql: ") and (
            "refused" in err or "disabled by configuration" in err or "read-only" in err), (probe, err)
    assert _digest(published["serving"]) == before
    assert hashlib.sha256(published["db"].read_bytes()).hexdigest() == db_before
    assert not (published["tmp"] / "out.csv").exists() and not (published["tmp"] / "out").exists()
    assert not Path("/tmp/jixiao-probe.csv").exists()
    # queries still work, and the published mart is intact
    assert run_sql_cli("SELECT sum(executed_wan) AS s FROM fct_project_spending", "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["s", "6.0000"]


def test_the_reader_connection_itself_refuses_file_access_without_the_statement_filter(
    published: dict[str, Path]
) -> None:
    """Defence in depth: connect_serving's settings alone stop what a SELECT could reach."""
    import duckdb

    with connect_serving() as c:
        for probe in ("SELECT * FROM read_text('/etc/passwd')", "SELECT * FROM glob('/root/*')",
                      f"COPY (SELECT 1) TO '{published['tmp']}/x.csv'",
                      f"ATTACH '{published['db']}' AS w", "SET enable_external_access = true"):
            with pytest.raises(duckdb.Error, match="disabled by configuration|configuration has been locked"):
                c.execute(probe)


def test_what_the_docs_give_bi_tools_is_read_only_with_no_file_access(published: dict[str, Path]) -> None:
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("duckdb_engine")
    engine = sqlalchemy.create_engine(f"duckdb:///{serving_db_path()}",
                                      connect_args={"read_only": True, "config": dict(READER_CONFIG)})
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT count(*) FROM fct_project_spending")).scalar_one() == 4
            for probe in ("CREATE TABLE x (a INTEGER)", f"COPY fct_project_spending TO '{published['tmp']}/y.csv'",
                          f"ATTACH '{published['db']}' AS w", "SELECT * FROM read_text('/etc/passwd')"):
                with pytest.raises(sqlalchemy.exc.DBAPIError):
                    conn.execute(sqlalchemy.text(probe))
    finally:
        engine.dispose()
    assert not (published["tmp"] / "y.csv").exists()
