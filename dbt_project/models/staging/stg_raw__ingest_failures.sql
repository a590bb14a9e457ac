-- Files that could not be read, extracted or loaded, with the stage and a reason.
select
    source_path,
    source_name,
    sha256,
    stage as failure_stage,
    reason as failure_reason,
    message as failure_message,
    first_seen_at,
    last_seen_at
from {{ source('raw', 'ingest_failures') }}
