"""Write docs/officer-week.ipynb — a policy officer's week in Jupyter — and run it in place.

    python tools/officer_notebook.py          # write the cells and execute them (outputs saved)

The notebook is committed with its outputs, so the docs show what an officer sees;
tests/test_notebook.py runs it again with nbclient and checks the outputs are the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "officer-week.ipynb"

CELLS: list[tuple[str, str]] = [
    ("markdown", """# 政策干部的一周（Jupyter 笔记本）

这个笔记本走一遍集中整治期间一周的工作：看方案和任务、按单位和时间排任务、读入并检查任务分工表、
改正、读入各单位交回的台账、列出未整改问题、出周调度报告、生成 Word 文件。
每个结果在 Jupyter 里都显示为表格；要做进一步分析时用 `to_frame()` 得到 pandas 表格。"""),
    ("code", """import datetime
import pathlib
import tempfile

import attrs

from yifeng import examples
from yifeng.io import read_ledger, read_task_table, write_ledger
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, Role, check, open_rows, weekly_report"""),
    ("markdown", "## 方案：负面清单、实施步骤\n\n本库自带的兴隆台区集中整治方案："),
    ("code", """plan = examples.campaign("xinglongtai-2023")
plan.negative_list"""),
    ("code", "plan.phases"),
    ("markdown", "## 任务：按牵头单位、按完成时限\n\n吉林省的工作要点，共 10 项任务："),
    ("code", """campaign = examples.campaign("jilin-2021")
campaign.tasks"""),
    ("code", "campaign.tasks_by_unit(Role.LEAD)"),
    ("markdown", "本季度（4 至 6 月）到期的任务，以及某个单位牵头的任务（简称也认得）："),
    ("code", "campaign.tasks.due_between(datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))"),
    ("code", "campaign.tasks.led_by(\"省医保局\")"),
    ("markdown", "## 读入并检查任务分工表"),
    ("code", """table = read_task_table(examples.workbook("lingbi-2020"))
table.tasks[:5]"""),
    ("markdown", "把第 1 项任务的完成时限改成“视情况而定”，再检查：读不懂的时限会被指出，带着任务序号。"),
    ("code", """first = table.tasks[0]
vague = attrs.evolve(first, deadline=attrs.evolve(first.deadline, text="视情况而定", due=None))
edited = attrs.evolve(table, tasks=(vague, *table.tasks[1:]))
check(edited)"""),
    ("markdown", "对象不能直接修改，要用 `attrs.evolve` 得到新对象；直接赋值时的提示是这样的："),
    ("code", """try:
    first.title = "新标题"
except AttributeError as error:
    print(error)"""),
    ("markdown", "## 各单位交回的台账\n\n这里用代码模拟两家单位填好的台账（实际工作中是各单位报来的 Excel 文件）。"
                 "第二家把一个日期写成了“九月中”，手机号码一栏填了座机。"),
    ("code", """folder = pathlib.Path(tempfile.mkdtemp())
title = plan.ledgers[0].title

def problem(number, who, ref, what, found, **more):
    fields = dict(number=number, institution=who, authority="区卫生健康局", negative_list_ref=ref,
                  description=what, discovered_via="自查自纠", discovered_on=found,
                  measures="停止违规行为，全院通报", owner="王五", phone="13812345678")
    return LedgerRow(**(fields | more))

write_ledger(Ledger(kind=LedgerKind.INSTITUTION, title=title,
    filer=Filer(unit="区人民医院", person="张三", contact="13812345678"), rows=(
    problem(1, "区人民医院", "（二）2.（3）", "线下采购高价非挂网耗材", datetime.date(2023, 9, 5),
            rectified=True, rectified_on=datetime.date(2023, 9, 15)),
    problem(2, "区人民医院", "（六）2.（4）", "个别医生收受患者红包", datetime.date(2023, 9, 25)),
)), folder / "区人民医院.xlsx")
write_ledger(Ledger(kind=LedgerKind.INSTITUTION, title=title,
    filer=Filer(unit="区中医院", person="李四", contact="13900001111"), rows=(
    problem(1, "区中医院", "（四）2.（1）", "串换药品", None, phone="0427-2811536",
            unparsed=(("discovered_on", "九月中"),)),
)), folder / "区中医院.xlsx")

received = [read_ledger(folder / name, campaign=plan) for name in ("区人民医院.xlsx", "区中医院.xlsx")]
received[1]"""),
    ("markdown", "## 未整改的问题和周调度"),
    ("code", """as_of = datetime.date(2023, 9, 28)
open_rows(received[0], as_of=as_of)"""),
    ("code", """report = weekly_report(received, as_of=as_of)
report"""),
    ("markdown", "下次报送日遇到节假日会顺延到下一个工作日（2023-10-05 在国庆假期中，顺延到 10 月 7 日调休上班日）："),
    ("code", "report.next_due"),
    ("markdown", "## 进一步分析：pandas 表格\n\n`to_frame()` 给出一行一项任务（或一行一条台账）的 DataFrame，"
                 "列名用中文；`to_frame(columns=\"snake\")` 用英文列名。"),
    ("code", """frame = campaign.tasks.to_frame()
frame.groupby("牵头单位")["序号"].count().sort_values(ascending=False).head(3).to_dict()"""),
    ("markdown", "## 生成 Word 文件"),
    ("code", """from yifeng.render import render_weekly_report

render_weekly_report(received, folder / "周调度.docx", as_of=as_of)
sorted(path.name for path in folder.iterdir())"""),
]


def build() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    for kind, source in CELLS:
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        notebook.cells.append(make(source))
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"  # stable ids: the file changes only when the notebook does
    return notebook


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    for cell in notebook.cells:  # timestamps and counts would change every run
        cell.get("metadata", {}).pop("execution", None)
    return notebook


if __name__ == "__main__":
    nb = execute(build(), NOTEBOOK.parent)
    nbformat.write(nb, NOTEBOOK)
    print(f"wrote {NOTEBOOK}", file=sys.stderr)
