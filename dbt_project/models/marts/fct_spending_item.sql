-- One row per spending breakdown item (支出明细) of a report, for a project or the whole unit.
with items as (
    select * from {{ ref('stg_raw__spending_items') }}
),

documents as (
    select * from {{ ref('int_documents') }}
),

keys as (
    select document_id, project_name, project_key from {{ ref('int_project_mentions') }}
)

select
    cast(s.document_id || ':' || s.item_index as varchar) as spending_item_key,
    cast(s.document_id as varchar) as document_id,
    cast(s.item_index as integer) as item_index,
    cast(k.project_key as varchar) as project_key,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(s.project_name as varchar) as project_name,
    cast(s.item_name as varchar) as item_name,
    cast(s.amount_wan as decimal(18, 4)) as amount_wan,
    cast(s.project_name is null as boolean) as is_unit_level,
    cast(d.source_name as varchar) as source_name,
    cast(s.page as integer) as page,
    cast(s.table_index as integer) as table_index,
    cast(s.row_index as integer) as row_index,
    cast(s.raw_text as varchar) as raw_text
from items as s
inner join documents as d on d.document_id = s.document_id
left join keys as k on k.document_id = s.document_id and k.project_name = s.project_name
