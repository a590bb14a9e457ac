{#- Use the configured schema name as is (staging, intermediate, marts), not <target>_<schema>,
    so that readers of the warehouse and its serving copy see the same names in every target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
