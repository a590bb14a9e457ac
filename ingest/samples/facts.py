"""The facts behind a sample report, drawn from a seeded random generator before any text is written.

A project's money (年初预算数, 全年预算数, 全年执行数, 结转结余), its spending breakdown and its
indicator rows (年度指标值, 实际完成值, 分值, 得分, 偏差原因) are decided here, consistently: the
breakdown adds up to the amount executed, scores add up to the total, a score below its weight
carries a note. Writers only print these facts, so the truth can be read straight off them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ingest.samples.catalog import Department, ProjectSpec
from ingest.samples.places import Place, credit_code

CENT = Decimal("0.01")


def wan(d: Decimal, style: str = "2dp") -> str:
    """A 万元 amount as a report prints it: "24.00" (2dp) or "24" / "10.8" (trim)."""
    q = d.quantize(CENT, ROUND_HALF_UP)
    if style == "trim":
        s = format(q.normalize(), "f")
        return s
    return format(q, "f")


def plain(d: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros (truth strings for converted amounts)."""
    s = format(d.normalize(), "f")
    return "0" if s in ("-0", "") else s


def yuan(d_wan: Decimal, commas: bool = True) -> str:
    """A 万元 amount printed in 元, e.g. 52.8 → "528,000.00"."""
    y = (d_wan * 10000).quantize(CENT, ROUND_HALF_UP)
    return f"{y:,.2f}" if commas else f"{y:.2f}"


def pct(numer: Decimal, denom: Decimal) -> Decimal:
    """A percentage with two decimals, half up (执行率)."""
    if denom == 0:
        return Decimal("0.00")
    return (numer / denom * 100).quantize(CENT, ROUND_HALF_UP)


def grade_of(score: Decimal) -> str:
    """The usual four grades of a self-evaluation score."""
    if score >= 90:
        return "优秀"
    if score >= 80:
        return "良好"
    if score >= 60:
        return "中"
    return "差"


def split_amount(rng: random.Random, total: Decimal, n: int) -> list[Decimal]:
    """`total` split into n parts (to the cent) that add up exactly, none below ~8% of the total."""
    if n <= 1:
        return [total]
    cents = int((total * 100).to_integral_value())
    weights = [rng.uniform(1.0, 4.0) for _ in range(n)]
    scale = sum(weights)
    parts = [int(cents * w / scale) for w in weights]
    parts[0] += cents - sum(parts)
    return [Decimal(p) / 100 for p in parts]


@dataclass
class UnitFacts:
    """The reporting unit: where it is, what it is called, its codes and the year evaluated."""

    place: Place
    dept: Department
    name: str
    aliases: list[str]
    fiscal_year: int
    unit_code: str
    credit_code: str

    @property
    def alias(self) -> str:
        return self.aliases[0]


def make_unit(rng: random.Random, place: Place, dept: Department, fiscal_year: int) -> UnitFacts:
    org = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return UnitFacts(
        place=place,
        dept=dept,
        name=dept.naming(place),
        aliases=dept.aliases(place),
        fiscal_year=fiscal_year,
        unit_code=f"{rng.randint(100, 999)}{rng.randint(0, 999):03d}",
        credit_code=credit_code(place.code, org),
    )


@dataclass
class IndicatorFacts:
    """One row of an indicator table (三级指标) with its printed target and achieved value."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    note: str | None
    met: bool


@dataclass
class ProjectFacts:
    """A project's money and indicators for one fiscal year, all mutually consistent."""

    spec: ProjectSpec
    name: str
    initial: Decimal  # 年初预算数
    carry_in: Decimal  # 上年结转
    adjust: Decimal  # 本年调整
    executed: Decimal  # 全年执行数
    items: list[tuple[str, Decimal]]
    indicators: list[IndicatorFacts] = field(default_factory=list)
    fund_weight: Decimal = Decimal("10")

    @property
    def full(self) -> Decimal:  # 全年预算数 / 可执行指标
        return self.initial + self.carry_in + self.adjust

    @property
    def carryover(self) -> Decimal:  # 结转结余
        return self.full - self.executed

    @property
    def rate(self) -> Decimal:  # 执行率, %
        return pct(self.executed, self.full)

    @property
    def fund_score(self) -> Decimal:
        return min(self.fund_weight, (self.fund_weight * self.rate / 100).quantize(CENT, ROUND_HALF_UP))

    @property
    def score(self) -> Decimal:
        return self.fund_score + sum((i.score for i in self.indicators), Decimal("0"))

    @property
    def grade(self) -> str:
        return grade_of(self.score)


def _nice(n: int) -> int:
    """Round a drawn count the way targets are set (to tens or hundreds when large)."""
    if n >= 10000:
        return round(n, -3)
    if n >= 1000:
        return round(n, -2)
    if n >= 100:
        return round(n, -1)
    return n


_SHORTFALL_NOTES = (
    "受{cause}影响，{what}未完全达到年度目标；下一步将{fix}。",
    "{cause}，导致{what}低于预期；改进措施：{fix}。",
    "偏差原因：{cause}。整改措施：{fix}。",
)
_CAUSES = ("项目实施进度滞后", "部分资金年底才下达", "实施对象数量较上年减少", "前期调研不够充分",
           "极端天气影响施工", "部分基层单位配合不到位")
_FIXES = ("加强项目调度，按月通报进度", "提前谋划年度计划，加快资金拨付", "完善绩效目标设置，科学测算指标值",
          "强化跟踪监控，及时纠偏")


def _note(rng: random.Random, what: str) -> str:
    return rng.choice(_SHORTFALL_NOTES).format(cause=rng.choice(_CAUSES), what=what, fix=rng.choice(_FIXES))


def count_pair(rng: random.Random, lo: int, hi: int, unit: str, met: bool) -> tuple[str, str]:
    """A count target in one of the printed forms (≥n, n以上, n, 不少于n, n左右, a-b) and its achieved value."""
    n = _nice(rng.randint(lo, hi))
    style = rng.choice(("ge", "ge", "yishang", "exact", "buxiao", "approx", "range"))
    if style == "range" and n >= 4:
        a, b = max(1, int(n * 0.8)), n
        sep = rng.choice(("-", "～", "—"))
        target = f"{a}{sep}{b}{unit}"
        m = rng.randint(a, b) if met else max(0, a - rng.randint(1, max(1, a // 5)))
        return target, f"{m}{unit}"
    if style == "approx":
        m = _nice(int(n * rng.uniform(0.97, 1.08))) if met else _nice(int(n * rng.uniform(0.7, 0.85)))
        return f"{n}{unit}左右", f"{m}{unit}"
    if style == "exact":
        m = n if met else _nice(int(n * rng.uniform(0.8, 0.96)))
        return f"{n}{unit}", f"{m}{unit}"
    m = _nice(int(n * rng.uniform(1.0, 1.25))) if met else _nice(int(n * rng.uniform(0.82, 0.96)))
    if met and m < n:
        m = n
    target = {"ge": f"≥{n}{unit}", "yishang": f"{n}{unit}以上", "buxiao": f"不少于{n}{unit}"}.get(style, f"≥{n}{unit}")
    return target, f"{m}{unit}"


def rate_pair(rng: random.Random, t: int, met: bool) -> tuple[str, str]:
    """A percentage target (≥t%, t%以上, =100%, or ≤t% for rates that should stay low) and its value."""
    if t <= 5:  # a rate that should stay low (事故发生率, 投诉率): an upper bound
        target = rng.choice((f"≤{t}%", f"{t}%以下", f"≤{t}%"))
        q = Decimal(rng.randint(0, t * 10)) / 10 if met else Decimal(rng.randint(t * 10 + 5, t * 10 + 30)) / 10
        return target, f"{plain(q)}%"
    if t >= 100:
        target = rng.choice(("100%", "=100%", "100%"))
        actual = "100%" if met else f"{rng.randint(85, 98)}%"
        return target, actual
    target = rng.choice((f"≥{t}%", f"{t}%以上", f"≥{t}%"))
    if met:
        q = Decimal(rng.randint(t * 10, 1000)) / 10
    else:
        q = Decimal(rng.randint((t - 10) * 10, t * 10 - 5)) / 10
    return target, f"{plain(q)}%"


def _time_pair(rng: random.Random, fy: int, met: bool) -> tuple[str, str]:
    target = rng.choice((f"{fy}年12月31日前", "12月底前", "≤12个月", f"{fy}年内"))
    if met:
        actual = rng.choice(("按期完成", "12月底前完成", f"{fy}年{rng.randint(10, 12)}月完成"))
    else:
        actual = f"{fy + 1}年{rng.randint(2, 6)}月完成"
    return target, actual


def _weights(total: int, n: int) -> list[Decimal]:
    base, rem = divmod(total, n)
    return [Decimal(base + (1 if i < rem else 0)) for i in range(n)]


def make_indicators(rng: random.Random, spec: ProjectSpec, fy: int, full: Decimal, executed: Decimal,
                    n_short: int) -> list[IndicatorFacts]:
    """The project's indicator rows: 产出 (50), 效益 (30), 满意度 (10); `n_short` rows fall short."""
    rows: list[tuple[str, str, str, str, str, bool]] = []  # level1, level2, name, target, actual, met
    short = set(rng.sample(range(len(spec.counts) + len(spec.rates) + 1), min(n_short, len(spec.counts))))
    k = 0
    for c in spec.counts:
        met = k not in short
        t, a = count_pair(rng, c.lo, c.hi, c.unit, met)
        rows.append(("产出指标", "数量指标", c.name, t, a, met))
        k += 1
    for r in spec.rates:
        met = k not in short
        t, a = rate_pair(rng, r.target, met)
        rows.append(("产出指标", "质量指标", r.name, t, a, met))
        k += 1
    time_met = k not in short
    t, a = _time_pair(rng, fy, time_met)
    rows.append(("产出指标", "时效指标", rng.choice(("资金拨付及时性", "项目完成时间", "任务完成及时率")), t, a, time_met))
    cost_t = rng.choice((f"≤{wan(full, 'trim')}万元", f"{wan(full, 'trim')}万元以内", f"控制在{wan(full, 'trim')}万元以内"))
    rows.append(("产出指标", "成本指标", rng.choice(("项目成本控制", "项目经费", "预算控制数")), cost_t,
                 f"{wan(executed, 'trim')}万元", True))
    for b in spec.benefits:
        rows.append(("效益指标", "社会效益指标", b.name, b.target, b.actual, True))
    lasting_t, lasting_a = rng.choice((("长期", "长期"), ("持续发挥作用", "持续发挥作用"), ("建立", "已建立")))
    rows.append(("效益指标", "可持续影响指标", rng.choice(("项目效益持续发挥", "长效管理机制建立")),
                 lasting_t, lasting_a, True))
    sat_t = rng.choice((85, 90, 90, 95))
    sat_met = rng.random() > 0.15
    sat_a = Decimal(rng.randint(sat_t * 10, 990)) / 10 if sat_met else Decimal(rng.randint((sat_t - 8) * 10, sat_t * 10 - 3)) / 10
    rows.append(("满意度指标", "服务对象满意度指标", rng.choice(("服务对象满意度", "受益群众满意度", "社会公众满意度")),
                 rng.choice((f"≥{sat_t}%", f"{sat_t}%以上")), f"{plain(sat_a)}%", sat_met))

    n_out = sum(1 for r in rows if r[0] == "产出指标")
    n_ben = sum(1 for r in rows if r[0] == "效益指标")
    weights = _weights(50, n_out) + _weights(30, n_ben) + [Decimal(10)]
    out: list[IndicatorFacts] = []
    for (l1, l2, name, t, a, met), w in zip(rows, weights, strict=True):
        if met:
            score, note = w, None
        else:
            lost = max(Decimal(1), (w * Decimal(rng.choice(("0.1", "0.2", "0.3")))).quantize(Decimal("1")))
            score, note = w - lost, _note(rng, name)
        out.append(IndicatorFacts(l1, l2, name, t, a, w, score, note, met))
    return out


UNDERSPEND_FACTOR = Decimal("0.78")


def make_project(rng: random.Random, spec: ProjectSpec, fy: int, *, with_indicators: bool = True,
                 carry_in: bool | None = None, underspent: bool = False) -> ProjectFacts:
    """Money and indicators of one project; execution between 75% and 100% of the full-year budget.

    `underspent` scales the drawn execution ratio by 0.78 (so 58.5%–78%, always below 80%) without
    drawing anything more, so the rest of the corpus is the same whichever projects underspend."""
    lo, hi = spec.scale
    initial = Decimal(rng.randint(lo * 100, hi * 100)) / 100
    if rng.random() < 0.4:
        initial = initial.quantize(Decimal("1"))
    has_carry = rng.random() < 0.3 if carry_in is None else carry_in
    ci = (initial * Decimal(rng.uniform(0.03, 0.2))).quantize(CENT) if has_carry else Decimal("0")
    adjust = Decimal("0")
    if rng.random() < 0.25:
        adjust = (initial * Decimal(rng.uniform(-0.1, 0.15))).quantize(CENT)
    full = initial + ci + adjust
    ratio = Decimal("1") if rng.random() < 0.45 else Decimal(rng.randint(7500, 9990)) / 10000
    if underspent:
        ratio *= UNDERSPEND_FACTOR
    executed = (full * ratio).quantize(CENT, ROUND_HALF_UP)
    n_items = min(len(spec.items), rng.randint(2, 4)) if len(spec.items) > 1 else 1
    names = rng.sample(list(spec.items), n_items)
    items = list(zip(names, split_amount(rng, executed, n_items), strict=True))
    p = ProjectFacts(spec, spec.name, initial, ci, adjust, executed, items)
    if with_indicators:
        n_short = 0 if rng.random() < 0.4 else rng.randint(1, 2)
        p.indicators = make_indicators(rng, spec, fy, full, executed, n_short)
    return p


BASIC_ITEMS = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助")


@dataclass
class DeptFinance:
    """A unit's whole-year money: basic spending, its projects, carry-overs and the 三公 expenses.

    Identities that hold by construction: 本年支出合计 = 基本支出 + 项目支出; 项目支出 = Σ project
    执行数; 年初结转和结余 + 本年收入合计 = 本年支出合计 + 年末结转和结余; 基本支出 = 人员经费 + 公用经费."""

    projects: list[ProjectFacts]
    basic_initial: Decimal
    basic_items: list[tuple[str, Decimal]]  # 工资福利支出, 商品和服务支出, 对个人和家庭的补助
    other_income: Decimal  # 其他收入
    trips_abroad: Decimal  # 因公出国（境）费
    cars: Decimal  # 公务用车购置及运行维护费
    receptions: Decimal  # 公务接待费

    @property
    def basic(self) -> Decimal:
        return sum((a for _, a in self.basic_items), Decimal(0))

    @property
    def personnel(self) -> Decimal:  # 人员经费
        return self.basic_items[0][1] + self.basic_items[2][1]

    @property
    def public(self) -> Decimal:  # 公用经费
        return self.basic_items[1][1]

    @property
    def project_total(self) -> Decimal:
        return sum((p.executed for p in self.projects), Decimal(0))

    @property
    def expenditure(self) -> Decimal:  # 本年支出合计
        return self.basic + self.project_total

    @property
    def initial_total(self) -> Decimal:  # 年初预算
        return self.basic_initial + sum((p.initial for p in self.projects), Decimal(0))

    @property
    def carry_in(self) -> Decimal:  # 年初结转和结余
        return sum((p.carry_in for p in self.projects), Decimal(0))

    @property
    def adjust(self) -> Decimal:
        return sum((p.adjust for p in self.projects), Decimal(0))

    @property
    def carryover(self) -> Decimal:  # 年末结转和结余
        return sum((p.carryover for p in self.projects), Decimal(0))

    @property
    def income(self) -> Decimal:  # 本年收入合计
        return self.expenditure + self.carryover - self.carry_in

    @property
    def income_grand(self) -> Decimal:  # 收入总计 = 本年收入合计 + 年初结转和结余
        return self.income + self.carry_in

    @property
    def three_public(self) -> Decimal:
        return self.trips_abroad + self.cars + self.receptions


def make_finance(rng: random.Random, unit: UnitFacts, projects: list[ProjectFacts]) -> DeptFinance:
    """Basic spending sized to the unit, 三公 expenses small, other income a few thousand yuan at most."""
    basic_initial = Decimal(rng.randint(20000, 150000)) / 100
    basic_exec = (basic_initial * Decimal(rng.uniform(0.95, 1.08))).quantize(CENT)
    wages, goods, welfare = split_amount(rng, basic_exec, 3)
    parts = sorted([wages, goods, welfare], reverse=True)
    items = [(BASIC_ITEMS[0], parts[0]), (BASIC_ITEMS[1], parts[1]), (BASIC_ITEMS[2], parts[2])]
    cars = Decimal(rng.choice((0, 0, rng.randint(100, 1500)))) / 100
    receptions = Decimal(rng.randint(5, 600)) / 100
    abroad = Decimal(0) if rng.random() < 0.85 else Decimal(rng.randint(100, 900)) / 100
    other = Decimal(0) if rng.random() < 0.6 else Decimal(rng.randint(1, 300)) / 100
    return DeptFinance(projects, basic_initial, items, other, abroad, cars, receptions)
