"""A large sheet is parsed by calamine on a thread, beside the guard's last checks.

python-calamine lets go of the GIL while it opens a workbook and while it parses a sheet:
the first sheet is gated (its extent proved within the limits) while calamine opens the
workbook, and once a sheet is past that gate the rest of the checks run while it parses. These tests hold that to three promises: the answer is the one the
sequential path gives, a failing check still wins, and no thread outlives the read.
"""

from __future__ import annotations

import io
import threading
import zipfile

import pytest

import yifeng.io._workbook as workbook_module
from yifeng.errors import TableFormatError
from yifeng.io import read_task_table
from yifeng.io._workbook import open_workbook

from .layouts import workbook

pytest.importorskip("python_calamine")

# Real wording (seed 000, 灵璧县 2020): text broken by the PDF copy, units with roles.
CONTENT = ("精准分类处置违规使用医保基金行为。在纠正违规使用医保基 金过程中，各地应当注意分类处理。对于公立医疗机构应当着 "
           "重纠正超医保支付政策范围、无指征诊疗、高套病种等行为。")
UNITS = ("县医保局牵头， 县卫\n生健康委根据职责分\n工配合", "县市场监管局牵头，县卫生健康委、县公安局配合", "县卫生健康委")


@pytest.fixture(scope="module")
def large() -> bytes:
    """A 分工表 whose sheet part is past the size that takes the thread (about 3,000 rows)."""
    rows: list[list[object]] = [["2020年纠风工作任务分工表"], ["序号", "重点任务", "责任单位", "完成时限"]]
    rows += [[n, f"第{n}项。{CONTENT}", UNITS[n % 3], "9月底前" if n % 2 else "年底前"] for n in range(1, 3201)]
    data = workbook(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.getinfo("xl/worksheets/sheet1.xml").file_size >= workbook_module._BESIDE_BYTES
    return data


@pytest.fixture
def threads(monkeypatch):
    """The names of the threads each parse ran on."""
    ran: list[str] = []
    original = workbook_module._Beside._run

    def run(self):
        ran.append(threading.current_thread().name)
        original(self)

    monkeypatch.setattr(workbook_module._Beside, "_run", run)
    return ran


def test_a_large_sheet_is_parsed_on_a_thread_and_read_as_openpyxl_reads_it(large, threads):
    before = threading.active_count()
    beside = read_task_table(io.BytesIO(large), engine="calamine")
    # calamine opened the workbook while the first sheet was gated, then parsed it
    # while the rest of the checks ran.
    assert threads == ["yifeng-open", "yifeng-parse"]
    assert threading.active_count() == before
    after = read_task_table(io.BytesIO(large), engine="openpyxl")
    assert len(beside.tasks) == 3200
    assert beside == after and beside.diagnostics == after.diagnostics
    third = beside.tasks[2]
    assert third.content.startswith("第3项。精准分类处置违规使用医保基金行为。在纠正违规使用医保基金过程中")
    assert [u.name for u in third.responsibility.leads] == ["县医保局"]


def test_a_small_sheet_is_parsed_after_the_checks_on_the_callers_thread(threads):
    table = read_task_table(io.BytesIO(workbook([["序号", "重点任务", "责任单位", "完成时限"],
                                                 [1, "开展医疗乱象专项整治", "县卫健局牵头", "9月底前"]])),
                            engine="calamine")
    assert len(table.tasks) == 1 and threads == []


def _with_last_cell_unmarked(data: bytes) -> bytes:
    """``data`` with its sheet's last inline string no longer marked as one: a check of
    the rest (types against content), not of the extent, fails."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                at = part.rindex(b' t="inlineStr"')
                part = part[:at] + part[at + len(b' t="inlineStr"'):]
            target.writestr(info, part)
    return out.getvalue()


def test_a_check_failing_beside_the_parse_refuses_the_file_and_leaves_no_thread(large, threads):
    before = threading.active_count()
    with pytest.raises(TableFormatError, match=r"（上传的文件）：工作表“Sheet1”的单元格 D3202 类型标记与内容不符"):
        read_task_table(io.BytesIO(_with_last_cell_unmarked(large)), engine="calamine")
    assert threads == ["yifeng-open", "yifeng-parse"]
    assert threading.active_count() == before


def test_what_the_parse_raises_is_raised_by_the_caller_and_a_check_failing_wins(large):
    book = open_workbook(io.BytesIO(large), "calamine")
    try:
        package = book.package  # type: ignore[attr-defined]

        def broken() -> object:
            raise KeyError("the engine failed")

        with pytest.raises(KeyError, match="the engine failed"):
            package.scan_and_parse("Sheet1", broken)
    finally:
        book.close()
    book = open_workbook(io.BytesIO(_with_last_cell_unmarked(large)), "calamine")
    try:
        with pytest.raises(TableFormatError, match="类型标记与内容不符"):
            book.package.scan_and_parse("Sheet1", broken)  # type: ignore[attr-defined]
    finally:
        book.close()


def test_a_sheet_past_the_limits_is_refused_before_any_parse(large, threads):
    from yifeng.io import Limits

    with pytest.raises(TableFormatError, match="超过上限 100 行"):
        read_task_table(io.BytesIO(large), engine="calamine", limits=Limits(rows=100))
    assert threads == ["yifeng-open"]  # gated while calamine opened the workbook; never parsed


def test_a_first_sheet_refused_while_the_workbook_opened_refuses_only_itself(large, threads):
    import openpyxl

    from yifeng.io import Limits

    book = openpyxl.load_workbook(io.BytesIO(large))
    second = book.create_sheet("第二张")
    for row in (["序号", "重点任务", "责任单位", "完成时限"], [1, "开展医疗乱象专项整治", "县卫健局牵头", "9月底前"]):
        second.append(row)
    out = io.BytesIO()
    book.save(out)
    limits = Limits(rows=100)
    table = read_task_table(io.BytesIO(out.getvalue()), engine="calamine", sheet="第二张", limits=limits)
    assert [t.title for t in table.tasks] == ["开展医疗乱象专项整治"]
    assert threads == ["yifeng-open"]
    with pytest.raises(TableFormatError, match="工作表“Sheet1”用到第 3202 行，超过上限 100 行"):
        read_task_table(io.BytesIO(out.getvalue()), engine="calamine", sheet="Sheet1", limits=limits)
