"""Where dbt runs and what JIXIAO_DB says to it, so that one parse serves every warehouse folder.

dbt keeps its parse (target/partial_parse.msgpack) only while a hash of the profile's resolved values
is unchanged, and the profile's `path` is JIXIAO_DB: a night on /data/a/jixiao.duckdb after a parse
for /data/b/jixiao.duckdb re-parsed the whole project (~10 s). So dbt is started in the warehouse
file's folder with JIXIAO_DB set to the file's name alone: the same file for DuckDB, the same profile
for dbt wherever the folder is (only the file's name still counts, and it is the DuckDB catalog name the
models are built in). The paths dbt itself is given (project, profiles, target and log folders) are made
absolute first, so that moving the working folder moves nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DB_ENV = "JIXIAO_DB"
_DBT_DIRS = ("DBT_PROJECT_DIR", "DBT_PROFILES_DIR", "DBT_TARGET_PATH", "DBT_LOG_PATH")


def rebased(env: Mapping[str, str], cwd: Path) -> tuple[dict[str, str], Path]:
    """(environment, working folder) for a dbt started from `cwd` with `env`: JIXIAO_DB as a bare file
    name and the file's folder to work in, dbt's own folders absolute from `cwd`. A JIXIAO_DB whose folder
    does not exist is left as it is (a relative name would then point into another folder)."""
    out = dict(env)
    for name in _DBT_DIRS:
        if out.get(name):
            out[name] = str((cwd / out[name]).resolve())
    if not out.get(DB_ENV):
        return out, cwd
    db = (cwd / out[DB_ENV]).resolve()
    if not db.parent.is_dir():
        return out, cwd
    out[DB_ENV] = db.name
    return out, db.parent


def absolute_args(args: list[str], cwd: Path) -> list[str]:
    """dbt's command line with the values of its folder options made absolute from `cwd`."""
    out = list(args)
    for i, arg in enumerate(out[:-1]):
        if arg in ("--project-dir", "--profiles-dir", "--target-path", "--log-path"):
            out[i + 1] = str((cwd / out[i + 1]).resolve())
    return out


def enter() -> None:
    """In this process, about to become dbt: rewrite the environment and move to the warehouse's folder."""
    here = Path.cwd()
    env, folder = rebased(os.environ, here)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(folder)
