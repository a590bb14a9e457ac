"""Bad files end as an IngestError with a reason a person can act on, never another exception."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from ingest.errors import IngestError
from ingest.readers import read_document

RENDERED = Path(__file__).resolve().parent / "fixtures" / "rendered"


def _expect(path: Path, reason: str) -> IngestError:
    with pytest.raises(IngestError) as e:
        read_document(path)
    assert e.value.reason == reason, e.value
    assert e.value.message
    return e.value


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.xlsx", "empty.txt", "empty.xls"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"")
    _expect(p, "empty")


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not an office package")
    return buf.getvalue()


@pytest.mark.parametrize("name,data", [
    ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 12),
    ("noheader.pdf", bytes(range(256)) * 8),
    ("garbage.docx", b"PK\x03\x04" + bytes(range(256)) * 4),
    ("plainzip.docx", _zip_without_document()),
    ("garbage.xlsx", os.urandom(2048)),
    ("plainzip.xlsx", _zip_without_document()),
    ("garbage.xls", b"\x09\x08" + os.urandom(2048)),
])
def test_corrupt_bytes(tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    _expect(p, "corrupt")


def test_truncated_rendered_files(tmp_path: Path) -> None:
    for src in ("002_b2a4333b6e0b3ebb.rl.pdf", "002_b2a4333b6e0b3ebb.docx", "002_b2a4333b6e0b3ebb.xlsx"):
        data = (RENDERED / src).read_bytes()
        p = tmp_path / ("cut_" + src)
        p.write_bytes(data[: len(data) // 2])
        _expect(p, "corrupt")


def test_encrypted_pdf(tmp_path: Path) -> None:
    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt="s3cret")
    c.drawString(72, 720, "2022 performance report")
    c.save()
    assert "password" in _expect(p, "encrypted").message


def test_image_only_pdf_needs_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    for page in range(3):
        c.rect(60, 60 + page * 10, 400, 600, fill=1)
        c.circle(300, 400, 50)
        c.showPage()
    c.save()
    assert "OCR" in _expect(p, "scanned_needs_ocr").message


@pytest.mark.parametrize("name", ["slides.pptx", "archive.zip", "noext"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"whatever")
    _expect(p, "unsupported_format")


def test_doc_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    src = RENDERED / "000_ad45bb791c4f5fc4.doc"
    p = tmp_path / "report.doc"
    p.write_bytes(src.read_bytes())
    err = _expect(p, "converter_missing")
    assert "LibreOffice" in err.message and "apt-get install" in err.message
    w = tmp_path / "report.wps"
    w.write_bytes(src.read_bytes())
    _expect(w, "converter_missing")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_doc_with_libreoffice() -> None:
    doc = read_document(RENDERED / "001_beb5de3bc69780c1.doc")
    assert doc.format == "doc"
    assert any(b.kind == "table" for b in doc.blocks)
    assert "中共桃源县委组织部" in doc.text()


def test_extract_many_never_raises_for_a_file(tmp_path: Path) -> None:
    from ingest.parallel import extract_many

    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04junk")
    (tmp_path / "odd.pptx").write_bytes(b"x")
    good = RENDERED / "003_430475d196af1e11.docx"
    paths = sorted(tmp_path.iterdir()) + [good]
    results = dict(extract_many(paths, workers=2))
    assert set(results) == set(paths)
    reasons = {p.name: (r.reason if isinstance(r, IngestError) else "ok") for p, r in results.items()}
    assert reasons == {"empty.pdf": "empty", "bad.docx": "corrupt", "odd.pptx": "unsupported_format",
                       good.name: "ok"}
    assert results[good]["fiscal_year"] is not None


@pytest.mark.parametrize("src,misnamed,fmt", [
    ("002_b2a4333b6e0b3ebb.xlsx", "table.xls", "xlsx"),
    ("002_b2a4333b6e0b3ebb.rl.pdf", "report.doc", "pdf"),
    ("002_b2a4333b6e0b3ebb.docx", "report.pdf", "docx"),
])
def test_misnamed_files_are_read_as_what_they_are(tmp_path: Path, src: str, misnamed: str, fmt: str) -> None:
    p = tmp_path / misnamed
    p.write_bytes((RENDERED / src).read_bytes())
    doc = read_document(p)
    assert doc.format == fmt
    assert any(b.kind == "table" for b in doc.blocks)
