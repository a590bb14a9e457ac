-- One row per reporting unit (预算单位): same region code + same normalized name = same unit,
-- whatever year it reports for and however the name is prefixed (中共…, province or city names).
-- The latest document supplies the display name and codes; aliases are the union of all years.
with documents as (
    select * from {{ ref('int_documents') }}
),

latest as (
    select *
    from documents
    qualify row_number() over (
        partition by unit_key
        order by fiscal_year desc nulls last, (unit_name is null), loaded_at desc, document_id
    ) = 1
),

aliases as (
    select
        unit_key,
        list(distinct alias order by alias) filter (where alias is not null) as unit_aliases
    from (
        select unit_key, unnest(list_concat(unit_aliases, [unit_name])) as alias from documents
    )
    group by unit_key
),

years as (
    select
        unit_key,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(*) as documents_count,
        max(unit_code) as any_unit_code,
        max(credit_code) as any_credit_code
    from documents
    group by unit_key
)

select
    cast(l.unit_key as varchar) as unit_key,
    cast(coalesce(l.unit_name, l.unit_name_normalized) as varchar) as unit_name,
    cast(l.unit_name_normalized as varchar) as unit_name_normalized,
    cast(coalesce(a.unit_aliases, []) as varchar[]) as unit_aliases,
    cast(l.department_type as varchar) as department_type,
    cast(l.department_type_en as varchar) as department_type_en,
    cast(l.region_code as varchar) as region_code,
    cast(l.province_name as varchar) as province_name,
    cast(l.prefecture_name as varchar) as prefecture_name,
    cast(l.county_name as varchar) as county_name,
    cast(coalesce(l.unit_code, y.any_unit_code) as varchar) as unit_code,
    cast(coalesce(l.credit_code, y.any_credit_code) as varchar) as credit_code,
    cast(y.first_fiscal_year as integer) as first_fiscal_year,
    cast(y.last_fiscal_year as integer) as last_fiscal_year,
    cast(y.documents_count as integer) as documents_count
from latest as l
inner join years as y on y.unit_key = l.unit_key
left join aliases as a on a.unit_key = l.unit_key
