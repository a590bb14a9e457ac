"""Fast tests of the pipeline's own decisions: which inbox files need work, when an execution rate
is consistent, when the dbt manifest is stale, how `jixiao run` syncs the samples and reports a lock."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipelines.defs.checks import rate_is_consistent
from pipelines.defs.ingest import classify
from pipelines.inbox import InboxFile

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv


def _file(path: str, sha: str) -> InboxFile:
    return InboxFile(rel_path=path.lstrip("/"), abs_path=path, size_bytes=1, mtime_ns=0, sha256=sha)


def test_classify_new_changed_unchanged_stale_and_retry() -> None:
    files = [_file("/in/a.pdf", "A"), _file("/in/b.pdf", "B2"), _file("/in/c.pdf", "C"),
             _file("/in/d.pdf", "D"), _file("/in/e.pdf", "E"), _file("/in/f.pdf", "F"),
             _file("/in/g.pdf", "G")]
    documents = [("/in/b.pdf", "B1", "v1"), ("/in/c.pdf", "C", "v1"), ("/in/d.pdf", "D", "v0"),
                 ("/in/gone.pdf", "F", "v1"), ("/in/h.pdf", "G", "v1")]
    failures = [("/in/e.pdf", "E", "corrupt"), ("/in/f.pdf", "F", "duplicate"), ("/in/g.pdf", "G", "duplicate")]
    status = classify(files, documents, failures, extractor_version="v1")
    assert status == {
        "/in/a.pdf": "new",
        "/in/b.pdf": "changed",  # same path, other bytes
        "/in/c.pdf": "unchanged",
        "/in/d.pdf": "stale",  # loaded by an older extractor
        "/in/e.pdf": "unchanged",  # failed before with these bytes: not retried every run
        "/in/f.pdf": "retry",  # a duplicate of a copy that left the inbox
        "/in/g.pdf": "retry",  # its original h.pdf is loaded but no longer in the inbox
    }


def test_classify_retries_failures_that_were_not_the_files_fault() -> None:
    files = [_file("/in/a.doc", "A"), _file("/in/b.pdf", "B")]
    failures = [("/in/a.doc", "A", "converter_missing"), ("/in/b.pdf", "B", "error")]
    assert classify(files, [], failures, extractor_version="v1") == {"/in/a.doc": "retry", "/in/b.pdf": "retry"}


def test_classify_without_extractor_version_never_calls_stale() -> None:
    status = classify([_file("/in/d.pdf", "D")], [("/in/d.pdf", "D", "v0")], [], extractor_version=None)
    assert status == {"/in/d.pdf": "unchanged"}


@pytest.mark.parametrize(
    ("rate", "executed", "budgets", "ok"),
    [
        ("93.87", "19.29", ["20.55"], True),  # 19.29 / 20.55 = 93.869…
        ("94", "19.29", ["20.55"], True),  # printed without decimals
        ("98.50", "19.29", ["20.55"], False),
        ("100", "0.50", ["0.49"], True),  # 102 %, but 0.495 / 0.4949 rounds to these amounts
        ("100", "5.00", ["4.00"], False),  # 125 %
        ("98", "0.49", ["0.50"], True),
        ("93.87", "19.29", [None, "20.55"], True),  # against 年初预算数 when 全年预算数 is missing
        ("50", "10", ["0"], False),  # no usable budget
    ],
)
def test_rate_is_consistent(rate: str, executed: str, budgets: list[str | None], ok: bool) -> None:
    assert rate_is_consistent(Decimal(rate), Decimal(executed),
                              [Decimal(b) if b is not None else None for b in budgets]) is ok


def test_manifest_is_stale_until_parsed_and_again_after_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines import dbt_manifest
    from warehouse import settings

    monkeypatch.setattr(settings, "DBT_PROJECT_DIR", tmp_path)
    (tmp_path / "dbt_project.yml").write_text("name: x\n")
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "m.sql"
    model.write_text("select 1\n")
    assert dbt_manifest.manifest_is_stale()
    (tmp_path / "target").mkdir()
    manifest = tmp_path / "target" / "manifest.json"
    manifest.write_text("{}")
    (tmp_path / "target" / "run_results.json").write_text("{}")  # dbt's own output never counts
    assert not dbt_manifest.manifest_is_stale()
    later = time.time() + 5
    os.utime(model, (later, later))
    assert dbt_manifest.manifest_is_stale()


def test_sync_sample_corpus_rewrites_only_what_changed(tmp_path: Path) -> None:
    from pipelines.run import sync_sample_corpus

    first = sync_sample_corpus(tmp_path)
    assert first["written"] > 0 and first["unchanged"] == 0
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    second = sync_sample_corpus(tmp_path)
    assert second == {"written": 0, "unchanged": first["written"], "removed": 0}
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


@contextlib.contextmanager
def _writer_lock_held(db: Path) -> Iterator[None]:
    """Another process holding the warehouse file, as a second writer would."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_sync_demo_corpus_copies_reports_only_and_only_what_changed(tmp_path: Path) -> None:
    from pipelines.run import sync_demo_corpus

    corpus, inbox = tmp_path / "real", tmp_path / "inbox"
    (corpus / "b1").mkdir(parents=True)
    (corpus / "b1" / "b1_01_x_form.txt").write_text("报告", encoding="utf-8")
    (corpus / "b1" / "b1_01_x_form.json").write_text("{}", encoding="utf-8")  # a label, not a report
    (corpus / "b1" / "SOURCES.md").write_text("notes", encoding="utf-8")
    assert sync_demo_corpus(inbox, corpus) == {"written": 1, "unchanged": 0, "removed": 0}
    assert sorted(p.name for p in inbox.iterdir()) == ["b1_01_x_form.txt"]
    stamp = (inbox / "b1_01_x_form.txt").stat().st_mtime_ns
    assert sync_demo_corpus(inbox, corpus) == {"written": 0, "unchanged": 1, "removed": 0}
    assert (inbox / "b1_01_x_form.txt").stat().st_mtime_ns == stamp
    (corpus / "b1" / "b1_01_x_form.txt").unlink()
    assert sync_demo_corpus(inbox, corpus)["removed"] == 1


def test_the_repository_ships_its_demo_corpus() -> None:
    from pipelines.run import DEMO_CORPUS, REPORT_SUFFIXES

    reports = [p for p in DEMO_CORPUS.glob("*/*") if p.suffix in REPORT_SUFFIXES]
    assert len(reports) >= 40


def test_run_never_writes_into_a_configured_inbox(
    jixiao_env: JixiaoEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.run as run

    def refuse(*_a: object, **_k: object) -> dict[str, int]:
        raise AssertionError("the configured inbox was written")

    monkeypatch.setattr(run, "sync_demo_corpus", refuse)
    monkeypatch.setattr(run, "sync_sample_corpus", refuse)
    before = sorted(jixiao_env.inbox.iterdir())
    with _writer_lock_held(jixiao_env.db):
        # JIXIAO_INBOX is set by the fixture: no demo, no samples; the run stops at the lock
        assert run.run_main_job(inbox=None) == 3
    assert sorted(jixiao_env.inbox.iterdir()) == before


def test_run_refuses_a_locked_warehouse_with_a_clear_message(
    jixiao_env: JixiaoEnv, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.run import run_main_job

    with _writer_lock_held(jixiao_env.db):
        assert run_main_job(inbox=jixiao_env.inbox, samples=False) == 3
    err = capsys.readouterr().err
    assert str(jixiao_env.db) in err and "another process" in err


def test_run_reports_a_missing_inbox(jixiao_env: JixiaoEnv, capsys: pytest.CaptureFixture[str]) -> None:
    from pipelines.run import run_main_job

    assert run_main_job(inbox=jixiao_env.root / "nowhere", samples=False) == 2
    assert "does not exist" in capsys.readouterr().err


def test_missing_inbox_fails_the_run_instead_of_emptying_the_warehouse(
    jixiao_env: JixiaoEnv, dbt_manifest: Path
) -> None:
    import dagster as dg

    from pipelines.definitions import defs

    jixiao_env.inbox.rmdir()
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("jixiao_job").execute_in_process(
            instance=instance, asset_selection=[dg.AssetKey("inbox_files")], raise_on_error=False
        )
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert "does not exist" in failure.step_failure_data.error.message


def test_prune_run_targets_keeps_the_newest(tmp_path: Path) -> None:
    from pipelines.defs.dbt_models import prune_run_targets

    for i in range(8):
        d = tmp_path / f"dbt_models-run{i}"
        d.mkdir()
        os.utime(d, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "manifest.json").write_text("{}")
    assert prune_run_targets(tmp_path, keep=3) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dbt_models-run5", "dbt_models-run6", "dbt_models-run7", "manifest.json"]


def test_a_file_judged_not_a_report_is_judged_again_by_a_newer_extractor() -> None:
    f = _file("/in/notice.txt", "N")
    judged = [(f.abs_path, f.sha256, "not_a_report", None, "v1")]
    assert classify([f], [], judged, extractor_version="v1") == {f.abs_path: "unchanged"}
    assert classify([f], [], judged, extractor_version="v2") == {f.abs_path: "retry"}
