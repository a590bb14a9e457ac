"""The self-evaluation form read from cells by its vocabulary (ingest/templates/forms.yaml).

What a user relies on: the same form reads the same whatever flattened it (`|`, tabs, wide gaps,
single spaces, one cell per line); blank cells a flattening dropped do not shift a row; a money row
with more than one reading leaves the doubtful columns empty; and a province's variant of the form is
supported by adding its header words to the vocabulary, with no code.
"""

from __future__ import annotations

import copy

from ingest.document import Line
from ingest.extract.form_money import assign_money
from ingest.extract.forms import find_forms
from ingest.extract.text import TextLine
from ingest.templates import compile_vocabulary, load_raw, vocabulary

# A national-template form as one row per line: (cells of the row).
FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "乡村道路养护项目"],
    ["主管部门", "某县交通运输局", "实施单位", "某县公路养护中心"],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "120", "150", "142.5", "10", "95%", "9.5"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "养护里程", "≥100公里", "105公里", "20", "20"],
    ["路面修补面积", "≥5000平方米", "4800平方米", "10", "9", "雨季影响工期"],
    ["质量指标", "路面合格率", "≥95%", "97%", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20"],
    ["总分", "100", "98.5"],
]

EXPECTED = [
    ("产出指标", "数量指标", "养护里程", "≥100公里", "105公里", "20", "20", None),
    ("产出指标", "数量指标", "路面修补面积", "≥5000平方米", "4800平方米", "10", "9", "雨季影响工期"),
    ("产出指标", "质量指标", "路面合格率", "≥95%", "97%", "20", "20", None),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20", None),
]


def _lines(texts: list[str]) -> list[TextLine]:
    return [TextLine(t, False, Line(t, 1, 0), i) for i, t in enumerate(texts)]


def _rows(form) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(r["level1"], r["level2"], r["name"], r["target"], r["actual"], r["weight"], r["score"], r["note"])
            for r in form.indicators]


def _flatten(sep: str | None) -> list[str]:
    if sep is None:  # one cell per line
        return [c for row in FORM for c in row]
    return [sep.join(row) for row in FORM]


def test_every_flattening_reads_the_same_form() -> None:
    for sep in ("|", "\t", "   ", " ", None):
        forms = find_forms(_lines(_flatten(sep)))
        assert len(forms) == 1, sep
        f = forms[0]
        assert f.project == "乡村道路养护项目", sep
        assert f.unit == "某县公路养护中心", sep
        assert f.money == {"budget_initial": "120", "budget_full_year": "150", "executed": "142.5",
                           "execution_rate": "95", "weight": "10", "score": "9.5"}, sep
        assert _rows(f) == EXPECTED, sep
        assert f.score == "98.5", sep


def test_a_row_that_lost_its_blank_cells_is_not_shifted() -> None:
    # the second row's level cells are merged (blank) and its note is blank: 5 cells for 8 columns
    forms = find_forms(_lines(["一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施",
                               "产出指标|数量指标|培训人次|≥200人次|230人次|30|30",
                               "培训合格率|≥90%|88%|30|25|部分学员缺考"]))
    rows = _rows(forms[0])
    assert rows[1] == ("产出指标", "数量指标", "培训合格率", "≥90%", "88%", "30", "25", "部分学员缺考")


def test_money_row_with_blank_cells_leaves_doubt_empty() -> None:
    cols = ["budget_initial", "budget_full_year", "executed", "weight", "execution_rate", "score"]
    # all six printed: the order decides
    full, doubt = assign_money(["100", "100", "83.88", "10", "83.88%", "8.39"], cols, "万元")
    assert not doubt and full and full["executed"] == "83.88" and full["execution_rate"] == "83.88"
    # the initial budget left blank: rate and executed agree only one way
    part, _ = assign_money(["100", "83.88", "10", "83.88%", "8.39"], cols, "万元")
    assert part and part["budget_full_year"] == "100" and part["executed"] == "83.88"
    assert part["budget_initial"] is None
    # two bare figures could be any two columns: nothing is guessed about the budgets
    two, doubt2 = assign_money(["50", "40"], cols, "万元")
    assert doubt2 and two and two["executed"] is None


def test_amounts_in_yuan_are_converted() -> None:
    lines = _lines(["项目名称|某项目", "项目资金（元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分",
                    "年度资金总额|250000|250000|200000|10|80%|8"])
    f = find_forms(lines)[0]
    assert f.money and f.money["budget_full_year"] == "25" and f.money["executed"] == "20"


# A made-up provincial variant whose header words the national vocabulary does not know.
VARIANT = [
    "项目名称|某乡饮水安全巩固项目",
    "资金情况（万元）|核定预算|调整预算|实际拨付|执行比例|分数",
    "资金合计|80|80|76|95%|9.5",
    "一级指标|二级指标|考核指标|目标数值|达成数值|满分|实得分|差异说明",
    "产出指标|数量指标|维修供水点|12处|12处|40|40",
    "效益指标|社会效益指标|受益人口|≥3000人|3200人|40|40",
]


def test_a_provincial_variant_is_added_by_vocabulary_alone() -> None:
    national = compile_vocabulary(load_raw())
    assert not any(f.indicators or f.money for f in find_forms(_lines(VARIANT), national))

    raw = copy.deepcopy(load_raw())
    raw["money"]["columns"]["budget_initial"].append("核定预算")
    raw["money"]["columns"]["budget_full_year"].append("调整预算")
    raw["money"]["columns"]["executed"].append("实际拨付")
    raw["money"]["columns"]["execution_rate"].append("执行比例")
    raw["money"]["columns"]["score"].append("分数")
    raw["money"]["total_rows"].append("资金合计")
    raw["indicators"]["columns"]["name"].append("考核指标")
    raw["indicators"]["columns"]["target"].append("目标数值")
    raw["indicators"]["columns"]["actual"].append("达成数值")
    raw["indicators"]["columns"]["weight"].append("满分")
    raw["indicators"]["columns"]["score"].append("实得分")
    raw["indicators"]["columns"]["note"].append("差异说明")
    variant = compile_vocabulary(raw)

    forms = find_forms(_lines(VARIANT), variant)
    assert len(forms) == 1
    f = forms[0]
    assert f.project == "某乡饮水安全巩固项目"
    assert f.money == {"budget_initial": "80", "budget_full_year": "80", "executed": "76",
                       "execution_rate": "95", "weight": None, "score": "9.5"}
    assert _rows(f) == [("产出指标", "数量指标", "维修供水点", "12处", "12处", "40", "40", None),
                        ("效益指标", "社会效益指标", "受益人口", "≥3000人", "3200人", "40", "40", None)]


def test_a_level_with_no_rows_and_a_money_word_as_indicator_name() -> None:
    # one cell per line: 预算执行率 is also a money header word, and 时效指标 has no rows of its own
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "预算执行率", "100%", "90%", "20", "18",
             "质量指标", "验收合格率", "100%", "100%", "20", "20",
             "时效指标", "成本指标", "设备采购成本", "≤80万元", "76万元", "20", "20",
             "效益指标", "社会效益指标", "服务覆盖率", "≥95%", "96%", "20", "20"]
    rows = _rows(find_forms(_lines(cells))[0])
    assert rows == [
        ("产出指标", "数量指标", "预算执行率", "100%", "90%", "20", "18", None),
        ("产出指标", "质量指标", "验收合格率", "100%", "100%", "20", "20", None),
        ("产出指标", "成本指标", "设备采购成本", "≤80万元", "76万元", "20", "20", None),
        ("效益指标", "社会效益指标", "服务覆盖率", "≥95%", "96%", "20", "20", None),
    ]


def test_a_blank_head_cell_does_not_take_the_next_label() -> None:
    cells = ["项目名称", "农村饮水维修项目", "主管部门", "实施单位", "项目资金（万元）", "年初预算数", "全年预算数",
             "全年执行数", "分值", "执行率", "得分", "年度资金总额", "50", "50", "45", "10", "90%", "9"]
    form = find_forms(_lines(cells))[0]
    assert form.project == "农村饮水维修项目"
    assert form.unit is None and form.department is None
    assert form.money is not None and form.money["executed"] == "45"


def test_a_header_on_two_rows_whose_lower_row_splits_the_target_column() -> None:
    # upper: 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差…; lower splits 年度指标值 into 指标性质 / 指标值 / 度量单位
    lines = ["项目名称|某镇污水管网维护经费",
             "绩效指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施",
             "一级指标|二级指标|三级指标|指标性质|指标值|度量单位",
             "产出指标|数量指标|维护管网长度|≥|12|公里|12.5|20|20|",
             "质量指标|维护合格率|＝|100|%|98|20|18|个别路段返工",
             "满意度指标|服务对象满意度指标|居民满意度|≥|90|%|92|10|10|"]
    rows = _rows(find_forms(_lines(lines))[0])
    assert rows == [
        ("产出指标", "数量指标", "维护管网长度", "≥12公里", "12.5公里", "20", "20", None),
        ("产出指标", "质量指标", "维护合格率", "=100%", "98%", "20", "18", "个别路段返工"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", "10", "10", None),
    ]


def test_polarity_and_comparison_columns_and_a_scoring_rule_column() -> None:
    # 指标性质 holds the polarity (正向), 指标方向 the comparison as printed (大于等于)
    cells = ["三级指标", "指标性质", "指标方向", "年度指标值", "实际完成值", "计量单位", "分值", "得分",
             "数量指标", "指标1:巡查次数(次)", "正向", "大于等于", "12", "13", "次", "10", "10",
             "指标2:投诉率", "反向", "小于等于", "5", "2", "%", "10", "10"]
    rows = [(r["level2"], r["name"], r["target"], r["actual"], r["weight"], r["score"])
            for r in find_forms(_lines(cells))[0].indicators]
    assert rows == [("数量指标", "指标1:巡查次数(次)", "大于等于12次", "13次", "10", "10"),
                    ("数量指标", "指标2:投诉率", "小于等于5%", "2%", "10", "10")]
    # a header on two rows ('绩效' over '目标值'), levels named 目标, a 评分标准 cell of sentences per row
    lines = ["一级指标 二级指标 三级指标 绩效 实际 评分标准 指标分值 自评得分 未完成原因",
             "目标值 完成值",
             "产出目标 数量目标 巡查河道里程 120公里 126公里 本指标满分10分，每少1公里扣1分，扣完为止。 10 10 已完成",
             "维护闸站数量 8座 8座 本指标满分10分，每少一座扣2分，扣完为止。 10 10 已完成"]
    rows = [(r["level1"], r["level2"], r["name"], r["target"], r["actual"], r["weight"], r["score"], r["note"])
            for r in find_forms(_lines(lines))[0].indicators]
    assert rows == [("产出目标", "数量目标", "巡查河道里程", "120公里", "126公里", "10", "10", "已完成"),
                    ("产出目标", "数量目标", "维护闸站数量", "8座", "8座", "10", "10", "已完成")]


def test_a_header_no_synonym_lists_is_matched_by_its_shape() -> None:
    """forms.yaml column_patterns: a publisher's own wording of the deviation column is a note column;
    a long cell of text that happens to hold the same words is not a header."""
    block = vocabulary().indicators
    assert block.field_of("未完成原因及拟采取的改进措施") == "note"
    assert block.field_of("偏差原因说明") == "note"
    assert block.field_of("由于资金下达较晚未完成原因已经分析并采取了相应的改进措施") is None
    assert block.field_of("年度指标值") == "target"


def test_an_unknown_header_between_known_ones_is_a_column_read_past() -> None:
    """A publisher's own extra column ('佐证材料名称', in no vocabulary) inside an indicator header does not
    end the header: its cells are read past, and the columns after it keep their places."""
    forms = find_forms(_lines(["一级指标|二级指标|三级指标|年度指标值|佐证材料名称|实际完成值|分值|得分",
                               "产出指标|数量指标|培训人次|≥200人次|签到表|230人次|30|30",
                               "质量指标|培训合格率|≥90%|考试成绩单|92%|30|30"]))
    rows = [(r["name"], r["target"], r["actual"], r["weight"], r["score"]) for r in forms[0].indicators]
    assert rows == [("培训人次", "≥200人次", "230人次", "30", "30"), ("培训合格率", "≥90%", "92%", "30", "30")]


def test_an_unknown_header_does_not_make_a_table_of_text_an_indicator_table() -> None:
    # '自评内容' between 三级指标 and 完成情况: without a target or a result before it, no indicator header
    forms = find_forms(_lines(["一级指标|二级指标|三级指标|自评内容|完成情况",
                               "决策|项目立项|立项依据|项目符合国家政策要求，依据充分|已完成"]))
    assert not any(f.indicators for f in forms)


def test_a_transfer_forms_name_labels_give_the_project() -> None:
    """Transfer-payment forms label the project '政策（项目）名称' or '转移（项目）名称' (b19_02, b21_05)."""
    for label in ("政策(项目)名称", "转移（项目）名称"):
        forms = find_forms(_lines(["绩效目标自评表", f"{label}|乡村道路养护补助资金", "项目主管部门|某县交通运输局",
                                   "项目资金|全年预算数|全年执行数|预算执行率", "年度资金总额：|40|38|95%"]))
        assert forms and forms[0].project == "乡村道路养护补助资金", label
        assert forms[0].money["budget_full_year"] == "40" and forms[0].money["executed"] == "38", label


def test_cost_printed_with_nothing_under_it_is_the_older_forms_level2() -> None:
    from ingest.document import Block, Document
    from ingest.extract import extract_document

    text = ("某县2021年度培训项目支出绩效自评表\n项目名称 | 药品安全培训项目 |\n"
            "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n年度资金总额 | 30 | 30 | 28.5 | 95% |\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
            "成本指标 | 培训成本 | ≤100元/人 | 95元/人 |\n产出指标 | 数量指标 | 培训人数 | ≥300人 | 320人 |\n"
            "满意度指标 | 培训对象满意度 | ≥90% | 95% |\n")
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))
    levels = {i["name"]: (i["level1"], i["level2"]) for i in out["indicators"]}
    assert levels["培训成本"] == (None, "成本指标")


def test_a_header_printed_a_character_a_line_does_not_make_rows_of_its_own() -> None:
    from ingest.document import Block, Document
    from ingest.extract import extract_document

    text = ("2023年度中央转移支付区域(全民健身中心项目)绩效自评表\n"
            "转移支付(项目)名称 | 某区全民健身中心项目 | ||||||\n"
            "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
            "年度资金总额: | 2000 | 1157.97 | 57.89% | ||||\n"
            "绩效指标 |\n一级 指标 |\n二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |\n"
            "产 出 指 标 |\n数量指标 | 新建全民健身中心数量 | 1 | 建设中 | |||\n")
    out = extract_document(Document("t.txt", "txt", "0" * 64, [Block("paragraph", text)]))
    rows = [(i["level1"], i["level2"], i["name"], i["target"], i["actual"]) for i in out["indicators"]]
    assert rows == [("产出指标", "数量指标", "新建全民健身中心数量", "1", "建设中")]


def test_a_targets_table_with_a_row_number_column() -> None:
    """A report's table of targets only ('序号 | 三级指标 | 年度指标值', one cell per line): the row numbers are
    read past, never taken as a row's figure, and each name keeps its own target."""
    cells = ["序号 |", "三级指标 |", "年度指标值 |"]
    for n, (name, target) in enumerate([("宣传活动次数", "2次"), ("专题节目", "12期"), ("培训参训人数", "80人")], 1):
        cells += [f"{n} |", f"{name} |", f"{target} |"]
    forms = find_forms(_lines(cells))
    rows = [(r["name"], r["target"], r["actual"], r["score"]) for r in forms[0].indicators]
    assert rows == [("宣传活动次数", "2次", None, None), ("专题节目", "12期", None, None),
                    ("培训参训人数", "80人", None, None)]


def test_a_progress_column_is_the_rows_result() -> None:
    # '实施进度' (how far the work got) stands where the national form prints 实际完成值
    forms = find_forms(_lines(["一级指标|二级指标|三级指标|指标值|实施进度",
                               "项目效益|社会效益指标|保障职工就餐|98%|已完成100%"]))
    rows = [(r["level1"], r["level2"], r["name"], r["target"], r["actual"]) for r in forms[0].indicators]
    assert rows == [("项目效益", "社会效益指标", "保障职工就餐", "98%", "已完成100%")]
