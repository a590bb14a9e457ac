"""PDF reports with a text layer → Document, fast: pdfium for everything, pdfplumber's table finder
on the ruling lines.

Why this shape: pdfplumber parses every page object in Python (pdfminer), which costs most of a
second on a dense CJK page; pdfium (C) gives a page's text and vector paths in milliseconds. So
each page is read once with pypdfium2: its text as positioned runs, and the straight segments of
its vector paths. Only pages whose paths hold enough horizontal and vertical rules are table
candidates; on those, pdfplumber's own lattice algorithm (snap and join edges, intersections,
cells, tables — `pdfplumber.table`) runs on the pdfium segments, so merged cells come out as
pdfplumber finds them without pdfminer ever parsing the page. Cell texts are cut from pdfium's
text layer by rectangle, so tables and prose are cleaned alike. Borderless tables (columns
aligned by whitespace only) are left as text lines.

Cleaning that keeps values honest:
- Text runs are ordered by position (not by drawing order), overlapping duplicate runs (fake bold)
  are dropped, letter-spaced CJK is closed up ("项 目 名 称" → "项目名称"), and a space pdfium
  made up for the small CJK/figure gap office layouts add ("为 200 万元") is dropped; typed
  spaces between words are kept.
- Lines repeated in the top/bottom band of many pages (running headers/footers) and bare
  page-number lines ("- 3 -", "第3页 共9页", "3/9") are removed, so they never reach values.
- Wrapped prose lines are joined back into paragraphs (a line that runs to the right margin
  continues on the next one), so "年初预算数为2\n00万元" cannot split a figure.
- A table continued on the next page (same columns) is joined to its first part; a header row
  repeated at the top of the continuation is dropped.
Pages are read one at a time and closed, so memory stays bounded on long files.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.document import Block, Document, Table
from ingest.errors import IngestError

BAND = 0.09  # top/bottom fraction of the page where running headers, footers and page numbers sit
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_\s]*\d{1,4}[-—–_\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LIST_START = re.compile(r"^\s*(?:[（(](?:[一二三四五六七八九十]+|[1-9]\d?)[)）]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部条])")
# inside a cell a lone space between a CJK character and a figure is layout (autospacing)
_CELL_AUTOSPACE = re.compile(rf"(?<=[{CJK}]) (?=[0-9])|(?<=[0-9%]) (?=[{CJK}])")
AUTOSPACE = 0.25  # gaps narrower than this share of the text height are layout, not a typed space
MIN_TABLE_RULES = 3  # horizontal rules needed (with 2 vertical ones) before a page is a table candidate


@dataclass
class Run:
    """A run of text on one line, in PDF coordinates (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class PageTable:
    top: float  # PDF y of the table's top edge
    x0: float
    x1: float
    rows: list[list[str]]
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # pdfplumber's (x0, top, x1, bottom)


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)


def clean_text(s: str) -> str:
    """Normalize pdfium text: CRLF → LF, letter-spaced CJK closed up, word spaces kept."""
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "").replace("\x02", "")
    s = "\n".join(collapse_letter_spacing(line) for line in s.split("\n"))
    return s.strip()


def collapse_letter_spacing(line: str) -> str:
    """"项 目 名 称：经费" → "项目名称：经费": three or more single CJK characters separated by
    spaces are one spaced-out word (the next token joins them); other spaces are kept."""
    tokens = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and len(tokens[j]) == 1 and _is_cjk(tokens[j]):
            j += 1
        if j - i >= 3:
            merged = "".join(tokens[i:j])
            if j < len(tokens) and tokens[j] and _is_cjk(tokens[j][0]):
                merged += tokens[j]
                j += 1
            out.append(merged)
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(t for t in out if t) if len(out) > 1 else (out[0] if out else "")


def _is_cjk(ch: str) -> bool:
    return bool(re.match(f"[{CJK}]", ch))


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of one wrapped cell/paragraph: no separator around CJK, one space otherwise."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (_is_cjk(out[-1]) or _is_cjk(part[0]) or out[-1] in "-/（(" or part[0] in "%）)"):
            out += " "
        out += part
    return out


# ---------------------------------------------------------------------------------------------
# pdfium side: text runs and a cheap table-candidate test


def open_pdfium(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg or getattr(e, "err_code", None) == 4:
            raise IngestError("encrypted", f"{path.name} is password-protected; publish or supply it "
                                           "without a password") from e
        raise IngestError("corrupt", f"{path.name} is not a readable PDF ({e})") from e


def _char_box(textpage: Any, index: int) -> tuple[float, float, float, float]:
    """The font-based (loose) box of one character: (x0, y0, x1, y1)."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, rect)
    return rect.left, rect.bottom, rect.right, rect.top


def read_runs(textpage: Any) -> list[Run]:
    """The page's text as runs with positions, from pdfium's text in drawing order.

    pdfium already breaks its text into lines at baseline changes; a line is split again where a
    space stands for a wide gap (table columns). Boxes are only asked for at line ends and
    around spaces, so a dense page costs a few hundred calls, not one per character.
    Overlapping duplicate runs (fake bold drawn twice) are dropped."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: indices and string positions differ
        return _runs_by_rects(textpage)
    runs: list[Run] = []
    seen: set[tuple[int, int, str]] = set()
    dropped: set[int] = set()  # spaces that only stand for CJK/Latin autospacing

    def emit(a: int, b: int) -> None:  # chars [a, b) on one line
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            return
        chunk = clean_text("".join(text[x] for x in range(a, b) if x not in dropped))
        if not chunk:
            return
        x0, y0, _, y1 = _char_box(textpage, a)
        _, by0, x1, by1 = _char_box(textpage, b - 1)
        run = Run(x0, min(y0, by0), max(x1, x0), max(y1, by1), chunk)
        key = (round(run.x0 / 2), round(run.y0 / 2), chunk)
        if key not in seen:
            seen.add(key)
            runs.append(run)

    i = 0
    while i < n:
        j = i
        while j < n and text[j] not in "\r\n":
            j += 1
        # split the line [i, j) at spaces that stand for wide gaps
        start = i
        k = i
        late = _late_glyph_cuts(textpage, text, i, j)
        while k < j:
            if k in late and start < k:
                emit(start, k)
                start = k + 1 if text[k] == " " else k
            elif text[k] == " " and start < k < j - 1:
                _, _, left_x1, ly1 = _char_box(textpage, k - 1)
                right_x0, ry0, _, ry1 = _char_box(textpage, k + 1)
                height = max(ry1 - ry0, 4.0)
                gap = right_x0 - left_x1
                if gap > 1.5 * height or right_x0 < left_x1 - height:
                    emit(start, k)
                    start = k + 1
                elif (gap < AUTOSPACE * height and _autospaced(text[k - 1], text[k + 1])
                      and _generated(textpage, k)):
                    dropped.add(k)  # pdfium made this space up for a gap; a typed space is kept
            k += 1
        emit(start, j)
        while j < n and text[j] in "\r\n":
            j += 1
        i = j
    return runs


LATE_GLYPHS = "“”‘’"  # drawn by office suites in a fallback font after the rest of their line


def _late_glyph_cuts(textpage: Any, text: str, a: int, b: int) -> set[int]:
    """Where to cut the line [a, b) when some of its glyphs (curly quotes in a fallback font) were
    drawn after the rest and stand out of reading order, leaving spaces at their places: before
    every glyph that goes back leftwards, and at every space of the line, so that sorting the
    pieces by position puts the quotes back ('（ 两新 组织党建）“ ”' → '（“两新”组织党建）').
    Empty for ordinary lines; boxes are only asked for lines holding such glyphs."""
    if not any(text[x] in LATE_GLYPHS for x in range(a, b)):
        return set()
    cuts: set[int] = set()
    prev_x1: float | None = None
    for x in range(a, b):
        if text[x].isspace():
            continue
        x0, y0, x1, y1 = _char_box(textpage, x)
        if prev_x1 is not None and x0 < prev_x1 - max(y1 - y0, 4.0):
            cuts.add(x)
        prev_x1 = x1
    if cuts:
        cuts.update(x for x in range(a, b) if text[x] == " ")
    return cuts


def _generated(textpage: Any, index: int) -> bool:
    import pypdfium2.raw as pdfium_c

    return bool(pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1)


def _autospaced(left: str, right: str) -> bool:
    """A CJK character beside a figure: where Word/LibreOffice add a small gap, not a space."""
    return (_is_cjk(left) and (right.isdigit() or right in "-+")) or (
        (left.isdigit() or left == "%") and _is_cjk(right))


def _runs_by_rects(textpage: Any) -> list[Run]:
    runs: list[Run] = []
    for i in range(textpage.count_rects()):
        x0, y0, x1, y1 = textpage.get_rect(i)
        text = clean_text(textpage.get_text_bounded(x0, y0, x1, y1))
        if text:
            runs.append(Run(x0, y0, x1, y1, text.replace("\n", " ")))
    return runs


def ruling_edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Axis-aligned straight segments of the page's vector paths (table rules, cell borders,
    boxes), as pdfplumber edge dicts (top-down coordinates)."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        m = obj.get_matrix()
        n_segments = pdfium_c.FPDFPath_CountSegments(obj.raw)
        if n_segments <= 0 or n_segments > 2000:
            continue
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for i in range(n_segments):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = pt
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                _add_edge(edges, prev, pt, height)
            prev = pt
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, pt, start, height)
                prev = start
    return edges


def _add_edge(edges: list[dict[str, Any]], a: tuple[float, float], b: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= 1:
        left, right = sorted((x0, x1))
        top = height - y0
        edges.append({"x0": left, "x1": right, "top": top, "bottom": top, "width": right - left,
                      "height": 0.0, "orientation": "h", "object_type": "line"})
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 1:
        low, high = sorted((y0, y1))
        edges.append({"x0": x0, "x1": x0, "top": height - high, "bottom": height - low, "width": 0.0,
                      "height": high - low, "orientation": "v", "object_type": "line"})


def looks_ruled(edges: list[dict[str, Any]]) -> bool:
    """Enough horizontal and vertical rules to make at least a two-row table."""
    horizontal = sum(1 for e in edges if e["orientation"] == "h" and e["width"] >= 8)
    vertical = sum(1 for e in edges if e["orientation"] == "v" and e["height"] >= 8)
    return horizontal >= MIN_TABLE_RULES and vertical >= 2


# ---------------------------------------------------------------------------------------------
# pdfplumber's table finder, run on pdfium's rules (no pdfminer parse of the page)


def find_tables(edges: list[dict[str, Any]], textpage: Any, height: float) -> list[PageTable]:
    """Tables from ruling lines by pdfplumber's lattice algorithm (snap/join edges, intersections,
    cells, groups of cells); cell text cut from pdfium's text layer. Merged cells come out once,
    top-left, with "" where pdfplumber has no cell."""
    import pdfplumber.table as lattice
    from pdfplumber.utils import filter_edges

    st = lattice.TableSettings.resolve(None)
    edges = filter_edges(edges, min_length=st.edge_min_length_prefilter)
    edges = lattice.merge_edges(edges, snap_x_tolerance=st.snap_x_tolerance,
                                snap_y_tolerance=st.snap_y_tolerance, join_x_tolerance=st.join_x_tolerance,
                                join_y_tolerance=st.join_y_tolerance)
    edges = filter_edges(edges, min_length=st.edge_min_length)
    intersections = lattice.edges_to_intersections(edges, st.intersection_x_tolerance, st.intersection_y_tolerance)
    cells = lattice.intersections_to_cells(intersections)
    found: list[PageTable] = []
    for group in lattice.cells_to_tables(cells):
        table = lattice.Table(None, group)  # type: ignore[arg-type]  # the page is only needed by extract()
        rows: list[list[str]] = []
        for row in table.rows:
            texts: list[str] = []
            for cell in row.cells:
                if cell is None:
                    texts.append("")
                    continue
                x0, top, x1, bottom = cell
                raw = textpage.get_text_bounded(x0 + 0.5, height - bottom + 0.5, x1 - 0.5, height - top - 0.5)
                lines = [_CELL_AUTOSPACE.sub("", clean_text(t)) for t in raw.replace("\r\n", "\n").split("\n")]
                texts.append(join_wrapped(lines))
            rows.append(texts)
        rows = [r for r in rows if any(c for c in r)]
        n_cells = sum(1 for r in rows for c in r if c)
        if not rows or n_cells <= 1:
            continue  # a framed paragraph, not a table: its text stays with the prose
        x0, top, x1, bottom = table.bbox
        found.append(PageTable(height - top, x0, x1, rows, (x0, top, x1, bottom)))
    return found


def _in_table(run: Run, tables: list[PageTable], height: float) -> bool:
    for t in tables:
        x0, top, x1, bottom = t.bbox
        if x0 - 1 <= run.xc <= x1 + 1 and height - bottom - 1 <= run.yc <= height - top + 1:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# reading the whole file


def read_pages(path: Path) -> tuple[list[PageContent], list[str]]:
    """Stream pages: pdfium text runs everywhere, tables where the page draws ruling lines."""
    pdf = open_pdfium(path)
    warnings: list[str] = []
    pages: list[PageContent] = []
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("empty", f"{path.name} has no pages")
        for i in range(n):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    content = PageContent(i + 1, width, height, read_runs(textpage))
                    if content.runs:
                        edges = ruling_edges(page, height)
                        if looks_ruled(edges):
                            content.tables = find_tables(edges, textpage, height)
                    if content.tables:
                        content.runs = [r for r in content.runs if not _in_table(r, content.tables, height)]
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(content)
    finally:
        pdf.close()
    return pages, warnings


def _band_key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def running_lines(pages: list[PageContent]) -> set[str]:
    """Normalized texts seen in the top/bottom band of many pages: headers and footers."""
    counts: Counter[str] = Counter()
    for p in pages:
        keys = {_band_key(r.text) for r in p.runs if _in_band(r, p)}
        counts.update(keys)
    threshold = max(2, (len(pages) + 1) // 2) if len(pages) < 6 else max(3, len(pages) // 3)
    return {k for k, c in counts.items() if c >= threshold and k}


def _in_band(run: Run, page: PageContent) -> bool:
    return run.y0 >= page.height * (1 - BAND) or run.y1 <= page.height * BAND


def strip_running(page: PageContent, running: set[str]) -> None:
    """Drop page numbers and running header/footer lines from the page's bands. Of the runs that
    match one running text, only the one nearest the page edge goes: a title on page 1 that reads
    like the running header stays."""
    edge_most: dict[tuple[str, bool], Run] = {}
    for r in page.runs:
        if not _in_band(r, page):
            continue
        key = _band_key(r.text)
        if key in running:
            top = r.yc > page.height / 2
            best = edge_most.get((key, top))
            if best is None or (r.y1 > best.y1 if top else r.y0 < best.y0):
                edge_most[(key, top)] = r
    drop = {id(r) for r in edge_most.values()}
    page.runs = [r for r in page.runs
                 if id(r) not in drop and not (_in_band(r, page) and _PAGE_NUMBER.match(r.text.strip()))]


def group_lines(runs: list[Run]) -> list[list[Run]]:
    """Cluster runs into visual lines (top to bottom), each line's runs left to right.

    A run joins a line when their vertical extents overlap by a good part of the smaller one, so
    small glyphs sitting on the baseline (。、，) stay on their line."""
    lines: list[list[Run]] = []
    spans: list[tuple[float, float]] = []  # (y0, y1) of each line so far
    for run in sorted(runs, key=lambda r: (-r.yc, r.x0)):
        placed = False
        for k in range(len(lines) - 1, max(-1, len(lines) - 3), -1):
            y0, y1 = spans[k]
            overlap = min(y1, run.y1) - max(y0, run.y0)
            if overlap >= 0.35 * min(y1 - y0, run.y1 - run.y0, 12.0):
                lines[k].append(run)
                spans[k] = (min(y0, run.y0), max(y1, run.y1))
                placed = True
                break
        if not placed:
            lines.append([run])
            spans.append((run.y0, run.y1))
    for line in lines:
        line.sort(key=lambda r: r.x0)
    lines.sort(key=lambda line: -max(r.y1 for r in line))
    return lines


def _line_text(line: list[Run]) -> str:
    """Runs of a line joined: a space only where the gap is wide and the text is not CJK."""
    out = ""
    prev: Run | None = None
    for r in line:
        if prev is not None and out:
            size = max(prev.y1 - prev.y0, r.y1 - r.y0, 4.0)
            gap = r.x0 - prev.x1
            if gap > 0.25 * size and not (_is_cjk(out[-1]) and _is_cjk(r.text[0])):
                out += " "
        out += r.text
        prev = r
    return clean_text(out)


def _text_right_edge(rights: list[float]) -> float:
    """The right edge justified lines share: the largest edge reached by two or more lines
    (one line running into the margin must not make every other line look short)."""
    counts = Counter(round(r / 3) for r in rights)
    shared = [k * 3 for k, c in counts.items() if c >= 2]
    return max(shared) if shared else max(rights)


def _max_gap(line: list[Run]) -> float:
    return max((b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False)), default=0.0)


@dataclass
class Para:
    top: float
    text: str
    starts_flush: bool  # first line starts at the body's left edge (no indent, no list marker)
    ends_full: bool  # last line runs to the right edge: it may continue on the next page


def paragraphs(lines: list[list[Run]], page_width: float = 0.0,
               margins: tuple[float, float] | None = None) -> list[Para]:
    """Join wrapped lines into paragraphs.

    A line continues on the next when it runs to the right edge of the text body, the next line
    starts at the left edge (no first-line indent) and follows at normal line spacing, and neither
    line has column-like gaps."""
    if not lines:
        return []
    lefts = [line[0].x0 for line in lines]
    rights = [line[-1].x1 for line in lines]
    heights = [max(r.y1 - r.y0 for r in line) for line in lines]
    size = statistics.median(heights) or 10.0
    body_left = min(lefts)
    # a page of short lines (a flattened table, a list) has no full line: the edge is then
    # taken no further left than two thirds of the page
    body_right = max(_text_right_edge(rights), page_width * 0.67)
    if margins is not None:  # the text body of all pages of this size: one indented page is not flush
        body_left, body_right = min(body_left, margins[0]), max(body_right, margins[1])
    gaps = [min(r.y0 for r in a) - max(r.y1 for r in b) for a, b in zip(lines, lines[1:], strict=False)]
    close = sorted(g for g in gaps if 0 <= g <= 1.2 * size)
    line_gap = close[len(close) // 4] if len(close) >= 3 else 0.5 * size  # single line spacing
    tight = line_gap + max(1.0, 0.25 * line_gap)
    out: list[Para] = []
    current: list[str] = []
    top = 0.0
    flush = False
    for i, line in enumerate(lines):
        text = _line_text(line)
        if not current:
            top = max(r.y1 for r in line)
            flush = lefts[i] <= body_left + 0.8 * size and not _LIST_START.match(text)
        current.append(text)
        ends = True
        if i < len(lines) - 1:
            nxt = lines[i + 1]
            gap = gaps[i]
            # line breaking before a long figure or a word that may not be split leaves some room:
            # at single line spacing (and no sentence end) up to eight characters, else four
            ends_sentence = text.rstrip()[-1:] in "。！？；：.!?;:"
            room = 8 * size if gap <= tight and not ends_sentence else 4 * size
            full = rights[i] >= body_right - room and not _LIST_START.match(_line_text(nxt))
            next_flush = lefts[i + 1] <= body_left + 0.8 * size
            columns = max(_max_gap(line), _max_gap(nxt)) > 3 * size
            ends = not (full and next_flush and gap <= 1.2 * size and not columns)
        if ends:
            full_end = rights[i] >= body_right - 4 * size
            out.append(Para(top, join_wrapped(current), flush, full_end))
            current = []
    return out


def body_margins(pages: list[PageContent], page_lines: list[list[list[Run]]]) -> dict[int, tuple[float, float]]:
    """Left and right edges of the text body over all pages of one width (portrait, landscape):
    the leftmost start and the rightmost end shared by at least three lines."""
    lefts: dict[int, Counter[int]] = {}
    rights: dict[int, Counter[int]] = {}
    for p, lines in zip(pages, page_lines, strict=True):
        key = round(p.width)
        for line in lines:
            lefts.setdefault(key, Counter())[round(line[0].x0 / 2)] += 1
            rights.setdefault(key, Counter())[round(line[-1].x1 / 3)] += 1
    out: dict[int, tuple[float, float]] = {}
    for key in lefts:
        common_left = [k * 2 for k, c in lefts[key].items() if c >= 3]
        common_right = [k * 3 for k, c in rights[key].items() if c >= 3]
        if common_left and common_right:
            out[key] = (min(common_left) + 1.0, max(common_right) - 1.5)
    return out


def to_blocks(pages: list[PageContent]) -> list[Block]:
    """Order each page's paragraphs and tables top to bottom; join tables continued across pages."""
    blocks: list[Block] = []
    tables_meta: dict[int, PageTable] = {}  # block index → its PageTable (for continuation checks)
    reached: dict[int, int] = {}  # table block index → the last page it runs onto
    open_para: dict[int, bool] = {}  # block index → paragraph may continue on the next page
    n_tables = 0
    page_lines = [group_lines(p.runs) for p in pages]
    margins = body_margins(pages, page_lines)
    for p, lines in zip(pages, page_lines, strict=True):
        paras = paragraphs(lines, p.width, margins.get(round(p.width)))
        items: list[tuple[float, int, Any]] = [(para.top, 0, para) for para in paras]
        items += [(t.top, 1, t) for t in p.tables]
        items.sort(key=lambda it: (-it[0], it[1]))
        for pos, (_top, kind, payload) in enumerate(items):
            if kind == 0:
                para: Para = payload
                last = len(blocks) - 1
                if (pos == 0 and para.starts_flush and open_para.get(last)
                        and blocks[last].page == p.number - 1):
                    blocks[last] = Block("paragraph", join_wrapped([blocks[last].text, para.text]),
                                         page=blocks[last].page)
                    open_para[last] = para.ends_full
                    continue
                blocks.append(Block("paragraph", para.text, page=p.number))
                open_para[len(blocks) - 1] = para.ends_full
                continue
            table: PageTable = payload
            prev_i = len(blocks) - 1
            prev = tables_meta.get(prev_i)
            if (pos == 0 and prev is not None and reached.get(prev_i) == p.number - 1
                    and _same_columns(prev, table)):
                first_rows = blocks[prev_i].table.rows  # type: ignore[union-attr]
                rows = _drop_repeated_header(first_rows, table.rows)
                merged = Table(_join_split_row(first_rows, rows), index=blocks[prev_i].table.index)  # type: ignore[union-attr]
                blocks[prev_i] = Block("table", table=merged, page=blocks[prev_i].page)
                tables_meta[prev_i] = PageTable(prev.top, prev.x0, prev.x1, merged.rows)
                reached[prev_i] = p.number
                continue
            blocks.append(Block("table", table=Table(table.rows, index=n_tables), page=p.number))
            tables_meta[len(blocks) - 1] = table
            reached[len(blocks) - 1] = p.number
            n_tables += 1
    return blocks


def _same_columns(a: PageTable, b: PageTable) -> bool:
    width_a = max(len(r) for r in a.rows)
    width_b = max(len(r) for r in b.rows)
    return width_a == width_b and abs(a.x0 - b.x0) <= 6 and abs(a.x1 - b.x1) <= 6


_NUMBERISH = re.compile(r"^[\d.,%\s-]+$")


def _join_split_row(first: list[list[str]], cont: list[list[str]]) -> list[list[str]]:
    """Rejoin a row the page break cut in two: the continuation's first row holds no figures,
    has text only under cells that had text, and fewer than half as many filled cells."""
    if not cont or not first:
        return first + cont
    last, head = first[-1], cont[0]
    if len(last) != len(head):
        return first + cont
    filled = [i for i, c in enumerate(head) if c.strip()]
    filled_last = sum(1 for c in last if c.strip())
    if (not filled or 2 * len(filled) >= filled_last
            or any(_NUMBERISH.match(head[i]) or not last[i].strip() for i in filled)):
        return first + cont
    joined = [join_wrapped([a, b]) if b.strip() else a for a, b in zip(last, head, strict=True)]
    return first[:-1] + [joined] + cont[1:]


def _norm_row(row: list[str]) -> str:
    return "|".join(re.sub(r"\s+", "", c) for c in row)


def _drop_repeated_header(first: list[list[str]], cont: list[list[str]]) -> list[list[str]]:
    k = 0
    while k < len(cont) and k < len(first) and k < 4 and _norm_row(cont[k]) == _norm_row(first[k]):
        k += 1
    return cont[k:]


def read(path: Path, sha256: str) -> Document:
    """Read a PDF's text layer into blocks; IngestError for encrypted, scanned or damaged files.

    Pages without a usable text layer are read by OCR (`ingest.ocr`, on unless JIXIAO_OCR=off) into
    the same runs and tables, so the rest of the reading is the same; the lines OCR read are kept
    with their boxes and confidences in `Document.ocr`."""
    from ingest.ocr import ocr_missing_text

    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise IngestError("corrupt", f"{path.name} does not start like a PDF (no %PDF header)")
    pages, warnings = read_pages(path)
    ocr, ocr_warnings = ocr_missing_text(path, pages)
    warnings += ocr_warnings
    if not any(p.runs or p.tables for p in pages):
        how = "OCR found no text on them" if ocr_warnings and ocr_warnings[0].startswith("pages read by OCR") \
            else "OCR is switched off (JIXIAO_OCR=off)"
        raise IngestError("scanned_needs_ocr", f"{path.name}: none of its {len(pages)} pages has a text layer "
                                               f"(a scan or images) and {how}")
    running = running_lines(pages)
    for p in pages:
        strip_running(p, running)
    blocks = to_blocks(pages)
    return Document(path.name, "pdf", sha256, blocks, n_pages=len(pages), warnings=warnings, ocr=ocr)
