"""按责任单位汇总任务 — a script policy staff can copy and adapt.

For each bundled campaign, list the tasks each unit leads or supports, and how many fall
due in each month. Run it with ``python examples/tasks_by_unit.py [NAME ...]``.
"""

from __future__ import annotations

import sys
from yifeng import examples
from yifeng.model import Campaign, DeadlineKind, Role


def summarise(campaign: Campaign) -> str:
    lines = [campaign.title, ""]
    for role in (Role.LEAD, Role.SUPPORT, Role.JOINT):
        for unit, tasks in campaign.tasks_by_unit(role).items():
            numbers = "、".join(str(t.number) for t in tasks)
            lines.append(f"  {role.label:<4} {unit}：第 {numbers} 项")
    months = campaign.tasks_by_month()
    lines.append("  完成时限：" + "；".join(f"{m} {len(tasks)} 项" for m, tasks in months.items()))
    ongoing = sum(t.deadline.kind is DeadlineKind.ONGOING for t in campaign.tasks)
    lines.append(f"  其中持续推进 {ongoing} 项")
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:] or [n for n in examples.names() if examples.campaign(n).tasks]:
        print(summarise(examples.campaign(name)))
        print()
