"""Identity for UIs: every task and ledger row has a key that readers derive the same
way every time, never from the printed number, and that JSON, attrs.evolve and the
workbooks yifeng writes keep."""

from __future__ import annotations

import io

import attrs
import pytest

from yifeng import examples
from yifeng.io import dumps, loads, read_ledger, read_task_table, write_ledger, write_task_table
from yifeng.model import Ledger, LedgerRow, Task, TaskTable

from .layouts import nhc_layout, workbook
from .test_ledger import institution_ledger, person_ledger


@pytest.fixture(params=["openpyxl", "calamine"])
def engine(request):
    return request.param


def test_importing_twice_gives_the_same_keys_and_no_key_twice(engine):
    first = read_task_table(io.BytesIO(nhc_layout()), engine=engine)
    again = read_task_table(io.BytesIO(nhc_layout()), engine=engine)
    keys = [t.key for t in first.tasks]
    assert keys == [t.key for t in again.tasks] and len(set(keys)) == len(keys) == 13
    # Two tasks saying the same thing are told apart.
    rows = [["序号", "重点任务", "责任单位"], [1, "加强监督检查", "县卫健委"], [2, "加强监督检查", "县卫健委"]]
    twins = read_task_table(io.BytesIO(workbook(rows)), engine=engine).tasks
    assert twins[0].key != twins[1].key and twins[1].key == f"{twins[0].key}-2"


def test_renumbering_changes_no_key():
    tasks = examples.campaign("nhc-2022").tasks
    renumbered = [attrs.evolve(t, number=t.number + 100) for t in tasks]
    assert [t.key for t in renumbered] == [t.key for t in tasks]
    # A task built anew from the same content gets the same key, whatever its number.
    assert Task(number=7, title=tasks[0].title, content=tasks[0].content, category=tasks[0].category).key == tasks[0].key


@pytest.mark.parametrize("make", [institution_ledger, person_ledger])
def test_keys_survive_the_ledger_workbook(tmp_path, make, engine):
    ledger = read_ledger(io.BytesIO(make()), engine=engine)
    # A UI gave the first row a key of its own: it is written and read back as it is.
    ledger = attrs.evolve(ledger, rows=(attrs.evolve(ledger.rows[0], key="ui-42"), *ledger.rows[1:]))
    write_ledger(ledger, tmp_path / "台账.xlsx")
    back = read_ledger(tmp_path / "台账.xlsx", engine=engine)
    assert [r.key for r in back.rows] == [r.key for r in ledger.rows]
    assert back.rows[0].key == "ui-42" and back.extra_columns == ledger.extra_columns


def test_keys_survive_the_task_table_workbook(tmp_path, engine):
    table = TaskTable(title="分工表", tasks=tuple(attrs.evolve(t, number=i + 1) for i, t in enumerate(
        examples.campaign("lingbi-2020").tasks)))
    edited = attrs.evolve(table, tasks=(attrs.evolve(table.tasks[0], key="form-1", content="改写后的内容。"),
                                        *table.tasks[1:]))
    write_task_table(edited, tmp_path / "t.xlsx")
    back = read_task_table(tmp_path / "t.xlsx", engine=engine)
    assert [t.key for t in back.tasks] == [t.key for t in edited.tasks]
    assert back.tasks[0].key == "form-1" and back.tasks[0].content == "改写后的内容。"


def test_keys_survive_json_and_evolve():
    campaign = examples.campaign("xinglongtai-2023")
    ledger = Ledger(kind=campaign.ledgers[0].kind, rows=(LedgerRow(number=1, institution="某医院", key="r-1"),))
    for obj in (campaign, ledger):
        back = loads(dumps(obj), type(obj))
        items = back.tasks if hasattr(back, "tasks") else back.rows
        original = obj.tasks if hasattr(obj, "tasks") else obj.rows
        assert [i.key for i in items] == [i.key for i in original]
    changed = attrs.evolve(ledger.rows[0], description="收受回扣")
    assert changed.key == "r-1"


def test_a_key_edited_with_spaces_in_excel_is_kept_without_them(tmp_path):
    rows = [["序号", "重点任务", "责任单位", "yifeng标识"], [1, "加强监督检查", "县卫健委", " a b "]]
    task = read_task_table(io.BytesIO(workbook(rows))).tasks[0]
    assert task.key == "ab"


def test_twin_tasks_written_as_prose_get_distinct_keys():
    from yifeng.io import read_notice_text

    text = "关于开展专项整治的通知\n一、重点任务\n（一）加强监督检查。\n（二）加强监督检查。\n"
    tasks = read_notice_text(text).campaign.tasks
    assert len(tasks) == 2 and tasks[1].key == f"{tasks[0].key}-2"


def test_reader_diagnostics_about_a_field_carry_the_key_of_their_task_or_row():
    table = read_task_table(io.BytesIO(workbook([["序号", "重点任务", "责任单位", "完成时限"],
                                                  [1, "任务一。", "县卫生健康委", "尽快"],
                                                  [2, "任务二。", "县医保局", None]])), year=2020)
    by_row = {t.source.row: t.key for t in table.tasks}
    assert [(d.code, d.field, d.key) for d in table.diagnostics] == [
        ("deadline-unparsed", "deadline", by_row[2]), ("deadline-missing", "deadline", by_row[3])]
    ledger = read_ledger(io.BytesIO(institution_ledger()))
    rows = {r.source.row: r.key for r in ledger.rows}
    about_rows = [d for d in ledger.diagnostics if d.field is not None]
    assert about_rows and all(d.key == rows[d.row] for d in about_rows)
    assert {d.code for d in about_rows} >= {"date-unparsed", "rectified-unparsed"}
