-- What the last fetch of each source could not take, with a reason (抓取失败).
select
    source as source_name,
    url,
    kind as url_kind,
    article_url,
    reason as failure_reason,
    message as failure_message,
    http_status,
    first_seen_at,
    last_seen_at
from {{ source('raw', 'fetch_failures') }}
