"""The read-only serving copy: what SQL users, notebooks and BI tools open instead of the writer's file.

DuckDB lets one process write a file or many read it, never both; a reader of the writer's file would
block the nightly load, and could see marts half rebuilt. So after each good build `publish()` exports
every table and view of schema `marts` (plus `raw.ingest_failures`) to Parquet in a new, immutable
version folder, writes a small DuckDB database of views over those files, and swaps it in atomically:

    <serving dir>/
      v20261123T020512345678Z/   one folder per publication: <table>.parquet …, jixiao.duckdb, manifest.json
      jixiao.duckdb              copy of the current version's database (replaced with os.replace)
      CURRENT                    name of the current version (replaced with os.replace)
      current -> v…              symlink to the current version folder (replaced with os.replace)

A reader sees the old version or the new one, never a mix: a version's files never change once it is
visible. The views name their Parquet files by absolute path, so the database opens from any working
directory. The newest `keep` versions are kept (and none superseded less than `grace_s` ago), so a
reader that opened the previous version keeps working while the next one is published.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock

from warehouse.db import connect, locked, resolve_db_path
from warehouse.settings import duckdb_config
from warehouse.settings import serving_dir as default_serving_dir

MARTS_SCHEMAS = ("marts", "main_marts")
"""Where dbt builds the marts; the first that exists is published (dbt_project uses `marts`)."""
EXTRA_TABLES = (("raw", "ingest_failures"),)
"""Raw tables readers need besides the marts, published under their own name."""
SERVING_DB_NAME = "jixiao.duckdb"
VERSION_RE = re.compile(r"^v\d{8}T\d{12}Z$")


READER_CONFIG: dict[str, Any] = {
    "enable_external_access": False,  # no ATTACH, COPY, EXPORT, INSTALL, read_text/glob/read_csv of any path
    "lock_configuration": True,  # and no SET/RESET that would turn it back on
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
"""DuckDB settings of every reader connection (jixiao sql, connect_serving, what the docs give BI tools):
with `read_only=True`, a reader can neither write the serving copy nor touch any other file."""

QUERY_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})
"""Statement types `jixiao sql` runs (SELECT covers DESCRIBE, SHOW, SUMMARIZE, PRAGMA queries, FROM …)."""


class NotPublishedError(FileNotFoundError):
    """Nothing has been published to the serving folder yet."""


def _serving_root(serving_dir: str | Path | None) -> Path:
    return Path(serving_dir).expanduser().resolve() if serving_dir is not None else default_serving_dir()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _file_stem(name: str) -> str:
    """A table name as a safe file name (dbt model names already are)."""
    return re.sub(r"[^0-9A-Za-z_.-]", "_", name).lstrip(".") or "table"


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _new_version_name(root: Path) -> str:
    """A version name later than every existing one: `v` + UTC time to the microsecond + `Z`."""
    stamp = datetime.now(UTC)
    existing = [p.name for p in root.iterdir() if VERSION_RE.match(p.name)]
    if existing:
        stamp = max(stamp, _version_time(max(existing)) + timedelta(microseconds=1))
    return "v" + stamp.strftime("%Y%m%dT%H%M%S%f") + "Z"


def _version_time(name: str) -> datetime:
    return datetime.strptime(name[1:-1], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)


def _published_tables(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(schema, name, published name) of everything to publish, marts first."""
    rows = conn.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() ORDER BY table_schema, table_name"
    ).fetchall()
    by_schema: dict[str, list[str]] = {}
    for schema, name in rows:
        by_schema.setdefault(schema, []).append(name)
    out: list[tuple[str, str, str]] = []
    marts = next((s for s in MARTS_SCHEMAS if s in by_schema), None)
    if marts is not None:
        out += [(marts, t, t) for t in by_schema[marts]]
    taken = {t for _, _, t in out}
    out += [(s, t, t) for s, t in EXTRA_TABLES if t in by_schema.get(s, []) and t not in taken]
    return out


def _comments(conn: duckdb.DuckDBPyConnection, schemas: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """Table and column comments of `schemas` (dbt's persist_docs, the raw DDL), to carry over."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for schema, name, comment in conn.execute(
        "SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE database_name = current_database() "
        "AND list_contains(?::VARCHAR[], schema_name) UNION ALL SELECT schema_name, view_name, comment "
        "FROM duckdb_views() WHERE database_name = current_database() AND list_contains(?::VARCHAR[], schema_name)",
        [schemas, schemas],
    ).fetchall():
        out[(schema, name)] = {"comment": comment or None, "columns": {}}
    for schema, name, column, comment in conn.execute(
        "SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND list_contains(?::VARCHAR[], schema_name) "
        "AND comment IS NOT NULL AND comment <> ''",
        [schemas],
    ).fetchall():
        out.setdefault((schema, name), {"comment": None, "columns": {}})["columns"][column] = comment
    return out


def publish(
    db_path: str | Path | None = None,
    serving_dir: str | Path | None = None,
    *,
    keep: int = 2,
    grace_s: float = 60.0,
) -> Path:
    """Export the marts (and raw.ingest_failures) to a new serving version and make it current.

    Holds the writer lock throughout, so the export is one consistent state of a finished build and
    no load or dbt run starts half-way. Returns the new version folder."""
    source = resolve_db_path(db_path)
    if not source.exists():
        raise FileNotFoundError(f"no warehouse at {source} to publish: run `jixiao run` first")
    root = _serving_root(serving_dir)
    root.mkdir(parents=True, exist_ok=True)
    # writer lock first, then the folder's: the same order as a writer that publishes (no deadlock)
    with locked(source), FileLock(str(root / ".publish.lock")):
        version = _new_version_name(root)
        staging = root / f".{version}.tmp"
        final = root / version
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            manifest = _export(source, staging, version)
            staging.rename(final)
            _build_serving_db(final, manifest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(final, ignore_errors=True)
            raise
        _swap_in(root, final)
        prune(root, keep=keep, grace_s=grace_s)
    return final


def _export(source: Path, out_dir: Path, version: str) -> dict[str, Any]:
    """Write every published table to `out_dir/<name>.parquet` from one snapshot of the writer DB."""
    tables: list[dict[str, Any]] = []
    conn = connect(source, wait_s=30.0)
    try:
        conn.execute("BEGIN TRANSACTION")  # one snapshot for every table
        try:
            published_tables = _published_tables(conn)
            comments = _comments(conn, sorted({schema for schema, _, _ in published_tables}))
            for schema, name, published in published_tables:
                target = out_dir / f"{_file_stem(published)}.parquet"
                rel = f"{_quote(schema)}.{_quote(name)}"
                conn.execute(f"COPY (SELECT * FROM {rel}) TO {_sql_str(str(target))} "
                             "(FORMAT parquet, COMPRESSION zstd)")
                (rows,) = conn.execute(f"SELECT count(*) FROM {rel}").fetchone() or (0,)
                notes = comments.get((schema, name), {"comment": None, "columns": {}})
                tables.append({"name": published, "source": f"{schema}.{name}", "rows": int(rows),
                               "file": target.name, "comment": notes["comment"],
                               "column_comments": notes["columns"]})
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
    manifest = {
        "version": version,
        "published_at": datetime.now(UTC).isoformat(),
        "source_db": str(source),
        "tables": tables,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def _build_serving_db(version_dir: Path, manifest: dict[str, Any]) -> None:
    """The version's database: one table per Parquet file, plus what was published. Self-contained, so
    that it is read with every file-system access switched off (READER_CONFIG)."""
    db = version_dir / SERVING_DB_NAME
    conn = duckdb.connect(str(db), config=duckdb_config())
    try:
        for t in manifest["tables"]:
            path = (version_dir / t["file"]).resolve()
            # a table, not a view over the file: readers then need no file access at all (READER_CONFIG)
            conn.execute(f"CREATE TABLE {_quote(t['name'])} AS SELECT * FROM read_parquet({_sql_str(str(path))})")
            if t["comment"]:
                conn.execute(f"COMMENT ON TABLE {_quote(t['name'])} IS {_sql_str(t['comment'])}")
            for col, text in t["column_comments"].items():
                with suppress(duckdb.Error):
                    conn.execute(f"COMMENT ON COLUMN {_quote(t['name'])}.{_quote(col)} IS {_sql_str(text)}")
        conn.execute("CREATE TABLE publication (version VARCHAR, published_at TIMESTAMP, source_db VARCHAR)")
        published_at = datetime.fromisoformat(manifest["published_at"]).replace(tzinfo=None)
        conn.execute("INSERT INTO publication VALUES (?, ?, ?)",
                     [manifest["version"], published_at, manifest["source_db"]])
        conn.execute("COMMENT ON TABLE publication IS 'Which version of the serving copy this is, and when it "
                     "was published, UTC (发布版本)'")
        conn.execute("CREATE TABLE published_tables (table_name VARCHAR, source VARCHAR, row_count BIGINT, "
                     "parquet_path VARCHAR)")
        for t in manifest["tables"]:
            conn.execute("INSERT INTO published_tables VALUES (?, ?, ?, ?)",
                         [t["name"], t["source"], t["rows"], str((version_dir / t["file"]).resolve())])
        conn.execute("COMMENT ON TABLE published_tables IS 'Every table of this serving version, its source in "
                     "the warehouse, row count and Parquet file (发布的表)'")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def _replace_file(target: Path, data_from: Path | None = None, text: str | None = None) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if data_from is not None:
        shutil.copyfile(data_from, tmp)
    else:
        tmp.write_text(text or "", encoding="utf-8")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def _swap_in(root: Path, version_dir: Path) -> None:
    """Make `version_dir` current: the stable database, the CURRENT pointer, the `current` symlink."""
    _replace_file(root / SERVING_DB_NAME, data_from=version_dir / SERVING_DB_NAME)
    # a WAL left by someone who opened the copy read-write belongs to the old file, not this one
    with suppress(FileNotFoundError):
        (root / (SERVING_DB_NAME + ".wal")).unlink()
    _replace_file(root / "CURRENT", text=version_dir.name + "\n")
    link_tmp = root / f".current.{os.getpid()}.tmp"
    with suppress(FileNotFoundError):
        link_tmp.unlink()
    try:
        os.symlink(version_dir.name, link_tmp, target_is_directory=True)
        os.replace(link_tmp, root / "current")
    except OSError:  # no symlinks (e.g. Windows without the privilege): CURRENT is the pointer
        with suppress(FileNotFoundError):
            link_tmp.unlink()


def versions(serving_dir: str | Path | None = None) -> list[str]:
    """Published version names, oldest first."""
    root = _serving_root(serving_dir)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if VERSION_RE.match(p.name) and p.is_dir())


def current_version(serving_dir: str | Path | None = None) -> str | None:
    """The current version's name, or None when nothing has been published."""
    pointer = _serving_root(serving_dir) / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name if VERSION_RE.match(name) else None


def prune(serving_dir: str | Path | None = None, *, keep: int = 2, grace_s: float = 60.0) -> list[str]:
    """Delete versions older than the newest `keep` that were superseded more than `grace_s` ago."""
    root = _serving_root(serving_dir)
    names = versions(root)
    current = current_version(root)
    now = datetime.now(UTC)
    removed: list[str] = []
    for i, name in enumerate(names[: max(len(names) - max(keep, 1), 0)]):
        if name == current:
            continue
        superseded_at = _version_time(names[i + 1])
        if (now - superseded_at).total_seconds() >= grace_s:
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
    for tmp in root.glob(".v*.tmp"):  # staging folders of publications that died
        if (now.timestamp() - tmp.stat().st_mtime) >= max(grace_s, 3600):
            shutil.rmtree(tmp, ignore_errors=True)
    return removed


def serving_db_path(serving_dir: str | Path | None = None) -> Path:
    """The stable serving database readers open: `<serving dir>/jixiao.duckdb`."""
    return _serving_root(serving_dir) / SERVING_DB_NAME


def connect_serving(read_only: bool = True, serving_dir: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the current serving version (read-only unless asked otherwise).

    Opens the current version's own database file rather than the stable copy, so that a long-lived
    process never reuses DuckDB's cached instance of a file that has since been replaced."""
    root = _serving_root(serving_dir)
    for _ in range(3):
        name = current_version(root)
        if name is None:
            raise NotPublishedError(
                f"nothing has been published to {root} yet: run `jixiao run` (or `make run`) first")
        db = root / name / SERVING_DB_NAME
        try:
            return duckdb.connect(str(db), read_only=read_only, config=dict(READER_CONFIG) if read_only else {})
        except duckdb.IOException:
            if db.exists():
                raise
            # pruned between reading CURRENT and opening: read the pointer again
    raise NotPublishedError(f"the serving copy in {root} keeps changing; retry")


# --------------------------------------------------------------------------------------------------
# `jixiao sql`


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list | dict | tuple):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(value)


def _jsonable(value: Any) -> Any:
    """Exact JSON: decimals as strings (like the Extraction), times as ISO text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut `text` to at most `width` display columns, marking the cut with '…'."""
    text = text.replace("\n", " ").replace("\t", " ")
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def format_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 48, total_width: int | None = None
) -> str:
    """A plain-text table that lines up Chinese text (wide characters count two columns).

    Text and headers are cut (marked '…') to fit `total_width` (default: the terminal's width);
    numbers never are. Use `--format csv` or `json` for whole values."""
    texts = [[_cell(v).replace("\n", " ").replace("\t", " ") for v in r] for r in rows]
    numeric = [
        all(isinstance(r[i], int | float | Decimal) and not isinstance(r[i], bool) for r in rows if r[i] is not None)
        and any(r[i] is not None for r in rows)
        for i in range(len(columns))
    ]
    natural = [max([_width(c)] + [_width(r[i]) for r in texts]) for i, c in enumerate(columns)]
    widths = [n if numeric[i] else min(n, max_width) for i, n in enumerate(natural)]
    budget = total_width or shutil.get_terminal_size(fallback=(160, 24)).columns
    floors = [max([4] + [_width(r[i]) for r in texts]) if numeric[i] else 8 for i in range(len(columns))]
    while sum(widths) + 3 * len(widths) + 1 > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    heads = [_fit(c, widths[i]) for i, c in enumerate(columns)]
    cells = [[_fit(v, widths[i]) for i, v in enumerate(r)] for r in texts]

    def line(values: Sequence[str], align_numbers: bool) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - _width(v))
            parts.append(pad + v if (align_numbers and numeric[i]) else v + pad)
        return "│ " + " │ ".join(parts) + " │"

    rule = "─┼─".join("─" * w for w in widths)
    out = ["┌─" + "─┬─".join("─" * w for w in widths) + "─┐", line(heads, False), "├─" + rule + "─┤"]
    out += [line(r, True) for r in cells]
    out.append("└─" + "─┴─".join("─" * w for w in widths) + "─┘")
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_result(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([["" if v is None else _cell(v) for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps([{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in rows],
                          ensure_ascii=False, indent=2)
    if fmt == "table":
        return format_table(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; expected table, csv or json")


def _refused_statement(query: str) -> str | None:
    """Why `query` is not run, or None: `jixiao sql` runs queries only, never a statement that writes,
    attaches, copies out, installs or loads, or changes a setting."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error:
        return None  # a syntax error: DuckDB's own message says where
    for st in statements:
        kind = st.type.name
        if kind not in QUERY_STATEMENTS:
            return (f"{kind} statements are refused: `jixiao sql` only queries the published serving "
                    "copy (SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN). The serving copy is read-only "
                    "and has no access to other files; export a result with --format csv or json.")
    return None


def run_sql_cli(query: str, fmt: str = "table", serving_dir: str | Path | None = None) -> int:
    """`jixiao sql`: run `query` on the serving copy and print the result; return an exit code.

    0 on success, 1 when the query fails, 2 when nothing has been published yet."""
    try:
        conn = connect_serving(read_only=True, serving_dir=serving_dir)
    except NotPublishedError as e:
        print(f"jixiao sql: {e}", file=sys.stderr)
        return 2
    try:
        refused = _refused_statement(query)
        if refused:
            print(f"jixiao sql: {refused}", file=sys.stderr)
            return 1
        cur = conn.execute(query)
        if cur.description is None:
            print("(no result)")
            return 0
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
        print(format_result(columns, rows, fmt))
        return 0
    except duckdb.Error as e:
        print(f"jixiao sql: {e}", file=sys.stderr)
        tables = conn.execute("SELECT table_name FROM published_tables ORDER BY 1").fetchall() \
            if "Catalog Error" in str(e) else []
        if tables:
            print("tables: " + ", ".join(t for (t,) in tables), file=sys.stderr)
        return 1
    finally:
        conn.close()
