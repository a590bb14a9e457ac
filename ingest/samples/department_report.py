"""部门整体支出绩效自评报告: a unit's whole-year self-evaluation.

Totals in prose (年初预算, 决算收入, 决算支出 with 基本支出/项目支出, 年末结转结余), the 基本支出 breakdown,
a project table (序号/项目/年初预算/上年结转/本年调整/可执行指标/决算金额/结转结余), and the indicators as
prose lists: targets under 部门绩效目标, achieved values under the performance section, paired by name.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from ingest.samples.facts import DeptFinance, UnitFacts, count_pair, grade_of, pct, plain, rate_pair, wan
from ingest.samples.layout import Block, Grid, GridBuilder, Heading, PageBreak, Para
from ingest.samples.truth import Part, empty_totals, indicator_outcome
from ingest.samples.wording import cn_num, numbered_section, pick, sub, written_date

Row = tuple[str, str, str, str, str, bool]  # level1, level2, name, target, actual, met


def _dept_indicators(rng: random.Random, unit: UnitFacts, fin: DeptFinance, money: str) -> list[Row]:
    fy = unit.fiscal_year
    rows: list[Row] = []
    counts = [c for p in fin.projects for c in p.spec.counts]
    rates = [r for p in fin.projects for r in p.spec.rates]
    seen: set[str] = set()
    for c in rng.sample(counts, min(len(counts), rng.randint(3, 5))):
        if c.name in seen:
            continue
        seen.add(c.name)
        met = rng.random() < 0.85
        t, a = count_pair(rng, c.lo, c.hi, c.unit, met)
        rows.append(("产出指标", "数量指标", c.name, t, a, met))
    for r in rng.sample(rates, min(len(rates), rng.randint(2, 3))):
        if r.name in seen:
            continue
        seen.add(r.name)
        t, a = rate_pair(rng, r.target, True)
        rows.append(("产出指标", "质量指标", r.name, t, a, True))
    rows.append(("产出指标", "时效指标", "完成时效", pick(rng, f"{fy}年内", "12月底前"),
                 pick(rng, f"{fy}年内", "按期完成"), True))
    ceiling = (fin.basic_initial * Decimal("1.1")).quantize(Decimal("1"))
    rows.append(("产出指标", "成本指标", "基本支出控制额", f"{ceiling}万元以内", f"{wan(fin.basic, money)}万元", True))
    for b in unit.dept.benefit_department:
        rows.append(("效益指标", "社会效益指标", b.name, b.target, b.actual, True))
    b = fin.projects[0].spec.benefits[0]
    if b.name not in seen:
        rows.append(("效益指标", "社会效益指标", b.name, b.target, b.actual, True))
    sat_t = rng.choice((85, 90))
    rows.append(("满意度指标", "服务对象满意度指标", "社会公众或服务对象满意度", f"{sat_t}%以上",
                 f"{rng.randint(sat_t + 1, 99)}%", True))
    return rows


def _phrase(rng: random.Random, row: Row, which: int) -> str:
    """"name value"; an achieved percentage sometimes reads "name达到value" (the value is still the truth)."""
    value = row[which]
    if which == 4 and value.endswith("%") and value[0].isdigit() and rng.random() < 0.35:
        return f"{row[2]}达到{value}"
    return f"{row[2]}{value}"


def _indicator_paras(rng: random.Random, rows: list[Row], which: int, sep: str = "。") -> list[Block]:
    """Prose lists grouped as 1.产出指标 / （1）数量指标。name value；… (which: 3 = target, 4 = actual)."""
    out: list[Block] = []
    level1s: list[str] = []
    for r in rows:
        if r[0] not in level1s:
            level1s.append(r[0])
    for i, l1 in enumerate(level1s, 1):
        out.append(Para(f"{i}.{l1}"))
        level2s: list[str] = []
        for r in rows:
            if r[0] == l1 and r[1] not in level2s:
                level2s.append(r[1])
        for j, l2 in enumerate(level2s, 1):
            values = "；".join(_phrase(rng, r, which) for r in rows if r[0] == l1 and r[1] == l2)
            out.append(Para(f"（{j}）{l2}{sep}{values}。"))
    return out


def project_table(rng: random.Random, fin: DeptFinance, *, typo: bool = False
                  ) -> tuple[Grid, list[dict[str, Any]], list[str]]:
    """序号/项目/年初预算/上年结转/本年调整/可执行指标/决算金额/结转结余, with a 合计 row.

    With `typo`, one row's 决算金额 is misprinted (as happens in published tables): the 合计 row and
    the prose keep the right totals, the truth keeps the row as printed, and a remark says so."""
    money = "2dp" if rng.random() < 0.6 else "trim"
    blank_zero = rng.random() < 0.6  # leave zero cells empty, as many units do
    g = GridBuilder(8)
    g.row("序号", "项目", "年初\n预算", "上年\n结转", "本年\n调整", "可执行\n指标", "决算\n金额", "结转\n结余")
    truth: list[dict[str, Any]] = []
    remarks: list[str] = []
    wrong = rng.randrange(len(fin.projects)) if typo else -1

    def cell(d: Decimal) -> str:
        return "" if (blank_zero and d == 0) else wan(d, money)

    for n, p in enumerate(fin.projects, 1):
        carry = cell(p.carryover)
        executed = p.executed
        if n - 1 == wrong:
            delta = Decimal(rng.choice(("0.10", "0.20", "0.50", "1.00")))
            executed = p.executed - delta
            shown = sum((q.executed for q in fin.projects), Decimal(0)) - delta
            remarks.append(f"项目支出明细表“{p.name}”决算金额印作{wan(executed, money)}，各行决算金额之和为"
                           f"{wan(shown, money)}，与合计行{wan(fin.project_total, money)}（及正文项目支出决算）相差{plain(delta)}；"
                           f"标签按表记该行 executed={wan(executed, money)}，project_expenditure 按合计行与正文。")
        g.row(str(n), p.name, wan(p.initial, money), cell(p.carry_in), cell(p.adjust), wan(p.full, money),
              wan(executed, money), carry)
        truth.append({"name": p.name, "budget_initial": wan(p.initial, money), "budget_full_year": wan(p.full, money),
                      "executed": wan(executed, money), "execution_rate": None, "carryover": carry or None})
    tot_initial = sum((p.initial for p in fin.projects), Decimal(0))
    tot_full = sum((p.full for p in fin.projects), Decimal(0))
    r = g.row("合计", "", wan(tot_initial, money), cell(fin.carry_in), cell(fin.adjust), wan(tot_full, money),
              wan(fin.project_total, money), cell(fin.carryover))
    g.merge(r, 0, r, 1)
    return g.build(widths=[0.5, 3.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]), truth, remarks


def build_department_report(rng: random.Random, unit: UnitFacts, fin: DeptFinance, *,
                            title_style: str = "unit_first", in_bundle: bool = False, typo: bool = False,
                            with_credit: bool | None = None, confident: bool = False) -> Part:
    """A 部门整体支出绩效自评报告. `confident`: the unit rates itself 95 or more whatever it spent
    (the drawn score is lifted into 95–99.9 without another draw), and a remark says so."""
    fy = unit.fiscal_year
    money = "2dp" if rng.random() < 0.5 else "trim"
    alias = unit.alias
    used = [alias]
    if in_bundle:
        title = f"{fy}年部门整体支出绩效评价报告"
    elif title_style == "year_first":
        title = f"{fy}年度{unit.name}整体支出绩效自评报告"
    elif title_style == "no_unit":
        title = f"{fy}年度部门整体支出绩效自评报告"
    else:
        title = f"{unit.name}{fy}年度部门整体支出绩效自评报告"
    score = Decimal(rng.randint(850, 995)) / 10 if rng.random() < 0.4 else Decimal(rng.randint(86, 99))
    if confident and score < 95:
        score = Decimal(95) + score % 5
    grade = grade_of(score)
    rows = _dept_indicators(rng, unit, fin, money)
    label_sep = rng.choice(("。", "：", "："))
    if with_credit is None:
        with_credit = rng.random() < 0.6
    blocks: list[Block] = []
    if not in_bundle and rng.random() < 0.5:
        blocks += [Heading(title, 0), Para("单位名称：（盖章）", "center"), Para("年    月    日", "center"),
                   Para("（此页为封面）", "center"), PageBreak()]
    blocks.append(Heading(title, 0))
    p_initial = sum((p.initial for p in fin.projects), Decimal(0))
    p_full = sum((p.full for p in fin.projects), Decimal(0))
    offices = rng.sample(list(unit.dept.offices), min(len(unit.dept.offices), 5))

    def basics() -> list[Block]:
        credit = f"统一社会信用代码{unit.credit_code}，" if with_credit else ""
        return [
            Heading("部门（单位）基本情况"),
            Para(f"{sub(1)}机构、人员构成"),
            Para(f"{unit.name}为财政全额拨款的行政单位，{credit}内设{'、'.join(offices)}等{cn_num(len(offices))}个"
                 f"股室。{fy}年末在编在岗{rng.randint(15, 80)}人，离退休人员{rng.randint(3, 40)}人。"),
            Para(f"{sub(2)}单位主要职责"),
            Para(f"{alias}是{unit.dept.duty.format(tier=unit.place.tier)}。"),
            Para(f"{sub(3)}部门整体收支情况"),
            Para(f"{fy}年部门年初预算收入{wan(fin.initial_total, money)}万元，年内调整预算{wan(fin.adjust, money)}万元，"
                 f"上年结转{wan(fin.carry_in, money)}万元；决算收入{wan(fin.income, money)}万元，其中一般公共预算"
                 f"{wan(fin.income - fin.other_income, money)}万元、其他收入{wan(fin.other_income, money)}万元。"),
            Para(f"{fy}年部门年初预算支出{wan(fin.initial_total, money)}万元，其中：基本支出{wan(fin.basic_initial, money)}万元，"
                 f"项目支出{wan(p_initial, money)}万元。{pick(rng, '部门决算支出', '全年支出决算')}{wan(fin.expenditure, money)}万元，其中：基本支出"
                 f"{wan(fin.basic, money)}万元，项目支出{wan(fin.project_total, money)}万元。"),
            Para(f"{pick(rng, '年末结转结余', '年末结转和结余')}{wan(fin.carryover, money)}万元，"
                 + ("均为项目支出结转。" if fin.carryover else "无基本支出结转。")),
            Para(f"{sub(4)}部门绩效目标"),
            Para(f"根据部门年初申报的整体支出绩效目标，{fy}年度主要绩效指标如下："),
            *_indicator_paras(rng, rows, 3, label_sep),
        ]

    table, project_truth, table_remarks = project_table(rng, fin, typo=typo)

    def spending() -> list[Block]:
        items = "、".join(f"{n}{wan(a, money)}万元" for n, a in fin.basic_items)
        return [
            Heading("一般公共预算支出情况"),
            Para(f"{sub(1)}基本支出情况"),
            Para(f"{fy}年基本支出年初预算{wan(fin.basic_initial, money)}万元。基本支出决算{wan(fin.basic, money)}万元，"
                 f"其中：{items}。"),
            Para(f"{sub(2)}项目支出情况"),
            Para(f"{fy}年项目支出年初预算{wan(p_initial, money)}万元，上年结转{wan(fin.carry_in, money)}万元，本年调整"
                 f"{wan(fin.adjust, money)}万元，全年可执行指标{wan(p_full, money)}万元。项目支出决算"
                 f"{wan(fin.project_total, money)}万元，年末结转结余{wan(fin.carryover, money)}万元。具体明细如下："),
            Para("单位：万元", "right"),
            table,
        ]

    def funds() -> list[Block]:
        return [Heading("政府性基金预算支出情况"), Para("本年度无政府性基金预算支出。")]

    def state_capital() -> list[Block]:
        return [Heading("国有资本经营预算支出情况"), Para("本年度无国有资本经营预算支出。")]

    def social_insurance() -> list[Block]:
        return [Heading("社会保险基金预算支出情况"), Para("本年度无社会保险基金预算支出。")]

    def other() -> list[Block]:
        return [Heading("其他需要说明的情况"), Para(pick(rng, "无。", "本年度无其他需要说明的情况。"))]

    def performance() -> list[Block]:
        return [
            Heading("部门整体支出绩效情况"),
            Para(f"{sub(1)}绩效指标完成情况"),
            *_indicator_paras(rng, rows, 4, label_sep),
            Para(f"{sub(2)}部门绩效情况"),
            Para(f"{fy}年，{alias}围绕年度重点工作，统筹安排基本支出和项目支出，"
                 + pick(rng, "各项重点任务全面完成。", "较好完成了年度绩效目标。")),
        ]

    def problems() -> list[Block]:
        return [Heading("存在的问题及原因分析"),
                Para(pick(rng, "1.预算编制还不够精细，个别项目年中调整较多。", "1.部分项目执行进度偏慢，年末形成结转。")),
                Para(pick(rng, "2.绩效目标设置的可衡量性有待加强。", "2.资产信息更新不够及时。"))]

    def measures() -> list[Block]:
        return [Heading("下一步改进措施"),
                Para("1.细化预算编制，提高预算编制的完整性和科学性。"),
                Para("2.加强绩效运行监控，及时纠正执行偏差，提高资金使用效益。")]

    def result() -> list[Block]:
        return [Heading("部门整体支出绩效自评结果拟应用和公开情况"),
                Para(f"{fy}年{alias}整体支出绩效自评{plain(score)}分，" + pick(rng, f"等级为{grade}。", f"评价等级为“{grade}”。")
                     + "自评结果将在政府门户网站公开，接受社会监督。")]

    budgets = [funds, state_capital, social_insurance] if rng.random() < 0.6 else [funds]
    order = [basics, spending, *budgets, performance, problems, measures, result, other]
    if rng.random() < 0.4:
        order = [basics, performance, spending, *budgets, problems, measures, result, other]
    style = "cn"
    for i, make in enumerate(order, 1):
        blocks += numbered_section(make(), i, style)
    if not in_bundle:
        if rng.random() < 0.5:
            blocks += [Para("附件：1.部门整体支出绩效评价基础数据表"), Para("2.部门整体支出绩效自评表"),
                       Para("3.项目支出绩效自评表（一个项目支出一张表）")]
        blocks += [Para(unit.name, "right"), Para(written_date(rng, fy), "right")]

    totals = empty_totals()
    totals.update(income_total=wan(fin.income, money), expenditure_total=wan(fin.expenditure, money),
                  basic_expenditure=wan(fin.basic, money), project_expenditure=wan(fin.project_total, money),
                  budget_initial_total=wan(fin.initial_total, money), carryover_total=wan(fin.carryover, money))
    indicators = [{"project": None, "level1": r[0], "level2": r[1], "name": r[2], "target": r[3], "actual": r[4],
                   "weight": None, "score": None, "note": None} for r in rows]
    part = Part(
        kind="department_self_evaluation",
        blocks=blocks,
        report={"kind": "department_self_evaluation", "title": title, "project": None, "score": plain(score),
                "grade": grade},
        projects=project_truth,
        spending_items=[{"project": None, "item": n, "amount": wan(a, money)} for n, a in fin.basic_items],
        indicators=indicators,
        indicator_outcomes=[indicator_outcome(r[1], r[5]) for r in rows],
        totals=totals,
        aliases_used=used,
        printed_credit_code=with_credit,
        remarks=["绩效指标以文字列出：目标见“部门绩效目标”，完成值见“绩效指标完成情况”，按指标名逐项配对；实际值去掉“达到”措辞。",
                 "income_total 取“决算收入”（本年收入），expenditure_total 取部门决算支出（本年支出）。", *table_remarks,
                 *_confidence_remark(score, fin)],
    )
    return part


def _confidence_remark(score: Decimal, fin: DeptFinance) -> list[str]:
    """Say when a unit scores itself 95 or more while executing under 80% of its project budgets
    (the case cross-jurisdiction question 4 looks for), with the true totals of its projects."""
    full = sum((p.full for p in fin.projects), Decimal(0))
    executed = fin.project_total
    if score < 95 or not full or executed >= Decimal("0.8") * full:
        return []
    return [f"自评{plain(score)}分（≥95），而项目全年执行数合计{wan(executed)}万元仅为全年预算数合计{wan(full)}万元的"
            f"{pct(executed, full)}%（<80%）：高自评、低执行。"]
