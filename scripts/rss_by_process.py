"""Peak memory of every process a command starts, and the top process's memory over time.

`bench_scale.py` reports the largest process of a run (getrusage of the children); this says *which*
process it is and *when* it grows, by reading /proc/<pid>/status (VmRSS, VmHWM) of the command's whole
process tree every `--every` seconds. The timeline (wall-clock time, RSS and peak of the top process,
in MiB) lines up with the timestamps of the run's own log lines.

    .venv/bin/python scripts/rss_by_process.py --timeline rss.txt --log run.log -- \\
        .venv/bin/jixiao run --inbox /tmp/inbox
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(OSError):  # a process may end while it is being read
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                out += [int(x) for x in (task / "children").read_text().split()]
    return out


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants alive now."""
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def memory(pid: int) -> tuple[int, int, str] | None:
    """(RSS MiB, peak RSS MiB, command line) of a live process, None once it is gone."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                      if ":" in line)
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024, cmd
    except (OSError, KeyError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=float, default=0.3, help="seconds between samples")
    ap.add_argument("--timeline", type=Path, help="write 'epoch-seconds rss-MiB peak-MiB' of the top process here")
    ap.add_argument("--log", type=Path, help="the command's stdout and stderr go here (default: discarded)")
    ap.add_argument("--top", type=int, default=8, help="how many processes to list")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("give the command after --")
    out = args.log.open("w") if args.log else subprocess.DEVNULL
    timeline = args.timeline.open("w", buffering=1) if args.timeline else None  # line by line: readable while it runs
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    peaks: dict[int, tuple[int, float, str]] = {}
    while proc.poll() is None:
        top = memory(proc.pid)
        if timeline is not None and top is not None:
            timeline.write(f"{time.time():.1f} {top[0]} {top[1]}\n")
        for pid in process_tree(proc.pid):
            m = memory(pid)
            if m is not None and m[1] > peaks.get(pid, (-1, 0.0, ""))[0]:
                peaks[pid] = (m[1], time.monotonic() - started, m[2])
        time.sleep(args.every)
    print(f"exit {proc.returncode} after {time.monotonic() - started:.1f}s; peak RSS per process (MiB):")
    for pid, (peak, at, cmd) in sorted(peaks.items(), key=lambda kv: -kv[1][0])[:args.top]:
        print(f"{peak:>6}  pid {pid:<7} first reached at {at:6.1f}s  {cmd[:120]}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
