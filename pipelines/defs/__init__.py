"""Small Dagster definition modules, each exposing `defs()`; `pipelines.definitions` merges them."""
