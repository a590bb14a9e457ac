"""Extractions on their way to the loader, on disk in bounded batches instead of in the run's memory.

Each file's outcome (its Extraction, or why it failed, with the file's path, hash and size: its
provenance) is appended as one JSON line to the batch its place in the sorted work list falls in, so
batch k always holds the same files whatever order the workers finish in, and loading batch after
batch keeps the order loads had when everything was held at once (the first copy of duplicate bytes
by path stays the one loaded). The run holds one batch at a time; a national backfill needs no more
memory than one county's night.

The run's work list travels the same way: `inbox_files` writes it (`work.json`: the files to look at,
with their status, and the paths present) and `report_extractions` says which batches it wrote
(`extracted.json`), so the ingest steps hand each other a folder, not lists in Dagster's outputs (which
its IO manager would keep, or pickle, per run and per partition).

Spool folders live beside the warehouse (`<db>.spool/<run id>/`) and are removed once loaded; one
left by a killed run is removed by a later run after a day (its files are still new, so they are read
again: nothing that was not committed counts as loaded).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from warehouse import settings

BATCH_FILES = 200
"""Files per batch: one transaction (one COMMIT) each, and at most this many extractions in memory."""
STALE_AFTER_S = 24 * 3600
WORK_FILE = "work.json"
"""What `inbox_files` found: the inbox, the run's publishers, the files with their status, present, gone."""
EXTRACTED_FILE = "extracted.json"
"""Written by `report_extractions` when every file's outcome is spooled: the batch files and their count."""


def spool_root() -> Path:
    db = settings.db_path()
    return db.with_name(db.name + ".spool")


def run_folder(run_id: str) -> Path:
    return spool_root() / run_id


def write_json(folder: Path, name: str, data: Mapping[str, Any]) -> Path:
    """Write `data` to `folder/name` whole or not at all (a reader never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.tmp"
    with tmp.open("w", encoding="utf-8", errors="surrogatepass") as out:
        json.dump(data, out, ensure_ascii=False)
    tmp.replace(folder / name)
    return folder / name


def read_json(folder: Path, name: str) -> dict[str, Any]:
    with (folder / name).open(encoding="utf-8", errors="surrogatepass") as f:
        return json.load(f)


class SpoolWriter:
    """Append outcomes to the batch files of one run."""

    def __init__(self, folder: Path, order: Sequence[str], batch_files: int = BATCH_FILES) -> None:
        self.folder = folder
        self.batch_files = max(1, batch_files)
        self.index = {rel: i for i, rel in enumerate(order)}
        self.n_batches = (len(order) + self.batch_files - 1) // self.batch_files
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, batch: int) -> Path:
        return self.folder / f"batch-{batch:06d}.jsonl"

    def write(self, record: Mapping[str, Any]) -> None:
        batch = self.index[record["rel_path"]] // self.batch_files
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self.path(batch).open("a", encoding="utf-8", errors="surrogatepass") as out:
            out.write(line + "\n")

    def batches(self) -> list[str]:
        return [str(self.path(b)) for b in range(self.n_batches) if self.path(b).exists()]


def read_batch(path: str | Path) -> list[dict[str, Any]]:
    """One batch's outcomes, sorted by path in the inbox."""
    with Path(path).open(encoding="utf-8", errors="surrogatepass") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return sorted(records, key=lambda r: r["rel_path"])


def iter_batches(paths: Sequence[str]) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    for i, p in enumerate(paths, start=1):
        yield i, read_batch(p)


def remove(folder: str | Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale(root: Path | None = None, max_age_s: float = STALE_AFTER_S) -> int:
    """Remove spool folders of runs that died more than `max_age_s` ago; return how many."""
    root = root or spool_root()
    if not root.is_dir():
        return 0
    cutoff = time.time() - max_age_s
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
