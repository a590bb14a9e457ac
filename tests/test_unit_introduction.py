"""A 部门决算 explanation that names its unit only where it introduces it ('X为全额拨款事业单位')."""

from __future__ import annotations

from pathlib import Path

from ingest.extract import extract_file


def _extracted(tmp_path: Path, text: str, name: str = "report.txt") -> dict:
    """The Extraction of a report saved as a text file (the way an inbox holds it)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)

TEXT = """一、部门基本情况
（一）职能职责
某某市清河区疾病预防控制中心为全额拨款事业单位，主要职责是：1、实施免疫规划。2、承担突发公共卫生事件预防控制任务。
二、部门决算情况说明
（一）收入支出决算总体情况说明
2022年度收入总计1200.50万元，支出总计1200.50万元。本部门2022年度收入合计1000万元，支出合计980万元。
"""


def test_the_unit_a_report_introduces_is_its_unit(tmp_path: Path) -> None:
    path = tmp_path / "intro.txt"
    path.write_text(TEXT, encoding="utf-8")
    ex = extract_file(path)
    assert ex["unit"]["name"] == "某某市清河区疾病预防控制中心"


def test_a_report_speaking_of_itself_as_本单位_names_no_unit(tmp_path: Path) -> None:
    path = tmp_path / "self.txt"
    path.write_text(TEXT.replace("某某市清河区疾病预防控制中心为", "本单位为"), encoding="utf-8")
    ex = extract_file(path)
    assert ex["unit"]["name"] is None


def test_a_statement_naming_only_its_jurisdiction_gets_that_division(tmp_path: Path) -> None:
    text = ("晋江市2023年“三公”经费决算情况说明\n晋江市2023年“三公”经费支出决算数为100.5万元，其中：因公出国（境）费0万元，"
            "公务用车购置及运行维护费60.5万元，公务接待费40万元。晋江市将继续压减一般性支出。\n")
    path = tmp_path / "city.txt"
    path.write_text(text, encoding="utf-8")
    assert extract_file(path)["unit"]["region_code"] == "350582"


def test_a_finance_bureau_publishing_a_county_statement_is_not_the_unit(tmp_path: Path) -> None:
    text = ("发布机构：临泽县财政局\n临泽县财政局关于公开全县“三公”经费决算情况的说明\n"
            "根据统一部署，现将全县2022年“三公”经费决算情况说明如下：全县“三公”经费支出决算数为"
            "120.5万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费80.5万元，公务接待费40万元。\n")
    path = tmp_path / "county.txt"
    path.write_text(text, encoding="utf-8")
    assert extract_file(path)["unit"]["name"] == "临泽县"


def test_an_index_numbers_code_places_the_report_but_is_not_the_units_credit_code(tmp_path: Path) -> None:
    path = tmp_path / "indexed.txt"
    path.write_text("索引号: 11341702003255900R/202404-00020 组配分类: 部门项目\n"
                    "发布机构: 宁国市林业局\n"
                    "宁国市林业局2023年度部门整体支出绩效自评报告\n"
                    "2023年度本年收入合计300万元，本年支出合计290万元。\n", encoding="utf-8")
    ex = extract_file(path)
    assert ex["unit"]["credit_code"] is None
    assert ex["unit"]["region_code"] == "341881"  # the code's division still places it
    assert any(w["field"] == "unit.credit_code" for w in ex["warnings"])
    printed = tmp_path / "printed.txt"
    printed.write_text("宁国市林业局2023年度部门整体支出绩效自评报告\n统一社会信用代码：11341702003255900R\n"
                       "2023年度本年收入合计300万元，本年支出合计290万元。\n", encoding="utf-8")
    assert extract_file(printed)["unit"]["credit_code"] == "11341702003255900R"


def test_a_contractor_carrying_the_project_out_is_not_the_reporting_unit(tmp_path: Path) -> None:
    ex = _extracted(tmp_path, "某市财政预算支出项目绩效目标自评表\n项目名称 | 办公局域网维护费 |\n"
                    "项目实施单位 | 广水市城投公司 | 项目主管单位 | 广水市纪委监委 |\n"
                    "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n年度资金总额 | 5.5 | 5.5 | 5.5 | 100% |\n")
    assert ex["unit"]["name"] == "广水市纪委监委"


def test_a_units_short_form_and_an_autonomous_prefectures_short_name_place_it(tmp_path: Path) -> None:
    short = _extracted(tmp_path, "市老干部休养所2016年度部门决算公开\n来源:市老干部休养所\n"
                       "岳阳市老干部休养所是正处级事业单位。本单位2016年度收入合计120万元，支出合计118万元。\n", "short.txt")
    assert short["unit"]["region_code"] == "430600"  # 岳阳市, not 岳阳县
    prefecture = _extracted(tmp_path, "2014年昌吉州中心血站部门决算\n昌吉州中心血站位于昌吉市，负责全州采供血工作。\n"
                            "本单位2014年度收入合计955.22万元，支出合计930万元。\n", "prefecture.txt")
    assert prefecture["unit"]["region_code"] == "652300"


def test_a_company_whose_own_title_heads_the_report_is_the_reporter(tmp_path: Path) -> None:
    ex = _extracted(tmp_path, "汨罗市城市公共汽车公司2017年度财政支出项目绩效评价自评报告（低票价运营补贴）\n"
                    "项目名称\n低票价运营补贴\n主管部门\n汨罗市交通运输局\n实施单位\n汨罗市城市公共汽车公司\n"
                    "项目资金（万元）\n年初预算数\n全年预算数\n全年执行数\n执行率\n年度资金总额\n89\n89\n89\n100%\n")
    assert ex["unit"]["name"] == "汨罗市城市公共汽车公司"


def test_a_unit_label_cut_short_by_a_shorter_label_before_it(tmp_path: Path) -> None:
    # a form's head in one line: '…补助项目 单位名称 X' is read as the label 项目单位 and the value '名称X'
    out = _extracted(tmp_path, "2019年度骨干教师补助项目绩效评价信息表 特别说明:本表由市州汇总后统一填写。 "
                               "单位(盖章):某县教育局 项目名称 2019年度农村义务教育阶段骨干教师补助项目 单位名称 "
                               "某县某镇中心中学 单位负责人 填报人 张三 电话 0722--6680031 邮箱\n"
                               "项目资金(万元) 全年预算(A) 全年执行(B) 执行率\n年度资金总额: 20.16 20.16 100%\n")
    assert out["unit"]["name"] == "某县某镇中心中学"


def test_a_portals_name_over_its_breadcrumb_is_not_the_unit_the_breadcrumb_names_it(tmp_path: Path) -> None:
    out = _extracted(tmp_path, "牟定县人民政府\n首页 >> 部门信息公开 >> 牟定县交通运输局 >> 正文\n\n"
                               "牟定县2020年农村公路养护工程绩效自评报告\n一、绩效目标分解下达情况\n"
                               "该工程下达资金56万元，实际完成投资54.6万元。\n")
    assert out["unit"]["name"] == "牟定县交通运输局"
    short = _extracted(tmp_path, "某县人民政府\n首页 >> 部门信息公开 >> 教体局 >> 正文\n\n"
                                 "2020年校舍维修工程绩效自评报告\n该工程下达资金56万元，实际完成投资54.6万元。\n")
    assert short["unit"]["name"] != "教体局"  # a short form could be any county's


def test_a_committees_name_gives_no_broken_alias(tmp_path: Path) -> None:
    out = _extracted(tmp_path, "保山市卫生健康委员会2021年度部门整体支出绩效自评报告\n一、部门基本情况\n"
                               "保山市卫生健康委员会是市政府工作部门。2021年度收入合计1200万元，支出合计1180万元。\n")
    assert out["unit"]["name"] == "保山市卫生健康委员会"
    assert "员会" not in out["unit"]["aliases"]


def test_a_unit_without_a_level_is_not_placed_by_a_division_named_only_by_a_common_word(tmp_path: Path) -> None:
    # '新建' (the short name of a district) twice in '新建工程项目': no evidence of where the kindergarten is
    out = _extracted(tmp_path, "一、单位基本情况\n（二）机构设置\n某某幼儿园内设行政办公室、保育保健部门。\n"
                               "二、单位决算情况说明\n2023年度收入总计830万元，支出总计830万元，主要原因是新建工程项目的减少，"
                               "另一新建工程项目延期。\n")
    assert out["unit"]["region_code"] is None


def test_a_districts_short_form_is_not_placed_in_a_county_by_its_index_code(tmp_path: Path) -> None:
    # the 索引号 starts with a county's code; the report speaks of a '区…局': not that county's
    out = _extracted(tmp_path, "索引号: 11341824788586317E/202505-00017\n"
                               "某风景区2024年度福利资金绩效自评报告\n一、绩效目标\n区退役军人事务局安排项目2个，资金10.7万元。\n")
    assert out["unit"]["name"] is None or not out["unit"]["name"].startswith("绩溪县")


def test_a_unit_introduced_by_its_duties_and_no_county_inside_a_verb(tmp_path: Path) -> None:
    # '…完成县人民政府交办的…': 交办 is a verb, '成县人民政府' no unit; the duties' subject is the unit
    text = ("第一部分 概况\n一、部门主要职责\n"
            "某某县植树绿化服务中心贯彻落实全民义务植树的组织、动员，完成县人民政府交办的其他工作任务。\n"
            "二、部门决算单位机构设置情况\n我单位在编人数3人。\n第二部分 2019年度部门决算报表\n"
            "2019年度收入总计120.5万元，支出总计118.2万元。\n")
    out = _extracted(tmp_path, text)
    assert out["unit"]["name"] == "某某县植树绿化服务中心"


def test_a_county_that_is_also_a_word_and_one_short_mention_place_no_unit(tmp_path: Path) -> None:
    # '…办理和县人大常委会…' reads 和 (and) + 县人大; the unit's own name places it
    text = ("某川县人大常委会办公室2017年部门决算编制说明\n一、部门职责\n"
            "督促人大代表提出的建议意见办理和县人大常委会提出的审议意见的落实。\n"
            "二、收入支出决算总体情况\n2017年度收入总计300万元，支出总计280万元。\n")
    out = _extracted(tmp_path, text.replace("某川县", "沐川县"))
    assert out["unit"]["region_code"] == "511129"
    # a town's report whose only division is a short name inside a crop ('梨树种植'): no county is guessed
    text = ("发布机构：某楼镇人民政府\n项目支出绩效自评表（2023年度）\n项目名称 特色种养殖补贴到户项目\n"
            "主管部门 县农业农村局\n年度资金总额 8.408 8.408\n数量指标 梨树种植面积 6亩 6亩\n")
    out = _extracted(tmp_path, text, "town.txt")
    assert out["unit"]["region_code"] is None


def test_a_company_processing_sewage_and_a_bureau_assigning_work_are_not_the_unit(tmp_path: Path) -> None:
    # '污水处理' is no office (处); '完成区生态环境局交办的…' names who assigns the work
    text = ("株洲市2021年污水处理费项目绩效评价报告\n一、项目基本情况\n"
            "资金主要用于支付株洲市污水处理有限责任公司、株洲市污水处理有限责任公司二厂的服务费，"
            "预算支出合计25,674.55万元。\n")
    out = _extracted(tmp_path, text)
    assert out["unit"]["name"] != "株洲市污水处"
    text = ("一、部门基本情况\n(一)职能职责。负责长寿区区域内的环境监测；完成区生态环境局交办的其他工作。\n"
            "二、收入支出决算总体情况\n2020年度收入总计300万元，支出总计280万元。\n")
    out = _extracted(tmp_path, text, "station.txt")
    assert out["unit"]["name"] is None


def test_a_cppcc_committee_keeps_its_name_and_the_year_of_its_totals_beats_a_typo(tmp_path: Path) -> None:
    text = ("一、部门基本情况\n（一）职能职责\n1.负责县政协全体会议的综合协调服务工作。\n"
            "（二）机构设置\n政协巫山县委员会设办公室1个。纳入本部门2019年度决算编制的单位共1个。\n"
            "二、部门决算情况说明\n（一）收入支出决算总体情况说明\n"
            "政协巫山县委员会2020年度收入总计900.00万元，支出总计900.00万元。\n")
    ex = _extracted(tmp_path, text)
    assert ex["unit"]["name"] == "政协巫山县委员会"
    assert ex["fiscal_year"] == 2020


def test_a_sites_index_code_of_another_city_loses_to_the_city_the_text_names(tmp_path: Path) -> None:
    # the 索引号's code points at one city; the report names another, in full, again and again
    text = ("索引号: 113417000000000000/202003-00001\n发布机构: 市教育体育局\n"
            "宣城市2019年体育专项资金绩效自评报告\n"
            "根据有关规定，下达宣城市体育专项资金100万元。宣城市按照年度任务将资金分配到实施单位。\n"
            "二、绩效目标完成情况\n宣城市全年支出100万元，执行率100%。\n")
    ex = _extracted(tmp_path, text)
    assert ex["unit"]["region_code"] == "341800"


def test_a_city_bureaus_unit_in_one_of_its_districts_is_named_and_placed_there(tmp_path: Path) -> None:
    text = ("1、2017年道路交通管理项目经费绩效\n根据有关文件要求，对我单位2017年项目经费进行绩效评价。"
            "2017年武汉市公安局江岸区交通大队绩效评价项目主要包括2个，总项目经费支出为1,508.00万元。"
            "其中：1、“道路交通管理项目经费”支出为1,500.00万元；2、“其他管理事务支出项目”支出8.00万元，"
            "确保了单位全面完成各项业务指标。\n")
    ex = _extracted(tmp_path, text)
    assert ex["unit"]["name"] == "武汉市公安局江岸区交通大队"
    assert ex["unit"]["region_code"] == "420102"
    # two projects, counted before their total, each with what it spent
    assert {p["name"]: (p["budget_full_year"], p["executed"]) for p in ex["projects"]} == {
        "道路交通管理项目经费": (None, "1500.00"), "其他管理事务支出项目": (None, "8.00")}


def test_a_towns_government_in_a_results_notice_title_and_a_committees_office(tmp_path: Path) -> None:
    text = ("天台县白鹤镇人民政府2022年度地方政府专项债券项目资金绩效评价结果公示\n"
            "根据有关文件要求，现将2022年度专项债券项目资金绩效评价结果公示如下。\n"
            "序号 | 项目名称 | 债券资金(万元) | 得分 |\n1 | 某某安置房建设项目 | 4000 | 90 |\n")
    assert _extracted(tmp_path, text)["unit"]["name"] == "天台县白鹤镇人民政府"
    text = ("中国共产党弥勒市委员会党史研究室2023年度项目支出绩效自评报告\n一、项目基本情况\n"
            "党史编纂专项经费预算10万元，全年实际支出10万元。\n")
    assert _extracted(tmp_path, text, "b.txt")["unit"]["name"] == "中国共产党弥勒市委员会党史研究室"


def test_a_unit_printed_with_its_prefectures_short_name_keeps_that_printing(tmp_path: Path) -> None:
    text = ("发布机构: 红河州商务局\n红河州商务局关于2020年度电子商务专项经费绩效自评报告\n"
            "一、项目基本情况\n州商务局2020年电子商务专项经费预算50万元，全年实际支出48万元。\n")
    ex = _extracted(tmp_path, text)
    assert ex["unit"]["name"] == "红河州商务局" and ex["unit"]["region_code"] == "532500"


def test_a_unit_in_a_title_over_two_lines_and_a_warning_where_none_is_named(tmp_path: Path) -> None:
    text = ("武山县消防救援大队2024年度部门预算\n执行情况绩效自评整改报告\n一、基本情况\n"
            "我单位对照2024年部门预算绩效自评中发现的问题进行整改，预算资金120万元。\n")
    assert _extracted(tmp_path, text)["unit"]["name"] == "武山县消防救援大队"
    text = "2022年度项目支出绩效自评报告\n一、基本情况\n本项目预算资金120万元，实际支出118万元，执行率98.33%。\n"
    ex = _extracted(tmp_path, text, "b.txt")
    assert ex["unit"]["name"] is None
    assert any(w["field"] == "unit.name" for w in ex["warnings"])


def test_a_pages_metadata_row_ending_in_society_is_no_unit(tmp_path: Path) -> None:
    text = ("索引号 11330283002980874G/2023-136011 组配分类 专项经费 主题分类 体育\n"
            "公开方式 主动公开 公开范围 面向全社会\n发布机构 区文广旅体局 发文日期 2023-01-10\n\n"
            "2022年区本级体彩公益金绩效使用自评报告\n\n2022年，财政下拨体育馆运行经费为190万元，用于物业管理等方面的支出。\n")
    ex = _extracted(tmp_path, text)
    assert ex["unit"]["name"] != "公开方式主动公开公开范围面向全社会"
    [report] = ex["reports"]
    assert (report["kind"], report["project"]) == ("project_self_evaluation", "区本级体彩公益金")


def test_an_introduction_run_on_from_its_sections_heading_names_the_unit(tmp_path: Path) -> None:
    text = ("一、基本职能及主要工作\n（一）主要职能。某某市清河区公共资源交易中心负责政府投资建设工程招投标、政府集中采购等"
            "公共资源交易活动的组织和服务。\n（二）2017年重点工作完成情况。\n二、2017年度部门决算情况说明\n"
            "2017年度收入总计280万元，支出总计280万元。\n")
    assert _extracted(tmp_path, text)["unit"]["name"] == "某某市清河区公共资源交易中心"
    # a heading over the unit's duties with no name after it names none
    duties = text.replace("某某市清河区公共资源交易中心负责", "负责")
    assert _extracted(tmp_path, duties)["unit"]["name"] is None


SECTION = """某区2021年度部门决算情况说明
一、部门基本情况
（一）职能职责
负责受理群众来信来访。
{intro}
二、部门决算情况说明
（一）收入支出决算总体情况说明
2021年度收入总计820.5万元，支出总计820.5万元。
"""


def test_a_unit_introduced_under_the_organisation_heading_is_the_unit(tmp_path: Path) -> None:
    text = SECTION.format(intro="（二）机构设置。某某市青山区信访办公室是区政府工作部门，为正处级。机关内设科室3个。")
    assert _extracted(tmp_path, text)["unit"]["name"] == "某某市青山区信访办公室"


def test_a_unit_introduced_right_after_its_heading_without_a_stop_is_the_unit(tmp_path: Path) -> None:
    text = SECTION.format(intro="二、部门决算单位构成某某市青山区广播电视台是财政一级预算单位，由台本级组成。")
    assert _extracted(tmp_path, text)["unit"]["name"] == "某某市青山区广播电视台"


def test_a_headings_own_words_are_no_part_of_the_introduced_name(tmp_path: Path) -> None:
    text = SECTION.format(intro="1.主要职责职能某某市青山区档案馆是区人民政府直属的公益一类事业单位，负责全区档案工作。")
    assert _extracted(tmp_path, text)["unit"]["name"] == "某某市青山区档案馆"
