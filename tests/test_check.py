"""Re-checking in memory: after a fix the old diagnostic is gone, and every diagnostic
names its field and the task's or row's key."""

from __future__ import annotations

import io

import attrs

from yifeng.io import read_ledger, read_task_table
from yifeng.model import Deadline, Ledger, LedgerKind, LedgerRow, Responsibility, check

from .layouts import workbook
from .test_ledger import institution_ledger


def test_a_fixed_task_loses_its_diagnostic_and_the_others_keep_theirs():
    rows = [["序号", "重点任务", "责任单位", "完成时限"],
            [1, "加强监督检查", "县卫健委牵头，有关单位视情参与", "视情况而定"],
            [2, "开展专项整治", "县卫健委", "2023年12月底前"]]
    table = read_task_table(io.BytesIO(workbook(rows)))
    first = table.tasks[0]
    # What the reader said about the content, check says too (layout problems aside).
    by_reader = {(d.code, d.field) for d in table.diagnostics}
    by_check = {(d.code, d.field) for d in check(table)}
    assert ("deadline-unparsed", "deadline") in by_reader & by_check
    assert by_check <= by_reader
    assert all(d.key == first.key for d in check(table))
    fixed = attrs.evolve(table, tasks=(attrs.evolve(first, deadline=Deadline.parse("2023年9月底前"),
                                                    responsibility=Responsibility.parse("县卫健委")),
                                       table.tasks[1]))
    assert check(fixed) == ()
    # The reader's diagnostics are a record of the file; check is of the object now.
    assert table.diagnostics and fixed.diagnostics == table.diagnostics


def test_repeated_numbers_under_one_category():
    rows = [["序号", "重点任务", "责任单位"], [1, "加强监督检查", "县卫健委"], [1, "开展专项整治", "县卫健委"]]
    table = read_task_table(io.BytesIO(workbook(rows)))
    found = [(d.code, d.field, d.key) for d in check(table)]
    assert found == [("number-duplicate", "number", table.tasks[1].key)]


def test_ledger_rows_from_a_form_name_field_and_key():
    row = LedgerRow(number=1, institution="兴隆台区人民医院", description="收受回扣", phone="12345", key="form-7")
    found = [(d.code, d.field, d.key) for d in check(Ledger(kind=LedgerKind.INSTITUTION, rows=(row,)))]
    assert ("phone-not-mobile", "phone", "form-7") in found
    assert all(field and key == "form-7" for _, field, key in found)
    ledger = read_ledger(io.BytesIO(institution_ledger()))
    assert {(d.code, d.key) for d in check(ledger)} <= {(d.code, d.key) for d in ledger.diagnostics}
