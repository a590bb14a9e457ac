"""Resources shared by the assets: the dbt CLI. The DuckDB path is deliberately not a resource
setting but the one environment variable JIXIAO_DB (warehouse.settings), read alike by the Python
loader and by dbt's profiles.yml, so the two writers can never point at different files."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from pipelines.dbt_manifest import pipeline_dbt_executable
from pipelines.defs.dbt_models import dbt_project
from warehouse import settings


def defs() -> dg.Definitions:
    project = dbt_project()
    if project is None:
        return dg.Definitions()
    return dg.Definitions(
        resources={"dbt": DbtCliResource(
            project_dir=project,
            profiles_dir=str(settings.DBT_PROJECT_DIR),
            dbt_executable=pipeline_dbt_executable(),
        )}
    )
