"""`jixiao bench`: how fast and how lean PDF extraction is, measured against pdfplumber alone.

It writes a corpus of multi-page PDF reports (reportlab, built-in CID font 'STSong-Light'): prose
pages, ruled tables (budget and indicator tables, some running across pages, some on landscape
pages), running headers and page numbers. Then, in one run on the same files:
  (a) pdfplumber alone: extract_text and extract_tables on every page            → pages/s
  (b) jixiao, one process: read_document + extract (extract_file) per file        → pages/s, time ratio to (a)
  (c) jixiao across cores: ingest.parallel.extract_many                           → pages/s
  (d) one 200-page report extracted in a child process: peak RSS (ru_maxrss), beside the child's
      RSS after imports and pdfplumber's peak on the same file (pages closed as it goes)
  (e) OCR: the project's scanned renderings of the seed reports (tests/fixtures/scanned, image-only
      PDFs) extracted one after another in a fresh child process with the default OCR settings, each
      file's pages read by one process and then in batches across the cores (`ingest.ocr.pool`):
      seconds per page (wall and CPU, helper processes included), pages/s and peak RSS
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIG_PAGES = 200
UNITS = ["县委组织部", "县财政局", "县教育局", "县农业农村局", "县卫生健康局", "县民政局"]
PROJECTS = ["基层党建工作经费", "干部教育培训经费", "人才发展专项资金", "老干部活动经费", "农村公路养护资金",
            "义务教育薄弱环节改善资金", "城乡居民医疗救助资金", "高标准农田建设资金"]
SENTENCE = ("围绕年度绩效目标，{unit}统筹推进{project}各项工作，资金按进度拨付到位，"
            "项目管理制度健全，支出符合规定，年度指标总体完成，社会效益和服务对象满意度达到预期。")


def _report_story(seed: int, pages: int) -> tuple[list, str]:
    """Flowables for one report of about `pages` pages, and its running title."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

    rng = random.Random(seed)
    unit = rng.choice(UNITS)
    year = rng.choice([2021, 2022, 2023])
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=10.5, leading=17, wordWrap="CJK",
                          firstLineIndent=21)
    head = ParagraphStyle("h", fontName="STSong-Light", fontSize=13, leading=22)
    cell = ParagraphStyle("c", fontName="STSong-Light", fontSize=8.5, leading=11, wordWrap="CJK")
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black)])
    title = f"{year}年度{unit}项目支出绩效自评报告"
    story: list = [Paragraph(title, head)]
    n_sections = max(1, round(pages / 1.6))  # a section (prose + indicator table) fills ~1.6 pages
    for s in range(n_sections):
        project = PROJECTS[(seed + s) % len(PROJECTS)]
        budget = rng.randint(20, 900)
        executed = round(budget * rng.uniform(0.8, 1.0), 2)
        story.append(Paragraph(f"{'一二三四五六七八九十'[s % 10]}、{project}绩效情况", head))
        story.append(Paragraph(f"{year}年{project}年初预算数{budget}万元，全年预算数{budget}万元，"
                               f"全年执行数{executed}万元，执行率{executed / budget * 100:.2f}%。", body))
        for _ in range(6):
            story.append(Paragraph(SENTENCE.format(unit=unit, project=project), body))
        rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
        for k in range(rng.randint(8, 30)):
            target = rng.randint(5, 500)
            rows.append(["产出指标" if k < 6 else "效益指标", "数量指标" if k % 2 else "质量指标",
                         f"指标{k + 1}：完成{project}第{k + 1}项任务", f"≥{target}个", f"{target + rng.randint(0, 9)}个",
                         "5", "5"])
        table = Table([[Paragraph(c, cell) for c in r] for r in rows], repeatRows=1 if s % 2 else 0)
        table.setStyle(grid)
        if s % 4 == 3:  # a wide table on a landscape page
            story += [NextPageTemplate("landscape"), PageBreak(), table, NextPageTemplate("portrait"), PageBreak()]
        else:
            story.append(table)
        for _ in range(10):
            story.append(Paragraph(SENTENCE.format(unit=unit, project=project), body))
    return story, title


def write_report(path: Path, seed: int, pages: int) -> int:
    """Write one report PDF of roughly `pages` pages (stopping at the target); returns its page count."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    story, title = _report_story(seed, pages)

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        w, h = canvas._pagesize
        canvas.setFont("STSong-Light", 8.5)
        canvas.drawString(56, h - 34, title)
        canvas.drawCentredString(w / 2, 26, f"- {doc.page} -")

    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(56, 56, A4[0] - 112, A4[1] - 112)], onPage=decorate, pagesize=A4),
        PageTemplate("landscape", [Frame(56, 56, A4[1] - 112, A4[0] - 112)], onPage=decorate,
                     pagesize=landscape(A4)),
    ])
    doc.build(story)
    return count_pages(path)


def count_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdfplumber_alone(paths: list[Path]) -> float:
    """Seconds for pdfplumber to extract_text and extract_tables on every page of every file."""
    import pdfplumber

    t0 = time.perf_counter()
    for p in paths:
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
    return time.perf_counter() - t0


def jixiao_single(paths: list[Path]) -> tuple[float, int]:
    from ingest.errors import IngestError
    from ingest.extract import extract_file

    ok = 0
    t0 = time.perf_counter()
    for p in paths:
        try:
            extract_file(p)
            ok += 1
        except IngestError as e:
            print(f"  note: {p.name}: {e.reason}: {e.message}", file=sys.stderr)
    return time.perf_counter() - t0, ok


def jixiao_parallel(paths: list[Path], workers: int) -> tuple[float, int]:
    from ingest.parallel import extract_many

    t0 = time.perf_counter()
    ok = sum(1 for _, r in extract_many(paths, workers=workers) if isinstance(r, dict))
    return time.perf_counter() - t0, ok


_PEAK_JIXIAO = """
import resource, sys
from pathlib import Path
import ingest.extract, ingest.readers.pdf_reader, pdfplumber, pypdfium2
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from ingest.extract import extract_file
extract_file(Path(sys.argv[1]))
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_PEAK_PDFPLUMBER = """
import resource, sys
import pdfplumber
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text(); page.extract_tables(); page.close()
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_kib(code: str, path: Path) -> tuple[int, int]:
    """(RSS after imports, peak RSS) of a fresh child process running `code` on `path`, in KiB.

    Linux keeps ru_maxrss across exec, so a child exec'd straight from this (large) process would
    report our own peak; the child is therefore started by a small shell that forks it."""
    out = subprocess.run(["/bin/sh", "-c", '"$0" -c "$1" "$2"; true', sys.executable, code, str(path)],
                         capture_output=True, text=True, check=True, timeout=1800)
    base, peak = out.stdout.split()[-2:]
    return int(base), int(peak)


_OCR_CHILD = """
import os, resource, sys, time
from pathlib import Path
from ingest.extract import extract_file
from ingest.ocr.engines import engine_setting, get_engine
get_engine(engine_setting())  # models loaded before the clock starts
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0, c0 = time.perf_counter(), os.times()
for p in sys.argv[1:]:
    extract_file(Path(p))
c1 = os.times()
cpu = sum(getattr(c1, k) - getattr(c0, k) for k in ("user", "system", "children_user", "children_system"))
print(time.perf_counter() - t0, cpu, base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
SCANNED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "scanned"


@dataclass(frozen=True)
class OcrFigures:
    """One OCR benchmark run: wall and CPU seconds (helper processes included), peak resident KiB of
    the file's process and of its largest helper (0 when none ran)."""

    pages: int
    processes: int
    wall: float
    cpu: float
    base_kib: int
    peak_kib: int
    helper_peak_kib: int


def ocr_benchmark(scans: list[Path], processes: int) -> OcrFigures:
    """Extract `scans` one after another in a fresh process, each scan's pages read by up to
    `processes` processes (JIXIAO_OCR_PROCESSES)."""
    n_pages = sum(count_pages(p) for p in scans)
    env = dict(os.environ, JIXIAO_OCR_PROCESSES=str(processes))
    out = subprocess.run(["/bin/sh", "-c", 'exe="$0"; code="$1"; shift; "$exe" -c "$code" "$@"; true',
                          sys.executable, _OCR_CHILD, *map(str, scans)],
                         capture_output=True, text=True, check=True, timeout=3600, env=env)
    if len(out.stdout.split()) < 5:
        raise RuntimeError(f"the OCR benchmark failed: {out.stderr[-2000:]}")
    wall, cpu, base, peak, helper = out.stdout.split()[-5:]
    return OcrFigures(n_pages, processes, float(wall), float(cpu), int(base), int(peak),
                      int(helper) if processes > 1 else 0)


def print_ocr(scans: list[Path]) -> None:
    from ingest.ocr.pool import process_count
    from ingest.safety import Budgets

    if not scans:
        print("\n(e) OCR: no scanned renderings (tests/fixtures/scanned) to read")
        return
    cores = process_count(10_000, Budgets.from_env().memory_mb)
    print(f"\n(e) OCR of {len(scans)} scanned renderings (default engine and settings); CPU-s count every "
          "process of the file:")
    for processes in sorted({1, cores}):
        f = ocr_benchmark(scans, processes)
        together = f.peak_kib + (processes - 1) * f.helper_peak_kib
        print(f"    {processes} process{'es' if processes > 1 else ''} a file: {f.pages} pages, "
              f"{f.wall / f.pages:5.2f} wall-s a page ({f.pages / f.wall:.2f} pages/s), "
              f"{f.cpu / f.pages:5.2f} CPU-s a page")
        print(f"        peak RSS {f.peak_kib / 1024:.0f} MiB ({f.base_kib / 1024:.0f} MiB with the models loaded)"
              + (f", largest helper {f.helper_peak_kib / 1024:.0f} MiB, at most {together / 1024:.0f} MiB "
                 "together" if processes > 1 else ""))
    with contextlib.suppress(OSError):
        print(f"    machine load average while measuring: {os.getloadavg()[0]:.2f}")


def run_benchmark(pages: int, files: int, workers: int, ocr_only: bool = False) -> int:
    from ingest.parallel import default_workers

    if ocr_only:
        print_ocr(sorted(SCANNED.glob("*.pdf")))
        return 0
    workers = workers if workers > 0 else default_workers()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        paths = [root / f"report_{i:03d}.pdf" for i in range(files)]
        n_pages = sum(write_report(p, seed=i, pages=pages) for i, p in enumerate(paths))
        big = root / "report_big.pdf"
        big_pages = write_report(big, seed=999, pages=BIG_PAGES)
        print(f"corpus: {files} PDFs, {n_pages} pages (+ one of {big_pages} pages), "
              f"written in {time.perf_counter() - t0:.1f}s")

        jixiao_single(paths[:1])  # warm imports so (b) measures extraction, not module loading
        t_plumber = pdfplumber_alone(paths)
        t_single, ok_single = jixiao_single(paths)
        t_many, ok_many = jixiao_parallel(paths, workers)
        base_j, peak_j = peak_rss_kib(_PEAK_JIXIAO, big)
        base_p, peak_p = peak_rss_kib(_PEAK_PDFPLUMBER, big)

    rows = [
        ("(a) pdfplumber alone (text + tables)", t_plumber, n_pages / t_plumber, "1.00", f"{files}/{files}"),
        ("(b) jixiao extract, 1 process", t_single, n_pages / t_single, f"{t_single / t_plumber:.2f}",
         f"{ok_single}/{files}"),
        (f"(c) jixiao extract_many, {workers} workers", t_many, n_pages / t_many, f"{t_many / t_plumber:.2f}",
         f"{ok_many}/{files}"),
    ]
    print(f"\n{'measure':42} {'seconds':>8} {'pages/s':>8} {'time ratio':>10} {'extracted':>9}")
    for name, secs, rate, ratio, ok in rows:
        print(f"{name:42} {secs:8.2f} {rate:8.1f} {ratio:>10} {ok:>9}")
    print(f"\n(b) is {t_plumber / t_single:.1f}x as fast as pdfplumber alone; (c) {t_plumber / t_many:.1f}x")
    print(f"(d) {big_pages}-page PDF, peak RSS of a fresh process (ru_maxrss):")
    print(f"    jixiao extract:  {peak_j / 1024:7.1f} MiB peak ({base_j / 1024:.1f} MiB after imports, "
          f"+{(peak_j - base_j) / 1024:.1f} MiB for the file)")
    print(f"    pdfplumber:      {peak_p / 1024:7.1f} MiB peak ({base_p / 1024:.1f} MiB after imports, "
          f"+{(peak_p - base_p) / 1024:.1f} MiB for the file)")
    print_ocr(sorted(SCANNED.glob("*.pdf")))
    return 0 if ok_single == files and ok_many == files else 1
