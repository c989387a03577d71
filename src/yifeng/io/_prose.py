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
from yifeng._text import repair_cjk, squeeze
from yifeng.errors import ModelError
from yifeng.io._plaintext import Body, Node
from yifeng.model import Deadline, DeadlineKind, Responsibility, Source, Task
from yifeng.model._parts import first_sentence
from yifeng.model._responsibility import designations

_TASK_TITLES: Final = frozenset(lexicon.TASK_SECTION_TITLES)
_FRAME_TITLES: Final = frozenset(lexicon.FRAME_SECTION_TITLES)
_LABELS: Final = "|".join(sorted((w for ws in lexicon.ROLE_LABELS.values() for w in ws if len(w) > 2), key=len, reverse=True))
# A paragraph that is a designation line: "责任单位：县卫生健康委", "完成时限：2024年底前".
_DESIGNATION_LINE: Final = re.compile(rf"^[（(]?(?P<label>{_LABELS})\s*[：:](?P<value>.+?)[）)]?[。；;]?$")
# A designation sentence inside a paragraph: "…最高给予资助。责任单位：市委组织部、市科技局。"
_DESIGNATION_SENTENCE: Final = re.compile(rf"(?:^|(?<=[。；;！？\n]))\s*(?P<label>{_LABELS})\s*[：:](?P<value>[^。；;\n（(]+)")
_DEADLINE_HEADERS: Final = "|".join(sorted(lexicon.TASK_HEADERS["deadline"], key=len, reverse=True))
_DEADLINE_LINE: Final = re.compile(rf"^[（(]?(?:{_DEADLINE_HEADERS})\s*[：:](?P<value>.+?)[）)]?[。；;]?$")

Report = Callable[..., None]


def _plain(title: str) -> str:
    return squeeze(title).rstrip("：:。；;")


def is_task_heading(title: str) -> bool:
    """A heading over a list of tasks: 重点任务, 工作内容, "2.行动内容：" …"""
    return _plain(title) in _TASK_TITLES


def is_frame(node: Node) -> bool:
    """A heading of the frame (aims, scope, guarantees, schedule), or a target."""
    title = _plain(node.title)
    if title in _FRAME_TITLES or any(word in title for word in lexicon.PHASE_SECTION_WORDS):
        return True
    return is_target(node)


def is_target(node: Node) -> bool:
    """"1.到2030年，实现以下目标：" and what hangs under it: targets, not tasks."""
    opening = squeeze(node.title or (node.paragraphs[0][1] if node.paragraphs else ""))
    return opening.startswith(lexicon.TARGET_OPENINGS) or opening.endswith(("目标：", "目标:"))


def is_negative_list_area(node: Node) -> bool:
    return any(_plain(child.title) == "负面清单" for child in node.children)


def _names_a_part(title: str) -> bool:
    """A lone heading naming a part of the frame ("背景和意义"), not an action."""
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
    series = continuous_series(body.root)
    if series:
        return [node for node in series if not is_target(node)]
    top = [node for node in body.root.children if not is_negative_list_area(node)]
    chosen = [node for node in top if is_task_heading(node.title)] or [node for node in top if not is_frame(node)]
    found: list[Node] = []
    for section in chosen:
        if not section.children:
            if section.paragraphs and not _names_a_part(section.title):
                found.append(section)
            continue
        found += _leaves(section)
    return found


def _leaves(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        if is_frame(child) or is_negative_list_area(child):
            continue
        if not child.children:
            if child.title or child.paragraphs:
                found.append(child)
        elif child.run_in and child.paragraphs:
            found.append(child)  # a task with points under it
        else:
            inner = _leaves(child)
            found += inner if inner else ([child] if child.paragraphs else [])
    return found


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
        responsibility = _responsibility(text)
        if responsibility.unresolved:
            report("responsibility-unresolved", line=node.line, text=responsibility.text,
                   value=responsibility.text, parts="、".join(responsibility.unresolved))
        try:
            tasks.append(Task(
                number=node.number,
                title=title,
                content=content,
                category=_category(node),
                responsibility=responsibility,
                deadline=_deadline(text, year),
                source=Source(file=file, line=node.line),
            ))
        except ModelError as error:
            report("task-invalid", line=node.line, text=text, value=(node.label + text)[:30], why=str(error))
    return tasks


def _is_designation_line(line: str) -> bool:
    flat = squeeze(line)
    return bool(_DESIGNATION_LINE.match(flat) or _DEADLINE_LINE.match(flat))


def _responsibility(text: str) -> Responsibility:
    """The units a task designates: its "（X牵头，Y配合）" brackets and "责任单位：…" lines."""
    phrases = [f"{m['label']}：{m['value'].strip()}" for m in _DESIGNATION_SENTENCE.finditer(text)]
    phrases += [_without_deadlines(inner) for _, _, inner in designations(text)]
    phrases = [p for p in phrases if p]
    if not phrases:
        return Responsibility()
    joined = "；".join(dict.fromkeys(phrases))
    parsed = Responsibility.parse(joined)
    return Responsibility(text="；".join(dict.fromkeys(phrases)), leads=parsed.leads, supports=parsed.supports,
                          joint=parsed.joint, unresolved=parsed.unresolved)


def _without_deadlines(inner: str) -> str:
    """A designation without its deadline clause ("X牵头，2024年底前完成" → "X牵头")."""
    clauses = re.split(r"[，,；;]", inner)
    return "，".join(c for c in clauses if c and Deadline.try_parse(c) is None)


def _deadline(text: str, year: int | None) -> Deadline:
    """The task's deadline: a 完成时限 line, else the latest explicit date in the text."""
    for line in text.split("\n"):
        match = _DEADLINE_LINE.match(squeeze(line))
        if match is not None:
            stated = Deadline.try_parse(match["value"], year)
            if stated is not None:
                return stated
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
