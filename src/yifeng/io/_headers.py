"""Column headers as offices write them, and the field each one means. One table."""

from __future__ import annotations

import re
from typing import Final

from yifeng._text import halfwidth_digits

# field → the header texts that name it (compared after normalise_header).
TASK_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "number": ("序号", "编号", "序"),
    "category": ("类别", "分类", "任务类别", "工作类别", "重点领域", "工作领域", "整治领域"),
    "title": ("重点任务", "工作任务", "主要任务", "任务", "任务名称", "重点工作", "工作事项", "任务事项"),
    "content": (
        "工作内容", "具体内容", "具体措施", "工作措施", "任务内容", "主要内容", "具体任务",
        "主要措施", "工作举措", "任务措施",
    ),
    "responsibility": ("责任单位", "责任部门", "责任处室", "责任主体", "牵头单位及配合单位", "责任单位及分工"),
    "lead": ("牵头单位", "牵头部门", "牵头处室", "主责单位", "牵头"),
    "support": ("配合单位", "配合部门", "配合处室", "协办单位", "配合"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限", "完成期限", "时间要求"),
    "remark": ("备注",),
}

_NOISE: Final = re.compile(r"[\W_]+")


def normalise_header(text: str) -> str:
    """A header cell with spaces, line breaks and punctuation gone ("完成\\n时限" → 完成时限)."""
    return _NOISE.sub("", halfwidth_digits(text))


def header_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """normalised header → field, for one synonym table."""
    index: dict[str, str] = {}
    for field, names in table.items():
        for name in names:
            key = normalise_header(name)
            assert key not in index, f"header {name!r} listed twice"
            index[key] = field
    return index
