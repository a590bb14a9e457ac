"""Decode web pages to text. Chinese government sites serve GBK/GB2312 as often as UTF-8, declare it
in an HTTP header, in a `<meta>` tag, or not at all — and sometimes declare it wrongly.

Order: a byte-order mark; bytes that are valid UTF-8 (GBK text practically never is); the charset
the HTTP header or the page's `<meta>` declares; charset-normalizer's guess; GB18030 with
replacement characters as the last resort. GBK and GB2312 are decoded as GB18030, their superset,
so a character outside GB2312 written by a GBK-saving editor still decodes."""

from __future__ import annotations

import codecs
import re

META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
             "gb_2312-80": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252",
             "ascii": "utf-8", "us-ascii": "utf-8"}
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when Python knows no such codec."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The charset an HTTP Content-Type header declares (`text/html; charset=GBK` → gb18030)."""
    m = HEADER_CHARSET.search(content_type or "")
    return normalize_charset(m.group(1)) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset a page's `<meta charset>` or `http-equiv` tag declares, in its first 4 KB."""
    m = META_CHARSET.search(data[:4096])
    return normalize_charset(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec used) for a web page's bytes; never raises."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for declared in (header_charset(content_type), meta_charset(data)):
        if declared and declared != "utf-8":
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        codec = normalize_charset(best.encoding) or "gb18030"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    return data.decode("gb18030", errors="replace"), "gb18030"
