-- One row per spending breakdown item; project_name NULL means the whole unit.
select
    document_id,
    item_index,
    {{ clean_text('project') }} as project_name,
    coalesce({{ clean_text('item') }}, '(未命名支出)') as item_name,
    cast(amount_wan as decimal(18, 4)) as amount_wan,
    page,
    table_index,
    row_index,
    raw_text
from {{ source('raw', 'spending_items') }}
