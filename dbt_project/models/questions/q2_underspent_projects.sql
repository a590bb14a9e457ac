-- Question 2: projects that spent less than 80% of their full-year budget (全年预算), with unit and
-- region, each project-year once. Uses the rate computed from the printed amounts; the printed rate
-- is shown beside it.
select
    s.fiscal_year,
    r.province_name,
    r.prefecture_name,
    r.county_name,
    u.unit_name,
    u.department_type,
    s.project_name,
    p.project_category,
    s.budget_full_year_wan,
    s.executed_wan,
    s.execution_rate_computed_pct,
    s.execution_rate_reported_pct,
    s.document_id,
    s.source_name,
    s.page
from {{ ref('fct_project_spending') }} as s
inner join {{ ref('dim_unit') }} as u on u.unit_key = s.unit_key
left join {{ ref('dim_project') }} as p on p.project_key = s.project_key
left join {{ ref('dim_region') }} as r on r.region_code = s.region_code
where s.is_primary and s.execution_rate_computed_pct < 80
