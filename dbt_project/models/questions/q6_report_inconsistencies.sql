-- Question 6: where a report's own numbers disagree with themselves — every failed reconciliation
-- (totals that do not add up, printed rates that do not match the printed amounts, breakdowns that
-- differ from their totals), with the unit, the printed and the recomputed value. may_be_partial
-- marks sums of itemized rows that fall short of a total the report may itemize only in part.
select
    c.fiscal_year,
    u.unit_name,
    u.province_name,
    u.prefecture_name,
    u.county_name,
    c.check_name,
    c.subject,
    c.printed_value,
    c.computed_value,
    c.difference,
    c.value_unit,
    c.may_be_partial,
    c.document_id,
    c.source_name,
    c.page
from {{ ref('fct_report_check') }} as c
inner join {{ ref('dim_unit') }} as u on u.unit_key = c.unit_key
where not c.passed
