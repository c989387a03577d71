"""The weekly report (周调度) as .docx, and its figures as .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import IO

import attrs
import xlsxwriter

from yifeng._files import close_workbook, replacing

from yifeng.model import Ledger, LedgerRow, WeeklyReport, mask_ledger, weekly_report
from yifeng.model._ledger_ops import ref_key
from yifeng.render._docx import Target, TemplateSource, cn_date, render


def _row(report: WeeklyReport, row: LedgerRow) -> dict[str, object]:
    return {
        "filer": row.filer.unit if row.filer is not None else "",
        "subject": row.subject,
        "ref": ref_key(row.negative_list_ref),
        "description": row.description,
        "measures": row.measures,
        "discovered_on": cn_date(row.discovered_on),
        "rectified_on": cn_date(row.rectified_on),
        "age": report.age(row) if row.discovered_on else "",
    }


def _context(report: WeeklyReport) -> dict[str, object]:
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
) -> WeeklyReport:
    """Render the 周调度 report of ``ledgers`` for the week ending ``as_of`` to ``path``.

    Totals, new this week, closed this week, still open with their age, a table by
    negative-list item, and the next Thursday it is due. ``figures`` also writes the
    same figures as an .xlsx; ``mask`` hides people's names and numbers. Returns the
    :class:`~yifeng.model.WeeklyReport` rendered.
    """
    chosen = [mask_ledger(ledger) if mask else ledger for ledger in ledgers]
    report = weekly_report(chosen, as_of=as_of) if title is None else weekly_report(chosen, as_of=as_of, title=title)
    render("weekly_report.docx", template, _context(report), path, title=report.title)
    if figures is not None:
        write_weekly_figures(report, figures)
    return report


def write_weekly_figures(report: WeeklyReport, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """The weekly report's figures as an .xlsx: totals, by item, and the open problems."""
    with replacing(target) as destination:
        book = xlsxwriter.Workbook(destination, {"in_memory": True, "strings_to_numbers": False})
        bold = book.add_format({"bold": True, "font_name": "黑体"})
        percent = book.add_format({"num_format": "0.0%"})
        totals = book.add_worksheet("周调度")
        summary = report.summary
        rows: list[tuple[str, object]] = [
            ("截至日期", cn_date(report.as_of)), ("本周新发现", len(report.new)), ("本周整改完成", len(report.closed)),
            ("累计发现", summary.total), ("已整改", summary.rectified), ("未整改", summary.open),
            ("整改率", summary.rate), ("超过30天未整改", len(report.overdue(30))), ("下次报送", cn_date(report.next_due)),
        ]
        for r, (label, value) in enumerate(rows):
            totals.write_string(r, 0, label, bold)
            if isinstance(value, float):
                totals.write_number(r, 1, value, percent)
            elif isinstance(value, int):
                totals.write_number(r, 1, value)
            else:
                totals.write_string(r, 1, str(value))
        totals.set_column(0, 1, 18)
        items = book.add_worksheet("按条目")
        items.write_row(0, 0, ("负面清单条目", "问题数", "已整改", "未整改"), bold)
        for r, item in enumerate(report.items, start=1):
            items.write_string(r, 0, item.ref)
            items.write_row(r, 1, (item.total, item.rectified, item.open))
        still = book.add_worksheet("未整改")
        still.write_row(0, 0, ("填报单位", "问题对象", "条目", "具体表现", "发现日期", "已过天数"), bold)
        for r, row in enumerate(report.still_open, start=1):
            age = report.age(row)
            values = (row.filer.unit if row.filer else "", row.subject, ref_key(row.negative_list_ref),
                      row.description, cn_date(row.discovered_on))
            for c, value in enumerate(values):
                still.write_string(r, c, value)
            if age is not None:
                still.write_number(r, 5, age)
        close_workbook(book)
