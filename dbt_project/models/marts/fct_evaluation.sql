-- One row per report a document holds (raw.reports): its kind, the self-evaluation score and
-- grade it gives itself, and the project it evaluates (project reports only). The grade is also
-- read into the four national bands, and derived from the score by the bands of the Ministry of
-- Finance's evaluation rules (财预〔2020〕10号: 90–100 优, 80–90 良, 60–80 中, below 60 差).
with reports as (
    select * from {{ ref('stg_raw__reports') }}
),

documents as (
    select * from {{ ref('int_documents') }}
),

keys as (
    select document_id, project_name, project_key from {{ ref('int_project_mentions') }}
)

select
    cast(r.document_id || ':' || r.report_index as varchar) as evaluation_key,
    cast(r.document_id as varchar) as document_id,
    cast(r.report_index as integer) as report_index,
    cast(r.report_kind as varchar) as report_kind,
    cast(r.report_title as varchar) as report_title,
    cast(k.project_key as varchar) as project_key,
    cast(r.project_name as varchar) as project_name,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(r.score as decimal(9, 4)) as score,
    cast(r.grade as varchar) as grade,
    cast(case
        when r.grade like '优%' then '优'
        when r.grade like '良%' then '良'
        when r.grade like '中%' or r.grade in ('合格', '一般') then '中'
        when r.grade like '差%' or r.grade = '不合格' then '差'
    end as varchar) as grade_normalized,
    cast(case
        when r.score is null then null
        when r.score >= 90 then '优'
        when r.score >= 80 then '良'
        when r.score >= 60 then '中'
        else '差'
    end as varchar) as grade_from_score,
    cast(d.source_name as varchar) as source_name,
    cast(r.page as integer) as page,
    cast(r.table_index as integer) as table_index,
    cast(r.row_index as integer) as row_index,
    cast(r.raw_text as varchar) as raw_text
from reports as r
inner join documents as d on d.document_id = r.document_id
left join keys as k on k.document_id = r.document_id and k.project_name = r.project_name
