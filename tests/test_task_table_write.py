"""Writing the standard 分工表 layout, and reading it back into the same tasks."""

import io

import openpyxl
import pytest

from yifeng import examples
from yifeng.io import read_task_table, write_task_table
from yifeng.io._tasktable_write import HEADER
from yifeng.model import Campaign, Deadline, Responsibility, Task, TaskTable

WITH_TASKS = [name for name in examples.names() if examples.campaign(name).tasks]


def roles(task):
    r = task.responsibility
    return r.leads, r.supports, r.joint


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@pytest.mark.parametrize("name", WITH_TASKS)
def test_round_trip_gives_back_the_same_tasks(tmp_path, name, engine):
    campaign = examples.campaign(name)
    path = tmp_path / f"{name}.xlsx"
    write_task_table(campaign, path)
    table = read_task_table(path, engine=engine)
    assert table.title == campaign.table_title and table.year == campaign.year
    assert len(table.tasks) == len(campaign.tasks)
    for got, want in zip(table.tasks, campaign.tasks):
        assert (got.number, got.category, got.title, got.content, got.deadline, got.remark) == (
            want.number, want.category, want.title, want.content, want.deadline, want.remark)
        assert roles(got) == roles(want)
    # Only empty 完成时限 cells are reported; the seeds have such cells.
    assert {d.code for d in table.diagnostics} <= {"deadline-missing"}


def test_round_trip_keeps_notes_remarks_and_joint_units(tmp_path):
    table = TaskTable(
        title="2023年某区集中整治任务分工表",
        year=2023,
        tasks=(
            Task(number=1, title="建立工作专班", content="建立工作专班。明确分工。",
                 responsibility=Responsibility.parse("区卫生健康局牵头，区公安分局配合，工作专班成员单位共同推进"),
                 deadline=Deadline.parse("2023年9月1日前"), remark="每周调度"),
            Task(number=2, title="使用率<90% & “红包”", content="",
                 responsibility=Responsibility.parse("机制成员单位按职责共同推进"), deadline=Deadline.parse("每周四下班前")),
        ),
        notes=("注：责任单位排在第一位的为牵头单位。",),
    )
    buffer = io.BytesIO()
    write_task_table(table, buffer)
    back = read_task_table(io.BytesIO(buffer.getvalue()))
    assert back.notes == table.notes
    for got, want in zip(back.tasks, table.tasks):
        assert (got.title, got.content, got.deadline, got.remark) == (want.title, want.content, want.deadline, want.remark)
        assert roles(got) == roles(want)


def test_standard_layout(tmp_path):
    campaign = examples.campaign("nhc-2022")
    path = tmp_path / "t.xlsx"
    write_task_table(campaign, path)
    sheet = openpyxl.load_workbook(path)["任务分工表"]
    assert sheet["A1"].value == campaign.table_title
    # The standard header, then the tasks' keys in a hidden column that shows and prints nothing.
    assert [c.value for c in sheet[2]] == [*HEADER, "yifeng标识"]
    assert sheet.column_dimensions["G"].hidden and sheet["G3"].number_format == ";;;"
    assert [sheet.cell(3 + i, 7).value for i in range(len(campaign.tasks))] == [t.key for t in campaign.tasks]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:F1" in merged
    # Categories 1-3, 4-5, 6-8, 9-10, 11-13 as vertical merges in column B.
    assert {"B3:B5", "B6:B7", "B8:B10", "B11:B12", "B13:B15"} <= merged
    assert sheet["B3"].value == "持续提升纠风工作治理水平"
    assert sheet["D7"].value == "国家卫生健康委、公安部" and sheet["E7"].value == "国家市场监督管理总局、国家中医药管理局"
    assert sheet["D3"].value == "国家卫生健康委，机制成员单位共同推进"
    assert sheet["C3"].alignment.wrap_text
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_without_categories_the_task_column_holds_the_title(tmp_path):
    path = tmp_path / "t.xlsx"
    write_task_table(examples.campaign("jilin-2021"), path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["B3"].value == "坚决维护疫苗接种工作顺利实施"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:F1"]


def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path):
    table = TaskTable(title="t", tasks=(Task(number=1, title="=SUM(A1)", content="0123"),))
    path = tmp_path / "t.xlsx"
    write_task_table(table, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["B3"].value == "=SUM(A1)" and sheet["B3"].data_type == "s"
    assert sheet["C3"].value == "0123"


def test_campaign_without_table_title_gets_one(tmp_path):
    path = tmp_path / "t.xlsx"
    write_task_table(Campaign(title="某县方案", tasks=(Task(number=1, title="任务"),)), path)
    assert openpyxl.load_workbook(path).active["A1"].value == "某县方案任务分工表"


# -- the round trip as a property, on both engines ---------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Units as real 分工表 name them; phrases of 完成时限 as real tables write them.
UNITS = ["省卫生健康委", "省公安厅", "省医保局", "省市场监管局", "省纪委监委", "市卫生健康局", "县中医药局",
         "区人力资源社会保障局", "国家疾控局", "省委网信办"]
DEADLINES = ["2023年9月底前", "12月底前", "长期坚持", "持续推进", "2024年6月30日前", "每季度末", "每月5日前",
             "2023年10月", "年底前", ""]
# Cell text: Chinese, Latin, digits, punctuation and what spreadsheets treat specially
# (formulas, error values, leading zeros, control characters, OOXML escapes). No spaces
# beside Chinese characters: readers mend those, as PDF-converted tables need.
_PIECES = list("加强医疗机构监管整治红包回扣问题建立长效机制（）《》“”、，；：") + [
    "=SUM(A1:A3)", "#REF!", "0123", "_x0041_", "\x01", "abc", "3.5%", "<b>&amp;"]
cell_text = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join)
CATEGORIES = ["一、医疗服务领域", "药品耗材购销", "（三）监督管理"]


@st.composite
def task_tables(draw):
    count = draw(st.integers(1, 6))
    categorised = draw(st.booleans())
    categories = sorted(draw(st.lists(st.sampled_from(CATEGORIES), min_size=count, max_size=count)), key=CATEGORIES.index)
    tasks = []
    for number in range(1, count + 1):
        leads = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True))
        supports = draw(st.lists(st.sampled_from([u for u in UNITS if u not in leads]), max_size=2, unique=True))
        phrase = "、".join(leads) + "牵头" + ("，" + "、".join(supports) + "配合" if supports else "")
        tasks.append(Task(number=number, title=draw(cell_text), content=draw(cell_text),
                          category=categories[number - 1] if categorised else None,
                          responsibility=Responsibility.parse(phrase), deadline=Deadline.parse(draw(st.sampled_from(DEADLINES)), year=2023),
                          remark=draw(st.just("") | cell_text)))
    return TaskTable(title="2023年某省纠风工作任务分工表", year=2023, tasks=tuple(tasks))


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(table=task_tables())
def test_written_task_tables_read_back_the_same(engine, table):
    buffer = io.BytesIO()
    write_task_table(table, buffer)
    back = read_task_table(io.BytesIO(buffer.getvalue()), engine=engine)
    assert len(back.tasks) == len(table.tasks)
    for got, want in zip(back.tasks, table.tasks):
        assert (got.number, got.category, got.title, got.content, got.deadline, got.remark) == (
            want.number, want.category, want.title, want.content, want.deadline, want.remark)
        assert roles(got) == roles(want)
