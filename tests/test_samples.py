"""The built-in sample corpus: deterministic, gold-shaped truth, real tables, readable PDFs, bad files as declared."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pytest

from ingest.samples import generate_corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = 20240601
KINDS = {"project_self_evaluation", "department_self_evaluation", "final_accounts"}
MONEY = ("budget_initial", "budget_full_year", "executed", "execution_rate", "carryover")
TOTALS = ("income_total", "expenditure_total", "basic_expenditure", "project_expenditure",
          "budget_initial_total", "carryover_total", "three_public_expenses")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus_a")
    return out, generate_corpus(out, seed=SEED)


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _credit_code_ok(code: str) -> bool:
    """GB 32100 统一社会信用代码 check character (weights 3^i mod 31)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if not re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", code):
        return False
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    return alphabet[(31 - total % 31) % 31] == code[17]


def _decimal(v: str) -> Decimal:
    try:
        return Decimal(v)
    except InvalidOperation as e:  # pragma: no cover - the assertion message is what matters
        raise AssertionError(f"not a decimal: {v!r}") from e


def test_same_seed_gives_identical_bytes(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    out, manifest = corpus
    again = generate_corpus(tmp_path / "b", seed=SEED)
    assert again == manifest
    first, second = _all_bytes(out), _all_bytes(tmp_path / "b")
    assert first.keys() == second.keys()
    differing = [k for k in first if first[k] != second[k]]
    assert differing == []
    formats = {info["format"] for info in manifest["files"].values()}
    assert formats == {"txt", "docx", "pdf"}


def test_different_seed_gives_a_different_corpus(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    out, manifest = corpus
    other = generate_corpus(tmp_path / "c", seed=SEED + 1)
    units_a = {(i["unit"], i["fiscal_year"]) for i in manifest["files"].values()}
    units_b = {(i["unit"], i["fiscal_year"]) for i in other["files"].values()}
    assert units_a != units_b
    truth_a = sorted(p.read_text(encoding="utf-8") for p in (out / "truth").glob("*.json"))
    truth_b = sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "c" / "truth").glob("*.json"))
    assert truth_a != truth_b


def test_size_and_variety(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    files = manifest["files"]
    assert 15 <= len(files) <= 40
    assert len({i["unit"] for i in files.values()}) >= 5
    assert len({i["region_code"][:2] for i in files.values()}) >= 2  # several provinces
    assert len({i["fiscal_year"] for i in files.values()}) >= 2
    gb = [n for n, i in files.items() if i.get("encoding") == "gb18030"]
    assert gb
    with pytest.raises(UnicodeDecodeError):
        (out / gb[0]).read_bytes().decode("utf-8")
    assert "绩效" in (out / gb[0]).read_bytes().decode("gb18030") or "决算" in (out / gb[0]).read_bytes().decode("gb18030")


def test_truth_has_the_gold_shape(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    for name, info in manifest["files"].items():
        truth = json.loads((out / "truth" / f"{info['stem']}.json").read_text(encoding="utf-8"))
        assert truth["source_file"] == name
        assert set(truth) >= {"source_file", "unit", "fiscal_year", "reports", "projects", "spending_items",
                              "indicators", "department_totals", "remarks"}
        unit = truth["unit"]
        assert set(unit) == {"name", "aliases", "region_code", "province", "prefecture", "county", "unit_code",
                             "credit_code"}
        assert unit["name"] == info["unit"] and re.fullmatch(r"\d{6}", unit["region_code"])
        assert unit["region_code"] == info["region_code"] and truth["fiscal_year"] == info["fiscal_year"]
        if unit["credit_code"] is not None:
            assert _credit_code_ok(unit["credit_code"]), unit["credit_code"]
            assert unit["credit_code"][2:8] == unit["region_code"]
        assert truth["reports"] and {r["kind"] for r in truth["reports"]} <= KINDS
        assert sorted({r["kind"] for r in truth["reports"]}) == info["kinds"]
        for r in truth["reports"]:
            assert set(r) == {"kind", "title", "project", "score", "grade"}
            if r["score"] is not None:
                _decimal(r["score"])
        for p in truth["projects"]:
            assert set(p) == {"name", *MONEY} and p["name"]
            for k in MONEY:
                if p[k] is not None:
                    _decimal(p[k])
        for s in truth["spending_items"]:
            assert set(s) == {"project", "item", "amount"}
            _decimal(s["amount"])
        for ind in truth["indicators"]:
            assert set(ind) == {"project", "level1", "level2", "name", "target", "actual", "weight", "score",
                                "note"}
            for k in ("weight", "score"):
                if ind[k] is not None:
                    _decimal(ind[k])
            if ind["score"] is not None and _decimal(ind["score"]) < _decimal(ind["weight"]):
                assert ind["note"], "a score below its weight carries a deviation note"
            assert not re.search(r"\s", ind["name"] + (ind["target"] or "") + (ind["actual"] or ""))
        totals = truth["department_totals"]
        if totals is not None:
            assert set(totals) == set(TOTALS)
            for v in totals.values():
                if v is not None:
                    _decimal(v)


def _truths(out: Path, manifest: dict) -> list[dict]:
    return [json.loads((out / "truth" / f"{i['stem']}.json").read_text(encoding="utf-8"))
            for i in manifest["files"].values()]


def test_the_hard_cases_are_there(corpus: tuple[Path, dict]) -> None:
    """Not trivially easy: a bundle, titles without a year, a project named only in its table,
    元 amounts, shortfalls with notes, every comparator, city- and county-level units."""
    out, manifest = corpus
    truths = _truths(out, manifest)
    assert any(len(t["reports"]) >= 3 and len({r["kind"] for r in t["reports"]}) == 3 for t in truths)
    titles = [r["title"] for t in truths for r in t["reports"] if r["title"]]
    assert any(not re.search(r"(19|20)\d\d年", title) for title in titles)
    assert any(r["project"] and r["title"] and r["project"][:4] not in r["title"]
               for t in truths for r in t["reports"] if r["kind"] == "project_self_evaluation")
    assert any("元" in remark and "换算" in remark for t in truths for remark in t["remarks"])
    indicators = [i for t in truths for i in t["indicators"]]
    assert any(i["score"] is not None and Decimal(i["score"]) < Decimal(i["weight"]) and i["note"] for i in indicators)
    targets = " ".join(i["target"] or "" for i in indicators)
    for comparator in ("≥", "≤", "以上", "左右", "以内"):
        assert comparator in targets, comparator
    assert re.search(r"\d[-～—]\d", targets), "a range target"
    assert {t["unit"]["county"] is None for t in truths} == {True, False}
    assert any(t["unit"]["credit_code"] for t in truths) and any(t["unit"]["unit_code"] for t in truths)
    assert any(t["remarks"] and "相差" in " ".join(t["remarks"]) for t in truths), "a misprinted row, remarked"


def test_indicator_scores_add_up(corpus: tuple[Path, dict]) -> None:
    """A 自评表 total is the fund score plus the indicator scores; weights add to 90 (fund = 10)."""
    out, manifest = corpus
    checked = 0
    for info in manifest["files"].values():
        truth = json.loads((out / "truth" / f"{info['stem']}.json").read_text(encoding="utf-8"))
        for rep in truth["reports"]:
            rows = [i for i in truth["indicators"] if i["project"] == rep["project"] and i["weight"] is not None]
            if rep["kind"] != "project_self_evaluation" or not rows:
                continue
            assert sum(Decimal(i["weight"]) for i in rows) == 90
            proj = next(p for p in truth["projects"] if p["name"] == rep["project"])
            fund = min(Decimal(10), (Decimal(proj["execution_rate"]) / 10).quantize(Decimal("0.01"), ROUND_HALF_UP))
            assert Decimal(rep["score"]) == fund + sum(Decimal(i["score"]) for i in rows)
            checked += 1
    assert checked >= 2


def test_docx_files_hold_real_merged_tables(corpus: tuple[Path, dict]) -> None:
    import docx

    out, manifest = corpus
    docx_files = [n for n, i in manifest["files"].items() if i["format"] == "docx"]
    assert docx_files
    with_indicator_tables = 0
    for name in docx_files:
        d = docx.Document(str(out / name))
        xml = zipfile.ZipFile(out / name).read("word/document.xml").decode("utf-8")
        if d.tables:
            assert "w:gridSpan" in xml, name
        if any("三级指标" in c.text for t in d.tables for row in t.rows for c in row.cells):
            with_indicator_tables += 1
            assert "w:vMerge" in xml, f"{name}: 一级/二级指标 cells are merged vertically"
        assert d.core_properties.created is not None and d.core_properties.created.year == 2024
    assert with_indicator_tables >= 1


def _numbers(text: str) -> set[Decimal]:
    """Every number in the text, read both with line breaks as separators and with them removed
    (a wrapped cell may split a number); amounts in 元 are also given in 万元."""
    out: set[Decimal] = set()
    for variant in (text, re.sub(r"[ \t]*\n[ \t]*", "", text)):
        for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(元)?", variant):
            value = Decimal(m.group(1).replace(",", ""))
            out.add(value)
            if m.group(2):
                out.add(value / 10000)
    return out


def test_pdf_text_is_readable_and_matches_the_truth(corpus: tuple[Path, dict]) -> None:
    import pdfplumber
    import pypdfium2

    out, manifest = corpus
    pdfs = [(n, i) for n, i in manifest["files"].items() if i["format"] == "pdf"]
    assert pdfs
    pages_seen = 0
    for name, info in pdfs:
        truth = json.loads((out / "truth" / f"{info['stem']}.json").read_text(encoding="utf-8"))
        with pdfplumber.open(out / name) as pdf:
            plumber_text = "\n".join(p.extract_text() or "" for p in pdf.pages)
            pages_seen = max(pages_seen, len(pdf.pages))
        doc = pypdfium2.PdfDocument(str(out / name))
        pdfium_text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        doc.close()
        for text in (plumber_text, pdfium_text):
            flat = re.sub(r"\s+", "", text)
            assert truth["unit"]["name"] in flat
            numbers = _numbers(text)
            for p in truth["projects"]:
                for k in ("executed", "budget_full_year"):
                    if p[k] is not None:
                        assert Decimal(p[k]) in numbers, (name, p["name"], k, p[k])
    assert pages_seen >= 2, "at least one sample PDF runs over several pages"


def _plain_text(path: Path, info: dict) -> str:
    """The words of a txt or docx sample (paragraphs and every table cell, one per line)."""
    if info["format"] == "txt":
        text = path.read_bytes().decode(info.get("encoding") or "utf-8")
    else:
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
        text = "\n".join(parts)
    return text


def test_truth_is_grounded_in_the_text(corpus: tuple[Path, dict]) -> None:
    """Every string the truth states is printed in the file, every amount appears as a number
    (元 amounts converted): the truth says what the report says, nothing more."""
    out, manifest = corpus
    checked = 0
    for name, info in manifest["files"].items():
        if info["format"] == "pdf":
            continue
        truth = json.loads((out / "truth" / f"{info['stem']}.json").read_text(encoding="utf-8"))
        text = _plain_text(out / name, info)
        flat = re.sub(r"\s+", "", text)
        numbers = _numbers(text)
        if "无结转结余" in flat:
            numbers.add(Decimal(0))
        unit = truth["unit"]
        for s in [unit["name"], *unit["aliases"], unit["unit_code"], unit["credit_code"], f"{truth['fiscal_year']}年"]:
            assert s is None or s in flat, (name, s)
        for r in truth["reports"]:
            assert r["title"] is None or r["title"] in flat, (name, r["title"])
            assert r["project"] is None or r["project"] in flat, (name, r["project"])
            assert r["grade"] is None or r["grade"] in flat
            assert r["score"] is None or Decimal(r["score"]) in numbers, (name, r["score"])
        for p in truth["projects"]:
            assert p["name"] in flat, (name, p["name"])
            for k in MONEY:
                assert p[k] is None or Decimal(p[k]) in numbers, (name, p["name"], k, p[k])
        for s in truth["spending_items"]:
            assert s["item"] in flat and Decimal(s["amount"]) in numbers, (name, s)
        for i in truth["indicators"]:
            for k in ("level1", "level2", "name", "target", "actual", "note"):
                assert i[k] is None or i[k] in flat, (name, k, i[k])
        for k, v in (truth["department_totals"] or {}).items():
            assert v is None or Decimal(v) in numbers, (name, k, v)
        checked += 1
    assert checked >= 8


def test_bad_files_are_as_declared(corpus: tuple[Path, dict]) -> None:
    import pypdfium2

    out, manifest = corpus
    bad = manifest["bad_files"]
    assert not set(bad) & set(manifest["files"])
    reasons = {info["expect_failure"] for info in bad.values()}
    assert reasons == {"empty", "corrupt", "not_a_report", "duplicate", "scanned_needs_ocr"}
    for name, info in bad.items():
        assert name.startswith("bad_")
        path = out / name
        reason = info["expect_failure"]
        if reason == "empty":
            assert path.stat().st_size == 0
        elif reason == "corrupt":
            assert path.read_bytes().startswith(b"%PDF")
            with pytest.raises(pypdfium2.PdfiumError):
                pypdfium2.PdfDocument(str(path))
        elif reason == "not_a_report":
            text = path.read_text(encoding="utf-8")
            assert "通知" in text and "绩效" not in text and "万元" not in text
        elif reason == "duplicate":
            assert path.read_bytes() == (out / info["duplicate_of"]).read_bytes()
            assert info["duplicate_of"] in manifest["files"]
            assert info["duplicate_of"] < name, "the original sorts first, so it is loaded first"
        elif reason == "scanned_needs_ocr":
            doc = pypdfium2.PdfDocument(str(path))
            assert len(doc) >= 1
            assert all(doc[i].get_textpage().count_chars() == 0 for i in range(len(doc)))
            doc.close()


def test_manifest_lists_every_file_once(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    on_disk = {p.name for p in out.iterdir() if p.is_file() and p.name != "manifest.json"}
    assert on_disk == set(manifest["files"]) | set(manifest["bad_files"])
    assert {p.stem for p in (out / "truth").glob("*.json")} == {i["stem"] for i in manifest["files"].values()}
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest


def test_every_place_and_department_pair_can_be_drawn_once() -> None:
    import random

    from ingest.samples.catalog import DEPARTMENTS
    from ingest.samples.corpus import _pick_units
    from ingest.samples.places import PLACES

    limit = len(PLACES) * len(DEPARTMENTS)
    units = _pick_units(random.Random(3), limit)
    assert len({(u.place.code, u.dept.key) for u in units}) == limit
    assert units[1].place.county is None  # the second unit is city-level
    with pytest.raises(ValueError):
        _pick_units(random.Random(3), limit + 1)


def test_regenerating_into_the_same_folder_leaves_only_the_new_corpus(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path, seed=7, n_units=2)
    (tmp_path / "notes.md").write_text("kept", encoding="utf-8")  # not ours: must survive
    second = generate_corpus(tmp_path, seed=8, n_units=2)
    assert set(first["files"]) != set(second["files"])
    on_disk = {p.name for p in tmp_path.iterdir() if p.is_file()}
    assert on_disk == set(second["files"]) | set(second["bad_files"]) | {"manifest.json", "notes.md"}


@pytest.mark.skipif(not (SHARED / "tools" / "score_extraction.py").exists(), reason="shared scorer not present")
def test_the_scorer_accepts_the_truth(corpus: tuple[Path, dict]) -> None:
    """Scoring the truth against itself must give F1 = 1: the truth has exactly the gold shape."""
    out, _ = corpus
    run = subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(out / "truth"),
                          str(out / "truth")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "overall_f1=1.000" in run.stdout
