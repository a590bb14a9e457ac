"""The jobs, in one process each, so a single step at a time writes the DuckDB file.

`jixiao_job` ingests the inbox as it is (the sensor, `jixiao run`); `nightly_job` first fetches every
source of the sources file into the inbox, then does the same (the nightly schedule); `publisher_job`
is the same work for one publisher's folder (a `publisher` partition, pipelines.defs.partitions), which
a person launches, retries or back-fills from the UI (`jixiao run --publisher KEY` from a shell)."""

from __future__ import annotations

import dagster as dg

JOB_NAME = "jixiao_job"

NIGHTLY_JOB_NAME = "nightly_job"

PUBLISHER_JOB_NAME = "publisher_job"

jixiao_job = dg.define_asset_job(
    name=JOB_NAME,
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("fetch"),
    executor_def=dg.in_process_executor,
    description="Ingest the inbox (new and changed files only), build the dbt marts with their tests, "
    "and publish the serving copy.",
)


nightly_job = dg.define_asset_job(
    name=NIGHTLY_JOB_NAME,
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Fetch newly published reports from every source (conditional GETs: unchanged pages cost a "
    "304), then ingest the inbox, build the marts and publish the serving copy.",
)


publisher_job = dg.define_asset_job(
    name=PUBLISHER_JOB_NAME,
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("fetch"),
    executor_def=dg.in_process_executor,
    description="Ingest one publisher's folder of the inbox (pick the `publisher` partition: the folder's "
    "name, `fetched/<source>` for a fetched source, `.` for files in the inbox's root): its new and "
    "changed files only, and forget only its files that left; other publishers are not read. Then "
    "build the dbt marts with their tests and publish the serving copy, as the whole-inbox job does.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[jixiao_job, nightly_job, publisher_job])
