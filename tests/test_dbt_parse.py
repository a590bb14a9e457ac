"""dbt's parse stays valid whatever folder JIXIAO_DB names: a second `dbt parse` for a warehouse in
another folder is partial (dbt parses no file again) instead of starting over because "profile has
changed"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_dbt_is_given_the_file_name_and_run_in_its_folder(tmp_path: Path) -> None:
    from pipelines.dbt_env import absolute_args, rebased

    project = tmp_path / "dbt_project"
    (tmp_path / "wh").mkdir()
    env, cwd = rebased({"JIXIAO_DB": str(tmp_path / "wh" / "jixiao.duckdb"), "DBT_TARGET_PATH": "target/run-1",
                        "PATH": "/bin"}, project)
    assert env["JIXIAO_DB"] == "jixiao.duckdb" and cwd == tmp_path / "wh"
    assert env["DBT_TARGET_PATH"] == str(project / "target" / "run-1") and env["PATH"] == "/bin"
    assert absolute_args(["build", "--project-dir", "."], project) == ["build", "--project-dir", str(project)]
    # a folder that is not there yet: the path is left whole rather than made to point elsewhere
    env, cwd = rebased({"JIXIAO_DB": str(tmp_path / "nowhere" / "jixiao.duckdb")}, project)
    assert env["JIXIAO_DB"] == str(tmp_path / "nowhere" / "jixiao.duckdb") and cwd == project


def test_a_second_parse_for_another_warehouse_folder_is_partial(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.dbt_manifest import run_dbt

    target = tmp_path / "target"  # the parse of this test only, not the project's
    monkeypatch.setenv("JIXIAO_DB", str(tmp_path / "a" / "jixiao.duckdb"))
    first = run_dbt(["parse", "--target-path", str(target)])
    assert json.loads((target / "perf_info.json").read_text())["parsed_path_count"] > 0, first
    monkeypatch.setenv("JIXIAO_DB", str(tmp_path / "b" / "jixiao.duckdb"))
    second = run_dbt(["parse", "--target-path", str(target)])
    assert "Unable to do partial parsing" not in second, second
    assert json.loads((target / "perf_info.json").read_text())["parsed_path_count"] == 0, second
