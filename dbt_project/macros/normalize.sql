{#- Text normalization shared by the staging and intermediate models. Reports print the same name
    with full-width or half-width punctuation, stray spaces and line breaks; these macros make
    such spellings compare equal without changing the printed columns, which are kept as loaded. -#}

{#- Printed text kept as printed, only whitespace and line breaks removed (the gold-label
    convention for text); '' → NULL. -#}
{% macro clean_text(expr) -%}
nullif(regexp_replace({{ expr }}, '[\s\x{3000}\x{00a0}\x{feff}]+', '', 'g'), '')
{%- endmacro %}

{#- Full-width punctuation and digits → half-width, every kind of whitespace removed; '' → NULL. -#}
{% macro normalize_text(expr) -%}
nullif(regexp_replace(translate({{ expr }},
    '（）【】［］：，；！？％＋－＝＜＞０１２３４５６７８９．',
    '()[][]:,;!?%+-=<>0123456789.'), '[\s\x{3000}\x{00a0}\x{feff}]+', '', 'g'), '')
{%- endmacro %}

{#- A project name without its year prefix, quotation marks and generic suffixes
    (项目/经费/专项资金…), so that 基层党组织建设项目 and 基层党组织建设经费 are one project. -#}
{% macro normalize_project_name(expr) -%}
coalesce(
    nullif(regexp_replace(regexp_replace(regexp_replace({{ normalize_text(expr) }},
        '^(19|20)[0-9]{2}年度?', ''),
        '["“”‘’''《》「」]', '', 'g'),
        '(项目支出|项目|专项经费|工作经费项目|经费|专项资金|资金)+$', ''), ''),
    {{ normalize_text(expr) }})
{%- endmacro %}

{#- Exact percentage num / den × 100, rounded half away from zero to 4 places, from DECIMAL inputs.
    DuckDB divides decimals in floating point; this stays in integers (HUGEINT) instead. -#}
{% macro exact_percent(num, den) -%}
(case
    when {{ num }} is null or {{ den }} is null or {{ den }} = 0 then null
    else cast(
        cast(
            sign({{ num }}) * sign({{ den }})
            * ((abs(cast({{ num }} * 10000 as hugeint)) * 2000000 + abs(cast({{ den }} * 10000 as hugeint)))
               // (2 * abs(cast({{ den }} * 10000 as hugeint))))
        as decimal(38, 0)) * 0.0001
    as decimal(18, 4))
end)
{%- endmacro %}

{#- A stable surrogate key: md5 of the parts joined by '|', NULL parts written as ''. -#}
{% macro surrogate_key(parts) -%}
md5(concat_ws('|', {%- for p in parts %} coalesce(cast({{ p }} as varchar), ''){{ "," if not loop.last }}{% endfor %}))
{%- endmacro %}
