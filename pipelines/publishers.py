"""Publishers: the inbox's first folder level, the unit a person re-runs or back-fills (a Dagster
dynamic partition, `pipelines.defs.partitions`).

Publishers drop their reports in a folder of their own (`<inbox>/<publisher>/…`); the fetcher writes
each source under `<inbox>/fetched/<source>/…`, so there the source is the publisher. Files directly
in the inbox's root belong to one key of their own, `ROOT_KEY`, which no folder can be called (a
folder is never named "."). A key is the folder's name as people read it (`ingest.names.readable`),
so it can be stored and shown; files are matched to a key by computing theirs, never by turning a key
back into a path. Dagster-free: `jixiao run`, the sensor and the ingest assets share it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path, PurePosixPath

from ingest.fetch.store import FETCHED_DIR
from ingest.names import readable

ROOT_KEY = "."
"""The key of the files directly in the inbox's root."""


def publisher_of(rel_path: str) -> str:
    """The publisher key of a file, from its path relative to the inbox (POSIX separators)."""
    parts = PurePosixPath(rel_path).parts
    if len(parts) <= 1:
        return ROOT_KEY
    if parts[0] == FETCHED_DIR and len(parts) > 2:
        return readable(f"{parts[0]}/{parts[1]}")
    return readable(parts[0])


def publisher_keys(rel_paths: Iterable[str]) -> list[str]:
    """The publishers the given files belong to, sorted, each once."""
    return sorted({publisher_of(p) for p in rel_paths})


def in_publishers(keys: Collection[str] | None) -> Callable[[str], bool]:
    """A test on relative paths: does the file belong to one of `keys`? (`None`: every file does.)"""
    if keys is None:
        return lambda rel_path: True
    wanted = frozenset(keys)
    return lambda rel_path: publisher_of(rel_path) in wanted


def scope_of(inbox: Path, keys: Collection[str] | None) -> Callable[[str], bool]:
    """A test on absolute paths (as the file system spells them): is the file inside `inbox` and one
    of `keys`' publishers? With `keys` None: every path is in scope (a whole-inbox run answers for
    every document, including those of an inbox that moved)."""
    if keys is None:
        return lambda path: True
    inside = in_publishers(keys)
    root = str(inbox.resolve())

    def test(path: str) -> bool:
        p = Path(path)
        try:
            rel = p.relative_to(root)
        except ValueError:
            return False
        return inside(rel.as_posix())

    return test


def inbox_publishers(inbox: Path) -> list[str]:
    """The publishers that have at least one candidate file in `inbox` now: a walk of names, no file
    is opened or hashed (what `jixiao run` registers as partitions before its run)."""
    import os

    from pipelines.inbox import is_candidate

    inbox = inbox.resolve()
    keys: set[str] = set()
    for root, dirs, files in os.walk(inbox):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            if is_candidate(path, inbox):
                keys.add(publisher_of(path.relative_to(inbox).as_posix()))
    return sorted(keys)
