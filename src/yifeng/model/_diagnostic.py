"""Problems found in input, as data (after frictionless's error reports)."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Final, Self

import attrs

from yifeng.model._check import fail, matches, not_blank, positive, text_fields
from yifeng.model._records import Column, Records


class Severity(enum.Enum):
    """How bad a :class:`Diagnostic` is: an ERROR means a value was not understood."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告"}[self.value]


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Source:
    """Where a value came from, so a UI can point back at it: a workbook's sheet and row,
    or a text's line (1-based)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = attrs.field(default=None, validator=positive)
    line: int | None = attrs.field(default=None, validator=positive)


_CELL: Final = re.compile(r"(?P<letters>[A-Z]{1,3})(?P<row>[1-9][0-9]*)")


def column_letter(column: int) -> str:
    """"A" for 1, "AA" for 27: the letters of a worksheet column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _registered(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    from yifeng.model._codes import DIAGNOSTIC_CODES

    if value not in DIAGNOSTIC_CODES:
        raise fail(instance, attribute.name, f"未登记的问题代码（收到 {value!r}）；见 yifeng.model.DIAGNOSTIC_CODES")


def _registered_schema() -> dict[str, object]:
    from yifeng.model._codes import DIAGNOSTIC_CODES

    return {"enum": sorted(DIAGNOSTIC_CODES)}


setattr(_registered, "schema", _registered_schema)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Diagnostic:
    """One problem in the input: a stable ``code`` (see :data:`yifeng.model.DIAGNOSTIC_CODES`), where
    it is, and a Chinese ``message`` for people. Tests and tools match on ``code`` and the
    position, never on the wording.

    Positions: ``row`` and ``column`` (1-based) in a sheet or table, with ``cell`` ("G5")
    derived from them in a workbook; ``line`` (1-based) in a text; ``field`` the model
    field concerned, and ``key`` the task's or ledger row's (so that a UI can put the
    message next to the input). ``text`` keeps the input the problem is about, verbatim.
    """

    severity: Severity
    code: str = attrs.field(validator=[matches(r"[a-z0-9]+(?:-[a-z0-9]+)*", "应为 kebab-case 代码"), _registered])
    message: str = attrs.field(validator=not_blank)
    sheet: str | None = None
    cell: str | None = attrs.field(default=None, validator=matches(_CELL.pattern, "应为单元格地址，如 G5"))
    file: str | None = None
    row: int | None = attrs.field(default=None, validator=positive)
    column: int | None = attrs.field(default=None, validator=positive)
    line: int | None = attrs.field(default=None, validator=positive)
    field: str | None = None
    text: str = ""
    key: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.cell:  # "" names no cell, as None does
            match = _CELL.fullmatch(self.cell)
            assert match is not None
            row, column = int(match["row"]), _column_number(match["letters"])
            if (self.row, self.column) == (None, None):
                object.__setattr__(self, "row", row)
                object.__setattr__(self, "column", column)
            elif (self.row, self.column) != (row, column):
                raise fail(self, "cell", f"与 row={self.row}、column={self.column} 不符（收到 {self.cell}）")
        elif self.row is not None and self.column is not None and self.sheet is not None:
            object.__setattr__(self, "cell", f"{column_letter(self.column)}{self.row}")

    @property
    def location(self) -> str:
        """Where the problem is, for people — ``sheet!cell``, or ``第 N 行`` of a text."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.line is not None:
            return f"第 {self.line} 行"
        return self.sheet or self.cell or ""

    def __str__(self) -> str:
        where = self.location
        return f"{where} {self.code} {self.message}" if where else f"{self.code} {self.message}"


class Diagnostics(Records[Diagnostic]):
    """Problems, in order, shown as a table with their severity and, where known, the
    序号 of the task or ledger row each is about (``numbers``: key → 序号 as printed)."""

    item_type = Diagnostic
    noun = "个问题"

    def __new__(cls, items: Iterable[Diagnostic] = (), *, numbers: Mapping[str, str] | None = None) -> Self:
        made = super().__new__(cls, items)
        made.numbers = dict(numbers or {})
        return made

    numbers: dict[str, str]

    def _like(self, items: Iterable[Diagnostic]) -> Self:
        return type(self)(items, numbers=self.numbers)

    def _columns(self) -> tuple[Column[Diagnostic], ...]:
        numbers = self.numbers
        return (
            Column("severity", "级别", lambda d: d.severity.label),
            Column("number", "序号", lambda d: numbers.get(d.key or "", "")),
            Column("location", "位置", lambda d: d.location),
            Column("code", "代码", lambda d: d.code),
            Column("message", "问题", lambda d: d.message, "long"),
            Column("file", "文件", lambda d: d.file),
            Column("key", "标识", lambda d: d.key, "key"),
        )

    @property
    def errors(self) -> Self:
        """The problems of severity ERROR."""
        return self.where(lambda d: d.severity is Severity.ERROR)

    @property
    def warnings(self) -> Self:
        """The problems of severity WARNING."""
        return self.where(lambda d: d.severity is Severity.WARNING)
