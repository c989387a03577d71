"""The pieces a campaign document is made of: sections, tasks, phases, reports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Final

import attrs

from yifeng import lexicon
from yifeng._text import cn_to_int, lazy_compile
from yifeng.model._check import fail, no_whitespace, not_blank, positive, set_key, text_fields
from yifeng.model._deadline import Deadline, DeadlineKind
from yifeng.model._diagnostic import Source
from yifeng.model._docnumber import DocNumber
from yifeng.model._records import Column, Folded, Records, joined
from yifeng.model._responsibility import Responsibility
from yifeng.model._units import Role, canonical_unit_name

_NUMERALS: Final = lexicon.CN_NUMERAL + "".join(lexicon.NUMERAL_LOOKALIKES)
_LOOKALIKES: Final = str.maketrans(lexicon.NUMERAL_LOOKALIKES)
# Heading labels of the 一、（一）1.（1） hierarchy, with the level each stands for.
_LABEL_LEVELS: Final = tuple(
    (lazy_compile(pattern.format(cn=_NUMERALS)), level) for level, pattern in lexicon.HEADING_LABELS
)


def label_at(text: str) -> tuple[int, int, int] | None:
    """(level, number, end) when ``text`` opens with a heading label of the
    一、（一）1.（1）① hierarchy (:data:`yifeng.lexicon.HEADING_LABELS`).

    >>> label_at("（三）加强监管"), label_at("12. 规范"), label_at("一是")
    ((2, 3, 3), (3, 12, 3), None)
    """
    for pattern, level in _LABEL_LEVELS:
        match = pattern.match(text)
        if match is not None:
            numeral = match["n"].translate(_LOOKALIKES)
            number = lexicon.CIRCLED.index(numeral) + 1 if numeral in lexicon.CIRCLED else cn_to_int(numeral.replace("〇", "零"))
            return level, number, match.end()
    return None


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Section:
    """A part of a document body in the 一、（一）1.（1） hierarchy.

    ``label`` is the number as written ("一、", "（一）", "1.", "（1）"). A run-in heading
    ("1. 坚持……。以……", ``run_in=True``) keeps its first sentence, without the 。, as
    ``title`` and the rest in ``paragraphs``; otherwise the title stands on its own line.
    """

    label: str = ""
    title: str = ""
    run_in: bool = False
    paragraphs: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()

    @property
    def level(self) -> int | None:
        """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; None for an unnumbered part."""
        found = label_at(self.label)
        return found[0] if found is not None and found[2] == len(self.label) else None

    @property
    def number(self) -> int | None:
        """The label's number as an int (（三） → 3)."""
        found = label_at(self.label)
        return found[1] if found is not None and found[2] == len(self.label) else None

    def walk(self) -> tuple[Section, ...]:
        """This section and all below it, depth first."""
        return (self,) + tuple(s for child in self.children for s in child.walk())


TITLE_LIMIT: Final = 40  # a title runs to 40 characters at most: longer is a sentence
_FIRST_SENTENCE: Final = re.compile(r"(.+?)[。；;！!]")


def first_sentence(text: str) -> str:
    """A task's title as a reader takes it from a 分工表 cell: the first sentence (up to
    。；;！!), or its first clause (up to ，) when that sentence runs on past 40 characters.

    >>> first_sentence("坚持党对纠风工作的全面领导。以习近平……")
    '坚持党对纠风工作的全面领导'
    >>> first_sentence("坚决惩处患者身边“微腐败”，通过信访、举报、部门协作等多种途径，对各级各类医疗卫生机构从业人员利用职务便利。")
    '坚决惩处患者身边“微腐败”'
    """
    match = _FIRST_SENTENCE.match(text)
    sentence = (match.group(1) if match else text).strip()
    if len(sentence) > TITLE_LIMIT and "，" in sentence:
        return sentence.split("，", 1)[0]
    return sentence


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Task:
    """A 重点任务: one row of a 分工表.

    ``category`` is the group heading (often a vertically merged cell); ``title`` the
    short task name (its own column, or the first sentence of the content);
    ``content`` the full text as written; ``remark`` the 备注 column, if any.

    ``key`` is the task's identity, which its printed ``number`` is not (readers and
    people renumber): kept by JSON, :func:`attrs.evolve` and the workbooks yifeng
    writes; a task built without one gets one from its category, title and content.
    It takes no part in equality.
    """

    number: int = attrs.field(validator=positive)
    title: str
    content: str = ""
    category: str | None = None
    responsibility: Responsibility = Responsibility()
    deadline: Deadline = Deadline(kind=DeadlineKind.UNSPECIFIED)
    remark: str = ""
    source: Source | None = attrs.field(default=None, eq=False)  # provenance, not content
    key: str = attrs.field(default="", eq=False, validator=no_whitespace)  # identity, not content

    @staticmethod
    def __schema_rules__() -> list[dict[str, object]]:
        """A task has a title or content (``__attrs_post_init__``), as JSON Schema."""
        return [{"anyOf": [{"properties": {name: {"pattern": r"\S"}}, "required": [name]}
                           for name in ("title", "content")]}]

    def __attrs_post_init__(self) -> None:
        if not self.title.strip() and not self.content.strip():
            raise fail(self, "title", "任务须有标题或内容")
        set_key(self, "t", self.category, self.title, self.content)

    def _repr_html_(self) -> str:
        from yifeng.model._html import tasks_table

        return tasks_table((self,))


def task_numbers(tasks: Iterable[Task]) -> dict[str, str]:
    """key → 序号 as officers name a task ("3", or "3（二、…）" when numbers restart by category)."""
    tasks = tuple(tasks)
    restart = len({t.number for t in tasks}) < len(tasks)
    return {t.key: f"{t.category} {t.number}" if restart and t.category else str(t.number) for t in tasks}


def _titled(task: Task) -> Folded:
    return Folded(task.title or task.content[:40], task.content if task.content != task.title else "")


class Tasks(Records[Task]):
    """Tasks, in order: a tuple that shows as a table and becomes a DataFrame.

    >>> from yifeng import examples
    >>> tasks = examples.campaign("jilin-2021").tasks
    >>> len(tasks.led_by("省卫健委")), tasks.due_by(dt.date(2021, 6, 30)).header()
    (9, '1 项任务')
    """

    item_type = Task
    noun = "项任务"
    columns: ClassVar[tuple[Column[Task], ...]] = (
        Column("number", "序号", lambda t: t.number, "int"),
        Column("category", "类别", lambda t: t.category),
        Column("title", "重点任务", lambda t: t.title, "long"),
        Column("content", "具体内容", lambda t: t.content if t.content != t.title else "", "long"),
        Column("leads", "牵头单位", lambda t: joined(t.responsibility.leads), "list"),
        Column("supports", "配合单位", lambda t: joined(t.responsibility.supports), "list"),
        Column("joint", "共同推进单位", lambda t: joined(t.responsibility.joint), "list"),
        Column("deadline", "完成时限", lambda t: str(t.deadline)),
        Column("due", "截止日期", lambda t: t.deadline.due, "date"),
        Column("remark", "备注", lambda t: t.remark, "long"),
        Column("key", "标识", lambda t: t.key, "key"),
    )

    def _display(self) -> tuple[tuple[Column[Any], ...], Sequence[object]]:
        """On screen the title opens to the content, saving a column."""
        return _TASK_DISPLAY, self

    def involving(self, unit: str, role: Role | None = None) -> Tasks:
        """The tasks naming ``unit`` (abbreviations matched: 省市场监管局 = 省市场监督管理局)
        in ``role`` — any role for None."""
        wanted = canonical_unit_name(unit)
        return self.where(lambda t: any(u.canonical == wanted for u in t.responsibility.with_role(role)))

    def led_by(self, unit: str) -> Tasks:
        """The tasks ``unit`` leads."""
        return self.involving(unit, Role.LEAD)

    def due_between(self, start: dt.date, end: dt.date) -> Tasks:
        """The tasks whose 完成时限 falls on a day from ``start`` to ``end`` (both included)."""
        return self.where(lambda t: t.deadline.due is not None and start <= t.deadline.due <= end)

    def due_by(self, day: dt.date) -> Tasks:
        """The tasks due on or before ``day``."""
        return self.where(lambda t: t.deadline.due is not None and t.deadline.due <= day)


_TASK_DISPLAY: Final[tuple[Column[Task], ...]] = tuple(
    Column(c.name, c.header, _titled, "long") if c.name == "title"
    else Column(c.name, c.header, c.get, "long") if c.name == "category" else c
    for c in Tasks.columns if c.name not in ("content", "key")
)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class ReportRequirement:
    """Something to report (报送), by when, and to whom."""

    what: str = attrs.field(validator=not_blank)
    due: Deadline
    to: str = ""


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Phase:
    """A 阶段 of the 实施步骤: name, dates, its work and what must be reported."""

    number: int = attrs.field(validator=positive)
    name: str = attrs.field(validator=not_blank)
    period: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    tasks: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    reports: tuple[ReportRequirement, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise fail(self, "end", f"结束日期 {self.end} 早于开始日期 {self.start}")

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the phase (an open end counts as open)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Phases(Records[Phase]):
    """The 实施步骤 of a campaign, in order, shown as a table."""

    item_type = Phase
    noun = "个阶段"
    columns: ClassVar[tuple[Column[Phase], ...]] = (
        Column("number", "序号", lambda p: p.number, "int"),
        Column("name", "阶段", lambda p: p.name),
        Column("period", "时间", lambda p: p.period),
        Column("start", "开始日期", lambda p: p.start, "date"),
        Column("end", "结束日期", lambda p: p.end, "date"),
        Column("tasks", "主要工作", lambda p: "；".join(p.tasks), "long"),
        Column("reports", "报送要求", lambda p: "；".join(f"{r.what}（{r.due}）" for r in p.reports), "long"),
    )

    def current(self, day: dt.date) -> Phase | None:
        """The phase ``day`` falls in, if any."""
        return next((p for p in self if p.contains(day)), None)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class BasisDocument:
    """A document the campaign implements (根据《…》（文号）)."""

    title: str = attrs.field(validator=not_blank)
    doc_number: DocNumber | None = None

    def __str__(self) -> str:
        return f"《{self.title}》（{self.doc_number}）" if self.doc_number else f"《{self.title}》"
