-- One row per report a file holds (a file may bundle several).
select
    document_id,
    report_index,
    kind as report_kind,
    {{ clean_text('title') }} as report_title,
    {{ clean_text('project') }} as project_name,
    cast(score as decimal(9, 4)) as score,
    {{ clean_text('grade') }} as grade,
    page,
    table_index,
    row_index,
    raw_text
from {{ source('raw', 'reports') }}
