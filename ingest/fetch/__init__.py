"""Fetching reports from the publishers' own pages (plain Python: no Dagster, no DuckDB).

`sources` reads and checks the sources file; `client` is the polite HTTP client; `pages` reads
listing and article pages; `content` says what fetched bytes are; `store` lays reports and their
provenance sidecars into the inbox; `crawl` runs one source from listing to files."""

from ingest.fetch.crawl import FetchSummary, fetch_sources
from ingest.fetch.sources import Source, SourcesError, adhoc_source, check_sources, load_sources, sources_path

__all__ = ["FetchSummary", "Source", "SourcesError", "adhoc_source", "check_sources", "fetch_sources",
           "load_sources", "sources_path"]
