"""Hypothesis strategies for every model type, respecting each class's validators."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from yifeng.model import (
    ChangeKind,
    Diff,
    FieldChange,
    ItemChange,
    DIAGNOSTIC_CODES,
    BasisDocument,
    Campaign,
    CampaignKind,
    Deadline,
    DeadlineKind,
    Diagnostic,
    DiagnosticCode,
    DocNumber,
    Filer,
    Ledger,
    LedgerKind,
    LedgerRow,
    LedgerSummary,
    ItemCount,
    UnitCount,
    WeeklyReport,
    Level,
    MemberRole,
    NegativeListArea,
    NegativeListItem,
    Notice,
    Phase,
    PostalAddress,
    ReportingChannel,
    ReportRequirement,
    Responsibility,
    Section,
    Severity,
    Source,
    Task,
    TaskTable,
    Unit,
    UnitDuty,
    WorkGroup,
    WorkGroupMember,
)
from yifeng.model._ledger import _ROW_FIELDS

# Chinese, the punctuation documents use, and the characters that break XML and JSON.
_ALPHABET = st.sampled_from(
    list("县卫生健康委医保局牵头配合按职责分别共同推进各成员单位（）《》“”、，。；：")
    + list("abcXYZ0123456789 \n\t<>&\"'\\/{}")
    + ["\u3000", "\u00a0", "é", "😀"]
)
text = st.text(_ALPHABET, max_size=30)
blank_free = text.filter(lambda s: s.strip() != "")
name = st.text(st.sampled_from(list("县市省区卫生健康委医保局公安厅部成员单位其他机制各")), min_size=1, max_size=12)
small = st.integers(min_value=1, max_value=10_000)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
years = st.integers(min_value=1949, max_value=2200)


def tuples(strategy: st.SearchStrategy, max_size: int = 3, **kwargs: object) -> st.SearchStrategy:
    return st.lists(strategy, max_size=max_size, **kwargs).map(tuple)  # type: ignore[arg-type]


def date_pair() -> st.SearchStrategy[tuple[dt.date | None, dt.date | None]]:
    both = st.tuples(dates, dates).map(sorted).map(tuple)
    return st.one_of(both, st.tuples(st.none() | dates, st.none()), st.tuples(st.none(), dates))


sources = st.builds(Source, file=st.none() | text, sheet=st.none() | text, row=st.none() | small,
                    line=st.none() | small)
_codes = st.sampled_from(sorted(DIAGNOSTIC_CODES))
_positions = st.one_of(
    st.fixed_dictionaries({"cell": st.none() | st.from_regex(r"[A-Z]{1,3}[1-9][0-9]{0,5}", fullmatch=True)}),
    st.fixed_dictionaries({"row": st.none() | small, "column": st.none() | small, "line": st.none() | small}),
)
diagnostics = st.builds(
    lambda position, **kwargs: Diagnostic(**kwargs, **position),
    position=_positions,
    severity=st.sampled_from(Severity),
    code=_codes,
    message=blank_free,
    sheet=st.none() | text,
    file=st.none() | text,
    field=st.none() | text,
    text=text,
)
diagnostic_codes = st.sampled_from(list(DIAGNOSTIC_CODES.values()))
doc_numbers = st.builds(
    DocNumber,
    agency=st.text(st.sampled_from(list("国卫医函陕办发辽盘急")), min_size=1, max_size=6),
    year=years,
    serial=small,
)
_RULES = ["FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=3", "FREQ=DAILY", "FREQ=YEARLY"]
deadlines = st.one_of(
    st.builds(Deadline, kind=st.just(DeadlineKind.BY_DATE), text=text, due=dates),
    st.builds(Deadline, kind=st.just(DeadlineKind.BY_DATE), text=blank_free, due=st.none()),
    st.builds(Deadline, kind=st.just(DeadlineKind.ONGOING), text=text),
    st.builds(Deadline, kind=st.just(DeadlineKind.RECURRING), text=text, recurrence=st.sampled_from(_RULES)),
    st.builds(Deadline, kind=st.just(DeadlineKind.UNSPECIFIED), text=text),
)
units = st.builds(Unit, name=name, group=st.booleans())
_role_units = tuples(units, unique_by=lambda u: u.canonical)
responsibilities = st.builds(Responsibility, text=text, leads=_role_units, supports=_role_units, joint=_role_units,
                             unresolved=tuples(blank_free))
tasks = st.builds(
    Task,
    number=small,
    title=blank_free,
    content=text,
    category=st.none() | text,
    responsibility=responsibilities,
    deadline=deadlines,
    remark=text,
    source=st.none() | sources,
)
sections = st.deferred(
    lambda: st.builds(
        Section,
        label=st.sampled_from(["", "一、", "（二）", "(三)", "4.", "5、", "（6）", "第一阶段："]),
        title=text,
        run_in=st.booleans(),
        paragraphs=tuples(text),
        children=tuples(sections, max_size=2),
    )
)
reports = st.builds(ReportRequirement, what=blank_free, due=deadlines, to=text)
phases = date_pair().flatmap(
    lambda pair: st.builds(
        Phase,
        number=small,
        name=blank_free,
        period=text,
        start=st.just(pair[0]),
        end=st.just(pair[1]),
        tasks=tuples(text),
        measures=tuples(text),
        reports=tuples(reports),
    )
)
basis_documents = st.builds(BasisDocument, title=blank_free, doc_number=st.none() | doc_numbers)


def _area(number: int) -> st.SearchStrategy[NegativeListArea]:
    items = tuples(
        st.builds(NegativeListItem, area=st.just(number), number=small, text=blank_free),
        max_size=5,
        unique_by=lambda i: i.number,
    )
    return st.builds(
        NegativeListArea,
        number=st.just(number),
        title=blank_free,
        scope=text,
        focus=text,
        items=items,
        responsibility=responsibilities,
    )


negative_list_areas = small.flatmap(_area)
negative_list_items = st.builds(NegativeListItem, area=small, number=small, text=blank_free)
members = st.builds(
    WorkGroupMember, role=st.sampled_from(MemberRole), name=name, unit=text, title=text
)
duties = st.builds(UnitDuty, department=blank_free, duty=blank_free)
work_groups = st.builds(
    WorkGroup, name=blank_free, office=text, units=tuples(units), members=tuples(members), duties=tuples(duties)
)
addresses = st.builds(
    PostalAddress, address=blank_free, recipient=text, postcode=st.just("") | st.from_regex(r"[0-9]{6}", fullmatch=True)
)
channels = st.builds(
    ReportingChannel,
    organisation=blank_free,
    phone=st.just("") | st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9}", fullmatch=True),
    mailbox=st.none() | addresses,
    email=st.just("") | st.from_regex(r"[a-z0-9]{1,10}@[a-z0-9]{1,8}\.(com|cn)", fullmatch=True),
)
filers = st.builds(Filer, unit=text, person=text, contact=text)
_unparsed = st.lists(
    st.tuples(st.sampled_from(sorted(_ROW_FIELDS)), text), max_size=3, unique_by=lambda pair: pair[0]
).map(tuple)
ledger_rows = st.builds(
    LedgerRow,
    number=st.none() | small,
    institution=text,
    person=text,
    unit=text,
    authority=text,
    negative_list_ref=text,
    description=text,
    discovered_via=text,
    discovered_on=st.none() | dates,
    measures=text,
    decision=text,
    policy_basis=text,
    rectified=st.booleans(),
    rectified_on=st.none() | dates,
    owner=text,
    phone=text,
    unparsed=_unparsed,
    filer=st.none() | filers,
    source=st.none() | sources,
)
ledgers = st.builds(
    Ledger,
    kind=st.sampled_from(LedgerKind),
    title=text,
    filer=filers,
    rows=tuples(ledger_rows),
    diagnostics=tuples(diagnostics),
)
campaigns = date_pair().flatmap(
    lambda pair: st.builds(
        Campaign,
        title=blank_free,
        kind=st.none() | st.sampled_from(CampaignKind),
        level=st.none() | st.sampled_from(Level),
        year=st.none() | years,
        start=st.just(pair[0]),
        end=st.just(pair[1]),
        issuers=tuples(text),
        basis=tuples(basis_documents),
        preamble=tuples(text),
        sections=tuples(sections, max_size=2),
        table_title=text,
        tasks=tuples(tasks, unique_by=lambda t: t.number),
        table_notes=tuples(text),
        negative_list=tuples(negative_list_areas, max_size=2, unique_by=lambda a: a.number),
        phases=tuples(phases, max_size=2),
        reports=tuples(reports, max_size=2),
        work_group=st.none() | work_groups,
        reporting_channels=tuples(channels, max_size=2),
        ledgers=tuples(ledgers, max_size=1),
        attachments=tuples(text),
    )
)
notices = st.builds(
    Notice,
    title=blank_free,
    doc_number=st.none() | doc_numbers,
    issuers=tuples(text),
    mark_suffix=st.sampled_from(["", "文件"]),
    recipients=tuples(text),
    body=tuples(text),
    attachments=tuples(text),
    signature=tuples(text),
    date=st.none() | dates,
    disclosure=text,
    cc=tuples(text),
    printed_by=text,
    printed_on=st.none() | dates,
    proofreader=text,
    campaign=st.none() | campaigns,
    diagnostics=tuples(diagnostics),
)

task_tables = st.builds(
    TaskTable,
    title=text,
    year=st.none() | years,
    tasks=tuples(tasks),
    notes=tuples(text),
    diagnostics=tuples(diagnostics),
    source=st.none() | sources,
)

_counts = st.lists(st.tuples(text, st.integers(min_value=0, max_value=10**6)), max_size=3, unique_by=lambda pair: pair[0]).map(tuple)
ledger_summaries = st.builds(
    LedgerSummary, total=st.integers(0, 10**6), rectified=st.integers(0, 10**6), by_area=_counts, by_item=_counts,
    by_discovery=_counts, by_authority=_counts,
)

item_counts = st.builds(ItemCount, ref=text, total=st.integers(0, 10**6), rectified=st.integers(0, 10**6))
unit_counts = st.builds(UnitCount, unit=text, total=st.integers(0, 10**6), rectified=st.integers(0, 10**6),
                        new=st.integers(0, 10**6), closed=st.integers(0, 10**6), overdue=st.integers(0, 10**6))
weekly_reports = st.builds(
    WeeklyReport, title=text, as_of=dates, next_due=st.none() | dates, summary=ledger_summaries,
    new=tuples(ledger_rows), closed=tuples(ledger_rows), still_open=tuples(ledger_rows), items=tuples(item_counts),
    units=tuples(unit_counts),
)

# One strategy per public model class; test_roundtrip checks the list is complete.
# A diff's old and new values are JSON values (what _plain makes of model values).
json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                           max_leaves=6)
field_changes = st.builds(FieldChange, field=st.sampled_from(["content", "deadline.text", "responsibility.leads"]),
                          old=json_values, new=json_values)
item_changes = st.builds(ItemChange, key=st.from_regex(r"[a-z]-[0-9a-f]{6}", fullmatch=True),
                         kind=st.sampled_from(ChangeKind), number=st.none() | st.integers(1, 99), title=text,
                         old_position=st.none() | st.integers(1, 99), new_position=st.none() | st.integers(1, 99),
                         fields=st.lists(field_changes, max_size=3).map(tuple))
diffs = st.builds(Diff, of=st.sampled_from(["Campaign", "TaskTable", "Ledger"]),
                  document=st.lists(field_changes, max_size=2).map(tuple),
                  items=st.lists(item_changes, max_size=3).map(tuple))

BY_TYPE = {
    BasisDocument: basis_documents,
    Campaign: campaigns,
    Deadline: deadlines,
    Diagnostic: diagnostics,
    DiagnosticCode: diagnostic_codes,
    Diff: diffs,
    FieldChange: field_changes,
    ItemChange: item_changes,
    DocNumber: doc_numbers,
    Filer: filers,
    Ledger: ledgers,
    LedgerRow: ledger_rows,
    LedgerSummary: ledger_summaries,
    ItemCount: item_counts,
    UnitCount: unit_counts,
    WeeklyReport: weekly_reports,
    NegativeListArea: negative_list_areas,
    NegativeListItem: negative_list_items,
    Notice: notices,
    Phase: phases,
    PostalAddress: addresses,
    ReportRequirement: reports,
    ReportingChannel: channels,
    Responsibility: responsibilities,
    Section: sections,
    Source: sources,
    Task: tasks,
    TaskTable: task_tables,
    Unit: units,
    UnitDuty: duties,
    WorkGroup: work_groups,
    WorkGroupMember: members,
}
