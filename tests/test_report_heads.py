"""How a report's head is read when a page runs it together (made-up texts in the shapes the thirteenth
session's reports print).

An analyst listing reports by year and title relies on the title ending where the report's own words
begin, even when the page glued the two.
"""

from __future__ import annotations

from tests.test_prose_project_reports import _extracted


def test_a_title_glued_to_the_department_it_is_addressed_to_ends_before_it() -> None:
    text = ("1、2017年外事业务经费绩效自评报告某市财政局:按照关于编制市级部门2018-2020年中期财政规划和2018年部门预算"
            "的通知要求,我办外事业务经费18万元纳入2017年财政支出绩效评价范围。现将自评情况汇报如下:一、项目概况\n")
    out = _extracted(text)
    [report] = out["reports"]
    assert report["title"] == "2017年外事业务经费绩效自评报告"
    assert out["fiscal_year"] == 2017


def test_an_attachments_number_glued_to_the_title_is_not_part_of_it() -> None:
    out = _extracted("附件3某省某县2021年中央食品监管专项转移支付绩效自评报告为进一步规范专项资金管理,现将自评情况"
                     "报告如下:一、绩效目标分解下达情况 中央下达资金3万元。\n")
    assert out["reports"][0]["title"] == "某省某县2021年中央食品监管专项转移支付绩效自评报告"


def test_the_whole_evaluations_score_is_taken_over_its_parts_printed_first() -> None:
    out = _extracted("某市2020年智慧学校建设项目绩效自评报告\n依据评价指标体系,产出指标自评得分50分、效益指标自评得分"
                     "30分、满意度指标自评得分10分、预算资金执行率自评得分10分,综合得分100分。项目资金300万元。\n")
    assert out["reports"][0]["score"] == "100"


def test_a_document_sites_file_name_over_the_documents_title_is_one_report() -> None:
    out = _extracted("2020年生猪屠宰绩效报告.doc\n\n关于生猪屠宰监管工作经费专项资金财政支出绩效评价自评报告\n"
                     "一、项目概况\n某县执法中队现有职工12人。年初预算25万元,实际支出25万元。\n")
    [report] = out["reports"]
    assert report["kind"] == "project_self_evaluation"
    assert report["title"] == "关于生猪屠宰监管工作经费专项资金财政支出绩效评价自评报告"


def test_a_party_committees_office_named_by_its_autonomous_prefectures_short_name_is_placed_there() -> None:
    out = _extracted("单位名称:中共红河州委政法委员会\n2022年项目支出绩效自评报告\n2022年批复项目7个,项目资金894万元。\n")
    assert out["unit"]["region_code"] == "532500"


def test_a_layout_is_no_units_name() -> None:
    from ingest.extract.unit import short_forms

    # '…地区城际铁路网布局' ends like a bureau (局) after a district's 区: a layout, not a unit
    assert short_forms("对于完善长三角地区城际铁路网布局、缩小江苏沿江城市间差距,县财政局拨付资金") == {"县财政局": 1}


def test_a_photo_credit_naming_a_web_site_is_no_unit() -> None:
    out = _extracted("图据某某地理信息局网站\n某某地理信息局公布“三公经费”情况\n2010年,“三公经费”财政拨款决算数为"
                     "1568.14万元,其中:因公出国(境)费320.86万元,公务接待费665.73万元。\n")
    assert out["unit"]["name"] is None


def test_a_final_accounts_compilation_note_is_a_report() -> None:
    out = _extracted("某市水务局2017年部门决算编制说明\n时间:2018年08月22日 来源:市水务局\n一、基本职能及主要工作\n"
                     "（一）主要职能。贯彻执行国家有关水行政管理工作的方针。\n")
    [report] = out["reports"]
    assert (report["kind"], report["title"]) == ("final_accounts", "某市水务局2017年部门决算编制说明")
    assert out["fiscal_year"] == 2017


def test_a_title_run_into_its_table_of_contents_ends_before_it() -> None:
    out = _extracted("2021年度部门决算公开说明-某处.pdf\n某区河道管理处 2021 年度决算公开说明 (目录) 第一部分:基本情况 "
                     "一、部门主要职能 二、部门和所属预算单位机构设置情况 第二部分:2021 年度部门决算情况说明\n"
                     "2021年度收入总计300万元，支出总计300万元。\n")
    assert out["reports"][0]["title"] == "某区河道管理处2021年度决算公开说明"


def test_page_number_fields_printed_before_a_title_are_not_part_of_it() -> None:
    out = _extracted("PAGE15PAGE11某区某某幼儿园2021年度部门决算(草案)目录第一部分2021年度部门决算报表一、收入支出决算总表"
                     "二、收入决算表三、支出决算表\n"
                     "2021年度收入总计300万元，支出总计300万元。\n")
    assert out["reports"][0]["title"] == "某区某某幼儿园2021年度部门决算(草案)"


def test_a_wrapped_title_of_a_traditional_character_copy_is_kept_as_printed() -> None:
    out = _extracted("重慶市某區體育運動學校\n2024年度決算公開情況說明\n一、部門基本情況\n"
                     "2024年度收入總計300萬元，支出總計300萬元。本單位職能職責是開展體育運動訓練。\n")
    assert out["reports"][0]["title"] == "重慶市某區體育運動學校2024年度決算公開情況說明"


def test_a_level_of_government_or_a_re_evaluation_is_no_part_of_a_projects_name() -> None:
    out = _extracted("某市强制隔离戒毒所2019年市级项目绩效自评报告\n一、项目概况\n2019年市级项目预算50万元，实际支出48万元。\n")
    assert out["reports"][0]["project"] is None
    out = _extracted("某市2023年乡村振兴林果上山上坡产业项目绩效再评价报告\n一、项目概况\n项目预算100万元，实际支出99.77万元。\n")
    assert out["reports"][0]["project"] == "乡村振兴林果上山上坡产业"
