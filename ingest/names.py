"""File names as the file system gives them, stored losslessly and shown readably.

On Linux a file name is bytes. Python hands a name that is not valid UTF-8 back as a str holding
lone surrogates (\\udc80-\\udcff, one per undecodable byte), which DuckDB, JSON and most terminals
refuse. `stored` turns such a path into plain text that can be turned back (`from_stored`) into the
very same path; `readable` is what a person sees: the bytes decoded as GBK/GB18030 when they are
(the usual case: a name written on a Chinese Windows system), else with \\xNN escapes.
"""

from __future__ import annotations

import os

_ESCAPE = "\\"


def has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def stored(path: str) -> str:
    """A text form of `path` that any database stores: each undecodable byte as \\xNN and each
    backslash doubled (so that it reads back exactly); a usual path is unchanged."""
    if not has_surrogates(path) and _ESCAPE not in path:
        return path
    out = []
    for ch in path:
        if "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch == _ESCAPE:
            out.append(_ESCAPE * 2)
        else:
            out.append(ch)
    return "".join(out)


def from_stored(text: str) -> str:
    """The file-system path `stored` was made from."""
    if _ESCAPE not in text:
        return text
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == _ESCAPE and text[i + 1:i + 2] == _ESCAPE:
            out.append(_ESCAPE)
            i += 2
        elif ch == _ESCAPE and text[i + 1:i + 2] == "x" and len(text) >= i + 4:
            try:
                out.append(chr(0xDC00 + int(text[i + 2:i + 4], 16)))
                i += 4
                continue
            except ValueError:
                out.append(ch)
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def readable(name: str) -> str:
    """`name` for people: undecodable bytes read as GB18030 when that works, else \\xNN escapes."""
    if not has_surrogates(name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def clean_text(value: str) -> str:
    """Any text that may hold a file name (messages, the Extraction's `source_file`), made storable."""
    return readable(value) if has_surrogates(value) else value
