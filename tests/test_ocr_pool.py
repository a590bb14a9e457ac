"""A multi-page scan is read in batches across processes (`ingest.ocr.pool`): the same document as
when one process reads it, every page once and in order, within the file's memory budget, and
whole even when a helper process fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.ocr import pool
from ingest.readers import read_document

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
FIGURES = ["118.75", "236.40", "87.05"]


def _scan(tmp_path: Path) -> Path:
    """Three A4 pages, each a heading and a sentence with its own figure, as a 150-dpi image-only PDF."""
    import pypdfium2 as pdfium

    vector = tmp_path / "pages.pdf"
    c = canvas.Canvas(str(vector), pagesize=A4)
    for i, figure in enumerate(FIGURES, start=1):
        c.setFont(FONT, 16)
        c.drawString(120, 760, f"第{i}页 项目支出绩效自评报告")
        c.setFont(FONT, 11)
        c.drawString(60, 700, f"本年度全年执行数{figure}万元。")
        c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(vector))
    images = [pdf[i].render(scale=150 / 72).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return scan


def test_pages_are_cut_into_contiguous_batches() -> None:
    assert pool.batches([1, 2, 3, 4, 5, 6, 7], 2) == [[1, 2, 3, 4], [5, 6, 7]]
    assert pool.batches([3, 5], 4) == [[3], [5]]  # never an empty batch
    assert pool.batches([1, 2, 3], 1) == [[1, 2, 3]]


def test_process_count_keeps_to_the_memory_budget_and_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pool.PROCESSES_ENV, "8")
    assert pool.process_count(20, 1536) == 1536 // pool.PROCESS_MB  # the default budget holds two
    assert pool.process_count(20, 512) == 1  # a tight budget: one process, never none
    assert pool.process_count(3, 100_000) == 3  # no more processes than pages
    monkeypatch.setenv(pool.PROCESSES_ENV, "1")
    assert pool.process_count(20, 100_000) == 1
    monkeypatch.delenv(pool.PROCESSES_ENV)
    pool.share_cores(1)  # one of several files read at once (extract_many): its pages stay in one process
    try:
        assert pool.process_count(20, 100_000) == 1
    finally:
        pool._cores_for_file = None


def test_a_scan_read_across_processes_is_the_scan_read_in_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    scan = _scan(tmp_path)
    monkeypatch.setenv(pool.PROCESSES_ENV, "1")
    alone = read_document(scan)
    monkeypatch.setenv(pool.PROCESSES_ENV, "2")
    shared = read_document(scan)
    assert any("2 processes" in w for w in shared.warnings)
    assert shared.text() == alone.text()
    assert shared.ocr == alone.ocr
    assert sorted({line.page for line in shared.ocr}) == [1, 2, 3]
    text = shared.text()
    assert [text.index(f) for f in FIGURES] == sorted(text.index(f) for f in FIGURES)  # pages in order


def test_a_failed_helper_has_its_pages_read_by_the_file_process(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    monkeypatch.setenv(pool.PROCESSES_ENV, "3")

    def crashing(path: Path, numbers: list[int], dpi: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-c", "import os; os.abort()"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)

    monkeypatch.setattr(pool, "_helper", crashing)
    doc = read_document(_scan(tmp_path))
    assert all(f in doc.text() for f in FIGURES)
    assert sorted({line.page for line in doc.ocr}) == [1, 2, 3]


def test_a_files_helper_processes_count_against_its_memory_budget() -> None:
    """extract_many watches the resident memory of a file's process and its helpers together."""
    import os
    import time
    from types import SimpleNamespace

    from ingest.parallel import _Job, _tree_rss, _vm_bytes

    helper = subprocess.Popen([sys.executable, "-c", "import sys, time; b = bytearray(300 << 20); "
                               "b[::4096] = b'x' * len(b[::4096]); print(flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE)
    try:
        assert helper.stdout is not None and helper.stdout.readline()  # its memory is touched
        job = _Job(Path("scan.pdf"), None, SimpleNamespace(pid=os.getpid()), None)  # type: ignore[arg-type]
        alone = _vm_bytes(os.getpid(), "VmRSS") or 0
        together = _tree_rss(job, time.monotonic() + 10) or 0
        assert helper.pid in job.children
        assert together - alone >= 250 << 20
    finally:
        helper.kill()
        helper.wait()
