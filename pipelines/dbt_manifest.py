"""Keep dbt_project/target/manifest.json present and fresh without Dagster's dev-only preparer.

`DbtProject.prepare_if_dev()` parses the dbt project only under `dagster dev`; `jixiao run`, the tests
and `dagster definitions validate` need the manifest too, so they call `ensure_manifest()`, which runs
`dbt parse` when the manifest is missing or older than any file of the dbt project.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

from warehouse import settings

# Folders dbt writes into or fills itself: their files never make the manifest stale.
_GENERATED_DIRS = frozenset({"target", "dbt_packages", "logs"})
_SOURCE_SUFFIXES = frozenset({".sql", ".yml", ".yaml", ".csv", ".md", ".py", ".jinja"})


class DbtParseError(RuntimeError):
    """`dbt parse` failed: the dbt project has an error the message shows."""


def project_dir() -> Path:
    return settings.DBT_PROJECT_DIR


def manifest_path() -> Path:
    return project_dir() / "target" / "manifest.json"


def dbt_project_exists() -> bool:
    return (project_dir() / "dbt_project.yml").is_file()


def _newest_source_mtime() -> float:
    newest = 0.0
    root = project_dir()
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _GENERATED_DIRS and not d.startswith(".")]
        for name in files:
            if Path(name).suffix.lower() in _SOURCE_SUFFIXES:
                newest = max(newest, (Path(dirpath) / name).stat().st_mtime)
    return newest


def project_fingerprint() -> str:
    """A hash of every source file of the dbt project (names and bytes): the marts were built by this
    version of the project when the warehouse records the same hash (warehouse.changes)."""
    import hashlib

    h = hashlib.sha256()
    root = project_dir()
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _GENERATED_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(dirpath) / name
            if path.suffix.lower() in _SOURCE_SUFFIXES:
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def manifest_is_stale() -> bool:
    """True when there is no manifest, or a dbt project file changed after it was written."""
    path = manifest_path()
    if not path.is_file():
        return True
    return path.stat().st_mtime < _newest_source_mtime()


def dbt_executable() -> str:
    """The `dbt` next to the running interpreter (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    if beside.is_file():
        return str(beside)
    found = shutil.which("dbt")
    if not found:
        raise DbtParseError("the dbt command is not installed; run `make install`")
    return found


def pipeline_dbt_executable() -> str:
    """`jixiao-dbt` (dbt that dies with the run that started it) when installed, else plain dbt."""
    wrapper = Path(sys.executable).parent / "jixiao-dbt"
    return str(wrapper) if wrapper.is_file() else dbt_executable()


def run_dbt(args: list[str]) -> str:
    """Run a dbt command on the project for the warehouse JIXIAO_DB names, as the pipeline runs dbt (in
    the warehouse's folder: pipelines/dbt_env.py); its output."""
    from pipelines import dbt_env

    db = settings.db_path()
    db.parent.mkdir(parents=True, exist_ok=True)  # so the parse is made for the file's name alone
    env, cwd = dbt_env.rebased(dict(os.environ, JIXIAO_DB=str(db)), project_dir())
    cmd = [dbt_executable(), *args, "--project-dir", str(project_dir()), "--profiles-dir", str(project_dir())]
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        raise DbtParseError(f"`dbt {' '.join(args)}` failed (exit {proc.returncode}):\n{tail}")
    return proc.stdout + proc.stderr


def ensure_manifest(force: bool = False) -> Path:
    """Run `dbt parse` (after `dbt deps` if packages are declared but missing) when needed."""
    if not dbt_project_exists():
        raise DbtParseError(f"no dbt project at {project_dir()} (dbt_project.yml is missing)")
    (project_dir() / "target").mkdir(exist_ok=True)
    with FileLock(str(project_dir() / "target" / ".parse.lock"), timeout=600):
        if not force and not manifest_is_stale():
            return manifest_path()
        packages = project_dir() / "packages.yml"
        if packages.is_file() and not (project_dir() / "dbt_packages").is_dir():
            run_dbt(["deps"])
        run_dbt(["parse", "--quiet"])
    return manifest_path()
