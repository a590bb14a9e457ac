"""HTML reports (article pages of 信息公开 columns, Excel/Word "saved as web page") → Document.

The report is the article body: the element the first matching `content` selector of
`html_layout.yaml` picks (or the whole <body>), with navigation, footers, share buttons and other
`drop` selectors removed first. The body is walked in order: <h1>–<h6> become headings, block
elements and <br> end paragraphs, and each <table> becomes a `Table` whose rowspan/colspan regions
keep their text in the top-left position and "" in the positions they cover — the grid the Word
reader builds, so an HTML report and its .docx attachment read alike. A table whose rows all have
one cell is a layout frame and is read as flowing text; a table nested in a cell is inlined into
that cell's text, one line per row.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from ingest.charset import decode_html
from ingest.document import Block, Document, Table
from ingest.errors import IngestError

LAYOUT_FILE = Path(__file__).with_name("html_layout.yaml")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                    "pre", "center", "address", "figure", "figcaption", "hr", "body", "caption", "tbody",
                    "thead", "tfoot", "tr", "html"}) | HEADINGS
SPACE = re.compile(r"[ \t\r\n\f\v\u200b]+")  # collapsible HTML whitespace (&nbsp; is not)
MAX_SPAN = 1000


@cache
def layout() -> dict[str, Any]:
    """The selectors of html_layout.yaml, compiled once."""
    data = yaml.safe_load(LAYOUT_FILE.read_text(encoding="utf-8"))
    return {
        "content": [CSSSelector(s) for s in data["content"]],
        "title": [CSSSelector(s) for s in data["title"]],
        "drop": CSSSelector(", ".join(data["drop"])),
        "min_content_chars": int(data.get("min_content_chars", 40)),
    }


def _clean(text: str) -> str:
    """Collapse HTML whitespace in each line as a browser does (&nbsp; stays), then trim each line."""
    lines = [SPACE.sub(" ", line).replace("\xa0", " ").strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _text_len(el: Any) -> int:
    return len(SPACE.sub("", el.text_content()))


class _Flow:
    """Collects blocks while walking the body: inline text gathers into the current paragraph."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.n_tables = 0

    def text(self, s: str | None) -> None:
        if s:
            self.parts.append(SPACE.sub(" ", s))

    def newline(self) -> None:
        self.parts.append("\n")

    def flush(self) -> None:
        text = _clean("".join(self.parts))
        self.parts = []
        if text.strip():
            self.blocks.append(Block("paragraph", text))

    def heading(self, text: str) -> None:
        self.flush()
        text = _clean(text)
        if text.strip():
            self.blocks.append(Block("heading", text))

    def table(self, rows: list[list[str]]) -> None:
        self.flush()
        if any(c.strip() for r in rows for c in r):
            self.blocks.append(Block("table", table=Table(rows, self.n_tables)))
            self.n_tables += 1


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _rows_of(table: Any) -> list[Any]:
    """The table's own <tr> rows (directly or in thead/tbody/tfoot), not those of nested tables."""
    return [tr for tr in table.iter("tr") if _owner_table(tr) is table]


def _owner_table(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent


def _span(el: Any, attr: str) -> int:
    try:
        n = int(str(el.get(attr, "1")).strip() or 1)
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


def _inline_text(el: Any) -> str:
    """An element's text with <br> and block boundaries as line breaks; nested tables one row per line."""
    out: list[str] = []

    def walk(node: Any) -> None:
        tag = _tag(node)
        if tag == "br":
            out.append("\n")
        elif tag == "table":
            out.append("\n")
            for row in table_grid(node):
                out.append(" ".join(c.replace("\n", " ") for c in row if c.strip()) + "\n")
            out.append(SPACE.sub(" ", node.tail or ""))
            return
        elif tag in BLOCKS or tag in ("td", "th"):
            out.append("\n")
        if tag and node.text:
            out.append(SPACE.sub(" ", node.text))
        for child in node:
            walk(child)
        if tag in BLOCKS:
            out.append("\n")
        if node.tail:
            out.append(SPACE.sub(" ", node.tail))

    if el.text:
        out.append(SPACE.sub(" ", el.text))
    for child in el:
        walk(child)
    return _clean("".join(out))


def table_grid(table: Any) -> list[list[str]]:
    """The table as a rectangular grid: a spanned region's text at its top-left, "" where it covers."""
    rows = _rows_of(table)
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in (x for x in tr if _tag(x) in ("td", "th")):
            while (r, c) in grid:
                c += 1
            colspan = _span(td, "colspan")
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            text = _inline_text(td)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text if dr == dc == 0 else ""
            c += colspan
            width = max(width, c)
    width = max([width] + [c + 1 for (_, c) in grid])
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _is_layout_table(table: Any) -> bool:
    """A frame around content: every row has at most one cell."""
    rows = _rows_of(table)
    return bool(rows) and all(sum(1 for x in tr if _tag(x) in ("td", "th")) <= 1 for tr in rows)


def _walk(el: Any, flow: _Flow) -> None:
    tag = _tag(el)
    if tag in HEADINGS:
        flow.heading(_inline_text(el))
    elif tag == "table" and not _is_layout_table(el):
        caption = el.find("caption")
        if caption is not None:
            flow.heading(_inline_text(caption))
        flow.table(table_grid(el))
    elif tag == "br":
        flow.newline()
    else:
        block = tag in BLOCKS or tag in ("table", "td", "th")
        if block:
            flow.flush()
        flow.text(el.text)
        for child in el:
            _walk(child, flow)
            flow.text(child.tail)
        if block:
            flow.flush()


def parse_tree(html_text: str) -> Any:
    """The lxml tree of a page (text already decoded); comments and processing instructions dropped."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    root = lxml_html.document_fromstring(html_text.encode("utf-8"), parser=parser)
    return root


def _content(root: Any) -> Any:
    lay = layout()
    for sel in lay["content"]:
        matches = [el for el in sel(root) if _text_len(el) >= lay["min_content_chars"]]
        if matches:
            return max(matches, key=_text_len)
    body = root.find("body")
    return body if body is not None else root


def _title_outside(root: Any, content: Any) -> str | None:
    inside = set(content.iter())
    for sel in layout()["title"]:
        for el in sel(root):
            if el not in inside:
                text = _inline_text(el).replace("\n", " ").strip()
                if text:
                    return text
    return None


def document_blocks(html_text: str) -> list[Block]:
    """The report's blocks from a page's decoded HTML."""
    root = parse_tree(html_text)
    for el in layout()["drop"](root):
        if el.getparent() is not None:
            el.drop_tree()
    content = _content(root)
    flow = _Flow()
    _walk(content, flow)
    flow.flush()
    blocks = flow.blocks
    title = _title_outside(root, content)
    first = next((b.text for b in blocks if b.kind != "table"), "")
    if title and SPACE.sub("", title) not in SPACE.sub("", first):
        blocks.insert(0, Block("heading", title))
    return blocks


def read(path: Path, sha256: str) -> Document:
    data = path.read_bytes()
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("corrupt", f"{path.name} is binary, not a web page")
    text, _codec = decode_html(data)
    try:
        blocks = document_blocks(text)
    except (etree.ParserError, ValueError) as e:
        raise IngestError("corrupt", f"{path.name} does not parse as HTML: {e}") from e
    return Document(path.name, "html", sha256, blocks)
