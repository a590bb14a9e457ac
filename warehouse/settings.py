"""Where things live. One setting each, read from the environment, with defaults under the project.

`JIXIAO_DB` is the single path both the Python loader and dbt (profiles.yml) write to."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


def db_path() -> Path:
    """The writer's DuckDB file (only the pipeline opens it)."""
    return Path(os.environ.get("JIXIAO_DB") or PROJECT_ROOT / "warehouse" / "jixiao.duckdb").resolve()


def serving_dir() -> Path:
    """Folder of the read-only serving copy published after each good build."""
    return Path(os.environ.get("JIXIAO_SERVING_DIR") or PROJECT_ROOT / "warehouse" / "serving").resolve()


def inbox_dir() -> Path:
    """Folder the sensor and the nightly schedule watch for newly published report files."""
    return Path(os.environ.get("JIXIAO_INBOX") or PROJECT_ROOT / "warehouse" / "inbox").resolve()


def export_db_env() -> None:
    """Make the resolved database path explicit for child processes (dbt), as an absolute path."""
    os.environ["JIXIAO_DB"] = str(db_path())


def budgets_path() -> Path:
    """JSON file of per-file budget overrides (sha256 → budgets), read by the ingest step."""
    return Path(os.environ.get("JIXIAO_BUDGETS") or db_path().with_name("budgets.json")).resolve()
