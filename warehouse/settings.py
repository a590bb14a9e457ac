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


DUCKDB_MEMORY_LIMIT_DEFAULT = "64MB"


def duckdb_config() -> dict[str, str]:
    """Settings of the pipeline's own DuckDB connections (the loader, the raw-table checks, publishing).

    `memory_limit` (JIXIAO_DUCKDB_MEMORY_LIMIT, default 64MB) caps what DuckDB holds: without it DuckDB
    may use 80% of the machine's memory, and kept the rows of every batch a load had appended in memory
    until a checkpoint, so the run's memory grew with the files loaded (docs/scale.md). Blocks already
    on disk are evicted and read again when needed; larger operators spill to `<db>.tmp`. `threads`
    (JIXIAO_DUCKDB_THREADS) is DuckDB's own default, one per core, unless set. dbt's connection is
    configured in dbt_project/profiles.yml."""
    config = {"memory_limit": os.environ.get("JIXIAO_DUCKDB_MEMORY_LIMIT") or DUCKDB_MEMORY_LIMIT_DEFAULT}
    threads = os.environ.get("JIXIAO_DUCKDB_THREADS")
    if threads:
        config["threads"] = threads
    return config
