-- One row per page or attachment the last fetch of a source could not take (抓取失败), with why.
select
    cast({{ surrogate_key(['f.source_name']) }} as varchar) as source_key,
    cast(f.source_name as varchar) as source_name,
    cast(f.url as varchar) as url,
    cast(f.url_kind as varchar) as url_kind,
    cast(f.article_url as varchar) as article_url,
    cast(f.failure_reason as varchar) as failure_reason,
    cast(f.failure_message as varchar) as failure_message,
    cast(f.http_status as integer) as http_status,
    cast(f.first_seen_at as timestamp) as first_seen_at,
    cast(f.last_seen_at as timestamp) as last_seen_at
from {{ ref('stg_raw__fetch_failures') }} as f
