-- One row per fetched report file now in the inbox (发布的报告): where and when it was published,
-- and whether the warehouse could read it — loaded (with its document, unit and year) or the
-- reason it failed. "What did 某县财政局 publish this year, and what did we fail to read?"
with current_files as (
    select * from {{ ref('stg_raw__fetched_reports') }} where is_current
),

versions as (
    select source_path, count(*) as versions_count
    from {{ ref('stg_raw__fetched_reports') }}
    group by source_path
),

failures as (
    select source_path, sha256, failure_reason, failure_message
    from {{ ref('stg_raw__ingest_failures') }}
    qualify row_number() over (partition by source_path, sha256 order by last_seen_at desc) = 1
)

select
    cast({{ surrogate_key(['c.source_path']) }} as varchar) as publication_key,
    cast({{ surrogate_key(['c.source_name']) }} as varchar) as source_key,
    cast(c.source_name as varchar) as source_name,
    cast(c.publisher as varchar) as publisher,
    cast(c.region_code as varchar) as publisher_region_code,
    cast(c.title as varchar) as title,
    cast(c.published_printed as varchar) as published_printed,
    cast(c.published_date as date) as published_date,
    cast(year(c.published_date) as integer) as published_year,
    cast(c.listing_url as varchar) as listing_url,
    cast(c.article_url as varchar) as article_url,
    cast(c.attachment_url as varchar) as attachment_url,
    cast(c.zip_member as varchar) as zip_member,
    cast(c.fetched_at as timestamp) as fetched_at,
    cast(c.version as integer) as version,
    cast(v.versions_count as integer) as versions_count,
    cast(c.sha256 as varchar) as sha256,
    cast(c.source_path as varchar) as source_path,
    cast(d.document_id as varchar) as document_id,
    cast(case
        when d.document_id is not null then 'loaded'
        when f.failure_reason is not null then f.failure_reason
        else 'not_loaded_yet'
    end as varchar) as load_status,
    cast(f.failure_message as varchar) as failure_message,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(d.unit_key as varchar) as unit_key
from current_files as c
left join versions as v on v.source_path = c.source_path
left join {{ ref('int_documents') }} as d on d.source_path = c.source_path and d.document_id = c.sha256
left join failures as f on f.source_path = c.source_path and f.sha256 = c.sha256
