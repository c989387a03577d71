"""Write a 任务分工表 in the standard layout, through XlsxWriter.

序号 | 重点任务 | 具体内容 | 牵头单位 | 配合单位 | 完成时限, under a title row. When tasks carry
categories and every title is the first sentence of its content (as in seeds 000 and
001), 重点任务 holds the category as a vertical merge; when a title is not, a 类别 column
holds the categories and 重点任务 the titles, so nothing is lost. XlsxWriter writes merges
in linear time (openpyxl's merge_cells is quadratic).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO, Final

from yifeng.lexicon import KEY_HEADER
from yifeng._fonts import FANGSONG, HEITI, XIAOBIAOSONG
from yifeng._files import close_workbook, replacing
from yifeng.io._print import column_width, row_height, set_print
from yifeng.model import Campaign, Responsibility, Task, TaskTable
from yifeng.model._parts import first_sentence

HEADER: Final = ("序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限")
# (least, most) width of each column, by the index of its text in a row's cells:
# 序号, 类别, 重点任务, 具体内容, 牵头单位, 配合单位, 完成时限. Within them, the content decides.
_BOUNDS: Final = ((5, 8), (8, 16), (10, 24), (24, 60), (10, 26), (10, 26), (8, 16))
_CATEGORY: Final = "类别"


def lead_cell(responsibility: Responsibility) -> str:
    """The 牵头单位 cell: the leads, then any jointly responsible units."""
    parts = []
    if responsibility.leads:
        parts.append("、".join(u.name for u in responsibility.leads))
    if responsibility.joint:
        parts.append("、".join(u.name for u in responsibility.joint) + "共同推进")
    return "，".join(parts)


def support_cell(responsibility: Responsibility) -> str:
    return "、".join(u.name for u in responsibility.supports)


def _category_runs(tasks: Sequence[Task]) -> list[tuple[int, int, str]]:
    """(first index, last index, category) for each run of tasks sharing a category."""
    runs: list[tuple[int, int, str]] = []
    for index, task in enumerate(tasks):
        category = task.category or ""
        if runs and runs[-1][2] == category:
            runs[-1] = (runs[-1][0], index, category)
        else:
            runs.append((index, index, category))
    return runs


def write_task_table(table: TaskTable | Campaign, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``table`` (a :class:`~yifeng.model.TaskTable` or a campaign's tasks) as .xlsx.

    The result reads back with :func:`read_task_table` into the same tasks: numbers,
    categories, titles, contents, units in their roles, deadlines and remarks.
    """
    if isinstance(table, Campaign):
        title = table.table_title or f"{table.title}任务分工表"
        tasks, notes = table.tasks, table.table_notes
    else:
        title, tasks, notes = table.title or "任务分工表", table.tasks, table.notes
    import xlsxwriter  # imported when first needed, not with the readers

    with replacing(target) as destination:
        book = xlsxwriter.Workbook(destination, {"strings_to_numbers": False, "strings_to_formulas": False,
                                                 "strings_to_urls": False})
        sheet = book.add_worksheet("任务分工表")
        base = {"font_name": FANGSONG, "font_size": 12, "text_wrap": True, "valign": "vcenter", "border": 1}
        title_format = book.add_format({"font_name": XIAOBIAOSONG, "font_size": 18, "align": "center",
                                        "valign": "vcenter"})
        header_format = book.add_format({**base, "font_name": HEITI, "align": "center", "bold": True})
        centred = book.add_format({**base, "align": "center"})
        body = book.add_format(base)
        note_format = book.add_format({"font_name": FANGSONG, "font_size": 12, "text_wrap": True})

        has_categories = any(task.category for task in tasks)
        # The seeds' layout (重点任务 = the category, merged over its tasks) only when it
        # reads back: each title is its content's first sentence and each category spans
        # rows (a 重点任务 cell of one row is read as a title). Otherwise a 类别 column of
        # its own; repeated titles get one too (empty if need be), as a 重点任务 column
        # repeating a value reads as categories.
        seeds_layout = all(task.title == first_sentence(task.content) for task in tasks) \
            and all(end > start for start, end, _ in _category_runs(tasks))
        repeated = len({task.title for task in tasks}) < len(tasks)
        own_column = (has_categories and not seeds_layout) or (not has_categories and repeated)
        header = (HEADER[0], _CATEGORY) + HEADER[1:] if own_column else HEADER
        shift = 1 if own_column else 0
        last_column = len(header) - 1
        # Each row's cells as text, to size the columns and rows by what they hold.
        cells = [[str(task.number), task.category or "", task.title, task.content, lead_cell(task.responsibility),
                  support_cell(task.responsibility), task.deadline.text] for task in tasks]
        shown = [0, 1, 2, 3, 4, 5, 6] if own_column else [0, 2 if not has_categories else 1, 3, 4, 5, 6]
        widths = [column_width([header[c]] + [row[k] for row in cells], 12, least=least, most=most)
                  for c, (k, (least, most)) in enumerate(zip(shown, (_BOUNDS[k] for k in shown)))]
        remarks = [task.remark for task in tasks]
        if any(remarks):
            widths.append(column_width(["备注", *remarks], 12, least=8, most=24))
        sheet.merge_range(0, 0, 0, last_column, title, title_format)
        sheet.set_row(0, 40)
        sheet.write_row(1, 0, header, header_format)
        sheet.set_row(1, row_height(list(zip(header, widths)), 12))
        for column, size in enumerate(widths):
            sheet.set_column(column, column, size)

        first = 2
        for index, task in enumerate(tasks):
            row = first + index
            texts = [cells[index][k] for k in shown] + ([remarks[index]] if any(remarks) else [])
            if has_categories and not own_column:
                texts[1] = ""  # the merged category: sized over its rows, not this one
            sheet.set_row(row, row_height(list(zip(texts, widths)), 12))
            sheet.write_number(row, 0, task.number, centred)
            if not has_categories or own_column:
                sheet.write_string(row, 1 + shift, task.title, body)
            sheet.write_string(row, 2 + shift, task.content, body)
            sheet.write_string(row, 3 + shift, lead_cell(task.responsibility), body)
            sheet.write_string(row, 4 + shift, support_cell(task.responsibility), body)
            sheet.write_string(row, 5 + shift, task.deadline.text, centred)
        if has_categories:
            for start, end, category in _category_runs(tasks):
                if start == end:
                    sheet.write_string(first + start, 1, category, centred)
                else:
                    sheet.merge_range(first + start, 1, first + end, 1, category, centred)
        if any(remarks):
            sheet.write_string(1, len(header), "备注", header_format)
            for index, remark in enumerate(remarks):
                sheet.write_string(first + index, len(header), remark, body)
        # Each task's key, in a hidden column past the table, so that reading back keeps it.
        key_column = len(header) + (1 if any(remarks) else 0)
        # The ";;;" number format shows nothing, so the key never prints over its neighbours.
        unseen = book.add_format({"num_format": ";;;"})
        sheet.write_string(1, key_column, KEY_HEADER, unseen)
        for index, task in enumerate(tasks):
            sheet.write_string(first + index, key_column, task.key, unseen)
        sheet.set_column(key_column, key_column, 16, None, {"hidden": True})
        row = first + len(tasks)
        for note in notes:
            sheet.merge_range(row, 0, row, last_column, note, note_format)
            sheet.set_row(row, row_height([(note, sum(widths[:last_column + 1]))], 12))
            row += 1

        set_print(sheet, repeat=1, margins=(0.7, 0.7, 0.9, 0.8), area=(max(row - 1, 1), key_column - 1))
        sheet.freeze_panes(2, 0)
        close_workbook(book)
