"""完成时限: every deadline phrase in the five seeds, and the edges around them."""

import datetime as dt

import pytest

from yifeng.errors import ModelError, ParseError, YifengError
from yifeng.model import Deadline, DeadlineKind

D = dt.date

# (phrase as written in a seed, campaign year, expected kind, expected due)
SEED_PHRASES = [
    ("9月底前", 2020, DeadlineKind.BY_DATE, D(2020, 9, 30)),  # 000 row 1
    ("年底前", 2020, DeadlineKind.BY_DATE, D(2020, 12, 31)),  # 000
    ("11 月底前", 2020, DeadlineKind.BY_DATE, D(2020, 11, 30)),  # 000 row 9, PDF space
    ("10 月底前", 2020, DeadlineKind.BY_DATE, D(2020, 10, 31)),  # 000 row 11
    ("长期工作", 2020, DeadlineKind.ONGOING, None),  # 000 row 10
    ("持续推进", 2022, DeadlineKind.ONGOING, None),  # 001
    ("12月底前", 2022, DeadlineKind.BY_DATE, D(2022, 12, 31)),  # 001
    ("", 2022, DeadlineKind.UNSPECIFIED, None),  # 001 row 8's empty cell
    ("12月底前", 2021, DeadlineKind.BY_DATE, D(2021, 12, 31)),  # 002
    ("6月底前", 2021, DeadlineKind.BY_DATE, D(2021, 6, 30)),  # 002 row 10
    ("8月底前", 2020, DeadlineKind.BY_DATE, D(2020, 8, 31)),  # 003 phase 1 report
    ("12月15日之前", 2020, DeadlineKind.BY_DATE, D(2020, 12, 15)),  # 003 phase 3 report
    ("2020年8月底前", None, DeadlineKind.BY_DATE, D(2020, 8, 31)),  # 003 phase 1
    ("2023年9月1日前", None, DeadlineKind.BY_DATE, D(2023, 9, 1)),  # 004 phase 1
    ("2024年6月底前", None, DeadlineKind.BY_DATE, D(2024, 6, 30)),  # 004 phase 3
    ("每周四下班前", None, DeadlineKind.RECURRING, None),  # 004 weekly report
    ("每季度", None, DeadlineKind.RECURRING, None),  # 004 会商会 every quarter
]


@pytest.mark.parametrize(("text", "year", "kind", "due"), SEED_PHRASES)
def test_seed_phrases_parse_as_a_reader_would(text, year, kind, due):
    deadline = Deadline.parse(text, year=year)
    assert (deadline.kind, deadline.due) == (kind, due)
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("１１月底前", D(2020, 11, 30)),
        ("11月\n底前", D(2020, 11, 30)),
        ("2月底前", D(2020, 2, 29)),
        ("9月中旬", D(2020, 9, 20)),
        ("9月上旬前完成", D(2020, 9, 10)),
        ("9月30日", D(2020, 9, 30)),
        ("年底前完成", D(2020, 12, 31)),
        ("上半年", D(2020, 6, 30)),
        ("第三季度", D(2020, 9, 30)),
        ("2023.9.15", D(2023, 9, 15)),
        ("2023/09/18前", D(2023, 9, 18)),
        ("2023-9-1", D(2023, 9, 1)),
        ("12月底前。", D(2020, 12, 31)),
    ],
)
def test_variants_offices_write(text, due):
    assert Deadline.parse(text, year=2020).due == due


@pytest.mark.parametrize("text", ["长期坚持", "常态化", "常态化开展", "持续开展"])
def test_ongoing_phrases(text):
    assert Deadline.parse(text).kind is DeadlineKind.ONGOING


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("每周四下班前", "FREQ=WEEKLY;BYDAY=TH"),
        ("每周", "FREQ=WEEKLY"),
        ("每月", "FREQ=MONTHLY"),
        ("每月5日前", "FREQ=MONTHLY;BYMONTHDAY=5"),
        ("每月底", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("每季度", "FREQ=MONTHLY;INTERVAL=3"),
        ("每季度末", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
        ("每半年", "FREQ=MONTHLY;INTERVAL=6"),
        ("每年", "FREQ=YEARLY"),
    ],
)
def test_recurring_phrases_keep_a_rule(text, rule):
    deadline = Deadline.parse(text)
    assert deadline.kind is DeadlineKind.RECURRING
    assert deadline.recurrence == rule


def test_weekly_thursday_rule_gives_the_next_thursdays():
    weekly = Deadline.parse("每周四下班前")
    # 2023-09-28 was a Thursday: it is due that day, then a week later.
    assert weekly.next_due(D(2023, 9, 28)) == D(2023, 9, 28)
    assert weekly.next_due(D(2023, 9, 29)) == D(2023, 10, 5)
    thursdays = list(weekly.rule(D(2023, 9, 1))[:3])
    assert [d.date() for d in thursdays] == [D(2023, 9, 7), D(2023, 9, 14), D(2023, 9, 21)]


def test_month_only_phrase_without_year_stays_unresolved():
    deadline = Deadline.parse("9月底前")
    assert deadline.kind is DeadlineKind.BY_DATE
    assert deadline.due is None and not deadline.resolved
    assert deadline.with_year(2020).due == D(2020, 9, 30)
    assert deadline.with_year(2020).text == "9月底前"


def test_a_resolved_deadline_ignores_a_later_year():
    deadline = Deadline.parse("2023年9月1日前")
    assert deadline.with_year(2030) is deadline


def test_next_due_for_a_date_and_for_ongoing():
    by_date = Deadline.parse("9月底前", year=2020)
    assert by_date.next_due(D(2020, 9, 1)) == D(2020, 9, 30)
    assert by_date.next_due(D(2020, 10, 1)) is None
    assert Deadline.parse("持续推进").next_due(D(2020, 1, 1)) is None


@pytest.mark.parametrize("text", ["尽快", "2月30日前", "13月底前", "2023年9月1日-2024年5月底", "按要求"])
def test_not_a_deadline_raises_parse_error_keeping_the_text(text):
    with pytest.raises(ParseError) as caught:
        Deadline.parse(text, year=2020)
    assert caught.value.text == text
    assert isinstance(caught.value, YifengError) and isinstance(caught.value, ValueError)


def test_excel_date_cells_become_by_date_deadlines():
    deadline = Deadline.on(D(2023, 9, 30))
    assert (deadline.kind, deadline.due, deadline.text) == (DeadlineKind.BY_DATE, D(2023, 9, 30), "2023年9月30日前")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": DeadlineKind.ONGOING, "due": D(2020, 1, 1)},
        {"kind": DeadlineKind.RECURRING},
        {"kind": DeadlineKind.BY_DATE, "recurrence": "FREQ=WEEKLY"},
        {"kind": DeadlineKind.RECURRING, "recurrence": "NOT A RULE"},
        {"kind": DeadlineKind.BY_DATE},
    ],
)
def test_impossible_deadlines_are_refused(kwargs):
    with pytest.raises(ModelError, match=r"^Deadline\."):
        Deadline(**kwargs)


def test_str_is_the_original_text_or_the_kind():
    assert str(Deadline.parse("11 月底前", 2020)) == "11 月底前"
    assert str(Deadline(kind=DeadlineKind.UNSPECIFIED)) == "未明确"
