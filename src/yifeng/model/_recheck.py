"""Re-check an object in memory — after a form edit or :func:`attrs.evolve` — with the
checks readers make on content (not those on a file's layout), each diagnostic naming
its field and the task's or row's key."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from yifeng.model._campaign import Campaign, Notice
from yifeng.model._codes import DIAGNOSTIC_CODES
from yifeng.model._deadline import Deadline, DeadlineKind
from yifeng.model._diagnostic import Diagnostic, Diagnostics
from yifeng.model._ledger import Ledger
from yifeng.model._ledger_ops import check_ledger
from yifeng.model._parts import Task, task_numbers
from yifeng.model._tasktable import TaskTable


def _tasks(tasks: Sequence[Task]) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def report(code: str, task: Task, field: str, text: str = "", **values: object) -> None:
        found.append(attrs.evolve(DIAGNOSTIC_CODES[code].make(field=field, text=text, values=values), key=task.key))

    seen: set[tuple[str | None, int]] = set()
    for task in tasks:
        if (task.category, task.number) in seen:
            report("number-duplicate", task, "number", str(task.number), number=task.number)
        seen.add((task.category, task.number))
        responsibility = task.responsibility
        if responsibility.unresolved:
            report("responsibility-unresolved", task, "responsibility", responsibility.text,
                   value=responsibility.text, parts="、".join(responsibility.unresolved))
        deadline = task.deadline
        if not deadline.text.strip() or (deadline.kind is not DeadlineKind.UNSPECIFIED and deadline.resolved):
            continue
        # Unspecified with words, or a date not known: can the words be read at all?
        unreadable = deadline.kind is DeadlineKind.UNSPECIFIED or Deadline.try_parse(deadline.text) is None
        report("deadline-unparsed" if unreadable else "deadline-no-year", task, "deadline", deadline.text,
               value=deadline.text.strip())
    return found


def check(obj: TaskTable | Campaign | Notice | Ledger) -> Diagnostics:
    """The diagnostics a reader gives for the content of ``obj`` — a task table, a
    campaign, a notice (its plan) or a ledger — as it is now in memory, each with its
    ``field`` and ``key``: for tasks, numbers repeated under one category, 责任单位 with
    parts whose unit or role cannot be told, 完成时限 that cannot be read or lack their
    year; for ledgers, everything :func:`check_ledger` checks. Checks of a file's layout
    (a missing column, an empty cell) are the readers' alone.

    >>> import attrs
    >>> from yifeng.model import Deadline, DeadlineKind, Task, TaskTable
    >>> task = Task(number=1, title="加强监管", deadline=Deadline(kind=DeadlineKind.UNSPECIFIED, text="视情况而定"))
    >>> [(d.code, d.field, d.key == task.key) for d in check(TaskTable(title="表", tasks=(task,)))]
    [('deadline-unparsed', 'deadline', True)]
    >>> len(check(TaskTable(title="表", tasks=(attrs.evolve(task, deadline=Deadline.parse("2023年9月底前")),))))
    0
    """
    if isinstance(obj, Ledger):
        return obj.diagnostics._like(check_ledger(obj))  # numbered by the ledger's rows
    if isinstance(obj, Notice):
        return check(obj.campaign) if obj.campaign is not None else Diagnostics()
    return Diagnostics(_tasks(obj.tasks), numbers=task_numbers(obj.tasks))
