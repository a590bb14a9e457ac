"""Where fetched reports land in the inbox, with their provenance, and what the fetcher remembers.

    <inbox>/fetched/<source>/<name>              the report file, as the publisher served it
    <inbox>/fetched/<source>/<name>.source.json  its provenance sidecar (来源): source, publisher,
                                                 article and attachment URLs, title, publication date
                                                 as printed, fetched-at, HTTP validators, sha256, and
                                                 every earlier version's sha256
    <inbox>/.fetch/<source>/state.json           per URL: validators, sha256, file, parsed links
    <inbox>/.fetch/<source>/failures.json        URLs that failed on the last run, with a reason

The inbox scan skips `*.json` and hidden folders, so only report files are ingested. Files are
written to a temporary name and renamed, so a run killed half-way leaves no half file behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

SIDECAR_SUFFIX = ".source.json"
FETCHED_DIR = "fetched"
STATE_DIR = ".fetch"
UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_json(path: Path, obj: Any) -> None:
    write_atomic(path, (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return default


def file_name(url: str, suffix: str, hint: str | None = None) -> str:
    """A stable, readable file name for what `url` serves: the hint (the link text or the article
    title) or else the URL's own name, a short hash of the URL so that two 附件1.pdf never collide,
    and the suffix of what the bytes are."""
    stem = PurePosixPath(hint.strip()).stem if hint and hint.strip() else PurePosixPath(unquote(urlsplit(url).path)).stem
    stem = UNSAFE.sub("_", stem).strip("._")[:60] or "report"
    return f"{stem}_{hashlib.sha1(url.encode()).hexdigest()[:8]}{suffix}"


class SourceStore:
    """The inbox folder of one source and the fetcher's memory of it."""

    def __init__(self, inbox: Path, source_name: str) -> None:
        self.inbox = inbox
        self.dir = inbox / FETCHED_DIR / source_name
        self.state_dir = inbox / STATE_DIR / source_name
        self.state: dict[str, Any] = read_json(self.state_dir / "state.json", {})
        self.state.setdefault("pages", {})
        self.state.setdefault("files", {})

    def page(self, url: str) -> dict[str, Any] | None:
        return self.state["pages"].get(url)

    def remember_page(self, url: str, entry: dict[str, Any]) -> None:
        self.state["pages"][url] = entry

    def file(self, url: str) -> dict[str, Any] | None:
        """What was stored for `url`, if its file is still in the inbox."""
        entry = self.state["files"].get(url)
        if not entry:
            return None
        paths = entry.get("members") if entry.get("path") is None else [entry["path"]]
        if paths is not None and all((self.inbox / p).is_file() for p in paths):
            return entry
        return None

    def save_report(self, url: str, name: str, data: bytes, provenance: dict[str, Any]) -> tuple[str, Path]:
        """Write (or replace) a report and its sidecar; ('new' | 'replaced' | 'unchanged', path)."""
        previous = self.file(url)
        path = self.inbox / previous["path"] if previous else self.dir / name
        digest = sha256_bytes(data)
        sidecar_path = path.with_name(path.name + SIDECAR_SUFFIX)
        sidecar = read_json(sidecar_path, {})
        if previous and previous.get("sha256") == digest:
            outcome = "unchanged"
        else:
            write_atomic(path, data)
            outcome = "replaced" if previous else "new"
        versions = sidecar.get("versions", [])
        if not versions or versions[-1]["sha256"] != digest:
            versions.append({"sha256": digest, "fetched_at": provenance["fetched_at"],
                             "etag": provenance.get("etag"), "last_modified": provenance.get("last_modified")})
        if outcome != "unchanged" or not sidecar:
            write_json(sidecar_path, {**provenance, "sha256": digest, "size_bytes": len(data),
                                      "file": path.name, "versions": versions})
        rel = path.relative_to(self.inbox).as_posix()
        self.state["files"][url] = {"path": rel, "sha256": digest, "etag": provenance.get("etag"),
                                    "last_modified": provenance.get("last_modified")}
        return outcome, path

    def save(self, failures: list[dict[str, Any]], summary: dict[str, Any]) -> None:
        """Write the state, this run's failures (first seen kept from earlier runs) and the summary."""
        old = {f["url"]: f for f in read_json(self.state_dir / "failures.json", [])}
        now = now_iso()
        for f in failures:
            f["first_seen_at"] = old.get(f["url"], {}).get("first_seen_at", now)
            f["last_seen_at"] = now
        write_json(self.state_dir / "state.json", self.state)
        write_json(self.state_dir / "failures.json", sorted(failures, key=lambda f: f["url"]))
        write_json(self.state_dir / "last_run.json", summary)


def read_provenance(inbox: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every fetched report's sidecar (with `source_path`, the report file's absolute path) whose
    report file is in the inbox, and every source's current failures — what the warehouse loads."""
    reports: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    inbox = inbox.resolve()
    for sidecar in sorted((inbox / FETCHED_DIR).rglob("*" + SIDECAR_SUFFIX)):
        report = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
        data = read_json(sidecar, None)
        if isinstance(data, dict) and report.is_file():
            reports.append({**data, "source_path": str(report)})
    for path in sorted((inbox / STATE_DIR).glob("*/failures.json")):
        for f in read_json(path, []):
            failures.append({**f, "source": f.get("source") or path.parent.name})
    return reports, failures
