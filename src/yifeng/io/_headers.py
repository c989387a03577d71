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

LEDGER_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "number": ("序号", "编号"),
    "institution": ("存在问题机构名称", "问题机构名称", "机构名称", "存在问题单位名称", "单位名称", "存在问题机构"),
    "person": ("存在问题人员姓名", "问题人员姓名", "人员姓名", "姓名"),
    "unit": ("所属单位", "工作单位", "所在单位"),
    "authority": ("主管部门", "所属单位主管部门", "上级主管部门", "主管单位"),
    "negative_list_ref": ("违反腐败问题负面清单条目", "负面清单条目", "违反负面清单条目", "负面清单", "对应负面清单条目"),
    "description": ("腐败问题具体表现", "问题具体表现", "具体表现", "问题表现", "存在问题"),
    "discovered_via": ("发现途径", "问题来源", "线索来源", "发现方式"),
    "discovered_on": ("发现问题日期", "发现日期", "发现时间", "发现问题时间"),
    "measures": ("整治措施", "整改措施"),
    "decision": ("处理意见", "处理结果", "处理情况"),
    "policy_basis": ("处理政策依据", "政策依据", "处理依据"),
    "rectified": ("整改是否完成", "是否完成整改", "是否整改完成", "整改情况", "是否整改到位"),
    "rectified_on": ("整改完成日期", "完成日期", "整改完成时间"),
    "owner": ("整改部门负责人", "整治工作负责人", "负责人", "责任人", "整改责任人"),
    "phone": ("手机号码", "联系电话", "手机", "电话", "联系方式"),
    "filer_unit": ("填报单位",),
    "filer_person": ("填报人",),
    "filer_contact": ("填报人联系方式",),
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
