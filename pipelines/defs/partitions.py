"""The `publisher` dynamic partitions of the ingest assets: one key per folder of the inbox's first
level (pipelines.publishers), so a person can re-run, retry or back-fill one publisher from the UI.

A run with a partition (or a range of them, from a back-fill) ingests only those publishers' files;
a run without one (the sensor, the schedule, `jixiao run`) ingests the whole inbox as before. New keys
are registered as folders appear: by the sensor on each tick and by `jixiao run` before its run."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import dagster as dg

PUBLISHER_PARTITIONS_NAME = "publisher"
publisher_partitions = dg.DynamicPartitionsDefinition(name=PUBLISHER_PARTITIONS_NAME)


def run_publishers(context: dg.AssetExecutionContext) -> list[str] | None:
    """The publishers this run ingests, or None for the whole inbox (a run without a partition)."""
    if not (context.has_partition_key or context.has_partition_key_range):
        return None
    return sorted(context.partition_keys)


def new_publisher_keys(instance: Any, keys: Iterable[str]) -> list[str]:
    """Of `keys`, those the instance does not know yet."""
    known = set(instance.get_dynamic_partitions(PUBLISHER_PARTITIONS_NAME))
    return sorted(set(keys) - known)


def register_publishers(instance: Any, keys: Iterable[str]) -> list[str]:
    """Add the publishers the instance does not know yet; return them."""
    new = new_publisher_keys(instance, keys)
    if new:
        instance.add_dynamic_partitions(PUBLISHER_PARTITIONS_NAME, new)
    return new
