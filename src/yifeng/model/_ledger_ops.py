"""Operations on 台账: check, merge, count, chase, mask. Pure functions returning new objects."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs
from yifeng.model._check import distinct_names, text_fields, trusted_copy
from yifeng._text import int_to_cn, squeeze
from yifeng.errors import LedgerError, ParseError
from yifeng.model._campaign import Campaign
from yifeng.model._codes import DIAGNOSTIC_CODES
from yifeng.model._diagnostic import Diagnostic
from yifeng._kinds import LedgerKind
from yifeng.model._ledger import LEDGER_COLUMNS, Filer, Ledger, LedgerRow, LedgerRows
from yifeng.model._negative import NegativeListItem, parse_negative_list_ref
from yifeng.model._units import canonical_unit_name

_MOBILE: Final = re.compile(r"1[3-9][0-9]{9}")
# The "五定" fields a row must have: problem, measures, person responsible (and who it is about).
_WUDING: Final = (("description", "问题表现"), ("measures", "整治措施"), ("owner", "责任人"))
_COMPOUND_SURNAMES: Final = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台",
)


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def standard_cells(kind: LedgerKind) -> dict[str, str]:
    """field → column letter in the standard 台账 layout (seed 004's 附件3 / 附件4)."""
    return {field: _column_letter(i) for i, (field, _) in enumerate(LEDGER_COLUMNS[kind], start=1)}


@functools.lru_cache(maxsize=4096)
def _parsed_ref(text: str) -> tuple[int, int] | None:
    try:
        return parse_negative_list_ref(text)
    except ParseError:
        return None


@functools.lru_cache(maxsize=4096)
def ref_key(text: str) -> str:
    """A negative-list reference in its canonical form ("(二)2.(3)" → "（二）2.（3）"), or
    the text itself, stripped, when it cannot be read as one."""
    parsed = _parsed_ref(text)
    if parsed is None:
        return text.strip()
    return NegativeListItem(area=parsed[0], number=parsed[1], text="-").ref


def _is_mobile(phone: str) -> bool:
    return bool(_MOBILE.fullmatch(re.sub(r"[\s\-－—]", "", phone)))


def check_ledger(
    ledger: Ledger,
    *,
    campaign: Campaign | None = None,
    cells: Mapping[str, str] | None = None,
) -> tuple[Diagnostic, ...]:
    """Check every row of ``ledger``: the "五定" fields, dates that contradict each
    other, 手机号码 that are not mobile numbers, and — with ``campaign`` — references to
    negative-list items that campaign does not have.

    ``cells`` maps fields to column letters (the reader passes the file's own); rows
    address their cells through ``row.source``.
    """
    letters = dict(cells) if cells is not None else standard_cells(ledger.kind)
    known = {item.ref for item in campaign.negative_list_items} if campaign is not None else None
    found: list[Diagnostic] = []
    for index, row in enumerate(ledger.rows, start=1):
        line = row.source.row if row.source is not None else None
        sheet = row.source.sheet if row.source is not None else None
        file = row.source.file if row.source is not None else None
        label = f"第 {row.number} 条" if row.number is not None else f"第 {index} 行"

        def report(code: str, field: str, **values: object) -> None:
            letter = letters.get(field)
            cell = f"{letter}{line}" if letter is not None and line is not None else None
            text = getattr(row, field)
            found.append(attrs.evolve(
                DIAGNOSTIC_CODES[code].make(sheet=sheet, file=file, field=field, label=label,
                                            text=text if isinstance(text, str) else str(text), values=values),
                cell=cell, key=row.key))

        subject_field = "institution" if ledger.kind is LedgerKind.INSTITUTION else "person"
        if not row.subject.strip():
            what = "存在问题机构名称" if ledger.kind is LedgerKind.INSTITUTION else "存在问题人员姓名"
            report("wuding-missing", subject_field, what=what)
        for field, name in _WUDING:
            if not getattr(row, field).strip() and row.original(field) is None:
                report("wuding-missing", field, what=name)
        if row.rectified and row.rectified_on is None and row.original("rectified_on") is None:
            report("rectified-without-date", "rectified_on")
        if not row.rectified and row.rectified_on is not None and not row.original("rectified"):
            report("date-but-not-rectified", "rectified")
        if row.rectified_on and row.discovered_on and row.rectified_on < row.discovered_on:
            report("rectified-before-discovered", "rectified_on", rectified=row.rectified_on,
                   discovered=row.discovered_on)
        if row.phone.strip() and not _is_mobile(row.phone):
            report("phone-not-mobile", "phone", value=row.phone)
        ref = row.negative_list_ref.strip()
        if ref and _parsed_ref(ref) is None:
            report("negative-list-unparsed", "negative_list_ref", value=ref)
        elif ref and campaign is not None and known is not None and ref_key(ref) not in known:
            report("negative-list-unknown", "negative_list_ref", value=ref, campaign=campaign.title)
    return tuple(found)


def filed_rows(ledger: Ledger) -> tuple[LedgerRow, ...]:
    """The rows, each carrying its filer: its own if it has one, else the ledger's."""
    filer = ledger.filer
    return tuple(row if row.filer is not None else copied(row, filer=filer) for row in ledger.rows)


def copied(row: LedgerRow, *, filer: Filer | None = None, open_: bool = False) -> LedgerRow:
    """A copy of ``row`` carrying ``filer`` (when given), and (``open_``) not rectified,
    with no date of rectification — values known to be valid, so the copy is not checked
    again field by field (``attrs.evolve`` would, at ~10 µs a row): a trusted copy, then
    the changed fields."""
    if filer is not None and not isinstance(filer, Filer):
        raise TypeError(f"filer 应为 Filer，而不是 {type(filer).__name__}")
    made = trusted_copy(row)
    if filer is not None:
        object.__setattr__(made, "filer", filer)
    if open_:
        object.__setattr__(made, "rectified", False)
        object.__setattr__(made, "rectified_on", None)
    return made


def merge_ledgers(ledgers: Sequence[Ledger], *, title: str | None = None) -> Ledger:
    """One ledger from many filers' ledgers of the same kind.

    Each row keeps its filer; rows that look like the same problem filed twice (same
    subject, negative-list item and description) are reported as ``duplicate-likely``,
    pointing at the row in its own file. Nothing is removed.
    """
    if not ledgers:
        raise LedgerError("没有要合并的台账")
    kinds = {ledger.kind for ledger in ledgers}
    if len(kinds) > 1:
        raise LedgerError("不能把机构台账和个人台账合并在一起；请分别合并")
    # Extra columns (备注 …) of every ledger, each once, in the order first met; a header
    # repeated within one ledger stays as many columns.
    keys = list(dict.fromkeys(key for ledger in ledgers for key in _keys(ledger.extra_columns)))
    columns = [header for header, _ in keys]
    rows = [row if _keys(ledger.extra_columns) == keys[:len(ledger.extra_columns)]
            else attrs.evolve(row, extra=_realigned(row.extra, _keys(ledger.extra_columns), keys))
            for ledger in ledgers for row in filed_rows(ledger)]
    diagnostics = [d for ledger in ledgers for d in ledger.diagnostics]
    first_seen: dict[tuple[str, str, str], LedgerRow] = {}
    subjects: dict[str, str] = {}  # a subject's canonical name, worked out once: a filer names it row after row
    for row in rows:
        subject = subjects.get(row.subject)
        if subject is None:
            subject = subjects[row.subject] = canonical_unit_name(row.subject)
        key = (subject, ref_key(row.negative_list_ref), squeeze(row.description))
        if not any(key):
            continue
        earlier = first_seen.setdefault(key, row)
        if earlier is not row:
            source = row.source
            diagnostics.append(DIAGNOSTIC_CODES["duplicate-likely"].make(
                sheet=source.sheet if source else None, file=source.file if source else None,
                row=source.row if source else None, column=1 if source and source.row else None,
                text=row.subject, subject=row.subject, who=_who(earlier), number=earlier.number))
    kind = ledgers[0].kind
    return Ledger(kind=kind, title=title or ledgers[0].title, rows=tuple(rows), extra_columns=tuple(columns),
                  notes=tuple(dict.fromkeys(note for ledger in ledgers for note in ledger.notes)),
                  diagnostics=tuple(diagnostics))


def _keys(headers: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each header with how many times it came before: ("备注", 0), ("备注", 1)."""
    seen: Counter[str] = Counter()
    keys = []
    for header in headers:
        keys.append((header, seen[header]))
        seen[header] += 1
    return keys


def _realigned(values: tuple[str, ...], own: list[tuple[str, int]], merged: list[tuple[str, int]]) -> tuple[str, ...]:
    """A row's extra values, moved from its ledger's columns to the merged ledger's."""
    by_key = dict(zip(own, values))
    aligned = [by_key.get(key, "") for key in merged]
    while aligned and not aligned[-1]:
        aligned.pop()
    return tuple(aligned)


def _who(row: LedgerRow) -> str:
    return (row.filer.unit if row.filer is not None and row.filer.unit else "另一单位")


class Rectification:
    """What follows from ``total`` and ``rectified``: how many are open, and the rate."""

    __slots__ = ()
    total: int
    rectified: int

    @property
    def open(self) -> int:
        return self.total - self.rectified

    @property
    def rate(self) -> float:
        """The rectification rate (整改率), 0.0 when there is nothing to rectify."""
        return self.rectified / self.total if self.total else 0.0


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class LedgerSummary(Rectification):
    """Counts over a ledger's rows, as (key, count) pairs in descending order."""

    total: int
    rectified: int
    by_area: tuple[tuple[str, int], ...] = attrs.field(validator=distinct_names)
    by_item: tuple[tuple[str, int], ...] = attrs.field(validator=distinct_names)
    by_discovery: tuple[tuple[str, int], ...] = attrs.field(validator=distinct_names)
    by_authority: tuple[tuple[str, int], ...] = attrs.field(validator=distinct_names)


def _counted(values: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))


def item_of(row: LedgerRow) -> str:
    """The negative-list item a row is counted under: its reference in canonical form,
    "（未填写）" when there is none."""
    return ref_key(row.negative_list_ref) or "（未填写）"


def area_of(row: LedgerRow) -> str:
    """The negative-list area ("（二）") a row is counted under; its item's text when the
    reference cannot be read as one."""
    parsed = _parsed_ref(row.negative_list_ref)
    return f"（{int_to_cn(parsed[0])}）" if parsed else item_of(row)


def _filled(text: str) -> str:
    return text.strip() or "（未填写）"


class LedgerCounts:
    """Counts that grow row by row (and merge with other counts) into a
    :class:`LedgerSummary`: what :func:`summarise_ledger` gives, without keeping the rows."""

    __slots__ = ("total", "rectified", "areas", "items", "discovery", "authority")

    def __init__(self) -> None:
        self.total = self.rectified = 0
        self.areas: Counter[str] = Counter()
        self.items: Counter[str] = Counter()
        self.discovery: Counter[str] = Counter()
        self.authority: Counter[str] = Counter()

    def add(self, row: LedgerRow) -> None:
        self.total += 1
        self.rectified += row.rectified
        self.areas[area_of(row)] += 1
        self.items[item_of(row)] += 1
        self.discovery[_filled(row.discovered_via)] += 1
        self.authority[_filled(row.authority)] += 1

    def update(self, other: LedgerCounts) -> None:
        self.total += other.total
        self.rectified += other.rectified
        for mine, theirs in ((self.areas, other.areas), (self.items, other.items),
                             (self.discovery, other.discovery), (self.authority, other.authority)):
            mine.update(theirs)

    def summary(self) -> LedgerSummary:
        return LedgerSummary(total=self.total, rectified=self.rectified, by_area=_counted(self.areas),
                             by_item=_counted(self.items), by_discovery=_counted(self.discovery),
                             by_authority=_counted(self.authority))


def summarise_ledger(rows: Ledger | Iterable[LedgerRow]) -> LedgerSummary:
    """Totals, rectification rate and counts by negative-list area and item, by 发现途径
    and by 主管部门."""
    counts = LedgerCounts()
    for row in rows.rows if isinstance(rows, Ledger) else rows:
        counts.add(row)
    return counts.summary()


def open_rows(rows: Ledger | Iterable[LedgerRow], *, as_of: dt.date, older_than: int = 0) -> LedgerRows:
    """Rows not yet rectified that were found at least ``older_than`` days before
    ``as_of``, oldest first (rows without a discovery date last)."""
    chosen = rows.rows if isinstance(rows, Ledger) else tuple(rows)
    cutoff = as_of - dt.timedelta(days=older_than)
    found = [r for r in chosen if not r.rectified and (r.discovered_on is None or r.discovered_on <= cutoff)]
    ordered = sorted(found, key=lambda r: (r.discovered_on is None, r.discovered_on or dt.date.min))
    return rows.rows._like(ordered) if isinstance(rows, Ledger) else LedgerRows(ordered)


def mask_name(name: str) -> str:
    """姓 + 某: 张三 → 张某, 欧阳修 → 欧阳某."""
    name = name.strip()
    if not name:
        return name
    surname = next((s for s in _COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[0])
    return surname + "某"


def mask_phone(phone: str) -> str:
    """Keep the first three and last four digits: 13812345678 → 138****5678."""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(digits) < 8:
        return phone
    hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


_MASKED: Final = {"person": mask_name, "owner": mask_name, "phone": mask_phone}


def mask_row(row: LedgerRow) -> LedgerRow:
    """A row with people's names as 姓某 and phone numbers as 138****5678 (its filer's too)."""
    return _masked_row(row, {})


def _masked_row(row: LedgerRow, filers: dict[Filer, Filer]) -> LedgerRow:
    """:func:`mask_row`, each filer masked once for all the rows that share it (``filers``)."""
    unparsed = tuple((k, _MASKED[k](v) if k in _MASKED else v) for k, v in row.unparsed)
    filer = None
    if row.filer is not None:
        filer = filers.get(row.filer)
        if filer is None:
            filer = filers[row.filer] = mask_filer(row.filer)
    return attrs.evolve(row, person=mask_name(row.person), owner=mask_name(row.owner),
                        phone=mask_phone(row.phone), unparsed=unparsed, filer=filer)


def mask_ledger(ledger: Ledger) -> Ledger:
    """A copy for leaving the office: people's names as 姓某, phone numbers as 138****5678."""
    filers = {ledger.filer: mask_filer(ledger.filer)}
    return attrs.evolve(ledger, filer=filers[ledger.filer], rows=tuple(_masked_row(r, filers) for r in ledger.rows))


def mask_filer(filer: Filer) -> Filer:
    """A filer with the person's name as 姓某 and the number as 138****5678."""
    return attrs.evolve(filer, person=mask_name(filer.person), contact=mask_phone(filer.contact))
