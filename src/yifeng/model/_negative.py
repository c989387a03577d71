"""负面清单: the negative list of problem types, grouped by 整治行动 (area)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import attrs

from yifeng import lexicon
from yifeng._text import cn_to_int, halfwidth_digits, int_to_cn, lazy_compile, squeeze
from yifeng.errors import ParseError
from yifeng.model._check import fail, not_blank, positive, text_fields
from yifeng.model._records import Column, Records, joined
from yifeng.model._responsibility import Responsibility

# In each area the list is item 2 (1.整治范围 2.负面清单 3.责任单位), hence the "2." in refs.
_LIST_POSITION: Final = 2
_REF: Final = lazy_compile(
    rf"[（(]?(?P<area>[{lexicon.CN_NUMERAL}]+|\d+)[）)、]?"
    r"(?:\d+[.．、])?"
    r"[（(]?(?P<item>\d+)[）)]?"
)


def parse_negative_list_ref(text: str) -> tuple[int, int]:
    """(area, item) from a reference like "（二）2.（3）", "(二)(3)" or "2-3".

    >>> parse_negative_list_ref("（二）2.（3）")
    (2, 3)
    """
    compact = squeeze(halfwidth_digits(text)).replace("-", "、").replace("—", "、")
    match = _REF.fullmatch(compact)
    if match is None:
        raise ParseError(f"无法识别的负面清单条目：{text!r}（应形如 （二）2.（3））", text)
    area, item = cn_to_int(match["area"]), int(match["item"])
    if not (1 <= area <= 99 and item >= 1):  # （〇）, （一百）, (0): no item is numbered so
        raise ParseError(f"无法识别的负面清单条目：{text!r}（方面应为一至九十九，条目从 1 起）", text)
    return area, item


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class NegativeListItem:
    """One 负面清单 item, addressable as "（二）2.（3）"."""

    area: int = attrs.field(validator=positive)
    number: int = attrs.field(validator=positive)
    text: str = attrs.field(validator=not_blank)

    @property
    def ref(self) -> str:
        return f"（{int_to_cn(self.area)}）{_LIST_POSITION}.（{self.number}）"


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class NegativeListArea:
    """A 整治行动: its scope (整治范围), focus, items and responsible units."""

    number: int = attrs.field(validator=positive)
    title: str = attrs.field(validator=not_blank)
    scope: str = ""
    focus: str = ""
    items: tuple[NegativeListItem, ...] = ()
    responsibility: Responsibility = Responsibility()

    def __attrs_post_init__(self) -> None:
        for item in self.items:
            if item.area != self.number:
                raise fail(self, "items", f"条目 {item.ref} 不属于第 {self.number} 项整治行动")
        numbers = [item.number for item in self.items]
        if len(set(numbers)) != len(numbers):
            raise fail(self, "items", "条目编号重复")

    @property
    def label(self) -> str:
        return f"（{int_to_cn(self.number)}）"


class NegativeList(Records[NegativeListArea]):
    """A 负面清单: its 整治行动 (areas) in order, shown as one table of items.

    ``rows()`` and ``to_frame()`` give one row per item, the area first."""

    item_type = NegativeListArea
    noun = "方面"

    def header(self) -> str:
        return f"{len(self)} 方面 {sum(len(a.items) for a in self)} 项"

    @property
    def items(self) -> tuple[NegativeListItem, ...]:
        """Every item of every area, in order."""
        return tuple(item for area in self for item in area.items)

    def item(self, ref: str) -> NegativeListItem | None:
        """The item a reference like "（二）2.（3）" points at, or None."""
        area, number = parse_negative_list_ref(ref)
        return next((i for i in self.items if (i.area, i.number) == (area, number)), None)

    def _flat(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        """One row per item (an area with none, one row of its own), the area first."""
        return _ITEM_COLUMNS, [(a, i) for a in self for i in (a.items or (None,))]


_ITEM_COLUMNS: Final[tuple[Column[tuple[NegativeListArea, NegativeListItem | None]], ...]] = (
    Column("area", "整治行动", lambda p: f"{p[0].label}{p[0].title}"),
    Column("ref", "条目", lambda p: p[1].ref if p[1] else ""),
    Column("text", "内容", lambda p: p[1].text if p[1] else "", "long"),
    Column("responsible", "责任单位", lambda p: joined(p[0].responsibility.units), "list"),
)
