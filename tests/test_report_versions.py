"""One current version per report: a corrected republication under a new name wins over the old file
and its byte-identical copies, whatever the names, the hash order and the night each arrived, and the
old figures never come back on a later night. Different reports of one unit and year are not versions
of each other."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from e2e_build import failure_text, query, run_job

from pipelines.inbox import InboxFile
from pipelines.work import classify
from warehouse.db import writer
from warehouse.load import forget_missing, load_extraction

if TYPE_CHECKING:
    from conftest import JixiaoEnv

REAL_FORM = Path(__file__).resolve().parent / "fixtures" / "real" / "b10" / "b10_02_hubei_form.txt"
DAY_NS = 86_400 * 10**9


def _extraction(sha: str, executed: str, project: str = "道路维修", title: str | None = None) -> dict[str, Any]:
    return {"sha256": sha, "source_file": "x.pdf", "format": "pdf", "extractor_version": "v", "fiscal_year": 2023,
            "unit": {"name": "某县财政局", "region_code": "430922"},
            "reports": [{"kind": "project_self_evaluation", "title": title, "project": project}],
            "projects": [{"name": project, "budget_full_year": "100", "executed": executed}]}


def _final_accounts(sha: str, title: str | None, total: str) -> dict[str, Any]:
    return {"sha256": sha, "format": "pdf", "extractor_version": "v", "fiscal_year": 2023,
            "unit": {"name": "某县财政局", "region_code": "430922"},
            "reports": [{"kind": "final_accounts", "title": title, "project": None}],
            "department_totals": {"expenditure_total": total}}


def _night(conn: Any, inbox: dict[str, tuple[str, str, int]]) -> dict[str, str]:
    """One night as the pipeline runs it: classify the inbox, load what needs work (each content dated
    by the earliest mtime among its copies), forget the files that left. `inbox`: path → (sha256,
    executed, mtime_ns)."""
    files = [InboxFile(p, p, 1, mtime, sha) for p, (sha, _, mtime) in sorted(inbox.items())]
    earliest: dict[str, int] = {}
    for sha, _, mtime in inbox.values():
        earliest[sha] = min(mtime, earliest.get(sha, mtime))
    docs = conn.execute("SELECT source_path, document_id, extractor_version FROM raw.documents").fetchall()
    fails = conn.execute("SELECT source_path, sha256, reason, budgets FROM raw.ingest_failures").fetchall()
    status = classify(files, docs, fails, "v")
    out = {}
    for f in files:
        if status[f.abs_path] != "unchanged":
            sha, executed, _ = inbox[f.abs_path]
            out[f.abs_path] = load_extraction(conn, _extraction(sha, executed), source_path=f.abs_path, size_bytes=1,
                                              present_paths=set(inbox), modified_ns=earliest[sha])
    forget_missing(conn, list(inbox))
    return out


def _executed(conn: Any) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT executed_wan FROM raw.projects ORDER BY 1").fetchall()]


def _reasons(conn: Any) -> dict[str, str]:
    return dict(conn.execute("SELECT source_path, reason FROM raw.ingest_failures").fetchall())


@pytest.mark.parametrize("correction", ["/in/0_更正.pdf", "/in/report_更正.pdf"])  # sorts before / after
@pytest.mark.parametrize("new_sha", ["0" * 64, "f" * 64])  # hashes below / above the old one
@pytest.mark.parametrize("arrival", ["a night later", "all on one night"])
def test_a_correction_under_a_new_name_wins_over_the_old_file_and_its_copy(
    tmp_path: Path, correction: str, new_sha: str, arrival: str
) -> None:
    old, t0 = "7" * 64, 1_700_000_000 * 10**9
    old_files = {"/in/report.pdf": (old, "60", t0), "/in/report_copy.pdf": (old, "60", t0 + 2 * DAY_NS)}
    with writer(tmp_path / "w.duckdb") as conn:
        if arrival == "a night later":
            _night(conn, old_files)
            assert _executed(conn) == ["60.0000"]
        # published a day after the old file, yet a day before the old bytes were copied again
        inbox = old_files | {correction: (new_sha, "90", t0 + DAY_NS)}
        for _ in range(3):
            _night(conn, inbox)
            assert _executed(conn) == ["90.0000"]
            assert _reasons(conn) == {"/in/report.pdf": "superseded", "/in/report_copy.pdf": "superseded"}
        message = conn.execute("SELECT message FROM raw.ingest_failures WHERE source_path = '/in/report.pdf'"
                               ).fetchone()[0]
        assert Path(correction).name in message  # says which file holds the current version


def test_an_old_version_arriving_after_the_correction_stays_out(tmp_path: Path) -> None:
    t0 = 1_700_000_000 * 10**9
    with writer(tmp_path / "w.duckdb") as conn:
        inbox = {"/in/new.pdf": ("2" * 64, "90", t0 + DAY_NS)}
        _night(conn, inbox)
        inbox["/in/old.pdf"] = ("1" * 64, "60", t0)
        assert _night(conn, inbox) == {"/in/old.pdf": "superseded"}
        assert _night(conn, inbox) == {}
        assert _executed(conn) == ["90.0000"]


def test_a_document_loaded_before_report_keys_existed_is_still_an_older_version(tmp_path: Path) -> None:
    """A warehouse from before this rule: the old file's row has no key and no time (NULL); a correction
    arriving under a new name still wins, the old row being dated by its load."""
    t0 = 1_700_000_000 * 10**9
    with writer(tmp_path / "w.duckdb") as conn:
        present = {"/in/old.pdf", "/in/new.pdf"}
        load_extraction(conn, _extraction("1" * 64, "60"), source_path="/in/old.pdf", size_bytes=1,
                        present_paths=present, modified_ns=t0)
        conn.execute("UPDATE raw.documents SET modified_at = NULL, report_key = NULL, "
                     "loaded_at = TIMESTAMP '2023-11-14 00:00:00'")
        assert load_extraction(conn, _extraction("2" * 64, "90"), source_path="/in/new.pdf", size_bytes=1,
                               present_paths=present, modified_ns=t0 + 30 * DAY_NS) == "inserted"
        assert _executed(conn) == ["90.0000"] and _reasons(conn) == {"/in/old.pdf": "superseded"}


def test_a_correction_mark_in_the_title_keeps_it_the_same_report(tmp_path: Path) -> None:
    t0 = 1_700_000_000 * 10**9
    title = "某县财政局2023年度道路维修项目支出绩效自评报告"
    with writer(tmp_path / "w.duckdb") as conn:
        present = {"/in/a.pdf", "/in/b.pdf"}
        load_extraction(conn, _extraction("1" * 64, "60", title=title), source_path="/in/a.pdf", size_bytes=1,
                        present_paths=present, modified_ns=t0)
        assert load_extraction(conn, _extraction("2" * 64, "90", title=title + "（更正）"), source_path="/in/b.pdf",
                               size_bytes=1, present_paths=present, modified_ns=t0 + DAY_NS) == "inserted"
        assert _executed(conn) == ["90.0000"] and _reasons(conn) == {"/in/a.pdf": "superseded"}


def test_different_reports_of_one_unit_and_year_are_not_versions(tmp_path: Path) -> None:
    """Final accounts with other titles, or none, load beside each other; so do two projects' reports
    and two reports that do not name their project."""
    t0 = 1_700_000_000 * 10**9
    finals = {"/in/f1.pdf": "2023年度部门决算情况说明", "/in/f2.pdf": "2023年度收入支出决算总表",
              "/in/f3.pdf": None, "/in/f4.pdf": None}
    with writer(tmp_path / "w.duckdb") as conn:
        for i, (path, title) in enumerate(finals.items()):
            outcome = load_extraction(conn, _final_accounts(f"{i}a" * 32, title, str(100 + i)), source_path=path,
                                      size_bytes=1,
                                      present_paths=set(finals), modified_ns=t0 + i * DAY_NS)
            assert outcome == "inserted"
        assert conn.execute("SELECT count(*) FROM raw.department_totals").fetchone()[0] == 4
    with writer(tmp_path / "projects.duckdb") as conn:
        for i, (path, project) in enumerate([("/in/a.pdf", "道路维修"), ("/in/b.pdf", "农村饮水"),
                                             ("/in/c.pdf", None), ("/in/d.pdf", None)]):
            extraction = _extraction(str(i) * 64, str(10 + i), project or "道路维修")
            if project is None:
                extraction["reports"][0]["project"] = None
                extraction["projects"] = []
            outcome = load_extraction(conn, extraction, source_path=path, size_bytes=1, present_paths={
                "/in/a.pdf", "/in/b.pdf", "/in/c.pdf", "/in/d.pdf"}, modified_ns=t0 + i * DAY_NS)
            assert outcome == "inserted"
        assert conn.execute("SELECT count(*) FROM raw.documents").fetchone()[0] == 4
        assert _reasons(conn) == {}


@pytest.mark.slow
def test_the_marts_show_the_corrected_figures_every_night(jixiao_env: JixiaoEnv, dbt_manifest: Path) -> None:
    """The whole job on a real published form: the old file and a copy of it made later stay in the
    inbox beside the correction, which arrives on the second night under a new name; the third night
    finds nothing to redo (no old copy comes back), so the marts stay as the second night left them."""
    from pipelines.work import pending_work

    old_text = REAL_FORM.read_text(encoding="utf-8")
    new_text = old_text.replace("125.25万", "140.25万").replace("83.5%", "93.5%")
    assert new_text != old_text
    now = time.time_ns()
    old = jixiao_env.inbox / "市民中心运行维护费自评表.txt"
    old.write_text(old_text, encoding="utf-8")
    os.utime(old, ns=(now - 3 * DAY_NS, now - 3 * DAY_NS))
    copy = jixiao_env.inbox / "备份" / "自评表.txt"  # a copy of the old file, made after the correction
    copy.parent.mkdir()
    copy.write_text(old_text, encoding="utf-8")

    def night() -> list[tuple[Any, ...]]:
        result = run_job()
        assert result.success, failure_text(result)
        return query("select source_name, executed_wan, is_primary from marts.fct_project_spending "
                     "where project_name = '市民中心运行维护费'")

    assert [r[1:] for r in night()] == [(Decimal("125.2500"), True)]  # one of the two identical copies
    corrected = jixiao_env.inbox / "市民中心运行维护费自评表（更正）.txt"
    corrected.write_text(new_text, encoding="utf-8")
    os.utime(corrected, ns=(now - DAY_NS, now - DAY_NS))
    assert night() == [(corrected.name, Decimal("140.2500"), True)]
    assert sorted(query("select source_name, reason from raw.ingest_failures")) == sorted(
        [(old.name, "superseded"), (copy.name, "superseded")])
    third = pending_work()
    assert third.nothing and third.status_counts == {"unchanged": 3}, third.reasons
