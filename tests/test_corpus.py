"""Real documents yifeng was not built from, scored against ground truth written by reading
them (tests/data/corpus: a copy of ../shared/corpus; its README and expected.json's
"conventions" say how the truth was written; tests/data/corpus_extra: documents we added,
labelled the same way). Nothing expected here comes from yifeng.

Checks per expected task, as the corpus's score.py counts them: the task is found (its
key is in a task's title and content), and — where the truth judges them — its lead
units, its supporting units and its deadline are exactly right.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from yifeng.io import read_notice_docx, read_notice_text, read_task_table
from yifeng.model import Deadline, DeadlineKind, Responsibility

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
EXTRA = DATA / "corpus_extra"  # documents we added, labelled the same way
SHARED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["documents"]
DOCUMENTS = SHARED + json.loads((EXTRA / "expected.json").read_text(encoding="utf-8"))["documents"]
BY_FILE = {doc["file"]: doc for doc in DOCUMENTS}
FOLDER = {doc["file"]: (CORPUS if doc in SHARED else EXTRA) for doc in DOCUMENTS}
# Group references the conventions leave out of unit lists (各部门, 机制成员单位, 县级市 …).
GROUP = re.compile(r"^(各|机制)|有关单位$|有关部门$|牵头单位$|成员单位|^县级市$")
OVERALL = 0.95
PER_DOCUMENT = 0.90


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def real(units) -> set[str]:
    return {squeeze(u.name) for u in units if not GROUP.search(squeeze(u.name))}


def value(deadline: Deadline) -> str | None:
    if deadline.kind is DeadlineKind.BY_DATE:
        return deadline.due.isoformat() if deadline.due else f"UNRESOLVED:{deadline.text}"
    return {DeadlineKind.ONGOING: "ONGOING", DeadlineKind.RECURRING: "RECURRING"}.get(deadline.kind)


def read(doc: dict):
    path = FOLDER[doc["file"]] / doc["file"]
    if doc["reader"] == "read_notice_text":
        return read_notice_text(path.read_text(encoding="utf-8"), name=doc["file"])
    if doc["reader"] == "read_notice_docx":
        return read_notice_docx(path)
    return read_task_table(path)


def tasks_of(result) -> list:
    campaign = getattr(result, "campaign", None)
    return list(campaign.tasks if campaign is not None else getattr(result, "tasks", ()))


def match(expected: list[dict], tasks: list) -> list:
    """For each expected task, the task whose title and content hold its key."""
    used: set[int] = set()
    found = []
    texts = [squeeze(t.title + t.content) for t in tasks]
    for entry in expected:
        key = squeeze(entry["key"])[:10]
        hit = next((i for i, text in enumerate(texts) if i not in used and key in text), None)
        if hit is None:  # a reader may cut the title at the first 。
            short = key.split("。")[0][:6]
            hit = next((i for i, t in enumerate(tasks) if i not in used and short and squeeze(t.title).startswith(short)), None)
        if hit is not None:
            used.add(hit)
        found.append(tasks[hit] if hit is not None else None)
    return found


def score(doc: dict) -> tuple[int, int, list[str]]:
    """(passed, checks, what failed) for one document."""
    truth = BY_FILE[doc["same_as"]] if "same_as" in doc else doc
    expected = truth["tasks"]
    tasks = tasks_of(read(doc))
    passed = checks = 0
    failed = []
    for entry, task in zip(expected, match(expected, tasks)):
        label = f"{doc['id']} {entry['no']}"
        checks += 1
        if task is None:
            failed.append(f"{label}: not found")
            checks += sum(entry[f] is not None for f in ("leads", "supports")) + entry["deadline_judged"]
            continue
        passed += 1
        for field, units in (("leads", task.responsibility.leads), ("supports", task.responsibility.supports)):
            if entry[field] is not None:
                checks += 1
                if real(units) == set(map(squeeze, entry[field])):
                    passed += 1
                else:
                    failed.append(f"{label}: {field} {sorted(real(units))} != {entry[field]}")
        if entry["deadline_judged"]:
            checks += 1
            if value(task.deadline) == entry["deadline"]:
                passed += 1
            else:
                failed.append(f"{label}: deadline {value(task.deadline)} != {entry['deadline']}")
    return passed, checks, failed


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int, list[str]]]:
    return {doc["id"]: score(doc) for doc in DOCUMENTS}


def test_the_corpus_is_all_here():
    assert len({d["file"].split(".")[0] for d in SHARED}) == 13 and len(SHARED) == 20
    for doc in DOCUMENTS:
        assert (FOLDER[doc["file"]] / doc["file"]).is_file(), doc["file"]


def test_at_least_95_percent_of_all_checks_pass(scores):
    passed = sum(p for p, _, _ in scores.values())
    checks = sum(c for _, c, _ in scores.values())
    failures = [f for _, _, fs in scores.values() for f in fs]
    assert checks > 1000
    assert passed / checks >= OVERALL, failures[:20]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d["id"])
def test_each_document_reads_well(doc, scores):
    passed, checks, failed = scores[doc["id"]]
    assert passed / checks >= PER_DOCUMENT, failed


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS if "same_as" not in d and d["reader"] != "read_task_table"],
                         ids=lambda d: d["id"])
def test_the_frame_is_read(doc):
    notice = read(doc)
    if doc["doc_number"] is not None:
        assert str(notice.doc_number) == doc["doc_number"]
    if doc["issuers"]:
        assert {squeeze(i) for i in notice.issuers} == {squeeze(i) for i in doc["issuers"]}
    titles = {squeeze(notice.title), squeeze(notice.campaign.title)}
    assert squeeze(doc["title"]) in titles or squeeze(doc.get("plan_title") or "") in titles
    if doc["year"] is not None and doc["doc_number"] is not None:
        assert notice.campaign.year == doc["year"]


PHRASES = [
    (doc["id"], entry, doc.get("year"))
    for doc in DOCUMENTS
    for entry in doc.get("tasks", [])
    if entry.get("responsibility_text") or entry.get("deadline_text")
]


@pytest.mark.parametrize(("doc", "entry", "year"), PHRASES, ids=lambda x: x if isinstance(x, str) else "")
def test_every_judged_phrase_parses_as_the_truth_says(doc, entry, year):
    text = entry.get("responsibility_text")
    if text and (entry["leads"] is not None or entry["supports"] is not None):
        parsed = Responsibility.parse(text)
        if entry["leads"] is not None:
            assert real(parsed.leads) == set(entry["leads"])
        if entry["supports"] is not None:
            assert real(parsed.supports) == set(entry["supports"])
    if entry.get("deadline_text"):
        assert value(Deadline.parse(entry["deadline_text"], year=year)) == entry["deadline"]


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS if d["reader"] == "read_notice_text"], ids=lambda d: d["id"])
def test_reading_never_drops_a_document_silently(doc):
    notice = read(doc)
    assert notice.campaign is not None and (notice.campaign.tasks or notice.diagnostics)
