"""Score `jixiao extract` on the hand-labelled real corpus (tests/fixtures/real/<batch>/), per batch.

Usage: python scripts/score_real.py [BATCH ...]   (default: every batch, then all of them together)

Each batch folder holds the reports as published (`*.txt`) beside their gold labels (`*.json`, the
shape of ../shared/corpus/gold/README.md). The shared scorer (../shared/tools/score_extraction.py)
does the scoring; this script only points it at the right files, one batch at a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
JIXIAO = ROOT / ".venv" / "bin" / "jixiao"


def batches() -> list[Path]:
    found = [p for p in REAL.iterdir() if p.is_dir() and any(p.glob("*.json"))]
    return sorted(found, key=lambda p: int(p.name[1:]) if p.name[1:].isdigit() else 10**6)


def score(folders: list[Path], label: str, detail: bool) -> str:
    """Run the shared scorer on the reports of these folders; returns its last line."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, reports = Path(tmp, "gold"), Path(tmp, "reports")
        gold.mkdir()
        reports.mkdir()
        for folder in folders:
            for g in folder.glob("*.json"):
                (gold / g.name).symlink_to(g)
                for r in folder.glob(g.stem + ".*"):
                    if r.suffix != ".json":
                        (reports / r.name).symlink_to(r)
        out = subprocess.run([sys.executable, str(SCORER), str(gold), "--cmd", f"{JIXIAO} extract {{file}} --json",
                              "--reports", str(reports)], capture_output=True, text=True, check=False).stdout
    lines = out.strip().splitlines()
    if detail:
        print(f"== {label}")
        print("\n".join(lines))
    return lines[-1] if lines else "(no output)"


def main(argv: list[str]) -> int:
    chosen = [REAL / a for a in argv] if argv else batches()
    missing = [str(p) for p in chosen if not p.is_dir()]
    if missing:
        print(f"no such batch folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    summary = {p.name: score([p], p.name, detail=True) for p in chosen}
    if len(chosen) > 1:
        summary["all"] = score(chosen, "all batches", detail=False)
    print("\n== summary")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
