-- One row per loaded source document (来源文件): where every fact row came from.
with warnings as (
    select document_id, count(*) as warnings_count
    from {{ ref('stg_raw__extraction_warnings') }}
    group by document_id
)

select
    cast(d.document_id as varchar) as document_id,
    cast(d.source_name as varchar) as source_name,
    cast(d.source_path as varchar) as source_path,
    cast(d.file_format as varchar) as file_format,
    cast(d.size_bytes as bigint) as size_bytes,
    cast(d.n_pages as integer) as n_pages,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.unit_name as varchar) as unit_name_printed,
    cast(d.extractor_version as varchar) as extractor_version,
    cast(d.loaded_at as timestamp) as loaded_at,
    cast(coalesce(w.warnings_count, 0) as integer) as warnings_count
from {{ ref('int_documents') }} as d
left join warnings as w on w.document_id = d.document_id
