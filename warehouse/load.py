"""Loading Extractions into schema `raw`: one source file per transaction, keyed by content hash.

Rules (RAW_SCHEMA.md): the same bytes again change nothing; a changed file at the same path replaces
its earlier rows; a failed load rolls back and leaves the previous state; identical bytes at a second
path are recorded as a 'duplicate' failure while the first copy stays loaded; a file that loads fine
clears its earlier failure rows. Money arrives as decimal strings and is kept exact: `Decimal` here,
DECIMAL(18,4) in DuckDB. A value that is not a number becomes NULL plus a warning row, never a crash.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any, Literal

import duckdb

from ingest.names import clean_text, from_stored, readable, stored
from warehouse.changes import mark_changed
from warehouse.db import transaction
from warehouse.schema import DOCUMENT_TABLES
from warehouse.versions import modified_at, report_key

LoadResult = Literal["inserted", "unchanged", "replaced", "duplicate", "superseded"]

STAGES = ("discover", "read", "extract", "load")
REASONS = (
    "empty",
    "corrupt",
    "encrypted",
    "scanned_needs_ocr",
    "unsupported_format",
    "converter_missing",
    "not_a_report",
    "too_large",
    "too_slow",
    "unsafe",
    "vanished",
    "duplicate",
    "superseded",
    "error",
)

REPORT_TABLES = ("documents", *DOCUMENT_TABLES, "ingest_failures")
"""What loading a file can change (marked for the next dbt build, warehouse.changes)."""

MONEY = "DECIMAL(18,4)"  # 万元
RATIO = "DECIMAL(9,4)"  # percent, weight, score
_QUANTUM = Decimal("0.0001")
_INTEGER_DIGITS = {MONEY: 14, RATIO: 5}

# Column lists in table order: (name, DuckDB type). DECIMAL/JSON/TIMESTAMP values travel as strings.
_PROVENANCE_COLS = [("page", "INTEGER"), ("table_index", "INTEGER"), ("row_index", "INTEGER"), ("raw_text", "VARCHAR")]
_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("document_id", "VARCHAR"), ("source_path", "VARCHAR"), ("source_name", "VARCHAR"),
        ("format", "VARCHAR"), ("size_bytes", "BIGINT"), ("n_pages", "INTEGER"),
        ("extractor_version", "VARCHAR"), ("loaded_at", "TIMESTAMP"), ("fiscal_year", "INTEGER"),
        ("unit_name", "VARCHAR"), ("unit_aliases", "VARCHAR[]"), ("region_code", "VARCHAR"),
        ("province", "VARCHAR"), ("prefecture", "VARCHAR"), ("county", "VARCHAR"),
        ("unit_code", "VARCHAR"), ("credit_code", "VARCHAR"), ("page", "INTEGER"), ("raw_text", "VARCHAR"),
        ("extraction_json", "JSON"), ("ocr_pages", "INTEGER"), ("ocr_lines", "INTEGER"),
        ("ocr_mean_confidence", RATIO), ("ocr_low_confidence_lines", "INTEGER"),
        ("modified_at", "TIMESTAMP"), ("report_key", "VARCHAR"),
    ],
    "reports": [
        ("document_id", "VARCHAR"), ("report_index", "INTEGER"), ("kind", "VARCHAR"), ("title", "VARCHAR"),
        ("project", "VARCHAR"), ("score", RATIO), ("grade", "VARCHAR"), *_PROVENANCE_COLS,
    ],
    "projects": [
        ("document_id", "VARCHAR"), ("project_index", "INTEGER"), ("name", "VARCHAR"),
        ("budget_initial_wan", MONEY), ("budget_full_year_wan", MONEY), ("executed_wan", MONEY),
        ("carryover_wan", MONEY), ("execution_rate_pct", RATIO), *_PROVENANCE_COLS,
    ],
    "spending_items": [
        ("document_id", "VARCHAR"), ("item_index", "INTEGER"), ("project", "VARCHAR"), ("item", "VARCHAR"),
        ("amount_wan", MONEY), *_PROVENANCE_COLS,
    ],
    "indicators": [
        ("document_id", "VARCHAR"), ("indicator_index", "INTEGER"), ("project", "VARCHAR"),
        ("level1", "VARCHAR"), ("level2", "VARCHAR"), ("name", "VARCHAR"), ("target", "VARCHAR"),
        ("actual", "VARCHAR"), ("weight", RATIO), ("score", RATIO), ("note", "VARCHAR"),
        ("target_comparator", "VARCHAR"), ("target_value", MONEY), ("target_value_high", MONEY),
        ("target_unit", "VARCHAR"), ("actual_comparator", "VARCHAR"), ("actual_value", MONEY),
        ("actual_value_high", MONEY), ("actual_unit", "VARCHAR"), ("met", "VARCHAR"), *_PROVENANCE_COLS,
    ],
    "department_totals": [
        ("document_id", "VARCHAR"), ("income_total_wan", MONEY), ("expenditure_total_wan", MONEY),
        ("basic_expenditure_wan", MONEY), ("project_expenditure_wan", MONEY),
        ("budget_initial_total_wan", MONEY), ("carryover_total_wan", MONEY),
        ("three_public_expenses_wan", MONEY),
    ],
    "extraction_warnings": [
        ("document_id", "VARCHAR"), ("warning_index", "INTEGER"), ("field", "VARCHAR"), ("message", "VARCHAR"),
    ],
    "divisions": [
        ("code", "VARCHAR"), ("name", "VARCHAR"), ("level", "VARCHAR"), ("parent_code", "VARCHAR"),
        ("province", "VARCHAR"), ("prefecture", "VARCHAR"), ("county", "VARCHAR"),
    ],
}
_TOTALS = ("income_total", "expenditure_total", "basic_expenditure", "project_expenditure",
           "budget_initial_total", "carryover_total", "three_public_expenses")


# --------------------------------------------------------------------------------------------------
# Values: strings from the Extraction → exact decimals (or NULL plus a warning)


class _Warnings:
    """The loader's own warnings for one document, added after the extractor's."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.items.append((field, f"loader: {message}"))


def to_decimal(value: Any, sql_type: str = MONEY, *, field: str = "", warnings: _Warnings | None = None) -> Decimal | None:
    """An exact decimal for a DECIMAL column, or None (with a warning) when `value` is not a number.

    Accepts the Extraction's decimal strings, tolerating thousands separators, blanks and a trailing
    '%'. Values with more than 4 decimals are rounded half-to-even (and warned about); values too large
    for the column become NULL."""

    def warn(msg: str) -> None:
        if warnings is not None:
            warnings.add(field, msg)

    if value is None:
        return None
    if isinstance(value, bool):
        warn(f"{value!r} is not a number; stored NULL")
        return None
    if isinstance(value, Decimal | int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    elif isinstance(value, str):
        s = value.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")
        if s.endswith(("%", "％")) and sql_type == RATIO:
            s = s[:-1]
        if s == "":
            return None
        try:
            d = Decimal(s)
        except InvalidOperation:
            warn(f"{value!r} is not a number; stored NULL")
            return None
    else:
        warn(f"{value!r} ({type(value).__name__}) is not a number; stored NULL")
        return None
    if not d.is_finite():
        warn(f"{value!r} is not a finite number; stored NULL")
        return None
    q = d.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
    if q != d:
        warn(f"{value!r} has more than 4 decimals; rounded to {q}")
    if abs(q) >= Decimal(10) ** _INTEGER_DIGITS[sql_type]:
        warn(f"{value!r} is too large for {sql_type}; stored NULL")
        return None
    return q


def _dec_str(value: Any, sql_type: str, field: str, warnings: _Warnings) -> str | None:
    d = to_decimal(value, sql_type, field=field, warnings=warnings)
    return None if d is None else format(d, "f")


def _int(value: Any, field: str, warnings: _Warnings) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        warnings.add(field, f"{value!r} is not an integer; stored NULL")
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _provenance(row: Mapping[str, Any], field: str, warnings: _Warnings) -> dict[str, Any]:
    prov = row.get("provenance") or {}
    return {
        "page": _int(prov.get("page"), f"{field}.provenance.page", warnings),
        "table_index": _int(prov.get("table"), f"{field}.provenance.table", warnings),
        "row_index": _int(prov.get("row"), f"{field}.provenance.row", warnings),
        "raw_text": _text(prov.get("raw_text")),
    }


def _parsed(parsed: Any) -> Mapping[str, Any]:
    return parsed if isinstance(parsed, Mapping) else {}


# --------------------------------------------------------------------------------------------------
# Extraction → rows (pure; everything is converted before the transaction starts)


def _ocr_columns(ocr: Any, w: _Warnings) -> dict[str, Any]:
    """raw.documents' OCR columns from the extraction's `ocr` summary: a document nothing was read
    by OCR in has 0 OCR pages and lines (NULL confidence)."""
    ocr = ocr if isinstance(ocr, Mapping) else {}
    return {
        "ocr_pages": len(ocr.get("pages") or []),
        "ocr_lines": _int(ocr.get("lines") or 0, "ocr.lines", w),
        "ocr_mean_confidence": _dec_str(ocr.get("mean_confidence"), RATIO, "ocr.mean_confidence", w),
        "ocr_low_confidence_lines": _int(ocr.get("low_confidence_lines") or 0, "ocr.low_confidence_lines", w),
    }


def extraction_rows(
    extraction: Mapping[str, Any], *, source_path: str, size_bytes: int, loaded_at: datetime | None = None,
    modified: datetime | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows one Extraction becomes, per raw table (documents first). `modified`: when the file's
    content was last modified (warehouse.versions; the newest version of a report wins)."""
    sha = extraction.get("sha256")
    if not isinstance(sha, str) or not sha:
        raise ValueError("the Extraction has no sha256: load what `ingest.extract.extract_file` returns")
    w = _Warnings()
    unit = extraction.get("unit") or {}
    unit_prov = _provenance(unit, "unit", w)
    aliases = unit.get("aliases") or []
    loaded = (loaded_at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    fmt = extraction.get("format") or PurePath(source_path).suffix.lstrip(".").lower() or None
    doc = {
        "document_id": sha,
        "source_path": source_path,
        "source_name": readable(PurePath(from_stored(source_path)).name),
        "format": fmt,
        "size_bytes": int(size_bytes),
        "n_pages": _int(extraction.get("n_pages"), "n_pages", w),
        "extractor_version": _text(extraction.get("extractor_version")),
        "loaded_at": loaded.isoformat(sep=" "),
        "fiscal_year": _int(extraction.get("fiscal_year"), "fiscal_year", w),
        "unit_name": _text(unit.get("name")),
        "unit_aliases": [_text(a) for a in aliases if a is not None],
        "region_code": _text(unit.get("region_code")),
        "province": _text(unit.get("province")),
        "prefecture": _text(unit.get("prefecture")),
        "county": _text(unit.get("county")),
        "unit_code": _text(unit.get("unit_code")),
        "credit_code": _text(unit.get("credit_code")),
        "page": unit_prov["page"],
        "raw_text": unit_prov["raw_text"],
        "extraction_json": canonical_json(extraction),
        **_ocr_columns(extraction.get("ocr"), w),
        "modified_at": modified.isoformat(sep=" ") if modified is not None else None,
        "report_key": report_key(extraction),
    }
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", *DOCUMENT_TABLES)}
    rows["documents"].append(doc)

    for i, r in enumerate(extraction.get("reports") or []):
        f = f"reports[{i}]"
        rows["reports"].append({
            "document_id": sha, "report_index": i, "kind": _text(r.get("kind")), "title": _text(r.get("title")),
            "project": _text(r.get("project")), "score": _dec_str(r.get("score"), RATIO, f"{f}.score", w),
            "grade": _text(r.get("grade")), **_provenance(r, f, w),
        })
    for i, p in enumerate(extraction.get("projects") or []):
        f = f"projects[{i}]"
        rows["projects"].append({
            "document_id": sha, "project_index": i, "name": _text(p.get("name")),
            "budget_initial_wan": _dec_str(p.get("budget_initial"), MONEY, f"{f}.budget_initial", w),
            "budget_full_year_wan": _dec_str(p.get("budget_full_year"), MONEY, f"{f}.budget_full_year", w),
            "executed_wan": _dec_str(p.get("executed"), MONEY, f"{f}.executed", w),
            "carryover_wan": _dec_str(p.get("carryover"), MONEY, f"{f}.carryover", w),
            "execution_rate_pct": _dec_str(p.get("execution_rate"), RATIO, f"{f}.execution_rate", w),
            **_provenance(p, f, w),
        })
    for i, s in enumerate(extraction.get("spending_items") or []):
        f = f"spending_items[{i}]"
        rows["spending_items"].append({
            "document_id": sha, "item_index": i, "project": _text(s.get("project")), "item": _text(s.get("item")),
            "amount_wan": _dec_str(s.get("amount"), MONEY, f"{f}.amount", w), **_provenance(s, f, w),
        })
    for i, ind in enumerate(extraction.get("indicators") or []):
        f = f"indicators[{i}]"
        tp, ap = _parsed(ind.get("target_parsed")), _parsed(ind.get("actual_parsed"))
        rows["indicators"].append({
            "document_id": sha, "indicator_index": i, "project": _text(ind.get("project")),
            "level1": _text(ind.get("level1")), "level2": _text(ind.get("level2")), "name": _text(ind.get("name")),
            "target": _text(ind.get("target")), "actual": _text(ind.get("actual")),
            "weight": _dec_str(ind.get("weight"), RATIO, f"{f}.weight", w),
            "score": _dec_str(ind.get("score"), RATIO, f"{f}.score", w),
            "note": _text(ind.get("note")),
            "target_comparator": _text(tp.get("comparator")),
            "target_value": _dec_str(tp.get("value"), MONEY, f"{f}.target_parsed.value", w),
            "target_value_high": _dec_str(tp.get("value_high"), MONEY, f"{f}.target_parsed.value_high", w),
            "target_unit": _text(tp.get("unit")),
            "actual_comparator": _text(ap.get("comparator")),
            "actual_value": _dec_str(ap.get("value"), MONEY, f"{f}.actual_parsed.value", w),
            "actual_value_high": _dec_str(ap.get("value_high"), MONEY, f"{f}.actual_parsed.value_high", w),
            "actual_unit": _text(ap.get("unit")),
            "met": _text(ind.get("met")), **_provenance(ind, f, w),
        })
    totals = extraction.get("department_totals")
    if isinstance(totals, Mapping) and any(totals.get(k) not in (None, "") for k in _TOTALS):
        rows["department_totals"].append({
            "document_id": sha,
            **{f"{k}_wan": _dec_str(totals.get(k), MONEY, f"department_totals.{k}", w) for k in _TOTALS},
        })
    warnings = [
        (_text(x.get("field")), _text(x.get("message"))) if isinstance(x, Mapping) else (None, _text(x))
        for x in extraction.get("warnings") or []
    ] + w.items
    rows["extraction_warnings"] = [
        {"document_id": sha, "warning_index": i, "field": f, "message": m} for i, (f, m) in enumerate(warnings)
    ]
    return rows


def canonical_json(extraction: Mapping[str, Any]) -> str:
    """The Extraction as stable JSON text (sorted keys), so that equal extractions compare equal."""
    return json.dumps(_storable(extraction), ensure_ascii=False, sort_keys=True, default=str)


def _storable(obj: Any) -> Any:
    """`obj` with every string storable: a file name that is not UTF-8 (lone surrogates) shown readably."""
    if isinstance(obj, str):
        return clean_text(obj)
    if isinstance(obj, Mapping):
        return {k: _storable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_storable(v) for v in obj]
    return obj


# --------------------------------------------------------------------------------------------------
# Database helpers


def _json_type(sql_type: str) -> Any:
    if sql_type.endswith("[]"):
        return [_json_type(sql_type[:-2])]
    return sql_type if sql_type in ("INTEGER", "BIGINT") else "VARCHAR"


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert `rows` into raw.`table` in one statement (JSON in, typed columns out; fast and exact)."""
    if not rows:
        return 0
    cols = _COLUMNS[table]
    structure = json.dumps([{name: _json_type(t) for name, t in cols}]).replace("'", "''")
    names = ", ".join(name for name, _ in cols)
    select = ", ".join(f"CAST(r.{name} AS {t})" for name, t in cols)
    conn.execute(
        f"INSERT INTO raw.{table} ({names}) SELECT {select} "
        f"FROM (SELECT unnest(from_json(?::JSON, '{structure}')) AS r)",
        [json.dumps(list(rows), ensure_ascii=False)],
    )
    return len(rows)


def _delete_document(conn: duckdb.DuckDBPyConnection, document_id: str) -> None:
    for table in DOCUMENT_TABLES:
        conn.execute(f"DELETE FROM raw.{table} WHERE document_id = ?", [document_id])
    conn.execute("DELETE FROM raw.documents WHERE document_id = ?", [document_id])


def _insert_document(conn: duckdb.DuckDBPyConnection, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    insert_rows(conn, "documents", rows["documents"])
    for table in DOCUMENT_TABLES:
        insert_rows(conn, table, rows[table])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _upsert_failure(
    conn: duckdb.DuckDBPyConnection, source_path: str, sha256: str | None, stage: str, reason: str, message: str,
    budgets: str | None = None,
    extractor_version: str | None = None,
) -> None:
    """`source_path` in its stored form (ingest.names.stored)."""
    now = _now()
    name = readable(PurePath(from_stored(source_path)).name)
    message = clean_text(message)
    (updated,) = conn.execute(
        "UPDATE raw.ingest_failures SET reason = ?, message = ?, source_name = ?, last_seen_at = ?, budgets = ?, "
        "extractor_version = ? WHERE source_path = ? AND sha256 IS NOT DISTINCT FROM ? AND stage = ?",
        [reason, message, name, now, budgets, extractor_version, source_path, sha256, stage],
    ).fetchone() or (0,)
    if not updated:
        conn.execute(
            "INSERT INTO raw.ingest_failures (source_path, source_name, sha256, stage, reason, message, "
            "first_seen_at, last_seen_at, budgets, extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source_path, name, sha256, stage, reason, message, now, now, budgets, extractor_version],
        )


def _same_report(conn: duckdb.DuckDBPyConnection, old_sha: str, doc: Mapping[str, Any]) -> bool:
    """Whether the loaded document `old_sha` reports on the same unit and year as `doc` (both known)."""
    row = conn.execute("SELECT unit_name, fiscal_year FROM raw.documents WHERE document_id = ?",
                       [old_sha]).fetchone()
    if row is None or row[0] is None or row[1] is None:
        return False
    return (row[0], row[1]) == (doc.get("unit_name"), doc.get("fiscal_year"))


def _supersede(conn: duckdb.DuckDBPyConnection, old_sha: str, new_sha: str, at_path: str,
               why: str | None = None) -> None:
    """`old_sha` is an older version of the report whose current version `new_sha` is at `at_path` (by
    default: that file held `old_sha` and was replaced by its correction). Every other copy of the old
    bytes stops counting (its document is dropped, its row says `why`), on this night and the next
    ones, whatever its name."""
    shown = readable(PurePath(from_stored(at_path)).name)
    why = why or (f"same bytes as an earlier version of {shown}, which has since been replaced by a corrected "
                  f"file (sha256 {new_sha[:12]}…); this older copy is not loaded. Remove it from the inbox, "
                  "or replace it")
    for (path,) in conn.execute(
        "SELECT source_path FROM raw.documents WHERE document_id = ? AND source_path <> ?", [old_sha, at_path]
    ).fetchall():
        _delete_document(conn, old_sha)
        conn.execute("DELETE FROM raw.ingest_failures WHERE source_path = ?", [path])
        _upsert_failure(conn, path, old_sha, "load", "superseded", why)
    conn.execute(
        "UPDATE raw.ingest_failures SET reason = 'superseded', message = ? "
        "WHERE sha256 = ? AND source_path <> ? AND reason = 'duplicate'",
        [why, old_sha, at_path],
    )


def _older_version_note(newer_path: str, newer_sha: str, newer_time: datetime) -> str:
    shown = readable(PurePath(from_stored(newer_path)).name)
    return (f"an older version of the report in {shown} (same unit, division, year, reports and projects; "
            f"that file, sha256 {newer_sha[:12]}…, was modified later, {newer_time:%Y-%m-%d %H:%M:%S} UTC); "
            "this file is not loaded. Remove it from the inbox, or replace it")


def _versions(
    conn: duckdb.DuckDBPyConnection, key: str | None, doc: Mapping[str, Any], exists: Callable[[str], bool]
) -> list[tuple[datetime, str, str]]:
    """(modified at, sha256, path) of the other loaded documents of the same report whose file is still
    in the inbox. A document loaded before keys and times were stored (modified_at NULL) is keyed from
    its extraction and dated by its load."""
    if key is None:
        return []
    rows = conn.execute(
        "SELECT coalesce(modified_at, loaded_at), document_id, source_path, report_key, "
        "CASE WHEN modified_at IS NULL THEN extraction_json::VARCHAR END FROM raw.documents "
        "WHERE document_id <> ? AND (report_key = ? OR (modified_at IS NULL AND unit_name = ? AND fiscal_year = ?))",
        [doc["document_id"], key, doc["unit_name"], doc["fiscal_year"]],
    ).fetchall()
    return [(t, sha, path) for t, sha, path, k, ej in rows
            if (k == key or (ej is not None and report_key(json.loads(ej)) == key)) and exists(path)]


# --------------------------------------------------------------------------------------------------
# The API


class StoredPaths(frozenset):
    """Inbox paths already in their stored form: build once per run (`stored_paths`) and pass to every
    `load_extraction`, instead of converting the whole inbox again for each file."""


def stored_paths(paths: Iterable[str]) -> StoredPaths:
    return StoredPaths(stored(str(p)) for p in paths)


def load_extraction(
    conn: duckdb.DuckDBPyConnection, extraction: Mapping[str, Any], *, source_path: str, size_bytes: int,
    present_paths: Container[str] | None = None, modified_ns: int | None = None,
) -> LoadResult:
    """Load one file's Extraction in one transaction; say what happened.

    'inserted': new content at a new path. 'unchanged': these bytes are already loaded at this path
    with the same extraction. 'replaced': the earlier rows of this path (changed file) or of these
    bytes (re-extracted by a newer extractor, or moved from a path that no longer exists) were
    replaced. 'duplicate': the same bytes are loaded from another, still existing path; recorded in
    raw.ingest_failures and nothing else loaded; or 'superseded': these bytes are an earlier version of
    a report whose file has since been corrected in place (see `_supersede`), or an older version of a
    report another file in the inbox holds in a newer version (warehouse.versions).

    `present_paths` are the files in the inbox now (as passed here): another copy counts as existing
    only if it is among them, so a whole inbox moved to a new folder is a move, not a set of
    duplicates of the old folder. Without it, the file system is asked. `modified_ns`: when these
    bytes were last modified (the earliest mtime among their copies in the inbox); default the file's
    own mtime."""
    fs_path = str(source_path)
    source_path = stored(fs_path)
    present = (present_paths if isinstance(present_paths, StoredPaths) else
               None if present_paths is None else stored_paths(present_paths))

    def exists(path: str) -> bool:
        return path in present if present is not None else os.path.exists(from_stored(path))

    if modified_ns is None:
        try:
            modified_ns = os.stat(fs_path).st_mtime_ns
        except OSError:
            modified_ns = time.time_ns()
    modified = modified_at(modified_ns)
    rows = extraction_rows(extraction, source_path=source_path, size_bytes=size_bytes, modified=modified)
    doc = rows["documents"][0]
    sha = doc["document_id"]
    with transaction(conn):
        same_bytes = conn.execute(
            "SELECT source_path, extraction_json::VARCHAR, size_bytes FROM raw.documents WHERE document_id = ?",
            [sha],
        ).fetchone()
        at_path = conn.execute(
            "SELECT document_id FROM raw.documents WHERE source_path = ? AND document_id <> ?", [source_path, sha]
        ).fetchone()
        earlier = {r[0] for r in conn.execute(
            "SELECT DISTINCT sha256 FROM raw.ingest_failures WHERE source_path = ? AND sha256 IS NOT NULL "
            "AND sha256 <> ? AND reason IN ('duplicate', 'superseded')", [source_path, sha]).fetchall()}
        if at_path is not None:
            earlier.add(at_path[0])
        # a correction is the same report (unit and year) republished under the same name; other new
        # content under an old name (a different report) supersedes nothing
        earlier = {old for old in earlier if _same_report(conn, old, doc)}
        if at_path is not None:  # the file at this path changed: its old content is gone
            _delete_document(conn, at_path[0])
        superseded_here = conn.execute(
            "SELECT 1 FROM raw.ingest_failures WHERE sha256 = ? AND reason = 'superseded' LIMIT 1", [sha]
        ).fetchone()
        if superseded_here is not None:
            conn.execute("DELETE FROM raw.ingest_failures WHERE source_path = ? AND sha256 IS DISTINCT FROM ?",
                         [source_path, sha])
            msg = conn.execute("SELECT message FROM raw.ingest_failures WHERE sha256 = ? AND reason = "
                               "'superseded' LIMIT 1", [sha]).fetchone()
            _upsert_failure(conn, source_path, sha, "load", "superseded", msg[0] if msg else "superseded")
            mark_changed(conn, REPORT_TABLES)
            return "superseded"
        for old_sha in sorted(earlier):
            _supersede(conn, old_sha, sha, source_path)
        versions = _versions(conn, doc["report_key"], doc, exists)
        newest = max(versions, default=None)
        if newest is not None and newest[:2] > (modified, sha):  # a newer version is loaded: not this one
            why = _older_version_note(newest[2], newest[1], newest[0])
            _supersede(conn, sha, newest[1], newest[2], why)
            conn.execute("DELETE FROM raw.ingest_failures WHERE source_path = ? AND sha256 IS DISTINCT FROM ?",
                         [source_path, sha])
            _upsert_failure(conn, source_path, sha, "load", "superseded", why)
            mark_changed(conn, REPORT_TABLES)
            return "superseded"
        for _, old_sha, _ in sorted(versions):  # this is the newest version: the older ones stop counting
            _supersede(conn, old_sha, sha, source_path, _older_version_note(source_path, sha, modified))
        if earlier or versions:
            same_bytes = conn.execute(
                "SELECT source_path, extraction_json::VARCHAR, size_bytes FROM raw.documents WHERE document_id = ?",
                [sha]).fetchone()

        if same_bytes is not None and same_bytes[0] != source_path and exists(same_bytes[0]):
            # this copy's earlier failures (other bytes, or these bytes at another stage) are obsolete
            conn.execute(
                "DELETE FROM raw.ingest_failures WHERE source_path = ? "
                "AND NOT (sha256 IS NOT DISTINCT FROM ? AND stage = 'load')",
                [source_path, sha],
            )
            _upsert_failure(
                conn, source_path, sha, "load", "duplicate",
                f"same bytes as {same_bytes[0]}, which is already loaded; this copy is skipped (nothing to do, "
                "unless the two files were meant to differ: then replace this one)",
            )
            mark_changed(conn, REPORT_TABLES)
            return "duplicate"

        if same_bytes is not None and same_bytes[0] == source_path and same_bytes[1] == doc["extraction_json"] \
                and same_bytes[2] == doc["size_bytes"] and at_path is None:
            result: LoadResult = "unchanged"
        else:
            if same_bytes is not None:
                _delete_document(conn, sha)
            _insert_document(conn, rows)
            result = "replaced" if (same_bytes is not None or at_path is not None) else "inserted"
        cleared = conn.execute("DELETE FROM raw.ingest_failures WHERE source_path = ?", [source_path]).fetchone()
        if result != "unchanged" or earlier or versions or (cleared and cleared[0]):
            mark_changed(conn, REPORT_TABLES)
    return result


def insert_new_documents(
    conn: duckdb.DuckDBPyConnection, files: Sequence[tuple[Mapping[str, Any], str, int, int | None]]
) -> list[bool]:
    """Insert, one statement per table for all of them, the files of a batch that are plainly new: bytes
    and path the warehouse has never seen (neither loaded nor failed), a report no loaded document is a
    version of (warehouse.versions), and nothing another file of the batch shares. `files` are
    (extraction, source_path as the file system spells it, size_bytes, modified_ns or None); True for
    each file inserted. For such a file every rule of `load_extraction` ends in "inserted" with these
    same rows, so the back-fill's common case skips a dozen statements a file; every other file (a
    change, a copy, a correction, a version of a loaded report, an extraction the loader refuses) is
    left to `load_extraction`. Call it inside the batch's transaction."""
    rows_of: list[dict[str, list[dict[str, Any]]] | None] = []
    for extraction, fs_path, size_bytes, modified_ns in files:
        try:
            if modified_ns is None:  # as load_extraction: the file's own time
                try:
                    modified_ns = os.stat(fs_path).st_mtime_ns
                except OSError:
                    modified_ns = time.time_ns()
            modified = modified_at(modified_ns)
            rows_of.append(extraction_rows(extraction, source_path=stored(str(fs_path)), size_bytes=size_bytes,
                                           modified=modified))
        except Exception:  # load_extraction will say why, for this file alone
            rows_of.append(None)
    docs = [r["documents"][0] if r else None for r in rows_of]
    keys = [(d["source_path"], d["document_id"]) if d else None for d in docs]
    paths = [k[0] for k in keys if k]
    shas = [k[1] for k in keys if k]
    report_keys = [d["report_key"] for d in docs if d and d.get("report_key")]
    shared = {x for x, n in Counter(paths + shas + report_keys).items() if n > 1}
    known = {r[0] for r in conn.execute(
        "SELECT source_path FROM raw.documents WHERE source_path IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT source_path FROM raw.ingest_failures WHERE source_path IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT document_id FROM raw.documents WHERE document_id IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT sha256 FROM raw.ingest_failures WHERE sha256 IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT report_key FROM raw.documents WHERE report_key IN (SELECT unnest(?::VARCHAR[]))",
        [paths, paths, shas, shas, report_keys]).fetchall()} if keys else set()
    # documents loaded before report keys were stored may be versions of anything: none is plainly new then
    unkeyed = bool(report_keys) and conn.execute(
        "SELECT count(*) FROM raw.documents WHERE report_key IS NULL AND modified_at IS NULL").fetchone()[0] > 0
    plain = [d is not None and k is not None and not ({k[0], k[1], d.get("report_key")} & (known | shared))
             and not (unkeyed and d.get("report_key"))
             for d, k in zip(docs, keys, strict=True)]
    chosen = [r for r, ok in zip(rows_of, plain, strict=True) if ok and r is not None]
    if chosen:
        insert_rows(conn, "documents", [d for r in chosen for d in r["documents"]])
        for table in DOCUMENT_TABLES:
            insert_rows(conn, table, [row for r in chosen for row in r[table]])
        mark_changed(conn, REPORT_TABLES)
    return plain


def _clear_other_failures(conn: duckdb.DuckDBPyConnection, source_path: str, keep_sha: str | None) -> None:
    """Failure rows of other contents at this path are obsolete: a path holds one file at a time."""
    conn.execute(
        "DELETE FROM raw.ingest_failures WHERE source_path = ? AND sha256 IS DISTINCT FROM ?",
        [source_path, keep_sha],
    )


def record_failure(
    conn: duckdb.DuckDBPyConnection,
    *,
    source_path: str,
    sha256: str | None,
    stage: str,
    reason: str,
    message: str,
    budgets: str | None = None,
    extractor_version: str | None = None,
) -> None:
    """Record why a file could not be read, extracted or loaded: one row per (path, sha256, stage).

    Recording the same failure again only moves `last_seen_at`. Failure rows of earlier contents at the
    same path are dropped, and so is a document loaded from that path with other bytes (the file
    changed and its new content failed; the old rows no longer describe a file in the inbox). An
    unknown reason is stored as 'error' with the original code kept in the message. `budgets` is the
    fingerprint of the budgets a too_slow / too_large file was read under; `extractor_version` the
    extractor that judged a file not_a_report (a newer one tries it again)."""
    source_path = stored(str(source_path))
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
    if reason not in REASONS:
        message = f"[{reason}] {message}"
        reason = "error"
    with transaction(conn):
        if sha256 is not None:
            stale = conn.execute(
                "SELECT document_id FROM raw.documents WHERE source_path = ? AND document_id <> ?",
                [source_path, sha256],
            ).fetchall()
            for (doc_id,) in stale:
                _delete_document(conn, doc_id)
            _clear_other_failures(conn, source_path, keep_sha=sha256)
        _upsert_failure(conn, source_path, sha256, stage, reason, message or "", budgets, extractor_version)
        mark_changed(conn, REPORT_TABLES)


def forget_missing(conn: duckdb.DuckDBPyConnection, present_paths: Iterable[str],
                   scope: Callable[[str], bool] | None = None) -> int:
    """Drop documents (and failure rows) whose file is no longer in the inbox; return how many documents.

    `present_paths` must spell paths the way they were passed to `load_extraction`. `scope` (a test on
    a path as the file system spells it) limits what may be dropped: a run of one publisher forgets
    only that publisher's files. The paths to drop are worked out here and handed to DuckDB as one
    list, joined as a table (not a list searched once per stored row)."""
    present = {stored(str(p)) for p in present_paths}
    with transaction(conn):
        docs = conn.execute("SELECT source_path, document_id FROM raw.documents").fetchall()
        gone = [doc_id for path, doc_id in docs
                if path not in present and (scope is None or scope(from_stored(path)))]
        for doc_id in gone:
            _delete_document(conn, doc_id)
        failed = {path for (path,) in conn.execute("SELECT DISTINCT source_path FROM raw.ingest_failures").fetchall()}
        dropped = sorted(path for path in failed
                         if path not in present and (scope is None or scope(from_stored(path))))
        if dropped:
            conn.execute("DELETE FROM raw.ingest_failures WHERE source_path IN (SELECT unnest(?::VARCHAR[]))",
                         [dropped])
        if gone or dropped:
            mark_changed(conn, REPORT_TABLES)
    return len(gone)


def _division_row(d: Any) -> dict[str, Any]:
    src = asdict(d) if is_dataclass(d) and not isinstance(d, type) else dict(d)
    return {name: _text(src.get(name)) for name, _ in _COLUMNS["divisions"]}


def division_rows(divisions: Iterable[Any] | None = None) -> list[dict[str, Any]]:
    """raw.divisions rows of `ingest.regions.divisions()` (or `divisions`), sorted by code."""
    if divisions is None:
        from ingest.regions import divisions as all_divisions

        divisions = all_divisions()
    return sorted((_division_row(d) for d in divisions), key=lambda r: r["code"] or "")


def load_divisions(conn: duckdb.DuckDBPyConnection, divisions: Iterable[Any] | None = None) -> int:
    """Replace raw.divisions with `ingest.regions.divisions()` (or `divisions`); return the row count.

    Skips the write when the table already holds exactly these rows."""
    from warehouse.changes import fingerprint, set_state

    rows = division_rows(divisions)
    wanted = [tuple(r[name] for name, _ in _COLUMNS["divisions"]) for r in rows]
    names = ", ".join(name for name, _ in _COLUMNS["divisions"])
    with transaction(conn):
        current = conn.execute(f"SELECT {names} FROM raw.divisions ORDER BY code").fetchall()
        if current != wanted:
            conn.execute("DELETE FROM raw.divisions")
            insert_rows(conn, "divisions", rows)
            mark_changed(conn, ["divisions"])
        set_state(conn, "divisions_fingerprint", fingerprint(rows))
    return len(rows)
