"""台账 (ledgers) of problems found and rectified, following the "五定" rule."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

from collections.abc import Mapping

import attrs

from yifeng.errors import LedgerError
from yifeng.model._check import content_key, distinct_names, fail, no_whitespace, positive, text_fields
from yifeng.model._diagnostic import Diagnostic, Source


class LedgerKind(enum.Enum):
    """附件3 (机构, institutions) or 附件4 (个人, persons)."""

    INSTITUTION = "institution"
    PERSON = "person"

    @property
    def label(self) -> str:
        return {"institution": "机构", "person": "个人"}[self.value]


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


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Ledger:
    """A 台账: its kind, title, filer and rows. With no rows it is a blank template."""

    kind: LedgerKind
    title: str = ""
    filer: Filer = Filer()
    rows: tuple[LedgerRow, ...] = ()
    extra_columns: tuple[str, ...] = ()
    """Headers of columns beyond the standard ones (备注 …); each row's ``extra`` follows them."""
    notes: tuple[str, ...] = ()
    """Lines under the table ("注：每周四报送"), kept to be written back."""
    # What a reader noticed about the file it came from: not part of the ledger's value.
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)

    def __attrs_post_init__(self) -> None:
        width = len(self.extra_columns)
        for index, row in enumerate(self.rows, start=1):
            if len(row.extra) > width:
                raise fail(self, "rows", f"第 {index} 行有 {len(row.extra)} 个附加列的值，但台账只有 {width} 个附加列")

    @property
    def columns(self) -> tuple[str, ...]:
        """The column headers of this ledger in order (its kind's, then its extra ones)."""
        return tuple(header for _, header in LEDGER_COLUMNS[self.kind]) + self.extra_columns

    def _repr_html_(self) -> str:
        from yifeng.model._html import ledger_html

        return ledger_html(self)
