"""Loading fetch provenance into schema `raw`: raw.fetched_reports and raw.fetch_failures.

Both are rebuilt in one transaction from what the fetcher left in the inbox (sidecars and failure
files, read by `ingest.fetch.store.read_provenance`): like the documents, they describe the inbox as
it is, so loading them twice changes nothing, and a report file that left the inbox takes its
provenance with it. A sidecar that cannot be used is skipped and counted, never a failed run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from warehouse.db import transaction

REPORT_COLUMNS = ("source_path", "sha256", "version", "is_current", "source", "publisher", "region_code",
                  "listing_url", "article_url", "attachment_url", "zip_member", "title", "published",
                  "published_date", "fetched_at", "etag", "last_modified", "content_type", "size_bytes")
FAILURE_COLUMNS = ("source", "url", "kind", "article_url", "reason", "message", "http_status", "first_seen_at",
                   "last_seen_at")


def _utc(value: Any) -> datetime | None:
    """An ISO timestamp as naive UTC (the warehouse's TIMESTAMP convention)."""
    try:
        t = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    return t.astimezone(UTC).replace(tzinfo=None) if t.tzinfo is not None else t


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def report_rows(sidecar: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """One row per version of a fetched report file; the current version is the sidecar's sha256."""
    if not sidecar.get("source_path") or not sidecar.get("sha256") or not sidecar.get("article_url"):
        raise ValueError("a sidecar without source_path, sha256 or article_url")
    versions = [v for v in sidecar.get("versions") or [] if v.get("sha256")]
    if not any(v["sha256"] == sidecar["sha256"] for v in versions):
        versions.append({"sha256": sidecar["sha256"], "fetched_at": sidecar.get("fetched_at"),
                         "etag": sidecar.get("etag"), "last_modified": sidecar.get("last_modified")})
    rows: dict[str, tuple[Any, ...]] = {}
    for i, v in enumerate(versions, start=1):
        current = v["sha256"] == sidecar["sha256"]
        rows[v["sha256"]] = (
            sidecar["source_path"], v["sha256"], i, current, sidecar.get("source"), sidecar.get("publisher"),
            sidecar.get("region_code"), sidecar.get("listing_url"), sidecar["article_url"],
            sidecar.get("attachment_url"), sidecar.get("zip_member"), sidecar.get("title"), sidecar.get("published"),
            _date(sidecar.get("published_date")), _utc(v.get("fetched_at")), v.get("etag"), v.get("last_modified"),
            sidecar.get("content_type"), sidecar.get("size_bytes") if current else None,
        )
    return list(rows.values())


def failure_row(f: Mapping[str, Any]) -> tuple[Any, ...]:
    return (f.get("source"), f["url"], f.get("kind"), f.get("article_url"), f["reason"], f.get("message"),
            f.get("http_status"), _utc(f.get("first_seen_at")), _utc(f.get("last_seen_at")))


def provenance_rows(reports: Sequence[Mapping[str, Any]], failures: Sequence[Mapping[str, Any]]
                    ) -> tuple[list[tuple[Any, ...]], dict[tuple[str, str], tuple[Any, ...]], int]:
    """(fetched_reports rows, fetch_failures rows by (source, url), sidecars skipped)."""
    rows: list[tuple[Any, ...]] = []
    skipped = 0
    for sidecar in reports:
        try:
            rows.extend(report_rows(sidecar))
        except (ValueError, KeyError, TypeError):
            skipped += 1
    fails = {}
    for f in failures:
        if f.get("url") and f.get("reason") and f.get("source"):
            fails[(f["source"], f["url"])] = failure_row(f)
    return rows, fails, skipped


def replace_fetch_provenance(conn: duckdb.DuckDBPyConnection, reports: Sequence[Mapping[str, Any]],
                             failures: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Rebuild both tables from the inbox's sidecars and failure files (skipped, and nothing marked as
    changed, when they are the same as last time); returns counts."""
    rows, fails, skipped = provenance_rows(reports, failures)
    from warehouse.changes import fingerprint, get_state, mark_changed, set_state

    digest = fingerprint([rows, sorted(fails.items(), key=lambda kv: kv[0])])
    with transaction(conn):
        if get_state(conn, "fetch_fingerprint") == digest:  # the same sidecars as last time: nothing to rewrite
            return {"fetched_reports": len(rows), "fetch_failures": len(fails), "sidecars_skipped": skipped}
        set_state(conn, "fetch_fingerprint", digest)
        mark_changed(conn, ["fetched_reports", "fetch_failures"])
        conn.execute("DELETE FROM raw.fetched_reports")
        conn.execute("DELETE FROM raw.fetch_failures")
        if rows:
            conn.executemany(f"INSERT INTO raw.fetched_reports ({', '.join(REPORT_COLUMNS)}) VALUES "
                             f"({', '.join('?' for _ in REPORT_COLUMNS)})", rows)
        if fails:
            conn.executemany(f"INSERT INTO raw.fetch_failures ({', '.join(FAILURE_COLUMNS)}) VALUES "
                             f"({', '.join('?' for _ in FAILURE_COLUMNS)})", list(fails.values()))
    return {"fetched_reports": len(rows), "fetch_failures": len(fails), "sidecars_skipped": skipped}
