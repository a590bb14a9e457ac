-- Administrative divisions (行政区划), names normalized, empty strings as NULL.
select
    trim(code) as region_code,
    {{ clean_text('name') }} as region_name,
    level as region_level,
    nullif(trim(parent_code), '') as parent_code,
    {{ clean_text('province') }} as province_name,
    {{ clean_text('prefecture') }} as prefecture_name,
    {{ clean_text('county') }} as county_name
from {{ source('raw', 'divisions') }}
