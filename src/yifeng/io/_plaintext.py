"""Reading the structure of documents copied as plain text (PDF or Word copies).

Headings of the 一、（一）1.（1） hierarchy, paragraphs joined across line breaks, noise
(watermarks, page numbers, markdown marks) dropped, and tables flattened to text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from yifeng._text import repair_cjk, squeeze
from yifeng.model import Section

_HEADINGS: Final = (
    (re.compile(r"([一二三四五六七八九十]+、)"), 1.0),
    (re.compile(r"(第[一二三四五六七八九十]+阶段[：:])"), 1.5),
    (re.compile(r"([（(]\s*[一二三四五六七八九十―]+\s*[）)])"), 2.0),
    (re.compile(r"(\d+\s*[、.．])(?!\d)"), 3.0),
    (re.compile(r"([（(]\d+[）)])"), 4.0),
)
# Noise in copied text: watermarks ("诸静2020-07-204704", "07-204704": a short name, a
# year, a date and a number), bare numbers, page numbers ("- 23 -"), table rulers.
_NOISE: Final = (
    re.compile(r"[\u4e00-\u9fff]{0,4}\d{4}(?:-\d{2}-\d{4,})?|\d{2}-\d{4,}|[\d\-]*"),
    re.compile(r"[-—－]\s*\d+\s*[-—－]"),
    re.compile(r"[-| ]+"),
)
_CLOSED: Final = ("。", "；", "：", ":", "！", "？", ";", "。”")


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop blank lines, watermarks ("诸静2020-07-204704"), page numbers and markdown."""
    kept = []
    for raw in lines:
        line = re.sub(r"^#+\s*", "", raw.strip()).replace("**", "")
        line = re.sub(r"</?p>", "", line).strip()
        if line and not any(p.fullmatch(line) for p in _NOISE):
            kept.append(line)
    return kept


def _heading(line: str) -> tuple[str, float, str] | None:
    for pattern, level in _HEADINGS:
        match = pattern.match(line)
        if match:
            label = squeeze(match.group(1)).replace("―", "一")  # seed 000's OCR "（―）"
            return label, level, line[match.end():].strip()
    return None


def _split_heading(rest: str, phase: bool) -> tuple[str, str, bool]:
    """(title, first paragraph, run_in) for the text after a heading label."""
    if phase:
        return rest.rstrip("。"), "", False
    run_in = re.match(r"(.+?)。(.+)", rest)
    if run_in and len(run_in.group(1)) <= 40:
        return run_in.group(1), run_in.group(2), True
    heading = rest.removesuffix("。")  # "（六）持续开展改善医疗服务行动。" is still a heading
    if len(heading) <= 40 and not any(ch in heading for ch in "。；;，,"):
        return heading, "", False
    return "", rest, False


class _Node:
    def __init__(self, label: str, level: float, title: str, run_in: bool) -> None:
        self.label, self.level, self.title, self.run_in = label, level, title, run_in
        self.paragraphs: list[str] = []
        self.children: list[_Node] = []

    def freeze(self) -> Section:
        return Section(
            label=self.label,
            title=repair_cjk(self.title),
            run_in=self.run_in,
            paragraphs=tuple(repair_cjk(p) for p in self.paragraphs),
            children=tuple(c.freeze() for c in self.children),
        )


def parse_body(lines: Sequence[str]) -> tuple[tuple[str, ...], tuple[Section, ...]]:
    """(preamble paragraphs, sections) from body lines broken any which way."""
    root = _Node("", 0.0, "", False)
    stack = [root]
    for line in clean_lines(lines):
        head = _heading(line)
        if head is not None:
            label, level, rest = head
            title, paragraph, run_in = _split_heading(rest, level == 1.5)
            while stack[-1].level >= level:
                stack.pop()
            node = _Node(label, level, title, run_in)
            if paragraph:
                node.paragraphs.append(paragraph)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        current = stack[-1]
        if current.paragraphs and not current.paragraphs[-1].endswith(_CLOSED):
            current.paragraphs[-1] += "\n" + line
        else:
            current.paragraphs.append(line)
    preamble = tuple(repair_cjk(p) for p in root.paragraphs)
    return preamble, tuple(c.freeze() for c in root.children)


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
