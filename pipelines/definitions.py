"""`defs`: the one Dagster Definitions of jixiao, merged from the small modules in pipelines/defs."""

from __future__ import annotations

import dagster as dg

from pipelines.defs import checks, dbt_models, fetch, ingest, jobs, publish, resources, schedule, sensor


def build_defs() -> dg.Definitions:
    return dg.Definitions.merge(
        resources.defs(),
        fetch.defs(),
        ingest.defs(),
        dbt_models.defs(),
        checks.defs(),
        publish.defs(),
        jobs.defs(),
        schedule.defs(),
        sensor.defs(),
    )


defs = build_defs()
