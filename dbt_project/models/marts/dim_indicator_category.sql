-- The indicator framework (绩效指标体系): one row per normalized category, 一级 × 二级.
select
    cast(category_code as varchar) as category_code,
    cast(level1_normalized as varchar) as level1_normalized,
    cast(level2_normalized as varchar) as level2_normalized,
    cast(indicator_category as varchar) as indicator_category,
    cast(category_en as varchar) as category_en,
    cast(sort_order as integer) as sort_order
from {{ ref('indicator_categories') }}
