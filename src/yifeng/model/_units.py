"""责任单位: units, their roles, and how the names of bodies are built."""

from __future__ import annotations

import enum
import functools
from typing import Final

import attrs

from yifeng import lexicon
from yifeng._text import alternation as _words
from yifeng._text import lazy_compile, squeeze
from yifeng.model._check import no_whitespace, not_blank, text_fields


class Role(enum.Enum):
    """A unit's part in a task: 牵头 (lead), 配合 (support) or 共同推进/参与 (joint)."""

    LEAD = "lead"
    SUPPORT = "support"
    JOINT = "joint"

    @property
    def label(self) -> str:
        return {"lead": "牵头", "support": "配合", "joint": "共同推进"}[self.value]


UNIT_ABBREVIATIONS: Final = lexicon.UNIT_ABBREVIATIONS




_GROUP: Final = lazy_compile(
    rf".(?:{_words(lexicon.GROUP_SUFFIXES)})$|^(?:{_words(lexicon.GROUP_SUFFIXES)})$|{_words(lexicon.GROUP_CONTAINS)}"
)
_GROUP_PREFIX: Final = lazy_compile(rf"^(?:{_words(lexicon.GROUP_PREFIXES)})(?=.)")
_ENDING: Final = lazy_compile(rf"(?:{_words(lexicon.UNIT_ENDINGS)})$")
_NOT_ENDING: Final = lazy_compile(rf"(?:{_words(lexicon.NOT_UNIT_ENDINGS)})$")
_BRACKETED_TAIL: Final = lazy_compile(r"[（(][^（）()]*[）)]$")
_ROLE_WORD: Final = lazy_compile(
    _words(tuple(w for words in lexicon.ROLE_VERBS.values() for w in words if len(w) > 1)
           + tuple(w for words in lexicon.ROLE_LABELS.values() for w in words if len(w) > 1))
)


def canonical_unit_name(name: str) -> str:
    """The name with every abbreviation spelled out, for comparing units.

    >>> canonical_unit_name("省市场监管厅") == canonical_unit_name("省市场监督管理厅")
    True
    """
    name = squeeze(name)
    for short, full in UNIT_ABBREVIATIONS:
        name = name.replace(short, full)
    return name


# A document names a few units many times over (every task's 责任单位 is checked for
# repeats by these names): each name is spelled out once.
_canonical: Final = functools.lru_cache(maxsize=4096)(canonical_unit_name)


def is_group(name: str) -> bool:
    """Whether ``name`` refers to several units at once (各成员单位, 有关部门, 各地,
    各设区市人民政府) — not "各乡镇卫生院具体", which is no name."""
    name = squeeze(name)
    if _GROUP.search(name):
        return True
    prefix = _GROUP_PREFIX.match(name)
    if prefix is None:
        return False
    rest = _BRACKETED_TAIL.sub("", name[prefix.end():])
    return len(rest) <= lexicon.GROUP_PLACE_LENGTH and not _ROLE_WORD.search(rest) or bool(_ENDING.search(rest))


def is_unit_name(name: str) -> bool:
    """Whether ``name`` reads as the name of a body by itself: it ends like one ("局",
    "委员会", "中心") after a stem, or is a group reference. "林业" and "省旅游" do not.

    >>> [is_unit_name(n) for n in ("省医保局", "林业", "宣传部（融媒体中心）", "工会", "局")]
    [True, False, True, True, False]
    """
    name = squeeze(name)
    if not name or _ROLE_WORD.search(name):
        return False
    if is_group(name) or name in lexicon.SHORT_BODIES:
        return True
    core = _BRACKETED_TAIL.sub("", name)
    match = _ENDING.search(core)
    return match is not None and match.start() > 0 and not _NOT_ENDING.search(core)


def ends_like_a_unit(text: str) -> str | None:
    """The unit ending ``text`` ends with, if any (for joining names broken over lines)."""
    core = _BRACKETED_TAIL.sub("", text)
    match = _ENDING.search(core)
    return match.group(0) if match and not _NOT_ENDING.search(core) else None


def spans_an_ending(before: str, after: str) -> bool:
    """Whether a unit ending runs across the break between ``before`` and ``after``
    ("省卫生健康委" | "员会" → "委员会")."""
    for ending in lexicon.UNIT_ENDINGS:
        for cut in range(1, len(ending)):
            if before.endswith(ending[:cut]) and after.startswith(ending[cut:]):
                return True
    return False


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Unit:
    """A 责任单位 as written. ``group`` marks references to several units at once
    (机制成员单位, 各成员单位, 其他部门)."""

    name: str = attrs.field(validator=[not_blank, no_whitespace])
    group: bool = False

    @classmethod
    def of(cls, name: str) -> Unit:
        """A unit from a name as found in a document: whitespace removed, group detected."""
        clean = squeeze(name)
        return cls(name=clean, group=is_group(clean))

    @property
    def canonical(self) -> str:
        """The name with abbreviations spelled out (县卫健委 → 县卫生健康委)."""
        return _canonical(self.name)

    @property
    def recognised(self) -> bool:
        """Whether the name reads as a body (ends in 委, 局, 厅, 部, 处, 中心, 单位, …)."""
        return is_unit_name(self.name)

    def same_as(self, other: Unit) -> bool:
        """Whether two units are the same body, however each was written."""
        return self.canonical == other.canonical

    def __str__(self) -> str:
        return self.name
