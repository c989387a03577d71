"""The responsibility grammar: 责任单位 phrases as offices write them.

A phrase is cut into labelled segments ("牵头单位：…；配合单位：…") and clauses (at ，；。);
each clause is read by an ordered table of rows compiled from :mod:`yifeng.lexicon`
(a predicate "X为牵头单位", a joined "X会同Y负责", role words "X牵头 / Y配合 / Z参与",
a bare list). Lists are split at 、 and — only where both sides are units by themselves —
at 和/与/及, so "林业和草原局" stays one unit. A unit that is only "responsible"
(负责, 按职责分工负责, a bare list) leads, unless another unit of the phrase is named 牵头.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from yifeng import lexicon
from yifeng._text import alternation as _words
from yifeng._text import lazy_compile, squeeze
from yifeng.model._check import fail, text_fields
from yifeng.model._deadline import Deadline
from yifeng.model._units import Role, Unit, ends_like_a_unit, is_group, is_unit_name, spans_an_ending

_RESPONSIBLE: Final = "responsible"


_VERB_ROLE: Final = {verb: role for role, verbs in lexicon.ROLE_VERBS.items() for verb in verbs}
_LABEL_ROLE: Final = {label: role for role, labels in lexicon.ROLE_LABELS.items() for label in labels}
_MARK_ROLE: Final = {mark: role for role, marks in lexicon.ROLE_MARKS.items() for mark in marks}
_JOIN_ROLE: Final = {word: role for role, words in lexicon.ROLE_CONJOINED.items() for word in words}
_VERB: Final = lazy_compile(_words(list(_VERB_ROLE)))
_QUALIFIERS: Final = lazy_compile(rf"(?:{_words(lexicon.ROLE_QUALIFIERS)})+$")
_LABEL: Final = _words(list(_LABEL_ROLE))
_DEADLINE_LABEL: Final = _words(lexicon.TASK_HEADERS["deadline"])
# "牵头单位：X" — a label with its colon starts a segment of the phrase; "完成时限：Y" one
# that names no unit.
_LABELLED: Final = lazy_compile(rf"(?P<label>{_LABEL}|{_DEADLINE_LABEL})\s*[：:]")
# A label set off by spaces or a tab instead of a colon ("责任单位\t县卫健局").
_SPACED_LABEL: Final = lazy_compile(rf"(?P<label>{_LABEL}|{_DEADLINE_LABEL})(?:\t|\s{{2,}}|\u3000)\s*")
_MAX_CUTS: Final = 12  # more 和/与/及 than this in one piece: not a list of names
_PREDICATE: Final = lazy_compile(rf"(?P<units>.+?)(?:为|是|作为)(?P<label>{_LABEL})")
_LABEL_FIRST: Final = lazy_compile(rf"(?P<label>{_LABEL})(?:为|是)(?P<units>.+)")
_JOINED: Final = lazy_compile(rf"(?P<units>.+?)(?P<join>{_words(list(_JOIN_ROLE))})(?P<others>.+)")
_MARK: Final = lazy_compile(rf"[（(](?P<mark>{_words(list(_MARK_ROLE))})[）)]$")
# "X、Y（按职责分工负责）": a bracket holding only how the units act, not a remark.
_ROLE_ONLY: Final = lazy_compile(rf"[（(]((?:{_words(lexicon.ROLE_QUALIFIERS)})*(?:{_VERB.pattern}))[）)]")
_REFERRED: Final = lazy_compile(rf"[（(](?:{_words(lexicon.REFERRED_AS)})[^（）()]*[）)]")
_TRAILING: Final = lazy_compile(rf"(?P<others>等(?:[\u4e00-\u9fff]{{0,6}}?(?:{_words(lexicon.GROUP_NOUNS)}))?)$")
_AGENT: Final = lazy_compile(rf"^.*?(?<!{'|'.join(w[0] for w in lexicon.NOT_PREFIX_WORDS)})(?:{_words(lexicon.ROLE_PREFIXES)})(?=.)")
_JOINERS: Final = lazy_compile(_words([w for w in lexicon.UNIT_JOINERS if w not in "、/／"]))
_SECTOR_NAME: Final = 6  # "公安按职责配合": a sector named for its department, not a sentence
_BRACKETS: Final = lazy_compile(r"[（(][^（）()]*[）)]")
_CLAUSE_END: Final = "，,；;。\n"
_LIST_SEPARATORS: Final = "、/／"
_OPEN, _CLOSE = "（(〔[【《“", "）)〕]】》”"
_PUNCTUATION: Final = "，,；;。、：:" + _OPEN + _CLOSE
_STOP: Final = lazy_compile(rf"{_VERB.pattern}|{_words(lexicon.ROLE_QUALIFIERS)}|[{re.escape(_PUNCTUATION)}]")


def _depth_split(text: str, separators: str) -> list[str]:
    """``text`` cut at ``separators`` outside brackets ("各市（州、县）、省医保局")."""
    parts, depth, start = [], 0, 0
    for index, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _depth_at(text: str, index: int) -> int:
    """How many brackets are open at ``index``."""
    depth = 0
    for ch in text[:index]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth


def _first_name(text: str) -> str:
    """The name a broken line begins with: up to its first punctuation or role word."""
    match = _STOP.search(text)
    return text[: match.start()] if match else text


def _separates(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` separates two units
    ("市人社局" / "医保中心") rather than wrapping one name ("省自然资源和" / "规划厅")."""
    if not before or not after or before[-1] in _PUNCTUATION or after[0] in _PUNCTUATION:
        return False
    last = re.split(rf"[{re.escape(_PUNCTUATION)}]", before)[-1]
    if not is_unit_name(last) or ends_like_a_unit(last) is None or spans_an_ending(before, after):
        return False
    return is_unit_name(_first_name(after))


def _prepare(text: str) -> str:
    """One line: breaks and spaces that wrap a name joined, those between two names made
    、, labels given their colon, brackets that only hold a role word opened."""
    text = _SPACED_LABEL.sub(lambda m: m["label"] + "：", text)
    pieces = [piece for piece in re.split(r"[\s\u2028\u2029]+", text) if piece]
    joined = ""
    for piece in pieces:
        joined += ("、" if _separates(joined, piece) else "") + piece
    joined = _ROLE_ONLY.sub(lambda m: m.group(1), _REFERRED.sub("", joined)).strip("。.；;，,")
    while len(joined) > 2 and joined[0] in "（(" and joined[-1] in "）)" and _depth_split(joined[1:-1], ")）") == [joined[1:-1]]:
        joined = joined[1:-1]
    return joined


def _best_split(piece: str) -> list[str]:
    """``piece`` cut at 和/与/及 where every part is a unit by itself, as many parts as
    possible; uncut when no such cut exists."""
    cuts = [(m.start(), m.end()) for m in _JOINERS.finditer(piece)]
    if not cuts or len(cuts) > _MAX_CUTS:
        return [piece]
    # best[i]: the most parts for piece[:bounds[i]] ending at a cut (or None).
    bounds = [0] + [end for _, end in cuts]
    starts = [start for start, _ in cuts] + [len(piece)]
    best: list[list[str] | None] = [[]] + [None] * len(cuts)
    for i in range(1, len(bounds) + 1):
        stop = starts[i - 1]
        for j in range(i):
            parts = best[j]
            part = piece[bounds[j]:stop]
            if parts is not None and is_unit_name(part):
                candidate = parts + [part]
                if i == len(bounds):
                    if len(candidate) > 1:
                        return candidate
                elif best[i] is None or len(candidate) > len(best[i] or []):
                    best[i] = candidate
    return [piece]


@attrs.frozen
class _Named:
    unit: Unit
    role: str | None  # a role written beside the name: "X（牵头）"


def _names(text: str, strict: bool) -> tuple[list[_Named], list[str]]:
    """The units a list names, and the pieces that name none. ``strict`` (a bare list):
    every piece must read as a unit; after a role word a sector name ("公安") is kept."""
    text = _QUALIFIERS.sub("", _AGENT.sub("", text))
    units: list[_Named] = []
    unclear: list[str] = []
    others = _TRAILING.search(text)
    group: str | None = None
    if others is not None:
        text = text[: others.start()]
        tail = others["others"].lstrip("等")
        group = tail if tail and is_group(tail) else None
        if tail and text and not all(is_unit_name(p) for p in _depth_split(text, _LIST_SEPARATORS)):
            # "公安、市场监管等部门": sector names closed by a noun — one group reference.
            return [_Named(Unit(name=text + others["others"], group=True), None)], []
    each = False  # "各市、县（区）": 各 distributes over the list
    for piece in _depth_split(text, _LIST_SEPARATORS):
        mark = _MARK.search(piece)
        role = _MARK_ROLE[mark["mark"]] if mark else None
        piece = piece[: mark.start()] if mark else piece
        piece = _QUALIFIERS.sub("", piece).strip("，,。；;")
        if not piece:
            continue
        for name in _best_split(piece):
            if each and not is_unit_name(_BRACKETS.sub("", name)) and not _VERB.search(name):
                units.append(_Named(Unit(name=squeeze(name), group=True), role))
            elif is_unit_name(name) or (not strict and len(name) <= _SECTOR_NAME and not _VERB.search(name)
                                        and not re.search(_LABEL, name)):
                units.append(_Named(Unit.of(name), role))
            else:
                unclear.append(name)
            each = each or name.startswith("各")
    if group is not None:
        units.append(_Named(Unit(name=group, group=True), None))
    return units, unclear


def _clause(clause: str, default: str) -> tuple[list[tuple[str, Unit]], list[str]]:
    """(role, unit) pairs a clause assigns, and what it leaves unclear."""
    for pattern in (_PREDICATE, _LABEL_FIRST):
        match = pattern.fullmatch(clause)
        if match is not None:
            named, unclear = _names(match["units"], strict=False)
            return [(n.role or _LABEL_ROLE[match["label"]], n.unit) for n in named], unclear
    joined = _JOINED.fullmatch(clause)
    if joined is not None and not _VERB.search(joined["units"]):
        tail = _VERB_TAIL.search(joined["others"])
        role = _VERB_ROLE[tail["verb"]] if tail is not None else default
        leading, unclear = _names(joined["units"], strict=tail is None)
        others, more = _names(joined["others"][: tail.start()] if tail else joined["others"], strict=tail is None)
        return ([(n.role or role, n.unit) for n in leading]
                + [(n.role or _JOIN_ROLE[joined["join"]], n.unit) for n in others]), unclear + more
    pairs: list[tuple[str, Unit]] = []
    unclear = []
    start = 0
    verbs = [v for v in _VERB.finditer(clause) if _depth_at(clause, v.start()) == 0]
    for verb in verbs:
        named, lost = _names(clause[start: verb.start()], strict=False)
        pairs += [(n.role or _VERB_ROLE[verb.group(0)], n.unit) for n in named]
        unclear += lost
        start = verb.end()
    rest = clause[start:]
    if verbs and rest and not any(is_unit_name(p) for p in _depth_split(rest, _LIST_SEPARATORS)):
        return pairs, unclear  # an action after the role word: "X负责组织实施"
    named, lost = _names(rest, strict=True)
    role = _RESPONSIBLE if verbs else default
    pairs += [(n.role or role, n.unit) for n in named]
    return pairs, unclear + lost


_VERB_TAIL: Final = lazy_compile(rf"(?:{_words(lexicon.ROLE_QUALIFIERS)})*(?P<verb>{_VERB.pattern})[\u4e00-\u9fff]{{0,8}}$")


def _segments(text: str) -> Iterator[tuple[str, str]]:
    """(default role, text) for each labelled segment; unlabelled text is "responsible";
    a 完成时限 segment names no unit and is left to the deadline readers."""
    matches = list(_LABELLED.finditer(text))
    if not matches or matches[0].start() > 0:
        yield _RESPONSIBLE, text[: matches[0].start()] if matches else text
    for match, after in zip(matches, matches[1:] + [None]):
        if match["label"] in _LABEL_ROLE:
            yield _LABEL_ROLE[match["label"]], text[match.end(): after.start() if after else len(text)]


def _dedupe(units: list[Unit]) -> tuple[Unit, ...]:
    seen: list[Unit] = []
    for unit in units:
        if not any(unit.same_as(other) for other in seen):
            seen.append(unit)
    return tuple(seen)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class Responsibility:
    """A 责任单位 phrase, parsed into lead, supporting and joint units; the text is kept.

    ``unresolved`` holds the parts of the phrase whose units or role could not be
    decided, verbatim; readers report them.

    >>> r = Responsibility.parse("县医保局牵头， 县卫\\n生健康委按 各自职责配合")
    >>> [u.name for u in r.leads], [u.name for u in r.supports]
    (['县医保局'], ['县卫生健康委'])
    >>> r = Responsibility.parse("牵头单位：省卫生健康委；配合单位：省医保局、省药监局")
    >>> [u.name for u in r.leads], [u.name for u in r.supports]
    (['省卫生健康委'], ['省医保局', '省药监局'])
    """

    text: str = ""
    leads: tuple[Unit, ...] = ()
    supports: tuple[Unit, ...] = ()
    joint: tuple[Unit, ...] = ()
    unresolved: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if len(self.leads) < 2 and len(self.supports) < 2 and len(self.joint) < 2:
            return  # nothing to repeat (and spelling names out is not free)
        for field in ("leads", "supports", "joint"):
            units = getattr(self, field)
            if len(units) < 2:
                continue
            names = [u.canonical for u in units]
            if len(set(names)) != len(names):
                raise fail(self, field, "同一单位重复出现")

    @classmethod
    def parse(cls, text: str) -> Responsibility:
        """Read a 责任单位 phrase: 牵头 / 分别牵头 / 主办 / a 牵头单位 label → lead; 配合 /
        协助 / 协办 → support; 共同推进 / 参与 → joint; 负责, 按职责分工负责 and a bare list
        → lead, or support when another unit of the phrase leads. A phrase naming no
        unit gives an empty Responsibility (see :attr:`is_empty`)."""
        pairs: list[tuple[str, Unit]] = []
        unresolved: list[str] = []
        for default, segment in _segments(_prepare(text)):
            for clause in _depth_split(segment, _CLAUSE_END):
                clause = clause.strip("：: ")
                if not clause:
                    continue
                found, unclear = _clause(clause, default)
                pairs += found
                unresolved += unclear
        has_lead = any(role == Role.LEAD.value for role, _ in pairs)
        roles: dict[str, list[Unit]] = {role.value: [] for role in Role}
        for role, unit in pairs:
            if role == _RESPONSIBLE:
                role = Role.SUPPORT.value if has_lead else Role.LEAD.value
            roles[role].append(unit)
        return cls(
            text=text,
            leads=_dedupe(roles["lead"]),
            supports=_dedupe(roles["support"]),
            joint=_dedupe(roles["joint"]),
            unresolved=tuple(unresolved),
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


def designations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each bracket in ``text`` that designates units: a
    role word or label with units ("（省卫生健康委牵头，省医保局配合）", "（责任单位：…）"),
    perhaps with a deadline ("（X牵头，2024年底前完成）").

    >>> designations("加强监管（省卫生健康委牵头，省医保局配合）。（含中医类）")
    [(4, 21, '省卫生健康委牵头，省医保局配合')]
    """
    found = []
    depth, start = 0, 0
    for index, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = index
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start + 1: index]
                if _designates(split_designation(inner)[0]):
                    found.append((start, index + 1, inner))
    return found


def labelled_designations(text: str) -> list[str]:
    """The labelled designations in running text, each as "label：value": "责任单位：X",
    "完成时限：Y" — after a sentence or line, with a colon, a tab or spaces, one label
    ending where the next begins ("责任单位：县卫健局  完成时限：2024年10月底前")."""
    text = _SPACED_LABEL.sub(lambda m: m["label"] + "：", text)
    found = []
    for match in _LABELLED.finditer(text):
        before = text[: match.start()].rstrip(" \t\u3000（(")
        if before and before[-1] not in "。；;！？\n：:，," and not _LABELLED.search(before[-8:]):
            continue  # "…的责任单位：" inside a sentence
        rest = text[match.end():]
        end = min([m.start() for m in [_LABELLED.search(rest)] if m] + [len(rest)])
        value = re.split(r"[。；;\n（(）)]", rest[:end])[0].strip(" \t\u3000，,")
        if value:
            found.append(f"{match['label']}：{value}")
    return found


def is_deadline_label(phrase: str) -> bool:
    """Whether a "label：value" designation is a 完成时限 rather than units."""
    return bool(re.match(rf"(?:{_DEADLINE_LABEL})\s*[：:]", phrase))


def split_designation(inner: str) -> tuple[str, tuple[str, ...]]:
    """A designation's units and its deadlines apart: "X牵头，2024年底前完成" →
    ("X牵头", ("2024年底前完成",)); "责任单位：X；完成时限：Y" → ("责任单位：X", ("Y",))."""
    units: list[str] = []
    deadlines: list[str] = []
    for clause in _depth_split(_SPACED_LABEL.sub(lambda m: m["label"] + "：", inner), "，,；;"):
        label = re.match(rf"(?:{_DEADLINE_LABEL})\s*[：:]", clause.strip())
        value = clause.strip()[label.end():] if label else clause
        if label or (value.strip() and Deadline.try_parse(value) is not None):
            deadlines.append(value.strip())
        elif clause.strip():
            units.append(clause.strip())
    return "，".join(units), tuple(deadlines)


def _designates(inner: str) -> bool:
    """A bracket designates units when it has a role word or label and names a unit in
    its place; what else it says is kept as unresolved and reported by the reader."""
    flat = squeeze(inner)
    if not (_VERB.search(flat) or re.search(_LABEL, flat)):
        return False
    parsed = Responsibility.parse(flat)
    return not parsed.is_empty and len(parsed.unresolved) < len(parsed.units)
