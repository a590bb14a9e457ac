-- Each indicator row with (1) its place in the national indicator framework: 一级/二级 as printed
-- are mapped to 产出-数量/质量/时效/成本, 效益-经济/社会/生态/可持续影响 and 满意度 by keywords, so
-- 完成指标/数量招标 (misprints seen in real tables) still land in 产出-数量; (2) target and actual as
-- comparator + number + unit (the extractor's parse, else the SQL reading in parse_indicator_value);
-- (3) whether the target was met, and on what basis.
with indicators as (
    select * from {{ ref('stg_raw__indicators') }}
),

classified as (
    select
        *,
        {{ normalize_text('target_printed') }} as target_norm,
        {{ normalize_text('actual_printed') }} as actual_norm,
        case
            when level2_printed like '%满意%' or level1_printed like '%满意%' then 'satisfaction'
            when level2_printed like '%数量%' then 'output.quantity'
            when level2_printed like '%质量%' then 'output.quality'
            when level2_printed like '%时效%' or level2_printed like '%进度%' then 'output.timeliness'
            when level2_printed like '%成本%' or level1_printed like '%成本%' then 'output.cost'
            when level2_printed like '%经济%' then 'outcome.economic'
            when level2_printed like '%社会%' then 'outcome.social'
            when level2_printed like '%生态%' or level2_printed like '%环境%' then 'outcome.ecological'
            when level2_printed like '%可持续%' then 'outcome.sustainable'
            when level1_printed like '%产出%' or level1_printed like '%完成%' then 'output.other'
            when level1_printed like '%效益%' or level1_printed like '%效果%' then 'outcome.other'
            else 'unclassified'
        end as category_code
    from indicators
),

read_by_sql as (
    -- the SQL reading of the printed values, used where the extractor supplied no parse
    select
        *,
        {{ indicator_comparator('target_norm') }} as t_cmp_sql,
        {{ indicator_comparator('actual_norm') }} as a_cmp_sql
    from classified
),

parsed as (
    select
        *,
        {{ indicator_reading('target', 't') }},
        {{ indicator_reading('actual', 'a') }},
        case when target_comparator is not null or actual_comparator is not null then 'extractor' else 'warehouse' end
            as parsed_by,
        -- the same words the extractor uses (ingest/templates/indicator_verdict_words.csv)
        (category_code = 'output.cost'
         or exists (select 1 from {{ ref('indicator_verdict_words') }} as w
                    where w.kind = 'lower_is_better' and contains(coalesce(indicator_name, ''), w.word)))
            as lower_is_better
    from read_by_sql
),

compared as (
    select
        *,
        (t_cmp is not null and t_cmp <> 'text' and t_val is not null
         and a_cmp is not null and a_cmp not in ('text', 'range') and a_val is not null
         and (t_unit is null or a_unit is null or t_unit = a_unit)) as numerically_comparable,
        coalesce(actual_norm in (select word from {{ ref('indicator_verdict_words') }} where kind = 'done'), false)
            as actual_states_complete
    from parsed
),

decided as (
    select
        *,
        case
            when not numerically_comparable then null
            when t_cmp = '>=' then a_val >= t_val
            when t_cmp = '>' then a_val > t_val
            when t_cmp = '<=' then a_val <= t_val
            when t_cmp = '<' then a_val < t_val
            when t_cmp = 'range' then a_val between t_val and coalesce(t_val_high, t_val)
            when t_cmp = 'approx' and lower_is_better then a_val <= t_val * 1.1
            when t_cmp = 'approx' then a_val >= t_val * 0.9
            when lower_is_better then a_val <= t_val
            else a_val >= t_val
        end as numeric_met
    from compared
)

select
    document_id,
    indicator_index,
    project_name,
    level1_printed,
    level2_printed,
    indicator_name,
    category_code,
    target_printed,
    actual_printed,
    t_cmp as target_comparator,
    t_val as target_value,
    t_val_high as target_value_high,
    t_unit as target_unit,
    a_cmp as actual_comparator,
    a_val as actual_value,
    a_val_high as actual_value_high,
    a_unit as actual_unit,
    parsed_by,
    lower_is_better,
    case
        when met_extracted in ('met', 'not_met') then met_extracted  -- the extractor decided it
        when target_printed is null or actual_printed is null then 'undecidable'
        when numeric_met is not null then case when numeric_met then 'met' else 'not_met' end
        when target_norm = actual_norm then 'met'
        when actual_states_complete then 'met'
        else 'undecidable'
    end as met,
    case
        when met_extracted in ('met', 'not_met') then 'extractor'
        when target_printed is null or actual_printed is null then 'value_missing'
        when numeric_met is not null then 'numeric_comparison'
        when target_norm = actual_norm then 'same_text'
        when actual_states_complete then 'stated_complete'
        else 'not_comparable'
    end as met_basis,
    weight,
    score,
    note,
    page,
    table_index,
    row_index,
    raw_text
from decided
