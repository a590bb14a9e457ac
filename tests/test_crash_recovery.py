"""A run killed with SIGKILL at any stage leaves nothing that blocks the next, and hostile files
beside good ones change nothing but their own failure rows: the next `jixiao run` says what it
recovered, finishes in bounded time, and publishes the same marts as an uninterrupted run on the
good reports alone.

One uninterrupted run on the good reports makes the reference. Then, on a fresh warehouse whose
inbox also holds the hostile cases (bombs, a dense grid, DTD entities, a link out, a name that is not
UTF-8 …) and one Dagster home, runs are killed in turn while loading, while dbt builds and while
publishing, each starting from what the previous killed run left; a last run must finish, equal the
reference, and record every hostile file with its reason.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from ingest.names import readable
from ingest.samples.hostile import non_utf8_name, write_hostile_inbox

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1]
REAL = PROJECT / "tests" / "fixtures" / "real"
RENDERED = PROJECT / "tests" / "fixtures" / "rendered"
RUN_TIMEOUT_S = 600

# (stage, the log text that says the run is in it, seconds to wait after it before the kill)
STAGES = [
    ("load", "loading batch 1/", 0.0),  # inside the batch's transaction
    ("dbt", "Running dbt command", 6.0),
    ("publish", 'serving_copy - ', 0.0),
]


def _env(root: Path, inbox: Path, dagster_home: Path) -> dict[str, str]:
    return {**os.environ, "JIXIAO_DB": str(root / "jixiao.duckdb"), "JIXIAO_INBOX": str(inbox),
            "JIXIAO_SERVING_DIR": str(root / "serving"), "DAGSTER_HOME": str(dagster_home),
            # small budgets, so that the hostile files fail fast
            "JIXIAO_FILE_WALL_S": "8", "JIXIAO_FILE_UNPACKED_MB": "32", "JIXIAO_FILE_MEMORY_MB": "512"}


def _start(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _run_to_end(env: dict[str, str]) -> str:
    proc = _start(env)
    out, _ = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 0, out[-4000:]
    return out


def _kill_when(env: dict[str, str], marker: str, delay_s: float) -> str:
    """Start a run, SIGKILL it (the run's process only, as `kill -9 PID` does) once `marker` is logged."""
    proc = _start(env)
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if marker in line:
                seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert seen.wait(RUN_TIMEOUT_S), f"the run never reached {marker!r}:\n" + "".join(lines)[-4000:]
    time.sleep(delay_s)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    reader.join(timeout=60)
    return "".join(lines)


def _marts(serving_db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every published table's rows, without the columns that hold times (they differ run to run)."""
    con = duckdb.connect(str(serving_db), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM published_tables ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            described = con.execute(f'DESCRIBE "{t}"').fetchall()
            cols = [r[0] for r in described if not (r[0].endswith("_at") or "TIMESTAMP" in r[1])]
            select = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(con.execute(f'SELECT {select} FROM "{t}"').fetchall(), key=repr)
        return out
    finally:
        con.close()


def test_a_run_killed_at_any_stage_never_blocks_the_next(tmp_path: Path, dbt_manifest: Path) -> None:
    inbox = tmp_path / "inbox"  # the good reports first; the reference is built from them alone
    inbox.mkdir()
    for name in ("b1_01_yunnan_prose.txt", "b1_04_yunnan_form.txt", "b1_03_anhui_final.txt"):
        (inbox / name).write_bytes((REAL / "b1" / name).read_bytes())
    odd = non_utf8_name(inbox, REAL / "b1" / "b1_02_yunnan_dept.txt")  # a good report, odd name

    reference_root = tmp_path / "reference"
    _run_to_end(_env(reference_root, inbox, tmp_path / "reference_dagster"))
    reference = _marts(reference_root / "serving" / "jixiao.duckdb")
    assert reference["fct_evaluation"], "the reference run published no evaluations"

    templates = {"docx": RENDERED / "001_beb5de3bc69780c1.docx", "xlsx": RENDERED / "001_beb5de3bc69780c1.xlsx",
                 "txt": REAL / "b1" / "b1_01_yunnan_prose.txt"}
    expected = write_hostile_inbox(inbox, tmp_path / "outside", templates, bomb_mb=48, grid_lines=250)

    root, home = tmp_path / "crashed", tmp_path / "crashed_dagster"
    env = _env(root, inbox, home)
    outputs = []
    for stage, marker, delay in STAGES:
        out = _kill_when(env, marker, delay)
        assert marker in out, f"killed before reaching the {stage} stage"
        outputs.append(out)
        # the kernel freed the writer lock and dbt died with its parent: the file opens at once
        duckdb.connect(str(root / "jixiao.duckdb")).close()
    start = time.monotonic()
    final = _run_to_end(env)
    assert time.monotonic() - start < RUN_TIMEOUT_S

    for stage, out in zip([s for s, _, _ in STAGES], outputs[1:] + [final], strict=True):
        assert "recovered: run" in out, f"the run after the kill in {stage} did not say what it recovered"
    # the dbt step died holding the writer lock: the next run said what it recovered
    assert "recovered: the writer lock" in outputs[2]
    published = _marts(root / "serving" / "jixiao.duckdb")
    failures = {Path(r[0]).name: r for r in published.pop("ingest_failures")}
    reference.pop("ingest_failures")
    assert published == reference
    columns = [c for c in _columns(root / "serving" / "jixiao.duckdb", "ingest_failures")]
    reason_at, message_at = columns.index("reason"), columns.index("message")
    assert {name: row[reason_at] for name, row in failures.items()} == expected
    for name, row in failures.items():
        assert name in row[message_at] or row[reason_at] == "empty"
    assert readable(odd.name) in repr(published)  # the odd name is loaded and shown readably


def _columns(serving_db: Path, table: str) -> list[str]:
    con = duckdb.connect(str(serving_db), read_only=True)
    try:
        return [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()
                if not (r[0].endswith("_at") or "TIMESTAMP" in r[1])]
    finally:
        con.close()
