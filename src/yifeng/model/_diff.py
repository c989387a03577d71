"""What changed between two versions of a campaign, task table or ledger, item by item
(tasks and rows matched by their ``key``), field by field."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

import attrs

from yifeng.model._campaign import Campaign
from yifeng.model._ledger import Ledger, LedgerRow
from yifeng.model._parts import Task
from yifeng.model._tasktable import TaskTable

Versioned = Campaign | TaskTable | Ledger
Item = Task | LedgerRow


class ChangeKind(enum.Enum):
    """How an item changed."""

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    CHANGED = "changed"

    @property
    def label(self) -> str:
        return {"added": "新增", "removed": "删除", "moved": "移动", "changed": "修改"}[self.value]


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field's old and new value, as JSON values (dates ISO, enums their codes)."""

    field: str  # a dotted path inside the item: "deadline.text", "responsibility.leads"
    old: object
    new: object


@attrs.frozen(kw_only=True)
class ItemChange:
    """A task or ledger row added, removed, moved (its place among the others changed)
    or changed (``fields``); a moved item may have changed too. ``number`` is its printed
    序号 in the new version (the old one when removed): renumbering alone is no change."""

    key: str
    kind: ChangeKind
    number: int | None
    title: str
    old_position: int | None = None
    new_position: int | None = None
    fields: tuple[FieldChange, ...] = ()


@attrs.frozen(kw_only=True)
class Diff:
    """The changes from one version to another: of the document's own fields, and of
    its tasks or rows by key. Empty when nothing but numbering changed."""

    of: str  # the type compared: "Campaign", "TaskTable" or "Ledger"
    document: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.document or self.items)

    def _repr_html_(self) -> str:
        rows: list[tuple[object, ...]] = [("文档", "", f.field, _shown(f.old), _shown(f.new)) for f in self.document]
        for item in self.items:
            where = f"{item.number or ''} {item.title}".strip()
            if item.kind in (ChangeKind.ADDED, ChangeKind.REMOVED) or not item.fields:
                moved = f"第 {item.old_position} 项 → 第 {item.new_position} 项" if item.kind is ChangeKind.MOVED else ""
                rows.append((item.kind.label, where, "", "", moved))
            for change in item.fields:
                rows.append((item.kind.label, where, change.field, _shown(change.old), _shown(change.new)))
        if not rows:
            return "<p>没有变化（序号重排不算变化）</p>"
        from yifeng.model._html import table

        return table(("变化", "任务或台账行", "字段", "原值", "新值"), rows, kinds=("text", "long", "text", "long", "long"))


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or value)
    return str(value)


def _plain(value: object) -> object:
    """A model value as a JSON value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name))
                for f in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value))) if f.eq}
    return value


# Fields that are no content: identity, where it came from, its printed number (order
# is judged by position), and what a reader said about it.
_SKIP: Final = frozenset({"key", "source", "number", "diagnostics"})
# Nested objects compared field by field; other values (tuples, text) as a whole.
_DEEP: Final = 2


def _fields(old: object, new: object, prefix: str = "", depth: int = 0) -> list[FieldChange]:
    changes = []
    for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(old))):
        if field.name in _SKIP or not field.eq:
            continue
        a, b = getattr(old, field.name), getattr(new, field.name)
        if a == b:
            continue
        name = f"{prefix}{field.name}"
        if depth < _DEEP and attrs.has(type(a)) and type(a) is type(b):
            changes += _fields(a, b, f"{name}.", depth + 1)
        else:
            changes.append(FieldChange(field=name, old=_plain(a), new=_plain(b)))
    return changes


def _stay(positions: Sequence[int]) -> set[int]:
    """Indexes of the longest increasing run of ``positions`` (the items that kept their
    order; the others moved)."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(positions)
    for i, p in enumerate(positions):
        j = bisect_left(tails, p)
        if j == len(tails):
            tails.append(p)
            tail_index.append(i)
        else:
            tails[j], tail_index[j] = p, i
        parent[i] = tail_index[j - 1] if j else -1
    kept, i = set(), tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return kept


def _items(old: Sequence[Item], new: Sequence[Item]) -> list[ItemChange]:
    def title(item: Item) -> str:
        return item.title if isinstance(item, Task) else (item.institution or item.person or item.description)[:30]

    def by_key(items: Sequence[Item]) -> dict[str, tuple[int, Item]]:
        found: dict[str, tuple[int, Item]] = {}
        for position, item in enumerate(items, start=1):
            key, n = item.key, 1
            while key in found:  # keys repeated by hand: paired in order
                n += 1
                key = f"{item.key}#{n}"
            found[key] = (position, item)
        return found

    before, after = by_key(old), by_key(new)
    common = [k for k in after if k in before]  # in the new order
    stay = _stay([before[k][0] for k in common])
    changes: list[ItemChange] = []
    for index, key in enumerate(common):
        (was, a), (now, b) = before[key], after[key]
        fields = tuple(_fields(a, b))
        moved = index not in stay
        if fields or moved:
            changes.append(ItemChange(key=b.key, kind=ChangeKind.MOVED if moved else ChangeKind.CHANGED,
                                      number=b.number, title=title(b), old_position=was, new_position=now,
                                      fields=fields))
    changes += [ItemChange(key=item.key, kind=ChangeKind.ADDED, number=item.number, title=title(item),
                           new_position=position) for key, (position, item) in after.items() if key not in before]
    changes += [ItemChange(key=item.key, kind=ChangeKind.REMOVED, number=item.number, title=title(item),
                           old_position=position) for key, (position, item) in before.items() if key not in after]
    return sorted(changes, key=lambda c: (c.new_position or c.old_position or 0, c.kind.value))


def diff(old: Versioned, new: Versioned) -> Diff:
    """What changed from ``old`` to ``new`` — two campaigns, task tables or ledgers: the
    document's own fields, then its tasks (or rows) matched by key: added, removed,
    moved (their order among the others changed) and changed, with each field's old and
    new value. Renumbering is no change; :func:`yifeng.io.to_dict` gives the JSON form.

    >>> import attrs
    >>> from yifeng import examples
    >>> old = examples.campaign("lingbi-2020")
    >>> task = attrs.evolve(old.tasks[2], content="加强医保基金监管。")
    >>> new = attrs.evolve(old, tasks=(old.tasks[0], old.tasks[1], task, *old.tasks[3:]))
    >>> [(c.kind.label, c.number, [f.field for f in c.fields]) for c in diff(old, new).items]
    [('修改', 3, ['content'])]
    """
    if type(old) is not type(new):
        raise TypeError(f"cannot compare a {type(old).__name__} with a {type(new).__name__}")
    document = tuple(change for change in _fields(old, new) if change.field not in ("tasks", "rows"))
    if isinstance(old, Ledger):
        assert isinstance(new, Ledger)
        changes = _items(old.rows, new.rows)
    else:
        assert isinstance(new, (Campaign, TaskTable))
        changes = _items(old.tasks, new.tasks)
    return Diff(of=type(old).__name__, document=document, items=tuple(changes))
