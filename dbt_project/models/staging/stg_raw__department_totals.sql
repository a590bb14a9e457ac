-- Whole-unit totals a department or final-accounts report prints, one row per document.
select
    document_id,
    cast(income_total_wan as decimal(18, 4)) as income_total_wan,
    cast(expenditure_total_wan as decimal(18, 4)) as expenditure_total_wan,
    cast(basic_expenditure_wan as decimal(18, 4)) as basic_expenditure_wan,
    cast(project_expenditure_wan as decimal(18, 4)) as project_expenditure_wan,
    cast(budget_initial_total_wan as decimal(18, 4)) as budget_initial_total_wan,
    cast(carryover_total_wan as decimal(18, 4)) as carryover_total_wan,
    cast(three_public_expenses_wan as decimal(18, 4)) as three_public_expenses_wan
from {{ source('raw', 'department_totals') }}
