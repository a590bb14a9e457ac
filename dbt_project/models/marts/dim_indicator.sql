-- One row per distinct indicator as printed (三级指标 under its printed 一级/二级), with the
-- normalized category it belongs to; the same indicator name used by many units is one row.
with indicators as (
    select distinct level1_printed, level2_printed, indicator_name, category_code
    from {{ ref('int_indicators') }}
)

select
    cast({{ surrogate_key(['i.level1_printed', 'i.level2_printed', 'i.indicator_name']) }} as varchar) as indicator_key,
    cast(i.indicator_name as varchar) as indicator_name,
    cast(i.level1_printed as varchar) as level1_printed,
    cast(i.level2_printed as varchar) as level2_printed,
    cast(c.category_code as varchar) as category_code,
    cast(c.level1_normalized as varchar) as level1_normalized,
    cast(c.level2_normalized as varchar) as level2_normalized,
    cast(c.indicator_category as varchar) as indicator_category
from indicators as i
inner join {{ ref('dim_indicator_category') }} as c on c.category_code = i.category_code
