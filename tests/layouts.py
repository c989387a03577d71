"""Workbooks in the layouts offices send, built from the seeds' own rows.

Used by the tests, and by tools/make_sample_workbooks.py for the samples bundled with
yifeng.examples, so each layout is defined once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl

from yifeng import examples


def workbook(rows: Sequence[Sequence[object]], merges: Sequence[str] = (), *, title: str = "Sheet1",
             before: Sequence[str] = ()) -> bytes:
    """An .xlsx with ``rows`` from A1 on ``title``, optional merges and sheets in front."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    for index, name in enumerate(before):
        book.create_sheet(name, index)["A1"] = "填表说明：请按要求逐项填写，不要修改表头。"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def nhc_layout() -> bytes:
    """Seed 001: 附件 and a title over a header whose 重点任务 spans category + content,
    categories merged vertically, numbers stored as text, a footnote."""
    campaign = examples.campaign("nhc-2022")
    rows: list[list[object]] = [["附件"], ["2022 年纠正医药购销领域和医疗服务中不正之风 专项治理工作要点任务分工表"],
                                ["序 号", "重点任务", None, "责任单位.", "完成\n时限"]]
    merges = ["A2:E2", "B3:C3"]
    runs: dict[str, list[int]] = {}
    for task in campaign.tasks:
        # Content broken over lines as a PDF copy leaves it.
        content = task.content[:25] + "\n" + task.content[25:]
        rows.append([str(task.number), task.category if task.category not in runs else None, content,
                     task.responsibility.text, task.deadline.text or None])
        runs.setdefault(task.category, []).append(len(rows))
    for numbers in runs.values():
        if len(numbers) > 1:
            merges.append(f"B{numbers[0]}:B{numbers[-1]}")
    rows.append(["注：责任单位排在第一位的为牵头单位。"])
    merges.append(f"A{len(rows)}:E{len(rows)}")
    return workbook(rows, merges, before=["填表说明"])


def jilin_layout() -> bytes:
    """Seed 002: title over two rows, 重点任务 spanning a short title and the content."""
    campaign = examples.campaign("jilin-2021")
    rows: list[list[object]] = [["附件"], ["2021年吉林省纠正医药购销领域和医疗服务中"],
                                ["不正之风专项治理工作要点任务分工表"], ["序号", "重点任务", None, "责任单位", "完成时限"]]
    for task in campaign.tasks:
        rows.append([task.number, task.title, task.content, task.responsibility.text, task.deadline.text])
    return workbook(rows, ["B4:C4"])


def lingbi_layout() -> bytes:
    """Seed 000: a PDF pasted into Excel — words broken by spaces and line breaks,
    categories repeated or blank on continuation rows (no merges), "11 月底前"."""
    campaign = examples.campaign("lingbi-2020")
    rows: list[list[object]] = [["2020 年纠正医药购销领域和医疗服务中不正之风"], ["专项治理工作要点任务分工表"],
                                ["序号", "重点任务", None, "责任单位.", "完成时限"]]
    previous = None
    for task in campaign.tasks:
        category = task.category if task.category != previous or task.number % 4 == 0 else None
        previous = task.category
        broken = task.content.replace("，", "， ", 2)
        broken = broken[:12] + "\n" + broken[12:30] + " " + broken[30:]
        responsibility = task.responsibility.text.replace("卫生健康委", "卫\n生健康委")
        deadline = "11 月底前" if task.deadline.text == "11月底前" else task.deadline.text
        rows.append([task.number, category, broken, responsibility, deadline])
    return workbook(rows, ["B3:C3"])


def shaanxi_layout() -> bytes:
    """Seed 003: 责任处室 and no 完成时限 column; 重点任务 is the whole task."""
    campaign = examples.campaign("shaanxi-2020")
    rows: list[list[object]] = [["附件"], ["2020 年全省卫生健康行业作风 专项整治行动任务分工表"], ["序号", "重点任务", "责任处室"]]
    rows += [[t.number, t.title, t.responsibility.text] for t in campaign.tasks]
    return workbook(rows)
