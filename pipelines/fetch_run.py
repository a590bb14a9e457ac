"""`jixiao fetch` and `jixiao sources check`: the fetcher run by hand, outside Dagster.

The same code the nightly fetch assets run (`ingest.fetch`), printing progress and a summary; the
files land in the inbox the next `jixiao run` (or the sensor) ingests. Failures are listed and kept
in the inbox's fetch state, from where the warehouse loads them; they never make the command fail.
Exit codes: 0 done (even with failed URLs), 2 the sources file or the arguments are wrong."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ingest.fetch import SourcesError, adhoc_source, check_sources, fetch_sources, load_sources, sources_path
from warehouse import settings


def check_sources_file(path: Path | None = None) -> int:
    """Print the sources of the file and every problem with it; 0 when it is usable."""
    path = path or sources_path()
    sources, problems = check_sources(path)
    for s in sources:
        print(f"ok   {s.name}: {s.publisher}" + (f" ({s.region_code})" if s.region_code else "")
              + f", {len(s.listings)} listing(s), delay {s.delay_seconds:g}s")
    for p in problems:
        print(f"bad  {p}")
    print(f"{path}: {len(sources)} source(s) ok, {len(problems)} problem(s)")
    return 2 if problems else 0


def run_fetch(source: str | None = None, listing: str | None = None, inbox: Path | None = None,
              sources_file: Path | None = None) -> int:
    inbox = (inbox or settings.inbox_dir()).resolve()
    try:
        if listing:
            sources = [adhoc_source(listing, sources_file)]
        else:
            sources = load_sources(sources_file, only=source)
    except SourcesError as e:
        print(f"jixiao fetch: the sources file {e.path} is not usable:", file=sys.stderr)
        for p in e.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    if not sources:
        print(f"no sources in {sources_file or sources_path()}: add one (see docs/fetching.md) or use --listing URL")
        return 0
    print(f"fetching {len(sources)} source(s) into {inbox}")
    summaries = fetch_sources(sources, inbox, log=lambda line: print(line, flush=True))
    reasons = Counter(f["reason"] for s in summaries for f in s.failures)
    print("done: " + "; ".join(s.line() for s in summaries))
    if reasons:
        print("failures by reason: " + ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())))
    return 0
