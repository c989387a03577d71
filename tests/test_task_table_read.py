"""Reading 任务分工表 workbooks in the layouts offices really send, on both engines."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from yifeng import examples
from yifeng.io import read_task_table
from yifeng.model import DeadlineKind, Severity

from .layouts import jilin_layout, lingbi_layout, nhc_layout, shaanxi_layout, workbook

ENGINES = ["openpyxl", "calamine"]
HAN_GAP = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


def read(data: bytes, engine: str, **kwargs):
    return read_task_table(io.BytesIO(data), engine=engine, **kwargs)


def codes(table):
    return [(d.cell, d.code) for d in table.diagnostics]


def same_tasks(actual, expected):
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        assert (got.number, got.category, got.title, got.content) == (want.number, want.category, want.title, want.content)
        assert (got.deadline.kind, got.deadline.due) == (want.deadline.kind, want.deadline.due)
        r1, r2 = got.responsibility, want.responsibility
        assert (r1.leads, r1.supports, r1.joint) == (r2.leads, r2.supports, r2.joint), got.number


# -- the seeds' own tables --------------------------------------------------------------


def test_seed_001_layout(engine):
    table = read(nhc_layout(), engine)
    assert table.title == "2022年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表"
    assert table.year == 2022
    same_tasks(table.tasks, examples.campaign("nhc-2022").tasks)
    assert table.notes == ("注：责任单位排在第一位的为牵头单位。",)
    # Row 8's 完成时限 is empty in the seed: reported, not guessed.
    assert codes(table) == [("E11", "deadline-missing")]
    assert table.tasks[0].source.sheet == "Sheet1" and table.tasks[0].source.row == 4


def test_seed_002_layout(engine):
    table = read(jilin_layout(), engine)
    assert table.title == "2021年吉林省纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表"
    assert table.year == 2021
    same_tasks(table.tasks, examples.campaign("jilin-2021").tasks)
    assert table.diagnostics == ()
    # 省市场监管厅 (row 8) and 省市场监督管理厅 are one unit.
    assert table.tasks[7].responsibility.role_of("省市场监督管理厅") is not None


def test_seed_000_layout(engine):
    table = read(lingbi_layout(), engine)
    assert table.year == 2020
    same_tasks(table.tasks, examples.campaign("lingbi-2020").tasks)
    for task in table.tasks:
        assert not HAN_GAP.search(task.content) and "\n" not in task.content
        for unit in task.responsibility.units:
            assert " " not in unit.name and "\n" not in unit.name
    assert table.tasks[8].deadline.text == "11 月底前" and table.tasks[8].deadline.due == dt.date(2020, 11, 30)
    assert table.diagnostics == ()


def test_seed_003_layout(engine):
    table = read(shaanxi_layout(), engine)
    assert table.year == 2020
    same_tasks(table.tasks, examples.campaign("shaanxi-2020").tasks)
    assert all(t.deadline.kind is DeadlineKind.UNSPECIFIED for t in table.tasks)
    assert table.diagnostics == ()


# -- other layouts ------------------------------------------------------------------------


def test_separate_lead_and_support_columns_under_a_two_row_header(engine):
    data = workbook(
        [
            ["某县2023年专项整治任务分工表"],
            ["序号", "工作任务", "具体措施", "责任单位", None, "时间节点"],
            [None, None, None, "牵头单位", "配合单位", None],
            [1, "规范采购", "严禁线下采购。", "县医保局", "县卫健委、县市场监管局", "2023年9月1日前"],
            [2, "打击回扣", "开展专项排查。", "县卫生健康委、县市场监管局按职责分别牵头", None, dt.datetime(2023, 12, 31)],
        ],
        ["D2:E2", "A2:A3", "B2:B3", "C2:C3", "F2:F3"],
    )
    table = read(data, engine)
    first, second = table.tasks
    assert (first.title, first.content) == ("规范采购", "严禁线下采购。")
    assert [u.name for u in first.responsibility.leads] == ["县医保局"]
    assert [u.name for u in first.responsibility.supports] == ["县卫健委", "县市场监管局"]
    assert first.deadline.due == dt.date(2023, 9, 1)
    assert [u.name for u in second.responsibility.leads] == ["县卫生健康委", "县市场监管局"]
    assert second.responsibility.supports == ()
    assert second.deadline.due == dt.date(2023, 12, 31) and second.deadline.kind is DeadlineKind.BY_DATE
    assert table.year == 2023 and table.diagnostics == ()


def test_explicit_category_column_group_rows_blank_rows_and_numbers_as_text(engine):
    data = workbook(
        [
            ["序号", "类别", "主要任务", "牵头部门", "配合部门", "完成时间", "备注"],
            ["一、加强组织领导"],
            ["１", None, "建立工作专班。明确分工。", "区卫生健康局", "区公安分局", "9月底前", "每周调度"],
            [None, None, None, None, None, None, None],
            ["2.", None, "制定方案。", "区卫生健康局", None, "长期坚持", None],
            ["（二）集中整治"],
            ["三", "重点领域", "开展自查。", "区医保分中心", None, "每周四下班前", None],
        ],
        ["A2:G2", "A6:G6"],
    )
    table = read(data, engine, year=2023)
    assert [t.number for t in table.tasks] == [1, 2, 3]
    assert [t.category for t in table.tasks] == ["加强组织领导", "加强组织领导", "重点领域"]
    assert table.tasks[0].title == "建立工作专班" and table.tasks[0].remark == "每周调度"
    assert table.tasks[0].deadline.due == dt.date(2023, 9, 30)
    assert table.tasks[1].deadline.kind is DeadlineKind.ONGOING
    assert table.tasks[2].deadline.recurrence == "FREQ=WEEKLY;BYDAY=TH"
    assert table.diagnostics == ()


def test_header_found_by_content_below_a_preface(engine):
    rows = [["说明：本表由各单位填写"]] * 5 + [[None], ["序号", "重点任务", "责任单位", "完成时限"],
                                          [1, "开展自查自纠。", "县卫生健康委", "年底前"]]
    table = read(workbook(rows), engine, year=2024)
    assert len(table.tasks) == 1 and table.tasks[0].deadline.due == dt.date(2024, 12, 31)


def test_picks_the_named_sheet_or_the_first_with_a_table(engine):
    data = workbook([["序号", "重点任务", "责任单位"], [1, "任务一", "县卫生健康委"]], title="分工表",
                    before=["填表说明", "封面"])
    assert read(data, engine).tasks[0].source.sheet == "分工表"
    assert read(data, engine, sheet="分工表").tasks[0].title == "任务一"
    from yifeng.errors import TableFormatError

    with pytest.raises(TableFormatError, match="没有名为“汇总”的工作表"):
        read(data, engine, sheet="汇总")
    with pytest.raises(TableFormatError, match="工作表“封面”中没有找到任务分工表"):
        read(data, engine, sheet="封面")


def test_vertically_merged_deadline_applies_to_every_row(engine):
    data = workbook(
        [["序号", "重点任务", "责任单位", "完成时限"],
         [1, "任务一。", "县卫生健康委", "12月底前"], [2, "任务二。", "县医保局", None], [3, "任务三。", "县公安局", None]],
        ["D2:D4"],
    )
    table = read(data, engine, year=2022)
    assert [t.deadline.due for t in table.tasks] == [dt.date(2022, 12, 31)] * 3
    assert table.diagnostics == ()


def test_a_task_split_over_rows_under_a_merged_number_is_one_task(engine):
    data = workbook(
        [["序号", "重点任务", "责任单位", "完成时限"],
         [1, "坚持党对纠风工作的全面领导。以习近平新时代", "县卫生健康委", "年底前"],
         [None, "中国特色社会主义思想为指导。", None, None],
         [2, "任务二。", "县医保局", "年底前"]],
        ["A2:A3"],
    )
    table = read(data, engine, year=2020)
    assert [t.number for t in table.tasks] == [1, 2]
    assert table.tasks[0].content == "坚持党对纠风工作的全面领导。以习近平新时代中国特色社会主义思想为指导。"


def test_pdf_spaces_never_survive_between_han_characters(engine):
    data = workbook([["序号", "重点任务", "责任单位", "完成时限"],
                     [1, "加强党对纠风工作的全\n\n面领导。把广大医 务人员凝聚在党的周围，“ 一 案多查”", "县 卫生\n健康委", "9 月底前"]])
    task = read(data, engine, year=2020).tasks[0]
    assert task.content == "加强党对纠风工作的全面领导。把广大医务人员凝聚在党的周围，“一案多查”"
    assert [u.name for u in task.responsibility.leads] == ["县卫生健康委"]
    assert task.deadline.due == dt.date(2020, 9, 30)


# -- diagnostics --------------------------------------------------------------------------


def test_every_problem_is_a_diagnostic_naming_its_cell(engine):
    data = workbook(
        [
            ["2023年任务分工表"],
            ["序号", "重点任务", "责任单位", "完成时限"],
            [1, "任务一。", "县卫生健康委", "尽快"],
            [1, "任务二。", "待定", "9月底前"],
            [None, "任务三。", "县医保局", None],
            [7, "任务七。", "县医保局、另行通知", dt.date(2023, 10, 1)],
            ["第八", "任务八。", None, 45199],
            [9, None, "县公安局", "年底前"],
        ]
    )
    table = read(data, engine)
    assert codes(table) == [
        ("D3", "deadline-unparsed"),
        ("A4", "number-duplicate"),
        ("C4", "responsibility-no-unit"),
        ("A5", "number-missing"),
        ("D5", "deadline-missing"),
        ("A6", "number-skipped"),
        ("C6", "responsibility-unresolved"),
        ("A7", "number-invalid"),
        ("C7", "responsibility-missing"),
        ("D7", "deadline-serial"),
        ("B8", "task-empty"),
    ]
    severities = {d.code: d.severity for d in table.diagnostics}
    assert severities["deadline-unparsed"] is Severity.ERROR and severities["number-missing"] is Severity.WARNING
    unparsed = table.tasks[0].deadline
    assert (unparsed.kind, unparsed.text) == (DeadlineKind.UNSPECIFIED, "尽快")  # original kept
    assert table.tasks[2].number == 2  # assigned, and said so
    assert table.tasks[4].deadline.due == dt.date(2023, 9, 30)  # serial 45199
    assert all(d.sheet == "Sheet1" and d.message for d in table.diagnostics)
    assert {d.code for d in table.errors} == {"deadline-unparsed", "number-duplicate", "responsibility-no-unit",
                                            "number-invalid"}


def test_a_phrase_repeated_down_the_table_is_reported_on_every_row_that_holds_it(engine):
    # The reader remembers what each distinct phrase gave; a phrase that gave a
    # diagnostic must give it again on every row, naming that row.
    data = workbook([["序号", "重点任务", "责任单位", "完成时限"],
                     [1, "任务一。", "待定", "尽快"], [2, "任务二。", "县卫生健康委", "9月底前"],
                     [3, "任务三。", "待定", "尽快"], [4, "任务四。", "县卫生健康委", "9月底前"],
                     [5, "任务五。", "待定", "9月底前"], [6, "任务六。", "县卫生健康委", "尽快"]])
    table = read(data, engine, year=2020)
    assert codes(table) == [("C2", "responsibility-no-unit"), ("D2", "deadline-unparsed"),
                            ("C4", "responsibility-no-unit"), ("D4", "deadline-unparsed"),
                            ("C6", "responsibility-no-unit"), ("D7", "deadline-unparsed")]
    leads = [[u.name for u in t.responsibility.leads] for t in table.tasks]
    assert leads == [[], ["县卫生健康委"], [], ["县卫生健康委"], [], ["县卫生健康委"]]
    assert [t.deadline.due for t in table.tasks] == [None, dt.date(2020, 9, 30), None, dt.date(2020, 9, 30),
                                                     dt.date(2020, 9, 30), None]


def test_a_missing_or_unreadable_number_takes_the_first_one_the_table_does_not_print(engine):
    data = workbook([["序号", "重点任务", "责任单位", "完成时限"],
                     [1, "任务一。", "县卫生健康委", "年底前"], [None, "任务二。", "县卫生健康委", "年底前"],
                     [2, "任务三。", "县医保局", "年底前"], [3, "任务四。", "县医保局", "年底前"],
                     [5, "任务五。", "县公安局", "年底前"], ["第八", "任务六。", "县公安局", "年底前"]])
    table = read(data, engine, year=2020)
    assert [t.number for t in table.tasks] == [1, 4, 2, 3, 5, 6]  # 2 and 3 are printed below
    assert [d.code for d in table.diagnostics] == ["number-missing", "number-invalid"]
    assert "4" in table.diagnostics[0].message and "6" in table.diagnostics[1].message


def test_cached_cell_readings_do_not_leak_between_tables(engine):
    # Deadlines, responsibilities and short texts are read once per distinct text; two
    # tables sharing texts but not their year must still get their own dates.
    rows = [["序号", "重点任务", "责任单位", "完成时限", "备注"],
            [1, "任务一。", "县卫生健康委", "9月底前", True], [2, "任务二。", "县医保局牵头，县卫生健康委配合", "年底前", 1],
            [3, "任务三。", "县卫生健康委", "9月底前", "1"]]
    earlier = read(workbook([["2020年任务分工表"], *rows]), engine)
    later = read(workbook([["2023年任务分工表"], *rows]), engine)
    unknown = read(workbook(rows), engine)
    assert [t.deadline.due for t in earlier.tasks] == [dt.date(2020, 9, 30), dt.date(2020, 12, 31), dt.date(2020, 9, 30)]
    assert [t.deadline.due for t in later.tasks] == [dt.date(2023, 9, 30), dt.date(2023, 12, 31), dt.date(2023, 9, 30)]
    assert [t.deadline.due for t in unknown.tasks] == [None, None, None]
    assert [d.code for d in unknown.diagnostics] == ["deadline-no-year"] * 3
    assert [t.remark for t in later.tasks] == ["True", "1", "1"]  # a boolean cell is not the number 1
    assert [u.name for u in later.tasks[1].responsibility.leads] == ["县医保局"]


def test_month_only_deadlines_without_any_year_are_reported(engine):
    data = workbook([["序号", "重点任务", "责任单位", "完成时限"], [1, "任务一。", "县卫生健康委", "9月底前"]])
    table = read(data, engine)
    assert table.year is None and table.tasks[0].deadline.due is None
    assert codes(table) == [("D2", "deadline-no-year")]
    assert read(data, engine, year=2021).tasks[0].deadline.due == dt.date(2021, 9, 30)


def test_columns_without_a_header_are_reported_not_dropped(engine):
    data = workbook([["序号", "重点任务", "责任单位", "完成时限", None],
                     [1, "任务一。", "县卫生健康委", "年底前", "联系人：张三"]])
    assert codes(read(data, engine, year=2020)) == [("E2", "column-unmapped")]


# -- sources ------------------------------------------------------------------------------


def test_path_and_non_seekable_stream(tmp_path, engine):
    path = tmp_path / "分工表.xlsx"
    path.write_bytes(jilin_layout())
    assert len(read_task_table(path, engine=engine).tasks) == 10
    assert len(read_task_table(str(path), engine=engine).tasks) == 10

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    assert len(read_task_table(io.BufferedReader(Pipe(jilin_layout())), engine=engine).tasks) == 10


def test_engines_give_identical_tables():
    for data in (nhc_layout(), jilin_layout(), lingbi_layout(), shaanxi_layout()):
        by_openpyxl = read_task_table(io.BytesIO(data), engine="openpyxl")
        by_calamine = read_task_table(io.BytesIO(data), engine="calamine")
        assert by_openpyxl == by_calamine
        assert by_openpyxl.diagnostics == by_calamine.diagnostics
        assert [t.source for t in by_openpyxl.tasks] == [t.source for t in by_calamine.tasks]


def test_html_shows_tasks_and_problems():
    table = read_task_table(io.BytesIO(nhc_layout()))
    html = table._repr_html_()
    assert "坚决维护医保基金安全" in html and "deadline-missing" in html and "E11" in html


@pytest.mark.parametrize("written", ["_x0041_", "&#95;x0041_", "&#x5F;x0041&#x5f;"])
def test_an_escape_in_a_shared_string_is_resolved_however_it_is_written(engine, written):
    # openpyxl's rows are looked at for escapes only when a "_" or a character reference
    # could make one: here it is always so, literal or referenced.
    import zipfile

    from yifeng.io import write_task_table
    from yifeng.model import Deadline, Responsibility, Task, TaskTable

    table = TaskTable(title="2020年任务分工表", tasks=(
        Task(number=1, title="", content="甲ZZZ乙", responsibility=Responsibility.parse("县卫生健康委"),
             deadline=Deadline.parse("年底前", year=2020)),))
    plain = io.BytesIO()
    write_task_table(table, plain)
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"ZZZ", written.encode())
            target.writestr(info, data)
    assert read(edited.getvalue(), engine).tasks[0].content == "甲A乙"
