"""The extractor on the project's own generated corpus (ingest.samples): other units, regions, years,
layouts and formats than the five shared reports, scored with the shared scorer against the truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.extract import extract_file
from tests.test_gold_floor import SCORER, parse_table, run_scorer

samples = pytest.importorskip("ingest.samples")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    samples.generate_corpus(out, seed=7, n_units=3)
    return out


@pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")
def test_generated_corpus_floor(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    good = {k: v for k, v in manifest["files"].items() if "stem" in v}
    formats = {v["format"] for v in good.values()}
    assert {"txt", "docx"} <= formats
    only_good = corpus / "manifest_good.json"
    only_good.write_text(json.dumps({"files": good}, ensure_ascii=False), encoding="utf-8")
    stdout = run_scorer(corpus / "truth", corpus, only_good)
    assert "ERROR" not in stdout, stdout
    sections, precision, f1 = parse_table(stdout)
    assert f1 >= 0.95, stdout
    assert precision >= 0.97, stdout


def test_bad_files_fail_with_a_reason(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    listed = {**manifest.get("files", {}), **manifest.get("bad_files", {})}
    bad = {k: v["expect_failure"] for k, v in listed.items() if "expect_failure" in v}
    assert bad
    for name, reason in bad.items():
        if reason == "duplicate":  # a duplicate is a warehouse decision, not the extractor's
            continue
        with pytest.raises(IngestError) as e:
            extract_file(corpus / name)
        assert e.value.reason == reason, name
