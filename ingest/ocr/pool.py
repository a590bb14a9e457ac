"""A scanned file's pages read in batches across cores: OCR costs seconds a page on one core, so a
multi-page scan is cut into contiguous batches, one per process; this process reads the first batch
while helper processes (`python -m ingest.ocr.pool`, each loading its own engine) read the others.

Why helper programs and not a multiprocessing pool: the per-file worker of `ingest.parallel` is a
daemon process, which multiprocessing does not let have children, and forking a process that has
already run OpenCV's or ONNX Runtime's thread pools risks a child that hangs. A fresh interpreter
costs about half a CPU-second (imports and models), against 2–3 CPU-s for every page it reads.

How many processes: `JIXIAO_OCR_PROCESSES` when set, else the cores this file may use (all of them
for a lone file; `ingest.parallel.extract_many` gives each file its share while others wait), never
more than the file's memory budget holds at `PROCESS_MB` a process, nor more than its pages.
The helpers inherit the worker's address-space cap and die with it (so a file stopped for its wall
or memory budget stops them too); `extract_many` counts their resident memory with the worker's.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.ocr import PageRead

PROCESSES_ENV = "JIXIAO_OCR_PROCESSES"
# Peak resident memory of one process reading scanned pages (models, a 150 dpi page, detection at
# 105 dpi): measured 490 MiB (`make bench`), rounded up
PROCESS_MB = 640
_cores_for_file: int | None = None


def share_cores(cores: int) -> None:
    """Set how many cores the file read in this process may use (called by `extract_many`'s worker)."""
    global _cores_for_file
    _cores_for_file = max(1, cores)


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def process_count(pages: int, memory_mb: int) -> int:
    """Processes to read `pages` scanned pages with: the setting, else this file's cores, within the
    memory budget (at least one)."""
    try:
        wanted = int(os.environ.get(PROCESSES_ENV, "") or 0)
    except ValueError:
        wanted = 0
    if wanted <= 0:
        wanted = _cores_for_file or available_cores()
    return max(1, min(wanted, pages, memory_mb // PROCESS_MB))


def batches(numbers: list[int], n: int) -> list[list[int]]:
    """`numbers` cut into `n` contiguous batches of nearly equal length (the first ones longer)."""
    n = max(1, min(n, len(numbers)))
    size, extra = divmod(len(numbers), n)
    out: list[list[int]] = []
    start = 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(numbers[start:end])
        start = end
    return out


def _helper(path: Path, numbers: list[int], dpi: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "ingest.ocr.pool", str(path), str(dpi), ",".join(map(str, numbers))]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def read_in_batches(path: Path, numbers: list[int], setting: str, dpi: int) -> tuple[list[PageRead], int]:
    """(the pages read, the number of processes that read them). A helper that fails (killed, or
    a fault in a native library) has its batch read again here, so a result is never short a page."""
    from ingest.ocr import read_pages
    from ingest.safety import current

    parts = batches(numbers, process_count(len(numbers), current().memory_mb))
    helpers = [(batch, _helper(path, batch, dpi)) for batch in parts[1:]]
    try:
        reads = read_pages(path, parts[0], setting, dpi)
        for batch, proc in helpers:
            out, _ = proc.communicate()
            got: list[PageRead] | None = None
            if proc.returncode == 0:
                try:
                    got = pickle.loads(out)
                except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    got = None
            reads.extend(got if got is not None else read_pages(path, batch, setting, dpi))
    finally:
        for _, proc in helpers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return reads, len(parts)


def main(argv: list[str]) -> int:
    """Helper entry point: `python -m ingest.ocr.pool PDF DPI N,N,…` writes the pages read (pickled)."""
    from ingest.ocr import read_pages
    from ingest.ocr.engines import engine_setting
    from ingest.parallel import die_with_parent

    die_with_parent()
    path, dpi, numbers = Path(argv[0]), int(argv[1]), [int(n) for n in argv[2].split(",")]
    setting = engine_setting()
    if setting is None:
        return 2
    reads = read_pages(path, numbers, setting, dpi)
    sys.stdout.buffer.write(pickle.dumps(reads, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
