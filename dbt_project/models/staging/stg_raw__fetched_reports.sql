-- Where each fetched report file came from (来源): one row per version of the file.
select
    source_path,
    sha256,
    version,
    is_current,
    source as source_name,
    nullif(trim(publisher), '') as publisher,
    nullif(trim(region_code), '') as region_code,
    listing_url,
    article_url,
    attachment_url,
    zip_member,
    nullif(trim(title), '') as title,
    published as published_printed,
    published_date,
    fetched_at,
    etag,
    last_modified,
    content_type,
    size_bytes
from {{ source('raw', 'fetched_reports') }}
