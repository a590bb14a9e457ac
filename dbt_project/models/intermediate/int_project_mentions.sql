-- Every place a document names a project (money rows, reports, indicators, spending items), with
-- the project's key: (unit key, normalized name). The same project of the same unit in another
-- year, or spelled 项目/经费/专项资金, gets the same key. Facts join here on (document_id, project_name).
with mentions as (
    select document_id, project_name, 'projects' as mentioned_in from {{ ref('stg_raw__projects') }}
    union all
    select document_id, project_name, 'reports' from {{ ref('stg_raw__reports') }}
    where project_name is not null
    union all
    select document_id, project_name, 'indicators' from {{ ref('stg_raw__indicators') }}
    where project_name is not null
    union all
    select document_id, project_name, 'spending_items' from {{ ref('stg_raw__spending_items') }}
    where project_name is not null
),

distinct_mentions as (
    select
        document_id,
        project_name,
        list(distinct mentioned_in order by mentioned_in) as mentioned_in
    from mentions
    where project_name is not null
    group by document_id, project_name
)

select
    m.document_id,
    m.project_name,
    {{ normalize_project_name('m.project_name') }} as project_name_normalized,
    d.unit_key,
    d.fiscal_year,
    {{ surrogate_key(['d.unit_key', normalize_project_name('m.project_name')]) }} as project_key,
    m.mentioned_in
from distinct_mentions as m
inner join {{ ref('int_documents') }} as d on d.document_id = m.document_id
