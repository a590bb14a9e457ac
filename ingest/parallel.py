"""Extract many report files across the machine's cores, one file per task.

A file is the unit of work: each worker process runs `ingest.extract.extract_file` on one path and
sends back its Extraction or the IngestError saying why it failed. Nothing a single file does (bad
bytes, an unexpected exception, even a crashed worker) stops the others: it becomes that file's
IngestError. Results are yielded as they complete, with at most a few files in flight per worker
so memory stays bounded on long lists.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ingest.errors import IngestError

IN_FLIGHT_PER_WORKER = 2
Outcome = tuple[str, Any]  # ("ok", extraction) | ("error", (reason, message, stage))


def _extract_one(path: str) -> Outcome:
    """Runs in a worker: never raises, so that the error crosses the process boundary intact."""
    try:
        from ingest.extract import extract_file

        return "ok", extract_file(Path(path))
    except IngestError as e:
        return "error", (e.reason, e.message, e.stage)
    except MemoryError:
        return "error", ("too_large", f"{Path(path).name} needs more memory than available", "read")
    except Exception as e:  # a bug on one file must not stop the run; it is recorded as data
        return "error", ("error", f"{type(e).__name__}: {e}", "extract")


def _outcome(path: Path, outcome: Outcome) -> tuple[Path, dict | IngestError]:
    status, payload = outcome
    if status == "ok":
        return path, payload
    reason, message, stage = payload
    return path, IngestError(reason, message, stage=stage)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def extract_many(paths: Iterable[str | Path], workers: int = 0) -> Iterator[tuple[Path, dict | IngestError]]:
    """Yield (path, Extraction | IngestError) for every path, in completion order; never raises per file.

    workers=0 uses one process per available core; workers=1 runs in this process (no pool)."""
    todo = [Path(p) for p in paths]
    n = workers if workers > 0 else default_workers()
    n = min(n, max(1, len(todo)))
    if n == 1:
        for p in todo:
            yield _outcome(p, _extract_one(str(p)))
        return
    pending = list(reversed(todo))
    while pending:
        broken = False
        with ProcessPoolExecutor(max_workers=n, mp_context=_context()) as pool:
            running: dict[Future[Outcome], Path] = {}
            while pending or running:
                while pending and len(running) < n * IN_FLIGHT_PER_WORKER:
                    p = pending.pop()
                    running[pool.submit(_extract_one, str(p))] = p
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    p = running.pop(fut)
                    if broken:
                        pending.append(p)
                        continue
                    try:
                        yield _outcome(p, fut.result())
                    except BrokenProcessPool:
                        broken = True
                        yield p, IngestError("error", f"the worker reading {p.name} crashed (out of memory, or a fault "  # type: ignore[arg-type]
                                             f"in a native library); run `jixiao extract {p}` alone to see why",
                                             stage="read")
                if broken:
                    # the pool is unusable: the other in-flight files go back to the queue
                    for fut, p in running.items():
                        if fut.done() and fut.exception() is None:
                            yield _outcome(p, fut.result())
                        else:
                            pending.append(p)
                    running.clear()
                    break
