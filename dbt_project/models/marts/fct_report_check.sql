-- Reconciliation of each report against itself (报告自洽性核对). A report prints totals, rates and
-- breakdowns that should agree; this model recomputes each relation from the printed figures and
-- keeps the printed and the computed value side by side, exactly (DECIMAL), with the difference.
-- Nothing is corrected: a failed check is a finding about the report, not an error of the load.
-- Where rows add up to less than a printed total, the report may itemize only part of it
-- (may_be_partial); rows adding up to more, or a total that contradicts its own parts, cannot be.
with spending as (
    select * from {{ ref('fct_project_spending') }}
),

finance as (
    select * from {{ ref('fct_unit_finance') }}
),

project_items as (
    select document_id, project_key, count(*) as items, sum(amount_wan) as amount_wan
    from {{ ref('fct_spending_item') }}
    where project_key is not null
    group by document_id, project_key
),

checks as (
    select
        'execution_rate_reported_vs_computed' as check_name,
        document_id, unit_key, fiscal_year, source_name, page,
        project_index as subject_index,
        project_name as subject,
        execution_rate_reported_pct as printed_value,
        execution_rate_computed_pct as computed_value,
        'pct' as value_unit,
        cast(0.01 as decimal(18, 4)) as tolerance
    from spending
    where execution_rate_reported_pct is not null and execution_rate_computed_pct is not null

    union all
    select
        'project_rows_vs_project_expenditure',
        document_id, unit_key, fiscal_year, source_name, page,
        0,
        '项目支出',
        project_expenditure_wan,
        project_rows_executed_sum_wan,
        'wan', 0
    from finance
    where project_expenditure_wan is not null and project_rows_executed_sum_wan is not null

    union all
    select
        'basic_plus_project_vs_expenditure_total',
        document_id, unit_key, fiscal_year, source_name, page,
        0,
        '支出合计',
        expenditure_total_wan,
        basic_expenditure_wan + project_expenditure_wan,
        'wan', 0
    from finance
    where expenditure_total_wan is not null and basic_expenditure_wan is not null
      and project_expenditure_wan is not null

    union all
    select
        'income_within_expenditure_plus_carryover',
        document_id, unit_key, fiscal_year, source_name, page,
        0,
        '收入合计',
        income_total_wan,
        expenditure_total_wan + carryover_total_wan,
        'wan', 0
    from finance
    where income_total_wan is not null and expenditure_total_wan is not null and carryover_total_wan is not null

    union all
    select
        'personnel_plus_public_vs_basic_expenditure',
        document_id, unit_key, fiscal_year, source_name, page,
        0,
        '基本支出',
        basic_expenditure_wan,
        personnel_expenses_wan + public_expenses_wan,
        'wan', 0
    from finance
    where basic_expenditure_wan is not null and personnel_expenses_wan is not null
      and public_expenses_wan is not null

    union all
    select
        'three_public_items_vs_total',
        document_id, unit_key, fiscal_year, source_name, page,
        0,
        '三公经费',
        three_public_expenses_wan,
        three_public_items_sum_wan,
        'wan', 0
    from finance
    where three_public_expenses_wan is not null and three_public_items_sum_wan is not null

    union all
    select
        'project_items_vs_project_executed',
        s.document_id, s.unit_key, s.fiscal_year, s.source_name, s.page,
        s.project_index,
        s.project_name,
        s.executed_wan,
        i.amount_wan,
        'wan', 0
    from spending as s
    inner join project_items as i on i.document_id = s.document_id and i.project_key = s.project_key
    where s.executed_wan is not null

    union all
    -- the same project-year printed by another report (or twice in one) with other amounts
    select
        'project_amounts_across_documents',
        s.document_id, s.unit_key, s.fiscal_year, s.source_name, s.page,
        s.project_index * 2 + a.field_no,
        s.project_name || ' · ' || a.field_cn,
        a.primary_value,
        a.this_value,
        'wan', 0
    from spending as s
    inner join spending as p
        on p.project_key = s.project_key and p.fiscal_year is not distinct from s.fiscal_year and p.is_primary
    cross join lateral (
        select 0 as field_no, '全年预算' as field_cn, p.budget_full_year_wan as primary_value,
               s.budget_full_year_wan as this_value
        union all
        select 1, '执行数', p.executed_wan, s.executed_wan
    ) as a
    where not s.is_primary and a.primary_value is not null and a.this_value is not null

    union all
    select
        'indicator_score_within_weight',
        document_id, unit_key, fiscal_year, source_name, page,
        indicator_index,
        indicator_name,
        weight,
        score,
        'points', 0
    from {{ ref('fct_indicator_result') }}
    where weight is not null and score is not null
)

select
    cast(check_name || ':' || document_id || ':' || subject_index as varchar)
        as check_key,
    cast(check_name as varchar) as check_name,
    cast(document_id as varchar) as document_id,
    cast(unit_key as varchar) as unit_key,
    cast(fiscal_year as integer) as fiscal_year,
    cast(subject_index as integer) as subject_index,
    cast(subject as varchar) as subject,
    cast(printed_value as decimal(18, 4)) as printed_value,
    cast(computed_value as decimal(18, 4)) as computed_value,
    cast(computed_value - printed_value as decimal(18, 4)) as difference,
    cast(value_unit as varchar) as value_unit,
    cast(tolerance as decimal(18, 4)) as tolerance,
    cast(case
        when check_name = 'indicator_score_within_weight' then computed_value <= printed_value
        -- 收入合计 may be 收入总计 (with the opening carry-over: then equal) or 本年收入 (without it:
        -- then no larger); only income above expenditure + closing carry-over contradicts both.
        when check_name = 'income_within_expenditure_plus_carryover' then printed_value <= computed_value + tolerance
        else abs(computed_value - printed_value) <= tolerance
    end as boolean) as passed,
    cast(check_name in ('project_rows_vs_project_expenditure', 'project_items_vs_project_executed')
         and computed_value < printed_value as boolean) as may_be_partial,
    cast(source_name as varchar) as source_name,
    cast(page as integer) as page
from checks
