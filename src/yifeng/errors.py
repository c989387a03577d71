"""Exceptions raised by yifeng.

Every exception yifeng raises on purpose derives from :class:`YifengError`, so a caller
can catch the library's errors in one place. Each also derives from the builtin that
describes it best (``ValueError`` for bad values), following attrs and cattrs.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "LedgerError",
    "ModelError",
    "ParseError",
    "Problem",
    "RenderError",
    "SchemaError",
    "TableFormatError",
    "YifengError",
]


class YifengError(Exception):
    """Root of every error yifeng raises."""


class ModelError(YifengError, ValueError):
    """A model object was given an impossible value; the message names the field, and
    ``field`` holds its name (None when the check concerns the whole object)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class LedgerError(YifengError, ValueError):
    """A 台账 operation was refused: 销号 without measures, merging different kinds, …"""


class ParseError(YifengError, ValueError):
    """A domain phrase (deadline, document number, ...) could not be understood.

    ``text`` keeps the phrase exactly as it was given; ``impossible`` is True when the
    phrase has the right shape but names something that does not exist (2月30日).
    """

    def __init__(self, message: str, text: str, *, impossible: bool = False) -> None:
        super().__init__(message)
        self.text = text
        self.impossible = impossible


class RenderError(YifengError):
    """A document could not be rendered: a missing template, or an error in one (the
    message names the template and the tag)."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a JSON document or form payload, as data a UI can show
    next to the input: where (``$.tasks[3].number``), what kind (a code of
    ``yifeng.io.SCHEMA_PROBLEMS``), and a Chinese message with no Python in it."""

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"


class SchemaError(YifengError, ValueError):
    """A JSON document does not match the model. ``errors`` lists every problem found
    (:class:`Problem`); the message joins them, each with its ``$.path``."""

    def __init__(self, message: str, errors: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.errors: tuple[Problem, ...] = tuple(errors)


class TableFormatError(YifengError, ValueError):
    """A file is not a readable workbook or holds no recognisable table."""
