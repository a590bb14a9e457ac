-- Question 3: share of performance indicators met (指标达成率) by indicator category, per
-- jurisdiction and fiscal year. met_share_pct counts only indicators whose outcome can be decided;
-- undecidable ones (texts that cannot be compared, values not printed) are counted separately.
with results as (
    select
        i.fiscal_year,
        i.region_code,
        r.region_name,
        r.region_level,
        r.province_name,
        r.prefecture_name,
        r.county_name,
        c.indicator_category,
        c.sort_order,
        i.met
    from {{ ref('fct_indicator_result') }} as i
    inner join {{ ref('dim_indicator_category') }} as c on c.category_code = i.category_code
    left join {{ ref('dim_region') }} as r on r.region_code = i.region_code
    where i.is_primary  -- an indicator printed by two reports of the same unit-year counts once
)

select
    fiscal_year,
    region_code,
    region_name,
    region_level,
    province_name,
    prefecture_name,
    county_name,
    indicator_category,
    min(sort_order) as category_sort_order,
    count(*) as indicators,
    count(*) filter (where met = 'met') as met,
    count(*) filter (where met = 'not_met') as not_met,
    count(*) filter (where met = 'undecidable') as undecidable,
    case when count(*) filter (where met <> 'undecidable') > 0 then
        cast(round(100.0 * count(*) filter (where met = 'met')
                   / count(*) filter (where met <> 'undecidable'), 2) as decimal(9, 2))
    end as met_share_pct
from results
group by all
