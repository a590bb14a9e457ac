-- What the extractor left NULL and why, one row per warning.
select
    document_id,
    warning_index,
    field as warning_field,
    message as warning_message
from {{ source('raw', 'extraction_warnings') }}
