"""How results look: HTML tables for Jupyter (``_repr_html_``) and text tables for a terminal.

Every style is inline, on the element it styles, so that it beats a notebook's own
stylesheet (JupyterLab right-aligns cells, drops borders, fixes the table layout and
centres the table; an inline style outranks all of that). Short values stay on one line;
only long text wraps, and text longer than :data:`FOLD` folds into a ``<details>``
that opens to the whole of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any, Final

from yifeng.model._records import Column, ColumnKind, Folded, Groups, Records, Value, cell_text, display_width

if TYPE_CHECKING:
    from yifeng.model._campaign import Campaign, Notice
    from yifeng.model._ledger import Ledger
    from yifeng.model._parts import Task
    from yifeng.model._tasktable import TaskTable
    from yifeng.model._weekly import WeeklyReport

_BORDER: Final = "1px solid #8c8c8c"
_TABLE: Final = f"border-collapse:collapse;border:{_BORDER};table-layout:auto;width:auto;margin:0.25em 0 1em 0"
_CELL: Final = f"border:{_BORDER};padding:0.25em 0.6em;text-align:left;vertical-align:top;line-height:1.5"
_SHORT: Final = _CELL + ";white-space:nowrap"
_LONG: Final = _CELL + ";white-space:normal;min-width:14em;max-width:36em;overflow-wrap:anywhere"
_LIST: Final = _CELL + ";white-space:normal;word-break:keep-all;min-width:6em;max-width:16em"
_HEAD: Final = ";background:rgba(127,127,127,0.15);font-weight:bold"
_CAPTION: Final = "text-align:left;margin:0.75em 0 0.25em 0;font-weight:bold"
FOLD: Final = 80
"""Long text beyond this many characters shows its start and opens (``<details>``) to the rest."""
HTML_ROWS: Final = 500
TEXT_ROWS: Final = 30
TEXT_CELL: Final = 24
"""Terminal cells are cut to this many columns (a Chinese character takes two)."""


class _Span:
    """A first cell covering ``rows`` rows (a group's name)."""

    def __init__(self, value: Value, rows: int) -> None:
        self.value, self.rows = value, rows


_COVERED: Final = object()  # a cell under a _Span: not written


_STYLES: Final = {"long": _LONG, "list": _LIST}


def _cell_html(value: object, kind: str, head: bool = False) -> str:
    style = _STYLES.get(kind, _SHORT)
    tag, style = ("th", style + _HEAD) if head else ("td", style)
    span = ""
    if isinstance(value, _Span):
        span, value = f' rowspan="{value.rows}"', value.value
    if not isinstance(value, Folded):
        text = cell_text(value)  # type: ignore[arg-type]
        value = Folded(f"{text[:FOLD // 2]}…", text) if kind == "long" and len(text) > FOLD else Folded(text, "")
    inner = (f'<details><summary style="cursor:pointer">{escape(value.summary)}</summary>'
             f'<div style="margin-top:0.25em">{escape(value.full)}</div></details>'
             if value.full and value.full != value.summary else escape(value.summary))
    return f'<{tag} style="{style}"{span}>{inner}</{tag}>'


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, kinds: Sequence[ColumnKind] = (),
          caption: str = "") -> str:
    """An HTML table; ``kinds[i]`` is column ``i``'s :data:`~yifeng.model.ColumnKind` ("long" wraps)."""
    wraps: list[ColumnKind] = [*kinds, *(["text"] * (len(headers) - len(kinds)))]  # type: ignore[list-item]
    head = "".join(_cell_html(h, "text" if wraps[i] == "long" else wraps[i], head=True) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(_cell_html(cell, wraps[i]) for i, cell in enumerate(row) if cell is not _COVERED) + "</tr>"
        for row in rows
    )
    title = f'<div style="{_CAPTION}">{escape(caption)}</div>' if caption else ""
    return f'{title}<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _shown(cols: Sequence[Column[Any]], items: Sequence[object]) -> list[Column[Any]]:
    """The columns worth a place on screen: not keys, and holding something."""
    return [c for c in cols if c.kind != "key" and any(c.get(i) not in (None, "") for i in items)]


def _more(count: int, limit: int) -> str:
    return f"共 {count} 行，只显示前 {limit} 行；全部见 .to_frame() 或写出文件" if count > limit else ""


def records_html(records: Records[Any], caption: str | None = None) -> str:
    cols, items = records._display()
    title = records.header() if caption is None else f"{caption}（{records.header()}）"
    if not items:
        return f'<div style="{_CAPTION}">{escape(title)}</div>'
    shown = _shown(cols, items)
    rows = ([c.get(i) for c in shown] for i in items[:HTML_ROWS])
    note = _more(len(items), HTML_ROWS)
    return table([c.header for c in shown], rows, kinds=[c.kind for c in shown], caption=title) + (
        f"<p>{escape(note)}</p>" if note else "")


def groups_html(groups: Groups[Any]) -> str:
    cols, pairs = groups._display()
    caption = f"按{groups.by}分组：{len(groups)} 组"
    if not pairs:
        return f'<div style="{_CAPTION}">{escape(caption)}</div>'
    shown = _shown(cols[1:], pairs)
    rows: list[list[object]] = []
    for name, items in groups.items():
        _, members = items._display()
        for index, item in enumerate(members):
            first: object = _Span(f"{name}（{len(members)}）", len(members)) if index == 0 else _COVERED
            rows.append([first, *(c.get((name, item)) for c in shown)])
    return table([groups.by, *(c.header for c in shown)], rows, kinds=["text", *(c.kind for c in shown)],
                 caption=caption)


# -- terminal text ----------------------------------------------------------------------
def _cut(text: str, limit: int = TEXT_CELL) -> str:
    text = " ".join(text.split())
    if display_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> str:
    """Columns aligned by display width (a Chinese character is two columns wide)."""
    cells = [[_cut(h) for h in headers], *([_cut(str(v) if isinstance(v, Folded) else cell_text(v)) for v in row]
                                            for row in rows)]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths)).rstrip()

    return "\n".join([line(cells[0]), "  ".join("─" * w for w in widths), *(line(r) for r in cells[1:])])


def records_text(records: Records[Any], caption: str | None = None) -> str:
    cols, items = records._display()
    title = records.header() if caption is None else f"{caption}（{records.header()}）"
    if not items:
        return title
    shown = _shown(cols, items)
    body = text_table([c.header for c in shown], [[c.get(i) for c in shown] for i in items[:TEXT_ROWS]])
    note = _more(len(items), TEXT_ROWS)
    return "\n".join(filter(None, [title, body, note]))


def groups_text(groups: Groups[Any]) -> str:
    parts = [f"按{groups.by}分组：{len(groups)} 组"]
    for name, items in groups.items():
        parts.append(records_text(items, caption=name))
    return "\n\n".join(parts)


# -- documents ----------------------------------------------------------------------------
def _facts(facts: Sequence[tuple[str, object]]) -> str:
    return table(("项目", "内容"), [(k, v) for k, v in facts if v not in (None, "", ())], kinds=("text", "long"))


def tasks_table(tasks: Iterable[Task]) -> str:
    from yifeng.model._parts import Tasks

    return records_html(Tasks(tasks))


def campaign_html(campaign: Campaign) -> str:
    facts = [
        ("类型", campaign.kind.label if campaign.kind else ""),
        ("年度", campaign.year),
        ("发文机关", "、".join(campaign.issuers)),
        ("重点任务", campaign.tasks.header()),
        ("负面清单", campaign.negative_list.header() if campaign.negative_list else ""),
        ("阶段", "；".join(f"{p.name}（{p.period}）" if p.period else p.name for p in campaign.phases)),
    ]
    parts = [f"<h4>{escape(campaign.title)}</h4>", _facts(facts)]
    if campaign.tasks:
        parts.append(records_html(campaign.tasks, caption="重点任务"))
    if campaign.negative_list:
        parts.append(records_html(campaign.negative_list, caption="负面清单"))
    if campaign.phases:
        parts.append(records_html(campaign.phases, caption="实施步骤"))
    return "".join(parts)


def _problems(diagnostics: Records[Any]) -> str:
    return records_html(diagnostics, caption="问题") if diagnostics else ""


def notice_html(notice: Notice) -> str:
    facts = [
        ("发文字号", notice.doc_number),
        ("发文机关", "、".join(notice.issuers)),
        ("主送机关", "、".join(notice.recipients)),
        ("成文日期", notice.date),
        ("附件", "；".join(notice.attachments)),
        ("印发", f"{notice.printed_by} {notice.printed_on or ''}".strip()),
    ]
    parts = [f"<h3>{escape(notice.title)}</h3>", _facts(facts), _problems(notice.diagnostics)]
    if notice.campaign is not None:
        parts.append(campaign_html(notice.campaign))
    return "".join(parts)


def task_table_html(imported: TaskTable) -> str:
    return "".join([f"<h4>{escape(imported.title or '任务分工表')}</h4>",
                    records_html(imported.tasks, caption="重点任务"), _problems(imported.diagnostics)])


def ledger_html(ledger: Ledger) -> str:
    title = ledger.title or f"工作台账（{ledger.kind.label}）"
    facts = [("台账", ledger.kind.label), ("填报单位", ledger.filer.unit), ("填报人", ledger.filer.person),
             ("联系方式", ledger.filer.contact), ("注", "；".join(ledger.notes))]
    return "".join([f"<h4>{escape(title)}</h4>", _facts(facts), records_html(ledger.rows, caption="台账行"),
                    _problems(ledger.diagnostics)])


def _weekly_parts(report: WeeklyReport) -> tuple[list[tuple[str, Value]], list[tuple[str, int, int, int]]]:
    s = report.summary
    facts: list[tuple[str, Value]] = [
        ("截至", report.as_of), ("本周", f"{report.week_start} 至 {report.as_of}"), ("下次报送", report.next_due),
        ("问题总数", s.total), ("已整改", s.rectified), ("未整改", s.open), ("整改率", f"{s.rate:.1%}"),
        ("本周新发现", len(report.new)), ("本周整改", len(report.closed)),
    ]
    items = [(i.ref, i.total, i.rectified, i.open) for i in report.items]
    return facts, items


_ITEM_HEADERS: Final = ("负面清单条目", "问题数", "已整改", "未整改")


def _aged(report: WeeklyReport) -> tuple[list[str], list[list[Value]], list[ColumnKind]]:
    """Still-open rows with how long each has been open (calendar and working days)."""
    cols, rows = report.still_open._flat()
    shown = _shown(cols, rows)
    headers = [*(c.header for c in shown), "已开放天数", "工作日"]
    body: list[list[Value]] = [
        [*(c.get(r) for c in shown), report.age(r), report.age(r, working_days=True)] for r in report.still_open
    ]
    return headers, body, [c.kind for c in shown] + ["int", "int"]


def weekly_html(report: WeeklyReport) -> str:
    facts, items = _weekly_parts(report)
    parts = [f"<h4>{escape(report.title)}</h4>", _facts(facts)]
    if items:
        parts.append(table(_ITEM_HEADERS, items, caption="按负面清单条目"))
    parts.append(records_html(report.new, caption="本周新发现"))
    parts.append(records_html(report.closed, caption="本周整改"))
    headers, body, kinds = _aged(report)
    parts.append(table(headers, body, kinds=kinds, caption=f"尚未整改（{len(body)} 行）") if body
                 else f'<div style="{_CAPTION}">尚未整改（0 行）</div>')
    return "".join(parts)


def weekly_text(report: WeeklyReport) -> str:
    facts, items = _weekly_parts(report)
    parts = [report.title, text_table(("项目", "内容"), facts)]
    if items:
        parts.append("按负面清单条目\n" + text_table(_ITEM_HEADERS, items))
    headers, body, _ = _aged(report)
    parts.append(f"尚未整改（{len(body)} 行）" + ("\n" + text_table(headers, body[:TEXT_ROWS]) if body else ""))
    return "\n\n".join(parts)
