"""责任单位: units, their roles, and the responsibility phrase that assigns them."""

from __future__ import annotations

import enum
import re
from typing import Final

import attrs

from yifeng._text import squeeze
from yifeng.model._check import fail, no_whitespace, not_blank


class Role(enum.Enum):
    """A unit's part in a task: 牵头 (lead), 配合 (support) or 共同推进/参与 (joint)."""

    LEAD = "lead"
    SUPPORT = "support"
    JOINT = "joint"

    @property
    def label(self) -> str:
        return {"lead": "牵头", "support": "配合", "joint": "共同推进"}[self.value]


# Short forms offices write, and the full form each stands for. One table, used for
# comparing units; a unit always keeps the name it was written with.
UNIT_ABBREVIATIONS: Final[tuple[tuple[str, str], ...]] = (
    ("卫生健康委员会", "卫生健康委"),
    ("卫健委", "卫生健康委"),
    ("卫健局", "卫生健康局"),
    ("市场监管", "市场监督管理"),
    ("医保局", "医疗保障局"),
    ("中医药局", "中医药管理局"),
    ("工信部", "工业和信息化部"),
    ("经信局", "经济和信息化局"),
    ("发改委", "发展和改革委员会"),
    ("人社局", "人力资源和社会保障局"),
)

# Unit names that contain 和/及/与 themselves, so a list must not be split there.
_COMPOUND_NAMES: Final = (
    "工业和信息化", "经济和信息化", "发展和改革", "住房和城乡建设", "人力资源和社会保障",
    "文化和旅游", "自然资源和规划", "卫生和计划生育", "退役军人事务", "科学技术和",
)
_GROUP: Final = re.compile(
    r"^(?:各|其他|其它|有关|相关)"
    r"|(?:成员单位|有关部门|相关部门|其他部门|有关单位|相关单位|其他单位)$"
)
# How the names of bodies end; a "unit" ending otherwise (待定, 另行通知) is not recognised.
_UNIT_ENDINGS: Final = re.compile(
    r"(?:委|局|厅|部|处|室|办|中心|科|院|会|组|队|所|站|署|府|行|司|社|馆|校|单位|部门|机构|机关|专班|党委|党组|法院|检察院)$"
)
_AS_REFERRED: Final = re.compile(r"[（(]以下简称[^）)]*[）)]")
_QUALIFIER: Final = (
    r"(?:分别)?(?:(?:按照?|根据|依据|依照)(?:各自|各|其)?(?:职责|职能)(?:分工)?)?(?:分别)?"
)
_ROLE_PHRASES: Final = (
    (Role.LEAD, re.compile(rf"(?P<units>.*?){_QUALIFIER}(?:牵头负责|牵头|负责)")),
    (Role.SUPPORT, re.compile(rf"(?P<units>.*?){_QUALIFIER}(?:配合|协助)")),
    (
        Role.JOINT,
        re.compile(rf"(?P<units>.*?){_QUALIFIER}(?:共同推进|共同负责|共同落实|协同推进|参与|参加)"),
    ),
)
_CLAUSES: Final = re.compile(r"[，,；;。]+")
_LIST_SEPARATORS: Final = re.compile(r"[、/／和及与]+")


def canonical_unit_name(name: str) -> str:
    """The name with every abbreviation spelled out, for comparing units.

    >>> canonical_unit_name("省市场监管厅") == canonical_unit_name("省市场监督管理厅")
    True
    """
    name = squeeze(name)
    for short, full in UNIT_ABBREVIATIONS:
        name = name.replace(short, full)
    return name


@attrs.frozen(kw_only=True)
class Unit:
    """A 责任单位 as written. ``group`` marks references to several units at once
    (机制成员单位, 各成员单位, 其他部门)."""

    name: str = attrs.field(validator=[not_blank, no_whitespace])
    group: bool = False

    @classmethod
    def of(cls, name: str) -> Unit:
        """A unit from a name as found in a document: whitespace removed, group detected."""
        clean = squeeze(name)
        return cls(name=clean, group=bool(_GROUP.search(clean)))

    @property
    def canonical(self) -> str:
        """The name with abbreviations spelled out (县卫健委 → 县卫生健康委)."""
        return canonical_unit_name(self.name)

    @property
    def recognised(self) -> bool:
        """Whether the name reads as a body (ends in 委, 局, 厅, 部, 处, 中心, 单位, …)."""
        return bool(_UNIT_ENDINGS.search(self.name))

    def same_as(self, other: Unit) -> bool:
        """Whether two units are the same body, however each was written."""
        return self.canonical == other.canonical

    def __str__(self) -> str:
        return self.name


def _split_units(text: str) -> list[Unit]:
    protected = text
    for compound in _COMPOUND_NAMES:
        protected = protected.replace(compound, compound.replace("和", "\0"))
    names = (part.replace("\0", "和") for part in _LIST_SEPARATORS.split(protected))
    return [Unit.of(name) for name in names if name]


def _dedupe(units: list[Unit]) -> tuple[Unit, ...]:
    seen: list[Unit] = []
    for unit in units:
        if not any(unit.same_as(other) for other in seen):
            seen.append(unit)
    return tuple(seen)


@attrs.frozen(kw_only=True)
class Responsibility:
    """A 责任单位 cell, parsed into lead, supporting and joint units; the text is kept.

    >>> r = Responsibility.parse("县医保局牵头， 县卫\\n生健康委按 各自职责配合")
    >>> [u.name for u in r.leads], [u.name for u in r.supports]
    (['县医保局'], ['县卫生健康委'])
    """

    text: str = ""
    leads: tuple[Unit, ...] = ()
    supports: tuple[Unit, ...] = ()
    joint: tuple[Unit, ...] = ()

    def __attrs_post_init__(self) -> None:
        for field in ("leads", "supports", "joint"):
            names = [u.canonical for u in getattr(self, field)]
            if len(set(names)) != len(names):
                raise fail(self, field, "同一单位重复出现")

    @classmethod
    def parse(cls, text: str) -> Responsibility:
        """Read a 责任单位 phrase: 牵头 / 按职责分别牵头 / a bare list → lead, 配合 →
        support, 共同推进 / 参与 → joint. A phrase naming no unit gives an empty
        Responsibility (see :attr:`is_empty`); the importers report it."""
        roles: dict[Role, list[Unit]] = {role: [] for role in Role}
        for clause in _CLAUSES.split(_AS_REFERRED.sub("", squeeze(text))):
            if not clause:
                continue
            role, units = Role.LEAD, clause
            for candidate, pattern in _ROLE_PHRASES:
                match = pattern.fullmatch(clause)
                if match:
                    role, units = candidate, match["units"]
                    break
            roles[role].extend(_split_units(units))
        return cls(
            text=text,
            leads=_dedupe(roles[Role.LEAD]),
            supports=_dedupe(roles[Role.SUPPORT]),
            joint=_dedupe(roles[Role.JOINT]),
        )

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every unit named, leads first."""
        return self.leads + self.supports + self.joint

    @property
    def is_empty(self) -> bool:
        return not self.units

    def with_role(self, role: Role | None) -> tuple[Unit, ...]:
        """The units holding ``role`` (every unit for None)."""
        if role is None:
            return self.units
        return {Role.LEAD: self.leads, Role.SUPPORT: self.supports, Role.JOINT: self.joint}[role]

    def role_of(self, unit: Unit | str) -> Role | None:
        """The role ``unit`` has here, matching abbreviations (None if not named)."""
        wanted = unit if isinstance(unit, Unit) else Unit.of(unit)
        for role in Role:
            if any(u.same_as(wanted) for u in self.with_role(role)):
                return role
        return None

    def __str__(self) -> str:
        return self.text or "、".join(u.name for u in self.units)
