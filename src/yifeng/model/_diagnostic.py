"""Problems found in input, as data (after frictionless's error reports)."""

from __future__ import annotations

import enum

import attrs

from yifeng.model._check import matches, not_blank, positive


class Severity(enum.Enum):
    """How bad a :class:`Diagnostic` is: an ERROR means a value was not understood."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告"}[self.value]


@attrs.frozen(kw_only=True)
class Source:
    """Where a value came from, so a UI can point back at it."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = attrs.field(default=None, validator=positive)


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One problem in the input: a stable ``code``, the ``cell`` it is in, and a Chinese
    ``message`` for people. Tests and tools match on ``code`` and ``cell``."""

    severity: Severity
    code: str = attrs.field(validator=matches(r"[a-z0-9]+(?:-[a-z0-9]+)*", "应为 kebab-case 代码"))
    message: str = attrs.field(validator=not_blank)
    sheet: str | None = None
    cell: str | None = attrs.field(
        default=None, validator=matches(r"[A-Z]{1,3}[1-9][0-9]*", "应为单元格地址，如 G5")
    )
    file: str | None = None

    @property
    def location(self) -> str:
        """``sheet!cell`` (or whichever part is known)."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell or ""

    def __str__(self) -> str:
        where = self.location
        return f"{where} {self.code} {self.message}" if where else f"{self.code} {self.message}"
