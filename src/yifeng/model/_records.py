"""Collections an officer gets back: tuples that show as tables and become DataFrames.

A :class:`Records` is a tuple (equal to the plain tuple of its items, hashable, frozen)
that also knows its *flat columns*: one value per item for each column, under a
snake_case name and a Chinese header. The columns are the one place that says how a
task, a ledger row or a problem looks as a table row — Jupyter's HTML, the terminal
text, :meth:`Records.to_frame` and the Arrow export all read them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, Generic, Literal, Self, SupportsIndex, TypeVar, overload



if TYPE_CHECKING:
    import pandas
    import pyarrow

T = TypeVar("T")

ColumnNames = Literal["zh", "snake"]
"""How :meth:`Records.to_frame` names its columns: Chinese headers or snake_case names."""

@dataclasses.dataclass(frozen=True)
class Folded:
    """A cell shown as ``summary``, opening to ``full`` (a task's title over its content)."""

    summary: str
    full: str

    def __str__(self) -> str:
        return self.summary


Value = str | int | bool | dt.date | Folded | None
"""A flat cell: text, a whole number, yes/no, a date, or nothing (or, on screen only, a
:class:`Folded` text)."""

ColumnKind = Literal["text", "long", "list", "int", "date", "bool", "key"]
"""``long`` is text that may run to sentences: it wraps; ``list`` is names joined by 、 (it
wraps only between names); every other kind stays on one line.
``key`` is an identity for programs (a task's key): in frames and Arrow, not on screen."""


@dataclasses.dataclass(frozen=True)
class Column(Generic[T]):
    """One flat column: ``name`` (snake_case), ``header`` (中文), how to get the value."""

    name: str
    header: str
    get: Callable[[T], Value]
    kind: ColumnKind = "text"


def joined(values: Iterable[object]) -> str:
    """Several names in one cell, as officers write them: 甲、乙、丙."""
    return "、".join(str(v) for v in values)


class _Printer:  # IPython's pretty printer, as much of it as we use
    def text(self, text: str) -> None: ...  # pragma: no cover


def pretty_as_repr(self: object, printer: _Printer, cycle: bool) -> None:
    """IPython's plain-text display: the text table, not a tuple's or dict's items."""
    printer.text(repr(self))


class Records(tuple[T, ...]):
    """A tuple of model objects that displays as a table.

    Slicing, :meth:`where` and ``+`` keep the collection's type; :meth:`rows` gives
    flat dictionaries, :meth:`to_frame` a pandas DataFrame (``pip install
    yifeng[frame]``), :meth:`to_arrow` a pyarrow Table (``pip install yifeng[parquet]``).
    """

    item_type: ClassVar[type]
    columns: ClassVar[tuple[Column[Any], ...]]
    noun: ClassVar[str]
    """What one item is called when counting ("项任务")."""

    def __new__(cls, items: Iterable[T] = ()) -> Self:
        return super().__new__(cls, items)

    def _like(self, items: Iterable[T]) -> Self:
        """A collection of the same type (and context) holding ``items``."""
        return type(self)(items)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Self:
        if isinstance(index, slice):
            return self._like(tuple(self)[index])
        return super().__getitem__(index)

    def __add__(self, other: tuple[T, ...]) -> Self:  # type: ignore[override]
        return self._like((*self, *other))

    def where(self, predicate: Callable[[T], bool]) -> Self:
        """The items for which ``predicate`` is true, in order."""
        return self._like(item for item in self if predicate(item))

    def header(self) -> str:
        return f"{len(self)} {self.noun}"

    # -- flat rows ----------------------------------------------------------------------
    def _columns(self) -> tuple[Column[T], ...]:
        return self.columns

    def _flat(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        """The flat columns and what each row is made from (the items, by default)."""
        return self._columns(), self

    def _display(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        """The columns shown on screen (the flat ones, unless a collection shows fewer)."""
        return self._flat()

    def rows(self, columns: ColumnNames = "zh") -> list[dict[str, Value]]:
        """One flat dictionary per row, keyed by Chinese header or snake_case name."""
        return flat_rows(*self._flat(), columns)

    def to_frame(self, columns: ColumnNames = "zh") -> pandas.DataFrame:
        """A pandas DataFrame, one row per item. Dates become ``datetime64`` (missing: NaT),
        whole numbers nullable ``Int64``; ``columns="snake"`` for snake_case names."""
        return to_frame(*self._flat(), columns)

    def to_arrow(self) -> pyarrow.Table:
        """A pyarrow Table with a fixed schema (snake_case names, Chinese headers as field
        metadata): the same columns every time, whatever the items hold."""
        return to_arrow(*self._flat())

    # -- display ------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        from yifeng.model._html import records_html

        return records_html(self)

    def __repr__(self) -> str:
        from yifeng.model._html import records_text

        return records_text(self)

    __str__ = __repr__
    _repr_pretty_ = pretty_as_repr


def tuple_type(kind: object) -> object | None:
    """``tuple[Item, ...]`` for a :class:`Records` class (what it is on the wire), else None."""
    if isinstance(kind, type) and issubclass(kind, Records):
        return tuple[kind.item_type, ...]  # type: ignore[name-defined]
    return None


def short_repr(records: Records[Any]) -> str:
    """How a collection shows inside its owner's repr: its size, not its table."""
    return f"<{type(records).__name__}: {records.header()}>"




_K = TypeVar("_K", bound=Records[Any])


class Groups(dict[str, _K]):
    """Items grouped under names (a unit, a month): a dict that displays as one table,
    the group's name in the first column."""

    def __init__(self, groups: Mapping[str, _K], *, by: str) -> None:
        super().__init__(groups)
        self.by = by
        """What the groups are, such as 单位（牵头） or 月份; the first column's header."""

    def _grouped(self, view: Callable[[_K], tuple[tuple[Column[Any], ...], Sequence[object]]]
                 ) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        """A collection's ``view`` (flat or on-screen) of each group, the group's name first."""
        first = next(iter(self.values()), None)
        if first is None:
            return (), ()
        cols, _ = view(first)
        group: Column[tuple[str, object]] = Column("group", self.by, lambda pair: pair[0])
        shifted = (group, *(Column(c.name, c.header, _second(c.get), c.kind) for c in cols))
        return shifted, [(name, row) for name, items in self.items() for row in view(items)[1]]

    def _flat(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        return self._grouped(lambda items: items._flat())

    def _display(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        return self._grouped(lambda items: items._display())

    def rows(self, columns: ColumnNames = "zh") -> list[dict[str, Value]]:
        """One flat dictionary per item, its group's name first."""
        return flat_rows(*self._flat(), columns)

    def to_frame(self, columns: ColumnNames = "zh") -> pandas.DataFrame:
        """A pandas DataFrame, one row per item in each group, the group first."""
        return to_frame(*self._flat(), columns)

    def _repr_html_(self) -> str:
        from yifeng.model._html import groups_html

        return groups_html(self)

    def __repr__(self) -> str:
        from yifeng.model._html import groups_text

        return groups_text(self)

    __str__ = __repr__
    _repr_pretty_ = pretty_as_repr


def _second(get: Callable[[Any], Value]) -> Callable[[tuple[str, object]], Value]:
    return lambda pair: get(pair[1])


def flat_rows(cols: tuple[Column[Any], ...], items: Sequence[object], columns: ColumnNames) -> list[dict[str, Value]]:
    return [{(c.header if columns == "zh" else c.name): c.get(item) for c in cols} for item in items]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _need(module: str, extra: str) -> NoReturn:
    raise ImportError(f"需要 {module}：pip install 'yifeng[{extra}]'（或 pip install {module}）")


def to_frame(cols: tuple[Column[Any], ...], items: Sequence[object], columns: ColumnNames) -> pandas.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        _need("pandas", "frame")
    dtypes = {"int": "Int64", "bool": "boolean"}
    data: dict[str, pandas.Series] = {}
    for c in cols:
        values = [c.get(item) for item in items]
        name = c.header if columns == "zh" else c.name
        if c.kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif c.kind in dtypes:
            data[name] = pd.Series(values, dtype=dtypes[c.kind])
        else:
            data[name] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    return pd.DataFrame(data)


def arrow_schema(cols: tuple[Column[Any], ...]) -> pyarrow.Schema:
    """The Arrow schema of ``cols``: snake_case names, types by kind, headers as metadata."""
    try:
        import pyarrow as pa
    except ImportError:
        _need("pyarrow", "parquet")
    return pa.schema([pa.field(c.name, arrow_type(c.kind), metadata={"header": c.header}) for c in cols])


def arrow_type(kind: ColumnKind) -> pyarrow.DataType:
    """The Arrow type a column of ``kind`` is stored as (text of every kind as strings)."""
    import pyarrow as pa

    types: dict[str, pyarrow.DataType] = {"int": pa.int64(), "date": pa.date32(), "bool": pa.bool_()}
    return types.get(kind, pa.string())


def to_arrow(cols: tuple[Column[Any], ...], items: Sequence[object]) -> pyarrow.Table:
    import pyarrow as pa

    schema = arrow_schema(cols)
    arrays = {}
    for c in cols:
        values = [c.get(item) for item in items]
        if c.kind in ("text", "long", "list", "key"):
            values = ["" if v is None else str(v) for v in values]
        arrays[c.name] = values
    return pa.Table.from_pydict(arrays, schema=schema)
