"""The one job: every asset, in one process, so a single step at a time writes the DuckDB file."""

from __future__ import annotations

import dagster as dg

JOB_NAME = "jixiao_job"

jixiao_job = dg.define_asset_job(
    name=JOB_NAME,
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest the inbox (new and changed files only), build the dbt marts with their tests, "
    "and publish the serving copy.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[jixiao_job])
