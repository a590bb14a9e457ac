-- One row per performance indicator row of a report (raw.indicators): target and actual as
-- printed and parsed, whether the target was met (and on what basis), weight, score, category.
-- The same project's indicator table may be printed by several reports of a unit-year:
-- is_primary marks the one row per (unit, year, project, indicator) that shares and counts use.
with indicators as (
    select * from {{ ref('int_indicators') }}
),

documents as (
    select * from {{ ref('int_documents') }}
),

keys as (
    select document_id, project_name, project_key from {{ ref('int_project_mentions') }}
)

select
    cast(i.document_id || ':' || i.indicator_index as varchar) as indicator_result_key,
    cast(i.document_id as varchar) as document_id,
    cast(i.indicator_index as integer) as indicator_index,
    cast({{ surrogate_key(['i.level1_printed', 'i.level2_printed', 'i.indicator_name']) }} as varchar) as indicator_key,
    cast(k.project_key as varchar) as project_key,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(i.project_name as varchar) as project_name,
    cast(i.indicator_name as varchar) as indicator_name,
    cast(i.level1_printed as varchar) as level1_printed,
    cast(i.level2_printed as varchar) as level2_printed,
    cast(i.category_code as varchar) as category_code,
    cast(c.indicator_category as varchar) as indicator_category,
    cast(i.target_printed as varchar) as target_printed,
    cast(i.target_comparator as varchar) as target_comparator,
    cast(i.target_value as decimal(18, 4)) as target_value,
    cast(i.target_value_high as decimal(18, 4)) as target_value_high,
    cast(i.target_unit as varchar) as target_unit,
    cast(i.actual_printed as varchar) as actual_printed,
    cast(i.actual_comparator as varchar) as actual_comparator,
    cast(i.actual_value as decimal(18, 4)) as actual_value,
    cast(i.actual_value_high as decimal(18, 4)) as actual_value_high,
    cast(i.actual_unit as varchar) as actual_unit,
    cast(i.parsed_by as varchar) as parsed_by,
    cast(i.met as varchar) as met,
    cast(i.met_basis as varchar) as met_basis,
    cast(case i.met when 'met' then true when 'not_met' then false end as boolean) as is_met,
    cast(row_number() over (
        partition by d.unit_key, d.fiscal_year, k.project_key,
            {{ surrogate_key(['i.level1_printed', 'i.level2_printed', 'i.indicator_name']) }}
        order by
            (i.actual_printed is not null)::integer + (i.target_printed is not null)::integer
            + (i.weight is not null)::integer + (i.score is not null)::integer desc,
            i.document_id, i.indicator_index
    ) = 1 as boolean) as is_primary,
    cast(i.weight as decimal(9, 4)) as weight,
    cast(i.score as decimal(9, 4)) as score,
    cast(i.note as varchar) as note,
    cast(d.source_name as varchar) as source_name,
    cast(i.page as integer) as page,
    cast(i.table_index as integer) as table_index,
    cast(i.row_index as integer) as row_index,
    cast(i.raw_text as varchar) as raw_text
from indicators as i
inner join documents as d on d.document_id = i.document_id
inner join {{ ref('dim_indicator_category') }} as c on c.category_code = i.category_code
left join keys as k on k.document_id = i.document_id and k.project_name = i.project_name
