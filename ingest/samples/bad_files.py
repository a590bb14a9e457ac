"""Deliberately bad inputs, each with the failure reason a correct pipeline must record for it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def write_empty(path: Path) -> str:
    path.write_bytes(b"")
    return "empty"


def write_truncated_pdf(good_pdf: Path, path: Path) -> str:
    """The first few hundred bytes of a real PDF: a header and no page tree, xref or trailer."""
    data = good_pdf.read_bytes()
    path.write_bytes(data[: min(len(data) // 8, 600)])
    return "corrupt"


def write_meeting_notice(rng: random.Random, path: Path, place_name: str, year: int) -> str:
    """A readable government text that is not a budget report (a meeting notice)."""
    month, day = rng.randint(3, 11), rng.randint(1, 25)
    text = (
        f"关于召开{year}年{place_name}安全生产工作会议的通知\n\n"
        f"各乡镇人民政府、街道办事处，{place_name[-1]}直各有关单位：\n"
        f"经研究，决定召开{year}年全{place_name[-1]}安全生产工作会议。现将有关事项通知如下：\n"
        f"一、会议时间\n{year}年{month}月{day}日上午9时，会期半天。\n"
        "二、会议地点\n政府大楼三楼第一会议室。\n"
        "三、参会人员\n各乡镇（街道）分管负责同志，各有关单位主要负责同志。\n"
        "四、会议议程\n1.通报上半年安全生产工作情况；\n2.部署下一阶段重点工作；\n3.领导讲话。\n"
        "五、有关要求\n请参会人员提前10分钟入场，会场内手机调至静音状态。因特殊情况不能参会的，"
        "须提前向会务组请假。\n\n"
        f"{place_name}人民政府办公室\n{year}年{month}月{max(1, day - 3)}日\n"
    )
    path.write_text(text, encoding="utf-8")
    return "not_a_report"


def write_duplicate(original: Path, path: Path) -> str:
    shutil.copyfile(original, path)
    return "duplicate"


def write_scanned_pdf(rng: random.Random, path: Path, pages: int = 2) -> str:
    """A 'scan': pages of grey bars where lines of text would be, and a table grid, but no text layer."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    for _ in range(pages):
        c.setFillGray(0.97)
        c.rect(0, 0, w, h, stroke=0, fill=1)
        c.setFillGray(0.35)
        y = h - 80
        c.rect(w / 2 - 120, y, 240, 14, stroke=0, fill=1)
        y -= 40
        for _ in range(rng.randint(14, 22)):
            c.rect(70, y, rng.uniform(300, w - 140), 7, stroke=0, fill=1)
            y -= 18
        c.setStrokeGray(0.2)
        top, rows, cols = y - 10, 6, 5
        for r in range(rows + 1):
            c.line(70, top - r * 20, w - 70, top - r * 20)
        for k in range(cols + 1):
            x = 70 + k * (w - 140) / cols
            c.line(x, top, x, top - rows * 20)
        c.showPage()
    c.save()
    return "scanned_needs_ocr"
