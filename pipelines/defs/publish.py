"""The serving copy: after the marts are built, publish them for SQL users and BI tools
(`warehouse.serving.publish`: marts → Parquet + a separate serving DuckDB file, swapped atomically),
so that nobody but the pipeline ever opens the file the pipeline writes."""


from typing import Any

import dagster as dg

from pipelines.defs.dbt_models import dbt_models_asset, mart_asset_keys
from pipelines.defs.ingest import RAW_REPORT_TABLES
from pipelines.warehouse_access import open_warehouse
from warehouse import settings


def _mart_counts(conn: Any) -> dict[str, int]:
    tables = conn.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    ).fetchall()
    return {name: int(conn.execute(f'select count(*) from marts."{name}"').fetchone()[0]) for (name,) in tables}


def _serving_counts(names: list[str]) -> dict[str, int | None]:
    """Row count of each mart name in the serving copy (None when it is missing there)."""
    from warehouse.serving import connect_serving

    conn = connect_serving(read_only=True)
    try:
        where = conn.execute(
            "select table_name, min(table_schema) from information_schema.tables "
            "where table_schema not in ('information_schema', 'pg_catalog') group by table_name"
        ).fetchall()
        schema_of = dict(where)
        out: dict[str, int | None] = {}
        for name in names:
            schema = schema_of.get(name)
            out[name] = (None if schema is None else
                         int(conn.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]))
        return out
    finally:
        conn.close()


def build_serving_copy(deps: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        name="serving_copy",
        group_name="serving",
        deps=deps,
        kinds={"duckdb", "parquet"},
        description="The published read-only copy of the marts (Parquet files and a serving DuckDB file "
        "in JIXIAO_SERVING_DIR) that `jixiao sql` and BI tools read.",
    )
    def serving_copy(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        from warehouse.serving import publish

        with open_warehouse(read_only=True) as conn:
            counts = _mart_counts(conn)
        path = publish(settings.db_path(), settings.serving_dir())
        from warehouse.changes import published

        with open_warehouse() as conn:
            published(conn)
        context.log.info(f"published {len(counts)} marts to {path}: "
                         + ", ".join(f"{k} {v}" for k, v in counts.items()))
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(path)),
                "marts": len(counts),
                "dagster/row_count": sum(counts.values()),
                **{f"rows_{k}": v for k, v in counts.items()},
            }
        )

    return serving_copy


@dg.asset_check(
    asset="serving_copy",
    description="Every mart has the same number of rows in the serving copy as in the warehouse.",
)
def serving_matches_marts() -> dg.AssetCheckResult:
    with open_warehouse(read_only=True) as conn:
        marts = _mart_counts(conn)
    served = _serving_counts(sorted(marts))
    mismatched = {k: {"marts": v, "serving": served.get(k)} for k, v in marts.items() if served.get(k) != v}
    return dg.AssetCheckResult(
        passed=bool(marts) and not mismatched,
        metadata={"marts_compared": len(marts), "mismatched": mismatched or "none"},
        description=None if marts else "no marts found in the warehouse",
    )


def upstream_keys() -> list[dg.AssetKey]:
    """The marts; before the dbt project has marts, every dbt model; without dbt, the raw tables."""
    marts = mart_asset_keys()
    if marts:
        return marts
    models = dbt_models_asset()
    if models is not None:
        return sorted(models.keys, key=lambda k: k.to_user_string())
    return [dg.AssetKey(["raw", t]) for t in RAW_REPORT_TABLES]


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[build_serving_copy(upstream_keys())], asset_checks=[serving_matches_marts])
