"""Extract many report files across the machine's cores, each file alone in a process with budgets.

A file is the unit of work and of failure: each file is read in a fresh process (forked from a
forkserver that has already imported the readers, so starting one costs milliseconds) under the
budgets of `ingest.safety.Budgets`:

- wall clock: a file still being read after `wall_s` seconds is killed → IngestError `too_slow`;
- memory: the process's address space is capped (setrlimit) and its resident size watched; a file
  that needs more than `memory_mb` MiB is stopped → `too_large`;
- what it may inflate (zip members, PDF streams) is checked by `ingest.safety` inside the process.

Nothing a single file does (bad bytes, an exception, a native crash, a hang, a memory bomb) stops the
others or is blamed on them: it becomes that file's IngestError, naming it. Results are yielded as
they complete; a worker dies with the run that started it.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.safety import MIB, Budgets, budgets_in_force

Outcome = tuple[str, Any]  # ("ok", extraction) | ("error", (reason, message, stage))
BudgetsFor = Callable[[Path], Budgets]
POLL_S = 0.1
CHILD_SCAN_S = 1.0
PRELOAD = ["ingest.extract", "ingest.readers.pdf_reader", "ingest.readers.docx_reader",
           "ingest.readers.xlsx_reader", "ingest.readers.xls_reader", "pdfplumber", "pypdfium2", "docx",
           "openpyxl", "ingest.warm"]
"""Imported once by the forkserver, so that each per-file process starts warm (`ingest.warm` runs one
small extraction there, so the caches every extraction builds are inherited, not rebuilt per file)."""


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent ends, so a killed run leaves no worker behind."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _vm_bytes(pid: int, field_name: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


# The address-space cap is a backstop against a runaway allocation between two RSS samples; the
# budget itself is enforced on resident memory. Runtimes such as ONNX Runtime (OCR) reserve about
# twice the address space they touch, so the cap leaves that much room.
ADDRESS_SPACE_FACTOR = 3


def _cap_memory(budgets: Budgets) -> None:
    """Cap this process's address space at what it maps now plus a multiple of the memory budget."""
    base = _vm_bytes(os.getpid(), "VmSize") or 0
    limit = base + ADDRESS_SPACE_FACTOR * budgets.memory_mb * MIB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _extract_one(path: str, budgets: Budgets) -> Outcome:
    """Read and extract one file; never raises, so that the error crosses the process boundary intact."""
    name = Path(path).name
    try:
        from ingest.extract import extract_file

        with budgets_in_force(budgets):
            return "ok", extract_file(Path(path))
    except IngestError as e:
        if isinstance(e.__cause__, MemoryError):  # a reader wrapped running out of memory as damage
            return "error", ("too_large", f"{name} needs more than {budgets.memory_mb} MiB of memory "
                                          "(budget memory_mb)", "read")
        return "error", (e.reason, e.message, e.stage)
    except MemoryError:
        return "error", ("too_large", f"{name} needs more than {budgets.memory_mb} MiB of memory "
                                      "(budget memory_mb)", "read")
    except FileNotFoundError as e:
        if not os.path.lexists(path):
            return "error", ("vanished", f"{name} left the inbox while it was being read", "read")
        return "error", ("error", f"{type(e).__name__}: {e}", "extract")
    except Exception as e:  # a bug on one file must not stop the run; it is recorded as data
        return "error", _classified(name, e)


def _classified(name: str, e: Exception) -> tuple[str, str, str]:
    """Library exceptions that say something about the file rather than about jixiao."""
    kind = type(e).__module__ + "." + type(e).__name__
    if kind.startswith("defusedxml."):
        return "unsafe", f"{name}: its XML declares entities or a DTD ({type(e).__name__}); refused", "read"
    if type(e).__name__ in ("XMLSyntaxError", "ParseError", "BadZipFile", "error") and (
            kind.startswith(("lxml.", "xml.", "zipfile.", "zlib."))):
        return "corrupt", f"{name} is damaged: {type(e).__name__}: {e}", "read"
    return "error", f"{type(e).__name__}: {e}", "extract"


def _worker(conn: Connection, path: str, budgets: Budgets, cores: int = 1) -> None:
    """Body of a per-file process; `cores` is this file's share of the machine (OCR of a multi-page
    scan spreads its pages over that many processes: `ingest.ocr.pool`)."""
    die_with_parent()
    from ingest.ocr.pool import share_cores

    share_cores(cores)
    with suppress(ValueError, OSError):  # no rlimit: the parent's watch of the resident size still holds
        _cap_memory(budgets)
    try:
        outcome = _extract_one(path, budgets)
    except MemoryError:  # even building the error ran out
        outcome = ("error", ("too_large", f"{Path(path).name} needs more than {budgets.memory_mb} MiB", "read"))
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("error", ("too_large", f"{Path(path).name}: its extraction is too large to hand back", "read")))
    conn.close()


@dataclass
class _Job:
    path: Path
    budgets: Budgets
    process: Any
    conn: Connection
    started: float = field(default_factory=time.monotonic)
    peak_rss: int = 0
    children: list[int] = field(default_factory=list)
    children_seen: float = field(default_factory=time.monotonic)  # first look after a second: most files are done


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
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _finish(job: _Job) -> tuple[Path, dict | IngestError] | None:
    """The result of a job whose process has sent it or ended; None while it is still running."""
    # Whether the process lives is asked *before* the pipe: a process that sends its outcome and exits
    # between the two looks would otherwise read as dead without an outcome (a false "crashed").
    alive = job.process.is_alive()
    if job.conn.poll():
        try:
            outcome = job.conn.recv()
        except (EOFError, OSError):
            outcome = None
        if outcome is not None:
            job.process.join(timeout=10)
            return _outcome(job.path, outcome)
    if alive:
        return None
    job.process.join()
    code = job.process.exitcode
    name = job.path.name
    if not os.path.lexists(job.path):
        return job.path, IngestError("vanished", f"{name} left the inbox while it was being read")
    how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
    if job.peak_rss >= job.budgets.memory_mb * MIB // 2:
        return job.path, IngestError("too_large", f"{name}: the process reading it ended ({how}) using "
                                     f"{job.peak_rss // MIB} MiB, near its {job.budgets.memory_mb} MiB budget "
                                     "(memory_mb)")
    return job.path, IngestError("error", f"the process reading {name} crashed ({how}): a fault in a native "
                                 f"library; run `jixiao extract` on it alone to see why", stage="read")


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (an OCR worker's helpers), from /proc."""
    found: list[int] = []
    with suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2:].split()  # after "pid (comm) ": state, ppid, …
            if len(fields) > 1 and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _tree_rss(job: _Job, now: float) -> int | None:
    """Resident bytes of a per-file process and its helper processes together (the budget is the
    file's, however many processes read it). Helpers are looked up in /proc once a second (a scan
    costs milliseconds); their resident size is read at every poll."""
    pid = job.process.pid
    rss = _vm_bytes(pid, "VmRSS") if pid else None
    if rss is None:
        return None
    if now - job.children_seen >= CHILD_SCAN_S:
        job.children, job.children_seen = _children(pid), now
    return rss + sum(_vm_bytes(child, "VmRSS") or 0 for child in job.children)


def _over_budget(job: _Job, now: float) -> IngestError | None:
    rss = _tree_rss(job, now)
    if rss:
        job.peak_rss = max(job.peak_rss, rss)
    name = job.path.name
    if now - job.started > job.budgets.wall_s:
        return IngestError("too_slow", f"{name} was still being read after {job.budgets.wall_s:g} s (budget "
                                       "wall_s); stopped. Lift the budget for this file if it is genuine")
    if rss and rss > job.budgets.memory_mb * MIB:
        return IngestError("too_large", f"{name} needed more than {job.budgets.memory_mb} MiB of memory "
                                        "(budget memory_mb); stopped")
    return None


def extract_many(
    paths: Iterable[str | Path], workers: int = 0, budgets: Budgets | BudgetsFor | None = None
) -> Iterator[tuple[Path, dict | IngestError]]:
    """Yield (path, Extraction | IngestError) for every path, in completion order; never raises per file.

    workers=0 runs one process per available core at a time. `budgets` applies to every file, or is a
    function giving each file its own (a lifted budget); default `Budgets.from_env()`."""
    todo = [Path(p) for p in paths]
    if budgets is None:
        budgets = Budgets.from_env()
    budget_for: BudgetsFor = budgets if callable(budgets) else (lambda _p, b=budgets: b)  # type: ignore[misc]
    n = workers if workers > 0 else default_workers()
    ctx = _context()
    pending = list(reversed(todo))
    running: list[_Job] = []
    try:
        while pending or running:
            while pending and len(running) < n:
                path = pending.pop()
                b = budget_for(path)
                receiver, sender = ctx.Pipe(duplex=False)
                # a file's share of the cores: one while other files wait, more for the last ones
                cores = max(1, min(n, n // (len(pending) + 1)))
                proc = ctx.Process(target=_worker, args=(sender, str(path), b, cores), daemon=True)
                proc.start()
                sender.close()
                running.append(_Job(path, b, proc, receiver))
            wait([j.conn for j in running] + [j.process.sentinel for j in running], timeout=POLL_S)
            now = time.monotonic()
            for job in list(running):
                result = _finish(job)
                if result is None:
                    stop = _over_budget(job, now)
                    if stop is None:
                        continue
                    job.process.kill()
                    job.process.join()
                    result = (job.path, stop)
                running.remove(job)
                job.conn.close()
                yield result
    finally:
        for job in running:  # the caller stopped early, or this process is being torn down
            job.process.kill()
            job.process.join()
            job.conn.close()
