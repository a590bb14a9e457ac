"""A report reads the same whatever format it arrives in: the gold scorer's overall F1 on each
rendering family (tests/fixtures/rendered, made by `python -m ingest.render`) stays within 0.02 of
its F1 on the plain-text exports of the same reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from ingest.document import sha256_file
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
RENDERED = ROOT / "tests" / "fixtures" / "rendered"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
GOLD = SHARED / "corpus" / "gold"
REPORTS = SHARED / "corpus" / "reports"
MAX_GAP = 0.02
FAMILIES = ["docx", "lo.pdf", "rl.pdf", "xlsx", "xls", "doc", "html"]

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="shared corpus and scorer not beside the checkout")


def manifest() -> dict[str, dict[str, str]]:
    return json.loads((RENDERED / "manifest.json").read_text(encoding="utf-8"))["files"]


def overall_f1(reports_dir: Path, files: dict[str, str], tmp: Path) -> tuple[float, str]:
    """Run the gold scorer with `jixiao extract --json` on `files` ({name: gold stem})."""
    man = tmp / f"manifest_{abs(hash(tuple(sorted(files.items()))))}.json"
    man.write_text(json.dumps({"files": {n: {"stem": s} for n, s in files.items()}}), encoding="utf-8")
    cmd = f"{sys.executable} -m pipelines.cli extract {{file}} --json"
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD), "--cmd", cmd, "--reports", str(reports_dir),
                          "--manifest", str(man)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    m = re.search(r"overall_f1=([0-9.]+)", out.stdout)
    assert m, out.stdout + out.stderr
    return float(m.group(1)), out.stdout


@cache
def text_f1(stems: tuple[str, ...], tmp: Path) -> float:
    return overall_f1(REPORTS, {f"{s}.txt": s for s in stems}, tmp)[0]


def test_manifest_lists_every_rendering() -> None:
    files = manifest()
    on_disk = {p.name for p in RENDERED.iterdir() if p.name != "manifest.json"}
    assert set(files) == on_disk
    stems = {info["stem"] for info in files.values()}
    assert stems == {p.stem for p in GOLD.glob("*.json")}
    assert sum((RENDERED / n).stat().st_size for n in files) < 3_000_000


@pytest.mark.parametrize("family", FAMILIES)
def test_family_matches_text(family: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    files = {n: info["stem"] for n, info in manifest().items() if info["family"] == family}
    if not files:
        pytest.skip(f"no {family} renderings")
    if family == "doc" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed: .doc cannot be converted")
    tmp = tmp_path_factory.getbasetemp()
    baseline = text_f1(tuple(sorted(set(files.values()))), tmp)
    f1, table = overall_f1(RENDERED, files, tmp_path_factory.mktemp(family.replace(".", "_")))
    assert f1 >= baseline - MAX_GAP, f"{family}: F1 {f1:.3f} vs text {baseline:.3f}\n{table}"


def test_renderer_reproduces_committed_fixtures(tmp_path: Path) -> None:
    """The renderer (without LibreOffice) rebuilds what is committed: same blocks read back."""
    from ingest.render import render_report

    text = REPORTS / "002_b2a4333b6e0b3ebb.txt"
    written = {p.name: p for p in render_report(text, tmp_path, office=False)}
    assert set(written) == {"002_b2a4333b6e0b3ebb.docx", "002_b2a4333b6e0b3ebb.rl.pdf", "002_b2a4333b6e0b3ebb.xlsx",
                            "002_b2a4333b6e0b3ebb.html"}
    for name, path in written.items():
        fresh, committed = read_document(path), read_document(RENDERED / name)
        assert fresh.text() == committed.text(), name
        assert sha256_file(path) and fresh.n_pages == committed.n_pages
