"""Readers and extractors for budget performance reports: plain Python, no Dagster, no DuckDB."""

EXTRACTOR_VERSION = "0.6.92"
