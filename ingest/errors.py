"""Why a file could not be read or extracted: a reason a person can act on, recorded as data."""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "empty",  # zero bytes, or no text at all
    "corrupt",  # the bytes do not parse as the format the name claims
    "encrypted",  # password-protected PDF/Office file
    "scanned_needs_ocr",  # a PDF with pages but no text layer
    "unsupported_format",  # an extension no reader handles
    "converter_missing",  # .doc/.wps without LibreOffice installed
    "not_a_report",  # readable, but not a budget performance report
    "too_large",  # beyond a budget: inflates past unpacked_mb, or needs more than memory_mb
    "too_slow",  # still reading when the wall-clock budget (wall_s) ran out
    "unsafe",  # refused on sight: XML with a DTD (entity expansion), a symlink leading out of the inbox
    "vanished",  # the file left the inbox while the run was reading it
    "superseded",  # an older version of a report: corrected in place, or a newer file of it is in the inbox
    "duplicate",  # the same bytes are already loaded from another path
    "error",  # an unexpected failure (a bug): the message carries the exception
]


class IngestError(Exception):
    """A file-level failure: `reason` is a stable code, `message` says what to do about it."""

    def __init__(self, reason: Reason, message: str, stage: str = "read") -> None:
        super().__init__(f"{reason}: {message}")
        self.reason: Reason = reason
        self.message = message
        self.stage = stage
