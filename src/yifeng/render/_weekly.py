"""The weekly report (周调度) as .docx, and its figures as .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import IO

import attrs

from yifeng._fonts import FANGSONG, HEITI
from yifeng._files import close_workbook, replacing
from yifeng.io._print import column_width, row_height, set_print
from yifeng.model import Ledger, LedgerRow, WeeklyReport, mask_ledger, weekly_report
from yifeng.model._ledger_ops import ref_key
from yifeng.render._columns import fit_tables
from yifeng.render._docx import Target, TemplateSource, cn_date, render


def _date(row: LedgerRow, field: str) -> str:
    """A date as documents print it, or as the filer wrote it when it was no date ("九月中")."""
    value = getattr(row, field)
    return cn_date(value) if value is not None else row.original(field) or ""


def _row(report: WeeklyReport, row: LedgerRow) -> dict[str, object]:
    return {
        "filer": row.filer.unit if row.filer is not None else "",
        "subject": row.subject,
        "ref": ref_key(row.negative_list_ref),
        "description": row.description,
        "measures": row.measures,
        "discovered_on": _date(row, "discovered_on"),
        "rectified_on": _date(row, "rectified_on"),
        "age": report.age(row) if row.discovered_on else "",
    }


def _unit(ledgers: Sequence[Ledger]) -> str:
    """The 报送单位 when every ledger comes from one unit; else left for the sender."""
    units = {ledger.filer.unit for ledger in ledgers if ledger.filer.unit}
    return units.pop() if len(units) == 1 else ""


def _context(report: WeeklyReport, unit: str) -> dict[str, object]:
    summary = report.summary
    overdue = len(report.overdue(30))
    overall = (
        f"本周（{cn_date(report.week_start)}至{cn_date(report.as_of)}）新发现问题{len(report.new)}条，"
        f"整改完成{len(report.closed)}条。截至{cn_date(report.as_of)}，累计发现问题{summary.total}条，"
        f"已整改{summary.rectified}条，整改率{summary.rate:.1%}；尚未整改{summary.open}条，"
        f"其中发现超过30天仍未整改{overdue}条。"
    )
    return {
        "title": report.title,
        "period": f"截至{cn_date(report.as_of)}",
        "unit": unit or "　" * 10,
        "date": cn_date(report.as_of),
        "overall": overall,
        "items": [attrs.asdict(item) | {"open": item.open} for item in report.items],
        "new": [_row(report, r) for r in report.new],
        "closed": [_row(report, r) for r in report.closed],
        "still_open": [_row(report, r) for r in report.still_open],
        "next_due": cn_date(report.next_due),
    }


def render_weekly_report(
    ledgers: Iterable[Ledger],
    path: Target,
    *,
    as_of: dt.date,
    title: str | None = None,
    mask: bool = False,
    template: TemplateSource = None,
    figures: str | os.PathLike[str] | IO[bytes] | None = None,
    unit: str | None = None,
) -> WeeklyReport:
    """Render the 周调度 report of ``ledgers`` for the week ending ``as_of`` to ``path``.

    Totals, new this week, closed this week, still open with their age, a table by
    negative-list item, and the next Thursday it is due; ``unit`` is the 报送单位 (by
    default the ledgers' filer when they share one, else a blank to fill in), the report
    date is ``as_of``. ``figures`` also writes the same figures as an .xlsx; ``mask``
    hides people's names and numbers. Returns the :class:`~yifeng.model.WeeklyReport`
    rendered.
    """
    chosen = [mask_ledger(ledger) if mask else ledger for ledger in ledgers]
    report = weekly_report(chosen, as_of=as_of) if title is None else weekly_report(chosen, as_of=as_of, title=title)
    sender = unit if unit is not None else _unit(chosen)
    render("weekly_report.docx", template, _context(report, sender), path, title=report.title, finish=fit_tables)
    if figures is not None:
        write_weekly_figures(report, figures)
    return report


_SAMPLE = 1000  # rows that decide the column widths


def write_weekly_figures(report: WeeklyReport, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """The weekly report's figures as an .xlsx: totals, by item, and the open problems."""
    import xlsxwriter  # imported when first needed, not with the renderers

    with replacing(target) as destination:
        book = xlsxwriter.Workbook(destination, {"in_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})
        base = {"font_name": FANGSONG, "font_size": 11, "border": 1, "valign": "vcenter", "text_wrap": True}
        bold = book.add_format({**base, "bold": True, "font_name": HEITI, "align": "center"})
        text = book.add_format(base)
        figure = book.add_format({**base, "align": "right"})
        percent = book.add_format({**base, "align": "right", "num_format": "0.0%"})
        summary = report.summary
        totals: list[tuple[str, object]] = [
            ("截至日期", cn_date(report.as_of)), ("本周新发现", len(report.new)), ("本周整改完成", len(report.closed)),
            ("累计发现", summary.total), ("已整改", summary.rectified), ("未整改", summary.open),
            ("整改率", summary.rate), ("超过30天未整改", len(report.overdue(30))), ("下次报送", cn_date(report.next_due)),
        ]
        items = [(item.ref, item.total, item.rectified, item.open) for item in report.items]
        still = []
        for problem in report.still_open:
            age = report.age(problem)
            still.append((problem.filer.unit if problem.filer else "", problem.subject,
                          ref_key(problem.negative_list_ref), problem.description, cn_date(problem.discovered_on),
                          age if age is not None else ""))
        sheets: list[tuple[str, tuple[str, ...], list[tuple[object, ...]]]] = [
            ("周调度", ("项目", "数值"), [tuple(pair) for pair in totals]),
            ("按条目", ("负面清单条目", "问题数", "已整改", "未整改"), [tuple(r) for r in items]),
            ("未整改", ("填报单位", "问题对象", "条目", "具体表现", "发现日期", "已过天数"), [tuple(r) for r in still]),
        ]
        for name, header, rows in sheets:
            sheet = book.add_worksheet(name)
            shown = [[str(v) for v in row] for row in rows]
            widths = [column_width([h] + [r[c] for r in shown[:_SAMPLE]], 11, least=6, most=40)
                      for c, h in enumerate(header)]
            for column, size in enumerate(widths):
                sheet.set_column(column, column, size)
            sheet.write_row(0, 0, header, bold)
            for r, (values, texts) in enumerate(zip(rows, shown), start=1):
                sheet.set_row(r, row_height(list(zip(texts, widths)), 11))
                for c, value in enumerate(values):
                    if isinstance(value, float):
                        sheet.write_number(r, c, value, percent)
                    elif isinstance(value, int):
                        sheet.write_number(r, c, value, figure)
                    else:
                        sheet.write_string(r, c, str(value), text)
            set_print(sheet, repeat=0, landscape=len(header) > 4, header=report.title)
        close_workbook(book)
