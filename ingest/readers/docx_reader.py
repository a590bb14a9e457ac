"""Word (.docx) reports → Document: paragraphs and tables in body order, merged cells resolved.

The body XML is walked directly (python-docx opens the package and resolves styles) because table
grids need `w:gridSpan`, `w:vMerge`, `w:gridBefore` and `w:gridAfter`, which the high-level API
hides. A merged region's text sits in its top-left grid position; the positions it covers hold "".
A cell's paragraphs are joined with "\n". A table nested in a cell is inlined into that cell's text
(one line per nested row); a table that is only a one-cell frame around content is unwrapped.
Word has no fixed pages: an explicit page break (`w:br w:type="page"`, `w:pageBreakBefore`) or a
section break starts the next page number, so provenance still points near the printed page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ingest.document import Block, Document, Table
from ingest.errors import IngestError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: legacy .doc or an encrypted package
HEADING_NAMES = ("heading", "title", "标题")


def check_package(path: Path) -> None:
    """Tell encrypted Office files and non-zip bytes apart before python-docx fails obscurely."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head == CFB_MAGIC:
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise IngestError("encrypted", f"{path.name} is a password-protected Office file; "
                                           "save it again without a password")
        raise IngestError("corrupt", f"{path.name} is a legacy binary Word file (.doc) named .docx; "
                                     "rename it to .doc so that it is converted")
    if not zipfile.is_zipfile(path):
        raise IngestError("corrupt", f"{path.name} is not a Word .docx package (not a zip archive)")


def heading_styles(document: Any) -> set[str]:
    """Style ids whose name says heading/title or that carry an outline level."""
    ids: set[str] = set()
    for style in document.styles.element.iter(f"{W}style"):
        sid = style.get(f"{W}styleId") or ""
        name_el = style.find(f"{W}name")
        name = (name_el.get(f"{W}val") if name_el is not None else "") or ""
        if name.lower().startswith(HEADING_NAMES) or style.find(f"{W}pPr/{W}outlineLvl") is not None:
            ids.add(sid)
    return ids


def paragraph_text(p: Any) -> str:
    """Visible text of a w:p: runs' w:t, tabs and line breaks; deleted revisions are skipped."""
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if el.get(f"{W}type") != "page":
                parts.append("\n")
        elif tag == f"{W}delText":
            continue
    return "".join(parts).replace("\t", " ").strip("\n")


def has_page_break(p: Any) -> bool:
    for el in p.iter(f"{W}br"):
        if el.get(f"{W}type") == "page":
            return True
    ppr = p.find(f"{W}pPr")
    return ppr is not None and (ppr.find(f"{W}sectPr") is not None)


def breaks_before(p: Any) -> bool:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    pb = ppr.find(f"{W}pageBreakBefore")
    return pb is not None and pb.get(f"{W}val", "true") not in ("false", "0")


def is_heading(p: Any, heading_ids: set[str]) -> bool:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    if ppr.find(f"{W}outlineLvl") is not None:
        lvl = ppr.find(f"{W}outlineLvl").get(f"{W}val")
        return lvl is not None and lvl.isdigit() and int(lvl) < 9
    style = ppr.find(f"{W}pStyle")
    return style is not None and style.get(f"{W}val") in heading_ids


def _int_attr(el: Any, name: str, default: int) -> int:
    if el is None:
        return default
    v = el.get(f"{W}{name}")
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def cell_text(tc: Any) -> str:
    """A cell's paragraphs joined by "\n"; nested tables inlined one line per row."""
    lines: list[str] = []
    for child in tc:
        if child.tag == f"{W}p":
            lines.append(paragraph_text(child))
        elif child.tag == f"{W}tbl":
            for row in table_grid(child):
                line = " ".join(c for c in row if c)
                if line:
                    lines.append(line)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                lines.append(cell_text(content))
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(line.strip() for line in lines)


def _children(parent: Any, tag: str) -> list[Any]:
    """`parent`'s child elements named `tag`, including those wrapped in content controls
    (<w:sdt><w:sdtContent>), which forms put around rows and cells and which Word does not display."""
    out: list[Any] = []
    for child in parent:
        if child.tag == f"{W}{tag}":
            out.append(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_children(content, tag))
    return out


def table_rows(tbl: Any) -> list[Any]:
    """A table's <w:tr> rows, in order."""
    return _children(tbl, "tr")


def row_cells(tr: Any) -> list[Any]:
    """A row's <w:tc> cells, in order."""
    return _children(tr, "tc")


def table_grid(tbl: Any) -> list[list[str]]:
    """Resolve spans into a rectangular grid of strings: text at the top-left of each merged region."""
    grid: list[list[str]] = []
    for tr in table_rows(tbl):
        trpr = tr.find(f"{W}trPr")
        col = _int_attr(trpr.find(f"{W}gridBefore") if trpr is not None else None, "val", 0)
        row: list[str] = [""] * col
        for tc in row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            span = max(1, _int_attr(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, "val", 1))
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            hmerge = tcpr.find(f"{W}hMerge") if tcpr is not None else None
            continues = (vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue") or (
                hmerge is not None and hmerge.get(f"{W}val", "continue") == "continue")
            text = "" if continues else cell_text(tc)
            row.extend([text] + [""] * (span - 1))
            col += span
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid]


def _is_frame(tbl: Any) -> bool:
    rows = table_rows(tbl)
    return len(rows) == 1 and len(row_cells(rows[0])) == 1


class _BodyWalker:
    """Collects blocks from body-level elements, tracking page numbers from explicit breaks."""

    def __init__(self, heading_ids: set[str]) -> None:
        self.heading_ids = heading_ids
        self.blocks: list[Block] = []
        self.page = 1
        self.n_tables = 0

    def walk(self, container: Any) -> None:
        for el in container:
            tag = el.tag
            if tag == f"{W}p":
                self.paragraph(el)
            elif tag == f"{W}tbl":
                self.table(el)
            elif tag == f"{W}sdt":
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    self.walk(content)
            elif tag == f"{W}sectPr":
                continue

    def paragraph(self, p: Any) -> None:
        if breaks_before(p) and self.blocks:
            self.page += 1
        text = paragraph_text(p).strip()
        if text:
            kind = "heading" if is_heading(p, self.heading_ids) else "paragraph"
            self.blocks.append(Block(kind, text, page=self.page))
        if has_page_break(p):
            self.page += 1

    def table(self, tbl: Any) -> None:
        if _is_frame(tbl):
            tc = row_cells(table_rows(tbl)[0])[0]
            self.walk(tc)
            return
        rows = table_grid(tbl)
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        self.blocks.append(Block("table", table=Table(rows, index=self.n_tables), page=self.page))
        self.n_tables += 1


def read(path: Path, sha256: str) -> Document:
    """Read a .docx into blocks in body order; IngestError('corrupt'/'encrypted') when it cannot."""
    check_package(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise IngestError("corrupt", f"{path.name} is not a readable Word document: {e}") from e
    except Exception as e:  # lxml syntax errors and the like in damaged packages
        raise IngestError("corrupt", f"{path.name} could not be parsed as Word: {type(e).__name__}: {e}") from e
    walker = _BodyWalker(heading_styles(document))
    walker.walk(document.element.body)
    n_pages = walker.blocks[-1].page if walker.blocks else None
    return Document(path.name, "docx", sha256, walker.blocks, n_pages=n_pages)
