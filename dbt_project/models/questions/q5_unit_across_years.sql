-- Question 5a: the same unit across years — one row per unit and fiscal year with its project
-- spending, execution rate, self-evaluation score and indicator results, so a unit's years line up.
with spending as (
    select
        unit_key, fiscal_year,
        count(*) as project_rows,
        sum(budget_full_year_wan) filter (where executed_wan is not null) as budget_full_year_wan,
        sum(executed_wan) filter (where budget_full_year_wan is not null) as executed_wan
    from {{ ref('fct_project_spending') }}
    where is_primary
    group by unit_key, fiscal_year
),

scores as (
    select unit_key, fiscal_year, max(score) as best_self_score, count(*) as reports
    from {{ ref('fct_evaluation') }}
    group by unit_key, fiscal_year
),

indicators as (
    select
        unit_key, fiscal_year,
        count(*) as indicators,
        count(*) filter (where met = 'met') as indicators_met
    from {{ ref('fct_indicator_result') }}
    where is_primary
    group by unit_key, fiscal_year
),

unit_years as (
    select distinct unit_key, fiscal_year from {{ ref('dim_document') }}
)

select
    u.unit_key,
    u.unit_name,
    u.department_type,
    u.region_code,
    u.province_name,
    u.prefecture_name,
    u.county_name,
    y.fiscal_year,
    coalesce(sc.reports, 0) as reports,
    sc.best_self_score,
    coalesce(sp.project_rows, 0) as project_rows,
    cast(sp.budget_full_year_wan as decimal(18, 4)) as budget_full_year_wan,
    cast(sp.executed_wan as decimal(18, 4)) as executed_wan,
    {{ exact_percent('sp.executed_wan', 'sp.budget_full_year_wan') }} as execution_rate_pct,
    coalesce(i.indicators, 0) as indicators,
    coalesce(i.indicators_met, 0) as indicators_met
from unit_years as y
inner join {{ ref('dim_unit') }} as u on u.unit_key = y.unit_key
left join spending as sp on sp.unit_key = y.unit_key and sp.fiscal_year is not distinct from y.fiscal_year
left join scores as sc on sc.unit_key = y.unit_key and sc.fiscal_year is not distinct from y.fiscal_year
left join indicators as i on i.unit_key = y.unit_key and i.fiscal_year is not distinct from y.fiscal_year
