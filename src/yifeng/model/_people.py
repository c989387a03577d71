"""Who runs a campaign (工作专班) and how the public reaches it (举报途径)."""

from __future__ import annotations

import enum

import attrs

from yifeng.model._check import matches, no_whitespace, not_blank, text_fields
from yifeng.model._units import Unit


class MemberRole(enum.Enum):
    """A work-group member's place: 组长, 副组长, 成员 or 联络员."""

    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"
    LIAISON = "liaison"

    @property
    def label(self) -> str:
        return {"leader": "组长", "deputy": "副组长", "member": "成员", "liaison": "联络员"}[
            self.value
        ]


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class WorkGroupMember:
    role: MemberRole
    name: str = attrs.field(validator=[not_blank, no_whitespace])
    unit: str = ""
    title: str = ""


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class UnitDuty:
    """What one kind of member unit is responsible for (成员单位职责)."""

    department: str = attrs.field(validator=not_blank)
    duty: str = attrs.field(validator=not_blank)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class WorkGroup:
    """The 工作专班 (or 领导小组): where it sits, its member units, people and duties."""

    name: str = attrs.field(validator=not_blank)
    office: str = ""
    units: tuple[Unit, ...] = ()
    members: tuple[WorkGroupMember, ...] = ()
    duties: tuple[UnitDuty, ...] = ()

    def by_role(self, role: MemberRole) -> tuple[WorkGroupMember, ...]:
        return tuple(m for m in self.members if m.role is role)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class PostalAddress:
    """A 举报信箱: the address as written, who receives it, and the 6-digit postcode."""

    address: str = attrs.field(validator=not_blank)
    recipient: str = ""
    postcode: str = attrs.field(default="", validator=matches(r"[0-9]{6}", "邮政编码应为6位数字"))


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class ReportingChannel:
    """One 举报途径: the organisation and its phone, postal mailbox and e-mail."""

    organisation: str = attrs.field(validator=not_blank)
    phone: str = attrs.field(
        default="", validator=matches(r"[0-9][0-9\-]{5,}[0-9]", "电话号码只能含数字和连字符")
    )
    mailbox: PostalAddress | None = None
    email: str = attrs.field(
        default="", validator=matches(r"[^@\s]+@[^@\s]+\.[^@\s]+", "电子邮箱格式不正确")
    )
