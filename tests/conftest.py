"""Shared fixtures: a dbt manifest parsed once per session, and a private warehouse per test.

Every path the project writes is read from the environment (warehouse.settings), so a test points
JIXIAO_DB, JIXIAO_INBOX and JIXIAO_SERVING_DIR at a temporary folder and the real warehouse is never
touched. The manifest fixture exists because `DbtProject.prepare_if_dev()` only parses under
`dagster dev`; outside it the Dagster definitions need target/manifest.json to be there already.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


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
