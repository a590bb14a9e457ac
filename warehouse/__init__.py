"""The DuckDB warehouse: raw schema, idempotent per-file loading, and the published serving copy.

Knows nothing of Dagster; knows `ingest`'s Extraction contract only as plain dicts."""
