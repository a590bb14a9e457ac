"""Measure a night on a hostile inbox: real reports beside zip/PDF bombs, a dense-grid PDF, DTD
entities, a link out of the inbox and a name that is not UTF-8, run twice with `jixiao run`.

    .venv/bin/python scripts/hostile_inbox.py [--bomb-mb 4096] [--pdf-bomb-mb 2048] [--grid-lines 300]

Prints, for each run, the wall time, the peak resident memory summed over the whole process tree
(sampled every 0.1 s from /proc) and the failure reasons; then whether both runs published the same
marts as a run on the good reports alone. Uses a temporary warehouse; the default budgets apply
unless JIXIAO_FILE_* are set.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from ingest.samples.hostile import (  # noqa: E402
    docx_bomb,
    non_utf8_name,
    pdf_dense_grid,
    pdf_with_stream,
    write_hostile_inbox,
    xlsx_bomb,
)

RENDERED = PROJECT / "tests" / "fixtures" / "rendered"
REAL = PROJECT / "tests" / "fixtures" / "real"


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/status", encoding="ascii", errors="replace") as f:
                ppid = vm = 0
                for line in f:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        vm = int(line.split()[1]) * 1024
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = vm
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run(env: dict[str, str]) -> tuple[float, int, int, str]:
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    return time.monotonic() - start, peak, proc.returncode, out


def marts(serving: Path) -> dict[str, list]:
    con = duckdb.connect(str(serving / "jixiao.duckdb"), read_only=True)
    try:
        out = {}
        for (t,) in con.execute("SELECT table_name FROM published_tables").fetchall():
            if t == "ingest_failures":
                continue
            cols = [r[0] for r in con.execute(f'DESCRIBE "{t}"').fetchall() if "TIMESTAMP" not in r[1]]
            out[t] = sorted(map(repr, con.execute(f'SELECT {", ".join(cols)} FROM "{t}"').fetchall()))
        return out
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bomb-mb", type=int, default=4096, help="what the DOCX/XLSX bombs inflate to")
    parser.add_argument("--pdf-bomb-mb", type=int, default=2048, help="what the PDF stream bomb inflates to")
    parser.add_argument("--grid-lines", type=int, default=300, help="lines of the dense-grid PDF")
    parser.add_argument("--good", type=int, default=22, help="real reports beside the hostile files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-hostile-") as tmp_text:
        tmp = Path(tmp_text)
        inbox = tmp / "inbox"
        inbox.mkdir()
        reals = sorted(p for p in REAL.glob("*/*.txt"))[: args.good]
        for p in reals[:-1]:
            (inbox / p.name).write_bytes(p.read_bytes())
        non_utf8_name(inbox, reals[-1])
        base = {**os.environ, "JIXIAO_INBOX": str(inbox)}

        def env(name: str) -> dict[str, str]:
            return base | {"JIXIAO_DB": str(tmp / name / "jixiao.duckdb"),
                           "JIXIAO_SERVING_DIR": str(tmp / name / "serving"), "DAGSTER_HOME": str(tmp / "dh")}

        t, peak, rc, out = run(env("good"))
        print(f"good reports alone ({len(reals)} files): {t:.1f} s, peak {peak / 2**20:.0f} MiB, exit {rc}")
        reference = marts(tmp / "good" / "serving")
        t0 = time.monotonic()
        templates = {"docx": RENDERED / "001_beb5de3bc69780c1.docx",
                     "xlsx": RENDERED / "001_beb5de3bc69780c1.xlsx", "txt": reals[0]}
        expected = write_hostile_inbox(inbox, tmp / "outside", templates, bomb_mb=16, grid_lines=args.grid_lines)
        docx_bomb(templates["docx"], inbox / "bomb.docx", args.bomb_mb)
        xlsx_bomb(templates["xlsx"], inbox / "bomb.xlsx", args.bomb_mb)
        pdf_with_stream(inbox / "bomb.pdf", args.pdf_bomb_mb)
        pdf_dense_grid(inbox / "grid.pdf", args.grid_lines)
        sizes = {p.name: p.lstat().st_size for p in inbox.iterdir() if p.name in expected}
        print(f"hostile files written in {time.monotonic() - t0:.0f} s: "
              + ", ".join(f"{n} {s / 2**20:.1f} MiB" for n, s in sorted(sizes.items())))
        for night in (1, 2):
            t, peak, rc, out = run(env("hostile"))
            con = duckdb.connect(str(tmp / "hostile" / "serving" / "jixiao.duckdb"), read_only=True)
            reasons = dict(con.execute("SELECT source_name, reason FROM ingest_failures").fetchall())
            con.close()
            same = marts(tmp / "hostile" / "serving") == reference
            print(f"hostile night {night}: {t:.1f} s, peak {peak / 2**20:.0f} MiB (whole process tree), exit {rc}, "
                  f"marts equal to the good reports alone: {same}")
            print("  failures: " + ", ".join(f"{n}={r}" for n, r in sorted(reasons.items())))
            if rc:
                print(out[-3000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
