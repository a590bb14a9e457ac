"""The document's lines, cleaned for matching but still pointing at where they came from.

Export residue ("[bookmark: _GoBack]"), full-width and no-break spaces are removed; a line keeps its
`Line` (page/table/row) for provenance. Prose broken mid-number ("24.00万" / "元，…") is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

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
    t = re.sub(r"^[?？\ufffd]+", "", t.strip())  # an indent a copy site turned into '??'
    # web pages often print ASCII punctuation: a comma or colon that is not inside a number is the
    # full-width one every pattern expects
    t = re.sub(r"(?<=[^\d\s]),|,(?=[^\d\s])", "，", t)
    t = re.sub(r"(?<=[^\d\s]):|:(?=[^\d\s])", "：", t).replace(";", "；")
    return t.strip()


def squash(text: str) -> str:
    """Remove all whitespace: gold text is compared without line breaks and spaces."""
    return re.sub(r"\s+", "", text)


# a reading in pinyin that copy sites print after a character: '財(cái)政'
PINYIN_RE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}[)）]")


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def is_traditional(texts: list[str]) -> bool:
    """Printed in traditional characters: more than 1 in 50 CJK characters differ in simplified."""
    sample = "".join(texts)[:4000]
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if len(cjk) < 20:
        return False
    changed = sum(1 for a, b in zip(sample, _t2s().convert(sample), strict=False) if a != b)
    return changed * 50 > len(cjk)


class AsPrinted:
    """Turns a value read from the simplified reading of a traditional-character copy back into the
    characters the report prints (with its pinyin glosses), since text fields are kept as printed."""

    def __init__(self) -> None:
        self._lines: list[tuple[str, str, list[int]]] = []  # (simplified, printed, position map)

    def add(self, printed: str) -> str:
        """The simplified reading of a printed line, remembered with how to map it back."""
        glossed = {i for m in PINYIN_RE.finditer(printed) for i in range(m.start(), m.end())}
        kept = [i for i in range(len(printed)) if i not in glossed]
        plain = "".join(printed[i] for i in kept)
        simple = _t2s().convert(plain)
        if len(simple) == len(plain):
            self._lines.append((simple, printed, kept))
        return simple

    def __call__(self, value: str | None) -> str | None:
        if not value or not self._lines:
            return value
        whole = self._in_one_line(value)
        if whole is not None:
            return whole
        # a value joined from two lines (a unit's name over the rest of a title): each part as printed
        bare = re.sub(r"\s+", "", value)
        for cut in range(len(bare) - 1, 1, -1):
            head = self._in_one_line(bare[:cut])
            if head is not None:
                tail = self._in_one_line(bare[cut:])
                return head + tail if tail is not None else value
        return value

    def _in_one_line(self, value: str) -> str | None:
        """The value as one line prints it, or None when no line holds it."""
        for simple, printed, kept in self._lines:
            at = simple.find(value)
            if at >= 0:
                return self._printed(printed, kept[at], kept[at + len(value) - 1] + 1)
        # a value read with the line's spaces squashed ('某中心 2023年度决算说明' read as one title)
        bare = re.sub(r"\s+", "", value)
        for simple, printed, kept in self._lines:
            solid = [k for k, ch in enumerate(simple) if not ch.isspace()]
            at = "".join(simple[k] for k in solid).find(bare)
            if at >= 0 and bare:
                return re.sub(r"\s+", "", self._printed(printed, kept[solid[at]], kept[solid[at + len(bare) - 1]] + 1))
        return None

    @staticmethod
    def _printed(printed: str, start: int, end: int) -> str:
        gloss = PINYIN_RE.match(printed, end) if end < len(printed) else None
        return printed[start: gloss.end() if gloss else end]


def document_lines(doc: Document, as_printed: AsPrinted | None = None) -> list[TextLine]:
    """The document's cleaned lines; a copy in traditional characters is read in simplified ones (the
    vocabulary is simplified), its pinyin glosses dropped; `as_printed` learns how to turn values back
    into the printed characters."""
    src = doc.lines()
    texts = [clean(ln.text) for ln in src]
    if is_traditional(texts):
        restore = as_printed if as_printed is not None else AsPrinted()
        texts = [restore.add(t) for t in texts]
    return [TextLine(t, ln.text.startswith("\t"), ln, i) for i, (t, ln) in enumerate(zip(texts, src, strict=True))]


def prose_paragraphs(lines: list[TextLine]) -> list[tuple[str, TextLine]]:
    """Non-table lines as paragraphs; a line ending in a number whose unit starts the next line is joined."""
    out: list[tuple[str, TextLine]] = []
    page = 0  # the number of the document-sharing site's page the last paragraph ends on
    for ln in lines:
        if ln.cell or not ln.text:
            continue
        if out and (re.search(r"\d(万)?$", out[-1][0]) and re.match(r"^(元|万元|万|%|％)", ln.text)
                    or re.search(r"[，、]$", out[-1][0])):
            out[-1] = (out[-1][0] + ln.text, out[-1][1])
            continue
        mark = DOC_PAGE_MARK_RE.match(ln.text)
        if out and mark and page and int(mark.group(1)) == page + 1 and len(out[-1][0]) >= DOC_PAGE_CHARS \
                and not re.search(r"[。；;！!？?：:]$", out[-1][0]):
            # the next page, cut in the middle of a sentence or a word: one paragraph
            out[-1] = (out[-1][0] + ln.text[mark.end():], out[-1][1])
            page += 1
            continue
        page = int(mark.group(1)) if mark and len(ln.text) >= DOC_PAGE_CHARS else 0
        out.append((ln.text, ln))
    return out


# a document-sharing site prints each page of the original as one long line numbered '1、', '2、'…; a
# page may start in the middle of a word ('…其中新华社专项信' / '2、息服务支出4万元')
DOC_PAGE_MARK_RE = re.compile(r"^(\d{1,3})、")
DOC_PAGE_CHARS = 100

