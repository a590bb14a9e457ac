{#- Reading a printed indicator value (年度指标值 / 实际完成值) such as ≥700名, 90%以上, 700万元以内,
    30名左右, 1-2次 or 有提升 into a comparator, a number, an upper bound and a unit. The extractor
    normally supplies these (raw.indicators.*_comparator …); the intermediate model uses these
    macros only where a row arrives without them, so every row can still be compared. -#}

{% macro indicator_comparator(t) -%}
(case
    when {{ t }} is null then null
    when regexp_matches({{ t }}, '^(19|20)[0-9]{2}年') then 'text'
    when regexp_matches({{ t }}, '^(≥|≧|>=|=>|不低于|不少于|大于等于|大于或等于|至少)[^0-9]{0,2}[0-9]') then '>='
    when regexp_matches({{ t }}, '^(≤|≦|<=|=<|不高于|不超过|不多于|小于等于|小于或等于|控制在)[^0-9]{0,2}[0-9]') then '<='
    when regexp_matches({{ t }}, '^(>|大于|高于|超过|多于)[0-9]') then '>'
    when regexp_matches({{ t }}, '^(<|小于|低于|少于)[0-9]') then '<'
    when regexp_matches({{ t }}, '^[0-9]+(\.[0-9]+)?[^0-9]{0,3}(-|~|～|至|到|—)[0-9]+(\.[0-9]+)?[^0-9]{0,4}$') then 'range'
    when regexp_matches({{ t }}, '^[0-9]+(\.[0-9]+)?[^0-9]{0,4}(以上|及以上|或以上|以上\(含\))$') then '>='
    when regexp_matches({{ t }}, '^[0-9]+(\.[0-9]+)?[^0-9]{0,4}(以内|以下|及以下|之内)$') then '<='
    when regexp_matches({{ t }}, '^(约|大约)[0-9]') then 'approx'
    when regexp_matches({{ t }}, '^[0-9]+(\.[0-9]+)?[^0-9]{0,4}左右$') then 'approx'
    when regexp_matches({{ t }}, '^=?[0-9]+(\.[0-9]+)?[^0-9]{0,4}$') then '='
    else 'text'
end)
{%- endmacro %}

{% macro indicator_number(t) -%}
try_cast(nullif(regexp_extract({{ t }}, '([0-9]+(?:\.[0-9]+)?)', 1), '') as decimal(18, 4))
{%- endmacro %}

{% macro indicator_number_high(t) -%}
try_cast(nullif(regexp_extract({{ t }}, '(?:-|~|～|至|到|—)([0-9]+(?:\.[0-9]+)?)', 1), '') as decimal(18, 4))
{%- endmacro %}

{% macro indicator_unit(t) -%}
nullif(regexp_replace(
    regexp_extract({{ t }}, '[0-9]+(?:\.[0-9]+)?([^0-9]*)$', 1),
    '(以上\(含\)|及以上|或以上|以上|及以下|以下|以内|之内|左右)$', ''), '')
{%- endmacro %}

{#- The comparator, number, upper bound and unit of one side (`side`: target or actual) as columns
    `prefix`_cmp, _val, _val_high, _unit: the extractor's reading when it gave one (its comparator is
    set), else the SQL reading above, whose comparator the caller computed as `prefix`_cmp_sql. One
    macro for both sides, so that target and actual are always read by the same rule. -#}
{% macro indicator_reading(side, prefix) -%}
coalesce({{ side }}_comparator, {{ prefix }}_cmp_sql) as {{ prefix }}_cmp,
        case when {{ side }}_comparator is not null then {{ side }}_value
             when {{ prefix }}_cmp_sql <> 'text' then {{ indicator_number(side ~ '_norm') }}
        end as {{ prefix }}_val,
        case when {{ side }}_comparator is not null then {{ side }}_value_high
             when {{ prefix }}_cmp_sql = 'range' then {{ indicator_number_high(side ~ '_norm') }}
        end as {{ prefix }}_val_high,
        case when {{ side }}_comparator is not null then {{ side }}_unit
             when {{ prefix }}_cmp_sql <> 'text' then {{ indicator_unit(side ~ '_norm') }}
        end as {{ prefix }}_unit
{%- endmacro %}
