"""A bundle: one published file holding a unit's 部门概况, 决算情况说明, 名词解释 and, as attachments, its
部门整体支出绩效评价报告 and several 项目绩效自评报告 — the way many units publish their final accounts."""

from __future__ import annotations

import random

from ingest.samples.department_report import build_department_report
from ingest.samples.facts import DeptFinance, UnitFacts
from ingest.samples.final_accounts import build_final_accounts
from ingest.samples.layout import Heading, Para
from ingest.samples.project_report import build_project_report
from ingest.samples.truth import Part
from ingest.samples.wording import cn_num

_TERMS = (
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("其他收入", "指单位取得的除财政拨款以外的各项收入，主要是利息收入。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指单位用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ("机关运行经费", "指为保障行政单位运行用于购买货物和服务的各项资金。"),
)


def build_bundle(rng: random.Random, unit: UnitFacts, fin: DeptFinance, n_projects: int = 2) -> list[Part]:
    """The parts of one bundle file, in print order; the overview and glossary carry no truth of their own."""
    fy = unit.fiscal_year
    offices = unit.dept.offices
    overview = [
        Heading(f"第一部分 {unit.name}概况", 0),
        Heading("一、基本职能及主要工作"),
        Para(f"（一）基本职能。{unit.alias}是{unit.dept.duty.format(tier=unit.place.tier)}。"),
        Para(f"（二）{fy}年重点工作完成情况。{unit.alias}围绕中心工作，统筹推进各项业务，年度重点任务顺利完成。"),
        Heading("二、机构设置"),
        Para(f"{unit.name}属一级预算单位，内设{'、'.join(offices)}等{cn_num(len(offices))}个股室。"
             f"纳入{fy}年度部门决算编制范围的预算单位为本级机关。"),
    ]
    final = build_final_accounts(rng, unit, fin, in_bundle=True, with_table=rng.random() < 0.5)
    final.blocks = overview + final.blocks
    final.aliases_used.append(unit.alias)
    glossary = [Heading("第三部分 名词解释", 0)] + [Para(f"{i}.{t}：{d}") for i, (t, d) in enumerate(_TERMS, 1)]
    dept = build_department_report(rng, unit, fin, in_bundle=True)
    dept.blocks = glossary + [Heading("第四部分 附件", 0)] + dept.blocks
    parts = [final, dept]
    chosen = [p for p in fin.projects if p.indicators][:n_projects]
    for k, p in enumerate(chosen):
        parts.append(build_project_report(rng, unit, p, "sichuan", with_table=(k == 0), titled=(k != 1)))
    final.remarks.append("文件为合订本：部门概况、决算情况说明、名词解释，附件为部门整体支出绩效评价报告和项目绩效自评报告；"
                         "final_accounts 的 title 不含“第二部分”字样。")
    return parts
