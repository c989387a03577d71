"""The JSON Schema of each top-level document against what yifeng itself does: every
bundled example validates, and every mutation of one that ``load`` refuses, the schema
refuses too (checked with the ``jsonschema`` package, as a front end would)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from pathlib import Path

import jsonschema
import pytest

from yifeng import examples
from yifeng.errors import SchemaError
from yifeng.io import dumps, json_schema, loads, read_ledger
from yifeng.io import NOT_IN_SCHEMA
from yifeng.model import Campaign, Ledger, Notice, TaskTable, WeeklyReport, weekly_report

from .test_ledger import institution_ledger

TYPES = (Campaign, Notice, TaskTable, Ledger, WeeklyReport)
SHIPPED = Path(__file__).parents[1] / "src" / "yifeng" / "io" / "schemas"


def documents():
    """(type, JSON document) for every bundled example in each top-level form."""
    import io

    found = []
    for name in examples.names():
        notice = examples.notice(name)
        campaign = examples.campaign(name)
        found.append((Notice, json.loads(dumps(notice))))
        found.append((Campaign, json.loads(dumps(campaign))))
        found.append((TaskTable, json.loads(dumps(TaskTable(title=campaign.title, tasks=campaign.tasks)))))
        found += [(Ledger, json.loads(dumps(ledger))) for ledger in campaign.ledgers]
    filed = read_ledger(io.BytesIO(institution_ledger()))
    found.append((Ledger, json.loads(dumps(filed))))
    found.append((WeeklyReport, json.loads(dumps(weekly_report([filed], as_of=dt.date(2023, 9, 28))))))
    return found


def validator(cls):
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_shipped_schema_files_are_the_generated_schemas(cls):
    # The files in the wheel (and the docs) are what json_schema gives: regenerate them
    # with `python tools/make_schemas.py` when the model changes.
    shipped = json.loads((SHIPPED / f"{cls.__name__}.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(cls)


def test_every_bundled_example_validates():
    checked = {cls: validator(cls) for cls in TYPES}
    for cls, document in documents():
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in checked[cls].iter_errors(document)]
        assert not errors, (cls.__name__, errors[:3])


def _nodes(value, path=()):
    """Every (path, value) in a JSON document."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


def _set(document, path, value):
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


_DELETE = object()


def _mutations(document, rng, limit=60):
    """Changes a careless form or a hand edit makes: wrong kinds, unknown keys, missing
    keys, empty or impossible values."""
    nodes = list(_nodes(document))
    rng.shuffle(nodes)
    for path, value in nodes[:limit]:
        if not path:
            continue
        options = [
            "文字" if not isinstance(value, str) else 12, None if value is not None else "x", [value], {"x": 1},
            True, 0, -3, 1.5, "", "2023-02-30", "unknown-value",
        ]
        if isinstance(path[-1], str):
            options.append(_DELETE)
        for option in rng.sample(options, 4):
            yield _set(document, path, option)
        if isinstance(value, dict):
            yield _set(document, (*path, "colour"), "red")


def test_what_load_refuses_the_schema_refuses():
    rng = random.Random(20261123)
    checked = {cls: validator(cls) for cls in TYPES}
    refused = 0
    for cls, document in documents():
        for mutated in _mutations(document, rng):
            try:
                loads(json.dumps(mutated, ensure_ascii=False), cls)
            except SchemaError as error:
                refused += 1
                if checked[cls].is_valid(mutated):  # only a check no schema can state
                    fields = {p.path.rsplit(".", 1)[-1] for p in error.errors}
                    stated = {name.split(".")[1] for name in NOT_IN_SCHEMA}
                    assert fields <= stated, [str(p) for p in error.errors]
    assert refused > 800  # the mutations were real ones


def test_enums_carry_their_chinese_labels():
    schema = json_schema(Ledger)
    kind = schema["$defs"]["LedgerKind"]
    assert kind["x-labels"] == {"institution": "机构", "person": "个人"}
    assert {"const": "institution", "title": "机构"} in kind["oneOf"]
    task = json_schema(TaskTable)["$defs"]["Task"]
    assert task["properties"]["number"]["minimum"] == 1 and "number" in task["required"]
    assert task["additionalProperties"] is False
