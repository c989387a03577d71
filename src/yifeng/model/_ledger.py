"""台账 (ledgers) of problems found and rectified, following the "五定" rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Self

import attrs

from yifeng._kinds import LedgerKind
from yifeng.errors import LedgerError
from yifeng.model._check import content_key, distinct_names, fail, no_whitespace, positive, text_fields
from yifeng.model._diagnostic import Diagnostics, Source
from yifeng.model._records import Column, ColumnKind, ColumnNames, Records, short_repr

if TYPE_CHECKING:
    import pandas


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Filer:
    """The filing header: 填报单位, 填报人, 联系方式."""

    unit: str = ""
    person: str = ""
    contact: str = ""


def _without_trailing_blanks(values: tuple[str, ...]) -> tuple[str, ...]:
    """A row's extra cells, blank ones at the end left out: ("x", "") and ("x",) are one row."""
    values = tuple(values)
    end = len(values)
    while end and values[end - 1] == "":
        end -= 1
    return values[:end]


# What a row's content key is made of, besides who filed it.
_KEY_FIELDS: Final = ("institution", "person", "unit", "negative_list_ref", "description", "discovered_on")


def row_key(filed_by: str, values: Mapping[str, object]) -> str:
    """The content key of a row whose fields are ``values`` (absent ones at their
    defaults), filed by ``filed_by``: for a reader, before the row is built."""
    return content_key("r", filed_by, *(values.get(field) for field in _KEY_FIELDS))


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class LedgerRow:
    """One problem in a 台账.

    A value an importer could not understand, or one its typed field cannot reproduce
    (序号 "0123", a date typed with a time, a blank 整改是否完成), is kept verbatim in
    ``unparsed`` (field name → original text) so it is written back unchanged.
    ``extra`` holds the row's cells in the ledger's :attr:`Ledger.extra_columns`
    (备注 …), as text, in order.
    """

    number: int | None = attrs.field(default=None, validator=positive)
    institution: str = ""
    person: str = ""
    unit: str = ""
    authority: str = ""
    negative_list_ref: str = ""
    description: str = ""
    discovered_via: str = ""
    discovered_on: dt.date | None = None
    measures: str = ""
    decision: str = ""
    policy_basis: str = ""
    rectified: bool = False
    rectified_on: dt.date | None = None
    owner: str = ""
    phone: str = ""
    unparsed: tuple[tuple[str, str], ...] = attrs.field(default=(), validator=distinct_names)
    extra: tuple[str, ...] = attrs.field(default=(), converter=_without_trailing_blanks)
    filer: Filer | None = None
    source: Source | None = attrs.field(default=None, eq=False)  # provenance, not content
    # Identity, not content: kept by JSON, evolve and written ledgers; a row built
    # without one gets one from who filed it and the problem it records.
    key: str = attrs.field(default="", eq=False, validator=no_whitespace)

    @staticmethod
    def __schema_rules__() -> list[dict[str, object]]:
        """Each value kept as written names a ledger field (``__attrs_post_init__``)."""
        return [{"properties": {"unparsed": {"propertyNames": {"enum": sorted(_ROW_FIELDS)}}}}]

    def content_key(self, unit: str | None = None) -> str:
        """The key this row gets from its content: who filed it (``unit``, else its own
        filer's) and the problem it records — never its 序号."""
        filed_by = unit if unit is not None else self.filer.unit if self.filer else ""
        return row_key(filed_by, {field: getattr(self, field) for field in _KEY_FIELDS})

    def __attrs_post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.content_key())
        if not self.unparsed:
            return
        names = [name for name, _ in self.unparsed]
        unknown = [n for n in names if n not in _ROW_FIELDS]
        if unknown:
            raise fail(self, "unparsed", f"不是台账字段：{'、'.join(unknown)}")

    def original(self, field: str) -> str | None:
        """The text kept for ``field`` because it could not be understood, if any."""
        return dict(self.unparsed).get(field)

    @property
    def subject(self) -> str:
        """The institution or the person the problem is about."""
        return self.institution or self.person

    def close_out(self, on: dt.date, *, measures: str | None = None) -> LedgerRow:
        """销号: this row marked rectified on ``on``.

        Refuses (:class:`~yifeng.errors.LedgerError`) a row with no 整治措施 — give
        ``measures`` to record them — or a date before the problem was found.
        """
        measures = self.measures if measures is None else measures
        where = f"第 {self.number} 条" if self.number is not None else "该条"
        if not measures.strip():
            raise LedgerError(f"{where}问题没有填写整治措施，不能销号；请先填写整治措施")
        if self.discovered_on is not None and on < self.discovered_on:
            raise LedgerError(f"{where}问题的整改完成日期 {on} 早于发现日期 {self.discovered_on}，不能销号")
        unparsed = tuple((k, v) for k, v in self.unparsed if k not in ("rectified", "rectified_on", "measures"))
        return attrs.evolve(self, rectified=True, rectified_on=on, measures=measures, unparsed=unparsed)


_ROW_FIELDS: Final = frozenset(
    a.name for a in attrs.fields(LedgerRow) if a.name not in ("unparsed", "extra", "filer", "source", "key")
)

# The columns of seed 004's 附件3 (14) and 附件4 (15), as (field, header) in order.
LEDGER_COLUMNS: Final[dict[LedgerKind, tuple[tuple[str, str], ...]]] = {
    LedgerKind.INSTITUTION: (
        ("number", "序号"),
        ("institution", "存在问题机构名称"),
        ("authority", "主管部门"),
        ("negative_list_ref", "违反腐败问题负面清单条目"),
        ("description", "腐败问题具体表现"),
        ("discovered_via", "发现途径"),
        ("discovered_on", "发现问题日期"),
        ("measures", "整治措施"),
        ("decision", "处理意见"),
        ("policy_basis", "处理政策依据"),
        ("rectified", "整改是否完成"),
        ("rectified_on", "整改完成日期"),
        ("owner", "整改部门负责人"),
        ("phone", "手机号码"),
    ),
    LedgerKind.PERSON: (
        ("number", "序号"),
        ("person", "存在问题人员姓名"),
        ("unit", "所属单位"),
        ("authority", "所属单位主管部门"),
        ("negative_list_ref", "违反腐败问题负面清单条目"),
        ("description", "腐败问题具体表现"),
        ("discovered_via", "发现途径"),
        ("discovered_on", "发现问题日期"),
        ("measures", "整治措施"),
        ("decision", "处理意见"),
        ("policy_basis", "处理政策依据"),
        ("rectified", "整改是否完成"),
        ("rectified_on", "整改完成日期"),
        ("owner", "整治工作负责人"),
        ("phone", "手机号码"),
    ),
}


LEDGER_KINDS: Final[dict[str, ColumnKind]] = {
    "number": "int", "discovered_on": "date", "rectified_on": "date", "rectified": "bool",
    "description": "long", "measures": "long", "decision": "long", "policy_basis": "long",
}


def _ledger_column(field: str, header: str) -> Column[LedgerRow]:
    return Column(field, header, lambda row: getattr(row, field), LEDGER_KINDS.get(field, "text"))


def _as_written(column: Column[LedgerRow]) -> Column[LedgerRow]:
    """On screen a value kept as written shows as written, where it belongs."""
    field, get = column.name, column.get
    return Column(field, column.header, lambda row: row.original(field) or get(row), column.kind)


def _extra_column(index: int, header: str) -> Column[LedgerRow]:
    return Column(f"extra_{index + 1}", header, lambda row: row.extra[index] if index < len(row.extra) else "")


_FILED_BY: Final[Column[LedgerRow]] = Column("filed_by", "填报单位", lambda row: row.filer.unit if row.filer else "")
_UNPARSED: Final[Column[LedgerRow]] = Column(
    "unparsed", "未能识别的原文", lambda row: "；".join(f"{LEDGER_HEADERS[f]}：{text}" for f, text in row.unparsed), "long")
_KEY: Final[Column[LedgerRow]] = Column("key", "标识", lambda row: row.key, "key")
# Both kinds' columns, institution's first: how rows of either kind line up in one table
# (and in the ledger Parquet file).
LEDGER_HEADERS: Final[dict[str, str]] = {f: h for kind in reversed(LedgerKind) for f, h in LEDGER_COLUMNS[kind]}
LEDGER_FIELDS: Final = tuple(dict.fromkeys(f for kind in LedgerKind for f, _ in LEDGER_COLUMNS[kind]))


class LedgerRows(Records[LedgerRow]):
    """Ledger rows, shown as a table with the 台账's own headers.

    Rows of one ledger (``kind`` and ``extra_columns`` known) show that ledger's columns;
    rows gathered from several show the columns of both kinds, each row's own filer first.
    ``to_frame()`` keeps every value: text a typed column could not hold is in
    未能识别的原文 (``unparsed``).
    """

    item_type = LedgerRow
    noun = "行"

    def __new__(cls, items: Iterable[LedgerRow] = (), *, kind: LedgerKind | None = None,
                extra_columns: tuple[str, ...] = ()) -> Self:
        made = super().__new__(cls, items)
        made.kind, made.extra_columns = kind, extra_columns
        return made

    kind: LedgerKind | None
    extra_columns: tuple[str, ...]

    def _like(self, items: Iterable[LedgerRow]) -> Self:
        return type(self)(items, kind=self.kind, extra_columns=self.extra_columns)

    def _columns(self) -> tuple[Column[LedgerRow], ...]:
        fields = [f for f, _ in LEDGER_COLUMNS[self.kind]] if self.kind is not None else list(LEDGER_FIELDS)
        headers = dict(LEDGER_COLUMNS[self.kind]) if self.kind is not None else LEDGER_HEADERS
        return (
            _FILED_BY,
            *(_ledger_column(f, headers[f]) for f in fields),
            *(_extra_column(i, h) for i, h in enumerate(self.extra_columns)),
            _UNPARSED,
            _KEY,
        )

    def _display(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        cols = tuple(_as_written(c) for c in self._columns() if c is not _UNPARSED)
        return cols, self


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Ledger:
    """A 台账: its kind, title, filer and rows. With no rows it is a blank template."""

    kind: LedgerKind
    title: str = ""
    filer: Filer = Filer()
    rows: LedgerRows = attrs.field(default=LedgerRows(), converter=LedgerRows, repr=short_repr)
    extra_columns: tuple[str, ...] = ()
    """Headers of columns beyond the standard ones (备注 …); each row's ``extra`` follows them."""
    notes: tuple[str, ...] = ()
    """Lines under the table ("注：每周四报送"), kept to be written back."""
    # What a reader noticed about the file it came from: not part of the ledger's value.
    diagnostics: Diagnostics = attrs.field(default=Diagnostics(), eq=False, converter=Diagnostics, repr=short_repr)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "rows", LedgerRows(self.rows, kind=self.kind, extra_columns=self.extra_columns))
        object.__setattr__(self, "diagnostics", Diagnostics(self.diagnostics, numbers=_numbers(self.rows)))
        width = len(self.extra_columns)
        for index, row in enumerate(self.rows, start=1):
            if len(row.extra) > width:
                raise fail(self, "rows", f"第 {index} 行有 {len(row.extra)} 个附加列的值，但台账只有 {width} 个附加列")

    def to_frame(self, columns: ColumnNames = "zh") -> pandas.DataFrame:
        """The rows as a pandas DataFrame: 填报单位 and this ledger's columns, one row each."""
        from yifeng.model._ledger_ops import filed_rows

        return self.rows._like(filed_rows(self)).to_frame(columns)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column headers of this ledger in order (its kind's, then its extra ones)."""
        return tuple(header for _, header in LEDGER_COLUMNS[self.kind]) + self.extra_columns

    def _repr_html_(self) -> str:
        from yifeng.model._html import ledger_html

        return ledger_html(self)


def _numbers(rows: Iterable[LedgerRow]) -> dict[str, str]:
    """key → 序号 as printed, for naming the row a problem is about."""
    return {r.key: r.original("number") or str(r.number) for r in rows if r.number is not None or r.original("number")}
