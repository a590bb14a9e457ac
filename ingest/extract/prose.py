"""Department totals and “三公”经费 items read from sentences, by the cue words of prose.yaml.

A cue ('本年收入合计', '公务接待费') is followed by linking words and an amount in 元, 万元 or 亿元. An
amount whose cue is preceded by 上年 / 比 / 较 … is a comparison, not this year's figure, and is
skipped, so a statement that prints last year beside this year yields this year's value.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ingest.extract.text import TextLine, squash
from ingest.values import NUM, to_wan

PROSE_YAML = Path(__file__).resolve().parents[1] / "templates" / "prose.yaml"
AMOUNT = rf"({NUM})(亿元|万元|元)"


def _quote_free(text: str) -> str:
    """'“三公”经费' and '三公经费' are one cue: quotes are dropped before matching."""
    return re.sub(r"[“”\"'‘’]", "", text)


@cache
def _vocab() -> dict[str, Any]:
    with open(PROSE_YAML, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _cue_re(cues: list[str], literal: bool = True) -> re.Pattern[str]:
    v = _vocab()
    alts = "|".join(re.escape(_quote_free(c)) if literal else _quote_free(c)
                    for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?:{alts}){v['linking']}[:：]?{AMOUNT}")


def _about_other_subject(text: str, start: int) -> bool:
    """Is the sentence before this point about a 三公 item rather than the whole unit?"""
    sentence = text[text.rfind("。", 0, start) + 1: start]
    return any(w in sentence for w in _vocab()["other_subjects"])


def _this_year(text: str, start: int) -> bool:
    before = text[max(0, start - 4): start]
    return not any(w in before for w in _vocab()["not_this_year"])


def first_amount(text: str, cues: list[str], whole_unit: bool = True) -> str | None:
    """The amount (万元) after the first cue, in the vocabulary's order, that states this year's figure
    (and, for a whole-unit total, not in a sentence about a 三公 item)."""
    for cue in cues:
        for m in _cue_re([cue], literal=False).finditer(text):
            if _this_year(text, m.start()) and not (whole_unit and _about_other_subject(text, m.start())):
                return to_wan(m.group(1), m.group(2))
    return None


def totals_from_prose(text: str) -> dict[str, str | None]:
    """Every department total the cue vocabulary finds (None where none is printed)."""
    t = _quote_free(squash(text))
    return {field: first_amount(t, cues, whole_unit=field != "three_public_expenses")
            for field, cues in _vocab()["totals"].items()}


def three_public_items(paras: list[tuple[str, TextLine]]) -> list[dict]:
    """因公出国(境)费 / 公务用车… / 公务接待费 as spending items of the whole unit, this year's amount."""
    out: list[dict] = []
    seen: set[str] = set()
    for text, ln in paras:
        t = _quote_free(squash(text))
        if "三公" not in t and not any(n in t for names in _vocab()["three_public_items"] for n in names):
            continue
        for names in _vocab()["three_public_items"]:
            if names[0] in seen:
                continue
            for m in _cue_re(names).finditer(t):
                if not _this_year(t, m.start()):
                    continue
                printed = re.match("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), t[m.start():])
                out.append({"project": None, "item": printed.group(0) if printed else names[0],
                            "amount": to_wan(m.group(1), m.group(2)), "provenance": ln.provenance(text)})
                seen.add(names[0])
                break
    return out


def project_money_fallback(text: str) -> dict[str, str | None]:
    """A project's budget and spending from the fallback cues (a budget '下达…1785万元')."""
    t = _quote_free(squash(text))
    out: dict[str, str | None] = {}
    for field, cues in _vocab()["project_money_fallback"].items():
        out[field] = None
        for cue in cues:
            m = re.search(rf"{cue}{AMOUNT}", t)
            if m and _this_year(t, m.start()):
                out[field] = to_wan(m.group(1), m.group(2))
                break
    return out
