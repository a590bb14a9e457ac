"""Orchestration of jixiao: Dagster definitions, the `jixiao` command line and `jixiao run`."""
