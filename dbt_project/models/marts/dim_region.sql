-- One row per administrative division (行政区划): every division of raw.divisions plus any region
-- a document names that the list lacks; each with the codes and names of its province, prefecture
-- and county so that facts roll up county → prefecture → province.
with regions as (
    select * from {{ ref('int_regions') }}
),

used as (
    select region_code, count(distinct unit_key) as units_count
    from {{ ref('int_documents') }}
    where region_code is not null
    group by region_code
)

select
    cast(r.region_code as varchar) as region_code,
    cast(r.region_name as varchar) as region_name,
    cast(r.region_level as varchar) as region_level,
    cast(r.parent_code as varchar) as parent_code,
    cast(r.province_code as varchar) as province_code,
    cast(r.province_name as varchar) as province_name,
    cast(r.prefecture_code as varchar) as prefecture_code,
    cast(r.prefecture_name as varchar) as prefecture_name,
    cast(r.county_code as varchar) as county_code,
    cast(r.county_name as varchar) as county_name,
    cast(r.region_source as varchar) as region_source,
    cast(coalesce(u.units_count, 0) as integer) as units_count
from regions as r
left join used as u on u.region_code = r.region_code
