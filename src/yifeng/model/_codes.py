"""The registry of diagnostic codes: every problem a reader or check can report.

Each code has one severity, a Chinese title, a Chinese message template and a description
of when it arises. Readers build their diagnostics only through it
(``DIAGNOSTIC_CODES["deadline-unparsed"].make(text=…, row=…)``), so a UI can list the
codes, and a test can check that no reader invents one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from yifeng.model._diagnostic import Diagnostic, Severity

_E, _W = Severity.ERROR, Severity.WARNING


class _Values(dict[str, object]):
    """Template values; one a caller did not give shows as "…" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "…"


@attrs.frozen(kw_only=True)
class DiagnosticCode:
    """One kind of problem: ``code``, ``severity``, ``title`` (Chinese, short),
    ``template`` (the Chinese message, with ``{placeholders}``), ``description``, and
    ``fields``: the fields of a task or ledger row a problem of this kind can concern —
    its :attr:`Diagnostic.field` is one of them — ``("*",)`` for any field (a broken
    cell), ``()`` for problems of the document as a whole."""

    code: str
    severity: Severity
    title: str
    template: str
    description: str
    fields: tuple[str, ...] = ()

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The names the template needs, in order."""
        import string

        return tuple(name for _, name, _, _ in string.Formatter().parse(self.template) if name)

    def make(
        self,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        line: int | None = None,
        field: str | None = None,
        text: str = "",
        values: Mapping[str, object] | None = None,
        **more: object,
    ) -> Diagnostic:
        """A :class:`Diagnostic` of this kind, its message filled from ``values`` and
        ``more`` (``{row}`` is the row given)."""
        message = self.template.format_map(_Values({"row": row, **(values or {}), **more}))
        return Diagnostic(
            severity=self.severity, code=self.code, message=message, file=file,
            sheet=sheet, row=row, column=column, line=line, field=field, text=text,
        )


_TABLE: Final = (
    # any workbook cell
    DiagnosticCode(code="cell-error", severity=_W, title="单元格错误值",
                   template="单元格是 Excel 错误值“{value}”，已按原文保留；请在 Excel 中改正公式",
                   fields=("*",),
                   description="A cell holds an Excel error (#REF!, #DIV/0!, #N/A …); its text is kept."),
    DiagnosticCode(code="cell-formula", severity=_W, title="公式没有结果",
                   template="单元格的公式“{value}”没有保存计算结果，已按公式原文保留；请在 Excel 中重新计算后保存",
                   fields=("*",),
                   description="A formula saved without its value (by a program, not Excel); its text is kept."),
    # 分工表 (task tables), in workbooks, Word tables and text
    DiagnosticCode(code="cell-date", severity=_W, title="无效日期",
                   template="单元格设为日期格式，但其中的数 {value} 不是任何日期，已按原文保留",
                   fields=("*",),
                   description="A date-formatted cell holds a negative number, which is no date."),
    DiagnosticCode(code="column-unmapped", severity=_W, title="未识别的列",
                   template="第 {letter} 列没有可识别的表头，该列内容（如“{sample}”）未导入",
                   description="A column has content but no header yifeng knows; its cells are not imported."),
    DiagnosticCode(code="task-empty", severity=_W, title="空任务行",
                   template="第 {row} 行没有任务内容，未导入",
                   fields=("title", "content"),
                   description="A table row has a number or units but no task text."),
    DiagnosticCode(code="number-column-missing", severity=_W, title="缺少序号列",
                   template="表中没有“序号”列，任务已按行的顺序编号",
                   fields=("number",),
                   description="The table has no 序号 column; tasks are numbered in row order."),
    DiagnosticCode(code="number-missing", severity=_W, title="缺少序号",
                   template="第 {row} 行有任务内容但没有序号，已按顺序编为 {assigned}",
                   fields=("number",),
                   description="A row holds a task but its 序号 cell is empty."),
    DiagnosticCode(code="number-invalid", severity=_E, title="序号无法识别",
                   template="序号“{value}”不是正整数，{action}",
                   fields=("number",),
                   description="A 序号 cell holds something other than a positive whole number."),
    DiagnosticCode(code="number-duplicate", severity=_E, title="序号重复",
                   template="序号 {number} 重复出现",
                   fields=("number",),
                   description="Two tasks of the same category carry the same number."),
    DiagnosticCode(code="number-renumbered", severity=_W, title="重复序号已改编",
                   template="序号 {number} 在同一类别中出现两次，后一项已改编为 {assigned}（方案中任务序号须唯一）",
                   fields=("number",),
                   description="A plan prints a task number twice; the later task gets the next free number."),
    DiagnosticCode(code="number-skipped", severity=_W, title="序号不连续",
                   template="序号从 {last} 跳到 {number}，缺少 {missing}",
                   fields=("number",),
                   description="Numbers jump: rows may be missing."),
    DiagnosticCode(code="responsibility-missing", severity=_W, title="未填责任单位",
                   template="第 {row} 行没有填写责任单位",
                   fields=("responsibility",),
                   description="A task row has an empty 责任单位 cell."),
    DiagnosticCode(code="responsibility-no-unit", severity=_E, title="责任单位无法识别",
                   template="责任单位“{value}”中没有可识别的单位名称",
                   fields=("responsibility",),
                   description="Nothing in the 责任单位 text reads as the name of a body."),
    DiagnosticCode(code="responsibility-unknown-unit", severity=_W, title="可疑的单位名称",
                   template="责任单位中的“{names}”不像单位名称，请核对",
                   fields=("responsibility",),
                   description="Some names in the 责任单位 text do not end like the name of a body."),
    DiagnosticCode(code="responsibility-unresolved", severity=_W, title="责任分工无法确定",
                   template="责任单位“{value}”中的“{parts}”无法确定单位或分工，已保留原文",
                   fields=("responsibility",),
                   description="Part of a 责任单位 phrase names no unit or no role yifeng can decide."),
    DiagnosticCode(code="deadline-missing", severity=_W, title="未填完成时限",
                   template="第 {row} 行没有填写完成时限",
                   fields=("deadline",),
                   description="A task row has an empty 完成时限 cell."),
    DiagnosticCode(code="deadline-serial", severity=_W, title="日期未设格式",
                   template="完成时限 {value} 是未设日期格式的 Excel 日期，按 {day} 读取",
                   fields=("deadline",),
                   description="A 完成时限 cell holds an Excel date serial number without date formatting."),
    DiagnosticCode(code="deadline-unparsed", severity=_E, title="完成时限无法识别",
                   template="完成时限“{value}”无法识别，已保留原文",
                   fields=("deadline",),
                   description="A 完成时限 text is not a deadline yifeng can read; the text is kept."),
    DiagnosticCode(code="deadline-no-year", severity=_W, title="完成时限缺年份",
                   template="完成时限“{value}”没有年份，文件中也没有年份；请用 year= 指定",
                   fields=("deadline",),
                   description="A month-only deadline cannot be dated: the document gives no year."),
    DiagnosticCode(code="table-unread", severity=_W, title="表格未读入",
                   template="“{title}”中的表格没有可识别的表头，未作为任务读入",
                   description="A table in a document has no header of a 分工表; its rows are kept as text."),
    # notices and plans
    DiagnosticCode(code="text-replaced", severity=_W, title="字符已替换",
                   template="这一行有不成对的代理字符（文本在复制或转码时已损坏），已替换为 �",
                   description="A line holds lone surrogates, which no file can store; each is shown as U+FFFD."),
    DiagnosticCode(code="plan-not-found", severity=_W, title="未找到方案",
                   template="没有找到方案、正文或任务分工表",
                   description="The text holds neither a plan nor a 分工表."),
    DiagnosticCode(code="plan-absent", severity=_W, title="方案未附",
                   template="通知印发“{plan}”，但文本中没有它的正文或任务分工表，请连同附件一并读入",
                   description="A notice issuing a plan whose text is not in the document read."),
    DiagnosticCode(code="task-designated-twice", severity=_W, title="一项任务两处分工",
                   template="任务“{value}”在两个段落中分别写明责任单位（“{first}”和“{second}”），"
                            "可能丢了一行编号；已按一项任务读入，两处单位都保留",
                   description="One task names its units in two separate paragraphs: a numbered line may be lost."),
    DiagnosticCode(code="plan-title-missing", severity=_W, title="方案无标题",
                   template="通知后面的方案没有标题行，已按通知标题称它为“{plan}”",
                   description="The plan after a notice has no title line; it is named as the notice's title names it."),
    DiagnosticCode(code="task-under-target", severity=_W, title="目标下的任务",
                   template="“{value}”写在“{target}”之下，却像一项措施；可能丢了“行动内容”一类的标题，已作为任务读入",
                   description="Numbered measures under a target: a heading over them is probably lost; read as tasks."),
    DiagnosticCode(code="tasks-none", severity=_W, title="未找到任务",
                   template="正文有 {paragraphs} 段，但没有找到编号的任务或任务分工表{detail}",
                   description="A document with a body yields no task: none is numbered in a task section."),
    DiagnosticCode(code="task-invalid", severity=_E, title="任务无法读入",
                   template="“{value}”无法作为任务读入：{why}",
                   description="A task found in a document failed the model's checks; its text is kept here."),
    DiagnosticCode(code="heading-out-of-sequence", severity=_W, title="编号不连续",
                   template="编号“{label}”接在“{previous}”之后，不连续，已按正文读入",
                   description="A numbered line does not continue the numbering around it and is read as text."),
    DiagnosticCode(code="heading-skipped", severity=_W, title="编号跳过",
                   template="编号从“{previous}”跳到“{label}”，中间可能漏了一项",
                   description="Numbering jumps by one or two: a numbered line may have been lost."),
    DiagnosticCode(code="heading-restarted", severity=_W, title="编号重新开始",
                   template="编号“{label}”在“{previous}”之后重新从头开始，前面可能漏了一个标题",
                   description="A numbered list starts again under the same heading: a heading line may be lost."),
    DiagnosticCode(code="title-not-found", severity=_W, title="未找到标题",
                   template="没有找到文件标题（“关于……的通知”或方案标题）",
                   description="The notice's title could not be found."),
    DiagnosticCode(code="year-unknown", severity=_W, title="年份不明",
                   template="文件中没有发文字号、成文日期或标题年份，“{value}”等完成时限无法确定日期",
                   description="Month-only deadlines stay undated: the document gives no year."),
    DiagnosticCode(code="attachment-unread", severity=_W, title="附件未读入",
                   template="附件“{title}”的内容无法识别，未读入",
                   description="An attachment was found but its content is none yifeng can read."),
    # 台账 (ledgers)
    DiagnosticCode(code="rectified-unparsed", severity=_E, title="整改是否完成无法识别",
                   template="整改是否完成填写为“{value}”，应为“是”或“否”，已保留原文",
                   fields=("rectified",),
                   description="The 整改是否完成 cell is neither 是 nor 否."),
    DiagnosticCode(code="date-serial", severity=_W, title="日期未设格式",
                   template="日期 {value} 是未设日期格式的 Excel 日期，按 {day} 读取",
                   fields=("discovered_on", "rectified_on"),
                   description="A date cell holds an Excel serial number without date formatting."),
    DiagnosticCode(code="date-unparsed", severity=_E, title="日期无法识别",
                   template="“{value}”无法识别为日期，已保留原文",
                   fields=("discovered_on", "rectified_on"),
                   description="A date cell holds text that is not a date."),
    DiagnosticCode(code="date-invalid", severity=_E, title="日期不存在",
                   template="“{value}”是不存在的日期，已保留原文",
                   fields=("discovered_on", "rectified_on"),
                   description="A date cell names a day that does not exist (2月30日)."),
    DiagnosticCode(code="wuding-missing", severity=_W, title="五定不全",
                   template="{label}：没有填写{what}（“五定”要求）",
                   fields=("institution", "person", "description", "measures", "owner"),
                   description="A ledger row lacks one of the 五定 fields."),
    DiagnosticCode(code="rectified-without-date", severity=_E, title="缺整改完成日期",
                   template="{label}：已整改完成，但没有填写整改完成日期",
                   fields=("rectified_on",),
                   description="A row is marked rectified but has no 整改完成日期."),
    DiagnosticCode(code="date-but-not-rectified", severity=_W, title="日期与状态矛盾",
                   template="{label}：填写了整改完成日期，但整改尚未完成",
                   fields=("rectified",),
                   description="A row has a 整改完成日期 but is not marked rectified."),
    DiagnosticCode(code="rectified-before-discovered", severity=_E, title="日期先后矛盾",
                   template="{label}：整改完成日期 {rectified} 早于发现问题日期 {discovered}",
                   fields=("rectified_on",),
                   description="A row was rectified before its problem was found."),
    DiagnosticCode(code="phone-not-mobile", severity=_W, title="不是手机号码",
                   template="{label}：“{value}”不是 11 位手机号码",
                   fields=("phone",),
                   description="The 手机号码 cell is not an 11-digit mobile number."),
    DiagnosticCode(code="negative-list-unparsed", severity=_E, title="负面清单条目无法识别",
                   template="{label}：负面清单条目“{value}”无法识别（应形如 （二）2.（3））",
                   fields=("negative_list_ref",),
                   description="The negative-list reference is not of the form （二）2.（3）."),
    DiagnosticCode(code="negative-list-unknown", severity=_E, title="负面清单条目不存在",
                   template="{label}：负面清单条目“{value}”不在《{campaign}》的负面清单中",
                   fields=("negative_list_ref",),
                   description="The negative-list reference names no item of the campaign."),
    DiagnosticCode(code="duplicate-likely", severity=_W, title="可能重复报送",
                   template="“{subject}”的这条问题与{who}报送的第 {number} 条相同，可能重复报送",
                   description="Two rows of merged ledgers describe the same problem."),
)

DIAGNOSTIC_CODES: Final[Mapping[str, DiagnosticCode]] = MappingProxyType({c.code: c for c in _TABLE})
"""Every diagnostic code yifeng reports, by code."""


def with_keys(diagnostics: Iterable[Diagnostic], keys: Mapping[int, str], by: str = "row") -> list[Diagnostic]:
    """Each diagnostic about a field (its code has ``fields``) on a row — or ``by="line"``
    a line — that holds an item, given that item's key (``keys``: row or line → key), so a
    UI can put it next to the item's input. Problems of a column or of the document keep
    none."""
    out = []
    for diagnostic in diagnostics:
        where = getattr(diagnostic, by)
        if diagnostic.key is None and where in keys and DIAGNOSTIC_CODES[diagnostic.code].fields:
            diagnostic = attrs.evolve(diagnostic, key=keys[where])
        out.append(diagnostic)
    return out
