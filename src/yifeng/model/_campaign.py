"""Campaigns (专项治理 / 集中整治) and the notices (通知) that issue them."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from yifeng import lexicon
from yifeng.model._check import fail, not_blank, text_fields, plausible_year
from yifeng.model._diagnostic import Diagnostics
from yifeng.model._docnumber import DocNumber
from yifeng.model._ledger import Ledger
from yifeng.model._negative import NegativeList, NegativeListItem
from yifeng.model._parts import BasisDocument, Phases, ReportRequirement, Section, Task, Tasks, task_numbers
from yifeng.model._records import Groups, short_repr
from yifeng.model._people import ReportingChannel, WorkGroup
from yifeng.model._units import Role, Unit


class CampaignKind(enum.Enum):
    """What the campaign document calls itself."""

    WORK_POINTS = "work_points"
    IMPLEMENTATION_PLAN = "implementation_plan"
    ACTION_PLAN = "action_plan"
    WORK_PLAN = "work_plan"
    OPINION = "opinion"
    DUTY_LIST = "duty_list"

    @property
    def label(self) -> str:
        return {
            "work_points": "工作要点",
            "implementation_plan": "实施方案",
            "action_plan": "行动方案",
            "work_plan": "工作方案",
            "opinion": "实施意见",
            "duty_list": "职责清单",
        }[self.value]


class Level(enum.Enum):
    """The administrative level that issues the campaign."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    DISTRICT = "district"

    @property
    def label(self) -> str:
        return {
            "national": "国家",
            "provincial": "省",
            "municipal": "市",
            "county": "县",
            "district": "区",
        }[self.value]


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Campaign:
    """A 专项治理 / 集中整治 campaign: its plan, tasks, negative list, phases and people.

    ``attachments`` are the titles the plan's own 附件说明 lists, in order.
    """

    title: str = attrs.field(validator=not_blank)
    kind: CampaignKind | None = None
    level: Level | None = None
    year: int | None = attrs.field(default=None, validator=plausible_year)
    start: dt.date | None = None
    end: dt.date | None = None
    issuers: tuple[str, ...] = ()
    basis: tuple[BasisDocument, ...] = ()
    preamble: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    table_title: str = ""
    tasks: Tasks = attrs.field(default=Tasks(), converter=Tasks, repr=short_repr)
    table_notes: tuple[str, ...] = ()
    negative_list: NegativeList = attrs.field(default=NegativeList(), converter=NegativeList, repr=short_repr)
    phases: Phases = attrs.field(default=Phases(), converter=Phases, repr=short_repr)
    reports: tuple[ReportRequirement, ...] = ()
    work_group: WorkGroup | None = None
    reporting_channels: tuple[ReportingChannel, ...] = ()
    ledgers: tuple[Ledger, ...] = ()
    attachments: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise fail(self, "end", f"结束日期 {self.end} 早于开始日期 {self.start}")
        numbers = [(t.category, t.number) for t in self.tasks]
        if len(set(numbers)) != len(numbers):
            raise fail(self, "tasks", "同一类别下任务序号重复")
        areas = [a.number for a in self.negative_list]
        if len(set(areas)) != len(areas):
            raise fail(self, "negative_list", "整治行动编号重复")

    @property
    def requirements(self) -> tuple[Section, ...]:
        """The 工作要求 / 保障措施 sections of the body."""
        return tuple(s for s in self.sections if any(word in s.title for word in lexicon.REQUIREMENT_SECTION_WORDS))

    @property
    def negative_list_items(self) -> tuple[NegativeListItem, ...]:
        return self.negative_list.items

    def negative_list_item(self, ref: str) -> NegativeListItem | None:
        """The item a reference like "（二）2.（3）" points at, or None."""
        return self.negative_list.item(ref)

    def units(self) -> tuple[Unit, ...]:
        """Every unit named by a task, once each (abbreviations matched), in order."""
        seen: dict[str, Unit] = {}
        for task in self.tasks:
            for unit in task.responsibility.units:
                seen.setdefault(unit.canonical, unit)
        return tuple(seen.values())

    def tasks_by_unit(self, role: Role | None = Role.LEAD) -> Groups[Tasks]:
        """Tasks grouped by the units that hold ``role`` in them (any role for None).

        Keys are unit names as first written; 省市场监管厅 and 省市场监督管理厅 share one key.
        """
        groups: dict[str, list[Task]] = {}
        names: dict[str, str] = {}
        for task in self.tasks:
            for unit in task.responsibility.with_role(role):
                key = names.setdefault(unit.canonical, unit.name)
                bucket = groups.setdefault(key, [])
                if task not in bucket:
                    bucket.append(task)
        by = f"单位（{role.label}）" if role is not None else "单位"
        return Groups({name: Tasks(tasks) for name, tasks in groups.items()}, by=by)

    def tasks_by_month(self) -> Groups[Tasks]:
        """Tasks grouped by the month they fall due ("2020-09"), in date order, then
        those without a date under their kind's label (持续推进, 定期, 未明确)."""
        dated: dict[str, list[Task]] = {}
        undated: dict[str, list[Task]] = {}
        for task in sorted(self.tasks, key=lambda t: (t.deadline.due or dt.date.max, t.number)):
            due = task.deadline.due
            if due is not None:
                dated.setdefault(f"{due:%Y-%m}", []).append(task)
            else:
                undated.setdefault(task.deadline.kind.label, []).append(task)
        return Groups({key: Tasks(tasks) for key, tasks in (dated | undated).items()}, by="月份")

    def _repr_html_(self) -> str:
        from yifeng.model._html import campaign_html

        return campaign_html(self)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Notice:
    """A 通知 that issues a campaign, with the parts GB/T 9704-2012 names.

    ``attachments`` are what the notice's own 附件说明 lists (the plan it issues lists
    its attachments itself). ``mark_suffix`` is "文件" when the 发文机关标志 reads "…文件"; ``disclosure`` the
    信息公开形式 ("主动公开"); ``date`` the 成文日期; ``printed_by``/``printed_on`` the
    印发机关 and 印发日期 of the 版记.
    """

    title: str = attrs.field(validator=not_blank)
    doc_number: DocNumber | None = None
    issuers: tuple[str, ...] = ()
    mark_suffix: str = ""
    recipients: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    date: dt.date | None = None
    disclosure: str = ""
    cc: tuple[str, ...] = ()
    printed_by: str = ""
    printed_on: dt.date | None = None
    proofreader: str = ""
    campaign: Campaign | None = None
    diagnostics: Diagnostics = attrs.field(default=Diagnostics(), eq=False, converter=Diagnostics, repr=short_repr)

    def __attrs_post_init__(self) -> None:
        tasks = self.campaign.tasks if self.campaign is not None else ()
        object.__setattr__(self, "diagnostics", Diagnostics(self.diagnostics, numbers=task_numbers(tasks)))

    def _repr_html_(self) -> str:
        from yifeng.model._html import notice_html

        return notice_html(self)
