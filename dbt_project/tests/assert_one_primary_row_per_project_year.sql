-- Aggregates count each project once per fiscal year: exactly one is_primary row per project-year.
select project_key, fiscal_year, count(*) filter (where is_primary) as primary_rows
from {{ ref('fct_project_spending') }}
group by project_key, fiscal_year
having count(*) filter (where is_primary) <> 1
