-- One row per project of a unit (项目): key (unit, normalized project name), so the same project
-- reported in several years or spelled 项目/经费/专项资金 is one row. The category comes from
-- keywords in the name (seed project_category_keywords), first match by priority.
with mentions as (
    select * from {{ ref('int_project_mentions') }}
),

per_project as (
    select
        project_key,
        any_value(unit_key) as unit_key,
        any_value(project_name_normalized) as project_name_normalized,
        list(distinct project_name order by project_name) as project_names_printed,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(distinct document_id) as documents_count
    from mentions
    group by project_key
),

display_name as (
    select project_key, project_name
    from mentions
    qualify row_number() over (
        partition by project_key
        order by fiscal_year desc nulls last, list_contains(mentioned_in, 'projects') desc, length(project_name), project_name
    ) = 1
),

categorized as (
    select
        p.project_key,
        k.project_category,
        k.project_category_en
    from per_project as p
    inner join {{ ref('project_category_keywords') }} as k
        -- every printed spelling counts: normalizing drops 经费 from 工作经费
        on contains(array_to_string(p.project_names_printed, '|'), k.keyword)
        or contains(p.project_name_normalized, k.keyword)
    qualify row_number() over (partition by p.project_key order by k.priority, k.keyword) = 1
)

select
    cast(p.project_key as varchar) as project_key,
    cast(p.unit_key as varchar) as unit_key,
    cast(n.project_name as varchar) as project_name,
    cast(p.project_name_normalized as varchar) as project_name_normalized,
    cast(p.project_names_printed as varchar[]) as project_names_printed,
    cast(coalesce(c.project_category, '其他') as varchar) as project_category,
    cast(coalesce(c.project_category_en, 'Other') as varchar) as project_category_en,
    cast(p.first_fiscal_year as integer) as first_fiscal_year,
    cast(p.last_fiscal_year as integer) as last_fiscal_year,
    cast(p.documents_count as integer) as documents_count
from per_project as p
inner join display_name as n on n.project_key = p.project_key
left join categorized as c on c.project_key = p.project_key
