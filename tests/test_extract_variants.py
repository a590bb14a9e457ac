"""Variants of real reports: another unit in another province, other numbers, other years, sections
reordered. The expected extraction is derived from the substitutions, not copied from a label."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.document import Block, Document
from ingest.extract import extract_document

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reports"
pytestmark = pytest.mark.skipif(not REPORTS.exists(), reason="shared corpus not present")


def report(stem: str) -> str:
    return next(REPORTS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def doc(text: str) -> Document:
    return Document("variant.txt", "txt", "0" * 64, [Block("paragraph", text)])


def substitute(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_project_report_for_a_finance_bureau_in_guangdong() -> None:
    """000 rewritten: 恩平市财政局 (广东 江门 440785), year +1, new amounts, sections 三/四 swapped."""
    text = report("000")
    items = {"办公费": ("3.21", "4.10"), "印刷费": ("11.02", "13.30"), "差旅费": ("7.08", "9.60"),
             "会议费": ("2.69", "4.50")}
    total_old, total_new = "24.00", str(sum(Decimal(n) for _, n in items.values()))
    text = substitute(text, [("中共桃江县委组织部", "恩平市财政局"), ("桃江县", "恩平市"),
                             ("湖南", "广东"), ("2023年3月", "2024年3月"), ("2022", "2023"),
                             ("自评结果为97分", "自评结果为93分")])
    text = text.replace(total_old, total_new)
    for item, (old, new) in items.items():
        text = substitute(text, [(f"{item}{old}", f"{item}{new}")])
    # swap sections 三 and 四
    s3, s4, s5 = text.index("三、项目组织实施情况分析"), text.index("四、项目绩效情况分析"), text.index("五、绩效评价工作开展情况")
    text = text[:s3] + text[s4:s5] + text[s3:s4] + text[s5:]

    e = extract_document(doc(text))
    assert e["unit"]["name"] == "恩平市财政局"
    assert (e["unit"]["region_code"], e["unit"]["province"], e["unit"]["prefecture"]) == ("440785", "广东省", "江门市")
    assert e["fiscal_year"] == 2023
    assert e["reports"][0]["score"] == "93"
    (p,) = e["projects"]
    assert Decimal(p["executed"]) == Decimal(total_new) == Decimal(p["budget_full_year"])
    assert {i["item"]: i["amount"] for i in e["spending_items"]} == {k: n for k, (_, n) in items.items()}


def test_implied_unit_with_another_city_and_department() -> None:
    """002 rewritten: 市委组织部 → 市教育局, 益阳 → 韶关 (440200); money and the deducted score changed."""
    text = report("002")
    text = substitute(text, [("市委组织部", "市教育局"), ("益阳", "韶关"), ("2021", "2020"),
                             ("200万元", "260万元"), ("拨付160万元", "拨付210万元"), ("工作经费为40万元", "工作经费为50万元"),
                             ("综合得分为99分", "综合得分为98分")])
    text = re.sub(r"(\t[　 ]*)200([　 ]*\n)", r"\g<1>260\2", text)  # the money cells of the form
    text = text.replace("\t10分\n\t9分\n", "\t10分\n\t8分\n")
    e = extract_document(doc(text))
    assert e["unit"]["name"] == "韶关市教育局" and e["unit"]["region_code"] == "440200"
    assert e["fiscal_year"] == 2020
    (p,) = e["projects"]
    assert (p["budget_initial"], p["budget_full_year"], p["executed"], p["carryover"]) == ("260", "260", "260", "0")
    assert e["reports"][0]["score"] == "98" and e["reports"][0]["grade"] == "优秀"
    assert {i["amount"] for i in e["spending_items"]} == {"210", "50"}
    scored = [i for i in e["indicators"] if i["score"] != i["weight"]]
    assert len(scored) == 1 and scored[0]["score"] == "8"


def test_bundle_with_project_reports_reversed_and_another_region() -> None:
    """004 rewritten: 广东 韶关 武江区 (440203); the fifteen project reports in reverse order."""
    text = report("004")
    text = substitute(text, [("广元市利州区", "韶关市武江区"), ("利州", "武江"), ("广元", "韶关"), ("四川", "广东"),
                             ("305301", "406601")])
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("2021年城市社区党建及城乡综合治理项目绩效自评报告"))
    forms = next(i for i, ln in enumerate(lines) if ln.strip().startswith("实施单位"))
    starts = [i for i in range(start, forms) if re.match(r"^\s*(2021年.*)?项目(支出)?绩效自评报告$|^2021年.*费$", lines[i])
              and not lines[i - 1].startswith("2021年")]
    chunks = [lines[a:b] for a, b in zip(starts, starts[1:] + [forms], strict=True)]
    assert len(chunks) == 15
    text = "\n".join(lines[:start] + [ln for c in reversed(chunks) for ln in c] + lines[forms:])

    e = extract_document(doc(text))
    assert e["unit"]["name"] == "中共韶关市武江区委组织部" and e["unit"]["region_code"] == "440203"
    assert e["unit"]["unit_code"] == "406601"
    kinds = [r["kind"] for r in e["reports"]]
    assert kinds.count("project_self_evaluation") == 15 and kinds[:2] == ["final_accounts", "department_self_evaluation"]
    by_name = {p["name"]: p for p in e["projects"]}
    # the forms still find their reports by money, wherever the reports stand
    assert by_name["乡村振兴衔接资金"]["executed"] == "95"
    assert by_name["“两新”组织党建"]["executed"] == "106.09"
    assert len({i["project"] for i in e["indicators"]}) == 3


def test_project_form_appended_to_a_department_report() -> None:
    """001 (department report, prose indicators) followed by 002's project self-evaluation form."""
    dept = report("001")
    form = "\n".join(report("002").split("\n")[29:226])
    e = extract_document(doc(dept + "\n" + form))
    assert [r["kind"] for r in e["reports"]] == ["department_self_evaluation"]
    assert e["reports"][0]["score"] == "100"  # the form's 总分 is the project's, not the department's
    by_project: dict[str | None, int] = {}
    for i in e["indicators"]:
        by_project[i["project"]] = by_project.get(i["project"], 0) + 1
    assert by_project == {None: 33, "城市基层党建工作经费": 10}
    names = [p["name"] for p in e["projects"]]
    assert "城市基层党建工作经费" in names and len(names) == 7
