"""Extractions travel to the loader in bounded batches on disk and load one transaction per batch,
with the per-file rules kept: a file that cannot be loaded becomes a failure row, the others load."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines import spool

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv


def _record(inbox: Path, name: str, extraction: dict[str, Any] | None = None) -> dict[str, Any]:
    path = inbox / name
    path.write_text(name, encoding="utf-8")
    sha = hashlib.sha256(name.encode()).hexdigest()
    rec: dict[str, Any] = {"rel_path": name, "abs_path": str(path), "size_bytes": len(name), "sha256": sha,
                           "status": "new", "budgets": None}
    rec["extraction"] = extraction if extraction is not None else {
        "sha256": sha, "format": "txt", "fiscal_year": 2024, "unit": {"name": f"{name}单位"},
        "projects": [{"name": "项目", "executed": "1.25"}]}
    return rec


def test_spool_batches_keep_the_sorted_order_whatever_order_workers_finish(tmp_path: Path) -> None:
    order = [f"f{i:02d}.txt" for i in range(7)]
    out = spool.SpoolWriter(tmp_path / "run", order, batch_files=3)
    for name in reversed(order):  # completion order is not the work order
        out.write({"rel_path": name, "extraction": {"n": name, "money": "1.10"}})
    batches = out.batches()
    assert [len(spool.read_batch(b)) for b in batches] == [3, 3, 1]
    assert [r["rel_path"] for b in batches for r in spool.read_batch(b)] == order
    assert spool.read_batch(batches[0])[0]["extraction"]["money"] == "1.10"  # exact: decimals stay strings
    assert spool.remove_stale(tmp_path, max_age_s=3600) == 0
    assert spool.remove_stale(tmp_path, max_age_s=-1) == 1 and not (tmp_path / "run").exists()


def test_a_bad_file_in_a_batch_is_a_failure_row_and_the_others_load(jixiao_env: JixiaoEnv) -> None:
    from pipelines.defs.ingest import load_batch
    from warehouse.db import writer

    good_a = _record(jixiao_env.inbox, "a.txt")
    bad = _record(jixiao_env.inbox, "b.txt", extraction={"format": "txt"})  # no sha256: the loader refuses it
    good_c = _record(jixiao_env.inbox, "c.txt")
    present = {r["abs_path"] for r in (good_a, bad, good_c)}
    with writer() as conn:
        results = load_batch(conn, [good_a, bad, good_c], present)
        assert [r[0] for r in results] == ["inserted", "failed", "inserted"]
        docs = conn.execute("select source_name from raw.documents order by 1").fetchall()
        assert docs == [("a.txt",), ("c.txt",)]
        fails = conn.execute("select source_name, reason, stage from raw.ingest_failures").fetchall()
        assert fails == [("b.txt", "error", "load")]
        # the same batch again (a re-run) changes nothing, in one transaction this time
        assert [r[0] for r in load_batch(conn, [good_a, good_c], present)] == ["unchanged", "unchanged"]


def _raw_contents(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every raw report table's rows, sorted, without the load time."""
    from warehouse.schema import DOCUMENT_TABLES

    out = {}
    for table in ("documents", *DOCUMENT_TABLES, "ingest_failures"):
        cols = [c for (c,) in conn.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "and column_name not in ('loaded_at', 'first_seen_at', 'last_seen_at', 'modified_at') "
            "order by ordinal_position", [table]).fetchall()]
        out[table] = sorted(conn.execute(f"select {', '.join(cols)} from raw.{table}").fetchall(), key=repr)
    return out


def test_plainly_new_files_load_in_bulk_with_the_rows_the_per_file_rules_give(tmp_path: Path,
                                                                                monkeypatch: Any) -> None:
    from pipelines.defs.ingest import _load_one, load_batch
    from warehouse.db import writer
    from warehouse.load import insert_new_documents

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = [_record(inbox, f"n{i}.txt") for i in range(3)]
    copy = _record(inbox, "n0-copy.txt") | {"sha256": first[0]["sha256"], "extraction": first[0]["extraction"]}
    changed = _record(inbox, "n1.txt", extraction=dict(first[1]["extraction"], sha256="b" * 64))  # same path
    results, contents = {}, {}
    for how in ("batch", "per-file"):
        monkeypatch.setenv("JIXIAO_DB", str(tmp_path / how / "jixiao.duckdb"))
        (tmp_path / how).mkdir()
        with writer() as conn:
            later = [copy, _record(inbox, "n3.txt")]
            present = {r["abs_path"] for r in [*first, *later]}
            if how == "batch":
                assert load_batch(conn, first, present) == [("inserted", None)] * 3
                # the bulk path takes only what is plainly new: not a copy of loaded bytes, not a known path
                assert insert_new_documents(conn, [(r["extraction"], r["abs_path"], r["size_bytes"], r.get("mtime_ns"))
                                                   for r in (copy, changed)]) == [False, False]
                results[how] = load_batch(conn, [*later, changed], present)
            else:
                for r in first:
                    assert _load_one(conn, r, present) == ("inserted", None)
                results[how] = [_load_one(conn, r, present) for r in (*later, changed)]
            contents[how] = _raw_contents(conn)
    assert results["batch"] == results["per-file"] == [("duplicate", "duplicate"), ("inserted", None),
                                                       ("replaced", None)]
    assert contents["batch"] == contents["per-file"]
    assert len(contents["batch"]["documents"]) == 4
