"""A scanned report reads almost like the original: the project's scanned renderings of the seed
reports (tests/fixtures/scanned, made by `python -m ingest.render.scan`: grey, rotated, noisy,
a red seal over the first and last page, image-only PDF) score an overall F1 against the gold of
at least 0.90 and within 0.05 of the reports' text exports, with no money figure that differs
from the gold (precision of money fields 1.0). OCR runs with the default settings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from ingest.parallel import extract_many

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "tests" / "fixtures" / "scanned"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
GOLD = SHARED / "corpus" / "gold"
REPORTS = SHARED / "corpus" / "reports"
MIN_F1 = 0.90
MAX_GAP = 0.05
MONEY = ("budget_initial", "budget_full_year", "executed", "carryover")

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="shared corpus and scorer not beside the checkout")


def manifest() -> dict[str, dict[str, str]]:
    return json.loads((SCANNED / "manifest.json").read_text(encoding="utf-8"))["files"]


def _score(gold_dir: Path, pred_dir: Path) -> tuple[float, str]:
    out = subprocess.run([sys.executable, str(SCORER), str(gold_dir), str(pred_dir)],
                         capture_output=True, text=True, timeout=300)
    m = re.search(r"overall_f1=([0-9.]+)", out.stdout)
    assert m, out.stdout + out.stderr
    return float(m.group(1)), out.stdout


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Scans extracted once for the module (two worker processes); (gold dir, prediction dir).

    The per-file time budget is lifted: these tests measure what OCR reads, not how fast a loaded
    test machine reads it (`make bench` reports the speed)."""
    files = manifest()
    tmp = tmp_path_factory.mktemp("scans")
    gold_dir, pred_dir = tmp / "gold", tmp / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    for info in files.values():
        shutil.copy(GOLD / f"{info['stem']}.json", gold_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JIXIAO_FILE_WALL_S", "1200")
        for path, result in extract_many([SCANNED / n for n in files], workers=2):
            assert isinstance(result, dict), f"{path.name}: {result}"
            (pred_dir / f"{files[path.name]['stem']}.json").write_text(json.dumps(result, ensure_ascii=False),
                                                                       encoding="utf-8")
    return gold_dir, pred_dir


def test_fixtures_are_image_only_and_small() -> None:
    import pypdfium2 as pdfium

    files = manifest()
    assert {p.name for p in SCANNED.glob("*.pdf")} == set(files)
    assert sum((SCANNED / n).stat().st_size for n in files) < 3_000_000
    for name in files:
        pdf = pdfium.PdfDocument(str(SCANNED / name))
        assert all(pdf[i].get_textpage().count_chars() == 0 for i in range(len(pdf))), name
        pdf.close()


def test_scans_score_like_the_text(scans: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    gold_dir, pred_dir = scans
    f1, table = _score(gold_dir, pred_dir)
    text_dir = tmp_path_factory.mktemp("text")
    cmd = f"{sys.executable} -m pipelines.cli extract {{file}} --json"
    man = text_dir / "manifest.json"
    man.write_text(json.dumps({"files": {f"{i['stem']}.txt": {"stem": i["stem"]} for i in manifest().values()}}))
    out = subprocess.run([sys.executable, str(SCORER), str(gold_dir), "--cmd", cmd, "--reports", str(REPORTS),
                          "--manifest", str(man)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    text_f1 = float(re.search(r"overall_f1=([0-9.]+)", out.stdout).group(1))  # type: ignore[union-attr]
    assert f1 >= MIN_F1 and f1 >= text_f1 - MAX_GAP, f"scans F1 {f1:.3f} vs text {text_f1:.3f}\n{table}"


def _dec(v: object) -> Decimal | None:
    try:
        return Decimal(str(v)) if v is not None else None
    except InvalidOperation:
        return None


def test_no_money_figure_differs_from_the_gold(scans: tuple[Path, Path]) -> None:
    """Every money figure the scans yield is a figure the gold has for that field (of the project of
    the same name, or — where OCR misread a name — of some project); spending amounts and totals too."""
    gold_dir, pred_dir = scans
    wrong: list[str] = []
    checked = 0
    for pred_path in sorted(pred_dir.glob("*.json")):
        gold = json.loads((gold_dir / pred_path.name).read_text(encoding="utf-8"))
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        by_name = {p["name"]: p for p in gold.get("projects", [])}
        for p in pred.get("projects", []):
            for f in MONEY:
                value = _dec(p.get(f))
                if value is None:
                    continue
                checked += 1
                same = by_name.get(p["name"])
                allowed = {_dec(same.get(f))} if same else {_dec(g.get(f)) for g in gold.get("projects", [])}
                if value not in allowed:
                    wrong.append(f"{pred_path.stem} project {p['name']} {f}={p.get(f)}")
        gold_amounts = {_dec(i["amount"]) for i in gold.get("spending_items", [])}
        for it in pred.get("spending_items", []):
            checked += 1
            if _dec(it["amount"]) not in gold_amounts:
                wrong.append(f"{pred_path.stem} item {it['item']} amount={it['amount']}")
        gold_totals = gold.get("department_totals") or {}
        for k, v in (pred.get("department_totals") or {}).items():
            if v is not None and gold_totals.get(k) is not None:
                checked += 1
                if _dec(v) != _dec(gold_totals[k]):
                    wrong.append(f"{pred_path.stem} total {k}={v} (gold {gold_totals[k]})")
    assert checked >= 20
    assert not wrong, wrong
