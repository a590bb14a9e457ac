-- Every division of raw.divisions, plus the divisions a document names that the list lacks
-- (e.g. a functional area such as a 管理区 missing from an older list, or a load without the list):
-- those are built from the document's own province / prefecture / county names, with parent codes
-- taken from the code's prefix (GB/T 2260: PPCCXX); a code with no names is named by its code. Each row gets the codes of its province,
-- prefecture and county so that a county rolls up to its prefecture and province.
with divisions as (
    select
        region_code, region_name, region_level, parent_code,
        province_name, prefecture_name, county_name,
        'divisions' as region_source
    from {{ ref('stg_raw__divisions') }}
),

document_regions as (
    select distinct region_code, province_name, prefecture_name, county_name
    from {{ ref('stg_raw__documents') }}
    where region_code is not null and regexp_matches(region_code, '^[0-9]{6}$')
),

candidates as (
    -- the document's own code, always (named after its lowest known level, else by its code)
    select
        region_code,
        coalesce(county_name, prefecture_name, province_name, region_code) as region_name,
        case
            when county_name is not null then 'county'
            when prefecture_name is not null then 'prefecture'
            when province_name is not null then 'province'
            when region_code like '__0000' then 'province'
            when region_code like '____00' then 'prefecture'
            else 'county'
        end as region_level,
        case
            when county_name is not null and prefecture_name is not null then left(region_code, 4) || '00'
            when county_name is not null or prefecture_name is not null then left(region_code, 2) || '0000'
            when region_code like '__0000' then null
            when region_code like '____00' then left(region_code, 2) || '0000'
            else left(region_code, 4) || '00'
        end as parent_code,
        province_name,
        prefecture_name,
        county_name,
        0 as preference
    from document_regions
    union all
    -- its province and prefecture, where the document names them
    select
        left(region_code, 2) || '0000',
        province_name,
        'province',
        cast(null as varchar),
        province_name,
        cast(null as varchar),
        cast(null as varchar),
        1
    from document_regions
    where province_name is not null
    union all
    select
        left(region_code, 4) || '00',
        prefecture_name,
        'prefecture',
        left(region_code, 2) || '0000',
        province_name,
        prefecture_name,
        cast(null as varchar),
        1
    from document_regions
    where prefecture_name is not null
),

missing as (
    select
        c.region_code, c.region_name, c.region_level, c.parent_code,
        c.province_name, c.prefecture_name, c.county_name,
        'documents' as region_source
    from candidates as c
    where c.region_code not in (select region_code from divisions)
    qualify row_number() over (
        partition by c.region_code order by c.preference, c.region_name = c.region_code, c.region_name
    ) = 1
),

all_regions as (
    select * from divisions
    union all
    select * from missing
)

select
    r.region_code,
    r.region_name,
    r.region_level,
    r.parent_code,
    case r.region_level
        when 'province' then r.region_code
        when 'prefecture' then r.parent_code
        else case when p.region_level = 'province' then p.region_code else p.parent_code end
    end as province_code,
    case r.region_level
        when 'province' then null
        when 'prefecture' then r.region_code
        else case when p.region_level = 'prefecture' then p.region_code end
    end as prefecture_code,
    case when r.region_level = 'county' then r.region_code end as county_code,
    r.province_name,
    r.prefecture_name,
    r.county_name,
    r.region_source
from all_regions as r
left join all_regions as p on p.region_code = r.parent_code
