-- One row per loaded source document (来源文件): where every fact row came from.
with warnings as (
    select
        document_id,
        count(*) as warnings_count,
        -- the OCR confidence gate (ingest/extract/ocr_confidence.py) starts its warnings so
        count(*) filter (where starts_with(warning_message, 'OCR read ')) as ocr_figures_withheld
    from {{ ref('stg_raw__extraction_warnings') }}
    group by document_id
),

published as (
    select source_path, sha256, source_name, article_url, attachment_url, published_date
    from {{ ref('stg_raw__fetched_reports') }}
    where is_current
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
    cast(coalesce(w.warnings_count, 0) as integer) as warnings_count,
    cast(d.ocr_pages as integer) as ocr_pages,
    cast(d.ocr_mean_confidence as decimal(9, 4)) as ocr_mean_confidence,
    cast(d.ocr_low_confidence_lines as integer) as ocr_low_confidence_lines,
    cast(coalesce(w.ocr_figures_withheld, 0) as integer) as ocr_figures_withheld,
    cast(case when p.source_name is not null then {{ surrogate_key(['p.source_name']) }} end as varchar) as source_key,
    cast(p.article_url as varchar) as article_url,
    cast(p.attachment_url as varchar) as attachment_url,
    cast(p.published_date as date) as published_date
from {{ ref('int_documents') }} as d
left join warnings as w on w.document_id = d.document_id
left join published as p on p.source_path = d.source_path and p.sha256 = d.document_id
