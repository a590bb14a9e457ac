"""Which dbt nodes a night must build, from the raw tables that changed (warehouse.changes).

A night builds what depends on the changed raw tables (their sources and everything downstream), plus
the marts layer with its tests, because the serving copy publishes every mart at once; everything
else keeps its relation from the last build. dagster-dbt always passes the asset selection
(`--select fqn:*`) and dbt unions two `--select` flags, so the narrowing is an `--exclude` of every node
that is not needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SOURCE_NAME = "raw"
BUILT_TYPES = frozenset({"model", "seed", "snapshot", "test", "unit_test"})


def _source_ids(manifest: Mapping[str, Any], tables: Iterable[str]) -> set[str]:
    wanted = set(tables)
    return {uid for uid, src in manifest.get("sources", {}).items()
            if src.get("source_name") == SOURCE_NAME and src.get("name") in wanted}


def needed_nodes(manifest: Mapping[str, Any], changed_tables: Iterable[str]) -> set[str]:
    """unique_ids of the nodes to build: descendants of the changed tables' sources, the mart models,
    and every test that touches one of those."""
    children: Mapping[str, list[str]] = manifest.get("child_map", {})
    nodes: Mapping[str, Any] = manifest.get("nodes", {})
    todo = list(_source_ids(manifest, changed_tables))
    seen: set[str] = set()
    while todo:
        uid = todo.pop()
        for child in children.get(uid, []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    marts = {uid for uid, n in nodes.items()
             if n.get("resource_type") == "model" and "marts" in (n.get("fqn") or [])[1:-1]}
    needed = {uid for uid in seen if uid in nodes} | marts
    for uid, n in nodes.items():  # tests of any needed model (e.g. a relationship to an unchanged one)
        if n.get("resource_type") in ("test", "unit_test") and needed & set(n.get("depends_on", {}).get("nodes", [])):
            needed.add(uid)
    return needed


def exclude_args(manifest: Mapping[str, Any], changed_tables: Iterable[str]) -> list[str]:
    """`--exclude` arguments that leave only `needed_nodes` in a `dbt build` (empty: nothing to exclude)."""
    needed = needed_nodes(manifest, changed_tables)
    nodes: Mapping[str, Any] = manifest.get("nodes", {})
    names = sorted({n["name"] for uid, n in nodes.items()
                    if n.get("resource_type") in BUILT_TYPES and uid not in needed})
    # a name shared by a needed node and an unneeded one must not exclude the needed one
    needed_names = {nodes[uid]["name"] for uid in needed if uid in nodes}
    names = [n for n in names if n not in needed_names]
    return ["--exclude", " ".join(names)] if names else []  # one value: dagster-dbt re-splits it
