"""Line-breaking and measuring for official layout."""

from __future__ import annotations

import math
from typing import Final

from yifeng._text import width

__all__ = ["TITLE_CHARS", "balance_title", "width"]

TITLE_CHARS: Final = 20  # 2号 characters on a 156 mm line (442 pt / 22 pt)
# Where a title reads well when broken: after these, or before these.
_GOOD_AFTER: Final = ("关于", "印发", "》", "年", "和", "中", "、", "办公室", "政府", "委员会", "转发", "领域", "问题")
_GOOD_BEFORE: Final = ("的通知", "的意见", "的函", "的报告", "工作", "专项", "《")


def _breakable(title: str, *, inside_titles: bool) -> list[bool]:
    """breakable[i]: a line may end before title[i] (i in 1..len-1)."""
    ok = [False] * (len(title) + 1)
    depth = 0
    for i, ch in enumerate(title):
        if i > 0:
            before, after = title[i - 1], ch
            latin_run = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
            closing = after in "，。、；：）》”’"
            opening = before in "（《“‘"
            ok[i] = (depth == 0 or inside_titles) and not latin_run and not closing and not opening
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
    return ok


_AWKWARD: Final = 30.0  # a break at no natural place costs more than an extra line
_EXTRA_LINE: Final = 12.0
_BALANCED: Final = 6  # a title of more lines than this is no title: its lines are filled in turn


def balance_title(title: str, limit: float = TITLE_CHARS) -> list[str]:
    """Break a title into lines that fit ``limit``: as even as possible, at places that
    read well, never inside a run of digits or Latin letters, and inside 《…》 only when
    the quoted title is itself longer than a line. Time grows with the title's length
    times a line's; text too long for a title (over six lines) is filled line by line.

    >>> balance_title("关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知")
    ['关于印发2022年纠正医药购销领域和', '医疗服务中不正之风工作要点的通知']
    """
    total = width(title)
    if total <= limit:
        return [title]
    fewest = math.ceil(total / limit)
    if fewest > _BALANCED:
        return _filled(title, limit)
    widths = [0.0]
    for ch in title:
        widths.append(widths[-1] + (0.5 if ord(ch) < 0x2E80 else 1.0))
    natural = [False] * (len(title) + 1)
    for end in range(1, len(title) + 1):
        natural[end] = (end == len(title) or title.endswith(_GOOD_AFTER, 0, end)
                        or title.startswith(_GOOD_BEFORE, end))
    for inside_titles in (False, True):
        ok = _breakable(title, inside_titles=inside_titles)
        options = [_best_split(len(title), ok, count, limit, widths, natural) for count in range(fewest, fewest + 3)]
        cost, ends = min(((c + _EXTRA_LINE * i, e) for i, (c, e) in enumerate(options)), key=lambda o: o[0])
        if cost < math.inf:
            starts = (0,) + ends[:-1]
            return [title[a:b] for a, b in zip(starts, ends)]
    return [title]  # nowhere to break it: one long line rather than a broken word


def _filled(text: str, limit: float) -> list[str]:
    """Lines filled in turn up to ``limit``, in one pass."""
    lines: list[str] = []
    start, used = 0, 0.0
    for index, ch in enumerate(text):
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if used + w > limit and index > start:
            lines.append(text[start:index])
            start, used = index, 0.0
        used += w
    lines.append(text[start:])
    return lines


def _best_split(n: int, ok: list[bool], lines: int, limit: float, widths: list[float],
                natural: list[bool]) -> tuple[float, tuple[int, ...]]:
    """The cheapest way to cut ``n`` characters into ``lines`` lines: dynamic programming
    over (line, start), each trying only the ends that still fit the line."""
    target = widths[n] / lines

    def cost(start: int, end: int) -> float:
        return (widths[end] - widths[start] - target) ** 2 + (0.0 if natural[end] else _AWKWARD)

    # best[start]: (cost, ends) of setting title[start:] on the lines still left.
    best: list[tuple[float, tuple[int, ...]]] = [
        (cost(start, n), (n,)) if widths[n] - widths[start] <= limit else (math.inf, ())
        for start in range(n + 1)
    ]
    for _ in range(lines - 1):
        step: list[tuple[float, tuple[int, ...]]] = [(math.inf, ())] * (n + 1)
        for start in range(n):
            end = start + 1
            while end < n and widths[end] - widths[start] <= limit:
                if ok[end] and best[end][0] < math.inf:
                    candidate = cost(start, end) + best[end][0]
                    if candidate < step[start][0]:
                        step[start] = (candidate, (end,) + best[end][1])
                end += 1
        best = step
    return best[0]
