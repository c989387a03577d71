"""The Chinese labels of every enum in the model, as one table for a UI."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from yifeng.model._campaign import CampaignKind, Level
from yifeng.model._deadline import DeadlineKind
from yifeng.model._diagnostic import Severity
from yifeng.model._diff import ChangeKind
from yifeng._kinds import LedgerKind
from yifeng.model._people import MemberRole
from yifeng.model._units import Role

_ENUMS: Final[tuple[type[enum.Enum], ...]] = (
    CampaignKind, ChangeKind, DeadlineKind, LedgerKind, Level, MemberRole, Role, Severity)

ENUM_LABELS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType({
    kind.__name__: MappingProxyType({str(member.value): str(getattr(member, "label")) for member in kind})
    for kind in _ENUMS
})
"""Enum name → JSON value → Chinese label, for every enum a JSON document can hold
(``ENUM_LABELS["DeadlineKind"]["by_date"] == "限期完成"``); the same labels as each
member's ``label`` and the JSON Schema's ``x-labels``."""
