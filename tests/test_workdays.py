"""Working days know China's public holidays and adjusted working days (调休), with the
State Council's published arrangements as the expected values."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from yifeng.model import (
    WEEKLY,
    CalendarWarning,
    Deadline,
    is_working_day,
    next_working_day,
    weekly_report,
    working_days_between,
)
from yifeng.model import _workdays

D = dt.date


# 国办发明电〔2022〕16号: 9月29日至10月6日放假调休，共8天；10月7日（星期六）、10月8日（星期日）上班。
@pytest.mark.parametrize(("day", "working"), [
    (D(2023, 9, 28), True), (D(2023, 9, 29), False), (D(2023, 10, 5), False), (D(2023, 10, 6), False),
    (D(2023, 10, 7), True), (D(2023, 10, 8), True), (D(2023, 10, 14), False),
    # 国办发明电〔2024〕12号 (2025): 1月26日（星期日）上班, 2月8日（星期六）上班.
    (D(2025, 1, 26), True), (D(2025, 1, 29), False), (D(2025, 2, 8), True),
])
def test_working_days_follow_the_announced_arrangements(day, working):
    assert is_working_day(day) is working


def test_a_due_date_on_a_holiday_moves_to_the_next_working_day():
    assert next_working_day(D(2023, 10, 1)) == D(2023, 10, 7)
    assert next_working_day(D(2023, 9, 28)) == D(2023, 9, 28)
    # 每周四下班前, the week of National Day 2023: Thursday 10-05 is a holiday.
    assert WEEKLY.next_due(D(2023, 9, 29)) == D(2023, 10, 5)  # what the rule says
    assert WEEKLY.next_due(D(2023, 9, 29), working_days=True) == D(2023, 10, 7)  # when it is due
    assert Deadline.parse("2023年10月1日前").next_due(D(2023, 9, 1), working_days=True) == D(2023, 10, 7)


def test_working_days_open():
    assert working_days_between(D(2023, 9, 28), D(2023, 10, 9)) == 3  # 10-07, 10-08 (调休), 10-09
    assert working_days_between(D(2023, 10, 9), D(2023, 10, 9)) == 0
    from .test_ledger import institution_ledger
    from yifeng.io import read_ledger
    import io

    report = weekly_report([read_ledger(io.BytesIO(institution_ledger()))], as_of=D(2023, 10, 9))
    assert report.next_due == D(2023, 10, 12)
    row = next(r for r in report.still_open if r.discovered_on is not None and r.discovered_on <= D(2023, 9, 28))
    assert report.age(row) == (D(2023, 10, 9) - row.discovered_on).days
    assert report.age(row, working_days=True) == working_days_between(row.discovered_on, D(2023, 10, 9))
    assert report.age(row, working_days=True) < report.age(row)


def test_a_date_beyond_the_calendar_is_judged_by_weekday_with_one_warning(monkeypatch):
    monkeypatch.setattr(_workdays, "_WARNED", set())
    far = D(2099, 5, 1)  # a Friday; no calendar has 2099's holidays
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert is_working_day(far) is True
        assert next_working_day(D(2099, 5, 2)) == D(2099, 5, 4)
    assert [w.category for w in caught] == [CalendarWarning]
    assert "2099 年不在节假日日历的数据范围内" in str(caught[0].message)
