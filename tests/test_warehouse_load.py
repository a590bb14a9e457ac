"""The raw layer: schema contract, idempotent per-file loads, atomicity, duplicates, exact money.

The inputs are the five hand-made gold labels of the shared corpus (real reports), given a fake
content hash, as `ingest.extract.extract_file` would."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from warehouse import load as load_mod
from warehouse.db import connect
from warehouse.load import forget_missing, load_divisions, load_extraction, record_failure, to_decimal
from warehouse.schema import RAW_TABLES, ensure_schema

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = sorted((SHARED / "corpus" / "gold").glob("*.json"))
COUNTED = ("documents", "reports", "projects", "spending_items", "indicators", "department_totals",
           "extraction_warnings", "ingest_failures")

pytestmark = pytest.mark.skipif(not GOLD, reason="shared corpus not found beside the checkout")


def fake_sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def gold(i: int) -> dict[str, Any]:
    e = json.loads(GOLD[i].read_text(encoding="utf-8"))
    e["sha256"] = fake_sha(GOLD[i].name)
    e["format"] = "txt"
    e["extractor_version"] = "test"
    return e


def counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0] for t in COUNTED}


def snapshot(conn: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every per-document table, sorted (to compare whole states)."""
    out = {}
    for t in COUNTED:
        if t == "ingest_failures":
            q = "SELECT source_path, sha256, stage, reason FROM raw.ingest_failures"
        elif t == "documents":
            q = "SELECT document_id, source_path, extraction_json::VARCHAR FROM raw.documents"
        else:
            q = f"SELECT * FROM raw.{t}"
        out[t] = sorted(conn.execute(q).fetchall(), key=repr)
    return out


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(tmp_path / "sub" / "w.duckdb")
    ensure_schema(c)
    yield c
    c.close()


def load_all(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [load_extraction(conn, gold(i), source_path=f"/inbox/{p.stem}.txt", size_bytes=100)
            for i, p in enumerate(GOLD)]


# -- schema -------------------------------------------------------------------------------------


def test_schema_is_the_contract(conn: duckdb.DuckDBPyConnection) -> None:
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw'").fetchall()}
    assert tables == set(RAW_TABLES)
    types = dict(((t, c), ty) for t, c, ty in conn.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw'").fetchall())
    assert not [k for k, v in types.items() if v in ("DOUBLE", "FLOAT", "REAL")]
    money = [k for k in types if k[1].endswith("_wan") or k[1] in ("target_value", "actual_value")]
    assert len(money) >= 12 and all(types[k] == "DECIMAL(18,4)" for k in money)
    assert types[("projects", "execution_rate_pct")] == "DECIMAL(9,4)"
    assert types[("indicators", "weight")] == "DECIMAL(9,4)"
    assert types[("documents", "unit_aliases")] == "VARCHAR[]"
    assert types[("documents", "extraction_json")] == "JSON"
    assert types[("ingest_failures", "first_seen_at")] == "TIMESTAMP"
    # every table and column carries a comment, with its Chinese term
    missing = conn.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'raw' AND comment IS NULL"
    ).fetchall()
    assert missing == []
    comment = conn.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'projects' AND column_name = 'executed_wan'"
    ).fetchone()[0]
    assert "执行数" in comment and "万元" in comment


def test_ensure_schema_is_idempotent_and_keeps_rows(conn: duckdb.DuckDBPyConnection) -> None:
    load_all(conn)
    before = counts(conn)
    ensure_schema(conn)
    ensure_schema(conn)
    assert counts(conn) == before


# -- idempotence, replace, rollback -------------------------------------------------------------


def test_loading_the_gold_labels_lands_every_row(conn: duckdb.DuckDBPyConnection) -> None:
    assert load_all(conn) == ["inserted"] * len(GOLD)
    expected = {"reports": 0, "projects": 0, "spending_items": 0, "indicators": 0}
    for i in range(len(GOLD)):
        for k in expected:
            expected[k] += len(gold(i)[k])
    c = counts(conn)
    assert c["documents"] == len(GOLD)
    assert {k: c[k] for k in expected} == expected
    row = conn.execute(
        "SELECT unit_name, region_code, fiscal_year, unit_aliases FROM raw.documents WHERE source_name = ?",
        [GOLD[0].stem + ".txt"],
    ).fetchone()
    g = gold(0)
    assert row == (g["unit"]["name"], g["unit"]["region_code"], g["fiscal_year"], g["unit"]["aliases"])
    # the stored Extraction is the Extraction
    stored = conn.execute("SELECT extraction_json FROM raw.documents WHERE document_id = ?",
                          [g["sha256"]]).fetchone()[0]
    assert json.loads(stored) == g


def test_same_extraction_twice_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    load_all(conn)
    first = snapshot(conn)
    assert load_all(conn) == ["unchanged"] * len(GOLD)
    assert snapshot(conn) == first


def test_changed_file_at_same_path_replaces_its_rows(conn: duckdb.DuckDBPyConnection) -> None:
    load_all(conn)
    before = counts(conn)
    path = f"/inbox/{GOLD[4].stem}.txt"
    changed = gold(4)
    changed["sha256"] = fake_sha("new bytes")
    changed["indicators"] = changed["indicators"][:3]
    assert load_extraction(conn, changed, source_path=path, size_bytes=99) == "replaced"
    after = counts(conn)
    assert after["documents"] == before["documents"]
    assert after["indicators"] == before["indicators"] - len(gold(4)["indicators"]) + 3
    ids = {r[0] for r in conn.execute("SELECT DISTINCT document_id FROM raw.indicators").fetchall()}
    assert gold(4)["sha256"] not in ids and changed["sha256"] in ids
    assert conn.execute("SELECT document_id FROM raw.documents WHERE source_path = ?", [path]).fetchall() == [
        (changed["sha256"],)]


def test_same_bytes_reextracted_by_newer_extractor_are_replaced(conn: duckdb.DuckDBPyConnection) -> None:
    e = gold(2)
    assert load_extraction(conn, e, source_path="/inbox/a.txt", size_bytes=1) == "inserted"
    e2 = copy.deepcopy(e)
    e2["extractor_version"] = "test-2"
    e2["projects"][0]["executed"] = "199.5"
    assert load_extraction(conn, e2, source_path="/inbox/a.txt", size_bytes=1) == "replaced"
    assert conn.execute("SELECT executed_wan, (SELECT extractor_version FROM raw.documents) FROM raw.projects"
                        ).fetchall() == [(Decimal("199.5"), "test-2")]


@pytest.mark.parametrize("fail_table", ["documents", "projects", "indicators", "extraction_warnings"])
def test_failed_load_leaves_previous_state(conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch,
                                           fail_table: str) -> None:
    load_all(conn)
    record_failure(conn, source_path="/inbox/bad.pdf", sha256=fake_sha("bad"), stage="read", reason="corrupt",
                   message="not a PDF")
    before = snapshot(conn)
    real_insert = load_mod.insert_rows

    def failing_insert(c: duckdb.DuckDBPyConnection, table: str, rows: Any) -> int:
        if table == fail_table:
            raise RuntimeError(f"injected failure while inserting {table}")
        return real_insert(c, table, rows)

    monkeypatch.setattr(load_mod, "insert_rows", failing_insert)
    changed = gold(4)
    changed["sha256"] = fake_sha("changed")
    changed.setdefault("warnings", []).append({"field": "x", "message": "y"})
    with pytest.raises(RuntimeError, match="injected"):  # a replace that fails half-way
        load_extraction(conn, changed, source_path=f"/inbox/{GOLD[4].stem}.txt", size_bytes=5)
    with pytest.raises(RuntimeError, match="injected"):  # a new file that fails, at a failed path
        load_extraction(conn, changed, source_path="/inbox/bad.pdf", size_bytes=5)
    assert snapshot(conn) == before
    # the connection is usable afterwards, and the same load now succeeds
    monkeypatch.setattr(load_mod, "insert_rows", real_insert)
    assert load_extraction(conn, changed, source_path=f"/inbox/{GOLD[4].stem}.txt", size_bytes=5) == "replaced"


def test_extraction_without_hash_is_refused(conn: duckdb.DuckDBPyConnection) -> None:
    e = gold(0)
    del e["sha256"]
    with pytest.raises(ValueError, match="sha256"):
        load_extraction(conn, e, source_path="/inbox/x.txt", size_bytes=1)
    assert counts(conn)["documents"] == 0


# -- duplicates and failures ---------------------------------------------------------------------


def test_identical_bytes_at_another_path_are_a_duplicate(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "copy of a.txt"
    first.write_text("same")
    second.write_text("same")
    e = gold(1)
    assert load_extraction(conn, e, source_path=str(first), size_bytes=4) == "inserted"
    before = counts(conn)
    record_failure(conn, source_path=str(second), sha256=e["sha256"], stage="extract", reason="error",
                   message="an earlier extractor crashed on this copy")
    for _ in range(3):
        assert load_extraction(conn, e, source_path=str(second), size_bytes=4) == "duplicate"
    rows = conn.execute("SELECT source_path, sha256, stage, reason, message FROM raw.ingest_failures").fetchall()
    assert len(rows) == 1
    assert rows[0][:4] == (str(second), e["sha256"], "load", "duplicate") and str(first) in rows[0][4]
    after = counts(conn)
    assert after == {**before, "ingest_failures": 1}
    assert conn.execute("SELECT source_path FROM raw.documents").fetchall() == [(str(first),)]
    # the first copy goes away: after forgetting it, the second copy loads and its failure clears
    first.unlink()
    assert forget_missing(conn, {str(second)}) == 1
    assert load_extraction(conn, e, source_path=str(second), size_bytes=4) == "inserted"
    assert counts(conn)["ingest_failures"] == 0


def test_moved_file_is_loaded_at_its_new_path(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    e = gold(3)
    assert load_extraction(conn, e, source_path=str(tmp_path / "gone.txt"), size_bytes=4) == "inserted"
    assert load_extraction(conn, e, source_path=str(tmp_path / "new.txt"), size_bytes=4) == "replaced"
    assert conn.execute("SELECT source_name FROM raw.documents").fetchall() == [("new.txt",)]


def test_failure_rows_are_deduplicated_and_cleared_by_a_good_load(conn: duckdb.DuckDBPyConnection) -> None:
    kw = {"source_path": "/inbox/r.pdf", "stage": "read", "reason": "scanned_needs_ocr", "message": "no text"}
    for _ in range(3):
        record_failure(conn, sha256=fake_sha("r1"), **kw)
    record_failure(conn, source_path="/inbox/zero.pdf", sha256=None, stage="read", reason="empty", message="0 bytes")
    record_failure(conn, source_path="/inbox/zero.pdf", sha256=None, stage="read", reason="empty", message="0 bytes")
    rows = conn.execute("SELECT source_path, first_seen_at <= last_seen_at FROM raw.ingest_failures "
                        "ORDER BY source_path").fetchall()
    assert rows == [("/inbox/r.pdf", True), ("/inbox/zero.pdf", True)]
    # the file at r.pdf is replaced by other bytes that also fail: only the current failure remains
    record_failure(conn, sha256=fake_sha("r2"), **kw)
    assert conn.execute("SELECT sha256 FROM raw.ingest_failures WHERE source_path = '/inbox/r.pdf'"
                        ).fetchall() == [(fake_sha("r2"),)]
    # then it loads fine: its failure rows are cleared, the other file's stay
    assert load_extraction(conn, gold(0), source_path="/inbox/r.pdf", size_bytes=9) == "inserted"
    assert conn.execute("SELECT source_path FROM raw.ingest_failures").fetchall() == [("/inbox/zero.pdf",)]


def test_new_content_that_fails_drops_the_stale_document(conn: duckdb.DuckDBPyConnection) -> None:
    load_extraction(conn, gold(0), source_path="/inbox/r.pdf", size_bytes=9)
    record_failure(conn, source_path="/inbox/r.pdf", sha256=fake_sha("now corrupt"), stage="read",
                   reason="corrupt", message="truncated")
    c = counts(conn)
    assert c["documents"] == 0 and c["reports"] == 0 and c["ingest_failures"] == 1
    # an error in loading the same bytes keeps the document
    load_extraction(conn, gold(0), source_path="/inbox/r.pdf", size_bytes=9)
    record_failure(conn, source_path="/inbox/r.pdf", sha256=gold(0)["sha256"], stage="load", reason="error",
                   message="transient")
    assert counts(conn)["documents"] == 1


def test_unknown_reason_is_kept_as_error_and_bad_stage_refused(conn: duckdb.DuckDBPyConnection) -> None:
    record_failure(conn, source_path="/x", sha256=None, stage="extract", reason="martian", message="m")
    assert conn.execute("SELECT reason, message FROM raw.ingest_failures").fetchall() == [("error", "[martian] m")]
    with pytest.raises(ValueError, match="stage"):
        record_failure(conn, source_path="/x", sha256=None, stage="dream", reason="error", message="m")


def test_forget_missing(conn: duckdb.DuckDBPyConnection) -> None:
    load_all(conn)
    record_failure(conn, source_path="/inbox/gone.pdf", sha256=None, stage="read", reason="corrupt", message="")
    keep = {f"/inbox/{p.stem}.txt" for p in GOLD[:2]}
    assert forget_missing(conn, keep) == len(GOLD) - 2
    c = counts(conn)
    assert c["documents"] == 2 and c["ingest_failures"] == 0
    expected_indicators = len(gold(0)["indicators"]) + len(gold(1)["indicators"])
    assert c["indicators"] == expected_indicators
    assert forget_missing(conn, keep) == 0


# -- exact money ---------------------------------------------------------------------------------


def test_money_is_exact(conn: duckdb.DuckDBPyConnection) -> None:
    load_all(conn)
    total = sum((Decimal(s["amount"]) for i in range(len(GOLD)) for s in gold(i)["spending_items"]), Decimal(0))
    got, typ = conn.execute("SELECT sum(amount_wan), typeof(sum(amount_wan)) FROM raw.spending_items").fetchone()
    assert got == total and typ.startswith("DECIMAL")
    e = gold(2)
    e["sha256"] = fake_sha("exact")
    e["spending_items"] = [{"project": None, "item": f"i{k}", "amount": "0.9997"} for k in range(1000)]
    e["projects"][0]["execution_rate"] = "99.97%"
    load_extraction(conn, e, source_path="/inbox/exact.txt", size_bytes=1)
    got = conn.execute("SELECT sum(amount_wan), min(amount_wan) FROM raw.spending_items WHERE document_id = ?",
                       [e["sha256"]]).fetchone()
    assert got == (Decimal("999.7000"), Decimal("0.9997"))
    assert conn.execute("SELECT execution_rate_pct FROM raw.projects WHERE document_id = ?",
                        [e["sha256"]]).fetchone() == (Decimal("99.97"),)


def test_non_numeric_money_becomes_null_with_a_warning(conn: duckdb.DuckDBPyConnection) -> None:
    e = gold(0)
    e["warnings"] = [{"field": "unit.unit_code", "message": "not printed"}]
    e["projects"][0]["executed"] = "约二十万"
    e["projects"][0]["budget_initial"] = "1,234.5"
    e["spending_items"][0]["amount"] = "12.34567"
    e["spending_items"][1]["amount"] = "1e20"
    assert load_extraction(conn, e, source_path="/inbox/w.txt", size_bytes=1) == "inserted"
    assert conn.execute("SELECT executed_wan, budget_initial_wan FROM raw.projects WHERE project_index = 0"
                        ).fetchone() == (None, Decimal("1234.5"))
    amounts = conn.execute("SELECT amount_wan FROM raw.spending_items ORDER BY item_index LIMIT 2").fetchall()
    assert amounts == [(Decimal("12.3457"),), (None,)]
    warnings = conn.execute("SELECT warning_index, field, message FROM raw.extraction_warnings ORDER BY 1").fetchall()
    assert warnings[0] == (0, "unit.unit_code", "not printed")
    fields = [w[1] for w in warnings[1:]]
    assert fields == ["projects[0].executed", "spending_items[0].amount", "spending_items[1].amount"]
    assert "约二十万" in warnings[1][2]


@pytest.mark.parametrize(("raw", "expected"), [
    ("0.9997", Decimal("0.9997")), ("24.00", Decimal("24.00")), (" 1 234.50 ", Decimal("1234.5")),
    ("-3", Decimal("-3")), (7, Decimal(7)), ("", None), (None, None), ("abc", None), ("NaN", None),
    ("0.00005", Decimal("0.0000")), ("0.00015", Decimal("0.0002")),
])
def test_to_decimal(raw: Any, expected: Decimal | None) -> None:
    assert to_decimal(raw) == expected


# -- divisions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeDivision:
    code: str
    name: str
    level: str
    parent_code: str | None
    province: str | None
    prefecture: str | None
    county: str | None


FAKE_DIVISIONS = [
    FakeDivision("430000", "湖南省", "province", None, "湖南省", None, None),
    FakeDivision("430900", "益阳市", "prefecture", "430000", "湖南省", "益阳市", None),
    FakeDivision("430922", "桃江县", "county", "430900", "湖南省", "益阳市", "桃江县"),
]


def test_load_divisions_replaces_the_table(conn: duckdb.DuckDBPyConnection) -> None:
    assert load_divisions(conn, FAKE_DIVISIONS) == 3
    assert load_divisions(conn, FAKE_DIVISIONS) == 3
    assert conn.execute("SELECT count(*) FROM raw.divisions").fetchone() == (3,)
    assert load_divisions(conn, [vars(d) for d in FAKE_DIVISIONS[:2]]) == 2
    assert conn.execute("SELECT code, level, parent_code FROM raw.divisions ORDER BY code").fetchall() == [
        ("430000", "province", None), ("430900", "prefecture", "430000")]


def test_load_divisions_from_ingest_regions(conn: duckdb.DuckDBPyConnection) -> None:
    regions = pytest.importorskip("ingest.regions")
    if not hasattr(regions, "divisions"):
        pytest.skip("ingest.regions.divisions() not written yet")
    n = load_divisions(conn)
    assert n == len(regions.divisions()) > 0
    assert conn.execute("SELECT count(DISTINCT level) FROM raw.divisions").fetchone()[0] >= 1


# -- what the extractor really produces ------------------------------------------------------------

REPORTS = sorted((SHARED / "corpus" / "reports").glob("*.txt"))


def test_real_extractions_load_with_their_provenance(conn: duckdb.DuckDBPyConnection) -> None:
    extract = pytest.importorskip("ingest.extract")
    if not hasattr(extract, "extract_file"):
        pytest.skip("ingest.extract.extract_file not written yet")
    expected = {"reports": 0, "projects": 0, "spending_items": 0, "indicators": 0}
    with_provenance = 0
    money = Decimal(0)
    for path in REPORTS:
        e = extract.extract_file(path)
        for key in expected:
            expected[key] += len(e[key])
            with_provenance += sum(1 for row in e[key] if (row.get("provenance") or {}).get("raw_text"))
        money += sum((Decimal(s["amount"]) for s in e["spending_items"] if s.get("amount")), Decimal(0))
        size = path.stat().st_size
        assert load_extraction(conn, e, source_path=str(path), size_bytes=size) == "inserted"
        assert load_extraction(conn, e, source_path=str(path), size_bytes=size) == "unchanged"
        stored = conn.execute("SELECT extraction_json, format FROM raw.documents WHERE document_id = ?",
                              [e["sha256"]]).fetchone()
        assert json.loads(stored[0]) == json.loads(json.dumps(e, ensure_ascii=False)) and stored[1] == "txt"
    c = counts(conn)
    assert c["documents"] == len(REPORTS)
    assert {k: c[k] for k in expected} == expected
    stored_provenance = sum(conn.execute(f"SELECT count(raw_text) FROM raw.{t}").fetchone()[0] for t in expected)
    assert stored_provenance == with_provenance
    assert conn.execute("SELECT coalesce(sum(amount_wan), 0) FROM raw.spending_items").fetchone()[0] == money


def test_the_loader_writes_exactly_the_ddl_columns() -> None:
    """load.py's column lists and schema.sql must not drift apart."""
    from warehouse.schema import expected_columns

    ddl = expected_columns()
    for table, columns in load_mod._COLUMNS.items():
        assert [c for c, _ in columns] == [c for c, _ in ddl[table]], table
        assert [t.replace("VARCHAR(6)", "VARCHAR") for _, t in columns] == [t for _, t in ddl[table]], table


def test_an_older_raw_table_gets_its_new_columns(tmp_path: Path) -> None:
    from warehouse.schema import SchemaMismatchError

    c = connect(tmp_path / "old.duckdb")
    c.execute("CREATE SCHEMA raw")
    c.execute("CREATE TABLE raw.divisions (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, level VARCHAR NOT NULL)")
    c.execute("INSERT INTO raw.divisions VALUES ('430000', '湖南省', 'province')")
    ensure_schema(c)
    assert c.execute("SELECT code, parent_code, county FROM raw.divisions").fetchall() == [("430000", None, None)]
    c.execute("ALTER TABLE raw.reports ALTER score TYPE DOUBLE")
    with pytest.raises(SchemaMismatchError, match="raw.reports.score"):
        ensure_schema(c)
    c.close()
