"""The document's lines, cleaned for matching but still pointing at where they came from.

Export residue ("[bookmark: _GoBack]"), full-width and no-break spaces are removed; a line keeps its
`Line` (page/table/row) for provenance. Prose broken mid-number ("24.00万" / "元，…") is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.document import Document, Line

BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")


@dataclass(frozen=True)
class TextLine:
    """A cleaned line: `text` for matching, `cell` when it starts a table cell (tab-prefixed)."""

    text: str
    cell: bool
    src: Line
    index: int

    def provenance(self, raw: str | None = None) -> dict:
        s = self.src
        return {"page": s.page, "table": s.table, "row": s.row, "raw_text": (raw or self.text)[:500]}


def clean(text: str) -> str:
    t = BOOKMARK_RE.sub("", text)
    t = t.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
    # web pages often print ASCII punctuation: a comma or colon that is not inside a number is the
    # full-width one every pattern expects
    t = re.sub(r"(?<=[^\d\s]),|,(?=[^\d\s])", "，", t)
    t = re.sub(r"(?<=[^\d\s]):|:(?=[^\d\s])", "：", t).replace(";", "；")
    return t.strip()


def squash(text: str) -> str:
    """Remove all whitespace: gold text is compared without line breaks and spaces."""
    return re.sub(r"\s+", "", text)


def document_lines(doc: Document) -> list[TextLine]:
    out: list[TextLine] = []
    for i, ln in enumerate(doc.lines()):
        out.append(TextLine(clean(ln.text), ln.text.startswith("\t"), ln, i))
    return out


def prose_paragraphs(lines: list[TextLine]) -> list[tuple[str, TextLine]]:
    """Non-table lines as paragraphs; a line ending in a number whose unit starts the next line is joined."""
    out: list[tuple[str, TextLine]] = []
    for ln in lines:
        if ln.cell or not ln.text:
            continue
        if out and (re.search(r"\d(万)?$", out[-1][0]) and re.match(r"^(元|万元|万|%|％)", ln.text)
                    or re.search(r"[，、]$", out[-1][0])):
            out[-1] = (out[-1][0] + ln.text, out[-1][1])
            continue
        out.append((ln.text, ln))
    return out
