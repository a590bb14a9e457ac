"""A small table of real places (GB/T 2260 codes) for the sample corpus, and how units there are named.

This is sample data, not extractor logic: the generator picks a place and a department and writes
the unit's full name the way local governments print it (中共桃江县委组织部, 浏阳市教育局 …).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """One jurisdiction: `code` is its six-digit division code; `county` is None for a prefecture."""

    code: str
    province: str
    prefecture: str
    county: str | None

    @property
    def level(self) -> str:
        return "county" if self.county else "prefecture"

    @property
    def short(self) -> str:
        """The name the place goes by locally (桃江县, 益阳市)."""
        return self.county or self.prefecture

    @property
    def tier(self) -> str:
        """县 / 区 / 市: the word a unit uses for its own jurisdiction (县委组织部, 区财政局)."""
        name = self.short
        if self.county is None:
            return "市"
        return name[-1] if name[-1] in "县区市" else "县"

    @property
    def formal(self) -> str:
        """The place as it prefixes a unit's full name: districts carry their city (广元市利州区)."""
        if self.county is None:
            return self.prefecture
        if self.county.endswith("区"):
            return self.prefecture + self.county
        return self.county


PLACES: tuple[Place, ...] = (
    Place("430922", "湖南省", "益阳市", "桃江县"),
    Place("430923", "湖南省", "益阳市", "安化县"),
    Place("430900", "湖南省", "益阳市", None),
    Place("430725", "湖南省", "常德市", "桃源县"),
    Place("430721", "湖南省", "常德市", "安乡县"),
    Place("430781", "湖南省", "常德市", "津市市"),
    Place("430181", "湖南省", "长沙市", "浏阳市"),
    Place("430121", "湖南省", "长沙市", "长沙县"),
    Place("430104", "湖南省", "长沙市", "岳麓区"),
    Place("430621", "湖南省", "岳阳市", "岳阳县"),
    Place("430681", "湖南省", "岳阳市", "汨罗市"),
    Place("431102", "湖南省", "永州市", "零陵区"),
    Place("510802", "四川省", "广元市", "利州区"),
    Place("510821", "四川省", "广元市", "旺苍县"),
    Place("510824", "四川省", "广元市", "苍溪县"),
    Place("510112", "四川省", "成都市", "龙泉驿区"),
    Place("511321", "四川省", "南充市", "南部县"),
    Place("511300", "四川省", "南充市", None),
    Place("360731", "江西省", "赣州市", "于都县"),
    Place("360781", "江西省", "赣州市", "瑞金市"),
    Place("410122", "河南省", "郑州市", "中牟县"),
    Place("410181", "河南省", "郑州市", "巩义市"),
    Place("330681", "浙江省", "绍兴市", "诸暨市"),
    Place("420106", "湖北省", "武汉市", "武昌区"),
    Place("421087", "湖北省", "荆州市", "松滋市"),
    Place("370281", "山东省", "青岛市", "胶州市"),
    Place("340121", "安徽省", "合肥市", "长丰县"),
    Place("530181", "云南省", "昆明市", "安宁市"),
    Place("520181", "贵州省", "贵阳市", "清镇市"),
    Place("430100", "湖南省", "长沙市", None),
    Place("430700", "湖南省", "常德市", None),
    Place("510800", "四川省", "广元市", None),
    Place("360700", "江西省", "赣州市", None),
)

_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code(region_code: str, org_digits: str, kind: str = "11") -> str:
    """A well-formed 统一社会信用代码 (GB 32100): kind + region + 9-char org code + check character.

    `org_digits` are eight digits; the organization code's own check character (GB 11714) and
    the final one are computed, so the result passes the standard checksum tests."""
    s = sum(int(c) * w for c, w in zip(org_digits, _ORG_WEIGHTS, strict=True))
    c9 = 11 - s % 11
    org = org_digits + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    body = kind + region_code + org
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return body + _CREDIT_ALPHABET[(31 - total % 31) % 31]
