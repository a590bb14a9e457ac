"""Self-evaluation forms (绩效自评表) transcribed by hand, laid out as the tables publishers make.

Some text exports hold a form only as a PDF text layer read out of order, from which no table can be
rebuilt. For those reports `transcripts/<stem>.yaml` gives the forms' cells as printed and which lines
of the export they replace; `form_table` lays a form out as one grid with the merges a publisher's
Word form has: the part labels (项目预算执行情况, 年度总体目标完成情况, 年度绩效指标完成情况) merged down
the left column, 一级/二级指标 merged down the rows they group, label/value cells across.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.render.export_text import Item, Paragraph, Placed, TableModel, parse_export

TRANSCRIPTS = Path(__file__).resolve().parent / "transcripts"
WIDTH = 6  # label column + 一级指标, 二级指标, 三级指标, 预期指标值, 实际完成指标值
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值")


@dataclass(frozen=True)
class FormTranscript:
    """One form's printed cells."""

    title: str
    project: str
    department: str
    unit: str
    money: list[list[str]]        # rows of [budget cell, executed cell]
    goal_target: str
    goal_actual: str
    indicators: list[list[str]]   # [一级指标, 二级指标, 三级指标, 预期指标值, 实际完成指标值]


@dataclass(frozen=True)
class Transcript:
    """The forms of one report and the 1-based line range [first, last] of the export they replace."""

    first: int
    last: int
    first_line: str
    forms: list[FormTranscript]


def load_transcript(stem: str, folder: Path = TRANSCRIPTS) -> Transcript | None:
    path = folder / f"{stem}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, last = data["replaces_lines"]
    forms = [FormTranscript(f["title"], f["project"], f["department"], f["unit"],
                            [list(r) for r in f["money"]], f["goal_target"].strip(), f["goal_actual"].strip(),
                            [[str(c) for c in r] for r in f["indicators"]]) for f in data["forms"]]
    return Transcript(first, last, data["first_line"], forms)


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal consecutive values: the rows one merged cell spans."""
    out: list[tuple[int, int]] = []
    for i, v in enumerate(values):
        if out and values[out[-1][0]] == v:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out


def form_table(form: FormTranscript) -> TableModel:
    """The form as one grid with its merges (title and project name are printed above it)."""
    cells: list[Placed] = []
    r = 0
    cells += [Placed(r, 0, 1, 1, "主管部门及代码"), Placed(r, 1, 1, 2, form.department),
              Placed(r, 3, 1, 1, "实施单位"), Placed(r, 4, 1, 2, form.unit)]
    r += 1
    cells.append(Placed(r, 0, len(form.money), 1, "项目预算\n执行情况"))
    for budget, executed in form.money:
        cells += [Placed(r, 1, 1, 2, budget), Placed(r, 3, 1, 3, executed)]
        r += 1
    cells += [Placed(r, 0, 2, 1, "年度总体目标\n完成情况"), Placed(r, 1, 1, 2, "预期目标"),
              Placed(r, 3, 1, 3, "目标实际完成情况"),
              Placed(r + 1, 1, 1, 2, form.goal_target), Placed(r + 1, 3, 1, 3, form.goal_actual)]
    r += 2
    indicator_row = r
    rows = form.indicators
    cells.append(Placed(r, 0, len(rows) + 1, 1, "年度绩效指标\n完成情况"))
    cells += [Placed(r, 1 + k, 1, 1, word) for k, word in enumerate(INDICATOR_HEADER)]
    r += 1
    for start, n in _runs([row[0] for row in rows]):
        cells.append(Placed(r + start, 1, n, 1, rows[start][0]))
    for start, n in _runs([f"{row[0]}\x00{row[1]}" for row in rows]):
        cells.append(Placed(r + start, 2, n, 1, rows[start][1]))
    for k, row in enumerate(rows):
        cells += [Placed(r + k, 3 + j, 1, 1, text) for j, text in enumerate(row[2:5])]
    r += len(rows)
    grid = [[""] * WIDTH for _ in range(r)]
    for c in cells:
        grid[c.row][c.col] = c.text
    return TableModel(grid, placed=cells, indicator_row=indicator_row)


def form_items(form: FormTranscript) -> list[Item]:
    """Title, project name in brackets, and the form's table."""
    return [Paragraph(form.title, heading=1), Paragraph(f"（{form.project}）"), form_table(form)]


def export_items(text: str, transcript: Transcript | None) -> list[Item]:
    """The export's paragraphs and tables, with the transcribed forms in place of the lines they
    replace."""
    if transcript is None:
        return parse_export(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    got = lines[transcript.first - 1].split()
    if got != transcript.first_line.split():
        raise ValueError(f"transcript expects line {transcript.first} to read {transcript.first_line!r}, "
                         f"found {lines[transcript.first - 1]!r}")
    before = parse_export("\n".join(lines[: transcript.first - 1]))
    after = parse_export("\n".join(lines[transcript.last:]))
    forms = [item for f in transcript.forms for item in form_items(f)]
    return before + forms + after
