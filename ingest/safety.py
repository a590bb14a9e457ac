"""Budgets a single report file may use, and the checks that hold hostile files to them before a
reader parses anything.

A published file can be hostile by accident or on purpose: a 4 MB Word file whose XML inflates to
4 GiB (a zip bomb), a PDF whose stream inflates to gigabytes, XML with a DTD that declares entities
(billion laughs, external entities reaching into the file system). The readers' libraries would
inflate or expand all of it in memory, so `read_document` first streams through the package with a
cap on what it may inflate, and refuses any XML that carries a DTD (Office files never need one).
Wall-clock and memory budgets are enforced around the whole read by `ingest.parallel`.

Budgets come from the environment (`JIXIAO_FILE_WALL_S`, `JIXIAO_FILE_MEMORY_MB`,
`JIXIAO_FILE_UNPACKED_MB`) and can be lifted for one file by its sha256 (`with_override`).
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ingest.errors import IngestError

MIB = 1 << 20
CHUNK = 1 << 20
MAX_ZIP_MEMBERS = 10_000
XML_SUFFIXES = (".xml", ".rels", ".vml")
# A DTD is the only way XML declares entities; Office Open XML never carries one.
_DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le",
                                                                                   "utf-16-be"))


@dataclass(frozen=True)
class Budgets:
    """What reading one file may use. `fingerprint()` is stored with a budget failure, so that the file
    is tried again when (and only when) it changes or these budgets do."""

    wall_s: float = 120.0
    memory_mb: int = 1536  # an OCR process peaks near 0.55 GiB resident: two read a scan's pages together
    unpacked_mb: int = 256

    def fingerprint(self) -> str:
        return f"wall_s={self.wall_s:g} memory_mb={self.memory_mb} unpacked_mb={self.unpacked_mb}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Budgets:
        """The default budgets, each overridable by its environment variable."""
        env = os.environ if env is None else env
        base = cls()
        try:
            return cls(
                wall_s=float(env.get("JIXIAO_FILE_WALL_S") or base.wall_s),
                memory_mb=int(env.get("JIXIAO_FILE_MEMORY_MB") or base.memory_mb),
                unpacked_mb=int(env.get("JIXIAO_FILE_UNPACKED_MB") or base.unpacked_mb),
            )
        except ValueError as e:
            raise ValueError(f"a JIXIAO_FILE_* budget is not a number: {e}") from e

    def with_override(self, override: Mapping[str, Any] | None) -> Budgets:
        """These budgets with the fields `override` names (e.g. {"wall_s": 600}) replaced."""
        if not override:
            return self
        known = {k: type(getattr(self, k))(v) for k, v in override.items() if k in asdict(self)}
        return replace(self, **known)


def load_overrides(path: Path) -> dict[str, dict[str, Any]]:
    """Per-file budget overrides, sha256 → {"wall_s"|"memory_mb"|"unpacked_mb": value, "note": …}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise ValueError(f"budget overrides {path} are not readable JSON: {e}") from e
    return {str(k): dict(v) for k, v in data.items() if isinstance(v, Mapping)}


_current = Budgets.from_env()


def current() -> Budgets:
    """The budgets of the file being read in this process."""
    return _current


@contextmanager
def budgets_in_force(budgets: Budgets):  # type: ignore[no-untyped-def]
    """Apply `budgets` to the reads in this process for the block."""
    global _current
    before, _current = _current, budgets
    try:
        yield budgets
    finally:
        _current = before


def _too_large(name: str, what: str, budgets: Budgets) -> IngestError:
    return IngestError(
        "too_large",
        f"{name}: {what} inflates to more than {budgets.unpacked_mb} MiB (budget unpacked_mb; a zip or "
        "stream bomb, or a file far beyond any report); lift the budget for this file if it is genuine",
        stage="read")


def _unsafe(name: str, what: str) -> IngestError:
    return IngestError("unsafe", f"{name}: {what} carries a DTD (<!DOCTYPE/<!ENTITY>), which can expand "
                                 "entities or reach other files; Office files never need one, so it is refused",
                       stage="read")


def check_zip_package(path: Path, budgets: Budgets | None = None) -> None:
    """Inflate every member of an Office (zip) package once, counting, before any reader parses it.

    Raise IngestError: `too_large` when the members inflate past the budget, `unsafe` when an XML
    member has a DTD, `corrupt` when the archive is damaged, `encrypted` for an encrypted member."""
    if not zipfile.is_zipfile(path):
        return  # not a package at all (a legacy or encrypted file): the reader says what it is
    b = budgets or current()
    limit = b.unpacked_mb * MIB
    total = 0
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise IngestError("too_large", f"{path.name} holds {len(members)} parts; no report has more "
                                               f"than {MAX_ZIP_MEMBERS}", stage="read")
            for info in members:
                is_xml = info.filename.lower().endswith(XML_SUFFIXES)
                tail = b""
                with z.open(info) as member:
                    while chunk := member.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise _too_large(path.name, f"its zip part {info.filename}", b)
                        if is_xml:
                            window = tail + chunk
                            if any(m in window for m in _DTD_MARKERS):
                                raise _unsafe(path.name, f"its XML part {info.filename}")
                            tail = window[-32:]
    except IngestError:
        raise
    except RuntimeError as e:  # zipfile: "File … is encrypted, password required for extraction"
        if "encrypted" in str(e):
            raise IngestError("encrypted", f"{path.name} has encrypted parts; save it without a password",
                              stage="read") from e
        raise IngestError("corrupt", f"{path.name} is not a readable package: {e}", stage="read") from e
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as e:
        if isinstance(e, FileNotFoundError):
            raise
        raise IngestError("corrupt", f"{path.name} is not a readable package: {type(e).__name__}: {e}",
                          stage="read") from e


def check_pdf_streams(path: Path, budgets: Budgets | None = None) -> None:
    """Inflate every Flate stream of a PDF once, counting, before pdfium or pdfminer do it in memory.

    Each `stream` keyword is tried as the start of zlib data (non-Flate or encrypted streams fail at
    once and are skipped); raise IngestError(`too_large`) when what they inflate to passes the budget."""
    b = budgets or current()
    limit = b.unpacked_mb * MIB
    data = path.read_bytes()
    total = 0
    pos = data.find(b"stream")
    while pos != -1:
        start = pos + len(b"stream")
        if data[pos - 3:pos] == b"end":
            pos = data.find(b"stream", start)
            continue
        if data[start:start + 2] == b"\r\n":
            start += 2
        elif data[start:start + 1] in (b"\n", b"\r"):
            start += 1
        else:
            pos = data.find(b"stream", start)
            continue
        total, end = _inflate_counting(data, start, total, limit, path.name, b)
        pos = data.find(b"stream", end)


def _inflate_counting(data: bytes, start: int, total: int, limit: int, name: str, b: Budgets) -> tuple[int, int]:
    """Inflate the zlib data at `start`, discarding the output; return (new total, where the data ended)."""
    inflater = zlib.decompressobj()
    offset = start
    try:
        while offset < len(data) and not inflater.eof:
            piece = data[offset:offset + CHUNK]
            offset += len(piece)
            total += len(inflater.decompress(piece, CHUNK))
            while inflater.unconsumed_tail and total <= limit:
                total += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
            if total > limit:
                raise _too_large(name, "its compressed PDF content", b)
    except zlib.error:
        return total, start  # not Flate data (or damaged): the reader judges it
    return total, max(start, offset - len(inflater.unused_data))


def check_budgets(path: Path, reader: str) -> None:
    """The checks for what `reader` (a module of ingest.readers) would inflate, before it runs."""
    if reader in ("docx_reader", "xlsx_reader"):
        check_zip_package(path)
    elif reader == "pdf_reader":
        check_pdf_streams(path)


# Libraries that parse the file's bytes: an exception of theirs says the bytes are bad, not jixiao.
_PARSER_MODULES = ("pypdfium2", "pdfminer", "pdfplumber", "docx", "openpyxl", "xlrd", "lxml", "zipfile",
                   "zlib", "xml", "struct", "olefile", "PIL")


@contextmanager
def reader_errors(path: Path):  # type: ignore[no-untyped-def]
    """Turn what a parsing library raises on hostile bytes into an IngestError with a reason:
    `unsafe` for refused XML entities, `too_large` for running out of memory, `corrupt` for the
    parsers' own errors. Anything else is left alone: it is a bug, recorded as `error`."""
    try:
        yield
    except IngestError:
        raise
    except MemoryError as e:
        raise IngestError("too_large", f"{path.name} needs more memory than its budget "
                                       f"({current().memory_mb} MiB, memory_mb)") from e
    except Exception as e:
        module = type(e).__module__ or ""
        if module.startswith("defusedxml"):
            raise IngestError("unsafe", f"{path.name}: its XML declares entities or a DTD "
                                        f"({type(e).__name__}); refused") from e
        if module.split(".")[0] in _PARSER_MODULES or isinstance(e, (zipfile.BadZipFile, zlib.error, EOFError)):
            raise IngestError("corrupt", f"{path.name} is damaged ({type(e).__name__}: {e})") from e
        raise
