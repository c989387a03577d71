"""The weekly report (周调度) as .docx, and its figures as .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Final, overload

import attrs

from yifeng._fonts import FANGSONG, HEITI
from yifeng._files import close_workbook, replacing
from yifeng.io._print import column_width, row_height, set_print
from yifeng.model import Ledger, LedgerRow, WeeklyReport, mask_ledger
from yifeng.model._ledger_ops import ref_key
from yifeng.model._weekly import OVERDUE_DAYS, WeeklyTally, unit_of
from yifeng.render import _styles as st
from yifeng.render._columns import TEXT_TWIPS, fit_tables
from yifeng.render._docx import Target, TemplateSource, cn_date, render
from yifeng.render._official import grouped_table_pieces, grouped_table_xml
from yifeng.render._ooxml import Slot, xml


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


class _RowDicts(Sequence[dict[str, object]]):
    """Rows as the template's loops see them (``r.filer``, ``r.subject`` …), each made
    only when a template asks for it: the shipped template only counts them."""

    def __init__(self, report: WeeklyReport, rows: Sequence[LedgerRow]) -> None:
        self._report, self._rows = report, rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, object]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, object] | list[dict[str, object]]:
        if isinstance(index, slice):
            return [_row(self._report, r) for r in self._rows[index]]
        return _row(self._report, self._rows[index])

    def __iter__(self) -> Iterator[dict[str, object]]:
        return (_row(self._report, r) for r in self._rows)


_FIGURE, _TEXT, _CENTRED = st.TABLE_FIGURE, st.TABLE_TEXT, st.TABLE_CENTRED
UNIT_COLUMNS: Final = (("填报单位", _TEXT), ("累计发现", _FIGURE), ("已整改", _FIGURE), ("未整改", _FIGURE),
                       ("整改率", _FIGURE), ("本周新增", _FIGURE), ("本周整改", _FIGURE),
                       (f"超过{OVERDUE_DAYS}天未整改", _FIGURE))
OPEN_COLUMNS: Final = (("序号", _CENTRED), ("问题对象", _TEXT), ("条目", _TEXT), ("发现日期", _CENTRED),
                       ("已过天数", _FIGURE))


def _unit_table(report: WeeklyReport) -> str:
    """Each 填报单位's figures, and their sum."""
    summary = report.summary
    values = [[u.unit, str(u.total), str(u.rectified), str(u.open), f"{u.rate:.1%}", str(u.new), str(u.closed),
               str(u.overdue)] for u in report.units]
    values.append(["合计", str(summary.total), str(summary.rectified), str(summary.open), f"{summary.rate:.1%}",
                   str(len(report.new)), str(len(report.closed)), str(len(report.overdue()))])
    return grouped_table_xml([h for h, _ in UNIT_COLUMNS], [s for _, s in UNIT_COLUMNS], values,
                             total=st.TYPE_WIDTH, char=TEXT_TWIPS)


def _open_items(report: WeeklyReport) -> Iterator[str]:
    """The problems still open, under their 填报单位 (in the order the units came),
    oldest first within each, numbered from 1 in each: the table's XML a row at a time,
    made as the document is written (a national report lists hundreds of thousands)."""
    by_unit: dict[str, list[LedgerRow]] = {u.unit: [] for u in report.units}
    for row in report.still_open:
        by_unit.setdefault(unit_of(row), []).append(row)
    values: list[list[str]] = []
    labels: dict[int, str] = {}
    for unit, rows in by_unit.items():
        if not rows:
            continue
        labels[len(values)] = f"{unit}（{len(rows)}条）"
        for number, row in enumerate(rows, start=1):
            age = report.age(row)
            values.append([str(number), row.subject, ref_key(row.negative_list_ref), _date(row, "discovered_on"),
                           "" if age is None else str(age)])
    return grouped_table_pieces([h for h, _ in OPEN_COLUMNS], [s for _, s in OPEN_COLUMNS], values,
                                total=st.TYPE_WIDTH, char=TEXT_TWIPS, labels=labels)


def _context(report: WeeklyReport, unit: str) -> dict[str, object]:
    summary = report.summary
    overdue = len(report.overdue())
    overall = (
        f"本周（{cn_date(report.week_start)}至{cn_date(report.as_of)}）新发现问题{len(report.new)}条，"
        f"整改完成{len(report.closed)}条。截至{cn_date(report.as_of)}，累计发现问题{summary.total}条，"
        f"已整改{summary.rectified}条，整改率{summary.rate:.1%}；尚未整改{summary.open}条，"
        f"其中发现超过{OVERDUE_DAYS}天仍未整改{overdue}条。"
    )
    return {
        "title": report.title,
        "period": f"截至{cn_date(report.as_of)}",
        "unit": unit or "　" * 10,
        "date": cn_date(report.as_of),
        "overall": overall,
        "units": [attrs.asdict(u) | {"open": u.open, "rate": f"{u.rate:.1%}"} for u in report.units],
        "items": [attrs.asdict(item) | {"open": item.open} for item in report.items],
        "new": _RowDicts(report, report.new),
        "closed": _RowDicts(report, report.closed),
        "still_open": _RowDicts(report, report.still_open),
        "next_due": cn_date(report.next_due),
        "unit_table": xml(_unit_table(report) if report.units else "", optional=True),
        "open_items": Slot(pieces=lambda: _open_items(report), optional=True) if report.still_open
        else xml("", optional=True),
    }


def render_weekly(
    report: WeeklyReport,
    path: Target,
    *,
    unit: str = "",
    template: TemplateSource = None,
    figures: str | os.PathLike[str] | IO[bytes] | None = None,
) -> None:
    """Render a :class:`~yifeng.model.WeeklyReport` (from :func:`~yifeng.model.weekly_report`,
    a :class:`~yifeng.model.WeeklyTally`, or :func:`~yifeng.io.weekly_tally_from_parquet`)
    to ``path``: the overall figures, a table by 填报单位, a table by negative-list item,
    the problems still open under their 填报单位, and the next Thursday it is due.
    ``unit`` is the 报送单位 (blank to fill in when ""); ``figures`` also writes the same
    figures (totals, by unit, by item) as an .xlsx. Time and size grow linearly with the rows."""
    render("weekly_report.docx", template, _context(report, unit), path, title=report.title, finish=fit_tables)
    if figures is not None:
        write_weekly_figures(report, figures)


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
    """Render the 周调度 report of ``ledgers`` for the week ending ``as_of`` to ``path``
    (see :func:`render_weekly`); ``unit`` is the 报送单位 (by default the ledgers' filer
    when they share one, else a blank to fill in), the report date is ``as_of``;
    ``mask`` hides people's names and numbers. The ledgers are taken one at a time and
    only the rows the report lists are kept. Returns the
    :class:`~yifeng.model.WeeklyReport` rendered.
    """
    tally = WeeklyTally(as_of)
    for ledger in ledgers:
        tally.add(mask_ledger(ledger) if mask else ledger)
    report = tally.report() if title is None else tally.report(title=title)
    render_weekly(report, path, unit=unit if unit is not None else tally.sender, template=template, figures=figures)
    return report


_SAMPLE: Final = 1000  # rows that decide the column widths

Sheet = tuple[str, tuple[str, ...], Callable[[], Iterator[tuple[object, ...]]]]


def _sheets(report: WeeklyReport) -> list[Sheet]:
    summary = report.summary
    totals: list[tuple[object, ...]] = [
        ("截至日期", cn_date(report.as_of)), ("本周新发现", len(report.new)), ("本周整改完成", len(report.closed)),
        ("累计发现", summary.total), ("已整改", summary.rectified), ("未整改", summary.open),
        ("整改率", summary.rate), (f"超过{OVERDUE_DAYS}天未整改", len(report.overdue())),
        ("下次报送", cn_date(report.next_due)),
    ]
    units = [(u.unit, u.total, u.rectified, u.open, u.rate, u.new, u.closed, u.overdue) for u in report.units]
    items = [(item.ref, item.total, item.rectified, item.open) for item in report.items]
    return [
        ("周调度", ("项目", "数值"), lambda: iter(totals)),
        ("按单位", tuple(h for h, _ in UNIT_COLUMNS), lambda: iter(units)),
        ("按条目", ("负面清单条目", "问题数", "已整改", "未整改"), lambda: iter(items)),
    ]


def write_weekly_figures(report: WeeklyReport, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """The weekly report's figures as an .xlsx: totals, by unit and by item. (The
    problems themselves are in the report, under their unit, and in the merged ledger.)"""
    import xlsxwriter  # imported when first needed, not with the renderers

    with replacing(target) as destination:
        options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
        options["constant_memory" if isinstance(destination, str) else "in_memory"] = True
        book = xlsxwriter.Workbook(destination, options)
        base = {"font_name": FANGSONG, "font_size": 11, "border": 1, "valign": "vcenter", "text_wrap": True}
        bold = book.add_format({**base, "bold": True, "font_name": HEITI, "align": "center"})
        text = book.add_format(base)
        figure = book.add_format({**base, "align": "right"})
        percent = book.add_format({**base, "align": "right", "num_format": "0.0%"})
        for name, header, rows in _sheets(report):
            sheet = book.add_worksheet(name)
            sample = [[str(v) for v in row] for _, row in zip(range(_SAMPLE), rows())]
            widths = [column_width([h] + [r[c] for r in sample], 11, least=6, most=40) for c, h in enumerate(header)]
            for column, size in enumerate(widths):
                sheet.set_column(column, column, size)
            sheet.write_row(0, 0, header, bold)
            for r, values in enumerate(rows(), start=1):
                sheet.set_row(r, row_height([(str(v), w) for v, w in zip(values, widths)], 11))
                for c, value in enumerate(values):
                    if isinstance(value, float):
                        sheet.write_number(r, c, value, percent)
                    elif isinstance(value, int):
                        sheet.write_number(r, c, value, figure)
                    else:
                        sheet.write_string(r, c, str(value), text)
            set_print(sheet, repeat=0, landscape=len(header) > 4, header=report.title)
        close_workbook(book)
