-- Each loaded document with the identity of its unit: a normalized name (no 中共 prefix, no
-- province or prefecture prefix before the county name, so 中共广元市利州区委组织部 and
-- 利州区委组织部 compare equal) and a unit key on (region code, normalized name), so the same unit
-- reporting in several years is one unit. The department type comes from name keywords (seed).
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

named as (
    select
        *,
        {{ normalize_text('coalesce(unit_name, unit_aliases[1])') }} as unit_name_base
    from documents
),

stripped as (
    select
        *,
        regexp_replace(coalesce(unit_name_base, ''), '^(中国共产党|中共)', '') as name_step1,
        {{ normalize_text('province_name') }} as province_norm,
        {{ normalize_text('prefecture_name') }} as prefecture_norm,
        {{ normalize_text('county_name') }} as county_norm
    from named
),

unprefixed as (
    select
        *,
        case
            when province_norm is not null and starts_with(name_step1, province_norm)
                 and length(name_step1) > length(province_norm) + 1
                then substr(name_step1, length(province_norm) + 1)
            else name_step1
        end as name_step2
    from stripped
),

deprefixed as (
    select
        *,
        case
            when prefecture_norm is not null and county_norm is not null
                 and starts_with(name_step2, prefecture_norm || county_norm)
                then substr(name_step2, length(prefecture_norm) + 1)
            else name_step2
        end as name_step3
    from unprefixed
),

normalized as (
    -- 屈原管理区区委组织部 → 屈原管理区委组织部, 益阳市市委组织部 → 益阳市委组织部: the level
    -- character written twice before 委 is the same unit
    select
        *,
        coalesce(nullif(
            case
                when county_norm is not null and starts_with(name_step3, county_norm || right(county_norm, 1) || '委')
                    then county_norm || substr(name_step3, length(county_norm) + 2)
                when prefecture_norm is not null
                     and starts_with(name_step3, prefecture_norm || right(prefecture_norm, 1) || '委')
                    then prefecture_norm || substr(name_step3, length(prefecture_norm) + 2)
                else name_step3
            end, ''), '(未具名单位)') as unit_name_normalized
    from deprefixed
),

department_types as (
    select
        n.document_id,
        k.department_type,
        k.department_type_en
    from normalized as n
    inner join {{ ref('department_type_keywords') }} as k
        on contains(n.unit_name_normalized, k.keyword)
    qualify row_number() over (
        partition by n.document_id order by k.priority, length(k.keyword) desc, k.keyword
    ) = 1
)

select
    n.document_id,
    n.source_path,
    n.source_name,
    n.file_format,
    n.size_bytes,
    n.n_pages,
    n.extractor_version,
    n.loaded_at,
    n.fiscal_year,
    n.unit_name,
    n.unit_aliases,
    n.unit_name_normalized,
    {{ surrogate_key(['n.region_code', 'n.unit_name_normalized']) }} as unit_key,
    coalesce(t.department_type, '其他') as department_type,
    coalesce(t.department_type_en, 'Other') as department_type_en,
    n.region_code,
    n.province_name,
    n.prefecture_name,
    n.county_name,
    n.unit_code,
    n.credit_code,
    n.unit_page,
    n.unit_raw_text,
    n.ocr_pages,
    n.ocr_lines,
    n.ocr_mean_confidence,
    n.ocr_low_confidence_lines
from normalized as n
left join department_types as t on t.document_id = n.document_id
