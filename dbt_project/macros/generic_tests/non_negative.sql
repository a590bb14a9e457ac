{#- Money amounts in reports are never negative; a negative value means a mis-read sign or column. -#}
{% test jixiao_non_negative(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} < 0
{% endtest %}
