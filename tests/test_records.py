"""Collections that show as tables, become DataFrames and Parquet, and stay tuples."""

from __future__ import annotations

import datetime as dt

import attrs
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

from tests import strategies
from yifeng import examples
from yifeng.io import dumps, ledger_schema, loads, read_parquet, write_parquet
from yifeng.model import (
    Diagnostic,
    Diagnostics,
    Groups,
    Ledger,
    LedgerKind,
    LedgerRow,
    LedgerRows,
    NegativeList,
    Phases,
    Role,
    Severity,
    Task,
    TaskTable,
    Tasks,
    check,
    weekly_report,
)


def test_collections_are_tuples_and_keep_their_type():
    campaign = examples.campaign("jilin-2021")
    tasks = campaign.tasks
    assert isinstance(tasks, Tasks) and isinstance(tasks, tuple)
    assert tasks == tuple(tasks) and hash(tasks) == hash(tuple(tasks))
    assert isinstance(tasks[1:3], Tasks) and len(tasks[1:3]) == 2
    assert isinstance(tasks[:2] + tasks[5:], Tasks)
    assert isinstance(tasks[0], Task)
    # Built from a list, evolved with a plain tuple: still a Tasks.
    edited = attrs.evolve(campaign, tasks=list(tasks[:2]))
    assert isinstance(edited.tasks, Tasks) and edited.tasks == tasks[:2]
    # JSON keeps the wire format an array and gives the collection back.
    again = loads(dumps(campaign))
    assert again == campaign and isinstance(again.tasks, Tasks) and isinstance(again.phases, Phases)


def test_filters_read_units_and_dates():
    tasks = examples.campaign("jilin-2021").tasks
    # 任务 10 of the 吉林 工作要点 is due 6月底前 and led by 省卫生健康委 alone.
    assert [t.number for t in tasks.due_by(dt.date(2021, 6, 30))] == [10]
    assert [t.number for t in tasks.due_between(dt.date(2021, 7, 1), dt.date(2021, 12, 31))] == list(range(1, 10))
    assert [t.number for t in tasks.led_by("省医保局")] == [3, 8]
    # Abbreviations match: 省卫健委 is 省卫生健康委.
    assert tasks.led_by("省卫健委") == tasks.led_by("省卫生健康委") != ()
    assert [t.number for t in tasks.involving("省公安厅", Role.SUPPORT)] == [3]


def test_groupings_are_named_tables():
    campaign = examples.campaign("jilin-2021")
    by_unit = campaign.tasks_by_unit(Role.LEAD)
    assert isinstance(by_unit, Groups) and by_unit.by == "单位（牵头）"
    assert [t.number for t in by_unit["省医保局"]] == [3, 8]
    frame = by_unit.to_frame()
    assert list(frame.columns[:2]) == ["单位（牵头）", "序号"]
    assert frame[frame["单位（牵头）"] == "省医保局"]["序号"].tolist() == [3, 8]
    assert by_unit.to_frame(columns="snake").columns[0] == "group"
    assert campaign.tasks_by_month().by == "月份"
    assert list(campaign.tasks_by_month()) == ["2021-06", "2021-12"]


def test_task_frame_is_flat_with_chinese_or_snake_columns():
    tasks = examples.campaign("jilin-2021").tasks
    frame = tasks.to_frame()
    assert len(frame) == 10
    assert list(frame.columns) == ["序号", "类别", "重点任务", "具体内容", "牵头单位", "配合单位", "共同推进单位",
                                   "完成时限", "截止日期", "备注", "标识"]
    row = frame[frame["序号"] == 3].iloc[0]
    assert row["牵头单位"] == "省医保局" and row["完成时限"] == "12月底前"
    assert row["截止日期"] == pd.Timestamp("2021-12-31")
    assert str(frame["序号"].dtype) == "Int64" and str(frame["截止日期"].dtype).startswith("datetime64")
    snake = tasks.to_frame(columns="snake")
    assert list(snake.columns)[:3] == ["number", "category", "title"]
    assert snake["leads"].tolist() == frame["牵头单位"].tolist()


def test_ledger_frame_keeps_every_value():
    ledger = Ledger(
        kind=LedgerKind.PERSON,
        filer=attrs.evolve(examples.campaign("jilin-2021").ledgers[0].filer) if examples.campaign("jilin-2021").ledgers
        else attrs.evolve(Ledger(kind=LedgerKind.PERSON).filer, unit="某县卫健局"),
        rows=(
            LedgerRow(number=1, person="张三", unit="某医院", rectified=False, discovered_on=dt.date(2023, 9, 1)),
            LedgerRow(number=2, person="李四", unit="某医院", unparsed=(("discovered_on", "九月中"),)),
        ),
        extra_columns=("备注",),
    )
    frame = ledger.to_frame()
    assert list(frame.columns[:3]) == ["填报单位", "序号", "存在问题人员姓名"]
    assert "备注" in frame.columns and "未能识别的原文" in frame.columns
    assert frame["填报单位"].tolist() == ["某县卫健局"] * 2
    assert frame["发现问题日期"].iloc[0] == pd.Timestamp("2023-09-01") and pd.isna(frame["发现问题日期"].iloc[1])
    assert frame["未能识别的原文"].tolist() == ["", "发现问题日期：九月中"]
    assert frame["整改是否完成"].tolist() == [False, False]


def test_diagnostics_carry_severity_and_the_task_number():
    task = Task(number=7, title="加强监管", deadline=attrs.evolve(Task(number=1, title="x").deadline, text="视情况而定"))
    problems = check(TaskTable(title="表", tasks=(task,)))
    assert isinstance(problems, Diagnostics)
    frame = problems.to_frame()
    assert frame[["级别", "序号", "代码"]].values.tolist() == [["错误", "7", "deadline-unparsed"]]
    assert problems.errors == problems and problems.warnings == ()


def test_negative_list_shows_areas_and_items():
    campaign = examples.campaign("xinglongtai-2023")
    negative = campaign.negative_list
    assert isinstance(negative, NegativeList) and negative.header() == "6 方面 30 项"
    frame = negative.to_frame()
    assert len(frame) == 30 and frame["条目"].iloc[0] == "（一）2.（1）"
    assert negative.item("（二）2.（3）") == campaign.negative_list_item("（二）2.（3）") is not None


def test_weekly_report_rows_are_collections():
    ledgers = [examples.campaign("xinglongtai-2023").ledgers[0]] if examples.campaign("xinglongtai-2023").ledgers else []
    row = LedgerRow(number=1, institution="某医院", discovered_on=dt.date(2023, 9, 20))
    report = weekly_report([*ledgers, Ledger(kind=LedgerKind.INSTITUTION, rows=(row,))], as_of=dt.date(2023, 9, 28))
    assert isinstance(report.still_open, LedgerRows) and isinstance(report.new, LedgerRows)
    assert "某医院" in [r.institution for r in report.still_open] and isinstance(report.overdue(0), LedgerRows)
    assert "尚未整改" in str(report) and "已开放天数" in report._repr_html_()


def test_missing_pandas_is_a_clear_message(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"pip install 'yifeng\[frame\]'"):
        examples.campaign("jilin-2021").tasks.to_frame()


@settings(max_examples=60, deadline=None)
@given(ledgers=strategies.tuples(strategies.ledgers, max_size=3))
def test_parquet_round_trip(tmp_path_factory, ledgers):
    path = tmp_path_factory.mktemp("pq") / "ledgers.parquet"
    write_parquet(ledgers, path)
    table = pq.read_table(path)
    assert table.schema.equals(ledger_schema(), check_metadata=False)
    assert table.num_rows == sum(len(ledger.rows) for ledger in ledgers)
    assert read_parquet(path) == tuple(ledger for ledger in ledgers if ledger.rows)


def test_parquet_schema_is_stable(tmp_path):
    # The same columns and types for an empty file and a full one: queries written once keep working.
    empty, full = tmp_path / "empty.parquet", tmp_path / "full.parquet"
    write_parquet([], empty)
    ledger = Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=1, institution="某医院", rectified=True),))
    write_parquet([ledger], full)
    assert pq.read_schema(empty).equals(pq.read_schema(full))
    names = pq.read_schema(full).names
    assert names[:5] == ["ledger", "position", "kind", "title", "file"]
    assert {"discovered_on", "unparsed", "filed_by", "item", "area"} <= set(names)
    assert pq.read_table(full).column("institution").to_pylist() == ["某医院"]


def test_problems_of_a_ledger_name_the_row_number():
    ledger = Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=4, institution="某医院", phone="12"),))
    problems = check(ledger)
    assert problems and {p for p in problems.to_frame()["序号"]} == {"4"}
    problem = Diagnostic(severity=Severity.WARNING, code="cell-error", message="x", key=ledger.rows[0].key)
    assert Ledger(kind=LedgerKind.INSTITUTION, rows=ledger.rows, diagnostics=(problem,)).diagnostics.numbers == {
        ledger.rows[0].key: "4"}


def test_collections_survive_pickling_with_their_context():
    # Worker processes hand results back by pickle: the collection, its type and context survive.
    import pickle

    campaign = examples.campaign("xinglongtai-2023")
    again = pickle.loads(pickle.dumps(campaign))
    assert again == campaign and isinstance(again.negative_list, NegativeList)
    problems = Diagnostics((), numbers={"r-1": "4"})
    assert pickle.loads(pickle.dumps(problems)).numbers == {"r-1": "4"}


def test_terminal_and_ipython_text_is_the_table():
    from IPython.lib.pretty import pretty

    by_unit = examples.campaign("jilin-2021").tasks_by_unit(Role.LEAD)
    text = pretty(by_unit)
    assert text == repr(by_unit) and "Task(" not in text
    lines = text.splitlines()
    assert lines[0] == "按单位（牵头）分组：6 组" and "省医保局（2 项任务）" in lines
    assert max(len(line) for line in lines) < 160
