"""Column and page labels: Chinese with English beside them, as in docs/marts.md."""

from __future__ import annotations

COLUMNS: dict[str, str] = {
    "region": "辖区 Jurisdiction",
    "fiscal_year": "年度 Fiscal year",
    "province_name": "省 Province",
    "prefecture_name": "市 Prefecture",
    "county_name": "县 County",
    "unit_name": "单位 Unit",
    "department_type": "部门类型 Department type",
    "project_name": "项目 Project",
    "project_rows": "项目数 Project-years",
    "budget_full_year_wan": "全年预算 Full-year budget (万元)",
    "executed_wan": "执行数 Executed (万元)",
    "execution_rate_pct": "执行率 Execution rate (%)",
    "execution_rate_computed_pct": "执行率(计算) Rate computed (%)",
    "execution_rate_reported_pct": "执行率(报告) Rate printed (%)",
    "indicator_category": "指标类别 Category",
    "category_en": "Category (English)",
    "indicator_name": "指标 Indicator",
    "indicators": "指标数 Indicators",
    "met": "达成 Met",
    "not_met": "未达成 Not met",
    "undecidable": "无法判定 Undecidable",
    "met_share_pct": "达成率 Met share (%)",
    "target_printed": "目标值 Target",
    "actual_printed": "实际值 Actual",
    "met_basis": "判定依据 Basis",
    "best_self_score": "自评得分 Self-score",
    "reports": "报告数 Reports",
    "indicators_met": "达成指标 Indicators met",
    "check_name": "检查 Check",
    "failed": "不一致 Failed",
    "may_be_partial": "可能不全 May be partial",
    "subject": "对象 Subject",
    "printed_value": "报告值 Printed",
    "computed_value": "计算值 Computed",
    "difference": "差额 Difference",
    "value_unit": "单位 Unit of value",
    "reason": "原因 Reason",
    "files": "文件数 Files",
    "stage": "阶段 Stage",
    "message": "说明 Message",
    "sha256": "SHA-256",
    "last_seen_at": "最近 Last seen (UTC)",
    "n_pages": "页数 Pages",
    "file_format": "格式 Format",
    # provenance: where each number was read
    "source_name": "报告文件 Report file",
    "page": "页 Page",
    "table_index": "表 Table",
    "row_index": "行 Row",
    "source_path": "文件路径 File path",
    "attachment_url": "原文链接 Published at",
    "document_id": "文件哈希 Document id",
}

PAGES: dict[str, str] = {
    "execution": "执行率 Execution rate by jurisdiction",
    "underspent": "执行不足 Underspent projects",
    "indicators": "指标达成 Indicators met by category",
    "credibility": "自评与执行 Self-score vs execution",
    "unit": "单位历年 One unit across years",
    "inconsistencies": "自相矛盾 Reports that disagree with themselves",
    "failures": "入库失败 What failed to load",
}

LEVELS = {"province": "省 Province", "prefecture": "市 Prefecture", "county": "县 County"}

ALL = "全部 All"


def label(column: str) -> str:
    return COLUMNS.get(column, column)
