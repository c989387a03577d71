"""Reading the structure of documents copied as plain text (PDF or Word copies).

Headings of the 一、（一）1.（1） hierarchy (the label grammar of :mod:`yifeng.lexicon`),
paragraphs joined across line breaks, noise (watermarks, page numbers, markdown marks)
dropped. A numbered line counts as a heading only where its number continues the
numbering around it, so a line that a PDF copy happens to start with "3." stays text.
Every node keeps the line it starts on.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Final

from yifeng import lexicon
from yifeng._text import cn_to_int, repair_cjk, squeeze
from yifeng.model import Section
from yifeng.model._parts import TITLE_LIMIT as _TITLE_LIMIT
from yifeng.model._parts import label_at

_LOOKALIKES: Final = str.maketrans(lexicon.NUMERAL_LOOKALIKES)
_PHASE: Final = re.compile(lexicon.PHASE_LABEL.format(cn=lexicon.CN_NUMERAL) + r"\s*[：:]?")
_PHASE_LEVEL: Final = 1.5
# Noise in copied text: bare page numbers, "- 23 -", "第 2 页 共 5 页", table rulers.
_NOISE: Final = (
    re.compile(r"\d{1,3}"),
    re.compile(r"[-—－–]\s*\d+\s*[-—－–]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?"),
    re.compile(r"[-|\s]+"),
)
# A line opening with a short label ("责任单位：", "完成时限：") starts a paragraph of its own.
_LABELLED: Final = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[：:]")
_SENTENCE_END: Final = re.compile(r"[。；;！？]")
# Pieces of labels (the grammar itself is the lexicon's): where one may start inside a
# line, and the halves a line break leaves of one ("（" / "三）", "2" / ".行动内容").
_NUMERAL: Final = f"[{lexicon.CN_NUMERAL}\\d]"
_ITEM_INSIDE: Final = re.compile(rf"[（(]{_NUMERAL}{{1,3}}[）)]|{_NUMERAL}{{1,3}}[、.．]")
_OPEN_LABEL: Final = re.compile(rf"[（(]{_NUMERAL}{{0,3}}$")
_CLOSE_LABEL: Final = re.compile(rf"^{_NUMERAL}{{0,3}}[）)]")
_BARE_NUMERAL: Final = re.compile(rf"{_NUMERAL}{{1,3}}")
_LABEL_MARK: Final = re.compile(r"^[、.．](?!\d)")
_FURNITURE_REPEATS: Final = 3
_FURNITURE_LENGTH: Final = 24
_CLOSED: Final = ("。", "；", "：", ":", "！", "？", ";", "。”", "）。", "!", "?")
_PHRASE_TITLE: Final = 24


def clean(text: str) -> str:
    """A line without markdown marks, HTML paragraph tags or a byte-order mark."""
    line = text.replace("\ufeff", "").strip()
    line = re.sub(r"^#+\s*", "", line).replace("**", "")
    return re.sub(r"</?p>", "", line).strip()


def is_noise(line: str, *, numbers: bool = True) -> bool:
    """Page numbers, rulers: copied furniture, never content. ``numbers=False`` keeps a
    bare number (in a table it is a 序号)."""
    return any(p.fullmatch(line) for p in (_NOISE if numbers else _NOISE[1:]))


def repeated_furniture(lines: Iterable[str]) -> frozenset[str]:
    """Short lines a copy repeats on every page (a watermark such as "诸静2020-07-204704"),
    and the pieces of them a page break leaves ("诸静2020", "07-204704")."""
    counts: dict[str, int] = {}
    for raw in lines:
        line = clean(raw)
        # A watermark carries a stamp of digits (a date, an ID); a repeated designation
        # such as "（县卫健局牵头）" is content.
        if line and len(line) <= _FURNITURE_LENGTH and len(re.findall(r"\d", line)) >= 4 \
                and not re.search(r"[，。；：,;:、“”《》（）()]", line):
            counts[line] = counts.get(line, 0) + 1
    repeated = {line for line, n in counts.items() if n >= _FURNITURE_REPEATS and not heading(line)}
    pieces = {line for line in counts if len(line) >= 4 and line not in repeated
              and any(r.startswith(line) or r.endswith(line) for r in repeated)}
    return frozenset(repeated | pieces)


def heading(line: str) -> tuple[str, float, int, str] | None:
    """(label, level, number, rest) when ``line`` opens with a heading label."""
    match = _PHASE.match(line)
    if match is not None:
        return squeeze(match.group(0)), _PHASE_LEVEL, cn_to_int(match["n"]), line[match.end():].strip()
    found = label_at(line)
    if found is None:
        return None
    level, number, end = found
    return squeeze(line[:end]).translate(_LOOKALIKES), float(level), number, line[end:].strip()


def split_heading(rest: str) -> tuple[str, str, bool]:
    """(title, first paragraph, run_in) for the text after a heading label."""
    run_in = re.match(r"(.+?[。！？])(.+)", rest)
    if run_in and len(run_in.group(1)) <= _TITLE_LIMIT + 1:
        return run_in.group(1)[:-1], run_in.group(2), True
    title = rest.rstrip("。：:")  # "（六）持续开展改善医疗服务行动。" and "2.行动内容：" are headings
    if len(title) <= _TITLE_LIMIT and not any(ch in title for ch in "。；;，,"):
        return title, "", False
    if len(title) <= _PHRASE_TITLE and not any(ch in title for ch in "。；;") and rest[-1:] not in "；;":
        return title, "", False  # "一、突出创新研发支持，加强鼓励引导": two phrases, no sentence
    return "", rest, False


class Node:
    """A part of a body while it is read: label, title, paragraphs with their lines."""

    def __init__(self, label: str, level: float, number: int, title: str, run_in: bool, line: int,
                 parent: Node | None) -> None:
        self.label, self.level, self.number, self.title, self.run_in = label, level, number, title, run_in
        self.line = line
        self.stop = ""  # the mark that ends a run-in title ("。")
        self.parent = parent
        self.paragraphs: list[tuple[int, str]] = []
        self.children: list[Node] = []

    def walk(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def texts(self) -> list[str]:
        return [repair_cjk(text) for _, text in self.paragraphs]

    @property
    def full_title(self) -> str:
        return repair_cjk(self.title)

    def freeze(self) -> Section:
        return Section(
            label=self.label,
            title=self.full_title,
            run_in=self.run_in,
            paragraphs=tuple(self.texts),
            children=tuple(c.freeze() for c in self.children),
        )


class Body:
    """A body read into nodes: ``root`` holds the preamble paragraphs and the top level;
    ``oddities`` lists (diagnostic code, line, label, previous label) for numbering that
    does not run on: a numbered line read as text, a jump, a list starting again."""

    def __init__(self, root: Node, oddities: list[tuple[str, int, str, str]]) -> None:
        self.root = root
        self.oddities = oddities

    @property
    def preamble(self) -> tuple[str, ...]:
        return tuple(self.root.texts)

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(c.freeze() for c in self.root.children)


def _mend_broken_labels(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with a label broken across them ("…要求。（" / "三）加强…") put back together."""
    mended: list[tuple[int, str]] = []
    for number, raw in lines:
        line = clean(raw)
        if mended and ((_OPEN_LABEL.search(mended[-1][1]) and _CLOSE_LABEL.match(line))
                       or (_BARE_NUMERAL.fullmatch(mended[-1][1]) and _LABEL_MARK.match(line))):
            mended[-1] = (mended[-1][0], mended[-1][1] + line)
        else:
            mended.append((number, line))
    return mended


def read_body(lines: Sequence[tuple[int, str]], furniture: frozenset[str] = frozenset()) -> Body:
    """The nodes of a body given as (line number, text) pairs broken any which way;
    lines in ``furniture`` (see :func:`repeated_furniture`) are skipped. An item run into
    the line before it ("…落实。（三）加强…") is cut out again when its number continues
    the numbering."""
    root = Node("", 0.0, 0, "", False, lines[0][0] if lines else 1, None)
    stack = [root]
    last: dict[float, Node] = {}  # the latest node of each level, anywhere
    oddities: list[tuple[str, int, str, str]] = []

    def previous_of(level: float) -> Node | None:
        return next((node for node in reversed(stack) if node.level == level), None) or last.get(level)

    def run_in_item(line: str) -> int | None:
        """Where an item that continues an open list starts inside ``line``: after a
        sentence, or — a bracketed label ("（三）") — anywhere a copy ran two lines together."""
        own = heading(line)
        for match in _ITEM_INSIDE.finditer(line, 1):
            at = match.start()
            if not (match.group(0)[0] in "（(" or _SENTENCE_END.match(line[at - 1])):
                continue
            head = heading(line[at:])
            if head is None or head[2] < 2 or not head[3][:1] or not ("\u4e00" <= head[3][0] <= "\u9fff" or head[3][0].isdigit()):
                continue
            if own is not None and own[1] == head[1]:
                before: int | None = own[2]  # the line's own item, at the same level
            else:
                previous = previous_of(head[1])
                before = previous.number if previous is not None else None
            if before is not None and head[2] == before + 1:
                return at
        return None

    queue = deque(_mend_broken_labels(lines))
    while queue:
        number, line = queue.popleft()
        if not line or is_noise(line) or line in furniture:
            continue
        cut = run_in_item(line)
        if cut is not None:
            queue.appendleft((number, line[cut:]))
            line = line[:cut]
        head = heading(line)
        if head is not None:
            label, level, n, rest = head
            previous = previous_of(level)
            expected = (previous.number + 1) if previous is not None else 1
            # A first item, the next one, or a small gap (a lost line) starts a node; so
            # does the first part of an excerpt ("二、重点任务" with nothing before it).
            if n == 1 or (previous is not None and expected <= n <= expected + 2) or (
                    previous is None and level == 1.0 and not root.children):
                sibling = next((node for node in reversed(stack) if node.level == level), None)
                if previous is not None and n > expected:
                    oddities.append(("heading-skipped", number, label, previous.label))
                elif n == 1 and sibling is not None and sibling.parent is next(
                        node for node in reversed(stack) if node.level < level):
                    oddities.append(("heading-restarted", number, label, sibling.label))
                title, paragraph, run_in = split_heading(rest) if level != _PHASE_LEVEL else (rest.rstrip("。"), "", False)
                while stack[-1].level >= level:
                    stack.pop()
                node = Node(label, level, n, title, run_in, number, stack[-1])
                if run_in:
                    node.stop = rest[len(title)]
                elif title and rest.endswith("。"):
                    node.stop = "。"  # "2.开展全员培训。": a sentence, its points may follow
                if paragraph:
                    node.paragraphs.append((number, paragraph))
                stack[-1].children.append(node)
                stack.append(node)
                last[level] = node
                continue
            oddities.append(("heading-out-of-sequence", number, label, previous.label if previous is not None else ""))
        current = stack[-1]
        if current.paragraphs and not current.paragraphs[-1][1].endswith(_CLOSED) and not _LABELLED.match(line):
            at, text = current.paragraphs[-1]
            current.paragraphs[-1] = (at, f"{text}\n{line}")
        else:
            current.paragraphs.append((number, line))
    return Body(root, oddities)


def parse_body(lines: Sequence[str]) -> tuple[tuple[str, ...], tuple[Section, ...]]:
    """(preamble paragraphs, sections) from body lines broken any which way."""
    body = read_body(list(enumerate(lines, start=1)), repeated_furniture(lines))
    return body.preamble, body.sections


def tab_rows(lines: Sequence[str], columns: int) -> list[list[str]]:
    """Rows of a tab-separated table whose cells continue on later lines.

    A line whose first cell is a number starts a row; other lines continue the current
    row, their cells aligned to the right (the last cell is the last column).
    """
    rows: list[list[str]] = []
    for raw in lines:
        line = re.sub(r"</?p>", "", raw.rstrip("\n"))
        if not line.strip() or re.fullmatch(r"[-|\s]+", line):
            continue
        cells = line.split("\t")
        if cells[0].strip().isdigit():
            rows.append([cells[0].strip()] + [""] * (columns - 1))
            cells = cells[1:]
        elif not rows:
            continue
        row = rows[-1]
        for offset, cell in enumerate(reversed(cells)):
            if offset >= columns - 1 or not cell.strip():
                continue
            col = columns - 1 - offset
            row[col] = f"{row[col]}\n{cell.strip()}" if row[col] else cell.strip()
    return rows
