"""The pieces a campaign document is made of: sections, tasks, phases, reports."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import attrs

from yifeng import lexicon
from yifeng._text import cn_to_int
from yifeng.model._check import fail, no_whitespace, not_blank, positive, set_key, text_fields
from yifeng.model._deadline import Deadline, DeadlineKind
from yifeng.model._diagnostic import Source
from yifeng.model._docnumber import DocNumber
from yifeng.model._responsibility import Responsibility

_NUMERALS: Final = lexicon.CN_NUMERAL + "".join(lexicon.NUMERAL_LOOKALIKES)
_LOOKALIKES: Final = str.maketrans(lexicon.NUMERAL_LOOKALIKES)
# Heading labels of the 一、（一）1.（1） hierarchy, with the level each stands for.
_LABEL_LEVELS: Final = tuple(
    (re.compile(pattern.format(cn=_NUMERALS)), level) for level, pattern in lexicon.HEADING_LABELS
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


def first_sentence(text: str) -> str:
    """A task's title as a reader takes it from a 分工表 cell: the first sentence (up to
    。；;！!), or its first clause (up to ，) when that sentence runs on past 40 characters.

    >>> first_sentence("坚持党对纠风工作的全面领导。以习近平……")
    '坚持党对纠风工作的全面领导'
    >>> first_sentence("坚决惩处患者身边“微腐败”，通过信访、举报、部门协作等多种途径，对各级各类医疗卫生机构从业人员利用职务便利。")
    '坚决惩处患者身边“微腐败”'
    """
    match = re.match(r"(.+?)[。；;！!]", text)
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


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class BasisDocument:
    """A document the campaign implements (根据《…》（文号）)."""

    title: str = attrs.field(validator=not_blank)
    doc_number: DocNumber | None = None

    def __str__(self) -> str:
        return f"《{self.title}》（{self.doc_number}）" if self.doc_number else f"《{self.title}》"
