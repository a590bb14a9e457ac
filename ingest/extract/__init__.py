"""Document → Extraction (the gold-label shape plus provenance and warnings).

`extract_document` works only from `Document.lines()`, so a Word or PDF table flattened one cell per
tab-prefixed line reads the same as a published text export. Each part is a pure function in its own
module: unit/region/year (unit), report splitting (reports), money (money), indicators (indicators).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

from ingest import EXTRACTOR_VERSION
from ingest.document import Document
from ingest.errors import IngestError
from ingest.extract import forms as fm
from ingest.extract import indicators as ind
from ingest.extract import money, ocr_confidence, validate
from ingest.extract import prose as prose_cues
from ingest.extract.department_data_table import DataTable, read_department_data_table
from ingest.extract.reports import (
    PART_RE,
    TITLE_END_RE,
    Segment,
    glued_title,
    is_generic_project,
    split_reports,
)
from ingest.extract.scored_stream import scored_level_stream
from ingest.extract.tables import find_tables
from ingest.extract.text import AsPrinted, TextLine, document_lines, prose_paragraphs, squash
from ingest.extract.three_public_table import three_public_table
from ingest.extract.unit import extract_fiscal_year, extract_unit, form_printed_year, known_divisions_prefix
from ingest.extraction import DepartmentTotals
from ingest.templates import prose_vocabulary, vocabulary
from ingest.values import dec, judge_met, lower_is_better, parse_value

OPENING_LINES = 3
"""A performance report's title stands among a file's first lines (under a document site's file name)."""
REPORT_WORDS = ("绩效", "预算", "决算", "项目支出", "自评", "资金", "三公", "支出", "收入", "指标")


def _looks_like_report(text: str) -> bool:
    """Budget vocabulary, an amount, and what makes it a report: 绩效, 决算 or a “三公”经费 statement."""
    from ingest.templates import prose_vocabulary

    markers = prose_vocabulary()["report_markers"]
    flat = squash(text)
    hits = sum(1 for w in REPORT_WORDS if w in flat)
    money = bool(re.search(r"万元|万|元", flat))
    if money and "三公" in flat and "支出" in flat:
        return True  # a “三公”经费 statement may say nothing else
    items = prose_vocabulary()["three_public_items"]
    if money and sum(1 for names in items if any(n in flat for n in names)) >= 2:
        return True  # its items (因公出国(境)费, 公务接待费…) without the words “三公”
    if any(re.search(p, ln.strip()) for p in markers["final_titles"] for ln in text.splitlines()[:40]):
        return True  # a 部门决算's own title, even where the page was cut before its figures
    if money and any(re.search(p, ln.strip()) for p in markers.get("evaluation_titles", [])
                     + markers.get("financial_titles", []) for ln in text.splitlines()[:40]):
        return True  # a table of evaluation results, or an institution's income and spending, with amounts
    if money and any(len(t) <= 80 and re.search(p, t) for p in markers.get("report_names", [])
                     for t in (squash(ln) for ln in text.splitlines()[:40])):
        return True  # a title naming the text a report of the kind ('…专项资金使用说明'), over amounts
    if money and "绩效" in flat and any(len(t) <= 80 and "绩效" in t and (TITLE_END_RE.search(t) or t.endswith("报告"))
                                       for t in (squash(ln) for ln in text.splitlines()[:40])):
        # a performance report's own title ('关于2019年某资金绩效评价的报告', '…绩效目标评价结果运用的报告')
        # over amounts
        return True
    first = [squash(ln) for ln in text.splitlines() if ln.strip()][:OPENING_LINES]
    opening = first[0] if first else ""
    head = TITLE_END_RE.search(opening) if len(opening) <= 64 else None
    if head and "绩效" in head.group(0) or any("绩效" in (glued_title(t) or "") for t in first):
        # a file that opens on a performance report's title, even where it was cut before its figures (also
        # on a document site, under the file's name, with the title run into the first words)
        return True
    money_or_title = money or bool(re.search(r"(?:自评|评价)(?:情况)?报告|自评表|评价指标表|评价表|指标计分表", flat)) \
        or bool(re.search(r"一级指标.{0,40}?三级指标", flat)) \
        or bool(re.search(r"自评(?:得分?|总分)[为是:：]?\d", flat))  # a form's indicators, or the score it gave itself
    if money and any(p in flat for p in markers["money_phrases"]):
        return True  # a self-evaluation's money, whatever its (cut) title says
    # a text that names itself a report of the kind ('…补助资金使用和管理自评报告公示如下'), though it never
    # writes 绩效 (prose.yaml report_markers.report_names)
    names = "|".join(markers.get("report_names", []))
    return hits >= 3 and money_or_title and bool(re.search(r"绩效|决算|三公" + (f"|{names}" if names else ""), flat))


def _segment_text(lines: list[TextLine], seg: Segment, stop: int | None = None) -> list[TextLine]:
    return lines[seg.start: stop if stop is not None else seg.end]


def extract_document(doc: Document) -> dict:
    """The Extraction of one document; raises IngestError('not_a_report') for other texts."""
    as_printed = AsPrinted()
    lines = document_lines(doc, as_printed)
    text = "\n".join(ln.text for ln in lines)
    if not _looks_like_report(text):
        raise IngestError("not_a_report", f"{doc.source_name}: no budget/performance vocabulary "
                          "(绩效, 预算/决算, 万元) — not a budget performance report", stage="extract")
    warnings: list[dict] = []
    unit, w = extract_unit(text, lines)
    warnings += w
    year = extract_fiscal_year(text)
    if year is None:
        warnings.append({"field": "fiscal_year", "message": "no year printed"})

    segs = split_reports(lines)
    titled = {int(m.group(1)) for sg in segs if sg.title and (m := re.search(r"((?:19|20)\d\d)年(?!\d{1,2}月)", sg.title))
              and not re.search(r"(?:19|20)\d\d年度?[-—–~至到](?:19|20)\d\d", sg.title)}
    if len(titled) == 1 and year not in titled and year is not None and form_printed_year(squash(text)) is None:
        # the reports' own titles date them ('2018年…评价报告' under a page headed '2020年…'); a page's title
        # or a cited notice does not
        warnings.append({"field": "fiscal_year", "message": f"the text's commonest year {year} differs from "
                         f"the year its report's title gives; the title's {min(titled)} is taken"})
        year = min(titled)
    reports: list[dict] = []
    projects: list[dict] = []
    items: list[dict] = []
    indicators: list[dict] = []
    forms: list[dict] = []
    totals: dict | None = None

    for seg in segs:
        table_total: str | None = None  # a 三公 table's 合计 row
        form_bounds = ind.form_segments(lines, seg.start, seg.end)
        body_end = form_bounds[0][0] if form_bounds else seg.end
        seg_forms = fm.find_forms(lines[seg.start:body_end])
        bundle = _form_bundle(seg_forms)
        if bundle:
            # forms of several projects appended to the report: each is attached, like a flattened
            # form, to the project whose money it states; the report's body ends where they start
            body_end = min(body_end, bundle[0].first_line)
            seg_forms = [f for f in seg_forms if f.first_line < body_end]
            forms.extend(_bundled_form(f) for f in bundle)
        if seg.kind == "department_self_evaluation" and not re.search(r"整体|部门", seg.title or "") \
                and any(f.project for f in seg_forms):
            seg.kind = "project_self_evaluation"  # a title naming no project over a project's own form
        seg_lines = _segment_text(lines, seg, body_end)
        paras = prose_paragraphs(seg_lines)
        seg_text = "\n".join(p for p, _ in paras)
        newer, older = _flattened_forms(lines, seg.start, form_bounds)
        seg_forms.extend(newer)
        forms.extend(older)
        score, grade = money.score_and_grade(seg_text)
        tables = find_tables(lines, seg.start, body_end)
        project = _body_form(_without_unit(seg.project, unit), seg_text, seg.title) if seg.project else None
        if project and is_generic_project(project):  # '某局专项资金' less its unit: a kind of money
            project = None
        seg_projects, seg_indicators, table_name, score = _table_rows(tables, lines, seg.kind, project, score)
        if table_name is None:
            table_name = _labelled_project_name(seg_lines)
        if not seg_indicators:
            seg_indicators.extend(ind.space_table_indicators(lines, seg.start, body_end))
        if not seg_projects:
            seg_projects.extend(money.space_table_projects(seg_lines))
        form_name = next((f.project for f in seg_forms if f.project), None)
        if not seg_projects and (table_name or form_name):
            # the money row of a space-aligned form, under the name its table or its head labels
            sm = money.space_self_eval_money(seg_lines)
            if sm:
                seg_projects.append({"name": table_name or form_name, **sm})
        if not seg_projects and (seg.kind != "project_self_evaluation" or seg.title is None or project is None
                                 or "总报告" in (seg.title or "")):
            # projects a department (or an overall report) lists with their own budget and spending
            seg_projects.extend(prose_cues.listed_projects(seg_text))
        enumerated = prose_cues.enumerated_projects(paras)
        if project is None:
            # a unit's report counting its projects and listing them line by line
            known = {_project_key(p.get("name")) for p in seg_projects}
            seg_projects.extend(p for p in prose_cues.counted_project_list(paras) if _project_key(p["name"]) not in known)
        listed = prose_cues.semicolon_listed_projects(paras) + prose_cues.itemised_funds(paras)
        if listed:
            # the projects a sentence lists clause by clause, their amounts adding up to a printed total
            known = {_project_key(p.get("name")) for p in seg_projects}
            seg_projects.extend(p for p in listed if _project_key(p["name"]) not in known)
        if len(enumerated) >= 2:
            # the projects a budget enumerates (or heads one by one), beside any the segment reports on
            known = {_project_key(p.get("name")) for p in seg_projects}
            seg_projects.extend(p for p in enumerated if _project_key(p["name"]) not in known)
        if table_name and seg.kind == "project_self_evaluation":
            project = table_name
        if project is None and seg.kind == "project_self_evaluation" and not any(f.project for f in seg_forms):
            project = prose_cues.introduced_project(paras)
            project = _without_unit(project, unit) if project else None
        if seg.kind == "project_self_evaluation" and (project or seg.title):
            _add_prose_money(project, seg, paras, seg_text, seg_projects, year)
        if seg.kind == "project_self_evaluation" and project is None and seg.title is None and not seg_projects:
            for p in money.listed_project_budgets(seg_text):
                sent = p.pop("_sentence")
                for mm in re.finditer(rf"(\d+(?:\.\d+)?)\s*(万元|万)用于({money.USE_TEXT}{{2,40}})", sent):
                    items.append({"project": p["name"], "item": mm.group(3),
                                  "amount": mm.group(1), "provenance": paras[0][1].provenance(sent)})
                seg_projects.append(p)
        unit_level = seg.kind != "project_self_evaluation" or (project is None and seg.title is None)
        unnamed_project_report = seg.kind == "project_self_evaluation" and project is None and seg.title is not None
        seg_items: list[dict] = []
        if seg.kind != "project_self_evaluation" or project is not None or unnamed_project_report:
            seg_items, table_total = _segment_items(seg.kind, project, paras, seg_text, seg_lines)
            items.extend(seg_items)
        data = DataTable()
        if seg.kind != "project_self_evaluation":
            # the basic-data table a whole-department evaluation appends: fills what the text leaves out
            data = read_department_data_table(lines[seg.start:seg.end], year)
            have = {it["item"] for it in items if it.get("project") is None}
            items.extend(it for it in data.items if it["item"] not in have)
            known = {_project_key(p.get("name")) for p in seg_projects}
            seg_projects.extend(p for p in data.projects if _project_key(p["name"]) not in known)
        project, score, grade = _apply_forms(seg_forms, seg.kind, project, score, grade, seg_projects,
                                             seg_indicators, items, warnings)
        if project is None and seg.extra.get("title_project"):
            project = seg.extra["title_project"]
            for f in seg_forms:
                mrow = fm.money_row(f)
                if f.project is None and mrow and not seg_projects:
                    seg_projects.append({"name": project, **mrow, **({"provenance": f.money_provenance}
                                                                     if f.money_provenance else {})})
        sections = prose_cues.project_sections(paras) if project is None and not seg_forms else []
        if len(sections) >= 2:
            # a unit's report on several projects, a section each: each section's money and targets
            _add_section_projects(sections, seg_projects, seg_indicators)
        elif all("_own_project" in i for i in seg_indicators):
            # no table of this segment's own: indicators stated in prose, by the reading that finds the
            # most rows (pairs in brackets, cue sentences, or a department's target and result paragraphs)
            seg_indicators.extend(_prose_indicators(seg.kind, paras))
        for i in seg_indicators:
            own = i.pop("_own_project", None)
            i["project"] = own or (project if seg.kind == "project_self_evaluation" else None)
        if seg.kind != "project_self_evaluation" or unit_level:
            t = _segment_totals(seg.kind, paras, seg_text, seg_forms, table_total, year)
            if data.totals:
                t = dict(t or dict.fromkeys(DepartmentTotals.__annotations__))
                t.update({k: t.get(k) or v for k, v in data.totals.items()})
            if t:
                totals = t if totals is None else {k: totals.get(k) or t.get(k) for k in totals}
        # a form that is the whole report: its title is the report's
        title = seg.title or next((f.title for f in seg_forms if f.title), None)
        if len(segs) == 1 and seg.title_line is not None and PART_RE.match(seg.title_line.text.strip()):
            # '第二部分 2020年度部门决算说明' in a file that is one report: a part of that report, whose heading
            # tells the kind but is no title (in a bundle of reports, a part is a report and its heading its title)
            title = None
        rep = {"kind": seg.kind, "title": title, "project": project if seg.kind == "project_self_evaluation" else None,
               "score": score, "grade": grade}
        if seg.title_line:
            rep["provenance"] = seg.title_line.provenance()
        if bundle and len(seg_text) < FORMS_ONLY_CHARS and (seg.kind == "project_self_evaluation" or (
                seg.kind == "department_self_evaluation" and not re.search(r"整体|部门", seg.title or ""))):
            # ('某镇2021年预算绩效评价结果公开' over project forms only: the page's title names no department's
            # own evaluation)
            seg.kind = "project_self_evaluation"
            # a file of forms only, one per project: each form is a project's report
            own = [f for f in bundle if f.project]
            rep.update(kind=seg.kind, project=money.clean_project_name(own[0].project), title=own[0].title or title,
                       score=own[0].score or score, grade=own[0].grade or grade)
            reports.append(rep)
            reports.extend({"kind": "project_self_evaluation", "title": f.title or title,
                            "project": money.clean_project_name(f.project), "score": f.score, "grade": f.grade}
                           for f in own[1:])
        else:
            reports.append(rep)
        for p in seg_projects:
            if p["name"] is None:
                p["_report"] = rep
        if unnamed_project_report:
            for it in seg_items:
                it["_report"] = rep
        projects.extend(seg_projects)
        indicators.extend(seg_indicators)

    if totals and totals.get("income_total") and len(segs) > 1:
        totals["income_total"] = money.year_income(text) or totals["income_total"]  # the file's parts agree on it
    _attach_forms(forms, reports, projects, items, indicators, warnings)
    for rep in reports:
        if rep.get("project") is not None and not validate.is_name(rep["project"]):
            warnings.append({"field": "reports.project", "message": f"project {rep['project']!r} is not a name "
                             "(a year, a number or a mark); left empty"})
            rep["project"] = None
    indicators = validate.validate_indicators(indicators, warnings)
    projects = validate.yuan_under_wan(validate.validate_projects(projects, warnings), bool(unit.get("county")),
                                       warnings)
    items = validate.validate_items(prose_cues.tidy_three_public(items), warnings)
    totals = validate.validate_totals(totals, warnings)
    if totals and any(totals.values()) and reports and all(r["kind"] == "project_self_evaluation" for r in reports):
        # a project's report states the project's money: a 项目支出 or 支出 in it is no department's total
        warnings.append({"field": "department_totals", "message": "whole-unit totals read from a file of project "
                         f"reports only ({', '.join(k for k, v in totals.items() if v)}); left empty"})
        totals = None
    _name_by_money(projects)
    for p in projects:
        p.pop("_report", None)
    items = _distinct(_this_years_items(_items_of_their_reports(items, warnings), year, warnings))
    projects = _named_projects(_merge_projects(projects), warnings)
    warnings.extend(_null_warnings(reports, projects, indicators, totals))
    _keep_as_printed(as_printed, unit, reports, projects, items, indicators)
    _judge_indicators(indicators)
    return {
        "source_file": doc.source_name,
        "unit": unit,
        "fiscal_year": year,
        "reports": reports,
        "projects": projects,
        "spending_items": items,
        "indicators": indicators,
        "department_totals": totals,
        "remarks": [],
        "warnings": warnings,
    }


def _flattened_forms(lines: list[TextLine], start: int, form_bounds: list[tuple[int, int]]
                     ) -> tuple[list[fm.Form], list[dict]]:
    """Each flattened national form of a segment, read by the older reader unless the vocabulary-driven
    reader reads more of the same lines (from the end of the previous form, where its head starts):
    (the newer reader's forms, the older reader's forms)."""
    newer_forms: list[fm.Form] = []
    older_forms: list[dict] = []
    head_from = start
    for s, e in form_bounds:
        older = ind.parse_form(lines, s, e)
        newer = fm.find_forms(lines[head_from:e])
        head_from = e
        if sum(len(f.indicators) for f in newer) > len(older["indicators"]) or (
                not older["indicators"] and older["budget"] is None and any(f.money for f in newer)):
            newer_forms.extend(newer)
        else:
            older_forms.append(older)
    return newer_forms, older_forms


SCORE_IN_TABLE_RE = re.compile(r"总分\S*?\s+\d+(?:\.\d+)?分?\s+(\d+(?:\.\d+)?)分?(?:\s|$)")


def _table_rows(tables: list, lines: list[TextLine], kind: str, project: str | None, score: str | None
                ) -> tuple[list[dict], list[dict], str | None, str | None]:
    """What a segment's tables state: (projects with their money, indicators, the project a
    self-evaluation table names, the score its 总分 row gives if the text gave none)."""
    seg_projects: list[dict] = []
    seg_indicators: list[dict] = []
    table_name = None
    for tb in tables:
        name, m = money.self_eval_money(tb)
        if name:
            table_name = money.clean_project_name(name)
        if m and (table_name or project):
            seg_projects.append({"name": table_name or project, **m})
        before = [ln.text for ln in lines[max(0, tb.start - 3): tb.start] if ln.text and not ln.cell][-2:]
        seg_projects.extend(money.table_projects(tb, before))
        rows = ind.table_indicators(tb, None)
        if name and kind != "project_self_evaluation":
            # a project's form appended to a department report keeps its own project
            for r in rows:
                r["_own_project"] = money.clean_project_name(name)
        seg_indicators.extend(rows)
        if score is None and (kind == "project_self_evaluation" or not name):
            tm = SCORE_IN_TABLE_RE.search(" ".join(c.text for r in tb.rows for c in r))
            if tm:
                score = tm.group(1)
    return seg_projects, seg_indicators, table_name, score


CUES_FIRST = ("three_public_expenses", "income_total")


def _segment_totals(kind: str, paras: list[tuple[str, TextLine]], seg_text: str, seg_forms: list[fm.Form],
                    table_total: str | None, year: int | None = None) -> dict | None:
    """The whole unit's totals a segment states: cue sentences (prose.yaml totals) and the older patterns,
    a department-wide form's money row, a 三公 table's 合计."""
    planned = prose_cues.budget_sections(paras)
    # what was spent is not read under a heading about the budget (its 年初预算 still is)
    spent_text = "\n".join(p for k, (p, _) in enumerate(paras) if k not in planned) if planned else seg_text
    t = money.department_totals(spent_text, year)
    cued = prose_cues.totals_from_prose(spent_text, year=year)
    if planned:
        planned_total = prose_cues.totals_from_prose(seg_text, ["budget_initial_total"])["budget_initial_total"]
        cued["budget_initial_total"] = cued.get("budget_initial_total") or planned_total
    if any(v is not None for v in cued.values()):
        # the cue vocabulary knows a 三公 statement's 决算 from its 预算; elsewhere the
        # older patterns come first
        t = {k: (cued.get(k) or (t or {}).get(k)) if k in CUES_FIRST
             else ((t or {}).get(k) or cued.get(k)) for k in cued}
    if kind != "project_self_evaluation":
        # a department-wide form's money row is the department's: 年初预算数 and 全年执行数
        for f in seg_forms:
            if f.money and not f.project:
                t = dict(t or cued)
                t["budget_initial_total"] = t.get("budget_initial_total") or f.money.get("budget_initial")
                t["expenditure_total"] = t.get("expenditure_total") or f.money.get("executed")
                break
    if kind != "project_self_evaluation" and table_total is not None:
        t = dict(t or cued)
        t["three_public_expenses"] = t.get("three_public_expenses") or table_total
    return t


def _add_prose_money(project: str | None, seg: Segment, paras: list[tuple[str, TextLine]], seg_text: str,
                     seg_projects: list[dict], year: int | None) -> None:
    """A project report's money as its sentences state it (prose.yaml project_money and its fallbacks):
    it fills what the project's table row leaves out, or is the project's row."""
    pm = money.prose_project_money(seg_text, year)
    if pm.get("budget_full_year") is None and project:
        # '2021年某某发展资金合计5200万元': the project's own total, over any one of its allocations
        pm["budget_full_year"] = money.named_total(project, seg_text)
    fallback = prose_cues.project_money_fallback_at(seg_text, year)
    for k, (v, at) in fallback.items():
        # an amount equal to the budget is the budget read again, unless both are the fallback's, from two
        # places ('区财政安排资金300万元' … '已拨付工程款300万元')
        again = k == "executed" and v == pm.get("budget_full_year") and not (
            pm.get("budget_full_year") == fallback["budget_full_year"][0] and at != fallback["budget_full_year"][1])
        if pm.get(k) is None and v is not None and not again:
            pm[k] = v
    if pm.get("budget_full_year") is None and project:
        named = money.named_budget(project, seg_text)
        if named is not None and _rate_agrees(named, pm.get("executed"), pm.get("execution_rate")):
            pm["budget_full_year"] = named
    if pm.get("budget_full_year") and pm.get("executed") and pm.get("execution_rate") \
            and not _rate_agrees(pm["budget_full_year"], pm["executed"], pm["execution_rate"]):
        # the printed rate says the budget read is another figure ('安排480万元，上年结转77.3万元' … '合计557.3万元'):
        # the one budget the text states that the rate and the spending agree with
        fitting = money.budgets_fitting_rate(seg_text, pm["executed"], pm["execution_rate"])
        if len(fitting) == 1:
            pm["budget_full_year"] = fitting[0]
    same = [p for p in seg_projects if p["name"] == project]
    if same:
        # the table is authoritative; prose only fills what the table leaves out
        for k, v in pm.items():
            if same[0].get(k) is None and v is not None:
                same[0][k] = v
    elif any(v is not None for v in pm.values()):
        prov_line = seg.title_line or (paras[0][1] if paras else None)
        row = {"name": project, **pm}
        if prov_line:
            row["provenance"] = prov_line.provenance()
        seg_projects.append(row)


def _add_section_projects(sections: list[tuple[str, list]], seg_projects: list[dict],
                          seg_indicators: list[dict]) -> None:
    """The projects of a report written a section per project, with the money and the targets each
    section states (prose.yaml project_money, counted target lists)."""
    known = {_project_key(p.get("name")): p for p in seg_projects}
    for name, body in sections:
        name = money.clean_project_name(name)
        pm = money.prose_project_money("\n".join(t for t, _ in body))
        row = known.get(_project_key(name))
        if row is None:
            row = {"name": name, **dict.fromkeys(("budget_initial", "budget_full_year", "executed",
                                                   "execution_rate", "carryover")),
                   "provenance": body[0][1].provenance()}
            seg_projects.append(row)
        for k, v in pm.items():
            if row.get(k) is None and v is not None:
                row[k] = v
        for i in prose_cues.counted_target_lists(body):
            i["_own_project"] = name
            seg_indicators.append(i)


def _rate_agrees(budget: str, executed: str | None, rate: str | None) -> bool:
    """Whether a budget read from weaker evidence (an amount after the project's name, which may be one
    source's share) fits the spending and rate the report prints: executed / budget within a point of it."""
    if executed is None or rate is None or Decimal(budget) == 0:
        return True
    return validate.rate_fits(Decimal(budget), Decimal(executed), Decimal(rate), within=Decimal(1))


def _segment_items(kind: str, project: str | None, paras: list[tuple[str, TextLine]], seg_text: str,
                   seg_lines: list[TextLine]) -> tuple[list[dict], str | None]:
    """What a segment's money was spent on (its prose breakdowns; for a unit, also its 三公 table and
    statements), and the 三公 table's 合计 if it prints one."""
    own = kind == "project_self_evaluation"
    seg_items = money.spending_from_prose(paras, project if own else None, not own)
    money.refine_amounts(seg_items, seg_text)
    table_total = None
    if not own:
        table_items, table_total = three_public_table(seg_lines, prose_cues.three_public_groups())
        have = {it["item"] for it in seg_items}
        seg_items.extend(it for it in table_items if it["item"] not in have)
        have = {it["item"] for it in seg_items}
        seg_items.extend(it for it in prose_cues.three_public_items(paras) if it["item"] not in have)
    return seg_items, table_total


def _prose_indicators(kind: str, paras: list[tuple[str, TextLine]]) -> list[dict]:
    """Indicators stated in prose, by the reading that finds the most rows (pairs in brackets, cue
    sentences, sections under level headings, target and result lists; for a department, its target and
    result paragraphs)."""
    readings = [ind.paired_prose_indicators(paras), prose_cues.sentence_indicators(paras),
                prose_cues.sectioned_indicators(paras), prose_cues.parallel_list_indicators(paras),
                prose_cues.scored_headings(paras), prose_cues.counted_target_lists(paras),
                prose_cues.scored_cells(paras), prose_cues.labelled_field_indicators(paras),
                prose_cues.compared_target_lists(paras), prose_cues.numbered_scored_criteria(paras),
                scored_level_stream(paras)]
    if kind == "department_self_evaluation":
        readings.append(ind.prose_indicators(paras))
    return max(readings, key=len)


def _distinct(items: list[dict]) -> list[dict]:
    """Each spending item once: two readings of one sentence (its '其中…' and its numbered parts) give the
    same project, item and amount."""
    seen: set[tuple] = set()
    out: list[dict] = []
    for it in items:
        key = (it.get("project"), it.get("item"), it.get("amount"))
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _items_of_their_reports(items: list[dict], warnings: list[dict]) -> list[dict]:
    """Items of a project report that named its project only later take that name; those of a report
    that names none are dropped (with a warning)."""
    kept: list[dict] = []
    for it in items:
        rep = it.pop("_report", None)
        if rep is not None:
            if rep["project"] is None:
                warnings.append({"field": "spending_items", "message": f"'{it['item']}' belongs to a project "
                                 "report that names no project; row dropped"})
                continue
            it["project"] = rep["project"]
        kept.append(it)
    return kept


def _named_projects(projects: list[dict], warnings: list[dict]) -> list[dict]:
    """Projects with a name; money no project is named for is dropped (with a warning)."""
    for p in [p for p in projects if not p.get("name")]:
        warnings.append({"field": "projects", "message": "a project report states money but names no project "
                         f"(budget {p.get('budget_full_year')}, executed {p.get('executed')}); row dropped"})
    return [p for p in projects if p.get("name")]


def _judge_indicators(indicators: list[dict]) -> None:
    """Each indicator's target and result parsed, and whether it was met; the older form's lone 成本指标
    (nothing under it) is its level2."""
    alone = vocabulary().level2_when_alone
    for i in indicators:
        if i.get("level2") is None and i.get("level1") in alone:
            i["level1"], i["level2"] = None, i["level1"]
        i["target_parsed"] = parse_value(i["target"])
        i["actual_parsed"] = parse_value(i["actual"])
        met = judge_met(i["target"], i["actual"], lower_is_better(i["name"], i.get("level1"), i.get("level2")))
        if met:
            i["met"] = met


def _keep_as_printed(as_printed: AsPrinted, unit: dict, reports: list[dict], projects: list[dict],
                     items: list[dict], indicators: list[dict]) -> None:
    """Text fields of a traditional-character copy in the characters it prints."""
    unit["name"] = as_printed(unit.get("name"))
    for rows, keys in ((reports, ("title", "project", "grade")), (projects, ("name",)), (items, ("project", "item")),
                       (indicators, ("project", "level1", "level2", "name", "target", "actual", "note"))):
        for r in rows:
            for k in keys:
                if isinstance(r.get(k), str):
                    r[k] = as_printed(r[k])


def _apply_forms(forms: list[fm.Form], kind: str, project: str | None, score: str | None, grade: str | None,
                 seg_projects: list[dict], seg_indicators: list[dict], items: list[dict], warnings: list[dict]
                 ) -> tuple[str | None, str | None, str | None]:
    """Merge what the vocabulary-driven form reader found into a segment's rows.

    The form reader works from the form's own header words, so where it reads more indicator rows
    than the older layout-specific parsers it replaces them; its money row fills a project the
    segment lacks, and its 总分 a score the prose did not state."""
    if not forms:
        return project, score, grade
    new_rows: list[dict] = []
    for f in forms:
        own = money.clean_project_name(f.project) if f.project else None
        if own and not validate.is_name(own):
            own = None  # a year or a number in the 项目名称 cell
        # (the title's words for the project less or more than the form's own 项目名称: the form's)
        printed_otherwise = project is not None and project != own and own is not None and (
            own.startswith(project) or project in (own + "资金", own + "经费", own + "项目"))
        if kind == "project_self_evaluation" and own and (project is None or not validate.is_name(project)
                                                          or printed_otherwise):
            project = own
        for r in f.indicators:
            row = {"project": None, **r}
            if own and kind != "project_self_evaluation":
                row["_own_project"] = own
            new_rows.append(row)
        name = own or (project if kind == "project_self_evaluation" else None)
        have = {(it.get("project"), it["item"]) for it in items}
        items.extend({"project": name, **it} for it in f.items if (name, it["item"]) not in have)
        mrow = fm.money_row(f)
        if mrow and name:
            same = [p for p in seg_projects if _project_key(p.get("name")) == _project_key(name)]
            if same:
                for k, v in mrow.items():
                    if same[0].get(k) is None and v is not None:
                        same[0][k] = v
            else:
                seg_projects.append({"name": name, **mrow, **({"provenance": f.money_provenance}
                                                                if f.money_provenance else {})})
        if score is None and f.score is not None and (kind == "project_self_evaluation" or not own):
            score = f.score
        if grade is None and f.grade is not None:
            grade = f.grade
        warnings.extend(f.warnings)
    # rows the older readers made count only when they name an indicator and state a value ('指' over
    # '标', or a '|' read as a target, is a header printed a character a line)
    old_valid = [r for r in seg_indicators if validate.is_indicator_name(r.get("name")) and len(r["name"]) >= 2
                 and any(re.search(r"\w", r.get(k) or "") for k in ("target", "actual"))]
    if len(new_rows) > len(old_valid):
        seg_indicators[:] = new_rows
    return project, score, grade


def _form_bundle(forms: list[fm.Form]) -> list[fm.Form]:
    """The forms from the first one on, when they name two or more different projects."""
    named = [f for f in forms if f.project]
    if len({_project_key(f.project) for f in named}) < 2:
        return []
    return forms[forms.index(named[0]):]


def _bundled_form(f: fm.Form) -> dict:
    """A form read from cells in the shape `_attach_forms` takes (as a flattened form's)."""
    m = f.money or {}
    return {"name": money.clean_project_name(f.project) if f.project else None,
            "budget": m.get("budget_full_year"), "executed": m.get("executed"),
            "budget_initial": m.get("budget_initial"), "execution_rate": m.get("execution_rate"),
            "provenance": f.money_provenance, "indicators": [{"project": None, **r} for r in f.indicators]}


OTHER_YEAR_RE = re.compile(r"^[^，。；]{0,12}?((?:19|20)\d\d)年")


def _this_years_items(items: list[dict], year: int | None, warnings: list[dict]) -> list[dict]:
    """Drop the items of a sentence about another year ('2021年的三公经费决算数合计为…，其中：会议费…'
    beside this year's own) when the same item is also stated for the report's year."""
    if year is None:
        return items

    def other_year(it: dict) -> bool:
        m = OTHER_YEAR_RE.match((it.get("provenance") or {}).get("raw_text") or "")
        return bool(m) and int(m.group(1)) != year

    this_years = {(it.get("project"), it["item"]) for it in items if not other_year(it)}
    kept = []
    for it in items:
        if other_year(it) and (it.get("project"), it["item"]) in this_years:
            warnings.append({"field": "spending_items", "message": f"'{it['item']}' {it['amount']} is stated for "
                             "another year than the report's; row dropped"})
            continue
        kept.append(it)
    return kept


def _labelled_project_name(lines: list[TextLine]) -> str | None:
    """'项目名称：X' printed as a line (PDF-flattened forms also print it as '名称项目X')."""
    prev = ""
    ends = tuple(prose_vocabulary()["report_titles"]["project_name_ends"])
    texts = [ln for ln in lines if ln.text]
    for k, ln in enumerate(texts):
        if ln.cell:
            prev = ""  # a table cell between the form's title and '（…）': that line is the cell's
            continue
        m = re.match(r"^(?:项目名称|名称项目)[:：]?\s*(\S.{1,40})$", ln.text)
        glued = GLUED_PROJECT_LABEL_RE.search(ln.text) if not m else None
        if glued:  # a form's head run into one line: '…项目名称: X 项目单位: Y…', X up to the next label
            value = fm.before_next_label(glued.group(1), vocabulary())
            if value != glued.group(1) and len(value) <= 40 and not re.search(r"\s", value):
                return money.clean_project_name(value)
        if m and len(re.findall(r"预算|执行|决算|结转|结余", m.group(1))) < 2:  # not a table's header line
            value = fm.before_next_label(m.group(1), vocabulary())
            nxt = texts[k + 1].text.strip() if k + 1 < len(texts) and not texts[k + 1].cell else ""
            if not value.endswith(ends) and re.fullmatch(r"[^：:，,。；;\s]{1,20}", nxt) and nxt.endswith(ends):
                value += nxt  # '项目名称：某某社区柿子园自然' / '村综合性活动场所建设项目': wrapped onto the next line
            return money.clean_project_name(value)
        # "…项目绩效目标自评表" followed by "（项目名）" — not a unit note such as "（万元）"
        m = re.fullmatch(r"[（(](.{2,40})[）)]", ln.text)
        if m and prev.endswith("自评表") and not re.fullmatch(r"(?:19|20)\d\d年度?", m.group(1)) \
                and not re.fullmatch(r"(?:金额)?(?:单位[:：])?(?:万元|元|亿元)", m.group(1)):
            return m.group(1)
        prev = ln.text
    for ln in lines:  # '…的批复，项目名称为X，…': the name a sentence gives
        m = PROSE_PROJECT_NAME_RE.search(ln.text) if ln.text and not ln.cell else None
        if m:
            return money.clean_project_name(re.sub(r"^(?:19|20)\d\d年度?", "", m.group(1)))
    return None


GLUED_PROJECT_LABEL_RE = re.compile(r"项目名称[:：]\s*(\S.{1,80})")
PROSE_PROJECT_NAME_RE = re.compile(r"项目名称(?:为|是)[“\"]?([^，,。；;、“”\"：:]{4,40}?)[”\"]?(?=[，,。；;]|$)")


def _without_unit(project: str, unit: dict) -> str:
    """A title that starts with the unit's name ('X县某局Y项目支出绩效自评报告'), or with that name less
    its jurisdiction or its 人民政府 ('某镇Y项目…' of 某县某镇人民政府), names the project after it."""
    names = {unit.get("name") or "", *(unit.get("aliases") or [])}
    for name in list(names):
        rest = name[known_divisions_prefix(name):]
        names.update(n for n in (rest, name.removesuffix("人民政府"), rest.removesuffix("人民政府")) if len(n) >= 3)
    for name in sorted(names, key=len, reverse=True):
        if name and project.startswith(name) and len(project) - len(name) >= 2:
            return re.sub(r"^(?:(?:19|20)\d\d年度?)", "", project[len(name):])
    # a jurisdiction and the year before the project ('某某区2019年度农村道路养护资金')
    m = REGION_YEAR_PREFIX_RE.match(project)
    if m and len(project) - m.end() >= 4:
        return project[m.end():]
    return project


# a report segment with less text than this outside its forms is the forms themselves
FORMS_ONLY_CHARS = 200
REGION_YEAR_PREFIX_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}?[省市县区州盟旗](?:19|20)\d\d年度?")


# words that end the phrase before a name ('对X', '下达X', 'X的'): a name's extension does not cross them
NOT_IN_A_NAME_EXTENSION = re.compile(r".*(?:对|的|在|为|将|了|和|及|与|是|把|按|由|向|从|给|下达|安排|用于|开展|实施|进行|"
                                     r"本|我|该|全|年度|年|情况|概况)")  # '…基本情况' / '…资金情况': a heading's end
NAME_END_RE = re.compile(r".*(?:资金|经费|补贴|补助|项目|工程)")


def _as_the_body_writes(project: str, text: str, title: str | None = None) -> str:
    """A title's short name ('（渔业保险保费）') as every sentence of the body writes it, longer on both
    sides ('政策性渔业保险保费补贴转移支付'): the words all its body mentions share, up to a fund's ending."""
    flat = "\n".join(squash(ln) for ln in text.splitlines())  # a name's words never cross a line
    if title:
        flat = flat.replace(squash(title), "")  # the body's words, not the title's
    lefts, rights = [], []
    for m in re.finditer(re.escape(project), flat):
        before, after = flat[max(0, m.start() - 8): m.start()], flat[m.end(): m.end() + 12]
        if before[-1:] in "（(“\"《" or after[:1] in "）)”\"》":
            continue  # the title itself, bracketed or quoted where the page prints it again
        lefts.append(re.search(r"[\u4e00-\u9fff]*$", before).group(0))
        # a bracketed qualifier the body always prints after the name ('…救灾资金（水利部分）') is part of it
        rights.append(re.match(r"(?:[（(][\u4e00-\u9fff]{1,8}[）)])?[\u4e00-\u9fff]*", after).group(0))
    if len(lefts) < 2:
        return project
    left = os.path.commonprefix([x[::-1] for x in lefts])[::-1]
    right = os.path.commonprefix(rights)
    left = NOT_IN_A_NAME_EXTENSION.sub("", left)
    left = left[known_divisions_prefix(left):]
    if len(left) < 2 or left[0] in "省市县区州盟旗镇乡村":
        left = ""  # the tail of a place's name cut at a character that is also a word ('无为市')
    qualifier = re.match(r"[（(][\u4e00-\u9fff]{1,8}[）)]", right)
    end = NAME_END_RE.match(right)
    right = end.group(0) if end else (qualifier.group(0) if qualifier else "")
    return left + project + right if left or right else project


def _body_form(project: str, text: str, title: str | None = None) -> str:
    """The title's project name as the body writes it: '基层党组织建设' → '基层党组织建设经费'."""
    longer = _as_the_body_writes(project, text, title)
    if longer != project:
        return longer
    if project.endswith(("费", "资金")):
        return project  # '某某工作经费' is whole; '…经费资金16.2万元' is the body's wording, not the name
    flat = squash(text)
    forms = re.findall(re.escape(project) + r"(经费|专项资金|资金)(?![\d，,])", flat)
    if forms:
        suffix = max(set(forms), key=forms.count)
        return project + suffix
    return project


def _null_warnings(reports: list[dict], projects: list[dict], indicators: list[dict],
                   totals: dict | None) -> list[dict]:
    """Say what was left null, so a reader knows a gap is the report's, not a lost value."""
    out: list[dict] = []
    for i, r in enumerate(reports):
        if r["score"] is None and r["kind"] != "final_accounts":
            out.append({"field": f"reports[{i}].score", "message": "no self-evaluation score (自评得分) printed"})
        if r["kind"] == "project_self_evaluation" and r["project"] is None:
            out.append({"field": f"reports[{i}].project", "message": "the report names no project and no form "
                        "or listed project matches its money"})
    for i, p in enumerate(projects):
        missing = [k for k in ("budget_full_year", "executed") if p.get(k) is None]
        if missing:
            out.append({"field": f"projects[{i}]", "message": f"'{p['name']}': {', '.join(missing)} not printed"})
    n_no_actual = sum(1 for i in indicators if i["target"] is not None and i["actual"] is None)
    if n_no_actual:
        out.append({"field": "indicators.actual", "message": f"{n_no_actual} indicator(s) state a target but no "
                    "achieved value"})
    if totals is None and any(r["kind"] != "project_self_evaluation" for r in reports):
        out.append({"field": "department_totals", "message": "a department/final-accounts report states no totals"})
    return out


def _project_key(name: str | None) -> str:
    s = re.sub(r"^(?:19|20)\d\d年(?:度)?", "", squash(name or ""))
    s = re.sub(r"[()（）\"'“”《》]", "", s)
    for suffix in ("项目", "经费", "专项资金", "资金"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
    return s


def _name_by_money(projects: list[dict]) -> None:
    """A project report that names no project takes the name of the one listed project (in a department
    table) with exactly the same full-year budget and execution."""
    for p in projects:
        if p.get("name") or p.get("budget_full_year") is None or p.get("executed") is None:
            continue
        same = [q for q in projects if q.get("name") and dec(q.get("budget_full_year")) == dec(p["budget_full_year"])
                and dec(q.get("executed")) == dec(p["executed"])]
        if len(same) == 1:
            p["name"] = same[0]["name"]
            if p.get("_report") is not None:
                p["_report"]["project"] = p["name"]


def _merge_projects(projects: list[dict]) -> list[dict]:
    """One row per project: a project listed in a department table and reported on again is merged,
    the first statement of each figure kept and the later ones filling only what it left out."""
    out: list[dict] = []
    by_key: dict[str, dict] = {}
    for p in projects:
        key = _project_key(p.get("name"))
        if key and key in by_key:
            first = by_key[key]
            for k, v in p.items():
                if k != "provenance" and first.get(k) is None and v is not None:
                    first[k] = v
            continue
        if key:
            by_key[key] = p
        out.append(p)
    return out


def _close(a: str | None, b: str | None) -> bool:
    x, y = dec(a), dec(b)
    if x is None or y is None:
        return False
    return abs(x - y) <= max(Decimal("0.5"), abs(x) * Decimal("0.01"))


def _attach_forms(forms: list[dict], reports: list[dict], projects: list[dict], items: list[dict],
                  indicators: list[dict], warnings: list[dict]) -> None:
    """A flattened self-evaluation form belongs to the project report with the same budget/execution."""
    for f in forms:
        match = None
        cands = [p for p in projects if dec(p.get("budget_full_year")) is not None and f["budget"] is not None
                 and dec(p["budget_full_year"]) == dec(f["budget"]) and _close(p.get("executed"), f["executed"])]
        if cands:
            match = min(cands, key=lambda p: abs(dec(p["executed"]) - dec(f["executed"])))
        name = f["name"] or (match["name"] if match else None)
        if match and f["name"] and f["name"] != match["name"]:
            old = match["name"]
            match["name"] = f["name"]
            for r in reports:
                if r["project"] == old and old is not None:
                    r["project"] = f["name"]
            if old is None and match.get("_report") is not None:
                match["_report"]["project"] = f["name"]
            for it in items:
                if old is not None and it["project"] == old:
                    it["project"] = f["name"]
        elif match is None and f["name"]:
            # a report without a project name whose money matches? attach to the first unnamed one
            unnamed = [r for r in reports if r["kind"] == "project_self_evaluation" and r["project"] is None]
            if unnamed:
                unnamed[0]["project"] = f["name"]
            row = {"name": f["name"], "budget_initial": f.get("budget_initial"), "budget_full_year": f["budget"],
                   "executed": f["executed"], "execution_rate": f.get("execution_rate"), "carryover": None}
            if f.get("provenance"):
                row["provenance"] = f["provenance"]
            projects.append(row)
        if match:
            for k in ("budget_initial", "execution_rate"):  # what the form states beyond the matched figures
                if match.get(k) is None and f.get(k) is not None:
                    match[k] = f[k]
        for i in f["indicators"]:
            i["project"] = name
            indicators.append(i)


def extract_file(path: str | Path) -> dict:
    """Read and extract one file; the result carries the file's hash, format and extractor version."""
    from ingest.readers import read_document

    doc = read_document(path)
    result = extract_document(doc)
    if doc.ocr:  # a scan: figures traced to the OCR lines, doubtful ones emptied
        ocr_confidence.apply(result, doc.ocr)
        result["ocr"] = ocr_confidence.summary(doc.ocr)
        result["warnings"] = [{"field": "document", "message": w} for w in doc.warnings
                              if w.startswith("pages read by OCR")] + result.get("warnings", [])
    out = {"source_file": doc.source_name, "sha256": doc.sha256, "format": doc.format,
           "extractor_version": EXTRACTOR_VERSION}
    out.update({k: v for k, v in result.items() if k != "source_file"})
    return out


def summarize(extraction: dict) -> str:
    """A short human-readable account of an Extraction."""
    u = extraction.get("unit") or {}
    lines = [f"{extraction.get('source_file')}: {u.get('name') or '(unit unknown)'} "
             f"[{u.get('region_code') or '?'} {u.get('province') or ''}{u.get('prefecture') or ''}{u.get('county') or ''}] "
             f"fiscal year {extraction.get('fiscal_year')}"]
    for r in extraction.get("reports", []):
        lines.append(f"  report {r['kind']}: {r.get('title') or '(untitled)'}"
                     f"{' — ' + r['project'] if r.get('project') else ''}"
                     f"{' score ' + r['score'] if r.get('score') else ''}{' grade ' + r['grade'] if r.get('grade') else ''}")
    for p in extraction.get("projects", []):
        lines.append(f"  project {p['name']}: budget {p.get('budget_full_year')} executed {p.get('executed')} 万元")
    lines.append(f"  {len(extraction.get('spending_items', []))} spending items, "
                 f"{len(extraction.get('indicators', []))} indicators")
    if extraction.get("department_totals"):
        t = extraction["department_totals"]
        lines.append("  totals: " + ", ".join(f"{k}={v}" for k, v in t.items() if v is not None))
    for w in extraction.get("warnings", []):
        lines.append(f"  warning {w['field']}: {w['message']}")
    return "\n".join(lines)
