-- One row per source of fetched reports (来源 / 发布单位): who published, for which jurisdiction,
-- how many reports the warehouse has from it and what the last fetch could not take.
with names as (
    select source_name from {{ ref('stg_raw__fetched_reports') }}
    union
    select source_name from {{ ref('stg_raw__fetch_failures') }}
),

reports as (
    select
        source_name,
        any_value(publisher) as publisher,
        any_value(region_code) as region_code,
        count(*) filter (where is_current) as reports_fetched,
        count(*) filter (where not is_current) as superseded_versions,
        min(published_date) filter (where is_current) as first_published_date,
        max(published_date) filter (where is_current) as last_published_date,
        max(fetched_at) as last_fetched_at
    from {{ ref('stg_raw__fetched_reports') }}
    group by source_name
),

failures as (
    select source_name, count(*) as fetch_failures
    from {{ ref('stg_raw__fetch_failures') }}
    group by source_name
)

select
    cast({{ surrogate_key(['n.source_name']) }} as varchar) as source_key,
    cast(n.source_name as varchar) as source_name,
    cast(r.publisher as varchar) as publisher,
    cast(r.region_code as varchar) as region_code,
    cast(coalesce(r.reports_fetched, 0) as integer) as reports_fetched,
    cast(coalesce(r.superseded_versions, 0) as integer) as superseded_versions,
    cast(r.first_published_date as date) as first_published_date,
    cast(r.last_published_date as date) as last_published_date,
    cast(r.last_fetched_at as timestamp) as last_fetched_at,
    cast(coalesce(f.fetch_failures, 0) as integer) as fetch_failures
from names as n
left join reports as r on r.source_name = n.source_name
left join failures as f on f.source_name = n.source_name
