"""Score scanned renderings against the gold: `python scripts/score_scans.py [SCAN_DIR]`.

SCAN_DIR (default tests/fixtures/scanned) holds image-only PDFs and a manifest.json made by
`python -m ingest.render.scan`; each is extracted (OCR with the default settings, two worker
processes), the gold scorer is run on the results, and the seconds per page are printed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    from ingest.bench import count_pages
    from ingest.parallel import extract_many

    scan_dir = Path(argv[0]) if argv else ROOT / "tests" / "fixtures" / "scanned"
    files = json.loads((scan_dir / "manifest.json").read_text(encoding="utf-8"))["files"]
    pages = sum(count_pages(scan_dir / n) for n in files)
    with tempfile.TemporaryDirectory(prefix="jixiao-scans-") as tmp:
        gold, pred = Path(tmp) / "gold", Path(tmp) / "pred"
        gold.mkdir()
        pred.mkdir()
        for info in files.values():
            shutil.copy(SHARED / "corpus" / "gold" / f"{info['stem']}.json", gold)
        t0 = time.perf_counter()
        for path, result in extract_many([scan_dir / n for n in files], workers=2):
            if not isinstance(result, dict):
                print(f"{path.name}: {result}")
                continue
            (pred / f"{files[path.name]['stem']}.json").write_text(json.dumps(result, ensure_ascii=False),
                                                                  encoding="utf-8")
        seconds = time.perf_counter() - t0
        out = subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(gold), str(pred)],
                             capture_output=True, text=True, check=False)
        print(out.stdout)
    print(f"{len(files)} files, {pages} pages in {seconds:.1f}s: {seconds / pages:.2f} s a page (2 workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
