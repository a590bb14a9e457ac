-- One row per document that states whole-unit money (raw.department_totals and/or unit-level
-- raw.spending_items): the totals as printed, and the economic breakdown 人员经费 / 公用经费 /
-- 三公经费 read from the unit-level items. When a report prints 人员经费 and 公用经费 they are used
-- as printed; otherwise they are summed from the economic classification (工资福利支出 +
-- 对个人和家庭的补助 → 人员经费, 商品和服务支出 → 公用经费), and breakdown_basis says which.
with documents as (
    select * from {{ ref('int_documents') }}
),

totals as (
    select * from {{ ref('stg_raw__department_totals') }}
),

unit_items as (
    select
        document_id,
        item_name,
        amount_wan,
        page,
        case
            when item_name = '人员经费' then 'personnel'
            when item_name = '公用经费' then 'public'
            when item_name like '工资福利%' then 'wages'
            when item_name like '对个人和家庭%' then 'household_transfers'
            when item_name like '%商品和服务支出%' then 'goods_services'
            when item_name like '%出国%' then 'travel_abroad'
            when item_name like '%公务用车%' then 'official_vehicles'
            when item_name like '%公务接待%' then 'official_reception'
            else 'other'
        end as item_class
    from {{ ref('stg_raw__spending_items') }}
    where project_name is null
),

item_sums as (
    select
        document_id,
        sum(amount_wan) filter (where item_class = 'personnel') as personnel_printed,
        sum(amount_wan) filter (where item_class = 'public') as public_printed,
        sum(amount_wan) filter (where item_class in ('wages', 'household_transfers')) as personnel_classified,
        sum(amount_wan) filter (where item_class = 'goods_services') as public_classified,
        sum(amount_wan) filter (where item_class = 'travel_abroad') as travel_abroad,
        sum(amount_wan) filter (where item_class = 'official_vehicles') as official_vehicles,
        sum(amount_wan) filter (where item_class = 'official_reception') as official_reception,
        count(*) filter (where item_class in ('travel_abroad', 'official_vehicles', 'official_reception'))
            as three_public_items_count,
        count(*) as unit_items_count,
        min(page) as first_page
    from unit_items
    group by document_id
),

project_rows as (
    select
        document_id,
        count(*) as project_rows_count,
        sum(executed_wan) as executed_sum,
        sum(budget_full_year_wan) as budget_full_year_sum
    from {{ ref('stg_raw__projects') }}
    group by document_id
),

finance_documents as (
    select document_id from totals
    union
    select document_id from item_sums
)

select
    cast(f.document_id as varchar) as document_id,
    cast(d.unit_key as varchar) as unit_key,
    cast(d.region_code as varchar) as region_code,
    cast(d.fiscal_year as integer) as fiscal_year,
    cast(t.income_total_wan as decimal(18, 4)) as income_total_wan,
    cast(t.expenditure_total_wan as decimal(18, 4)) as expenditure_total_wan,
    cast(t.basic_expenditure_wan as decimal(18, 4)) as basic_expenditure_wan,
    cast(t.project_expenditure_wan as decimal(18, 4)) as project_expenditure_wan,
    cast(t.budget_initial_total_wan as decimal(18, 4)) as budget_initial_total_wan,
    cast(t.carryover_total_wan as decimal(18, 4)) as carryover_total_wan,
    cast(coalesce(i.personnel_printed, i.personnel_classified) as decimal(18, 4)) as personnel_expenses_wan,
    cast(coalesce(i.public_printed, i.public_classified) as decimal(18, 4)) as public_expenses_wan,
    cast(case
        when i.personnel_printed is not null or i.public_printed is not null then 'printed'
        when i.personnel_classified is not null or i.public_classified is not null then 'economic_classification'
    end as varchar) as breakdown_basis,
    cast(t.three_public_expenses_wan as decimal(18, 4)) as three_public_expenses_wan,
    cast(i.travel_abroad as decimal(18, 4)) as travel_abroad_wan,
    cast(i.official_vehicles as decimal(18, 4)) as official_vehicles_wan,
    cast(i.official_reception as decimal(18, 4)) as official_reception_wan,
    cast(case when coalesce(i.three_public_items_count, 0) > 0
        then coalesce(i.travel_abroad, 0) + coalesce(i.official_vehicles, 0) + coalesce(i.official_reception, 0)
    end as decimal(18, 4)) as three_public_items_sum_wan,
    cast(coalesce(p.project_rows_count, 0) as integer) as project_rows_count,
    cast(p.executed_sum as decimal(18, 4)) as project_rows_executed_sum_wan,
    cast(p.budget_full_year_sum as decimal(18, 4)) as project_rows_budget_full_year_sum_wan,
    cast(d.source_name as varchar) as source_name,
    cast(i.first_page as integer) as page
from finance_documents as f
inner join documents as d on d.document_id = f.document_id
left join totals as t on t.document_id = f.document_id
left join item_sums as i on i.document_id = f.document_id
left join project_rows as p on p.document_id = f.document_id
