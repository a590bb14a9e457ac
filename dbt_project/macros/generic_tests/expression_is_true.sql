{#- Rows for which a SQL boolean expression is not true fail the test. Written here rather than
    taken from dbt_utils so the project never needs `dbt deps` (no network at build time). -#}
{% test jixiao_expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% endtest %}
