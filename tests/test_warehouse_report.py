"""`jixiao status`: row counts and the printed summary, including while a run holds the writer's file."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warehouse.db import connect, writer
from warehouse.load import load_extraction, record_failure
from warehouse.report import print_status, row_counts
from warehouse.serving import publish

PROJECT = Path(__file__).resolve().parents[1]
GOLD = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gold").glob("*.json"))


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    db, sd = tmp_path / "w.duckdb", tmp_path / "serving"
    monkeypatch.setenv("JIXIAO_DB", str(db))
    monkeypatch.setenv("JIXIAO_SERVING_DIR", str(sd))
    return {"db": db, "serving": sd}


def fill(db: Path) -> dict[str, int]:
    """Load two gold labels and two failures; return the expected raw counts."""
    expected = {"raw.documents": 0, "raw.projects": 0, "raw.indicators": 0}
    with writer(db) as c:
        for p in GOLD[:2]:
            e = json.loads(p.read_text(encoding="utf-8"))
            e["sha256"] = hashlib.sha256(p.name.encode()).hexdigest()
            load_extraction(c, e, source_path=f"/inbox/{p.stem}.txt", size_bytes=1)
            expected["raw.documents"] += 1
            expected["raw.projects"] += len(e["projects"])
            expected["raw.indicators"] += len(e["indicators"])
        record_failure(c, source_path="/inbox/a.pdf", sha256=None, stage="read", reason="corrupt", message="")
        record_failure(c, source_path="/inbox/b.pdf", sha256=None, stage="read", reason="corrupt", message="")
        c.execute("CREATE SCHEMA IF NOT EXISTS marts")
        c.execute("CREATE OR REPLACE TABLE marts.dim_year AS SELECT DISTINCT fiscal_year FROM raw.documents")
    return expected


@pytest.mark.skipif(not GOLD, reason="shared corpus not found beside the checkout")
def test_row_counts_cover_raw_and_marts(env: dict[str, Path]) -> None:
    expected = fill(env["db"])
    with connect(env["db"], read_only=True) as c:
        counts = row_counts(c)
    assert {k: counts[k] for k in expected} == expected
    assert counts["raw.ingest_failures"] == 2 and counts["marts.dim_year"] >= 1
    assert {"raw.divisions", "raw.reports", "raw.spending_items"} <= set(counts)


@pytest.mark.skipif(not GOLD, reason="shared corpus not found beside the checkout")
def test_print_status(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    expected = fill(env["db"])
    assert print_status() == 0
    out = capsys.readouterr().out
    assert f"{expected['raw.documents']} loaded, 2 failed" in out
    assert "corrupt:" in out and "dim_year:" in out and "not published yet" in out
    publish()
    # while this process has the file open for writing, status still works
    with writer(env["db"]):
        assert print_status() == 0
    out = capsys.readouterr().out
    assert "serving copy:     v" in out
    assert re.search(rf"^  indicators: +{expected['raw.indicators']}$", out, re.MULTILINE)


def test_print_status_before_anything_landed(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert print_status() == 1
    assert "nothing loaded yet" in capsys.readouterr().out


@pytest.mark.skipif(not GOLD, reason="shared corpus not found beside the checkout")
def test_print_status_while_another_process_writes(env: dict[str, Path]) -> None:
    fill(env["db"])
    publish()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            c = duckdb.connect({str(env['db'])!r})
            print("open", flush=True)
            sys.stdin.readline()
        """)],
        cwd=PROJECT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        out = subprocess.run([sys.executable, "-m", "pipelines.cli", "status"], cwd=PROJECT, capture_output=True,
                             text=True, timeout=60)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert out.returncode == 0, out.stderr
    assert "showing the last published serving copy" in out.stdout and "dim_year:" in out.stdout
