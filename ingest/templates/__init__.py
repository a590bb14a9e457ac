"""Knowledge of the forms and their wordings, kept as data (`forms.yaml`) and compiled once.

Code never spells a form's header words; it asks this module which logical field a printed cell
names. A province's variant of the 绩效自评表 is supported by adding its words to the YAML file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FORMS_YAML = Path(__file__).with_name("forms.yaml")
_BRACKETED = re.compile(r"[（(][^（）()]{0,12}[）)]")


def norm_cell(text: str) -> str:
    """A cell as vocabulary sees it: NFKC, no whitespace, no bracketed note ('（万元）', '（A）'), no
    trailing colon or numbering."""
    s = unicodedata.normalize("NFKC", text or "")
    s = re.sub(r"\s+", "", s)
    s = _BRACKETED.sub("", s)
    s = re.sub(r"^[0-9一二三四五六七八九十]+[、.．]", "", s)
    return s.rstrip(":：")


PATTERN_HEADER_CHARS = 24
"""A header cell longer than this is text, not a column's name, whatever it matches."""



CODED_COMPARATOR_RE = re.compile(r"\d{2,4}(\D{1,6})")

@dataclass(frozen=True)
class Block:
    """One logical table of a form: its columns' header synonyms and the kind of each column."""

    synonyms: dict[str, tuple[str, ...]]
    kinds: dict[str, str]
    _lookup: dict[str, str]
    fragments: dict[str, str]
    tails: frozenset[str]
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()

    def field_of(self, cell: str) -> str | None:
        """The logical column a header cell names, or None: a listed synonym, else a short cell that
        matches one of the block's header patterns ('未完成原因及拟采取的改进措施' is a note column)."""
        n = norm_cell(cell)
        found = self._lookup.get(n)
        if found is None and 2 <= len(n) <= PATTERN_HEADER_CHARS:
            found = next((fld for rx, fld in self.patterns if rx.fullmatch(n)), None)
        return found


@dataclass(frozen=True)
class Vocabulary:
    """The compiled contents of forms.yaml."""

    money: Block
    indicators: Block
    total_rows: frozenset[str]
    part_rows: tuple[str, ...]
    end_rows: frozenset[str]
    level1: frozenset[str]
    level2: frozenset[str]
    level2_stems: tuple[str, ...]
    level2_when_alone: frozenset[str]
    not_budget_units: dict[str, tuple[str, ...]]
    head: dict[str, tuple[str, ...]]
    titles: tuple[str, ...]
    comparators: dict[str, str]
    head_money: dict[str, str]
    blank_notes: frozenset[str]
    item_labels: frozenset[str]
    amount_labels: frozenset[str]
    block_labels: frozenset[str] = frozenset()
    glued: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def head_field(self, cell: str) -> str | None:
        n = norm_cell(cell)
        for fld, words in self.head.items():
            if n in words:
                return fld
        return None

    def level_of(self, cell: str) -> tuple[str | None, str | None]:
        """(level1 name, level2 name) the cell can be; a level printed with its points ('产出指标(50分)')
        is the level itself."""
        n = norm_cell(cell)
        n = re.sub(r"\d+(?:\.\d+)?分?$", "", n)
        l1 = n if n in self.level1 else None
        l2 = n if n in self.level2 else None
        if l1 is None and l2 is None and re.fullmatch(r"[\u4e00-\u9fff]{2,8}指标", n) \
                and any(stem in n for stem in self.level2_stems):
            l2 = n
        return l1, l2

    def comparator(self, cell: str) -> str | None:
        n = norm_cell(cell)
        coded = CODED_COMPARATOR_RE.fullmatch(n)  # '004 >=': a budget system's code printed before the sign
        return self.comparators.get(n) or (self.comparators.get(coded.group(1)) if coded else None)


def _block(raw: dict[str, Any]) -> Block:
    synonyms = {k: tuple(v) for k, v in raw["columns"].items()}
    lookup: dict[str, str] = {}
    for fld, words in synonyms.items():
        for w in words:
            lookup.setdefault(norm_cell(w), fld)
    patterns = tuple((re.compile(p), fld) for fld, ps in (raw.get("column_patterns") or {}).items() for p in ps)
    return Block(synonyms, dict(raw["kinds"]), lookup, {norm_cell(k): v for k, v in raw.get("fragments", {}).items()},
                 frozenset(norm_cell(t) for t in raw.get("tails", ())), patterns)


def compile_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    """Build matchers from the YAML structure (also used by tests to add a made-up variant)."""
    comps: dict[str, str] = {}
    for symbol, words in raw["comparators"].items():
        for w in words:
            comps[norm_cell(str(w))] = symbol
    return Vocabulary(
        money=_block(raw["money"]),
        indicators=_block(raw["indicators"]),
        total_rows=frozenset(norm_cell(w) for w in raw["money"]["total_rows"]),
        part_rows=tuple(raw["money"]["part_rows"]),
        end_rows=frozenset(norm_cell(w) for w in raw["indicators"]["end_rows"]),
        level1=frozenset(raw["levels"]["level1"]),
        level2=frozenset(raw["levels"]["level2"]),
        level2_stems=tuple(raw.get("level2_stems", ())),
        level2_when_alone=frozenset(raw.get("level2_when_alone", ())),
        not_budget_units={k: tuple(v) for k, v in raw.get("not_budget_units", {"contractors": [], "internal": []}).items()},
        head={k: tuple(norm_cell(w) for w in v) for k, v in raw["head"].items()},
        titles=tuple(raw["titles"]),
        comparators=comps,
        blank_notes=frozenset(raw.get("blank_notes", ())),
        head_money={norm_cell(w): f for f, words in raw.get("head_money", {}).items() for w in words},
        item_labels=frozenset(norm_cell(w) for w in raw.get("item_table", {}).get("item", ())),
        amount_labels=frozenset(norm_cell(w) for w in raw.get("item_table", {}).get("amount", ())),
        block_labels=frozenset(norm_cell(w) for w in raw.get("block_labels", ())),
        glued=dict(raw.get("glued", {})),
    )


def load_raw(path: Path = FORMS_YAML) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


PROSE_YAML = Path(__file__).with_name("prose.yaml")


@cache
def prose_vocabulary() -> dict[str, Any]:
    """The cue words of sentences and titles (prose.yaml), as loaded."""
    return load_raw(PROSE_YAML)


@cache
def vocabulary() -> Vocabulary:
    """The project's vocabulary (forms.yaml), compiled once per process."""
    return compile_vocabulary(load_raw())
