"""Bad files that arrive after good ones: the ingest assets record each as a failure row with its
reason, the run still succeeds, and nothing loaded before is lost (scanned, encrypted, legacy Word,
corrupt, empty, unsupported)."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest
from e2e_build import failure_text, query, run_job
from reportlab.pdfgen import canvas

from ingest.samples import generate_corpus

INGEST_KEYS = [dg.AssetKey("inbox_files"), dg.AssetKey("report_extractions")] + [
    dg.AssetKey(["raw", t]) for t in ("documents", "reports", "projects", "spending_items", "indicators",
                                      "department_totals", "extraction_warnings", "ingest_failures")
]


def _encrypted_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), encrypt="s3cret")
    c.drawString(72, 720, "2023 budget performance report")
    c.save()


def _image_only_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.rect(60, 60, 400, 600, fill=1)
        c.showPage()
    c.save()


def test_bad_files_become_failure_rows_and_keep_what_was_loaded(
    jixiao_env, dbt_manifest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIXIAO_OCR", raising=False)
    corpus = tmp_path / "corpus"
    manifest = generate_corpus(corpus, n_units=1)
    good = sorted(manifest["files"])[:2]
    assert good, manifest
    for name in good:
        shutil.copy(corpus / name, jixiao_env.inbox / name)

    first = run_job(INGEST_KEYS)
    assert first.success, failure_text(first)
    loaded = query("select document_id, source_name from raw.documents order by 1")
    projects = query("select count(*) from raw.projects")[0][0]
    assert {n for _, n in loaded} == set(good)

    inbox = jixiao_env.inbox
    _encrypted_pdf(inbox / "locked.pdf")
    _image_only_pdf(inbox / "scan.pdf")
    (inbox / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 2000)
    (inbox / "half.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (inbox / "nothing.docx").write_bytes(b"")
    (inbox / "slides.pptx").write_bytes(b"PK\x03\x04 not really")

    second = run_job(INGEST_KEYS)
    assert second.success, failure_text(second)

    reasons = dict(query("select source_name, reason from raw.ingest_failures"))
    assert reasons["locked.pdf"] == "encrypted"
    assert reasons["scan.pdf"] == "scanned_needs_ocr"
    assert reasons["half.pdf"] == "corrupt"
    assert reasons["nothing.docx"] == "empty"
    assert reasons["slides.pptx"] == "unsupported_format"
    # a legacy Word file needs LibreOffice; with it, these bytes are no Word document at all
    expected_doc = {"converter_missing"} if shutil.which("soffice") is None and shutil.which(
        "libreoffice") is None else {"corrupt", "not_a_report", "empty"}
    assert reasons["legacy.doc"] in expected_doc
    messages = query("select message from raw.ingest_failures")
    assert all(m and len(m) > 10 for (m,) in messages)

    # what was loaded before the bad files arrived is still there, untouched
    assert query("select document_id, source_name from raw.documents order by 1") == loaded
    assert query("select count(*) from raw.projects")[0][0] == projects

    # and running again on the same inbox records nothing new
    before = query("select count(*) from raw.ingest_failures")[0][0]
    third = run_job(INGEST_KEYS)
    assert third.success, failure_text(third)
    assert query("select count(*) from raw.ingest_failures")[0][0] == before
