-- One row per fiscal year (所评年度) from the earliest to the latest year any document evaluates.
with bounds as (
    select min(fiscal_year) as first_year, max(fiscal_year) as last_year
    from {{ ref('int_documents') }}
    where fiscal_year is not null
),

years as (
    select cast(y.generate_series as integer) as fiscal_year
    from bounds, generate_series(bounds.first_year, bounds.last_year) as y
    where bounds.first_year is not null
),

counts as (
    select fiscal_year, count(*) as documents_count
    from {{ ref('int_documents') }}
    group by fiscal_year
)

select
    cast(y.fiscal_year as integer) as fiscal_year,
    cast(y.fiscal_year || '年度' as varchar) as fiscal_year_label,
    cast(coalesce(c.documents_count, 0) as integer) as documents_count
from years as y
left join counts as c on c.fiscal_year = y.fiscal_year
