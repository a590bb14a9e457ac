"""The accuracy floor on the real reports: run the shared scorer over the gold labels.

Floors (from the extraction issue): overall F1 ≥ 0.97, every section ≥ 0.90, precision ≥ 0.98 — a
wrong number is worse than a missing one."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
GOLD = SHARED / "corpus" / "gold"
REPORTS = SHARED / "corpus" / "reports"
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not SCORER.exists() or not GOLD.exists(), reason="shared corpus not present")


def run_scorer(gold: Path, reports: Path, manifest: Path | None = None) -> str:
    cmd = f"{shlex.quote(sys.executable)} -m pipelines.cli extract {{file}} --json"
    args = [sys.executable, str(SCORER), str(gold), "--cmd", cmd, "--reports", str(reports)]
    if manifest is not None:
        args += ["--manifest", str(manifest)]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600, check=True)
    return out.stdout


def parse_table(stdout: str) -> tuple[dict[str, tuple[float, float, float]], float, float]:
    """Section → (P, R, F1); and overall precision and F1 from the scorer's printed table."""
    sections: dict[str, tuple[float, float, float]] = {}
    for line in stdout.splitlines():
        m = re.match(r"^(\S+)\s+\d+\s+\d+\s+\d+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
        if m:
            sections[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)))
    m = re.search(r"overall_precision=([\d.]+) overall_recall=([\d.]+) overall_f1=([\d.]+)", stdout)
    assert m, stdout
    return sections, float(m.group(1)), float(m.group(3))


def test_gold_floor() -> None:
    stdout = run_scorer(GOLD, REPORTS)
    assert "ERROR" not in stdout, stdout
    sections, precision, f1 = parse_table(stdout)
    assert len(sections) >= 6, stdout
    assert f1 >= 0.97, stdout
    assert precision >= 0.98, stdout
    low = {k: v for k, v in sections.items() if not k.endswith(".rows") and v[2] < 0.90}
    assert not low, stdout
