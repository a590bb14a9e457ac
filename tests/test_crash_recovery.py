"""A run killed with SIGKILL at any stage leaves nothing that blocks the next: the next `jixiao run`
says what it recovered, finishes, and publishes the same marts as a run that was never interrupted.

One uninterrupted run makes the reference. Then, on a fresh warehouse with the same inbox and one
Dagster home, runs are killed in turn while loading, while dbt builds and while publishing, each
one starting from what the previous killed run left; a last run must finish and equal the reference.
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

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1]
REAL = PROJECT / "tests" / "fixtures" / "real"
RUN_TIMEOUT_S = 600

# (stage, the log text that says the run is in it, seconds to wait after it before the kill)
STAGES = [
    ("load", "loaded 1/", 0.0),
    ("dbt", "Running dbt command", 6.0),
    ("publish", 'serving_copy - ', 0.0),
]


def _env(root: Path, inbox: Path, dagster_home: Path) -> dict[str, str]:
    return {**os.environ, "JIXIAO_DB": str(root / "jixiao.duckdb"), "JIXIAO_INBOX": str(inbox),
            "JIXIAO_SERVING_DIR": str(root / "serving"), "DAGSTER_HOME": str(dagster_home)}


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
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("b1/b1_01_yunnan_prose.txt", "b1/b1_02_yunnan_dept.txt", "b1/b1_04_yunnan_form.txt",
                 "b1/b1_03_anhui_final.txt"):
        (inbox / Path(name).name).write_bytes((REAL / name).read_bytes())

    reference_root = tmp_path / "reference"
    _run_to_end(_env(reference_root, inbox, tmp_path / "reference_dagster"))
    reference = _marts(reference_root / "serving" / "jixiao.duckdb")
    assert reference["fct_evaluation"], "the reference run published no evaluations"

    root, home = tmp_path / "crashed", tmp_path / "crashed_dagster"
    env = _env(root, inbox, home)
    outputs = []
    for stage, marker, delay in STAGES:
        out = _kill_when(env, marker, delay)
        assert marker in out, f"killed before reaching the {stage} stage"
        outputs.append(out)
        # the kernel freed the writer lock and dbt died with its parent: the file opens at once
        duckdb.connect(str(root / "jixiao.duckdb")).close()
    final = _run_to_end(env)

    recovered_after = outputs[1:] + [final]
    for stage, out in zip([s for s, _, _ in STAGES], recovered_after, strict=True):
        assert "recovered: run" in out, f"the run after the kill in {stage} did not say what it recovered"
    # the dbt step died holding the writer lock: the next run said what it recovered
    assert "recovered: the writer lock" in outputs[2]
    assert _marts(root / "serving" / "jixiao.duckdb") == reference
