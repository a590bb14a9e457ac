"""The dbt project end to end: the five gold labels loaded into a temporary raw layer, `dbt build`,
then the marts and the six questions checked against what the gold labels imply.

The raw layer is written by the project's own loader (`warehouse.load.load_extraction`), so these
tests also hold the loader and the dbt sources to the same contract. Expected figures are recomputed
here from the gold JSON with Python's Decimal, independently of the SQL under test."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
REPORTS_DIR = SHARED / "corpus" / "reports"
DBT_DIR = ROOT / "dbt_project"
QUESTIONS_MD = ROOT / "docs" / "questions.md"

pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="shared gold labels not available")


def _dbt_executable() -> str:
    beside = Path(sys.executable).with_name("dbt")
    found = str(beside) if beside.exists() else shutil.which("dbt")
    if not found:
        pytest.skip("dbt is not installed")
    return found


def run_dbt(args: list[str], db: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """Run dbt on the project with its own target/log folders, so the checkout's target/ is untouched."""
    env = {**os.environ, "JIXIAO_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    cmd = [_dbt_executable(), *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
           "--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=600)


def gold_labels() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


def dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def pct(num: Decimal, den: Decimal) -> Decimal:
    return (num * 100 / den).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Built:
    db: Path
    work: Path
    gold: dict[str, dict[str, Any]]
    parse: subprocess.CompletedProcess[str]
    db_created_by_parse: bool
    build: subprocess.CompletedProcess[str]
    run_results: list[dict[str, Any]]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Read with a short-lived connection: DuckDB allows no reader while dbt writes the file."""
        conn = duckdb.connect(str(self.db), read_only=True)
        try:
            return conn.execute(sql, params or []).fetchall()
        finally:
            conn.close()

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        conn = duckdb.connect(str(self.db), read_only=True)
        try:
            cur = conn.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            conn.close()


def load_raw(db: Path, gold: dict[str, dict[str, Any]]) -> None:
    """The raw layer as the pipeline writes it: schema, divisions, and each gold label as an Extraction
    whose content hash is that of the report file it labels."""
    from warehouse.load import load_divisions, load_extraction
    from warehouse.schema import ensure_schema

    conn = duckdb.connect(str(db))
    try:
        ensure_schema(conn)
        load_divisions(conn)
        for stem, label in gold.items():
            report = REPORTS_DIR / label["source_file"]
            data = report.read_bytes() if report.exists() else json.dumps(label).encode()
            extraction = {**label, "sha256": hashlib.sha256(data).hexdigest(), "format": "txt",
                          "extractor_version": "gold"}
            result = load_extraction(conn, extraction, source_path=str(report), size_bytes=len(data))
            assert result == "inserted", (stem, result)
    finally:
        conn.close()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """Parse (before the database exists), load the gold labels, build. One target folder for all
    dbt commands of the session, so that later commands reuse the parse (dbt's partial parsing)."""
    work = tmp_path_factory.mktemp("dbt_marts")
    db = work / "jixiao.duckdb"
    gold = gold_labels()
    parse = run_dbt(["parse"], db, work)
    db_created_by_parse = db.exists()
    load_raw(db, gold)
    build = run_dbt(["build"], db, work)
    results_file = work / "target" / "run_results.json"
    run_results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
    yield Built(db=db, work=work, gold=gold, parse=parse, db_created_by_parse=db_created_by_parse,
                build=build, run_results=run_results)


def doc_id(b: Built, stem: str) -> str:
    (row,) = b.query("select document_id from marts.dim_document where source_name = ?",
                     [b.gold[stem]["source_file"]])
    return row[0]


# ---------------------------------------------------------------------------------------------- build


def test_dbt_build_passes(built: Built) -> None:
    assert built.build.returncode == 0, built.build.stdout[-4000:] + built.build.stderr[-2000:]
    results = built.run_results
    assert results
    statuses = {r["unique_id"]: r["status"] for r in results}
    assert not [u for u, s in statuses.items() if s in ("error", "fail", "runtime error")]
    assert all(s == "success" for u, s in statuses.items() if u.startswith("model."))


def test_reconciliation_tests_warn_on_the_reports_real_inconsistencies(built: Built) -> None:
    """The warn-level tests fire exactly where the gold remarks say a report disagrees with itself."""
    results = built.run_results
    warned = {r["unique_id"].split(".")[2]: r["failures"] for r in results if r["status"] == "warn"}
    assert warned == {
        # 004: 老干部公用经费 printed 54.35 % for 23.92 / 44.03 = 54.3266 %
        "fct_project_spending_reported_rate_matches_computed": 1,
        # 004: 人员经费 574.44 + 公用经费 55.84 = 630.28 ≠ 基本支出 630.5
        "fct_unit_finance_personnel_plus_public_equals_basic": 1,
        # 004: 三公 items 0 + 0 + 0.9997 ≠ printed total 1
        "fct_unit_finance_three_public_items_add_up": 1,
        # all six failed checks of fct_report_check (see test_q6 below)
        "fct_report_check_reports_agree_with_themselves": 6,
    }


# ---------------------------------------------------------------------------------------------- marts


def test_project_spending_matches_gold_exactly(built: Built) -> None:
    for stem, label in built.gold.items():
        rows = built.dicts(
            "select * from marts.fct_project_spending where document_id = ? order by project_index",
            [doc_id(built, stem)])
        assert len(rows) == len(label["projects"]), stem
        for row, p in zip(rows, label["projects"], strict=True):
            assert row["project_name"] == re.sub(r"\s+", "", p["name"])
            assert row["budget_initial_wan"] == dec(p["budget_initial"])
            assert row["budget_full_year_wan"] == dec(p["budget_full_year"])
            assert row["executed_wan"] == dec(p["executed"])
            assert row["carryover_wan"] == dec(p["carryover"])
            assert row["execution_rate_reported_pct"] == dec(p["execution_rate"])
            executed, budget = dec(p["executed"]), dec(p["budget_full_year"])
            expected = pct(executed, budget) if executed is not None and budget else None
            assert row["execution_rate_computed_pct"] == expected
            assert row["source_name"] == label["source_file"]
            assert row["unit_key"] and row["project_key"]


def test_project_printed_twice_counts_once_and_disagreement_is_reported(built: Built, tmp_path: Path) -> None:
    """A second report of 桃江 2022 prints the same project with another executed amount: the
    original row (more amounts printed) stays the one that counts, the totals do not double, and the
    disagreement between the two reports becomes a failed check."""
    assert built.build.returncode == 0
    db = tmp_path / built.db.name
    shutil.copyfile(built.db, db)
    compiled = built.work / "target" / "compiled" / "jixiao" / "models" / "marts"
    conn = duckdb.connect(str(db))
    try:
        original = doc_id(built, "000_ad45bb791c4f5fc4")
        conn.execute("insert into raw.documents select 'second-copy', source_path || '.2', 'second.txt', format, "
                     "size_bytes, n_pages, extractor_version, loaded_at, fiscal_year, unit_name, unit_aliases, "
                     "region_code, province, prefecture, county, unit_code, credit_code, page, raw_text, "
                     "extraction_json, ocr_pages, ocr_lines, ocr_mean_confidence, ocr_low_confidence_lines, "
                     "modified_at, report_key from raw.documents where document_id = ?", [original])
        conn.execute("insert into raw.projects (document_id, project_index, name, executed_wan) "
                     "values ('second-copy', 0, '基层党组织建设项目', 23)")
        for model in ("fct_project_spending", "fct_report_check"):
            sql = (compiled / f"{model}.sql").read_text(encoding="utf-8")
            conn.execute(f"create or replace table marts.{model} as {sql}")
        rows = conn.execute(
            "select source_name, executed_wan, is_primary from marts.fct_project_spending "
            "where fiscal_year = 2022 and region_code = '430922' order by source_name").fetchall()
        q1 = conn.execute("select budget_full_year_wan, executed_wan from marts.q1_execution_rate_by_region "
                          "where county_name = '桃江县'").fetchall()
        checks = conn.execute("select subject, printed_value, computed_value from marts.fct_report_check "
                              "where check_name = 'project_amounts_across_documents' and not passed").fetchall()
    finally:
        conn.close()
    assert rows == [("000_ad45bb791c4f5fc4.txt", Decimal("24.0000"), True),
                    ("second.txt", Decimal("23.0000"), False)]
    assert q1 == [(Decimal("24.0000"), Decimal("24.0000"))]
    assert checks == [("基层党组织建设项目 · 执行数", Decimal("24.0000"), Decimal("23.0000"))]


def test_taoyuan_has_six_project_rows(built: Built) -> None:
    rows = built.query(
        "select project_name, budget_full_year_wan, executed_wan from marts.fct_project_spending s "
        "join marts.dim_unit u using (unit_key) where u.unit_name = '中共桃源县委组织部' order by project_index")
    assert len(rows) == 6
    assert rows[-1] == ("工作经费", Decimal("260.0000"), Decimal("105.6000"))
    assert sum(r[2] for r in rows) == Decimal("565.86")


def test_execution_rate_is_computed_exactly(built: Built) -> None:
    ((computed, reported, gap),) = built.query(
        "select execution_rate_computed_pct, execution_rate_reported_pct, execution_rate_gap_pct "
        "from marts.fct_project_spending where project_name = '老干部公用经费及慰问体检费'")
    assert (computed, reported, gap) == (Decimal("54.3266"), Decimal("54.3500"), Decimal("0.0234"))


def test_dim_region_rolls_counties_up(built: Built) -> None:
    row = built.dicts("select * from marts.dim_region where region_code = '430671'")[0]
    assert row["region_name"] == "屈原管理区" and row["region_level"] == "county"
    assert (row["prefecture_code"], row["prefecture_name"]) == ("430600", "岳阳市")
    assert (row["province_code"], row["province_name"]) == ("430000", "湖南省")
    assert row["parent_code"] == "430600"
    # every region a unit uses is present, with its whole chain
    missing = built.query(
        "select u.region_code from marts.dim_unit u left join marts.dim_region r using (region_code) "
        "where r.region_code is null")
    assert missing == []
    chain = built.query(
        "select r.region_code, p.region_name, pr.region_name from marts.dim_region r "
        "join marts.dim_region p on p.region_code = r.prefecture_code "
        "join marts.dim_region pr on pr.region_code = r.province_code where r.region_code = '510802'")
    assert chain == [("510802", "广元市", "四川省")]


def test_dim_region_falls_back_to_document_names(built: Built, tmp_path: Path) -> None:
    """A region missing from raw.divisions is still a row, built from the report's own names.

    Runs the model's compiled SQL on a copy of the warehouse whose division list lacks 屈原管理区 and
    岳阳市 (the copy keeps the file name: dbt's views name their catalog after it)."""
    assert built.build.returncode == 0
    db = tmp_path / built.db.name
    shutil.copyfile(built.db, db)
    compiled = built.work / "target" / "compiled" / "jixiao" / "models"
    int_regions = (compiled / "intermediate" / "int_regions.sql").read_text(encoding="utf-8")
    conn = duckdb.connect(str(db))
    try:
        conn.execute("delete from raw.divisions where code in ('430671', '430600')")
        rows = conn.execute(
            "select region_code, region_name, region_level, parent_code, province_code, prefecture_code, "
            f"region_source from ({int_regions}) where region_code in ('430671', '430600') order by 1").fetchall()
    finally:
        conn.close()
    assert rows == [
        ("430600", "岳阳市", "prefecture", "430000", "430000", "430600", "documents"),
        ("430671", "屈原管理区", "county", "430600", "430000", "430600", "documents"),
    ]


def test_dim_unit_one_row_per_unit(built: Built) -> None:
    rows = {r["unit_name"]: r for r in built.dicts("select * from marts.dim_unit")}
    assert set(rows) == {g["unit"]["name"] for g in built.gold.values()}
    lizhou = rows["中共广元市利州区委组织部"]
    assert lizhou["unit_name_normalized"] == "利州区委组织部"
    assert lizhou["unit_code"] == "305301" and lizhou["region_code"] == "510802"
    assert rows["中共桃源县委组织部"]["credit_code"] == "11430725006430036T"
    assert {r["department_type"] for r in rows.values()} == {"组织部"}
    assert "屈原管理区区委组织部" in rows["屈原管理区委组织部"]["unit_aliases"]


def test_unit_spellings_normalize_to_one_unit(built: Built, tmp_path: Path) -> None:
    """The spellings a unit's reports use in other years give the same unit key."""
    assert built.build.returncode == 0
    db = tmp_path / built.db.name
    shutil.copyfile(built.db, db)
    sql = (built.work / "target" / "compiled" / "jixiao" / "models" / "intermediate" / "int_documents.sql"
           ).read_text(encoding="utf-8")
    spellings = {"屈原管理区区委组织部": "430671", "中共岳阳市屈原管理区委组织部": "430671",
                 "中共 屈原管理区委组织部": "430671", "湖南省益阳市市委组织部": "430900", "益阳市委组织部": "430900"}
    conn = duckdb.connect(str(db))
    try:
        for i, (name, code) in enumerate(spellings.items()):
            conn.execute("insert into raw.documents (document_id, source_path, source_name, loaded_at, fiscal_year, "
                         "unit_name, region_code, province, prefecture, county, extraction_json) select ?, ?, ?, "
                         "loaded_at, 2025, ?, region_code, province, prefecture, county, extraction_json "
                         "from raw.documents where region_code = ? and document_id not like 'spelling-%'",
                         [f"spelling-{i}", f"/x/{i}", f"{i}.txt", name, code])
        keys = conn.execute(f"select region_code, count(distinct unit_key), list(distinct unit_name_normalized) "
                            f"from ({sql}) group by 1 having region_code in ('430671', '430900') order by 1").fetchall()
    finally:
        conn.close()
    assert keys == [("430671", 1, ["屈原管理区委组织部"]), ("430900", 1, ["益阳市委组织部"])]


def test_dim_project_keys_one_project_across_spellings(built: Built) -> None:
    # 000 names its project 基层党组织建设经费 in both the report and the money row: one project
    rows = built.query(
        "select p.project_name_normalized, p.project_category from marts.dim_project p "
        "join marts.dim_unit u using (unit_key) where u.unit_name = '中共桃江县委组织部'")
    assert rows == [("基层党组织建设", "党建")]
    (key,) = built.query("select count(distinct project_key) from marts.fct_evaluation "
                         "where project_name = '“两新”组织党建'")[0]
    assert key == 1
    joined = built.query(
        "select count(*) from marts.fct_evaluation e join marts.fct_project_spending s using (project_key) "
        "where e.report_kind = 'project_self_evaluation'")
    assert joined[0][0] == 17  # 000, 002 and the 15 project reports of 004 each meet their money row


def test_indicator_results_and_categories(built: Built) -> None:
    for stem, label in built.gold.items():
        (n,) = built.query("select count(*) from marts.fct_indicator_result where document_id = ?",
                           [doc_id(built, stem)])[0]
        assert n == len(label["indicators"]), stem
    cats = dict(built.query(
        "select indicator_name, indicator_category from marts.fct_indicator_result "
        "where indicator_name in ('新建小区党支部', '资金拨付的小区居民满意度', '党组织覆盖率', '项目完成时间', "
        "'继续抓实城市居民小区党建工作，提升基层治理效能', '基本支出控制额')"))
    assert cats == {
        "新建小区党支部": "产出-数量",  # printed 完成指标 / 数量招标
        "资金拨付的小区居民满意度": "满意度",  # printed under 效益指标 / 服务对象满意度指标
        "党组织覆盖率": "效益-未细分",  # 效益指标 with no second level
        "项目完成时间": "产出-时效",
        "继续抓实城市居民小区党建工作，提升基层治理效能": "效益-可持续影响",
        "基本支出控制额": "产出-成本",
    }
    printed = built.query("select distinct level1_printed, level2_printed from marts.dim_indicator "
                          "where indicator_name = '新建小区党支部'")
    assert printed == [("完成指标", "数量招标")]


def test_indicator_met_flags(built: Built) -> None:
    met = {r[0]: r[1:] for r in built.query(
        "select indicator_name, met, met_basis, target_comparator, target_value, target_unit "
        "from marts.fct_indicator_result")}
    assert met["基本支出控制额"] == ("met", "numeric_comparison", "<=", Decimal("700.0000"), "万元")
    assert met["扶助基层困难党员人数"][:4] == ("met", "numeric_comparison", ">=", Decimal("700.0000"))
    assert met["任务完成及时率"][:2] == ("undecidable", "value_missing")
    assert met["优秀单位创建"][:2] == ("undecidable", "not_comparable")  # 标兵 vs 标杆
    assert met["完成时效"][:2] == ("met", "same_text")
    # 益阳市's form: every indicator printed at or above target
    (rows,) = built.query(
        "select list(distinct met) from marts.fct_indicator_result where document_id = ?",
        [doc_id(built, "002_b2a4333b6e0b3ebb")])
    assert rows == (["met"],)


INDICATOR_CASES = [
    # (name, level2, target, actual, expected met, expected basis)
    ("扶助人数", "数量指标", "≥700名", "1500名", "met", "numeric_comparison"),
    ("完成时间", "时效指标", "≤12个月", "13个月", "not_met", "numeric_comparison"),
    ("参训率", "质量指标", "90%以上", "85%", "not_met", "numeric_comparison"),
    ("批次", "数量指标", "1-2次", "3次", "not_met", "numeric_comparison"),
    ("批次二", "数量指标", "1-2次", "2次", "met", "numeric_comparison"),
    ("储备数", "数量指标", "30名左右", "28名", "met", "numeric_comparison"),
    ("活动安全事故发生率", "质量指标", "0%", "1%", "not_met", "numeric_comparison"),
    ("项目经费", "成本指标", "100万元", "98万元", "met", "numeric_comparison"),
    ("全角", "质量指标", "≥９０％", "９５％", "met", "numeric_comparison"),
    ("无单位", "质量指标", "100%", "100", "met", "numeric_comparison"),
    ("单位不同", "成本指标", "10万元", "10元", "undecidable", "not_comparable"),
    ("年内", "时效指标", "2022年内", "2022年内", "met", "same_text"),
    ("评级", "社会效益指标", "优", "良", "undecidable", "not_comparable"),
    ("满意度", "满意度指标", "≥85%", "完成", "met", "stated_complete"),
    ("缺实际值", "时效指标", "100%", None, "undecidable", "value_missing"),
]


def test_indicator_reading_and_met_rules(built: Built, tmp_path: Path) -> None:
    """The SQL reading of printed targets/actuals, run as compiled on a copy with crafted rows; a row
    the extractor already decided keeps the extractor's verdict."""
    assert built.build.returncode == 0
    db = tmp_path / built.db.name
    shutil.copyfile(built.db, db)
    sql = (built.work / "target" / "compiled" / "jixiao" / "models" / "intermediate" / "int_indicators.sql"
           ).read_text(encoding="utf-8")
    conn = duckdb.connect(str(db))
    try:
        conn.execute("delete from raw.indicators")
        for i, (name, level2, target, actual, _, _) in enumerate(INDICATOR_CASES):
            conn.execute("insert into raw.indicators (document_id, indicator_index, level1, level2, name, target, "
                         "actual) values ('x', ?, '产出指标', ?, ?, ?, ?)", [i, level2, name, target, actual])
        conn.execute("insert into raw.indicators (document_id, indicator_index, name, target, actual, "
                     "target_comparator, target_value, actual_comparator, actual_value, met) "
                     "values ('x', 99, '抽取器判定', '≥10次', '12次', '>=', 10, '=', 12, 'not_met')")
        got = {r[0]: r[1:] for r in conn.execute(f"select indicator_name, met, met_basis from ({sql})").fetchall()}
    finally:
        conn.close()
    assert got == {c[0]: (c[4], c[5]) for c in INDICATOR_CASES} | {"抽取器判定": ("not_met", "extractor")}


def test_evaluations_match_gold(built: Built) -> None:
    for stem, label in built.gold.items():
        rows = built.query("select report_kind, score, grade from marts.fct_evaluation "
                           "where document_id = ? order by report_index", [doc_id(built, stem)])
        assert rows == [(r["kind"], dec(r["score"]), r["grade"]) for r in label["reports"]], stem
    grades = built.query("select source_name, grade_normalized, grade_from_score from marts.fct_evaluation "
                         "where score is not null order by source_name, report_index")
    assert grades == [("000_ad45bb791c4f5fc4.txt", None, "优"), ("001_beb5de3bc69780c1.txt", "优", "优"),
                      ("002_b2a4333b6e0b3ebb.txt", "优", "优"), ("004_a70a7929ccd6b3b1.txt", None, "优")]


def test_unit_finance_breakdown(built: Built) -> None:
    lizhou = built.dicts("select * from marts.fct_unit_finance where document_id = ?",
                         [doc_id(built, "004_a70a7929ccd6b3b1")])[0]
    assert lizhou["basic_expenditure_wan"] == Decimal("630.5")
    assert lizhou["project_expenditure_wan"] == Decimal("655.59")
    assert (lizhou["personnel_expenses_wan"], lizhou["public_expenses_wan"]) == (Decimal("574.44"),
                                                                                Decimal("55.84"))
    assert lizhou["breakdown_basis"] == "printed"
    assert lizhou["three_public_expenses_wan"] == Decimal("1")
    assert lizhou["official_reception_wan"] == Decimal("0.9997")
    assert lizhou["three_public_items_sum_wan"] == Decimal("0.9997")
    taoyuan = built.dicts("select * from marts.fct_unit_finance where document_id = ?",
                          [doc_id(built, "001_beb5de3bc69780c1")])[0]
    assert taoyuan["breakdown_basis"] == "economic_classification"
    assert taoyuan["personnel_expenses_wan"] == Decimal("404.63") + Decimal("45.12")
    assert taoyuan["public_expenses_wan"] == Decimal("249.45")
    assert taoyuan["project_rows_executed_sum_wan"] == Decimal("565.86")
    # 003 prints only the project expenditure; it still has a row
    quyuan = built.dicts("select * from marts.fct_unit_finance where document_id = ?",
                         [doc_id(built, "003_430475d196af1e11")])[0]
    assert quyuan["project_expenditure_wan"] == Decimal("212.93") and quyuan["income_total_wan"] is None


def test_every_fact_row_has_provenance_columns(built: Built) -> None:
    for table in ("fct_project_spending", "fct_indicator_result", "fct_evaluation", "fct_spending_item",
                  "fct_unit_finance", "fct_report_check"):
        cols = {r[0] for r in built.query(
            "select column_name from information_schema.columns where table_schema = 'marts' "
            "and table_name = ?", [table])}
        assert {"document_id", "source_name", "page"} <= cols, table
        assert built.query(f"select count(*) from marts.{table} where document_id is null")[0][0] == 0


def test_money_columns_are_exact_decimals(built: Built) -> None:
    bad = built.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and column_name like '%\\_wan' escape '\\' "
        "and data_type <> 'DECIMAL(18,4)'")
    assert bad == []


# ------------------------------------------------------------------------------------------- questions


def _gold_rows(b: Built) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(label, p) for label in b.gold.values() for p in label["projects"]]


def test_q1_execution_rate_by_region(built: Built) -> None:
    expected: dict[tuple[Any, ...], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for label, p in _gold_rows(built):
        if p["budget_full_year"] is None or p["executed"] is None:
            continue
        u, y = label["unit"], label["fiscal_year"]
        keys = [(y, "province", u["province"], None, None), (y, "prefecture", u["province"], u["prefecture"], None)]
        if u["county"]:
            keys.append((y, "county", u["province"], u["prefecture"], u["county"]))
        for k in keys:
            expected[k][0] += dec(p["budget_full_year"])
            expected[k][1] += dec(p["executed"])
    got = {tuple(r[:5]): r[5:] for r in built.query(
        "select fiscal_year, region_level, province_name, prefecture_name, county_name, "
        "budget_full_year_wan, executed_wan, execution_rate_pct from marts.q1_execution_rate_by_region "
        "where execution_rate_pct is not null")}
    assert got == {k: (b, e, pct(e, b)) for k, (b, e) in expected.items()}
    assert got[(2022, "province", "湖南省", None, None)][2] == Decimal("78.0796")


def test_q2_underspent_projects(built: Built) -> None:
    expected = {
        (label["source_file"], p["name"])
        for label, p in _gold_rows(built)
        if p["executed"] is not None and p["budget_full_year"] is not None
        and dec(p["executed"]) < Decimal("0.8") * dec(p["budget_full_year"])
    }
    got = set(built.query("select source_name, project_name from marts.q2_underspent_projects"))
    assert got == expected
    assert len(got) == 4  # 桃源 工作经费; 利州 老干部公用经费…, 老干部考察疗养, 人才工作基金


def test_q3_indicator_met_share(built: Built) -> None:
    per_region: dict[str, int] = defaultdict(int)
    for label in built.gold.values():
        per_region[label["unit"]["region_code"]] += len(label["indicators"])
    got = dict(built.query("select region_code, sum(indicators)::integer from marts.q3_indicator_met_share "
                           "group by region_code"))
    assert got == {k: v for k, v in per_region.items() if v}
    yiyang = built.query("select indicator_category, indicators, met, met_share_pct "
                         "from marts.q3_indicator_met_share where region_code = '430900' "
                         "order by category_sort_order")
    assert [r[0] for r in yiyang] == ["产出-数量", "产出-质量", "产出-时效", "效益-社会", "效益-可持续影响", "满意度"]
    assert all(r[1] == r[2] and r[3] == Decimal("100.00") for r in yiyang)


def test_q4_high_score_low_execution(built: Built) -> None:
    expected = set()
    for label in built.gold.values():
        scores = [dec(r["score"]) for r in label["reports"] if r["score"] is not None]
        rows = [p for p in label["projects"] if p["budget_full_year"] is not None and p["executed"] is not None]
        if not scores or not rows:
            continue
        budget = sum(dec(p["budget_full_year"]) for p in rows)
        executed = sum(dec(p["executed"]) for p in rows)
        if max(scores) >= 95 and executed < Decimal("0.8") * budget:
            expected.add((label["unit"]["name"], label["fiscal_year"]))
    got = set(built.query("select unit_name, fiscal_year from marts.q4_high_score_low_execution"))
    assert got == expected == {("中共桃源县委组织部", 2022)}


def test_q5_units_across_years_and_kinds(built: Built) -> None:
    rows = built.query("select unit_name, fiscal_year, project_rows, indicators from marts.q5_unit_across_years")
    assert sorted(rows) == sorted((g["unit"]["name"], g["fiscal_year"], len(g["projects"]), len(g["indicators"]))
                                  for g in built.gold.values())
    kinds = built.query("select department_type, count(*), count(distinct province_name) "
                        "from marts.q5_units_by_kind_across_regions group by 1")
    assert kinds == [("组织部", 5, 2)]


def test_q6_report_inconsistencies(built: Built) -> None:
    got = {(r[0], r[1], r[2]): (r[3], r[4]) for r in built.query(
        "select source_name, check_name, subject, printed_value, computed_value "
        "from marts.q6_report_inconsistencies")}
    lizhou, taoyuan = "004_a70a7929ccd6b3b1.txt", "001_beb5de3bc69780c1.txt"
    assert got == {
        (lizhou, "execution_rate_reported_vs_computed", "老干部公用经费及慰问体检费"): (Decimal("54.35"),
                                                                                  Decimal("54.3266")),
        (taoyuan, "project_rows_vs_project_expenditure", "项目支出"): (Decimal("566.06"), Decimal("565.86")),
        (lizhou, "project_rows_vs_project_expenditure", "项目支出"): (Decimal("655.59"), Decimal("447.55")),
        (lizhou, "personnel_plus_public_vs_basic_expenditure", "基本支出"): (Decimal("630.5"), Decimal("630.28")),
        (lizhou, "three_public_items_vs_total", "三公经费"): (Decimal("1"), Decimal("0.9997")),
        (lizhou, "project_items_vs_project_executed", "“两新”组织党建"): (Decimal("106.09"), Decimal("98.6")),
    }
    # and the relations that hold are recorded as passed, not dropped
    partial = set(built.query("select source_name, check_name from marts.q6_report_inconsistencies "
                              "where may_be_partial"))
    assert partial == {(taoyuan, "project_rows_vs_project_expenditure"),
                       (lizhou, "project_rows_vs_project_expenditure"),
                       (lizhou, "project_items_vs_project_executed")}
    passed = built.query("select check_name, source_name from marts.fct_report_check where passed "
                         "and check_name in ('basic_plus_project_vs_expenditure_total', "
                         "'income_within_expenditure_plus_carryover') order by 1, 2")
    assert passed == [
        ("basic_plus_project_vs_expenditure_total", taoyuan), ("basic_plus_project_vs_expenditure_total", lizhou),
        ("income_within_expenditure_plus_carryover", taoyuan),
        ("income_within_expenditure_plus_carryover", lizhou),
    ]


def _question_blocks() -> dict[str, str]:
    text = QUESTIONS_MD.read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    return {re.match(r"--\s*(\w+)", b).group(1): b for b in blocks}  # type: ignore[union-attr]


def test_questions_md_queries_agree_with_the_question_views(built: Built) -> None:
    blocks = _question_blocks()
    assert set(blocks) == {"q1_execution_rate_by_region", "q2_underspent_projects", "q3_indicator_met_share",
                           "q4_high_score_low_execution", "q5_unit_across_years",
                           "q5_units_by_kind_across_regions", "q6_report_inconsistencies"}
    conn = duckdb.connect(str(built.db), read_only=True)
    try:
        conn.execute("set search_path = 'marts'")
        for name, sql in blocks.items():
            pasted = conn.execute(sql).fetchall()
            (view_rows,) = conn.execute(f"select count(*) from marts.{name}").fetchone()  # type: ignore[misc]
            if name == "q1_execution_rate_by_region":  # the view also lists regions with no computable rate
                (view_rows,) = conn.execute(  # type: ignore[misc]
                    f"select count(*) from marts.{name} where execution_rate_pct is not null").fetchone()
            assert len(pasted) == view_rows, name
            assert pasted, name
    finally:
        conn.close()


def test_questions_md_queries_run_on_the_serving_copy(built: Built, tmp_path: Path) -> None:
    """What a reader pastes runs on the published copy, where the marts carry their plain names."""
    from warehouse.serving import connect_serving, publish

    assert built.build.returncode == 0
    publish(built.db, tmp_path / "serving")
    conn = connect_serving(serving_dir=tmp_path / "serving")
    try:
        for name, sql in _question_blocks().items():
            assert conn.execute(sql).fetchall(), name
            assert conn.execute(f"select count(*) from {name}").fetchone()[0] > 0, name  # type: ignore[index]
    finally:
        conn.close()


# ------------------------------------------------------------------------------------- parse and docs


def test_dbt_docs_generate_describes_every_mart_column(built: Built) -> None:
    assert built.build.returncode == 0
    result = run_dbt(["docs", "generate"], built.db, built.work)
    assert result.returncode == 0, result.stdout[-3000:]
    catalog = json.loads((built.work / "target" / "catalog.json").read_text())
    manifest = json.loads((built.work / "target" / "manifest.json").read_text())
    marts = [n for n in manifest["nodes"].values()
             if n["resource_type"] == "model" and n["schema"] == "marts"]
    assert len(marts) >= 20
    for node in marts:
        cat = catalog["nodes"][node["unique_id"]]
        for col in cat["columns"]:
            described = node["columns"].get(col, {}).get("description", "")
            assert described.strip(), f"{node['name']}.{col} has no description"
        assert node["description"].strip(), node["name"]
        if node["path"].startswith("marts/"):
            assert node["config"]["contract"]["enforced"], node["name"]
            assert all(c.get("data_type") for c in node["columns"].values()), node["name"]
    exposures = {e["name"] for e in manifest["exposures"].values()}
    assert "cross_jurisdiction_questions" in exposures


def test_dbt_parse_needs_no_database(built: Built) -> None:
    assert built.parse.returncode == 0, built.parse.stdout[-3000:]
    assert not built.db_created_by_parse
