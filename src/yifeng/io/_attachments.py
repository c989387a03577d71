"""What a plan's attachments hold besides a 分工表: its work group (工作专班 or 领导小组),
reporting channels (举报途径) and the 台账 forms it hands out.

An attachment is recognised by the words of its own title (see
:data:`yifeng.lexicon.ATTACHMENT_KINDS`), never by its number, so attachments in any order
are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from yifeng import lexicon
from yifeng._text import alternation, squeeze
from yifeng.errors import ModelError
from yifeng.io._headers import LEDGER_FIELDS, normalise_header
from yifeng.model import (
    Ledger,
    LedgerKind,
    MemberRole,
    PostalAddress,
    ReportingChannel,
    Unit,
    UnitDuty,
    WorkGroup,
    WorkGroupMember,
)
from yifeng.model._units import ends_like_a_unit, is_unit_name

_TITLES: Final = tuple(sorted(lexicon.JOB_TITLES, key=len, reverse=True))
_OFFICE_AND_TITLE: Final = re.compile(
    rf"(?P<office>[^、，]+?(?:{'|'.join(lexicon.DIVISION_ENDINGS)}))(?:{'|'.join(_TITLES)})")
_BODY_ENDING: Final = re.compile(alternation(lexicon.BODY_ENDINGS))
_ROLE_OF: Final = {label: MemberRole(role) for role, labels in lexicon.MEMBER_ROLES.items() for label in labels}
_ROLE_LABEL: Final = "|".join(
    r"\s*".join(label) for label in sorted(_ROLE_OF, key=len, reverse=True)
)
# "组  长：盖  波  区卫生健康局党组书记、局长", "李  祎  区卫生健康局综合办公室主任"
_MEMBER: Final = re.compile(rf"^(?:(?P<role>{_ROLE_LABEL})\s*[：:]?)?\s*(?P<name>[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){{1,3}}?)[\s\u3000\xa0]+(?P<rest>\S.*)$")
_GROUP_NAMES: Final = alternation(lexicon.WORK_GROUP_NAMES)
_GROUP_NAME: Final = re.compile(rf"(?P<name>[\u4e00-\u9fff“”]+?(?:{_GROUP_NAMES}))")
_OFFICE: Final = re.compile(r"设在(?P<office>[^，。；]+)")
_MEMBER_UNITS: Final = re.compile(r"成员单位(?:为|包括|有)[：:]?(?P<units>[^。]+?)(?:[，,]共|。|$)")
_DUTY: Final = re.compile(r"^(?P<dept>\S{2,12}?(?:部门|单位))[：:](?P<duty>.+)$")
_CHANNEL: Final = {label: field for field, labels in lexicon.CHANNEL_LABELS.items() for label in labels}
_CHANNEL_LINE: Final = re.compile(
    rf"^(?P<label>{'|'.join(sorted(_CHANNEL, key=len, reverse=True))})\s*[：:]\s*(?P<value>.*)$"
)


def kind_of(title: str) -> str | None:
    """What an attachment titled ``title`` holds: "ledger", "channels", "work_group"."""
    flat = squeeze(title)
    for kind, words in lexicon.ATTACHMENT_KINDS.items():
        if any(word in flat for word in words):
            return kind
    return None


def work_group(title: str, lines: Sequence[str]) -> WorkGroup | None:
    """The work group an attachment titled ``title`` describes: its name, office, member
    units, roster and the duties of each kind of member unit."""
    text = squeeze("".join(lines))
    units = _MEMBER_UNITS.search(text)
    name = _GROUP_NAME.search(text)
    office = _OFFICE.search(text)
    members: list[WorkGroupMember] = []
    role: MemberRole | None = None
    for line in lines:
        match = _MEMBER.match(line.strip())
        if match is None or not re.search(r"[\u4e00-\u9fff]", match["rest"]):
            continue
        if match["role"]:
            role = _ROLE_OF[squeeze(match["role"])]
        if role is None:
            continue
        unit, job = split_unit_title(squeeze(match["rest"]))
        try:
            members.append(WorkGroupMember(role=role, name=squeeze(match["name"]), unit=unit, title=job))
        except ModelError:
            continue
    duties = []
    for line in lines:
        duty = _DUTY.match(line.strip())
        if duty:
            duties.append(UnitDuty(department=duty["dept"], duty=duty["duty"]))
    member_units = re.split(r"[、，,]", units["units"]) if units else []
    if not (member_units or members or duties):
        return None
    return WorkGroup(
        name=name["name"] if name else re.sub(r"(?:组成人员|成员名单|名单)$", "", squeeze(title)) or "工作专班",
        office=office["office"] if office else "",
        units=tuple(Unit.of(u) for u in member_units if u),
        members=tuple(members),
        duties=tuple(duties),
    )


def split_unit_title(rest: str) -> tuple[str, str]:
    """"市公安局兴隆台分局副局长" → ("市公安局兴隆台分局", "副局长"): the shortest prefix that
    reads as a body and leaves a job title, or an office inside the body and its title
    ("区卫生健康局" + "综合办公室主任"); else the longest prefix that reads as a body."""
    longest = ""
    for end in range(2, len(rest)):
        prefix, remainder = rest[:end], rest[end:]
        if "、" in prefix or not is_unit_name(prefix) or ends_like_a_unit(prefix) is None:
            continue
        longest = prefix
        office = _OFFICE_AND_TITLE.match(remainder)
        if remainder.startswith(_TITLES) or (office is not None and not _BODY_ENDING.search(office["office"])):
            return prefix, remainder
    return (longest, rest[len(longest):]) if longest else (rest, "")


def channels(lines: Sequence[str]) -> tuple[ReportingChannel, ...]:
    """The 举报途径 an attachment lists: an organisation line, then its labelled lines."""
    found: list[ReportingChannel] = []
    organisation: str | None = None
    values: dict[str, str] = {}

    def close() -> None:
        if organisation and values:
            try:
                found.append(ReportingChannel(organisation=organisation, phone=squeeze(values.get("phone", "")),
                                              mailbox=_mailbox(values.get("mailbox", "")),
                                              email=squeeze(values.get("email", ""))))
            except ModelError:
                pass

    for line in lines:
        text = line.strip()
        if not text:
            continue
        label = _CHANNEL_LINE.match(text)
        if label is None:
            if is_unit_name(squeeze(text)):
                close()
                organisation, values = squeeze(text), {}
            continue
        values[_CHANNEL[label["label"]]] = label["value"].strip()
    close()
    return tuple(found)


def _mailbox(value: str) -> PostalAddress | None:
    """"盘锦市…，区卫生健康局收，124010" → address, recipient, postcode."""
    if not value:
        return None
    address, _, postcode = value.rpartition("，")
    if not re.fullmatch(r"\d{6}", postcode.strip()):
        address, postcode = value, ""
    where, _, recipient = address.partition("，")
    return PostalAddress(address=where.strip() if recipient else address.strip(),
                         recipient=recipient.strip(), postcode=postcode.strip())


def ledger(title: str, header: Sequence[str]) -> Ledger:
    """A blank 台账 form: its title and whether it lists institutions or persons."""
    fields = {LEDGER_FIELDS.get(normalise_header(cell)) for cell in header}
    kind = LedgerKind.PERSON if "person" in fields else LedgerKind.INSTITUTION
    return Ledger(kind=kind, title=squeeze(title))
