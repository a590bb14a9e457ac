"""The validation every extracted row passes before it leaves the extractor: unknown beats wrong."""

from __future__ import annotations

from ingest.extract.validate import is_indicator_name, validate_items, validate_projects


def _project(**money: object) -> dict:
    return {"name": "乡村道路养护项目", "budget_initial": None, "budget_full_year": None, "executed": None,
            "execution_rate": None, "carryover": None, **money}


def test_spending_far_above_the_budget_with_no_rate_is_left_empty() -> None:
    warnings: list[dict] = []
    [p] = validate_projects([_project(budget_full_year="20", executed="114")], warnings)
    assert p["budget_full_year"] is None and p["executed"] is None
    assert any("both left empty" in w["message"] for w in warnings)


def test_an_overspend_a_printed_rate_confirms_is_kept() -> None:
    warnings: list[dict] = []
    [p] = validate_projects([_project(budget_full_year="100", executed="130", execution_rate="130")], warnings)
    assert (p["budget_full_year"], p["executed"]) == ("100", "130")


def test_ordinary_spending_is_kept() -> None:
    [p] = validate_projects([_project(budget_full_year="150", executed="142.5")], [])
    assert (p["budget_full_year"], p["executed"]) == ("150", "142.5")


def test_header_cells_are_not_indicator_names_but_indicators_named_like_money_columns_are() -> None:
    assert not is_indicator_name("佐证资料")
    assert not is_indicator_name("指标值设置依据")
    assert not is_indicator_name("三级指标")
    assert is_indicator_name("预算执行率")
    assert is_indicator_name("群众满意度")


def test_a_level_or_value_that_is_only_separators_is_left_empty() -> None:
    from ingest.extract.validate import validate_indicators

    warnings: list[dict] = []
    [row] = validate_indicators([{"project": None, "level1": None, "level2": "|", "name": "新建健身中心数量",
                                  "target": "|", "actual": "|||", "weight": None, "score": None, "note": None}], warnings)
    assert (row["level2"], row["target"], row["actual"]) == (None, None, None)
    assert len(warnings) == 3


def test_a_value_read_in_a_names_place_is_not_an_indicator_but_a_year_named_one_is() -> None:
    assert not is_indicator_name("4.4万人次")
    assert not is_indicator_name("≥95%")
    assert is_indicator_name("2022年全年")
    assert is_indicator_name("影院营业收入")


def test_a_level_run_into_a_rows_cells_is_no_indicators_name() -> None:
    # a flattened row whose level, name and values ran together
    assert not is_indicator_name("时效指标完成时间12月已完成")
    # a level alone is caught as a header elsewhere; a name that merely mentions a level word stays
    assert is_indicator_name("资金使用质量达标率")
    assert is_indicator_name("完成时间")


PROSE = {"page": None, "table": None, "row": None, "raw_text": "计提工作经费20万元，实际支出17.05万元，资金支出率85%"}
TABLE = {"page": 1, "table": 0, "row": 3, "raw_text": "650 | 94 | 0.1"}


def test_a_budget_read_from_another_sentence_than_its_spending_and_rate_is_left_empty() -> None:
    warnings: list[dict] = []
    row = _project(budget_full_year="400", executed="17.05", execution_rate="85", provenance=PROSE)
    [p] = validate_projects([row], warnings)
    assert (p["budget_full_year"], p["executed"], p["execution_rate"]) == (None, "17.05", "85")
    assert any("budget left empty" in w["message"] for w in warnings)


def test_a_tables_rate_that_disagrees_is_kept_as_printed_with_a_warning() -> None:
    warnings: list[dict] = []
    row = _project(budget_full_year="650", executed="94", execution_rate="0.1", provenance=TABLE)
    [p] = validate_projects([row], warnings)
    assert (p["budget_full_year"], p["executed"], p["execution_rate"]) == ("650", "94", "0.1")
    assert any("disagrees" in w["message"] for w in warnings)


def test_a_result_run_into_the_next_rows_name_drops_that_row() -> None:
    from ingest.extract.validate import validate_indicators

    rows = [{"project": None, "level1": "产出指标", "level2": "质量指标", "name": "补助人群精准率",
             "target": ">=95.00%", "actual": "已完成", "weight": None, "score": None, "note": None},
            {"project": None, "level1": "产出指标", "level2": "质量指标", "name": "未完成获补人员条件达标率",
             "target": "=100.00%", "actual": "未完成", "weight": None, "score": None, "note": None},
            {"project": None, "level1": "产出指标", "level2": "数量指标", "name": "完成培训人数",
             "target": "100人", "actual": "120人", "weight": None, "score": None, "note": None}]
    warnings: list[dict] = []
    kept = validate_indicators(rows, warnings)
    assert [(r["name"], r["actual"]) for r in kept] == [("补助人群精准率", "已完成"), ("完成培训人数", "120人")]
    assert len(warnings) == 1


def test_what_was_saved_is_no_spending_item() -> None:
    from ingest.extract.validate import validate_items

    warnings: list[dict] = []
    rows = [{"item": "公务接待节约", "amount": "48.67"}, {"item": "节约金额", "amount": "92.68"},
            {"item": "公务接待费", "amount": "140"}]
    kept = validate_items(rows, warnings)
    assert [r["item"] for r in kept] == ["公务接待费"]
    assert sum("not an amount spent" in w["message"] for w in warnings) == 2


def test_a_share_of_an_item_among_a_ministrys_units_is_no_spending_item() -> None:
    from ingest.extract.validate import validate_items

    warnings: list[dict] = []
    rows = [{"item": "某某调查局及所属单位", "amount": "687.78"}, {"item": "其他直属事业单位", "amount": "374.17"},
            {"item": "公务接待费", "amount": "1218.57"}]
    kept = validate_items(rows, warnings)
    assert [r["item"] for r in kept] == ["公务接待费"]
    assert sum("who received the money" in w["message"] for w in warnings) == 2


def test_a_cues_words_cut_before_the_amount_are_no_projects_name() -> None:
    warnings: list[dict] = []
    rows = [{"name": "发放农村低保金额为", "budget_full_year": "606.39"}, {"name": "农村低保资金", "budget_full_year": "4758"}]
    assert [p["name"] for p in validate_projects(rows, warnings)] == ["农村低保资金"]
    assert any("sentence's words" in w["message"] for w in warnings)


def test_a_sentences_opening_word_is_no_spending_item() -> None:
    warnings: list[dict] = []
    rows = [{"item": "另外", "amount": "3"}, {"item": "办公费", "amount": "1.2"}]
    assert [i["item"] for i in validate_items(rows, warnings)] == ["办公费"]
