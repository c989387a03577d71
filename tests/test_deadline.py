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


# Every form of the deadline grammar, as real documents write it (source in the comment),
# with the document's year and what a reader takes it to mean.
GRAMMAR = [
    ("2022年底前", None, D(2022, 12, 31)),  # issue 9's sample of real 完成时限 cells
    ("2025年底前", 2025, D(2025, 12, 31)),  # corpus 107, an item heading
    ("2026年底前", 2025, D(2026, 12, 31)),  # corpus 107: its own year wins over the document's
    ("今年底前", 2024, D(2024, 12, 31)),
    ("本年度内", 2023, D(2023, 12, 31)),
    ("年内", 2023, D(2023, 12, 31)),
    ("年底前", 2020, D(2020, 12, 31)),  # seed 000
    ("2022.12", None, D(2022, 12, 31)),
    ("10月份", 2023, D(2023, 10, 31)),
    ("9月至12月", 2023, D(2023, 12, 31)),  # a period: due at its end
    ("9月—12月", 2022, D(2022, 12, 31)),
    ("2023年9月1日-2024年5月底", None, D(2024, 5, 31)),  # seed 004, phase 2
    ("不迟于11月底", 2026, D(2026, 11, 30)),  # NHC 国卫办函〔2026〕27号
    ("9月上旬前完成", 2020, D(2020, 9, 10)),
    ("9月中旬", 2020, D(2020, 9, 20)),
    ("9月下旬", 2020, D(2020, 9, 30)),
    ("第三季度", 2020, D(2020, 9, 30)),
    ("2023年第4季度末", None, D(2023, 12, 31)),
    ("上半年", 2020, D(2020, 6, 30)),
    ("下半年", 2020, D(2020, 12, 31)),
    ("力争在2021年6月底前", None, D(2021, 6, 30)),  # 医保发〔2021〕27号
    ("于 6 月 24 日前", 2024, D(2024, 6, 24)),  # a district notice's PDF text
    ("2025年10月25日前", None, D(2025, 10, 25)),  # 国卫办财务函〔2025〕389号
    ("十二月底前", 2020, D(2020, 12, 31)),  # numerals in characters
    ("次年3月底前", 2024, D(2025, 3, 31)),
    ("2024-2025年", None, D(2025, 12, 31)),  # a period of years
    ("9-12月", 2024, D(2024, 12, 31)),  # the month written once, at the end
    ("2024年9-12月", None, D(2024, 12, 31)),
    ("2024年3月中下旬", None, D(2024, 3, 31)),
    ("2024年12月底前（长期坚持）", None, D(2024, 12, 31)),  # a remark in brackets
    ("2024年11月底前完成自查，12月底前完成整改", None, D(2024, 12, 31)),  # stages: due at the last
]


@pytest.mark.parametrize(("text", "year", "due"), GRAMMAR)
def test_grammar_of_dated_deadlines(text, year, due):
    deadline = Deadline.parse(text, year=year)
    assert (deadline.kind, deadline.due, deadline.text) == (DeadlineKind.BY_DATE, due, text)
    assert Deadline.try_parse(text, year=year) == deadline


@pytest.mark.parametrize("text", ["长期坚持", "常态化", "常态化开展", "持续开展", "持续推进", "长期工作", "立行立改", "即日起"])
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
        ("每年12月底前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"),  # the month is kept
        ("每年10月底前", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=-1"),
        ("每周一、周三", "FREQ=WEEKLY;BYDAY=MO,WE"),  # both days
        ("每周二上午", "FREQ=WEEKLY;BYDAY=TU"),
        ("每月至少一次", "FREQ=MONTHLY"),
        ("每年的3月底前", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1"),
        ("每季度首月10日前", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),  # the day is kept
        ("每季度开展1次", "FREQ=MONTHLY;INTERVAL=3"),
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


@pytest.mark.parametrize("text", ["尽快", "2月30日前", "13月底前", "按要求", "2025年9月21日前后", "省卫生健康委"])
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


@pytest.mark.parametrize("text", ["尽快", "按要求", "2月30日前", "2025年9月21日前后", "首次集中培训时间为11月中旬", "", "  ",
                                  "持续改善护理服务", "立即开展自查自纠工作", "常态化开展监督检查",  # task titles
                                  "每月45日", "每年2月30日", "每月0日", "机制有关成员单位9月底前"])
def test_try_parse_says_none_for_what_is_not_a_deadline(text):
    assert Deadline.try_parse(text, year=2025) is None


def test_impossible_dates_are_told_apart_from_non_deadlines():
    with pytest.raises(ParseError) as impossible:
        Deadline.parse("2月30日前", year=2021)
    with pytest.raises(ParseError) as unknown:
        Deadline.parse("尽快")
    assert impossible.value.impossible and not unknown.value.impossible


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the deadline inside a task's prose, with its own wording
        ("各地要进一步完善制度，于2024年6月底前完成。", [("2024年6月底前", D(2024, 6, 30))]),
        ("书面总结材料于11月底前分别报送国家卫生健康委医政司。", [("11月底前", D(2025, 11, 30))]),  # corpus 101
        ("新设置的血液透析室不迟于11月底具备提供透析服务能力。", [("不迟于11月底", D(2025, 11, 30))]),
        ("培训佐证材料于 6 月 24 日前报区教育局。", [("6 月 24 日前", D(2025, 6, 24))]),
        ("（一）2025年底前全国所有统筹地区均需开展即时结算。", [("2025年底前", D(2025, 12, 31))]),  # corpus 107
        # targets and relative dates are not deadlines
        ("到2027年底，老年护理服务能力明显提升。", []),
        ("到2027年底前实现全覆盖。", []),
        ("原则上在次月10日前申报医药费用，力争在次月底前拨付到位。", []),  # corpus 107
        ("并于派出前2周分别报送。", []),
        ("2026—2028年在基层医疗卫生机构开展为期3年的行动。", []),
        ("2025年年底前完成改造。", [("2025年年底前", D(2025, 12, 31))]),  # its own year, not the document's
        ("于二〇二四年十二月三十一日前完成。", [("2024年12月31日前", D(2024, 12, 31))]),  # numerals in characters
        ("于2025年9月21日前后召开。", []),  # 前后: about then
    ],
)
def test_deadlines_found_inside_running_text(text, found):
    assert [(d.text, d.due) for d in Deadline.find(text, year=2025)] == found


def test_a_yearly_date_in_running_text_is_recurring():
    [yearly] = Deadline.find("每年10月底前派出医疗队", year=2025)
    assert (yearly.kind, yearly.recurrence) == (DeadlineKind.RECURRING, "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=-1")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2026年3月—4月", (D(2026, 3, 1), D(2026, 4, 30))),  # corpus 103, a phase
        ("2023年9月1日-2024年5月底", (D(2023, 9, 1), D(2024, 5, 31))),  # seed 004
        ("9月中旬至10月底", (D(2025, 9, 11), D(2025, 10, 31))),
        ("2024.9-2024.12", (D(2024, 9, 1), D(2024, 12, 31))),
        ("2024年12月", (D(2024, 12, 1), D(2024, 12, 31))),  # a phase of one month
        ("2020年8月底前", (None, D(2020, 8, 31))),  # seed 003: only an end
    ],
)
def test_periods_of_phases(text, period):
    from yifeng.model._deadline import parse_period

    assert parse_period(text, 2025) == period
