"""What is in the inbox folder: report files with their content hashes, shared by the ingest asset
and the sensor so that both see the same set of files the same way.

A file's identity in the warehouse (`source_path`) is its absolute path; the path relative to the
inbox is what logs and the sensor's cursor show. Hashing is the expensive part for large PDFs, so a caller that
remembers (size, mtime) → hash from an earlier look passes it in and unchanged files are not re-read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ingest.document import sha256_file
from ingest.names import readable

# Never report files: JSON sidecars (the sample generator's manifest and truth labels), partial
# downloads, editor lock files and anything hidden.
IGNORED_SUFFIXES = frozenset({".json", ".tmp", ".part", ".crdownload", ".lock", ".swp"})


@dataclass(frozen=True)
class InboxFile:
    """One file found in the inbox: `abs_path` is its `source_path` in the warehouse (as the file
    system spells it: a name that is not UTF-8 holds surrogates; `ingest.names` stores and shows it).

    `refused` says why the file is not read at all (a symlink leading out of the inbox); its `sha256`
    is then the hash of where the link points, so that re-pointing it counts as a change."""

    rel_path: str
    abs_path: str
    size_bytes: int
    mtime_ns: int
    sha256: str
    refused: str | None = None

    @property
    def name(self) -> str:
        return Path(self.rel_path).name

    @property
    def shown(self) -> str:
        """The relative path as people read it."""
        return readable(self.rel_path)


def _outside(path: Path, inbox: Path) -> str | None:
    """Where a symlink leads when that is outside `inbox` (or nowhere), else None."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return os.readlink(path) if path.is_symlink() else None
    return None if target.is_relative_to(inbox) else str(target)


def _refused_link(path: Path, inbox: Path, target: str) -> InboxFile:
    rel = path.relative_to(inbox).as_posix()
    digest = hashlib.sha256(b"symlink\0" + os.fsencode(target)).hexdigest()
    return InboxFile(rel, str(path), 0, 0, digest, refused=(
        f"{readable(path.name)} is a symbolic link to {readable(target)}, outside the inbox; links out of "
        "the inbox are not followed. Copy the file into the inbox if it belongs there"))


def is_candidate(path: Path, inbox: Path) -> bool:
    """A file the pipeline should look at: not hidden, not a sidecar, not a temporary file."""
    rel = path.relative_to(inbox)
    if any(part.startswith(".") for part in rel.parts):
        return False
    if path.name.startswith("~$"):  # Office lock file of a document open in Word/Excel
        return False
    return path.suffix.lower() not in IGNORED_SUFFIXES


def discover(inbox: Path, known: Mapping[str, tuple[int, int, str]] | None = None,
             only: Callable[[str], bool] | None = None) -> list[InboxFile]:
    """List the candidate files under `inbox` (recursively), sorted by relative path.

    `known` maps rel_path → (size, mtime_ns, sha256) from an earlier look; a file whose size and
    mtime are unchanged keeps its remembered hash instead of being read again. `only` (a test on the
    relative path) keeps the other files out before they are hashed: a run of one publisher
    (pipelines.publishers) reads no other publisher's bytes.
    """
    inbox = inbox.resolve()
    if not inbox.is_dir():
        return []
    known = known or {}
    found: list[InboxFile] = []
    for root, dirs, files in os.walk(inbox):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for dname in dirs:  # os.walk does not enter linked folders: say so when they lead out
            dpath = Path(root) / dname
            if only is not None and not only(dpath.relative_to(inbox).as_posix()):
                continue
            if dpath.is_symlink() and (target := _outside(dpath, inbox)) is not None:
                found.append(_refused_link(dpath, inbox, target))
        for fname in sorted(files):
            path = Path(root) / fname
            if only is not None and not only(path.relative_to(inbox).as_posix()):
                continue
            if path.is_symlink() and is_candidate(path, inbox):
                target = _outside(path, inbox)
                if target is not None:
                    found.append(_refused_link(path, inbox, target))
                    continue
            if not path.is_file() or not is_candidate(path, inbox):
                continue
            try:
                st = path.stat()
                rel = path.relative_to(inbox).as_posix()
                prev = known.get(rel)
                if prev is not None and prev[0] == st.st_size and prev[1] == st.st_mtime_ns:
                    digest = prev[2]
                else:
                    digest = sha256_file(path)
            except OSError:
                continue  # vanished or unreadable between listing and hashing: next look sees it
            found.append(InboxFile(rel, str(path), st.st_size, st.st_mtime_ns, digest))
    found.sort(key=lambda f: f.rel_path)
    return found


def state_hash(files: list[InboxFile]) -> str:
    """One hash for the whole inbox state (which names hold which bytes); equal states, equal hash."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.rel_path):
        h.update(f"{f.rel_path}\t{f.sha256}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()
