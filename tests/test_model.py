"""Validation at construction, and the model's own queries."""

import datetime as dt

import attrs
import pytest

from yifeng import examples
from yifeng.errors import ModelError, ParseError
from yifeng.model import (
    Campaign,
    Diagnostic,
    Ledger,
    LedgerKind,
    LedgerRow,
    NegativeListArea,
    NegativeListItem,
    Phase,
    PostalAddress,
    ReportingChannel,
    Role,
    Section,
    Severity,
    Task,
    parse_negative_list_ref,
)

D = dt.date


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Task(number=0, title="x"), "Task.number"),
        (lambda: Task(number=1, title=" ", content=""), "Task.title"),
        (lambda: Phase(number=1, name="自查自纠", start=D(2023, 9, 2), end=D(2023, 9, 1)), "Phase.end"),
        (lambda: Campaign(title="x", tasks=(Task(number=1, title="a"), Task(number=1, title="b"))), "Campaign.tasks"),
        (lambda: Campaign(title="x", year=20), "Campaign.year"),
        (lambda: Campaign(title="x", start=D(2024, 1, 1), end=D(2023, 1, 1)), "Campaign.end"),
        (lambda: Campaign(title=""), "Campaign.title"),
        (
            lambda: NegativeListArea(number=1, title="x", items=(NegativeListItem(area=2, number=1, text="t"),)),
            "NegativeListArea.items",
        ),
        (lambda: LedgerRow(unparsed=(("colour", "red"),)), "LedgerRow.unparsed"),
        (lambda: LedgerRow(number=-1), "LedgerRow.number"),
        (lambda: Diagnostic(severity=Severity.ERROR, code="Bad Code", message="m"), "Diagnostic.code"),
        (lambda: Diagnostic(severity=Severity.ERROR, code="date-unparsed", message="m", cell="5G"), "Diagnostic.cell"),
        (lambda: Diagnostic(severity=Severity.ERROR, code="bad-date", message="m"), "Diagnostic.code"),
        (lambda: Diagnostic(severity=Severity.ERROR, code="date-unparsed", message="m", cell="G5", row=4, column=7),
         "Diagnostic.cell"),
        (lambda: PostalAddress(address="x", postcode="12401"), "PostalAddress.postcode"),
        (lambda: ReportingChannel(organisation="x", email="not-an-email"), "ReportingChannel.email"),
        (lambda: ReportingChannel(organisation="x", phone="call us"), "ReportingChannel.phone"),
    ],
)
def test_impossible_values_raise_model_error_naming_the_field(build, field):
    with pytest.raises(ModelError, match=rf"^{field}："):
        build()


def test_change_with_evolve_validates_again():
    task = examples.campaign("jilin-2021").tasks[0]
    assert attrs.evolve(task, number=11).number == 11
    with pytest.raises(ModelError):
        attrs.evolve(task, number=0)


def test_section_levels_and_numbers_from_labels():
    cases = {"一、": (1, 1), "（三）": (2, 3), "(十二)": (2, 12), "4.": (3, 4), "5、": (3, 5), "（6）": (4, 6), "": (None, None)}
    for label, expected in cases.items():
        section = Section(label=label)
        assert (section.level, section.number) == expected, label


def test_section_walk_is_depth_first():
    sections = examples.campaign("lingbi-2020").sections
    walked = [s.label for s in sections[1].walk()][:4]
    assert walked == ["二、", "（一）", "1、", "2、"]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("（二）2.（3）", (2, 3)), ("(二)2.(3)", (2, 3)), ("（六）（5）", (6, 5)), ("2-3", (2, 3)), ("（十）2．（1）", (10, 1))],
)
def test_negative_list_refs(ref, expected):
    assert parse_negative_list_ref(ref) == expected


def test_negative_list_ref_round_trips_through_item_ref():
    for item in examples.campaign("xinglongtai-2023").negative_list_items:
        assert parse_negative_list_ref(item.ref) == (item.area, item.number)


def test_bad_negative_list_ref():
    with pytest.raises(ParseError):
        parse_negative_list_ref("第二类第三条")


def test_tasks_by_unit_for_each_role():
    campaign = examples.campaign("lingbi-2020")
    leads = campaign.tasks_by_unit(Role.LEAD)
    assert [t.number for t in leads["县医保局"]] == [5, 6, 7, 8, 10, 17]
    supports = campaign.tasks_by_unit(Role.SUPPORT)
    assert [t.number for t in supports["县公安局"]] == [7, 8, 11, 17]
    joint = campaign.tasks_by_unit(Role.JOINT)
    assert set(joint) == {"其他部门", "机制各成员单位"}
    anyone = campaign.tasks_by_unit(None)
    assert [t.number for t in anyone["县公安局"]] == [7, 8, 9, 11, 15, 17]


def test_units_lists_each_body_once():
    units = examples.campaign("jilin-2021").units()
    assert [u.name for u in units].count("省市场监督管理厅") == 1
    assert not any(u.name == "省市场监管厅" for u in units)


def test_requirements_are_the_work_requirement_sections():
    assert [s.title for s in examples.campaign("lingbi-2020").requirements] == ["保障措施", "工作要求"]


def test_ledger_columns_follow_the_seed_templates():
    institution = Ledger(kind=LedgerKind.INSTITUTION)
    person = Ledger(kind=LedgerKind.PERSON)
    assert institution.columns[1] == "存在问题机构名称" and len(institution.columns) == 14
    assert person.columns[1] == "存在问题人员姓名" and len(person.columns) == 15
    assert person.columns[-2:] == ("整治工作负责人", "手机号码")


def test_ledger_row_keeps_unparsed_text():
    row = LedgerRow(unparsed=(("discovered_on", "九月中"),))
    assert row.original("discovered_on") == "九月中"
    assert row.original("rectified_on") is None


def test_diagnostic_str():
    diagnostic = Diagnostic(severity=Severity.ERROR, code="date-unparsed", message="日期无法识别", sheet="台账", cell="G5")
    assert str(diagnostic) == "台账!G5 date-unparsed 日期无法识别"
    assert (diagnostic.row, diagnostic.column) == (5, 7)
    assert str(Diagnostic(severity=Severity.WARNING, code="tasks-none", message="m")) == "tasks-none m"
    assert str(Diagnostic(severity=Severity.WARNING, code="tasks-none", message="m", line=12)) == "第 12 行 tasks-none m"


def test_cell_is_derived_from_row_and_column_in_a_sheet():
    diagnostic = Diagnostic(severity=Severity.ERROR, code="date-unparsed", message="m", sheet="台账", row=5, column=28)
    assert diagnostic.cell == "AB5"
    assert Diagnostic(severity=Severity.ERROR, code="date-unparsed", message="m", row=5, column=2).cell is None


def test_assigning_a_field_says_what_to_do_in_chinese():
    import attrs as _attrs

    from yifeng.model import Ledger, LedgerKind, Task

    task = Task(number=1, title="加强监管")
    with pytest.raises(_attrs.exceptions.FrozenInstanceError, match=r"attrs\.evolve\(原对象, title=新值\)"):
        task.title = "别的"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="Ledger 对象创建后不能修改"):
        del Ledger(kind=LedgerKind.PERSON).title  # type: ignore[misc]
    assert task.title == "加强监管" and _attrs.evolve(task, title="别的").title == "别的"
