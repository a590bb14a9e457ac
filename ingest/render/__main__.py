"""`python -m ingest.render OUT_DIR [--reports DIR] [--forms-only DIR]`: render the shared reports into
fixture files (and the transcribed forms alone into `--forms-only DIR`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest.render import render_all, render_forms_only

DEFAULT_REPORTS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "reports"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest.render", description=__doc__)
    ap.add_argument("out_dir")
    ap.add_argument("--reports", default=str(DEFAULT_REPORTS), help="folder of report .txt exports")
    ap.add_argument("--forms-only", help="also write each report's transcribed forms alone into this folder")
    args = ap.parse_args(argv)
    manifest = render_all(Path(args.reports), Path(args.out_dir))
    total = sum((Path(args.out_dir) / n).stat().st_size for n in manifest["files"])
    print(f"wrote {len(manifest['files'])} files ({total / 1e6:.2f} MB) to {args.out_dir}"
          + ("" if manifest["office"] else " (LibreOffice missing: no .lo.pdf/.doc/.xls)"))
    if args.forms_only:
        written = render_forms_only(Path(args.forms_only))
        print(f"wrote {len(written)} forms-only files to {args.forms_only}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
