"""Working days in China: weekends, public holidays and the adjusted working days
(调休) the State Council announces each year, from the ``chinesecalendar`` package.

A date outside the package's data (it covers the years the State Council has announced)
is judged by weekday alone, with a :class:`CalendarWarning` saying so once per year.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Final

_WARNED: Final[set[int]] = set()


class CalendarWarning(UserWarning):
    """A date lies outside the holiday calendar's data: only weekends were counted."""


def is_working_day(day: dt.date) -> bool:
    """Whether offices work on ``day``: not a weekend, not a public holiday, or an
    adjusted working day (2023-10-07, a Saturday, was one)."""
    import chinese_calendar  # type: ignore[import-untyped]  # ships no type information; imported when first needed

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        if day.year not in _WARNED:
            from importlib import metadata

            _WARNED.add(day.year)
            warnings.warn(CalendarWarning(
                f"{day.year} 年不在节假日日历的数据范围内（chinesecalendar {metadata.version('chinesecalendar')}）："
                "只按周六、周日判断，法定节假日和调休未计入；升级 chinesecalendar 可得到新年份的安排"), stacklevel=2)
        return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when offices work on it, else the first working day after it
    (a due date on a holiday moves on: 遇节假日顺延)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` is
    not after ``start``)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count
