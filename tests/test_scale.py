"""Ledgers by the thousand: the worker pool, the streaming tally, and the Parquet + DuckDB
path giving the same figures as the workbooks."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from yifeng.cli import main
from yifeng.io import read_ledger, read_parquet, write_ledger, write_parquet
from yifeng.io._batch import SERIAL_BELOW, Done, Failed, Progress, batch_size, run_each
from yifeng.io._sql import weekly_tally_from_parquet
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, WeeklyTally, weekly_report

D = dt.date
AS_OF = D(2023, 9, 28)


def _length(path: str) -> int:
    if path.endswith("boom"):
        raise ValueError("boom")
    return len(Path(path).name)


def _dies(path: str) -> int:
    if "die" in path:
        os._exit(1)  # what an abort inside a native library does to a worker
    return len(Path(path).name)


def test_each_file_once_in_order_and_failures_are_results():
    paths = [f"/x/{'a' * n}" for n in range(1, 20)] + ["/x/boom"]
    results = list(run_each(_length, paths, workers=2))
    assert [r.path for r in results] == paths
    assert [r.value for r in results if isinstance(r, Done)] == list(range(1, 20))
    failed = results[-1]
    assert isinstance(failed, Failed) and "内部错误" in failed.reason and "boom" in failed.reason


def test_a_file_that_kills_its_worker_is_named_and_the_rest_go_on():
    paths = [f"/x/f{n:02d}" for n in range(12)]
    paths[5] = "/x/die"
    results = list(run_each(_dies, paths, workers=2))
    assert [r.path for r in results] == paths
    assert [type(r).__name__ for r in results] == ["Done"] * 5 + ["Failed"] + ["Done"] * 6
    assert "进程意外退出" in results[5].reason


def test_files_go_to_workers_in_batches_and_come_back_each_in_order():
    assert (batch_size(2000, 2), batch_size(200, 2), batch_size(20, 2), batch_size(100_000, 8)) == (16, 6, 1, 16)
    paths = [f"/x/{'a' * (n % 7 + 1)}{n}" for n in range(300)]  # batches of 9 on two workers
    paths[100], paths[205] = "/x/boom", "/x/die"
    results = list(run_each(_dies_or_fails, paths, workers=2))
    assert [r.path for r in results] == paths
    assert [n for n, r in enumerate(results) if isinstance(r, Failed)] == [100, 205]
    assert "boom" in results[100].reason and "进程意外退出" in results[205].reason
    assert all(r.value == len(Path(r.path).name) for r in results if isinstance(r, Done))


def test_the_cli_runs_its_later_imports_once_the_first_file_is_back():
    # `ledger report` imports its renderer while the workers read, not before they start.
    from yifeng.cli import _read_each

    events = []
    paths = [f"/x/{'a' * n}" for n in range(1, 12)] + ["/x/boom"]
    for _, value in _read_each(_length, paths, "已汇总", meanwhile=lambda: events.append("meanwhile")):
        events.append(value)
    assert events == ["meanwhile", *range(1, 12)]
    assert list(_read_each(_length, [], "已汇总", meanwhile=lambda: events.append("again"))) == []
    assert "again" not in events


def _dies_or_fails(path: str) -> int:
    return _length(path) if "die" not in path else _dies(path)


def test_few_files_are_read_here_without_a_pool():
    # A function no worker could import (a closure) works: it never leaves this process.
    seen = []
    results = list(run_each(lambda p: seen.append(os.getpid()) or p, ["a", "b"], workers=2))
    assert [r.value for r in results] == ["a", "b"] and seen == [os.getpid()] * 2 and 2 < SERIAL_BELOW


def test_progress_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped, terminal = io.StringIO(), Terminal()
    for stream in (piped, terminal):
        progress = Progress(3, "已读取", stream, after=0.0)
        for _ in range(3):
            progress.step()
        progress.close()
    assert piped.getvalue() == ""
    assert "已读取 3/3 个文件" in terminal.getvalue() and terminal.getvalue().endswith("\r\x1b[K")


def _row(n, found, done=None, **more):
    return LedgerRow(number=n, institution=more.pop("subject", f"机构{n}"), negative_list_ref=more.pop("ref", "（一）2.（1）"),
                     description=f"问题{n}", discovered_via=more.pop("via", "自查自纠"), discovered_on=found,
                     rectified=done is not None, rectified_on=done, measures="整改", owner="王五", **more)


LEDGERS = (
    Ledger(kind=LedgerKind.INSTITUTION, title="甲", filer=Filer(unit="区人民医院", person="张三", contact="13800000000"),
           rows=(_row(1, D(2023, 8, 1)), _row(2, D(2023, 9, 25), ref="(二)2.(3)", via=" 群众举报\u3000"),
                 _row(3, D(2023, 9, 1), D(2023, 9, 26)), _row(4, D(2023, 9, 2), D(2023, 9, 30)),
                 _row(5, D(2023, 10, 2)), _row(6, None, ref="第九条"), _row(7, D(2023, 9, 3), D(2023, 9, 4), ref=""))),
    Ledger(kind=LedgerKind.PERSON, title="乙", filer=Filer(unit="区中医院"),
           rows=(LedgerRow(number=1, person="李四", unit="区中医院", discovered_on=D(2023, 9, 27), authority=" ",
                           phone="13912345678"),
                 LedgerRow(number=2, person="王五", discovered_on=D(2023, 9, 10), rectified=True,
                           filer=Filer(unit="区妇幼保健院"), unparsed=(("rectified_on", "九月中"),)))),
    Ledger(kind=LedgerKind.INSTITUTION, title="丙", filer=Filer(unit=""), rows=(_row(1, D(2023, 9, 20)),)),
)


def test_a_tally_in_parts_is_the_tally_of_the_whole():
    whole = weekly_report(LEDGERS, as_of=AS_OF)
    tally = WeeklyTally(AS_OF)
    for ledger in LEDGERS:  # as workers send them back: one tally per file, added in order
        part = WeeklyTally(AS_OF)
        part.add(ledger)
        tally.update(part)
    assert tally.report() == whole
    # Read by hand: found after as_of not counted; rectified after as_of still open.
    assert (whole.summary.total, whole.summary.rectified) == (9, 3)
    assert [(u.unit, u.total, u.rectified, u.new, u.closed, u.overdue) for u in whole.units] == [
        ("区人民医院", 6, 2, 1, 1, 1), ("区中医院", 1, 0, 1, 0, 0), ("区妇幼保健院", 1, 1, 0, 0, 0),
        ("（未注明）", 1, 0, 0, 0, 0)]
    assert dict(whole.summary.by_discovery)["群众举报"] == 1 and whole.summary.by_authority == (("（未填写）", 9),)
    assert tally.sender == ""
    with pytest.raises(ValueError):
        tally.update(WeeklyTally(AS_OF + dt.timedelta(days=7)))


def test_the_open_problems_oldest_first_by_hand():
    report = weekly_report(LEDGERS, as_of=AS_OF)
    assert [(r.filer.unit, r.number, report.age(r)) for r in report.still_open] == [
        ("区人民医院", 1, 58), ("区人民医院", 4, 26), ("", 1, 8), ("区人民医院", 2, 3), ("区中医院", 1, 1),
        ("区人民医院", 6, None)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The ledgers as the files offices send, one a task table, one not a workbook."""
    folder = tmp_path_factory.mktemp("ledgers")
    for index, ledger in enumerate(LEDGERS * 4):  # 12 ledgers: enough for the pool
        write_ledger(ledger, folder / f"{index:02d}-{ledger.title}.xlsx")
    (folder / "99-坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    (folder / "~$00-甲.xlsx").write_bytes(b"lock")
    return folder


def test_workbooks_and_parquet_give_the_same_report(folder, tmp_path, capsys):
    assert main(["ledger", "export", str(folder), "-o", str(tmp_path / "l.parquet")]) == 0
    said = capsys.readouterr()
    assert "已把 12 个台账" in said.out and "跳过 1 个" in said.out and "跳过 99-坏文件.xlsx：" in said.err
    assert main(["ledger", "report", str(folder), "--as-of", "2023-09-28", "-o", str(tmp_path / "w.docx"),
                 "--json"]) == 0
    from_workbooks = capsys.readouterr()
    assert main(["ledger", "report", "--from", str(tmp_path / "l.parquet"), "--as-of", "2023-09-28",
                 "-o", str(tmp_path / "p.docx"), "--json"]) == 0
    from_parquet = capsys.readouterr()
    assert from_workbooks.out == from_parquet.out  # every figure and every listed row, byte for byte
    report = json.loads(from_workbooks.out)
    assert report["summary"]["total"] == 4 * 9 and len(report["still_open"]) == 4 * 6
    assert "跳过 99-坏文件.xlsx：" in from_workbooks.err and "~$" not in from_workbooks.err
    # And the same as the model over the ledgers read one by one.
    read = [read_ledger(p) for p in sorted(folder.glob("[0-9]*.xlsx"))[:-1]]
    assert weekly_tally_from_parquet(tmp_path / "l.parquet", as_of=AS_OF).report() == weekly_report(read, as_of=AS_OF)


def test_parquet_sql_agrees_with_the_model_over_any_date(tmp_path):
    path = write_parquet(LEDGERS, tmp_path / "l.parquet")
    assert read_parquet(path) == LEDGERS
    for day in (D(2023, 8, 1), D(2023, 9, 4), AS_OF, D(2023, 10, 5)):
        assert weekly_tally_from_parquet(path, as_of=day).report() == weekly_report(LEDGERS, as_of=day), day
    masked = weekly_tally_from_parquet(path, as_of=AS_OF, mask=True).report()
    assert {r.person for r in masked.still_open if r.person} == {"李某"}
    assert all("*" in r.filer.contact for r in masked.still_open if r.filer.contact)


@pytest.mark.parametrize("batch", [4, 10_000])
def test_parquet_rows_in_any_order_are_listed_in_the_ledgers_order(tmp_path, monkeypatch, batch):
    # DuckDB need not give rows in the file's order (1.1 does not, with the report's
    # filter), and a file made elsewhere need not hold them in order: the rows a report
    # lists come in the ledgers' order all the same (in batches of 4, and in one).
    import pyarrow.parquet as pq

    import yifeng.io._sql

    ledgers = LEDGERS * 3
    table = pq.read_table(write_parquet(ledgers, tmp_path / "l.parquet"))
    order = list(range(12)) + list(reversed(range(12, table.num_rows)))
    pq.write_table(table.take(order), tmp_path / "shuffled.parquet")
    monkeypatch.setattr(yifeng.io._sql, "_BATCH", batch)
    for day in (AS_OF, D(2023, 10, 5)):
        expected = weekly_report(ledgers, as_of=day)
        assert expected.still_open and expected.new
        for name in ("l.parquet", "shuffled.parquet"):
            assert weekly_tally_from_parquet(tmp_path / name, as_of=day).report() == expected, (name, day)


def test_two_exports_joined_into_one_file_report_every_row(tmp_path):
    # Each export numbers its ledgers from 0: joined, two rows share a place. Every row is
    # still listed, also with asserts stripped (python -O).
    import subprocess
    import sys

    import pyarrow as pa
    import pyarrow.parquet as pq

    first, second = LEDGERS[:2], LEDGERS[2:]
    joined = pa.concat_tables([pq.read_table(write_parquet(first, tmp_path / "a.parquet")),
                               pq.read_table(write_parquet(second, tmp_path / "b.parquet"))])
    pq.write_table(joined, tmp_path / "both.parquet")
    expected = weekly_report(LEDGERS, as_of=AS_OF)
    report = weekly_tally_from_parquet(tmp_path / "both.parquet", as_of=AS_OF).report()
    assert report.summary == expected.summary and len(report.still_open) == len(expected.still_open) > 0
    assert sorted(r.key for r in report.still_open) == sorted(r.key for r in expected.still_open)
    code = ("import datetime, sys; from yifeng.io._sql import weekly_tally_from_parquet as w; "
            "print(len(w(sys.argv[1], as_of=datetime.date(2023, 9, 28)).report().still_open))")
    for options in ([], ["-O"]):
        said = subprocess.run([sys.executable, *options, "-c", code, str(tmp_path / "both.parquet")],
                              capture_output=True, text=True, check=True)
        assert said.stdout.strip() == str(len(expected.still_open)), options


def test_parquet_of_another_version_is_refused(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1]}), tmp_path / "other.parquet")
    from yifeng.errors import YifengError

    with pytest.raises(YifengError, match="不是 yifeng 台账 Parquet 文件"):
        weekly_tally_from_parquet(tmp_path / "other.parquet", as_of=AS_OF)
    with pytest.raises(YifengError, match="无法读取 Parquet 文件"):
        weekly_tally_from_parquet(tmp_path / "none.parquet", as_of=AS_OF)


def test_merge_reads_in_parallel_and_skips_what_it_cannot_read(folder, tmp_path, capsys):
    institutions = [str(p) for p in sorted(folder.glob("[0-9]*-[甲丙].xlsx"))]
    assert len(institutions) == 8
    out = tmp_path / "merged.xlsx"
    assert main(["ledger", "merge", *institutions, str(folder / "99-坏文件.xlsx"), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert "已合并 8 个台账、32 条问题" in said.out and "跳过 1 个无法读取的文件" in said.out
    assert "跳过 99-坏文件.xlsx：" in said.err
    merged = read_ledger(out)
    assert [r.filer.unit for r in merged.rows[:7]] == ["区人民医院"] * 7 and len(merged.rows) == 32


def test_report_needs_a_folder_or_a_parquet_file(tmp_path, capsys):
    assert main(["ledger", "report", "--as-of", "2023-09-28", "-o", str(tmp_path / "r.docx")]) == 2
    assert "二者选一" in capsys.readouterr().err
    assert main(["ledger", "report", str(tmp_path), "--from", str(tmp_path / "x.parquet"), "--as-of", "2023-09-28",
                 "-o", str(tmp_path / "r.docx")]) == 2


def test_tasks_of_many_plans_in_one_parquet_file(tmp_path, capsys):
    import duckdb
    import pyarrow.parquet as pq

    from yifeng import examples
    from yifeng.io import tasks_schema, write_tasks_parquet

    plans = [examples.campaign("jilin-2021"), examples.campaign("nhc-2022")]
    path = write_tasks_parquet(plans, tmp_path / "tasks.parquet")
    table = pq.read_table(path)
    assert table.schema.equals(tasks_schema(), check_metadata=False)
    assert table.num_rows == len(plans[0].tasks) + len(plans[1].tasks)
    assert table.column("plan_title").to_pylist()[0] == plans[0].title
    assert table.column("number").to_pylist()[:3] == [t.number for t in plans[0].tasks[:3]]
    by_plan = duckdb.sql(f"SELECT plan, count(*) FROM read_parquet('{path}') GROUP BY plan ORDER BY plan").fetchall()
    assert by_plan == [(0, len(plans[0].tasks)), (1, len(plans[1].tasks))]
    # The same columns for no tasks at all, so that queries written once keep working.
    assert pq.read_schema(write_tasks_parquet([], tmp_path / "none.parquet")).equals(pq.read_schema(path))
    workbook = tmp_path / "分工表.xlsx"
    assert main(["examples", "nhc-2022", "-o", str(tmp_path)]) == 0
    (tmp_path / "nhc-2022-分工表.xlsx").rename(workbook)
    assert main(["import", str(workbook), "--parquet", str(tmp_path / "t.parquet")]) == 0
    assert "项任务写入" in capsys.readouterr().out
    assert pq.read_table(tmp_path / "t.parquet").num_rows == 13
