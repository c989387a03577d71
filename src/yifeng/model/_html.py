"""Small HTML tables for Jupyter's ``_repr_html_``: readable on sight, nothing more."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yifeng.model._campaign import Campaign, Notice
    from yifeng.model._ledger import Ledger
    from yifeng.model._parts import Task
    from yifeng.model._tasktable import TaskTable

_STYLE = "border-collapse:collapse;text-align:left;vertical-align:top"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _names(units: Iterable[object]) -> str:
    return "、".join(str(u) for u in units)


def tasks_table(tasks: Iterable[Task]) -> str:
    return table(
        ("序号", "类别", "任务", "牵头", "配合", "共同推进", "完成时限", "日期"),
        (
            (
                t.number,
                t.category or "",
                t.title,
                _names(t.responsibility.leads),
                _names(t.responsibility.supports),
                _names(t.responsibility.joint),
                t.deadline,
                t.deadline.due or "",
            )
            for t in tasks
        ),
    )


def campaign_html(campaign: Campaign) -> str:
    facts = [
        ("类型", campaign.kind.label if campaign.kind else ""),
        ("年度", campaign.year or ""),
        ("重点任务", f"{len(campaign.tasks)} 项"),
        ("负面清单", f"{len(campaign.negative_list)} 方面 {len(campaign.negative_list_items)} 类"),
        ("阶段", "；".join(f"{p.name}（{p.period}）" for p in campaign.phases)),
    ]
    parts = [f"<h4>{escape(campaign.title)}</h4>", table(("项目", "内容"), facts)]
    if campaign.tasks:
        parts.append(tasks_table(campaign.tasks))
    return "".join(parts)


def notice_html(notice: Notice) -> str:
    facts = [
        ("发文字号", notice.doc_number or ""),
        ("发文机关", "、".join(notice.issuers)),
        ("主送机关", "、".join(notice.recipients)),
        ("成文日期", notice.date or ""),
        ("印发", f"{notice.printed_by} {notice.printed_on or ''}".strip()),
    ]
    parts = [f"<h3>{escape(notice.title)}</h3>", table(("项目", "内容"), facts)]
    if notice.campaign is not None:
        parts.append(campaign_html(notice.campaign))
    return "".join(parts)


def task_table_html(imported: TaskTable) -> str:
    parts = [f"<h4>{escape(imported.title or '任务分工表')}</h4>", tasks_table(imported.tasks)]
    if imported.diagnostics:
        problems = ((d.location, d.code, d.message) for d in imported.diagnostics)
        parts.append(table(("位置", "代码", "问题"), problems))
    return "".join(parts)


def ledger_html(ledger: Ledger) -> str:
    from yifeng.model._ledger import LEDGER_COLUMNS

    fields = [field for field, _ in LEDGER_COLUMNS[ledger.kind]]
    title = escape(ledger.title or f"工作台账（{ledger.kind.label}）")
    filer = escape(f"填报单位：{ledger.filer.unit} 填报人：{ledger.filer.person} 联系方式：{ledger.filer.contact}")
    rows = (
        [row.original(f) or _cell(getattr(row, f)) for f in fields] for row in ledger.rows
    )
    return f"<h4>{title}</h4><p>{filer}</p>" + table(ledger.columns, rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
