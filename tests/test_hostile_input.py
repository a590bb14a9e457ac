"""Hostile input: every file ends as its own failure row with a reason naming it, within its budgets;
names that are not UTF-8 are stored losslessly; links out of the inbox are refused; budget failures
are not retried until the file or its budgets change; a corrected republication supersedes every
older copy on every night; moving the inbox is a move."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.names import from_stored, readable, stored
from ingest.parallel import extract_many
from ingest.safety import Budgets
from ingest.samples.hostile import non_utf8_name, pdf_dense_grid, write_hostile_inbox
from pipelines.defs.ingest import classify
from pipelines.inbox import InboxFile, discover
from warehouse.db import writer
from warehouse.load import forget_missing, load_extraction, record_failure

ROOT = Path(__file__).resolve().parent
RENDERED = ROOT / "fixtures" / "rendered"
REAL = ROOT / "fixtures" / "real" / "b1"
TEMPLATES = {"docx": RENDERED / "001_beb5de3bc69780c1.docx", "xlsx": RENDERED / "001_beb5de3bc69780c1.xlsx",
             "txt": REAL / "b1_01_yunnan_prose.txt"}
SMALL = Budgets(wall_s=20, memory_mb=512, unpacked_mb=32)


def test_each_hostile_file_fails_with_its_own_reason_within_budget(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    expected = write_hostile_inbox(inbox, tmp_path / "outside", TEMPLATES, bomb_mb=64, grid_lines=20)
    expected.pop("link_out.txt")  # refused by discovery, never read (below)
    expected.pop("grid.pdf")  # a small grid reads fine; the slow one has its own test
    good = inbox / TEMPLATES["docx"].name
    good.write_bytes(TEMPLATES["docx"].read_bytes())
    start = time.monotonic()
    results = dict(extract_many(sorted(inbox / n for n in expected) + [good], workers=2, budgets=SMALL))
    assert time.monotonic() - start < 60
    reasons = {p.name: (r.reason if isinstance(r, IngestError) else "ok") for p, r in results.items()}
    assert reasons == expected | {good.name: "ok"}
    for path, r in results.items():
        if isinstance(r, IngestError) and r.reason != "empty":
            assert path.name in r.message  # the reason names the file that caused it, never a neighbour


def test_a_file_over_its_wall_clock_budget_is_stopped_as_too_slow(tmp_path: Path) -> None:
    grid = pdf_dense_grid(tmp_path / "grid.pdf", 250)  # pdfplumber's lattice needs about a minute on it
    good = tmp_path / "good.txt"
    good.write_bytes(TEMPLATES["txt"].read_bytes())
    start = time.monotonic()
    # only the grid gets the tight budget: a good file on a busy machine may need more than 3 s to start
    tight, usual = Budgets(wall_s=3, memory_mb=512), Budgets(wall_s=120, memory_mb=512)
    results = dict(extract_many([grid, good], workers=2, budgets=lambda p: tight if Path(p) == grid else usual))
    assert time.monotonic() - start < 60
    assert isinstance(results[grid], IngestError) and results[grid].reason == "too_slow"
    assert "grid.pdf" in results[grid].message and "wall_s" in results[grid].message
    assert isinstance(results[good], dict)


def test_a_memory_hungry_file_is_stopped_as_too_large(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    from ingest.samples.hostile import docx_bomb

    docx_bomb(TEMPLATES["docx"], bomb, 160)  # inflates within the unpacked budget, then parses huge
    results = dict(extract_many([bomb], budgets=Budgets(wall_s=60, memory_mb=96, unpacked_mb=512)))
    assert isinstance(results[bomb], IngestError) and results[bomb].reason == "too_large"
    assert "bomb.docx" in results[bomb].message


def test_names_that_are_not_utf8_are_stored_losslessly_and_shown_readably(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    odd = non_utf8_name(inbox, REAL / "b1_02_yunnan_dept.txt")
    assert stored(str(odd)) != str(odd) and from_stored(stored(str(odd))) == str(odd)
    assert readable(odd.name).startswith("报告_")
    [(path, extraction)] = list(extract_many([odd], workers=1))
    assert isinstance(extraction, dict)
    with writer(tmp_path / "w.duckdb") as conn:
        assert load_extraction(conn, extraction, source_path=str(odd), size_bytes=odd.stat().st_size) == "inserted"
        row = conn.execute("SELECT source_path, source_name FROM raw.documents").fetchone()
        assert from_stored(row[0]) == str(odd) and row[1] == readable(odd.name)
        record_failure(conn, source_path=str(odd), sha256="x" * 64, stage="read", reason="corrupt",
                       message=f"{odd.name} is damaged")
        assert "报告_" in conn.execute("SELECT message FROM raw.ingest_failures").fetchone()[0]
        assert forget_missing(conn, [str(odd)]) == 0  # still present: nothing forgotten


def test_links_out_of_the_inbox_are_refused_and_links_inside_followed(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    (inbox / "real.txt").write_bytes(TEMPLATES["txt"].read_bytes())
    (inbox / "out.txt").symlink_to(outside / "secret.txt")
    (inbox / "in.txt").symlink_to(inbox / "real.txt")
    (inbox / "dir").symlink_to(outside, target_is_directory=True)
    found = {f.rel_path: f for f in discover(inbox)}
    assert found["out.txt"].refused and "outside the inbox" in found["out.txt"].refused
    assert found["dir"].refused
    assert found["in.txt"].refused is None and found["real.txt"].refused is None


def _inbox_file(path: str, sha: str) -> InboxFile:
    return InboxFile(Path(path).name, path, 1, 1, sha)


def test_budget_failures_are_retried_only_when_the_budgets_change() -> None:
    f = _inbox_file("/in/bomb.docx", "a" * 64)
    failures = [(f.abs_path, f.sha256, "too_large", SMALL.fingerprint())]
    same = classify([f], [], failures, None, budget_fingerprint=lambda _f: SMALL.fingerprint())
    lifted = Budgets(wall_s=20, memory_mb=512, unpacked_mb=4096).fingerprint()
    more = classify([f], [], failures, None, budget_fingerprint=lambda _f: lifted)
    assert same == {f.abs_path: "unchanged"} and more == {f.abs_path: "retry"}
    unsafe = classify([f], [], [(f.abs_path, f.sha256, "unsafe", None)], None,
                      budget_fingerprint=lambda _f: lifted)
    assert unsafe == {f.abs_path: "unchanged"}
    vanished = classify([f], [], [(f.abs_path, f.sha256, "vanished", None)], None)
    assert vanished == {f.abs_path: "retry"}


def _extraction(sha: str, executed: str, name: str = "x.txt") -> dict:
    return {"sha256": sha, "source_file": name, "format": "txt", "extractor_version": "v",
            "fiscal_year": 2023, "unit": {"name": "某县财政局"},
            "projects": [{"name": "道路维修", "budget_full_year": "100", "executed": executed}]}


def _night(conn, inbox: dict[str, tuple[str, str]]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """One night's load, as the pipeline does it: classify, load what needs work, forget the gone."""
    files = [_inbox_file(p, sha) for p, (sha, _) in sorted(inbox.items())]
    docs = conn.execute("SELECT source_path, document_id, extractor_version FROM raw.documents").fetchall()
    fails = conn.execute("SELECT source_path, sha256, reason, budgets FROM raw.ingest_failures").fetchall()
    status = classify(files, docs, fails, "v")
    out = {}
    for f in files:
        if status[f.abs_path] != "unchanged":
            sha, executed = inbox[f.abs_path]
            out[f.abs_path] = load_extraction(conn, _extraction(sha, executed), source_path=f.abs_path,
                                              size_bytes=1, present_paths=set(inbox))
    forget_missing(conn, list(inbox))
    return out


def _executed(conn) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(r[0]) for r in conn.execute("SELECT executed_wan FROM raw.projects ORDER BY 1").fetchall()]


@pytest.mark.parametrize("corrected", ["/in/a.pdf", "/in/b.pdf"])
def test_a_corrected_republication_supersedes_every_older_copy_on_every_night(
    tmp_path: Path, corrected: str
) -> None:
    """a.pdf and b.pdf hold the same old bytes; then one of them is corrected. Whichever name it is,
    the old figures never come back: not the next night, nor any after."""
    old, new = "1" * 64, "2" * 64
    with writer(tmp_path / "w.duckdb") as conn:
        inbox = {"/in/a.pdf": (old, "60"), "/in/b.pdf": (old, "60")}
        _night(conn, inbox)
        assert _executed(conn) == ["60.0000"]
        inbox[corrected] = (new, "90")
        for _ in range(3):
            _night(conn, inbox)
            assert _executed(conn) == ["90.0000"]
        reasons = dict(conn.execute("SELECT source_path, reason FROM raw.ingest_failures").fetchall())
        other = "/in/b.pdf" if corrected == "/in/a.pdf" else "/in/a.pdf"
        assert reasons == {other: "superseded"}


def test_moving_the_inbox_is_a_move_not_a_mass_duplicate(tmp_path: Path) -> None:
    old_inbox, new_inbox = tmp_path / "old", tmp_path / "new"
    old_inbox.mkdir()
    new_inbox.mkdir()
    with writer(tmp_path / "w.duckdb") as conn:
        first = {str(old_inbox / f"{i}.txt"): (str(i) * 64, str(10 + i)) for i in range(1, 4)}
        for p in first:
            Path(p).write_text("x", encoding="utf-8")  # the old folder still exists on disk
        _night(conn, first)
        moved = {str(new_inbox / Path(p).name): v for p, v in first.items()}
        outcomes = _night(conn, moved)
        assert set(outcomes.values()) == {"replaced"}
        assert conn.execute("SELECT count(*) FROM raw.documents").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM raw.ingest_failures").fetchone()[0] == 0
        assert all(p.startswith(str(new_inbox)) for (p,) in conn.execute(
            "SELECT source_path FROM raw.documents").fetchall())


def test_a_file_gone_mid_run_is_vanished(tmp_path: Path) -> None:
    gone = tmp_path / "gone.pdf"
    [(path, err)] = list(extract_many([gone], workers=1))
    assert isinstance(err, IngestError) and err.reason == "vanished" and "gone.pdf" in err.message
    assert not os.path.exists(gone)
