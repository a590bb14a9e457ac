-- One row per loaded report file: the unit, region and year it speaks for, with text normalized.
select
    document_id,
    source_path,
    source_name,
    format as file_format,
    size_bytes,
    n_pages,
    extractor_version,
    loaded_at,
    fiscal_year,
    {{ clean_text('unit_name') }} as unit_name,
    coalesce(unit_aliases, []::varchar[]) as unit_aliases,
    nullif(trim(region_code), '') as region_code,
    {{ clean_text('province') }} as province_name,
    {{ clean_text('prefecture') }} as prefecture_name,
    {{ clean_text('county') }} as county_name,
    {{ clean_text('unit_code') }} as unit_code,
    upper({{ clean_text('credit_code') }}) as credit_code,
    page as unit_page,
    raw_text as unit_raw_text
from {{ source('raw', 'documents') }}
