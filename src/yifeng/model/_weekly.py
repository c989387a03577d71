"""周调度: the weekly figures a district work group reports from its 台账."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from yifeng.model._check import text_fields
from yifeng.model._deadline import Deadline
from yifeng.model._ledger import Ledger, LedgerRow, LedgerRows
from yifeng.model._records import short_repr
from yifeng.model._ledger_ops import LedgerSummary, filed_rows, open_rows, ref_key, summarise_ledger
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


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class ItemCount:
    """One negative-list item's problems: found, rectified, still open."""

    ref: str
    total: int
    rectified: int

    @property
    def open(self) -> int:
        return self.total - self.rectified


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

    def overdue(self, days: int = 30) -> LedgerRows:
        """The rows still open more than ``days`` calendar days after they were found."""
        return self.still_open.where(lambda r: (self.age(r) or 0) > days)

    def _repr_html_(self) -> str:
        from yifeng.model._html import weekly_html

        return weekly_html(self)

    def __str__(self) -> str:
        from yifeng.model._html import weekly_text

        return weekly_text(self)


def weekly_report(
    ledgers: Iterable[Ledger],
    *,
    as_of: dt.date,
    title: str = "医药领域腐败问题集中整治工作周调度情况",
    rule: Deadline | None = None,
) -> WeeklyReport:
    """The weekly figures over every row of ``ledgers`` (both kinds), as of ``as_of``.

    "This week" is the seven days ending ``as_of``; ``next_due`` is the first date after
    ``as_of`` that ``rule`` (by default ``WEEKLY``, 每周四下班前) falls on, moved on to the
    next working day when that is a public holiday (2023-10-05, in the National Day
    holiday, becomes 2023-10-07, an adjusted working day).
    """
    rows = [row for ledger in ledgers for row in filed_rows(ledger)]
    start = as_of - dt.timedelta(days=6)
    # The ledger as it stood on as_of: problems found later are not there yet, and one
    # rectified later was still open then.
    known = [
        attrs.evolve(r, rectified=False, rectified_on=None) if r.rectified_on is not None and r.rectified_on > as_of else r
        for r in rows
        if r.discovered_on is None or r.discovered_on <= as_of
    ]
    totals = Counter(ref_key(r.negative_list_ref) or "（未填写）" for r in known)
    done = Counter(ref_key(r.negative_list_ref) or "（未填写）" for r in known if r.rectified)
    return WeeklyReport(
        title=title,
        as_of=as_of,
        next_due=(rule if rule is not None else _weekly()).next_due(as_of + dt.timedelta(days=1), working_days=True),
        summary=summarise_ledger(known),
        new=tuple(r for r in known if r.discovered_on is not None and start <= r.discovered_on <= as_of),
        closed=tuple(r for r in known if r.rectified and r.rectified_on is not None and start <= r.rectified_on <= as_of),
        still_open=open_rows(known, as_of=as_of),
        items=tuple(
            ItemCount(ref=ref, total=count, rectified=done[ref])
            for ref, count in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )
