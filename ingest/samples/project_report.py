"""项目支出绩效自评报告: a project's self-evaluation, in three layouts seen in published reports.

- "table": prose in the provincial template (项目概况 … 绩效自评结果拟应用和公开情况) followed by a
  项目支出绩效自评表 with weights, scores and deviation notes; merged 一级/二级指标 cells.
- "sichuan": prose built around "项目全年预算数X万元，执行数为Y万元，完成预算Z%", optionally followed by
  a 绩效目标自评表 that prints the budget unit code but no weights or scores.
- "prose": a narrative report without indicator table, amounts optionally in 元, the score stated in
  the text only.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ingest.samples.facts import IndicatorFacts, ProjectFacts, UnitFacts, plain, wan, yuan
from ingest.samples.layout import Block, Grid, GridBuilder, Heading, Para
from ingest.samples.truth import Part, indicator_outcome
from ingest.samples.wording import cn_num, numbered_section, pick, sub, written_date


def short_name(name: str) -> str:
    """The project as titles often call it: without a trailing 经费/资金/专项资金."""
    for suffix in ("专项资金", "经费", "资金", "项目"):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def _indicator_truth(project: str, rows: list[IndicatorFacts], with_scores: bool) -> list[dict[str, Any]]:
    return [
        {
            "project": project,
            "level1": r.level1,
            "level2": r.level2,
            "name": r.name,
            "target": r.target,
            "actual": r.actual,
            "weight": plain(r.weight) if with_scores else None,
            "score": plain(r.score) if with_scores else None,
            "note": r.note if with_scores else None,
        }
        for r in rows
    ]


def _outcomes(rows: list[IndicatorFacts]) -> list[dict[str, Any]]:
    return [indicator_outcome(r.level2, r.met) for r in rows]


def _merge_levels(g: GridBuilder, rows: list[IndicatorFacts], first: int) -> None:
    """Merge the 一级指标 (column 1) and 二级指标 (column 2) cells of the indicator rows starting at grid
    row `first` down each run that shares them, blanking the covered cells as a printed table does."""
    for col, key in ((1, "level1"), (2, "level2")):
        for a, b in _groups(rows, key):
            g.merge(first + a, col, first + b, col)
            for i in range(a + 1, b + 1):
                g.rows[first + i][col] = ""


def _groups(rows: list[IndicatorFacts], key: str) -> list[tuple[int, int]]:
    """Runs of consecutive rows sharing level1 (key='level1') or level1+level2, as (start, end)."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(rows) + 1):
        def k(j: int) -> tuple[str, ...]:
            return (rows[j].level1,) if key == "level1" else (rows[j].level1, rows[j].level2)
        if i == len(rows) or k(i) != k(start):
            out.append((start, i - 1))
            start = i
    return out


def self_eval_table(rng: random.Random, unit: UnitFacts, p: ProjectFacts, goal: str,
                    achieved: str, with_code: bool = False) -> Grid:
    """The standard 项目支出绩效自评表 (9 columns, merged label and 一级/二级指标 cells)."""
    unit_suffix = rng.random() < 0.5  # "10分" rather than "10"
    level_weights = rng.random() < 0.4  # "产出指标（50分）"
    numbered = rng.random() < 0.35  # "指标1：…"
    money = "2dp" if rng.random() < 0.6 else "trim"
    g = GridBuilder(9)
    r = g.row("项目名称", p.name)
    g.merge(r, 1, r, 8)
    dept_cell = f"{unit.name}（{unit.unit_code}）" if with_code else unit.name
    r = g.row("主管部门", dept_cell, "", "", "实施单位", unit.name if rng.random() < 0.6 else unit.dept.offices[2])
    g.merge(r, 1, r, 3)
    g.merge(r, 5, r, 8)
    top = g.row("项目资金\n（万元）", "", "", "年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分")
    g.merge(top, 1, top, 2)
    fs = plain(p.fund_score)
    r = g.row("", "年度资金总额", "", wan(p.initial, money), wan(p.full, money), wan(p.executed, money),
              "10分" if unit_suffix else "10", f"{plain(p.rate)}%", fs)
    g.merge(r, 1, r, 2)
    if p.carry_in:
        r = g.row("", "其中：当年财政拨款", "", wan(p.initial, money), wan(p.initial + p.adjust, money),
                  wan(p.executed - p.carry_in, money))
        g.merge(r, 1, r, 2)
        r = g.row("", "上年结转资金", "", "", wan(p.carry_in, money), wan(p.carry_in, money))
    else:
        r = g.row("", "其中：当年财政拨款", "", wan(p.initial, money), wan(p.full, money), wan(p.executed, money))
        g.merge(r, 1, r, 2)
        r = g.row("", "上年结转资金")
    g.merge(r, 1, r, 2)
    r = g.row("", "其他资金")
    g.merge(r, 1, r, 2)
    g.merge(top, 0, r, 0)
    r0 = g.row("年度\n总体\n目标", "预期目标", "", "", "", "实际完成情况")
    g.merge(r0, 1, r0, 4)
    g.merge(r0, 5, r0, 8)
    r = g.row("", goal, "", "", "", achieved)
    g.merge(r, 1, r, 4)
    g.merge(r, 5, r, 8)
    g.merge(r0, 0, r, 0)
    head = g.row("绩\n效\n指\n标", "一级指标", "二级指标", "三级指标",
                 rng.choice(("年度\n指标值", "预期\n指标值", "年度指标值")),
                 rng.choice(("实际\n完成值", "实际完成\n指标值", "全年\n实际值")), "分值", "得分",
                 rng.choice(("偏差原因分析\n及改进措施", "偏差原因分析及\n改进措施", "未完成原因分析\n及改进措施")))
    first = head + 1
    rows = p.indicators
    l1_weight: dict[str, Decimal] = {}
    l2_weight: dict[tuple[str, str], Decimal] = {}
    for x in rows:
        l1_weight[x.level1] = l1_weight.get(x.level1, Decimal(0)) + x.weight
        l2_weight[(x.level1, x.level2)] = l2_weight.get((x.level1, x.level2), Decimal(0)) + x.weight
    counters: dict[tuple[str, str], int] = {}
    for x in rows:
        n = counters.get((x.level1, x.level2), 0) + 1
        counters[(x.level1, x.level2)] = n
        l1 = f"{x.level1}\n（{plain(l1_weight[x.level1])}分）" if level_weights else x.level1
        l2 = f"{x.level2}（{plain(l2_weight[(x.level1, x.level2)])}分）" if level_weights else x.level2
        name = f"指标{n}：{x.name}" if numbered else x.name
        w = plain(x.weight) + ("分" if unit_suffix else "")
        s = plain(x.score) + ("分" if unit_suffix else "")
        g.row("", l1, l2, name, x.target, x.actual, w, s, x.note or "")
    _merge_levels(g, rows, first)
    last = len(g.rows) - 1
    g.merge(head, 0, last, 0)
    r = g.row("总分", "", "", "", "", "", "100分" if unit_suffix else "100", plain(p.score) + ("分" if unit_suffix else ""))
    g.merge(r, 0, r, 5)
    return g.build(widths=[0.5, 1.0, 1.1, 2.2, 1.0, 1.0, 0.6, 0.6, 1.8], header_rows=1)


def relabeled(rows: list[IndicatorFacts], mapping: dict[str, str]) -> list[IndicatorFacts]:
    """The rows with level names printed differently (完成指标 for 产出指标 …), as some tables do."""
    return [replace(r, level1=mapping.get(r.level1, r.level1), level2=mapping.get(r.level2, r.level2)) for r in rows]


def target_table(rng: random.Random, unit: UnitFacts, p: ProjectFacts, goal: str, achieved: str,
                 rows: list[IndicatorFacts]) -> Grid:
    """The 绩效目标自评表 used in some provinces: budget and targets, no weights or scores."""
    money = "trim"
    g = GridBuilder(6)
    r = g.row("主管部门及代码", f"{unit.name}（{unit.unit_code}）", "", "实施单位", unit.name)
    g.merge(r, 1, r, 2)
    g.merge(r, 4, r, 5)
    top = g.row("项目预算\n执行情况", "预算数（万元）", wan(p.full, money), "执行数（万元）", wan(p.executed, money))
    g.merge(top, 4, top, 5)
    r = g.row("", "其中：财政拨款", wan(p.full, money), "其中：财政拨款", wan(p.executed, money))
    g.merge(r, 4, r, 5)
    g.merge(top, 0, r, 0)
    r0 = g.row("年度总体目标", "预期目标", "", "", "目标实际完成情况")
    g.merge(r0, 1, r0, 3)
    g.merge(r0, 4, r0, 5)
    r = g.row("", goal, "", "", achieved)
    g.merge(r, 1, r, 3)
    g.merge(r, 4, r, 5)
    g.merge(r0, 0, r, 0)
    head = g.row("年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值")
    first = head + 1
    for x in rows:
        g.row("", x.level1, x.level2, x.name, x.target, x.actual)
    _merge_levels(g, rows, first)
    g.merge(head, 0, len(g.rows) - 1, 0)
    return g.build(widths=[1.0, 1.0, 1.1, 2.4, 1.2, 1.6])


def _goal_texts(rng: random.Random, unit: UnitFacts, p: ProjectFacts) -> tuple[str, str]:
    spec = p.spec
    goal = pick(rng, "通过项目实施，", "围绕年度重点任务，") + spec.purpose + "，" + \
        "、".join(f"{c.name}" for c in spec.counts[:2]) + pick(rng, "，确保资金使用安全高效。", "，切实提高资金使用效益。")
    done = "、".join(f"{x.name}{x.actual}" for x in p.indicators[:2])
    achieved = f"全年{done}，" + pick(rng, "年度目标基本完成。", "各项任务有序推进，总体目标较好实现。")
    return goal, achieved


def _spending_sentence(p: ProjectFacts, style: str, in_yuan: bool, sep: str = "，") -> str:
    if in_yuan:
        return sep.join(f"{item}{yuan(a)}元" for item, a in p.items)
    return sep.join(f"{item}{wan(a, style)}万元" for item, a in p.items)


def _items_truth(p: ProjectFacts, in_yuan: bool, style: str) -> list[dict[str, Any]]:
    return [{"project": p.name, "item": item, "amount": plain(a) if in_yuan else wan(a, style)} for item, a in p.items]


def _unit_intro(rng: random.Random, unit: UnitFacts, used: list[str]) -> str:
    dept = unit.dept
    offices = rng.sample(list(dept.offices), min(len(dept.offices), rng.randint(4, 6)))
    alias = unit.alias
    used.append(alias)
    return (f"{unit.name}（以下简称“{alias}”）是{dept.duty.format(tier=unit.place.tier)}。"
            f"{alias}内设{'、'.join(offices)}等{cn_num(len(offices))}个股室，"
            f"{unit.fiscal_year}年末在职在编人员{rng.randint(18, 90)}人。")


def table_layout(rng: random.Random, unit: UnitFacts, p: ProjectFacts, *, title_style: str) -> Part:
    """A provincial-template report plus its 绩效自评表. title_style: year | no_year | generic."""
    fy = unit.fiscal_year
    used: list[str] = []
    money = "2dp" if rng.random() < 0.5 else "trim"
    if title_style == "generic":
        title = pick(rng, "项目支出绩效自评报告", f"{fy}年度项目支出绩效自评报告")
        proj_ref = "本项目"
    elif title_style == "no_year":
        title = f"{short_name(p.name)}项目支出绩效自评报告"
        proj_ref = p.name
    else:
        title = pick(rng, f"{fy}年度{short_name(p.name)}项目支出绩效自评报告", f"{fy}年度{short_name(p.name)}专项资金绩效自评报告",
                     f"{fy}年{short_name(p.name)}项目绩效自评报告")
        proj_ref = p.name
    blocks: list[Block] = []
    if rng.random() < 0.5:
        blocks.append(Para(unit.name, "center"))
    blocks.append(Heading(title, 0))
    goal, achieved = _goal_texts(rng, unit, p)

    def overview() -> list[Block]:
        money_line = (f"{fy}年度{proj_ref}{pick(rng, '年初预算', '年初预算安排', '年初批复预算')}{wan(p.initial, money)}万元"
                      + (f"，上年结转{wan(p.carry_in, money)}万元" if p.carry_in else "")
                      + (f"，年中调整{wan(p.adjust, money)}万元" if p.adjust else "")
                      + f"，全年预算数{wan(p.full, money)}万元。")
        return [Heading("项目概况"), Para(f"{sub(1)}单位基本情况"), Para(_unit_intro(rng, unit, used)),
                Para(f"{sub(2)}项目基本情况"),
                Para(f"{proj_ref}主要{p.spec.purpose}。{money_line}项目年度绩效目标为：{goal}")]

    def process() -> list[Block]:
        return [Heading(pick(rng, "绩效自评工作开展情况", "绩效评价工作开展情况")),
                Para(f"根据财政部门关于开展{fy}年度项目支出绩效自评工作的通知要求，{pick(rng, '单位', '我单位')}成立了由主要负责人任组长、"
                     f"分管负责人和{unit.dept.offices[1]}、{unit.dept.offices[0]}负责人为成员的自评工作小组，对照年初设定的"
                     f"绩效目标，采取资料核查、数据比对和实地查看相结合的方式，逐项核实指标完成情况，形成自评结论。")]

    def conclusion() -> list[Block]:
        n_l2 = len({(x.level1, x.level2) for x in p.indicators})
        return [Heading(pick(rng, "综合评价结论", "评价结论")),
                Para(f"本次自评从项目资金执行、产出、效益和满意度等方面设置了{cn_num(n_l2)}个二级指标。"
                     + pick(rng, f"经评价，本项目综合得分为{plain(p.score)}分，等级为{p.grade}。",
                            f"自评得分{plain(p.score)}分，评价等级为“{p.grade}”。")
                     + pick(rng, "具体评分情况详见附表。", "各项指标得分见附件。"))]

    def analysis() -> list[Block]:
        carry = (f"，结转结余{wan(p.carryover, money)}万元" if p.carryover else "，无结转结余")
        items = _spending_sentence(p, money, False, rng.choice(("，", "；", "、")))
        spent = rng.choice((
            f"{fy}年度{proj_ref}全年预算数{wan(p.full, money)}万元，实际支出{wan(p.executed, money)}万元，"
            f"预算执行率{plain(p.rate)}%{carry}。其中：{items}。",
            f"截至{fy}年12月31日，{proj_ref}全年预算{wan(p.full, money)}万元，全年执行数{wan(p.executed, money)}万元，"
            f"执行率{plain(p.rate)}%{carry}。资金主要用于：{items}。",
            f"{fy}年度{proj_ref}全年预算{wan(p.full, money)}万元已全部到位，已支出{wan(p.executed, money)}万元，"
            f"预算执行率为{plain(p.rate)}%{carry}。支出明细：{items}。",
        ))
        short = [x for x in p.indicators if not x.met]
        if short:
            perf = ("除" + "、".join(x.name for x in short) + "外，其余绩效指标均已完成。"
                    + "、".join(f"{x.name}年度目标{x.target}，实际完成{x.actual}" for x in short) + "。")
        else:
            perf = "年初设定的产出、效益和满意度指标全部完成。"
        return [Heading("绩效目标实现情况分析"), Para(f"{sub(1)}项目资金使用及管理情况"), Para(spent),
                Para(f"{sub(2)}绩效指标完成情况分析"), Para(perf)]

    def problems() -> list[Block]:
        return [Heading("存在的问题和改进措施"), Para(f"{sub(1)}存在的问题"),
                Para(pick(rng, "绩效目标设置的精准度还需提高，个别指标难以量化。", "项目资金下达时间偏晚，前期执行进度较慢。")),
                Para(f"{sub(2)}改进措施"),
                Para(pick(rng, "进一步细化量化绩效指标，加强绩效运行监控，提高预算执行均衡性。",
                          "提前谋划项目实施计划，加快资金拨付，强化绩效结果运用。"))]

    def publish() -> list[Block]:
        return [Heading("绩效自评结果拟应用和公开情况"),
                Para(pick(rng, "自评结果将在本单位门户网站公开，并作为以后年度预算安排的重要参考。",
                          "自评报告随部门决算一并公开，接受社会监督。"))]

    def other() -> list[Block]:
        return [Heading("其他需要说明的问题"), Para("无")]

    middle = [process, conclusion, analysis]
    if rng.random() < 0.5:
        middle = [analysis, process, conclusion]
    sections = [overview, *middle, problems, publish] + ([other] if rng.random() < 0.5 else [])
    for i, make in enumerate(sections, 1):
        blocks += numbered_section(make(), i)
    blocks.append(Para(unit.name, "right"))
    blocks.append(Para(written_date(rng, fy), "right"))
    blocks.append(Para("附件：项目支出绩效自评表"))
    blocks.append(Heading(f"{pick(rng, f'{fy}年度项目支出绩效自评表', '项目支出绩效自评表')}", 0))
    if rng.random() < 0.5:
        blocks.append(Para(f"（{fy}年度）", "center"))
    with_code = rng.random() < 0.3
    blocks.append(self_eval_table(rng, unit, p, goal, achieved, with_code))
    project_truth = {"name": p.name, "budget_initial": wan(p.initial, "2dp"), "budget_full_year": wan(p.full, "2dp"),
                     "executed": wan(p.executed, "2dp"), "execution_rate": plain(p.rate),
                     "carryover": wan(p.carryover, money)}
    part = Part(
        kind="project_self_evaluation",
        blocks=blocks,
        report={"kind": "project_self_evaluation", "title": title, "project": p.name,
                "score": plain(p.score), "grade": p.grade},
        projects=[project_truth],
        spending_items=_items_truth(p, False, money),
        indicators=_indicator_truth(p.name, p.indicators, True),
        indicator_outcomes=_outcomes(p.indicators),
        aliases_used=used,
        printed_unit_code=with_code,
    )
    if title_style == "generic":
        part.remarks.append("标题与正文均未写项目名称（正文称“本项目”），项目名称只见于附表“项目名称”栏。")
    if title_style == "no_year":
        part.remarks.append(f"标题未写年度；所评年度见正文“{fy}年度”。")
    return part


def sichuan_layout(rng: random.Random, unit: UnitFacts, p: ProjectFacts, *, with_table: bool,
                   titled: bool = True) -> Part:
    """A report built around 项目全年预算数/执行数/完成预算%; optionally with a 绩效目标自评表."""
    fy = unit.fiscal_year
    used = [unit.alias]
    title = f"{fy}年{short_name(p.name)}项目绩效自评报告" if titled else "项目绩效自评报告"
    money = "trim"
    with_items = rng.random() < 0.7
    blocks: list[Block] = [Heading(title, 0)]
    blocks += [
        Heading("一、项目概况"),
        Para("（一）项目资金申报及批复情况"),
        Para(f"{p.name}根据{unit.alias}{fy}年重点工作任务需要立项，年初预算安排{wan(p.initial, money)}万元。"
             f"由{unit.alias}负责具体实施、过程监管和事后评价。"),
        Para("（二）项目绩效目标"),
        Para(f"本项目绩效目标为：{p.spec.purpose}，按期完成年度各项工作任务，切实发挥财政资金使用效益。"),
        Para("（三）项目资金申报相符性"),
        Para("项目资金预算申报实行“两上两下”，使用实行一事一审，分事前、事中、事后控制，达到项目预期目的。"),
        Heading("二、项目实施及管理情况"),
        Para("（一）资金计划、到位及使用情况"),
        Para(f"项目全年预算数{wan(p.full, money)}万元，执行数为{wan(p.executed, money)}万元，完成预算{plain(p.rate)}%。"
             + (f"其中{_spending_sentence(p, money, False)}。" if with_items else "")),
        Para("（二）项目财务管理情况"),
        Para("严格执行专项资金管理办法，规范资金审批程序，做到专款专用；规范设置会计科目，及时进行会计核算。"),
        Para("（三）项目组织实施情况"),
        Para(f"本项目由{unit.name}{unit.dept.offices[2]}按照年度实施方案组织实施，资金使用由分管业务负责人初审，分管财务负责人审批。"),
        Heading("三、项目绩效情况"),
        Para("（一）项目完成情况"),
        Para(pick(rng, "全年按照实施方案推进各项工作，年度任务按期完成。", "项目按计划组织实施，各项工作任务已全部完成。")),
        Para("（二）项目效益情况"),
        Para(f"通过项目实施，{p.spec.benefits[0].name}{p.spec.benefits[0].actual}。"),
        Heading("四、问题及建议"),
        Para("（一）存在的问题"),
        Para(pick(rng, "预算执行进度不够均衡。", "部分绩效指标设置不够细化，评价难度较大。", "无")),
        Para("（二）相关建议"),
        Para(pick(rng, "进一步加强预算执行动态监控。", "进一步完善指标体系，加强绩效结果应用。", "无")),
    ]
    items = _items_truth(p, False, money) if with_items else []
    part = Part(
        kind="project_self_evaluation",
        blocks=blocks,
        report={"kind": "project_self_evaluation", "title": title, "project": p.name, "score": None, "grade": None},
        projects=[{"name": p.name, "budget_initial": wan(p.initial, money), "budget_full_year": wan(p.full, money),
                   "executed": wan(p.executed, money), "execution_rate": plain(p.rate), "carryover": None}],
        spending_items=items,
        indicators=[],
        aliases_used=used,
    )
    if with_table:
        goal, achieved = _goal_texts(rng, unit, p)
        blocks.append(Heading(f"{fy}年特定目标类部门预算项目绩效目标自评表", 0))
        blocks.append(Para(f"（{p.name}）", "center"))
        mapping = {"产出指标": "完成指标"} if rng.random() < 0.5 else {}
        if rng.random() < 0.5:
            mapping["服务对象满意度指标"] = "满意度指标"
        rows = relabeled(p.indicators, mapping)
        blocks.append(target_table(rng, unit, p, goal, achieved, rows))
        part.indicators = _indicator_truth(p.name, rows, False)
        part.indicator_outcomes = _outcomes(p.indicators)  # the category of the level as drawn, not as printed
        part.printed_unit_code = True
    if not titled:
        part.remarks.append("标题只印“项目绩效自评报告”，无年度和项目名；项目由正文与附表认定。")
    return part


def prose_layout(rng: random.Random, unit: UnitFacts, p: ProjectFacts, *, in_yuan: bool) -> Part:
    """A narrative project report without indicator table; the score appears only in the text."""
    fy = unit.fiscal_year
    used: list[str] = []
    style = "2dp"
    level = unit.place.tier
    title = f"{fy}年度{short_name(p.name)}项目支出绩效报告"

    def amt(d: Decimal) -> str:
        return f"{yuan(d)}元" if in_yuan else f"{wan(d, style)}万元"

    score = p.score.quantize(Decimal("1"))
    blocks: list[Block] = [Para(unit.name), Heading(title, 0)]
    blocks += [
        Heading("一、项目概况"),
        Para("（一）项目单位基本情况"),
        Para(_unit_intro(rng, unit, used)),
        Para("（二）项目基本情况简介"),
        Para(f"{fy}年度，{p.name}主要{p.spec.purpose}。"),
        Para("（三）项目绩效目标设立情况"),
        Para(f"项目总目标是：{p.spec.purpose}，保障年度重点工作顺利开展。"),
        Heading("二、项目资金使用及管理情况分析"),
        Para("（一）项目资金安排、到位、落实情况及分析"),
        Para(f"{fy}年度，{level}财政年初安排{p.name}{amt(p.initial)}，全年预算{amt(p.full)}，资金到位率100%。"),
        Para("（二）项目资金实际使用情况分析"),
        Para(f"{fy}年度，{p.name}实际支出{amt(p.executed)}，其中：{_spending_sentence(p, style, in_yuan)}。"),
        Para("（三）项目资金管理情况分析"),
        Para("项目资金实行集中核算、统一管理，严格按照财务制度和财经纪律使用，未发现违规使用资金情况。"),
        Heading("三、项目组织实施情况分析"),
        Para(f"项目由{unit.dept.offices[2]}牵头组织实施，资金使用按照财政管理制度执行。"),
        Heading("四、项目绩效情况分析"),
        Para(f"项目实施后，{p.spec.benefits[0].name}{p.spec.benefits[0].actual}，较好完成了年度目标任务。"),
        Heading("五、绩效评价工作开展情况"),
        Para(f"{fy + 1}年{rng.randint(2, 4)}月，单位对{p.name}开展了绩效自评，对资金使用和目标完成情况进行梳理分析，"
             f"自评结果为{plain(score)}分。"),
        Para(unit.name, "right"),
    ]
    part = Part(
        kind="project_self_evaluation",
        blocks=blocks,
        report={"kind": "project_self_evaluation", "title": title, "project": p.name, "score": plain(score),
                "grade": None},
        projects=[{"name": p.name,
                   "budget_initial": plain(p.initial) if in_yuan else wan(p.initial, style),
                   "budget_full_year": plain(p.full) if in_yuan else wan(p.full, style),
                   "executed": plain(p.executed) if in_yuan else wan(p.executed, style),
                   "execution_rate": None, "carryover": None}],
        spending_items=_items_truth(p, in_yuan, style),
        aliases_used=used,
    )
    if in_yuan:
        part.remarks.append("金额以元为单位印出，已换算为万元。")
    part.remarks.append("报告无绩效指标表或指标清单，indicators 为空；自评得分只见于正文。")
    return part


def table_only_layout(rng: random.Random, unit: UnitFacts, p: ProjectFacts) -> Part:
    """A file that is nothing but the 项目支出绩效自评表 (many units publish only the form)."""
    fy = unit.fiscal_year
    title = pick(rng, f"{fy}年度项目支出绩效自评表", "项目支出绩效自评表")
    goal, achieved = _goal_texts(rng, unit, p)
    blocks: list[Block] = [Heading(title, 0)]
    if "年度" not in title:
        blocks.append(Para(f"（{fy}年度）", "center"))
    blocks.append(Para(f"填报单位（盖章）：{unit.name}"))
    blocks.append(self_eval_table(rng, unit, p, goal, achieved))
    blocks.append(Para(f"填报人：{pick(rng, '李', '王', '张', '刘', '陈')}××    联系电话：0{rng.randint(700, 799)}-{rng.randint(2000000, 8999999)}"
                       f"    填报日期：{written_date(rng, fy)}"))
    part = Part(
        kind="project_self_evaluation",
        blocks=blocks,
        report={"kind": "project_self_evaluation", "title": title, "project": p.name, "score": plain(p.score),
                "grade": None},
        projects=[{"name": p.name, "budget_initial": wan(p.initial), "budget_full_year": wan(p.full),
                   "executed": wan(p.executed), "execution_rate": plain(p.rate), "carryover": None}],
        indicators=_indicator_truth(p.name, p.indicators, True),
        indicator_outcomes=_outcomes(p.indicators),
    )
    part.remarks.append("文件只有绩效自评表，无文字报告；得分取“总分”行，未印等级；结转结余未印出。")
    if "年度" not in title:
        part.remarks.append(f"标题无年度；所评年度见标题下“（{fy}年度）”。")
    return part


def build_project_report(rng: random.Random, unit: UnitFacts, p: ProjectFacts, layout: str,
                         **options: Any) -> Part:
    if layout == "table":
        return table_layout(rng, unit, p, **options)
    if layout == "table_only":
        return table_only_layout(rng, unit, p)
    if layout == "sichuan":
        return sichuan_layout(rng, unit, p, **options)
    return prose_layout(rng, unit, p, **options)
