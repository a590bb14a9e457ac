"""`generate_corpus`: the built-in sample corpus — report files of several kinds and formats, their
truth in the gold-label shape, deliberately bad files, and a manifest the scorer reads.

Everything is drawn from one `random.Random(seed)`, and every writer is deterministic (fixed
metadata in DOCX and PDF), so the same seed gives byte-identical files.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.samples import bad_files
from ingest.samples.bundle import build_bundle
from ingest.samples.catalog import COMMON_PROJECTS, DEPARTMENTS
from ingest.samples.department_report import build_department_report
from ingest.samples.facts import ProjectFacts, UnitFacts, make_finance, make_project, make_unit
from ingest.samples.final_accounts import build_final_accounts
from ingest.samples.layout import Block, Heading, PageBreak, render_text
from ingest.samples.places import PLACES
from ingest.samples.project_report import build_project_report
from ingest.samples.render_docx import render_docx
from ingest.samples.render_pdf import render_pdf
from ingest.samples.truth import Part, assemble

FORMATS = ("txt", "docx", "pdf")
GENERATOR_VERSION = "1"


@dataclass
class PlannedFile:
    """One good file to write: its unit, its parts (a bundle has several), format and text encoding."""

    unit: UnitFacts
    parts: list[Part]
    fmt: str
    encoding: str = "utf-8"
    table_style: str = "cells"  # txt only: "spaced" flattens each table row onto one line


def _pick_units(rng: random.Random, n_units: int) -> list[UnitFacts]:
    """n distinct (place, department) pairs, departments spread evenly, years 2020–2024."""
    limit = len(PLACES) * len(DEPARTMENTS)
    if n_units > limit:
        raise ValueError(f"at most {limit} sample units (places × departments); asked for {n_units}")
    places = list(PLACES)
    rng.shuffle(places)
    # the second unit is always a city-level one (no county), so every corpus has both levels
    city = next(i for i, p in enumerate(places) if p.county is None)
    places.insert(1, places.pop(city))
    depts = list(DEPARTMENTS)
    rng.shuffle(depts)
    # round r pairs place k with department (k + r): every pair exactly once, departments rotating
    pairs = ((places[k], depts[(k + r) % len(depts)]) for r in range(len(depts)) for k in range(len(places)))
    units: list[UnitFacts] = []
    for place, dept in pairs:
        if len(units) == n_units:
            break
        units.append(make_unit(rng, place, dept, rng.randint(2020, 2024)))
    return units


def _unit_projects(rng: random.Random, unit: UnitFacts, *, no_carry: bool, underspent: bool = False
                   ) -> list[ProjectFacts]:
    """The unit's projects for the year: two to four of its line projects plus one or two common ones."""
    own = rng.sample(list(unit.dept.projects), min(len(unit.dept.projects), rng.randint(2, 4)))
    common = rng.sample(list(COMMON_PROJECTS), rng.randint(1, 2))
    kw: dict[str, Any] = {"carry_in": False} if no_carry else {}
    return [make_project(rng, s, unit.fiscal_year, underspent=underspent, **kw) for s in own + common]


PROJECT_LAYOUTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("table", {"title_style": "year"}),
    ("sichuan", {"with_table": True}),
    ("table", {"title_style": "generic"}),
    ("prose", {"in_yuan": True}),
    ("table", {"title_style": "no_year"}),
    ("sichuan", {"with_table": False}),
    ("prose", {"in_yuan": False}),
    ("table_only", {}),
)
DEPARTMENT_TITLES = ("unit_first", "year_first", "no_unit")


def _plan(rng: random.Random, units: list[UnitFacts]) -> list[PlannedFile]:
    """Which reports each unit publishes, in which format; every kind appears in every format.

    All files of one unit share the same facts (a project report and the department table agree).
    The second unit (city-level, with a department report) is overconfident: every project under 80%
    executed, a department self-score of 95 or more — the case question 4 of docs/questions.md finds."""
    files: list[PlannedFile] = []
    counters = {"project": 0, "department": 0, "final": 0, "bundle": 0}

    def fmt(kind: str, offset: int) -> str:
        counters[kind] += 1
        return FORMATS[(counters[kind] + offset) % 3]

    for i, unit in enumerate(units):
        bundled = i == 0 or (i % 7 == 0)
        overconfident = i == 1
        projects = _unit_projects(rng, unit, no_carry=bundled, underspent=overconfident)
        fin = make_finance(rng, unit, projects)
        if bundled:
            files.append(PlannedFile(unit, build_bundle(rng, unit, fin), "pdf" if counters["bundle"] % 2 == 0 else "docx"))
            counters["bundle"] += 1
            reported = projects[2:4]
        else:
            reported = projects[:2]
        for p in reported:
            layout, opts = PROJECT_LAYOUTS[counters["project"] % len(PROJECT_LAYOUTS)]
            part = build_project_report(rng, unit, p, layout, **opts)
            files.append(PlannedFile(unit, [part], fmt("project", 0)))
        if i % 2 == 1:
            style = DEPARTMENT_TITLES[counters["department"] % len(DEPARTMENT_TITLES)]
            n = counters["department"]
            part = build_department_report(rng, unit, fin, title_style=style, typo=n % 3 == 0, with_credit=n % 2 == 0,
                                           confident=overconfident)
            files.append(PlannedFile(unit, [part], fmt("department", 1)))
        if i % 2 == 0 and not bundled or i % 4 == 1:
            n = counters["final"]
            part = build_final_accounts(rng, unit, fin, with_table=n % 2 == 0, three_public_in_yuan=n % 3 == 1)
            files.append(PlannedFile(unit, [part], fmt("final", 2)))
    txts = [f for f in files if f.fmt == "txt"]
    if txts:
        txts[len(txts) // 2].encoding = "gb18030"
    # one text file flattened like a PDF export: only where every table is a 自评表 (no blank money
    # cells whose column would become ambiguous once collapsed)
    for f in txts:
        if all(p.indicators and p.indicators[0]["weight"] is not None for p in f.parts):
            f.table_style = "spaced"
            break
    # Word-to-text exports leave bookmark residue before some headings; two text files carry it
    for f in txts[1::3][:2]:
        _add_export_residue(rng, f.parts[0])
    return files


def _add_export_residue(rng: random.Random, part: Part) -> None:
    """Prefix one numbered section heading (never a title) with a "[bookmark: _GoBack]" marker."""
    sections = [i for i, b in enumerate(part.blocks) if isinstance(b, Heading) and b.level == 1]
    if sections:
        i = rng.choice(sections[1:] or sections)
        heading = part.blocks[i]
        assert isinstance(heading, Heading)
        part.blocks[i] = Heading("[bookmark: _GoBack]" + heading.text, heading.level)


def _render(pf: PlannedFile, path: Path) -> None:
    blocks: list[Block] = []
    for n, part in enumerate(pf.parts):
        if n and pf.fmt != "txt":
            blocks.append(PageBreak())
        elif n:
            blocks.extend([PageBreak(), PageBreak()])
        blocks.extend(part.blocks)
    title = pf.parts[0].report.get("title") or pf.unit.name
    if pf.fmt == "txt":
        path.write_bytes(render_text(blocks, pf.table_style).encode(pf.encoding))
    elif pf.fmt == "docx":
        render_docx(blocks, path, title)
    else:
        render_pdf(blocks, path, title)


def _remove_previous(out_dir: Path) -> None:
    """Delete the files an earlier run listed in out_dir/manifest.json (and nothing else), so that a
    folder regenerated with another seed holds exactly the new corpus."""
    old = out_dir / "manifest.json"
    if not old.is_file():
        return
    try:
        listed = json.loads(old.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for section in ("files", "bad_files"):
        for name in listed.get(section) or {}:
            target = out_dir / Path(name).name
            if target.is_file():
                target.unlink()


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def generate_corpus(out_dir: Path, seed: int = 20240601, n_units: int = 6) -> dict[str, Any]:
    """Write the sample corpus into `out_dir` and return its manifest (also written as manifest.json).

    Good files are listed under "files" (stem, format, kinds, unit, region_code, fiscal_year), their
    truth is `out_dir/truth/<stem>.json`; bad files (names starting with "bad_") are listed under
    "bad_files" with the reason a pipeline must record for them."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_previous(out_dir)
    truth_dir = out_dir / "truth"
    if truth_dir.exists():
        shutil.rmtree(truth_dir)
    truth_dir.mkdir()
    rng = random.Random(seed)
    units = _pick_units(rng, max(1, n_units))
    planned = _plan(rng, units)

    files: dict[str, dict[str, Any]] = {}
    written: dict[str, Path] = {}
    for n, pf in enumerate(planned, 1):
        stem = f"{n:02d}_{rng.getrandbits(48):012x}"
        name = f"{stem}.{pf.fmt}"
        path = out_dir / name
        _render(pf, path)
        written[pf.fmt] = path
        _write_json(truth_dir / f"{stem}.json", assemble(name, pf.unit, pf.parts))
        files[name] = {
            "stem": stem,
            "format": pf.fmt,
            "encoding": pf.encoding if pf.fmt == "txt" else None,
            "table_style": pf.table_style if pf.fmt == "txt" else None,
            "kinds": sorted({p.kind for p in pf.parts}),
            "unit": pf.unit.name,
            "region_code": pf.unit.place.code,
            "fiscal_year": pf.unit.fiscal_year,
        }

    bad: dict[str, dict[str, Any]] = {}
    makers: list[tuple[str, Callable[[Path], str], str | None]] = [
        ("bad_empty.txt", bad_files.write_empty, None),
        ("bad_truncated.pdf", lambda p: bad_files.write_truncated_pdf(written["pdf"], p), None),
        ("bad_meeting_notice.txt",
         lambda p: bad_files.write_meeting_notice(rng, p, units[0].place.short, units[0].fiscal_year + 1), None),
        (f"bad_duplicate{written['pdf'].suffix}", lambda p: bad_files.write_duplicate(written["pdf"], p),
         written["pdf"].name),
        ("bad_scanned.pdf", lambda p: bad_files.write_scanned_pdf(rng, p), None),
    ]
    for name, make, original in makers:
        reason = make(out_dir / name)
        bad[name] = {"expect_failure": reason}
        if original:
            bad[name]["duplicate_of"] = original

    manifest: dict[str, Any] = {"seed": seed, "generator_version": GENERATOR_VERSION, "n_units": n_units,
                                "files": files, "bad_files": bad}
    _write_json(out_dir / "manifest.json", manifest)
    return manifest
