"""Which file is the current version of a report, when several files in the inbox hold one report.

Publishers correct reports and republish them, often under a new name, while the old file stays in the
inbox. Two files are versions of one report when they agree on its identity (`report_key`): the unit
(单位全称) and its division code (行政区划代码), the fiscal year (所评年度), the kinds of report they hold
(报告类型) with their projects (项目名称) and titles (标题, a correction mark such as "（更正）" left
out), and the projects whose money they print. Content that does not say all of this has no identity
and is never taken for a version of anything: no unit, no year, no report recognised, a project
report without its project, or final accounts without a title (a unit publishes several final-accounts
documents a year — 决算说明, 决算表, 三公经费 — and only their titles tell them apart).

Among the versions the newest wins (`newer`): the content whose file was modified last (文件修改时间),
taken as the earliest modification time among the inbox copies of that content, so that an old copy
made yesterday does not pass for new; equal times fall back to the content hash (the higher wins). The rule depends on
neither the names nor the order in which files arrive, so every night decides the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_CORRECTION_MARK = re.compile(r"[（(【\[〔]?(?:更正|修正|修订|勘误)(?:版|稿|后)?[）)】\]〕]?")
"""What a republished title adds to say it is corrected: "（更正）", "(修订版)", "【更正】"."""


def _norm(value: Any) -> str:
    """Text compared without its spacing (extractors and publishers space names differently)."""
    return "".join(str(value).split()) if value is not None else ""


def report_key(extraction: Mapping[str, Any]) -> str | None:
    """The identity of the report an Extraction holds (a hash), or None when it does not say enough."""
    unit = extraction.get("unit") or {}
    name, year = _norm(unit.get("name")), extraction.get("fiscal_year")
    reports = extraction.get("reports") or []
    if not name or not isinstance(year, int) or not reports:
        return None
    kinds: set[tuple[str, str, str]] = set()
    for r in reports:
        kind, project = _norm(r.get("kind")), _norm(r.get("project"))
        title = _CORRECTION_MARK.sub("", _norm(r.get("title")))
        if not kind or (kind == "project_self_evaluation" and not project) or (kind == "final_accounts" and not title):
            return None  # distinct reports of one unit and year must never be taken for versions
        kinds.add((kind, project, title))
    projects = sorted({_norm(p.get("name")) for p in extraction.get("projects") or []} - {""})
    identity = [name, _norm(unit.get("region_code")), year, sorted(kinds), projects]
    return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode("utf-8")).hexdigest()


def modified_at(mtime_ns: int) -> datetime:
    """A file's modification time as the warehouse stores it: UTC, naive, microseconds."""
    return datetime.fromtimestamp(mtime_ns // 1000 / 1_000_000, UTC).replace(tzinfo=None)

