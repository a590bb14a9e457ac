"""The inbox sensor requests a run when the inbox changes and never twice for the same state;
the inbox discovery it shares with the ingest asset skips sidecars and reuses remembered hashes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg

from pipelines.inbox import discover, state_hash

if TYPE_CHECKING:
    from tests.conftest import JixiaoEnv


def _tick(cursor: str | None) -> dg.SensorResult:
    from pipelines.defs.sensor import inbox_sensor

    with dg.instance_for_test() as instance:
        result = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
    assert isinstance(result, dg.SensorResult)
    return result


def test_new_file_requests_a_run_and_the_same_state_does_not(jixiao_env: JixiaoEnv) -> None:
    first = _tick(None)
    assert not first.run_requests  # empty inbox: nothing to do

    (jixiao_env.inbox / "a.txt").write_text("报告一", encoding="utf-8")
    second = _tick(first.cursor)
    assert len(second.run_requests) == 1
    assert second.run_requests[0].tags["jixiao/new"] == "1"

    third = _tick(second.cursor)
    assert not third.run_requests
    assert third.cursor == second.cursor


def test_changed_added_and_removed_files_each_request_a_new_run(jixiao_env: JixiaoEnv) -> None:
    a = jixiao_env.inbox / "a.txt"
    a.write_text("报告一", encoding="utf-8")
    start = _tick(None)
    keys = {start.run_requests[0].run_key}

    a.write_text("报告一（修订）", encoding="utf-8")
    changed = _tick(start.cursor)
    assert changed.run_requests[0].tags["jixiao/changed"] == "1"

    sub = jixiao_env.inbox / "2024"
    sub.mkdir()
    (sub / "b.pdf").write_bytes(b"%PDF-1.4 not really")
    added = _tick(changed.cursor)
    assert added.run_requests[0].tags["jixiao/new"] == "1"

    a.unlink()
    removed = _tick(added.cursor)
    assert removed.run_requests[0].tags["jixiao/removed"] == "1"

    for result in (changed, added, removed):
        keys.add(result.run_requests[0].run_key)
    assert len(keys) == 4  # four different states, four different run keys


def test_same_files_give_the_same_run_key_whatever_the_cursor(jixiao_env: JixiaoEnv) -> None:
    (jixiao_env.inbox / "a.txt").write_text("报告一", encoding="utf-8")
    once = _tick(None).run_requests[0].run_key
    again = _tick(None).run_requests[0].run_key  # e.g. the sensor was reset
    assert once == again


def test_discovery_skips_sidecars_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(b"PK fake")
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "report.json").write_text("{}")
    (tmp_path / ".hidden.pdf").write_bytes(b"x")
    (tmp_path / "~$report.docx").write_bytes(b"lock")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.pdf").write_bytes(b"x")
    (tmp_path / "upload.pdf.part").write_bytes(b"x")
    (tmp_path / "bad_unknown.xyz").write_bytes(b"x")  # unsupported: discovered, and fails with a reason
    names = [f.rel_path for f in discover(tmp_path)]
    assert names == ["bad_unknown.xyz", "report.docx"]


def test_discovery_reuses_remembered_hashes_only_for_untouched_files(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    (found,) = discover(tmp_path)
    remembered = {found.rel_path: (found.size_bytes, found.mtime_ns, "remembered")}
    assert discover(tmp_path, known=remembered)[0].sha256 == "remembered"
    f.write_text("two", encoding="utf-8")
    os.utime(f, ns=(found.mtime_ns + 1_000_000_000, found.mtime_ns + 1_000_000_000))
    assert discover(tmp_path, known=remembered)[0].sha256 not in {"remembered", found.sha256}


def test_state_hash_depends_on_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    before = state_hash(discover(tmp_path))
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert state_hash(discover(tmp_path)) != before


def test_missing_inbox_folder_requests_nothing_and_keeps_the_cursor(jixiao_env: JixiaoEnv) -> None:
    (jixiao_env.inbox / "a.txt").write_text("报告一", encoding="utf-8")
    seen = _tick(None)
    for f in jixiao_env.inbox.iterdir():
        f.unlink()
    jixiao_env.inbox.rmdir()  # an unmounted share must not look like "every file was removed"
    result = _tick(seen.cursor)
    assert not result.run_requests
    assert result.cursor is None
