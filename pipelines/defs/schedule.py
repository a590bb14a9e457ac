"""Nightly refresh at 02:00 Beijing time, after publishers' working day: fetch every source, then ingest,
build and publish, whatever the sensor did."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.jobs import nightly_job

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"

nightly_refresh = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=nightly_job,
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Fetch every source, then run the whole pipeline, every night at 02:00 Asia/Shanghai.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(schedules=[nightly_refresh])
