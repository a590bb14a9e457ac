"""Tables from the linearized text: cells are tab-prefixed lines, continuation lines belong to the cell
above, a blank line followed by a new cell starts a row. Where the reader kept real rows (Word),
`Line.table`/`Line.row` decide instead. Rows of merged cells split by blank lines are re-joined by the
callers, who know how wide a row must be."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.text import TextLine


@dataclass
class Cell:
    text: str
    line: TextLine


@dataclass
class Table:
    rows: list[list[Cell]]
    start: int  # index of the first line
    end: int  # index after the last line


def _prose_like(text: str) -> bool:
    return len(text) > 30 or bool(re.match(r"^[一二三四五六七八九十]+、|^第[一二三四五六七八九十]+部分", text))


def find_tables(lines: list[TextLine], start: int = 0, end: int | None = None) -> list[Table]:
    end = len(lines) if end is None else end
    tables: list[Table] = []
    i = start
    while i < end:
        if not lines[i].cell:
            i += 1
            continue
        rows: list[list[Cell]] = [[]]
        t_start = i
        blanks = 0
        last_key = (lines[i].src.table, lines[i].src.row)
        while i < end:
            ln = lines[i]
            if ln.cell:
                key = (ln.src.table, ln.src.row)
                if ln.src.row is not None:
                    if key != last_key and rows[-1]:
                        rows.append([])
                elif blanks and rows[-1]:
                    rows.append([])
                last_key = key
                rows[-1].append(Cell(ln.text, ln))
                blanks = 0
            elif not ln.text:
                blanks += 1
                if blanks >= 3:
                    break
            else:
                if (blanks >= 2 or _prose_like(ln.text)) and ln.src.row is None:
                    break
                if rows[-1]:
                    rows[-1][-1].text += ln.text
                blanks = 0
            i += 1
        rows = [r for r in rows if r]
        if len(rows) >= 8 and all(len(r) == 1 for r in rows) and all(r[0].line.src.row is None for r in rows):
            rows = rerow_single_cells([r[0] for r in rows])
        if rows:
            tables.append(Table(rows, t_start, i))
    return tables


MONEY_HEAD = ("年初预算数", "全年预算数", "全年执行数", "年初预算", "全年预算", "全年执行", "执行数", "预算数", "分值", "执行率",
              "得分")
INDICATOR_HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "预期指标值", "分值", "得分")
PAIRED_LABELS = ("项目名称", "主管部门", "实施单位")


def _flat(cell: Cell) -> str:
    return re.sub(r"\s+", "", cell.text)


def _block_header(cells: list[Cell], k: int) -> tuple[str, ...] | None:
    """The header words of the block a cell starts: 项目资金 (money) or 绩效指标/一级指标 (indicators)."""
    t = _flat(cells[k])
    if t.startswith("项目资金"):
        return MONEY_HEAD
    nxt = _flat(cells[k + 1]) if k + 1 < len(cells) else ""
    if t == "一级指标" or (nxt == "一级指标" and t in ("绩效指标", "绩效目标")):
        return INDICATOR_HEAD
    return None


def rerow_single_cells(cells: list[Cell]) -> list[list[Cell]]:
    """A self-evaluation form exported one cell per paragraph with a blank line after every cell keeps no
    row breaks. Rows are rebuilt from the template's own header rows: the 项目资金 header and the 指标
    header give each block's width (data rows start with the blank cell under the merged label), and
    the label cells (项目名称 …) take the cell after them."""
    out: list[list[Cell]] = []
    k, width = 0, 0
    while k < len(cells):
        t = _flat(cells[k])
        heads = _block_header(cells, k)
        if heads is not None:
            j = k + 1
            if heads is MONEY_HEAD and j < len(cells) and not _flat(cells[j]):
                j += 1  # the blank cell above 年度资金总额
            while j < len(cells) and (_flat(cells[j]) in heads or _flat(cells[j]).startswith("偏差原因")):
                j += 1
            width = j - k
            out.append(cells[k:j])
            k = j
        elif t in ("总分", "合计"):
            out.append(cells[k:k + 3])
            k, width = k + 3, 0
        elif width and not t and k + width <= len(cells):
            out.append(cells[k:k + width])
            k += width
        elif t in PAIRED_LABELS and k + 1 < len(cells):
            out.append(cells[k:k + 2])
            k, width = k + 2, 0
        else:
            out.append([cells[k]])
            k, width = k + 1, 0
    return out
