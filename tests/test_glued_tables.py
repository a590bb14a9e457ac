"""Tables a doc-sharing site glued into one run of text are cut back into cells and read like any form.

The snippets are the shape of real published pages (see tests/fixtures/real/b2/b2_03_hubei_form.txt):
no separator between cells, points run together ('2020' for 分值 20 and 得分 20), a page mark ('2、')
inside a cell.
"""

from __future__ import annotations

from pathlib import Path

from ingest.extract import extract_file
from ingest.extract.form_money import glued_money
from ingest.extract.glued import is_glued_table, split_glued
from ingest.extract.rows import glued_pairs, point_splits

GLUED_FORM = (
    "《项目支出绩效自评表.docx》由会员分享,可在线阅读\n"
    "1、项目支出绩效自评表(2022 年度)项目名称乡村道路养护经费主管部门某县交通运输局实施单位某县公路养护中心"
    "项目资金 (万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额:1001009090%"
    "年度总体目标预期目标实际完成情况完成乡村道路日常养护。已完成绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分"
    "偏差原因分析 及改进措施产出指标数量指标养护道路里程120公里120公里2020质量指标道路完好率95%96%2020时效指标"
    "养护及时率100%100%1010成本指标每公里养护成本1万元0.9万元1010效益指标社会效益\n"
    "2、指标群众出行便利度90%92%2020满意度指标服务对象满意度指标沿线群众满意度90%95%2018总分10098\n"
)


def test_a_glued_run_is_cut_at_words_and_figures() -> None:
    run = "产出指标数量指标更新剧团老化、损坏的音50件50件2020望新点胸艮必具100件100件2020质量指标"
    assert is_glued_table(run)
    assert split_glued(run) == ["产出指标", "数量指标", "更新剧团老化、损坏的音", "50件", "50件", "2020",
                                "望新点胸艮必具", "100件", "100件", "2020", "质量指标"]


def test_dates_and_row_labels_stay_inside_the_text() -> None:
    cells = split_glued("时效指标指标1:2021年11月30日前完成资金支付100%100%88成本指标")
    assert "2021年11月30日前完成资金支付" in cells
    assert "指标1:" not in "".join(cells)


def test_prose_is_not_a_glued_table() -> None:
    assert not is_glued_table("本单位2022年度项目支出绩效自评得分95分，等级为优秀，资金执行率100%。")


def test_points_run_together_are_split_only_when_they_can_be_points() -> None:
    assert ("20", "20", 0.2) in point_splits("2020")
    assert [(w, s) for w, s, _ in point_splits("126")] == [("12", "6")]
    assert all(int(s) <= int(w) <= 100 for w, s, _ in point_splits("9085"))
    assert point_splits("8.5") == []


def test_a_value_printed_twice_and_points_before_a_repeated_value() -> None:
    assert glued_pairs(("合格合格",), 0, "target", "actual")[0][:2] == ("合格", "合格")
    assert glued_pairs(("8550万粒", "550万粒"), 0, "weight", "target")[0][:2] == ("8", "550万粒")
    assert glued_pairs(("2020",), 0, "target", "actual") == []  # bare digits are points, not values


def test_a_glued_money_row_is_read_only_when_its_rate_agrees() -> None:
    cols = ["budget_full_year", "executed", "execution_rate"]
    got = glued_money("21182118100%", cols, "万元")
    assert got is not None and (got["budget_full_year"], got["executed"], got["execution_rate"]) == ("2118", "2118", "100")
    assert glued_money("1234567%", cols, "万元") is None  # no cut agrees with itself


def test_a_glued_form_extracts_its_rows_and_money(tmp_path: Path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text(GLUED_FORM, encoding="utf-8")
    ex = extract_file(path)
    rows = {r["name"]: r for r in ex["indicators"]}
    assert rows["养护道路里程"]["target"] == "120公里" and rows["养护道路里程"]["actual"] == "120公里"
    assert (rows["养护道路里程"]["weight"], rows["养护道路里程"]["score"]) == ("20", "20")
    assert rows["每公里养护成本"]["actual"] == "0.9万元"
    assert rows["沿线群众满意度"]["level2"] == "服务对象满意度指标"
    assert (rows["沿线群众满意度"]["weight"], rows["沿线群众满意度"]["score"]) == ("20", "18")
    # the page mark '2、' dropped, '社会效益' + '指标' joined across it
    assert rows["群众出行便利度"]["level2"] == "社会效益指标" and rows["群众出行便利度"]["actual"] == "92%"
    money = {p["name"]: p for p in ex["projects"]}["乡村道路养护经费"]
    assert (money["budget_initial"], money["budget_full_year"], money["executed"], money["execution_rate"]) \
        == ("100", "100", "90", "90")


GLUED_ROWS = (
    "某某中心绩效项目支出自评表\n"
    "专项(项目)名称彩票市场调控资金﹣福彩系统改版升级\n"
    "项目资金 (万元)全年预算数全年执行数执行率\n年度资金总额50万元47.6895.00%\n"
    "绩效指标一级指标二级指标三级指标年度指标值全年完成值未完成原因和改进措施\n"
    "产出指标数量指标数量指标福彩系统改版升级100%100%\n"
    "质量指标验收合格率100%100%\n"
    "成本指标项目建设成本≤50万元47.68万元\n"
)


def test_rows_glued_one_per_line_after_a_glued_header_are_read_with_the_glued_label_of_their_project(
        tmp_path: Path) -> None:
    path = tmp_path / "glued_rows.txt"
    path.write_text(GLUED_ROWS, encoding="utf-8")
    out = extract_file(path)
    assert out["reports"][0]["project"] == "彩票市场调控资金﹣福彩系统改版升级"
    rows = {r["name"]: (r["level2"], r["target"], r["actual"]) for r in out["indicators"]}
    assert rows["验收合格率"] == ("质量指标", "100%", "100%")
    assert rows["项目建设成本"] == ("成本指标", "≤50万元", "47.68万元")
