"""A 任务分工表 as imported: its title, year, tasks, notes and what could not be understood."""

from __future__ import annotations

import attrs

from yifeng.model._check import text_fields
from yifeng.model._campaign import Campaign
from yifeng.model._diagnostic import Diagnostics, Source
from yifeng.model._parts import Tasks, task_numbers
from yifeng.model._records import short_repr


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class TaskTable:
    """The result of reading a 分工表: tasks plus everything said about them.

    ``notes`` are the footnote rows ("注：责任单位排在第一位的为牵头单位。");
    ``diagnostics`` every problem found, each naming its cell.
    """

    title: str = ""
    year: int | None = None
    tasks: Tasks = attrs.field(default=Tasks(), converter=Tasks, repr=short_repr)
    notes: tuple[str, ...] = ()
    # What the reader noticed about the file, and which file: not part of the table's value.
    diagnostics: Diagnostics = attrs.field(default=Diagnostics(), eq=False, converter=Diagnostics, repr=short_repr)
    source: Source | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "diagnostics", Diagnostics(self.diagnostics, numbers=task_numbers(self.tasks)))

    @property
    def errors(self) -> Diagnostics:
        """The problems of severity ERROR."""
        return self.diagnostics.errors

    def to_campaign(self, title: str | None = None) -> Campaign:
        """A campaign holding these tasks (its title defaults to the table's title)."""
        return Campaign(
            title=title or self.title or "任务分工表",
            year=self.year,
            table_title=self.title,
            tasks=self.tasks,
            table_notes=self.notes,
        )

    def _repr_html_(self) -> str:
        from yifeng.model._html import task_table_html

        return task_table_html(self)
