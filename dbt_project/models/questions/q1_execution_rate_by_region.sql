-- Question 1: budget execution rate (预算执行率) by province, prefecture and county, per fiscal year.
-- Rate = Σ executed / Σ full-year budget over project-years that print both (exact decimals),
-- each project-year counted once (is_primary).
-- region_level says which level a row aggregates; a prefecture row includes its counties and the
-- prefecture's own units; a county row only that county's units.
with spending as (
    select
        s.fiscal_year,
        r.province_name,
        r.prefecture_name,
        r.county_name,
        s.budget_full_year_wan,
        s.executed_wan,
        (s.budget_full_year_wan is not null and s.executed_wan is not null) as has_both
    from {{ ref('fct_project_spending') }} as s
    left join {{ ref('dim_region') }} as r on r.region_code = s.region_code
    where s.is_primary  -- each project-year once, however many reports print it
),

grouped as (
    select
        fiscal_year,
        case
            when grouping(county_name) = 0 then 'county'
            when grouping(prefecture_name) = 0 then 'prefecture'
            else 'province'
        end as region_level,
        province_name,
        prefecture_name,
        county_name,
        count(*) as project_rows,
        count(*) filter (where has_both) as project_rows_with_both,
        sum(budget_full_year_wan) filter (where has_both) as budget_full_year_wan,
        sum(executed_wan) filter (where has_both) as executed_wan
    from spending
    group by grouping sets (
        (fiscal_year, province_name),
        (fiscal_year, province_name, prefecture_name),
        (fiscal_year, province_name, prefecture_name, county_name)
    )
)

select
    fiscal_year,
    region_level,
    province_name,
    prefecture_name,
    county_name,
    project_rows,
    project_rows_with_both,
    cast(budget_full_year_wan as decimal(18, 4)) as budget_full_year_wan,
    cast(executed_wan as decimal(18, 4)) as executed_wan,
    {{ exact_percent('executed_wan', 'budget_full_year_wan') }} as execution_rate_pct
from grouped
-- a county-level row without a county is the prefecture's own units, already in the prefecture row
where not (region_level = 'county' and county_name is null)
  and not (region_level = 'prefecture' and prefecture_name is null)
