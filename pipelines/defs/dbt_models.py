"""The dbt project's models as Dagster assets (dagster-dbt): `dbt build` runs models and their tests,
and each dbt test becomes an asset check. dbt sources `raw.<table>` map to the asset keys
["raw", "<table>"] of the ingest assets, so the UI shows lineage from the inbox files to each mart."""


import functools
import json
import logging
import shutil
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from pipelines.dbt_manifest import dbt_project_exists, ensure_manifest
from warehouse import settings

DBT_OP_NAME = "dbt_models"
KEEP_RUN_TARGETS = 5
log = logging.getLogger(__name__)


@functools.cache
def dbt_project() -> DbtProject | None:
    """The dbt project, built once and lazily (importing this module runs nothing), with a manifest."""
    if not dbt_project_exists():
        log.warning("no dbt project at %s: the dbt assets are left out", settings.DBT_PROJECT_DIR)
        return None
    project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
    # Not `project.prepare_if_dev()`: it runs only under `dagster dev` and calls whatever `dbt` is on
    # PATH (none when the venv is not activated, as under `dg`). ensure_manifest() re-parses with the
    # venv's dbt whenever the manifest is missing or older than a dbt file, under every entry point.
    ensure_manifest()
    return project


class JixiaoDbtTranslator(DagsterDbtTranslator):
    """Default asset keys (model name; sources as [source, table]); groups by model folder."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn") or []
        if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2:
            return str(fqn[1])  # staging | intermediate | marts
        return super().get_group_name(dbt_resource_props)


TRANSLATOR = JixiaoDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_source_tests_as_checks=True))


def mart_model_names(project: DbtProject) -> list[str]:
    """Names of the models under models/marts (what the serving copy publishes)."""
    manifest = json.loads(project.manifest_path.read_text(encoding="utf-8"))
    return sorted(
        node["name"]
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and "marts" in (node.get("fqn") or [])[1:-1]
    )


def prune_run_targets(target_dir: Path, keep: int = KEEP_RUN_TARGETS) -> int:
    """dagster-dbt gives each run its own target folder (compiled SQL, run_results.json, a few MB);
    keep the newest `keep` for debugging and remove the rest, so nightly runs do not fill the disk."""
    runs = sorted((p for p in target_dir.glob(f"{DBT_OP_NAME}-*") if p.is_dir()),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return len(runs[keep:])


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=TRANSLATOR,
        name=DBT_OP_NAME,
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
        settings.export_db_env()  # dbt's profile reads the same absolute JIXIAO_DB as the loader
        from pipelines.dbt_manifest import project_fingerprint
        from pipelines.dbt_selection import exclude_args
        from pipelines.warehouse_access import open_warehouse
        from warehouse import changes
        from warehouse.db import locked

        try:
            with locked(settings.db_path()):  # no other jixiao writer while dbt holds the file
                fingerprint = project_fingerprint()
                with open_warehouse() as conn:
                    full, pending = changes.what_needs_building(conn, fingerprint)
                if not full and not pending:
                    context.log.info("nothing new: no raw table changed since the last build; "
                                     "dbt and publishing skipped")
                    return
                args = ["build"]
                if full:
                    context.log.info(f"dbt build on {settings.db_path()}: every model (first build, a changed "
                                     "dbt project, or a build not yet published)")
                else:
                    manifest = json.loads(project.manifest_path.read_text(encoding="utf-8"))
                    args += exclude_args(manifest, pending)
                    context.log.info(f"dbt build on {settings.db_path()}: what depends on "
                                     f"{', '.join('raw.' + t for t in pending)}, and the marts")
                started = time.monotonic()
                yield from dbt.cli(args, context=context).stream()
                with open_warehouse() as conn:
                    changes.build_done(conn, pending, fingerprint)
                context.log.info(f"dbt build finished ({time.monotonic() - started:.1f}s)")
        finally:
            removed = prune_run_targets(project.project_dir / "target")
            if removed:
                context.log.debug(f"removed {removed} old per-run dbt target folders")

    return dbt_models


@functools.cache
def dbt_models_asset() -> dg.AssetsDefinition | None:
    project = dbt_project()
    return build_dbt_assets(project) if project is not None else None


def mart_asset_keys() -> list[dg.AssetKey]:
    """Asset keys of the mart models, for the assets that must run after them."""
    project, assets = dbt_project(), dbt_models_asset()
    if project is None or assets is None:
        return []
    names = set(mart_model_names(project))
    return sorted((k for k in assets.keys if k.path[-1] in names), key=lambda k: k.to_user_string())


def defs() -> dg.Definitions:
    project, assets = dbt_project(), dbt_models_asset()
    if project is None or assets is None:
        return dg.Definitions()
    return dg.Definitions(assets=[assets])
