"""周调度: the weekly figures a district work group reports from its 台账."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs

from yifeng.model._check import text_fields
from yifeng.model._deadline import Deadline
from yifeng.model._ledger import Filer, Ledger, LedgerRow, LedgerRows
from yifeng.model._records import short_repr
from yifeng.model._ledger_ops import LedgerCounts, LedgerSummary, Rectification, copied, item_of
from yifeng.model._workdays import working_days_between


@functools.cache
def _weekly() -> Deadline:
    """Seed 004's reporting rule, ``WEEKLY``: the ledgers reach the work group every Thursday."""
    return Deadline.parse("每周四下班前")


if TYPE_CHECKING:
    WEEKLY: Deadline
else:
    def __getattr__(name: str) -> Deadline:
        """``WEEKLY``, parsed when first asked for (PEP 562): parsing it at import would
        compile the deadline grammar and import dateutil for every ``import yifeng.model``."""
        if name == "WEEKLY":
            return _weekly()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

OVERDUE_DAYS: Final = 30
"""A problem still open this many calendar days after it was found is overdue (超期)."""

TITLE: Final = "医药领域腐败问题集中整治工作周调度情况"
"""The weekly report's title when none is given."""

UNNAMED_UNIT: Final = "（未注明）"
"""The 填报单位 of rows whose ledger does not say who filed it."""


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class ItemCount(Rectification):
    """One negative-list item's problems: found, rectified, still open."""

    ref: str
    total: int
    rectified: int


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class UnitCount(Rectification):
    """One 填报单位's problems: found, rectified, new and closed this week, overdue."""

    unit: str
    total: int
    rectified: int
    new: int
    closed: int
    overdue: int


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class WeeklyReport:
    """The week ending ``as_of``: totals, new, closed, still open (with their age)."""

    title: str
    as_of: dt.date
    next_due: dt.date | None
    summary: LedgerSummary
    new: LedgerRows = attrs.field(converter=LedgerRows, repr=short_repr)
    closed: LedgerRows = attrs.field(converter=LedgerRows, repr=short_repr)
    still_open: LedgerRows = attrs.field(converter=LedgerRows, repr=short_repr)
    items: tuple[ItemCount, ...]
    units: tuple[UnitCount, ...] = ()

    @property
    def week_start(self) -> dt.date:
        return self.as_of - dt.timedelta(days=6)

    def age(self, row: LedgerRow, *, working_days: bool = False) -> int | None:
        """Days since the problem was found, as of the report date — calendar days, or
        with ``working_days=True`` working days (public holidays and 调休 counted)."""
        if row.discovered_on is None:
            return None
        if working_days:
            return working_days_between(row.discovered_on, self.as_of)
        return (self.as_of - row.discovered_on).days

    def overdue(self, days: int = OVERDUE_DAYS) -> LedgerRows:
        """The rows still open more than ``days`` calendar days after they were found."""
        return self.still_open.where(lambda r: _overdue(r, self.as_of, days))

    def _repr_html_(self) -> str:
        from yifeng.model._html import weekly_html

        return weekly_html(self)

    def __str__(self) -> str:
        from yifeng.model._html import weekly_text

        return weekly_text(self)


def _overdue(row: LedgerRow, as_of: dt.date, days: int) -> bool:
    """Whether a row was found more than ``days`` calendar days before ``as_of`` (a row with
    no date of discovery counts as found that day)."""
    return ((as_of - row.discovered_on).days if row.discovered_on is not None else 0) > days


def unit_of(row: LedgerRow) -> str:
    """The 填报单位 a row is counted under."""
    return row.filer.unit if row.filer is not None and row.filer.unit else UNNAMED_UNIT


class WeeklyTally:
    """The weekly figures as ledgers stream in: :meth:`add` one ledger at a time (or
    :meth:`update` with a tally made elsewhere — in another process — from other
    ledgers), then :meth:`report`. Only the rows a report lists are kept (new, closed,
    still open); the rest become counts, so memory follows those rows, not every row read.

    Adding ledgers in one order, or tallies of consecutive runs of them in that order,
    gives the same report as :func:`weekly_report` over all of them.
    """

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.ledgers = 0
        self.counts = LedgerCounts()
        self.done: Counter[str] = Counter()
        self.units: dict[str, list[int]] = {}  # unit -> [total, rectified, new, closed]
        self.new: list[LedgerRow] = []
        self.closed: list[LedgerRow] = []
        self.still_open: list[LedgerRow] = []
        self.filers: set[str] = set()  # the ledgers' own 填报单位, up to two

    def add(self, ledger: Ledger) -> None:
        """Count every row of ``ledger`` (each carrying its filer: its own or the ledger's)."""
        self.ledgers += 1
        if ledger.filer.unit and len(self.filers) < 2:
            self.filers.add(ledger.filer.unit)
        for row in ledger.rows:
            known = self.as_known(row, ledger.filer)
            if known is None:
                continue
            self.counts.add(known)
            unit = self.units.setdefault(unit_of(known), [0, 0, 0, 0])
            unit[0] += 1
            if known.rectified:
                unit[1] += 1
                self.done[item_of(known)] += 1
            self.place(known)

    def as_known(self, row: LedgerRow, filer: Filer) -> LedgerRow | None:
        """``row`` as it stood on ``as_of``, carrying its filer (``filer`` when it has none
        of its own): None if it was found later, still open if it was rectified later."""
        if row.discovered_on is not None and row.discovered_on > self.as_of:
            return None
        later = row.rectified_on is not None and row.rectified_on > self.as_of
        if row.filer is None or later:
            row = copied(row, filer=filer if row.filer is None else None, open_=later)
        return row

    def place(self, row: LedgerRow) -> None:
        """Put a row (as :meth:`as_known` gives it) where the report lists it: new this week,
        closed this week, still open — counting the first two for its unit, which must
        already be in :attr:`units`."""
        start = self.as_of - dt.timedelta(days=6)
        unit = self.units[unit_of(row)]
        if row.rectified:
            if row.rectified_on is not None and row.rectified_on >= start:
                self.closed.append(row)
                unit[3] += 1
        else:
            self.still_open.append(row)
        if row.discovered_on is not None and row.discovered_on >= start:
            self.new.append(row)
            unit[2] += 1

    def update(self, other: WeeklyTally) -> None:
        """Add the figures of ``other`` (same ``as_of``), as if its ledgers came next."""
        if other.as_of != self.as_of:
            raise ValueError(f"截止日期不同：{self.as_of} 与 {other.as_of}")
        self.ledgers += other.ledgers
        self.counts.update(other.counts)
        self.done.update(other.done)
        for name, figures in other.units.items():
            mine = self.units.setdefault(name, [0, 0, 0, 0])
            for i, figure in enumerate(figures):
                mine[i] += figure
        self.new += other.new
        self.closed += other.closed
        self.still_open += other.still_open
        for name in other.filers:
            if len(self.filers) < 2:
                self.filers.add(name)

    @property
    def sender(self) -> str:
        """The 填报单位 every ledger names, when they all name the same one; else ""."""
        return next(iter(self.filers)) if len(self.filers) == 1 else ""

    def report(self, *, title: str = TITLE, rule: Deadline | None = None) -> WeeklyReport:
        """The report of every ledger added; ``rule`` (by default ``WEEKLY``) says when the next is due."""
        as_of = self.as_of
        # Oldest first, rows without a discovery date last; stable, so filing order breaks ties.
        still_open = sorted(self.still_open, key=lambda r: (r.discovered_on is None, r.discovered_on or dt.date.min))
        overdue = Counter(unit_of(r) for r in still_open if _overdue(r, as_of, OVERDUE_DAYS))
        items = self.counts.items
        return WeeklyReport(
            title=title,
            as_of=as_of,
            next_due=(rule or _weekly()).next_due(as_of + dt.timedelta(days=1), working_days=True),
            summary=self.counts.summary(),
            new=tuple(self.new),
            closed=tuple(self.closed),
            still_open=tuple(still_open),
            items=tuple(
                ItemCount(ref=ref, total=count, rectified=self.done[ref])
                for ref, count in sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
            units=tuple(UnitCount(unit=name, total=f[0], rectified=f[1], new=f[2], closed=f[3], overdue=overdue[name])
                        for name, f in self.units.items()),
        )


def weekly_report(
    ledgers: Iterable[Ledger],
    *,
    as_of: dt.date,
    title: str = TITLE,
    rule: Deadline | None = None,
) -> WeeklyReport:
    """The weekly figures over every row of ``ledgers`` (both kinds), as of ``as_of``.

    "This week" is the seven days ending ``as_of``; ``next_due`` is the first date after
    ``as_of`` that ``rule`` (by default ``WEEKLY``, 每周四下班前) falls on, moved on to the
    next working day when that is a public holiday (2023-10-05, in the National Day
    holiday, becomes 2023-10-07, an adjusted working day). The ledger is taken as it stood
    on ``as_of``: problems found later are not counted, and one rectified later counts as
    still open. ``units`` has each 填报单位 in the order first met.
    """
    tally = WeeklyTally(as_of)
    for ledger in ledgers:
        tally.add(ledger)
    return tally.report(title=title, rule=rule)
