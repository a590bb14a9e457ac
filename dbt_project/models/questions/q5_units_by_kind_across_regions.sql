-- Question 5b: units of one kind (部门类型, e.g. 组织部) across regions — one row per department
-- type, fiscal year and unit, so e.g. every 组织部 can be compared across counties and provinces.
select
    department_type,
    fiscal_year,
    province_name,
    prefecture_name,
    county_name,
    region_code,
    unit_name,
    best_self_score,
    project_rows,
    budget_full_year_wan,
    executed_wan,
    execution_rate_pct,
    indicators,
    indicators_met
from {{ ref('q5_unit_across_years') }}
