"""部门决算 / 单位决算情况说明: the explanation published with a unit's final accounts.

收入总计 and its parts, 本年支出合计 split into 基本支出 and 项目支出, 年末结转和结余, 人员经费 and 公用
经费, and the 三公 expenses with their three parts; optionally a 收入支出决算总表 grid. Follows the
usual numbered sections of a 决算公开说明; the wording is this project's own.
"""

from __future__ import annotations

import random
from decimal import Decimal

from ingest.samples.facts import DeptFinance, UnitFacts, pct, plain, wan, yuan
from ingest.samples.layout import Block, Grid, GridBuilder, Heading, Para
from ingest.samples.truth import Part, empty_totals
from ingest.samples.wording import numbered_section, pick


def _totals_table(fin: DeptFinance, money: str, *, commas: bool) -> Grid:
    """收入支出决算总表 in brief; `commas` groups thousands (1,284.07) as financial tables often do."""

    def t(d: Decimal) -> str:
        return f"{d.quantize(Decimal('0.01')):,}" if commas and abs(d) >= 1000 else wan(d, money)

    general = fin.income - fin.other_income
    g = GridBuilder(4)
    g.row("收入", "", "支出", "")
    g.merge(0, 0, 0, 1)
    g.merge(0, 2, 0, 3)
    g.row("项目", "决算数", "项目", "决算数")
    g.row("一般公共预算财政拨款收入", t(general), "基本支出", t(fin.basic))
    g.row("其他收入", t(fin.other_income), "项目支出", t(fin.project_total))
    g.row("本年收入合计", t(fin.income), "本年支出合计", t(fin.expenditure))
    g.row("年初结转和结余", t(fin.carry_in), "年末结转和结余", t(fin.carryover))
    g.row("收入总计", t(fin.income_grand), "支出总计", t(fin.income_grand))
    return g.build(widths=[2.2, 1.0, 2.2, 1.0], header_rows=2)


def build_final_accounts(rng: random.Random, unit: UnitFacts, fin: DeptFinance, *, in_bundle: bool = False,
                         with_table: bool = False, three_public_in_yuan: bool = False) -> Part:
    fy = unit.fiscal_year
    money = "2dp" if rng.random() < 0.5 else "trim"
    alias = unit.alias
    who = pick(rng, "本部门", "本单位", alias)
    used = [who] if who == alias else []
    if in_bundle:
        title = f"{fy}年度部门决算情况说明"
    else:
        title = pick(rng, f"{unit.name}{fy}年度部门决算情况说明", f"{fy}年度{unit.name}单位决算情况说明",
                     f"{unit.name}{fy}年度部门决算公开说明")
    grand = fin.income_grand
    general = fin.income - fin.other_income
    last_year = (grand * Decimal(rng.uniform(0.85, 1.1))).quantize(Decimal("0.01"))
    change = grand - last_year
    blocks: list[Block] = []
    blocks.append(Heading(("第二部分 " if in_bundle else "") + title, 0))
    W = lambda d: wan(d, money)  # noqa: E731 - a short local printer keeps the sentences readable

    def overall() -> list[Block]:
        trend = "增加" if change >= 0 else "减少"
        return [Heading("收入支出决算总体情况说明"),
                Para(f"{fy}年度{who}收入总计{W(grand)}万元，其中：本年收入合计{W(fin.income)}万元，"
                     f"年初结转和结余{W(fin.carry_in)}万元。"),
                Para(f"{fy}年度{who}支出总计{W(grand)}万元，其中：本年支出合计{W(fin.expenditure)}万元，"
                     f"年末结转和结余{W(fin.carryover)}万元。"),
                Para(f"与{fy - 1}年度相比，收入、支出总计各{trend}{W(abs(change))}万元，"
                     + pick(rng, "主要原因是项目支出规模变化。", "主要原因是人员变动及专项工作任务调整。"))]

    def income() -> list[Block]:
        return [Heading("收入决算情况说明"),
                Para(f"{fy}年度本年收入合计{W(fin.income)}万元，其中：一般公共预算财政拨款收入{W(general)}万元，"
                     f"占{plain(pct(general, fin.income))}%；政府性基金预算财政拨款收入0万元，占0%；"
                     f"其他收入{W(fin.other_income)}万元，占{plain(pct(fin.other_income, fin.income))}%。")]

    def spending() -> list[Block]:
        return [Heading("支出决算情况说明"),
                Para(f"{fy}年度本年支出合计{W(fin.expenditure)}万元，其中：基本支出{W(fin.basic)}万元，"
                     f"占{plain(pct(fin.basic, fin.expenditure))}%；项目支出{W(fin.project_total)}万元，"
                     f"占{plain(pct(fin.project_total, fin.expenditure))}%；上缴上级支出0万元；经营支出0万元；"
                     f"对附属单位补助支出0万元。")]

    def fiscal() -> list[Block]:
        total = general + fin.carry_in
        return [Heading("财政拨款收入支出决算总体情况说明"),
                Para(f"{fy}年度财政拨款收、支总计{W(total)}万元。"
                     + pick(rng, "财政拨款收入全部为一般公共预算财政拨款。", "无政府性基金预算财政拨款。"))]

    def basic() -> list[Block]:
        return [Heading("一般公共预算财政拨款基本支出决算情况说明"),
                Para(f"{fy}年度一般公共预算财政拨款基本支出{W(fin.basic)}万元，其中："),
                Para(f"人员经费{W(fin.personnel)}万元，主要包括：基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、"
                     "职业年金缴费、住房公积金、退休费、生活补助等。"),
                Para(f"公用经费{W(fin.public)}万元，主要包括：办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、"
                     "公务接待费、工会经费、福利费、其他交通费用等。")]

    def three() -> list[Block]:
        def amt(d: Decimal) -> str:
            return f"{yuan(d)}元" if three_public_in_yuan else f"{W(d)}万元"
        n_batches = rng.randint(3, 40)
        return [Heading("“三公”经费财政拨款支出决算情况说明"),
                Para(f"{fy}年度“三公”经费财政拨款支出决算{W(fin.three_public)}万元，其中：因公出国（境）费"
                     f"{amt(fin.trips_abroad)}，公务用车购置及运行维护费{amt(fin.cars)}，公务接待费{amt(fin.receptions)}。"),
                Para(f"全年国内公务接待{n_batches}批次、{n_batches * rng.randint(3, 8)}人次，主要用于上级部门检查指导工作的工作餐。"
                     + ("全年未安排因公出国（境）团组。" if fin.trips_abroad == 0 else ""))]

    def funds() -> list[Block]:
        return [Heading("政府性基金预算支出决算情况说明"), Para(f"{fy}年度{who}无政府性基金预算财政拨款支出。")]

    def other() -> list[Block]:
        running = (fin.public * Decimal(rng.uniform(0.9, 1.0))).quantize(Decimal("0.01"))
        return [Heading("其他重要事项的情况说明"),
                Para(f"（一）机关运行经费支出情况。{fy}年度机关运行经费支出{W(running)}万元。"),
                Para(f"（二）政府采购支出情况。{fy}年度政府采购支出总额{W(Decimal(rng.randint(0, 3000)) / 100)}万元。"),
                Para(f"（三）国有资产占有使用情况。截至{fy}年12月31日，共有车辆{rng.randint(0, 3)}辆。")]

    order = [overall, income, spending, fiscal, basic, three, funds, other]
    if rng.random() < 0.4:
        order = [overall, income, spending, basic, three, fiscal, funds, other]
    style = "arabic" if rng.random() < 0.25 else "cn"
    for i, make in enumerate(order, 1):
        blocks += numbered_section(make(), i, style)
        if make is overall and with_table:
            blocks.append(Para("收入支出决算总表（单位：万元）", "center"))
            blocks.append(_totals_table(fin, money, commas=rng.random() < 0.5))

    def item_amount(d: Decimal) -> str:
        return plain(d) if three_public_in_yuan else W(d)

    totals = empty_totals()
    totals.update(income_total=W(grand), expenditure_total=W(fin.expenditure), basic_expenditure=W(fin.basic),
                  project_expenditure=W(fin.project_total), carryover_total=W(fin.carryover),
                  three_public_expenses=W(fin.three_public))
    remarks = ["income_total 取“收入总计”（本年收入合计+年初结转和结余），expenditure_total 取“本年支出合计”。"]
    if three_public_in_yuan:
        remarks.append("“三公”经费分项以元印出，已换算为万元；合计以万元印出。")
    return Part(
        kind="final_accounts",
        blocks=blocks,
        report={"kind": "final_accounts", "title": title, "project": None, "score": None, "grade": None},
        spending_items=[
            {"project": None, "item": "人员经费", "amount": W(fin.personnel)},
            {"project": None, "item": "公用经费", "amount": W(fin.public)},
            {"project": None, "item": "因公出国（境）费", "amount": item_amount(fin.trips_abroad)},
            {"project": None, "item": "公务用车购置及运行维护费", "amount": item_amount(fin.cars)},
            {"project": None, "item": "公务接待费", "amount": item_amount(fin.receptions)},
        ],
        totals=totals,
        aliases_used=used,
        remarks=remarks,
    )
