"""Noise: the seeds and the corpus with lines split, joined and deleted at random, as copies
of PDFs and web pages leave them (hypothesis).

Whatever the damage, reading raises nothing (text is always a document of some kind), and
a numbered task whose text is still in the input is either found as a task or the reader
says something was lost: numbering that jumps, a task section with no task. (A row of a
table with no 序号 can vanish without a trace: nothing in the rest of the table shows it.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifeng.io import read_notice_text
from yifeng.model import Severity

DATA = Path(__file__).parent / "data"
TEXTS = sorted((DATA / "seeds").glob("*.txt")) + sorted((DATA / "corpus").glob("*.txt")) + sorted(
    (DATA / "corpus_extra").glob("*.txt"))
# What a reader says when it has lost or could not place a task (besides any error, which
# says a value was not understood).
LOSS = {"heading-out-of-sequence", "heading-skipped", "heading-restarted", "column-unmapped", "tasks-none", "task-invalid", "table-unread",
        "plan-not-found", "number-skipped", "number-missing", "number-invalid", "number-renumbered", "task-empty",
        "task-designated-twice"}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def damage(lines: list[str], edits: list[tuple[int, str, float]]) -> list[str]:
    """``lines`` with each edit applied: split a line at a point, join it to the next, or
    delete it. Edits are (line, what, where in the line)."""
    out = list(lines)
    for index, what, where in sorted(edits, reverse=True):
        if index >= len(out):
            continue
        line = out[index]
        if what == "split" and len(line) > 1:
            cut = 1 + int(where * (len(line) - 1))
            out[index:index + 1] = [line[:cut], line[cut:]]
        elif what == "join" and index + 1 < len(out):
            out[index:index + 2] = [line + out[index + 1]]
        elif what == "delete":
            del out[index]
    return out


def edits(lines: int) -> st.SearchStrategy[list[tuple[int, str, float]]]:
    """About 3% of the lines split, joined or deleted."""
    edit = st.tuples(st.integers(0, lines - 1), st.sampled_from(["split", "join", "delete"]), st.floats(0, 1))
    count = max(1, lines * 3 // 100)
    return st.lists(edit, min_size=count, max_size=count)


def watched(path: Path) -> list[str]:
    """The opening words of each task a reader can tell is lost: numbered ones (a table
    with no 序号 shows no gap when a row goes) whose words appear once in the document."""
    text = path.read_text(encoding="utf-8")
    notice = read_notice_text(text)
    tasks = notice.campaign.tasks if notice.campaign is not None else ()
    unnumbered = any(d.code == "number-column-missing" for d in notice.diagnostics)
    keys = [squeeze(t.title + t.content)[:8] for t in tasks
            if not (unnumbered and t.source is not None and t.source.row is not None)]
    return [key for key in keys if key and squeeze(text).count(key) == 1]


@pytest.fixture(scope="module")
def clean() -> dict[Path, list[str]]:
    return {path: watched(path) for path in TEXTS}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name[:3])
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_noise_loses_nothing_silently(path, clean, data):
    original = path.read_text(encoding="utf-8").split("\n")
    lines = damage(original, data.draw(edits(len(original)), label="edits"))
    text = "\n".join(lines)
    notice = read_notice_text(text)  # raises nothing
    tasks = notice.campaign.tasks if notice.campaign is not None else ()
    starts = [squeeze(t.title + t.content) for t in tasks]
    flat = squeeze(text)
    lost = [key for key in clean[path] if key and key in flat and not any(s.startswith(key) for s in starts)]
    if lost:
        said = {d.code for d in notice.diagnostics}
        errors = any(d.severity is Severity.ERROR for d in notice.diagnostics)
        assert errors or said & LOSS, f"lost without a word: {lost[:3]}; diagnostics: {sorted(said)}"
