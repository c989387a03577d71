"""Tasks written as prose: the numbered paragraphs of a plan's task section.

Which paragraphs are tasks is decided by the structure of the body, in this order:

1. **A series numbered straight through several parts** ("（一）…（二十五）" running across
   一、…七、, or "1.…24." across （一）…（八）): its members are the tasks — the writer
   numbered them as one list of measures.
2. **Sections headed as tasks** (重点任务, 工作内容, 主要措施 …): the items under them.
3. Otherwise **every section but the frame** (指导思想, 工作目标, 保障措施, 实施步骤 …).

Under a chosen section the innermost numbered items are the tasks; an item written as a
run-in heading with points under it ("1.加强…。具体包括：（1）…") is one task. Targets
("到2030年，实现以下目标：") and negative-list areas are not tasks. Each task takes its
category from the heading above it, keeps the number printed on it, its units from a
designation ("（X牵头，Y配合）", "责任单位：…") and its deadline from the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from yifeng import lexicon
from yifeng._text import alternation, repair_cjk, squeeze
from yifeng.errors import ModelError
from yifeng.io._plaintext import Body, Node
from yifeng.model._check import distinct_keys
from yifeng.model import Deadline, DeadlineKind, Responsibility, Source, Task
from yifeng.model._parts import first_sentence
from yifeng.model._responsibility import designations, is_deadline_label, labelled_designations, split_designation

_TASK_TITLES: Final = frozenset(lexicon.TASK_SECTION_TITLES)
_HEADING_WORDS: Final = 10  # a heading over tasks is short: "重点工作任务", not a sentence
_FRAME_TITLES: Final = frozenset(lexicon.FRAME_SECTION_TITLES)
_LABELS: Final = alternation(w for ws in lexicon.ROLE_LABELS.values() for w in ws if len(w) > 2)
_DEADLINE_LABELS: Final = alternation(lexicon.TASK_HEADERS["deadline"])
# A paragraph that is only a designation: "责任单位：县卫生健康委", "完成时限：2024年底前".
_DESIGNATION_LINE: Final = re.compile(
    rf"^[（(]?(?:{_LABELS}|{_DEADLINE_LABELS})(?:\s*[：:]|\t|\s{{2,}}|\u3000)(?P<value>.+?)[）)]?[。；;]?$")

Report = Callable[..., None]


def _plain(title: str) -> str:
    return squeeze(title).rstrip("：:。；;")


def is_task_heading(title: str) -> bool:
    """A heading over a list of tasks: 重点任务, 工作内容, 重点工作任务, "2.行动内容：" …"""
    plain = _plain(title)
    return plain in _TASK_TITLES or (plain.endswith(lexicon.TASK_HEADING_ENDINGS) and not _frame_title(plain)
                                       and not any(word in plain for word in lexicon.PHASE_SECTION_WORDS)
                                       and len(plain) <= _HEADING_WORDS)


def _frame_title(plain: str, loose: bool = False) -> bool:
    """Whether a heading names part of the frame: "工作目标", "有关工作要求", "指导思想和
    工作目标", "组织保障措施" — each part a frame heading, after a qualifier at most.
    ``loose`` (a heading with no items under it) also takes a short heading ending like
    one ("背景和意义", "集训安排")."""
    parts = [part for part in re.split(r"[和及与、]", plain) if part]
    return bool(parts) and all(_frame_part(part, loose) for part in parts)


def _frame_part(part: str, loose: bool) -> bool:
    for qualifier in ("",) + lexicon.FRAME_QUALIFIERS:
        if part.startswith(qualifier):
            rest = part[len(qualifier):]
            if rest in _FRAME_TITLES or (loose and rest and len(rest) <= 4 and rest.endswith(lexicon.FRAME_TITLE_ENDINGS)):
                return True
    return False


def is_frame(node: Node) -> bool:
    """A heading of the frame (aims, scope, guarantees, schedule), or a target."""
    title = _plain(node.title)
    if _frame_title(title, loose=not node.children) or any(word in title for word in lexicon.PHASE_SECTION_WORDS):
        return True
    return is_target(node)


def is_target(node: Node) -> bool:
    """"1.到2030年，实现以下目标：" and what hangs under it: targets, not tasks."""
    opening = squeeze(node.title or (node.paragraphs[0][1] if node.paragraphs else ""))
    return opening.startswith(lexicon.TARGET_OPENINGS) or opening.endswith(("目标：", "目标:"))


def is_negative_list_area(node: Node) -> bool:
    return any(_plain(child.title) == lexicon.NEGATIVE_LIST_PARTS["items"] for child in node.children)


def _names_a_part(title: str) -> bool:
    """A lone heading naming a part of the frame ("背景和意义", "各部门政策制定重点领域"),
    not an action ("丰富多层次巡回医疗内容")."""
    return _plain(title).endswith(lexicon.FRAME_TITLE_ENDINGS)


_SERIES: Final = 4


def continuous_series(root: Node) -> list[Node]:
    """The items of the longest numbering that runs on from one part into the next
    ("（三）" under 二、 after "（二）" under 一、), or [] when numbering restarts everywhere."""
    best: list[Node] = []
    levels = sorted({node.level for node in root.walk() if node is not root})
    for level in levels:
        nodes = [node for node in root.walk() if node.level == level and node is not root]
        run: list[Node] = []
        crossed = False
        for node in nodes:
            if run and node.number == run[-1].number + 1:
                crossed = crossed or node.parent is not run[-1].parent
                run.append(node)
                continue
            if crossed and len(run) > len(best):
                best = run
            run, crossed = [node], False
        if crossed and len(run) > len(best):
            best = run
    return best if len(best) >= _SERIES else []


def task_nodes(body: Body) -> list[Node]:
    """The nodes of ``body`` that are tasks, in document order."""
    top = [node for node in body.root.children if not is_negative_list_area(node)]
    chosen = [node for node in top if is_task_heading(node.title)] or [node for node in top if not is_frame(node)]
    series = [node for node in continuous_series(body.root) if not is_frame(node) and _top_of(node) in chosen]
    if series:
        return series
    found: list[Node] = []
    for section in chosen:
        if not section.children:
            if section.paragraphs and not _names_a_part(section.title) and not is_task_heading(section.title) \
                    and not _points_elsewhere(section):
                found.append(section)
            continue
        found += _leaves(section)
    return found


def _points_elsewhere(node: Node) -> bool:
    """A part whose text only says its tasks are in a table ("具体任务见下表。")."""
    text = squeeze("".join(t for _, t in node.paragraphs))
    return len(text) <= 30 and any(word in text for word in lexicon.POINTERS)


def _is_point(node: Node) -> bool:
    """A point under a task: a line of its own, with no text under it but a designation."""
    return not node.children and all(_is_designation_line(text) or _is_bracket(text) for _, text in node.paragraphs)


def _designate_their_own(points: Sequence[Node]) -> bool:
    """Points that each name their own units or deadline are tasks of their own, not
    parts of the task above them."""
    return len(points) > 1 and all(any(_is_designation_line(t) or _is_bracket(t) for _, t in p.paragraphs)
                                   for p in points)


def _is_bracket(text: str) -> bool:
    flat = squeeze(text).rstrip("。")
    return bool(designations(flat)) and designations(flat)[0][:2] == (0, len(flat))


def _top_of(node: Node) -> Node:
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def _leaves(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        if is_target(child) and _holds_measures(child):
            found += _leaves(child)  # a heading over measures lost: the task-builder says so
            continue
        if is_frame(child) or is_negative_list_area(child):
            continue
        if not child.children:
            if child.title or child.paragraphs:
                found.append(child)
        elif (child.run_in and child.paragraphs) or (child.stop and all(_is_point(c) for c in child.children)
                                                      and not _designate_their_own(child.children)):
            found.append(child)  # a task with points under it ("2.开展全员培训。（1）…（2）…")
        else:
            inner = _leaves(child)
            found += inner if inner else ([child] if child.paragraphs else [])
    return found


def _holds_measures(target: Node) -> bool:
    """Numbered items under a target that open as measures ("（1）强化骨骼健康促进。…"),
    not as targets: the heading over them ("2.行动内容：") was lost."""
    return bool(target.children) and all(squeeze(child.title).startswith(lexicon.MEASURE_OPENINGS)
                                         for child in target.children)


def _category(node: Node) -> str | None:
    parent = node.parent
    while parent is not None and parent.parent is not None:
        if parent.title and not is_task_heading(parent.title):
            return parent.full_title
        parent = parent.parent
    return None


def _text_of(node: Node) -> str:
    """A task's whole text: its run-in sentence, paragraphs and the points under it."""
    parts = [text for _, text in node.paragraphs]
    if node.run_in:
        head = node.title + node.stop
        parts = [head + parts[0]] + parts[1:] if parts else [head]
    for child in node.children:
        for inner in child.walk():
            parts.append(inner.label + inner.title + inner.stop)
            parts += [text for _, text in inner.paragraphs]
    return "\n".join(repair_cjk(p) for p in parts if p)


def tasks_from(nodes: Sequence[Node], year: int | None, file: str | None, report: Report) -> list[Task]:
    """Tasks built from ``nodes``; a node the model refuses is reported, with its text."""
    tasks: list[Task] = []
    for node in nodes:
        text = _text_of(node)
        content = "\n".join(line for line in text.split("\n") if not _is_designation_line(line))
        title = node.full_title if node.title and not node.run_in else first_sentence(content)
        if node.parent is not None and is_target(node.parent):
            report("task-under-target", line=node.line, text=text, value=title[:30], target=_plain(node.parent.title))
        units, deadlines = _designated(text)
        apart = [phrases[0] for phrases in (_designated(paragraph)[0] for paragraph in _paragraphs(text)) if phrases]
        if len(set(apart)) > 1:
            report("task-designated-twice", line=node.line, text=text, value=title[:30], first=apart[0], second=apart[1])
        responsibility = _responsibility(units)
        if responsibility.unresolved:
            report("responsibility-unresolved", line=node.line, field="responsibility", text=responsibility.text,
                   value=responsibility.text, parts="、".join(responsibility.unresolved))
        try:
            tasks.append(Task(
                number=node.number,
                title=title,
                content=content,
                category=_category(node),
                responsibility=responsibility,
                deadline=_deadline(text, deadlines, year),
                source=Source(file=file, line=node.line),
            ))
        except ModelError as error:
            report("task-invalid", line=node.line, text=text, value=(node.label + text)[:30], why=str(error))
    return distinct_keys(tasks)  # twins in the text told apart


def _paragraphs(text: str) -> list[str]:
    """A task's paragraphs, a run of "责任单位：" and "完成时限：" lines kept with the
    paragraph above them."""
    paragraphs: list[str] = []
    for line in text.split("\n"):
        if paragraphs and _is_designation_line(line):
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return paragraphs


def _is_designation_line(line: str) -> bool:
    return bool(_DESIGNATION_LINE.match(line.strip()))


def _designated(text: str) -> tuple[list[str], list[str]]:
    """(unit phrases, deadline phrases) a task's text states: its "责任单位：…" and
    "完成时限：…" sentences, and its "（X牵头，Y配合，2024年底前完成）" brackets."""
    units: list[str] = []
    deadlines: list[str] = []
    for phrase in labelled_designations(text):
        if is_deadline_label(phrase):
            deadlines.append(phrase.split("：", 1)[1])
        else:
            units.append(phrase)
    for _, _, inner in designations(text):
        named, dated = split_designation(inner)
        units += [named] if named else []
        deadlines += dated
    return list(dict.fromkeys(units)), deadlines


def _responsibility(phrases: list[str]) -> Responsibility:
    """One responsibility from every phrase a task designates, each phrase kept as written."""
    if not phrases:
        return Responsibility()
    return Responsibility.parse("；".join(phrases))


def _deadline(text: str, stated: list[str], year: int | None) -> Deadline:
    """The task's deadline: one it states (完成时限：…, a designation's date), else the
    latest explicit date in its text."""
    for phrase in stated:
        deadline = Deadline.try_parse(phrase, year)
        if deadline is not None:
            return deadline
    found = Deadline.find(text, year)
    dated = [d for d in found if d.due is not None]
    if dated:  # the last thing due is when the task is done
        return max(dated, key=lambda d: d.due or dt.date.min)
    return found[0] if found else Deadline(kind=DeadlineKind.UNSPECIFIED)


def restates(table: Iterable[Task], nodes: Iterable[Node]) -> bool:
    """Whether a 分工表's tasks restate the body's numbered items (a table of the plan's own
    tasks, adding units and deadlines) rather than adding tasks of their own."""
    texts = [squeeze(node.title) + squeeze("".join(t for _, t in node.paragraphs)) for node in nodes]
    rows = list(table)
    if not rows or not texts:
        return False
    heads = [text[:8] for text in texts if len(text) >= 4]
    hits = 0
    for task in rows:
        mine = squeeze(task.title) + squeeze(task.content)
        keys = [squeeze(task.title)[:10], squeeze(task.content)[:10]]
        if any(key and any(key in text for text in texts) for key in keys) or any(head in mine for head in heads):
            hits += 1
    return hits * 2 >= len(rows)
