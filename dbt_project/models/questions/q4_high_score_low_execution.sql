-- Question 4: units that scored themselves ≥ 95 (自评得分) in a year while executing less than 80%
-- of their project budgets that year (Σ executed / Σ full-year budget over project rows printing both).
with scores as (
    select
        unit_key,
        fiscal_year,
        max(score) as best_self_score,
        max(score) filter (where report_kind = 'department_self_evaluation') as department_score,
        count(score) as scored_reports
    from {{ ref('fct_evaluation') }}
    where score is not null
    group by unit_key, fiscal_year
),

execution as (
    select
        unit_key,
        fiscal_year,
        count(*) as project_rows_with_both,
        sum(budget_full_year_wan) as budget_full_year_wan,
        sum(executed_wan) as executed_wan
    from {{ ref('fct_project_spending') }}
    where is_primary and budget_full_year_wan is not null and executed_wan is not null
    group by unit_key, fiscal_year
)

select
    s.fiscal_year,
    u.unit_name,
    u.department_type,
    u.region_code,
    u.province_name,
    u.prefecture_name,
    u.county_name,
    s.best_self_score,
    s.department_score,
    s.scored_reports,
    e.project_rows_with_both,
    cast(e.budget_full_year_wan as decimal(18, 4)) as budget_full_year_wan,
    cast(e.executed_wan as decimal(18, 4)) as executed_wan,
    {{ exact_percent('e.executed_wan', 'e.budget_full_year_wan') }} as execution_rate_pct
from scores as s
inner join execution as e on e.unit_key = s.unit_key and e.fiscal_year = s.fiscal_year
inner join {{ ref('dim_unit') }} as u on u.unit_key = s.unit_key
where s.best_self_score >= 95
  and {{ exact_percent('e.executed_wan', 'e.budget_full_year_wan') }} < 80
