-- One row per project money row of a report (raw.projects): the budget phases side by side,
-- the execution rate as printed and as computed from the printed amounts, with provenance.
-- A unit often publishes the same project-year twice (its project report and the table of its
-- department report): is_primary marks the one row per project and year that aggregates count.
-- The project's own self-evaluation report ranks first, since it is the report about that project
-- (a department report's summary table is a copy, and a copy's misprint must not outrank it);
-- among rows of equal standing, the one printing the most amounts, then by document.
with projects as (
    select * from {{ ref('stg_raw__projects') }}
),

documents as (
    select * from {{ ref('int_documents') }}
),

keys as (
    select document_id, project_name, project_key from {{ ref('int_project_mentions') }}
),

-- (document, project) where the document holds that project's own self-evaluation report
own_reports as (
    select distinct r.document_id, k.project_key
    from {{ ref('stg_raw__reports') }} as r
    inner join keys as k on k.document_id = r.document_id and k.project_name = r.project_name
    where r.report_kind = 'project_self_evaluation'
)

select
    cast(p.document_id || ':' || p.project_index as varchar) as project_spending_key,
    cast(p.document_id as varchar) as document_id,
    cast(p.project_index as integer) as project_index,
    cast(k.project_key as varchar) as project_key,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(p.project_name as varchar) as project_name,
    cast(p.budget_initial_wan as decimal(18, 4)) as budget_initial_wan,
    cast(p.budget_full_year_wan as decimal(18, 4)) as budget_full_year_wan,
    cast(p.executed_wan as decimal(18, 4)) as executed_wan,
    cast(p.carryover_wan as decimal(18, 4)) as carryover_wan,
    cast(p.execution_rate_reported_pct as decimal(18, 4)) as execution_rate_reported_pct,
    cast({{ exact_percent('p.executed_wan', 'p.budget_full_year_wan') }} as decimal(18, 4))
        as execution_rate_computed_pct,
    cast(p.execution_rate_reported_pct - {{ exact_percent('p.executed_wan', 'p.budget_full_year_wan') }}
        as decimal(18, 4)) as execution_rate_gap_pct,
    cast(row_number() over (
        partition by k.project_key, d.fiscal_year
        order by
            (o.project_key is not null)::integer desc,
            (p.budget_initial_wan is not null)::integer + (p.budget_full_year_wan is not null)::integer
            + (p.executed_wan is not null)::integer + (p.carryover_wan is not null)::integer
            + (p.execution_rate_reported_pct is not null)::integer desc,
            p.document_id, p.project_index
    ) = 1 as boolean) as is_primary,
    cast(d.source_name as varchar) as source_name,
    cast(p.page as integer) as page,
    cast(p.table_index as integer) as table_index,
    cast(p.row_index as integer) as row_index,
    cast(p.raw_text as varchar) as raw_text
from projects as p
inner join documents as d on d.document_id = p.document_id
left join keys as k on k.document_id = p.document_id and k.project_name = p.project_name
left join own_reports as o on o.document_id = p.document_id and o.project_key = k.project_key
