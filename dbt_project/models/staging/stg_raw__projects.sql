-- One row per project row of a report; the four budget phases stay in their own columns.
select
    document_id,
    project_index,
    -- a row without a legible name still carries money: keep it under a visible placeholder
    coalesce({{ clean_text('name') }}, '(未命名项目)') as project_name,
    cast(budget_initial_wan as decimal(18, 4)) as budget_initial_wan,
    cast(budget_full_year_wan as decimal(18, 4)) as budget_full_year_wan,
    cast(executed_wan as decimal(18, 4)) as executed_wan,
    cast(carryover_wan as decimal(18, 4)) as carryover_wan,
    cast(execution_rate_pct as decimal(18, 4)) as execution_rate_reported_pct,
    page,
    table_index,
    row_index,
    raw_text
from {{ source('raw', 'projects') }}
