"""Shared fixtures: a dbt manifest parsed once per session, a private warehouse per test, and one
warehouse built from the sample corpus per session for the end-to-end tests.

Every path the project writes is read from the environment (warehouse.settings), so a test points
JIXIAO_DB, JIXIAO_INBOX and JIXIAO_SERVING_DIR at a temporary folder and the real warehouse is never
touched. The manifest fixture exists because `DbtProject.prepare_if_dev()` only parses under
`dagster dev`; outside it the Dagster definitions need target/manifest.json to be there already.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from e2e_build import Build


@dataclass(frozen=True)
class JixiaoEnv:
    """The temporary locations a test's warehouse lives in."""

    root: Path
    db: Path
    inbox: Path
    serving: Path


def _env_in(root: Path, mp: pytest.MonkeyPatch) -> JixiaoEnv:
    env = JixiaoEnv(root=root, db=root / "jixiao.duckdb", inbox=root / "inbox", serving=root / "serving")
    env.inbox.mkdir(parents=True, exist_ok=True)
    mp.setenv("JIXIAO_DB", str(env.db))
    mp.setenv("JIXIAO_INBOX", str(env.inbox))
    mp.setenv("JIXIAO_SERVING_DIR", str(env.serving))
    return env


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """dbt_project/target/manifest.json, parsed now if it is missing or older than the dbt project."""
    from pipelines.dbt_manifest import ensure_manifest

    return ensure_manifest()


@pytest.fixture
def jixiao_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> JixiaoEnv:
    """A fresh, empty warehouse, inbox and serving folder for one test."""
    return _env_in(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def module_jixiao_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JixiaoEnv]:
    """Like `jixiao_env`, shared by the tests of one module (for expensive end-to-end builds)."""
    with pytest.MonkeyPatch.context() as mp:
        yield _env_in(tmp_path_factory.mktemp("jixiao"), mp)


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Build:
    """The whole job run once on the default sample corpus, in a temporary folder (see e2e_build.py).

    The environment points at it only while it is built: a module using it wraps it in its own
    fixture that calls `e2e_build.use_env`, so other modules' environments are never disturbed."""
    from e2e_build import build_sample_warehouse

    with pytest.MonkeyPatch.context() as mp:
        return build_sample_warehouse(_env_in(tmp_path_factory.mktemp("sample_warehouse"), mp))
