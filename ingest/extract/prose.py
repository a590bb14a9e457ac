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


def _cue_re(cues: list[str]) -> re.Pattern[str]:
    v = _vocab()
    alts = "|".join(re.escape(_quote_free(c)) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?:{alts}){v['linking']}[:：]?{AMOUNT}")


def _this_year(text: str, start: int) -> bool:
    before = text[max(0, start - 4): start]
    return not any(w in before for w in _vocab()["not_this_year"])


def first_amount(text: str, cues: list[str]) -> str | None:
    """The amount (万元) after the first cue, in the vocabulary's order, that states this year's figure."""
    for cue in cues:
        for m in _cue_re([cue]).finditer(text):
            if _this_year(text, m.start()):
                return to_wan(m.group(1), m.group(2))
    return None


def totals_from_prose(text: str) -> dict[str, str | None]:
    """Every department total the cue vocabulary finds (None where none is printed)."""
    t = _quote_free(squash(text))
    return {field: first_amount(t, cues) for field, cues in _vocab()["totals"].items()}


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
