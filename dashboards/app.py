"""The built-in dashboard (`make dashboard`): seven pages on the serving copy, read-only.

Every rerun (a filter change, a page change, a reload) queries the current serving version afresh
through dashboards.queries, so a night's publication shows without restarting the server. Tables
show money as exact decimals and end with the report each row was read from (file, page, row).
The sidebar's choices are mirrored in the URL (?page=…&province=…), so a view can be shared.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboards import queries as q
from dashboards.labels import ALL, LEVELS, PAGES, label
from warehouse.serving import NotPublishedError

PCT = Decimal("0.01")
YEAR_UNKNOWN = "年度未知 year unknown"


def show(value: Any) -> Any:
    """A cell as shown: decimals exactly as stored (never through a float), None blank."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def table(result: q.Result, hide: tuple[str, ...] = ()) -> pd.DataFrame:
    """A result as a display table with bilingual headers."""
    keep = [i for i, c in enumerate(result.columns) if c not in hide]
    return pd.DataFrame([[show(r[i]) for i in keep] for r in result.rows],
                        columns=[label(result.columns[i]) for i in keep])


def chart_frame(result: q.Result, columns: list[str]) -> pd.DataFrame:
    """Numbers for a chart (floats are fine for drawing; tables keep the exact values)."""
    return pd.DataFrame([[float(v) if isinstance(v, Decimal) else v for v in r] for r in result.rows],
                        columns=result.columns)[columns]


def provenance_table(result: q.Result) -> None:
    st.dataframe(table(result, hide=("document_id",)), hide_index=True, use_container_width=True,
                 column_config={label("attachment_url"): st.column_config.LinkColumn(label("attachment_url"))})


def pick(name: str, title: str, options: list[Any], fmt: dict[Any, str] | None = None) -> Any:
    """A sidebar select box with 全部 All first, starting from the URL's value; mirrors it to the URL."""
    fmt = fmt or {}
    wanted = st.query_params.get(name)
    choices = [None, *options]
    index = next((i for i, o in enumerate(choices) if o is not None and str(o) == wanted), 0)
    value = st.sidebar.selectbox(title, choices, index=index, key=f"f_{name}",
                                 format_func=lambda o: ALL if o is None else fmt.get(o, str(o)))
    if value is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = str(value)
    return value


def sidebar() -> tuple[str, q.Filters]:
    pages = list(PAGES)
    wanted = st.query_params.get("page", pages[0])
    page = st.sidebar.radio("页面 Page", pages, index=pages.index(wanted) if wanted in pages else 0,
                            format_func=PAGES.__getitem__, key="page")
    st.query_params["page"] = page
    st.sidebar.markdown("**筛选 Filters**")
    f = q.Filters()
    opts = q.filter_options(f)
    province = pick("province", "省 Province", opts["province"])
    opts = q.filter_options(q.Filters(province=province))
    prefecture = pick("prefecture", "市 Prefecture", opts["prefecture"])
    opts = q.filter_options(q.Filters(province=province, prefecture=prefecture))
    county = pick("county", "县 County", opts["county"])
    year = pick("year", "年度 Fiscal year", opts["fiscal_year"])
    dept = pick("type", "部门类型 Department type", opts["department_type"])
    opts = q.filter_options(q.Filters(province=province, prefecture=prefecture, county=county,
                                      department_type=dept))
    units = dict(opts["unit"])
    unit = pick("unit", "单位 Unit", list(units), units)
    return page, q.Filters(province, prefecture, county, int(year) if year is not None else None, unit, dept)


def page_execution(f: q.Filters) -> None:
    total = q.execution_total(f).dicts()[0]
    a, b, c, d = st.columns(4)
    a.metric("执行率 Execution rate", "—" if total["execution_rate_pct"] is None
             else f"{total['execution_rate_pct']} %")
    b.metric("全年预算 Budget (万元)", show(total["budget_full_year_wan"]) or "—")
    c.metric("执行数 Executed (万元)", show(total["executed_wan"]) or "—")
    d.metric("项目数 Project-years", total["project_rows"])
    by_region = q.execution_by_region(f)
    level = LEVELS[q.next_level(f)]
    st.subheader(f"按{level.split()[0]}排名 Ranked by {level.split()[1].lower()} and year")
    if by_region.rows:
        frame = chart_frame(by_region, ["region", "execution_rate_pct", "executed_wan", "budget_full_year_wan"])
        frame["year"] = [YEAR_UNKNOWN if y is None else str(y) for y in by_region.column("fiscal_year")]
        frame["label"] = frame["region"] + " " + frame["year"]
        st.altair_chart(alt.Chart(frame).mark_bar().encode(
            x=alt.X("execution_rate_pct:Q", title="执行率 Execution rate (%)"),
            y=alt.Y("label:N", sort="-x", title=level),
            color=alt.Color("year:O", title="年度 Year"),
            tooltip=["region", "year", "execution_rate_pct", "executed_wan", "budget_full_year_wan"],
        ), use_container_width=True)
    st.dataframe(table(by_region), hide_index=True, use_container_width=True)
    st.subheader("项目明细与出处 Project rows and their reports")
    provenance_table(q.project_rows(f))


def page_underspent(f: q.Filters) -> None:
    below = Decimal(st.slider("执行率低于 Execution rate below (%)", 0, 100, 80, key="below"))
    rows = q.project_rows(f, below_pct=below)
    st.metric("执行不足的项目 Underspent project-years", len(rows.rows))
    if rows.rows:
        frame = chart_frame(rows, ["project_name", "unit_name", "execution_rate_computed_pct"])
        st.altair_chart(alt.Chart(frame).mark_bar().encode(
            x=alt.X("execution_rate_computed_pct:Q", title="执行率 Execution rate (%)"),
            y=alt.Y("project_name:N", sort="x", title="项目 Project"),
            tooltip=["unit_name", "project_name", "execution_rate_computed_pct"]), use_container_width=True)
    provenance_table(rows)


def page_indicators(f: q.Filters) -> None:
    cats = q.indicators_by_category(f)
    met = sum(r[3] for r in cats.rows)
    decided = sum(r[3] + r[4] for r in cats.rows)
    st.metric("指标达成率 Indicators met (%)", "—" if not decided else
              f"{(Decimal(100) * met / decided).quantize(PCT)} %")
    if cats.rows:
        frame = chart_frame(cats, ["indicator_category", "met", "not_met", "undecidable"])
        long = frame.melt("indicator_category", var_name="outcome", value_name="n")
        st.altair_chart(alt.Chart(long).mark_bar().encode(
            x=alt.X("n:Q", title="指标数 Indicators"), y=alt.Y("indicator_category:N", title="指标类别 Category"),
            color=alt.Color("outcome:N", title="结果 Outcome"), tooltip=["indicator_category", "outcome", "n"],
        ), use_container_width=True)
    st.dataframe(table(cats), hide_index=True, use_container_width=True)
    st.subheader("指标明细与出处 Indicator rows and their reports")
    provenance_table(q.indicator_rows(f))


def page_credibility(f: q.Filters) -> None:
    pts = q.credibility(f)
    flagged = [r for r in pts.dicts() if r["best_self_score"] >= 95 and r["execution_rate_pct"] is not None
               and r["execution_rate_pct"] < 80]
    st.metric("高分低执行 Self-score ≥ 95 with execution < 80 %", len(flagged))
    if pts.rows:
        frame = chart_frame(pts, ["unit_name", "best_self_score", "execution_rate_pct"])
        frame["fiscal_year"] = [YEAR_UNKNOWN if y is None else str(y) for y in pts.column("fiscal_year")]
        dots = alt.Chart(frame).mark_circle(size=90).encode(
            x=alt.X("execution_rate_pct:Q", title="执行率 Execution rate (%)"),
            y=alt.Y("best_self_score:Q", title="自评得分 Self-score", scale=alt.Scale(zero=False)),
            color=alt.Color("fiscal_year:O", title="年度 Year"),
            tooltip=["unit_name", "fiscal_year", "best_self_score", "execution_rate_pct"])
        rule_x = alt.Chart(pd.DataFrame({"x": [80]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
        rule_y = alt.Chart(pd.DataFrame({"y": [95]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
        st.altair_chart(dots + rule_x + rule_y, use_container_width=True)
    provenance_table(pts)


def page_unit(f: q.Filters) -> None:
    if f.unit_key is None:
        st.info("在左侧选择一个单位 Choose a unit in the sidebar; all units' years are listed below.")
    years = q.unit_years(f)
    st.metric("单位年度 Unit-years", len(years.rows))
    if f.unit_key is not None and years.rows:
        frame = chart_frame(years, ["execution_rate_pct", "best_self_score"])
        frame["fiscal_year"] = [YEAR_UNKNOWN if y is None else str(y) for y in years.column("fiscal_year")]
        long = frame.melt("fiscal_year", var_name="measure", value_name="value").dropna()
        st.altair_chart(alt.Chart(long).mark_line(point=True).encode(
            x=alt.X("fiscal_year:O", title="年度 Year"), y=alt.Y("value:Q", title="%  /  分 points"),
            color=alt.Color("measure:N", title="指标 Measure"), tooltip=["fiscal_year", "measure", "value"],
        ), use_container_width=True)
    st.dataframe(table(years), hide_index=True, use_container_width=True)
    st.subheader("报告文件 The unit's reports")
    provenance_table(q.unit_documents(f))


def page_inconsistencies(f: q.Filters) -> None:
    checks = q.inconsistencies_by_check(f)
    st.metric("不一致 Failed checks", sum(r[1] for r in checks.rows))
    if checks.rows:
        frame = chart_frame(checks, ["check_name", "failed"])
        st.altair_chart(alt.Chart(frame).mark_bar().encode(
            x=alt.X("failed:Q", title="不一致 Failed"), y=alt.Y("check_name:N", sort="-x", title="检查 Check"),
            tooltip=["check_name", "failed"]), use_container_width=True)
    st.dataframe(table(checks), hide_index=True, use_container_width=True)
    st.subheader("明细与出处 Each disagreement and its report")
    provenance_table(q.inconsistency_rows(f))


def page_failures(f: q.Filters) -> None:
    st.caption("入库失败的文件没有单位和年度，筛选不适用 Files that failed have no unit or year: filters do not apply.")
    reasons = q.failures_by_reason()
    st.metric("入库失败 Files that failed", sum(r[1] for r in reasons.rows))
    if reasons.rows:
        st.altair_chart(alt.Chart(chart_frame(reasons, ["reason", "files"])).mark_bar().encode(
            x=alt.X("files:Q", title="文件数 Files"), y=alt.Y("reason:N", sort="-x", title="原因 Reason"),
            tooltip=["reason", "files"]), use_container_width=True)
    st.dataframe(table(q.failure_rows()), hide_index=True, use_container_width=True)


RENDER = {"execution": page_execution, "underspent": page_underspent, "indicators": page_indicators,
          "credibility": page_credibility, "unit": page_unit, "inconsistencies": page_inconsistencies,
          "failures": page_failures}


def main() -> None:
    st.set_page_config(page_title="jixiao 绩效 dashboard", layout="wide")
    try:
        page, f = sidebar()
        pub = q.publication().dicts()[0]
    except NotPublishedError as e:
        st.error(f"尚未发布 Nothing published yet: {e}")
        return
    st.title(PAGES[page])
    st.caption(f"服务副本 Serving version {pub['version']} · 发布于 published {pub['published_at']} UTC · "
               "每次刷新读取最新发布 every refresh reads the newest publication")
    RENDER[page](f)


main()
