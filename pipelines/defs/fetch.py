"""Fetch assets: one per source of the sources file (`JIXIAO_SOURCES`), ahead of the inbox scan,
and the raw tables of fetch provenance.

`fetch/<source>` runs `ingest.fetch` for that source into the inbox (JIXIAO_INBOX). It opens no
database, so it does not take the writer lock; sources run as separate steps. A page or file that cannot
be fetched (DNS, 404, 5xx, robots-disallowed, too large, …) is a row with a reason in the inbox's
fetch state and then in raw.fetch_failures — never a failed step; only a bug fails it.
`raw/fetched_reports` and `raw/fetch_failures` are rebuilt from the inbox's sidecars on every run.
"""

import sys
from collections import Counter
from typing import Any

import dagster as dg

from ingest.fetch import Source, check_sources, fetch_sources, sources_path
from pipelines.warehouse_access import open_warehouse
from warehouse import settings
from warehouse.schema import FETCH_TABLES

GROUP = "fetch"

FETCH_TABLE_DESCRIPTIONS = {
    "fetched_reports": "Where each fetched report came from (来源): source, publisher, article and attachment URLs, "
    "title, publication date as printed, fetched-at, validators, sha256 — one row per version of the file.",
    "fetch_failures": "Pages and attachments the last fetch of each source could not take, with a reason (抓取失败).",
}


def configured_sources() -> list[Source]:
    """The usable sources of the sources file; its problems are printed, never fatal to loading."""
    sources, problems = check_sources(sources_path())
    for p in problems:
        print(f"jixiao: sources file problem (that source is not fetched): {p}", file=sys.stderr)
    return sources


def fetch_asset_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey([GROUP, source.name])


def build_fetch_asset(source: Source) -> dg.AssetsDefinition:
    @dg.asset(
        key=fetch_asset_key(source),
        group_name=GROUP,
        kinds={"python"},
        description=f"Newly published reports of {source.publisher} ({source.name}): its listing pages → "
        "articles → attachments or article bodies, into the inbox with provenance sidecars; unchanged "
        "pages and files cost a 304.",
        metadata={"listings": ", ".join(source.listings), "publisher": source.publisher,
                  "region_code": source.region_code or ""},
    )
    def _fetch(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        inbox = settings.inbox_dir()
        [summary] = fetch_sources([source], inbox, log=context.log.info)
        reasons = Counter(f["reason"] for f in summary.failures)
        for f in summary.failures:
            context.log.warning(f"{f['kind']} {f['url']}: {f['reason']} — {f['message']}")
        return dg.MaterializeResult(metadata={
            "listing_pages": summary.listing_pages, "articles": summary.articles,
            "downloaded": summary.transferred, "not_modified": summary.not_modified,
            "files_new": summary.files_new, "files_replaced": summary.files_replaced,
            "files_unchanged": summary.files_unchanged, "failed": len(summary.failures),
            "failure_reasons": dict(reasons), "inbox": str(inbox),
        })

    return _fetch


SOURCES: list[Source] = configured_sources()
FETCH_KEYS: list[dg.AssetKey] = [fetch_asset_key(s) for s in SOURCES]


@dg.multi_asset(
    name="raw_fetch_tables",
    group_name="raw",
    specs=[dg.AssetSpec(["raw", t], description=FETCH_TABLE_DESCRIPTIONS[t], kinds={"duckdb"},
                        deps=["inbox_files"], metadata={"table": f"raw.{t}"}) for t in FETCH_TABLES],
    description="Load the provenance sidecars and fetch failures the fetcher left in the inbox (rebuilt each run).",
)
def raw_fetch_tables(context: dg.AssetExecutionContext) -> Any:
    from ingest.fetch.store import read_provenance
    from warehouse.fetch_load import replace_fetch_provenance

    reports, failures = read_provenance(settings.inbox_dir())
    with open_warehouse() as conn:
        counts = replace_fetch_provenance(conn, reports, failures)
    context.log.info(f"fetch provenance: {len(reports)} fetched report files ({counts['fetched_reports']} versions), "
                     f"{counts['fetch_failures']} fetch failures"
                     + (f"; {counts['sidecars_skipped']} unusable sidecars skipped" if counts["sidecars_skipped"] else ""))
    for t in FETCH_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", t], metadata={"dagster/row_count": counts[t]})


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[*(build_fetch_asset(s) for s in SOURCES), raw_fetch_tables])
