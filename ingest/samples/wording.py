"""Small helpers for writing Chinese report prose: section numbers, dates, joined lists."""

from __future__ import annotations

import random

from ingest.samples.layout import Block, Heading

_CN = "零一二三四五六七八九十"


def cn_num(n: int) -> str:
    """1 → 一, 12 → 十二 (section numbers up to 99)."""
    if n <= 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")


def section(n: int, style: str = "cn") -> str:
    """A first-level section number: 一、 / 1、 / 第一部分 style chosen by the report."""
    if style == "arabic":
        return f"{n}、"
    return f"{cn_num(n)}、"


def numbered_section(blocks: list[Block], n: int, style: str = "cn") -> list[Block]:
    """A section (its heading first) with the heading numbered `n`: sections are written unnumbered
    so that a report can shuffle their order before numbering."""
    head, *body = blocks
    if not isinstance(head, Heading):
        raise TypeError(f"a section must start with its Heading, not {head!r}")
    return [Heading(section(n, style) + head.text, head.level), *body]


def sub(n: int) -> str:
    return f"（{cn_num(n)}）"


def written_date(rng: random.Random, fiscal_year: int) -> str:
    """The date a report for `fiscal_year` was signed: spring of the following year."""
    return f"{fiscal_year + 1}年{rng.randint(2, 6)}月{rng.randint(1, 28)}日"


def pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)
