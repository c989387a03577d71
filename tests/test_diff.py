"""Comparing two versions by key, and the round trip a form makes: JSON out, an edit,
the problems listed by path, fixed, loaded, compared with the original."""

from __future__ import annotations

import io
import json

import attrs

from yifeng import examples
from yifeng.io import dumps, loads, read_ledger, to_dict, validate
from yifeng.model import Campaign, ChangeKind, Task, check, diff

from .test_ledger import institution_ledger


def _kinds(changes):
    return [(c.kind, c.number, [f.field for f in c.fields]) for c in changes.items]


def test_inserting_a_task_and_renumbering_is_one_addition():
    old = examples.campaign("nhc-2022")
    added = Task(number=3, title="加强民营医院监管", content="加强民营医院监管。", category=old.tasks[2].category)
    new = attrs.evolve(old, tasks=(*old.tasks[:2], added, *(attrs.evolve(t, number=t.number + 1) for t in old.tasks[2:])))
    assert _kinds(diff(old, new)) == [(ChangeKind.ADDED, 3, [])]
    assert not diff(old, attrs.evolve(old, tasks=tuple(attrs.evolve(t, number=t.number + 10) for t in old.tasks)))


def test_changed_moved_and_removed_tasks_with_field_values():
    old = examples.campaign("lingbi-2020")
    t = old.tasks
    changed = attrs.evolve(t[1], deadline=attrs.evolve(t[1].deadline, text="2020年底前"), remark="已调整")
    new = attrs.evolve(old, tasks=(t[0], changed, t[4], t[2], *t[5:]), title="灵璧县实施方案（修订）")
    result = diff(old, new)
    assert [(f.field, f.new) for f in result.document] == [("title", "灵璧县实施方案（修订）")]
    assert _kinds(result) == [
        (ChangeKind.CHANGED, t[1].number, ["deadline.text", "remark"]),
        (ChangeKind.MOVED, t[4].number, []),
        (ChangeKind.REMOVED, t[3].number, []),
    ]
    field = result.items[0].fields[0]
    assert (field.old, field.new) == (t[1].deadline.text, "2020年底前")
    # The JSON form, and a display in Chinese.
    data = json.loads(json.dumps(to_dict(result), ensure_ascii=False))
    assert data["items"][1]["kind"] == "moved" and data["items"][1]["old_position"] == 5
    html = result._repr_html_()
    assert "修改" in html and "移动" in html and "删除" in html and "2020年底前" in html


def test_ledger_rows_by_key():
    old = read_ledger(io.BytesIO(institution_ledger()))
    closed = attrs.evolve(old.rows[1], rectified=True, measures="已退回费用")
    new = attrs.evolve(old, rows=(old.rows[0], closed, *old.rows[2:]))
    assert [(c.kind, sorted(f.field for f in c.fields)) for c in diff(old, new).items] == [
        (ChangeKind.CHANGED, ["measures", "rectified"])]


def test_a_form_round_trip():
    # A UI dumps a campaign, a user mistypes a task's number and deadline kind, the
    # UI lists the problems by path, the user fixes them, check finds the deadline's
    # words unreadable, the user fixes that, and the saved version differs from the
    # original by the one real change.
    original = examples.campaign("nhc-2022")
    data = json.loads(dumps(original))
    del data["schema_version"], data["type"]
    data["tasks"][4]["number"] = "五"
    data["tasks"][4]["deadline"]["kind"] = "soon"
    data["tasks"][4]["content"] = data["tasks"][4]["content"] + "每季度通报一次。"
    problems = validate(data, Campaign)
    assert [(p.path, p.code) for p in problems] == [("$.tasks[4].number", "wrong-type"),
                                                     ("$.tasks[4].deadline.kind", "not-allowed")]
    assert "应为以下之一" in problems[1].message and "持续推进" in problems[1].message
    data["tasks"][4]["number"] = 5
    data["tasks"][4]["deadline"] = {"kind": "by_date", "text": "尽快", "due": None, "recurrence": ""}
    assert validate(data, Campaign) == []  # well-formed, but its words are no deadline
    edited = loads(json.dumps({"schema_version": 2, "type": "Campaign", **data}, ensure_ascii=False))
    assert [(d.code, d.field, d.key) for d in check(edited)] == [
        ("deadline-unparsed", "deadline", original.tasks[4].key)]
    data["tasks"][4]["deadline"] = to_dict(original.tasks[4].deadline)
    saved = loads(json.dumps({"schema_version": 2, "type": "Campaign", **data}, ensure_ascii=False))
    assert check(saved) == ()
    changes = diff(original, saved)
    assert [(c.kind, c.key, [f.field for f in c.fields]) for c in changes.items] == [
        (ChangeKind.CHANGED, original.tasks[4].key, ["content"])]
    assert not changes.document
