"""The JSON form: stable codes, ISO dates, UTF-8, schema_version, refusals with paths."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from yifeng.errors import SchemaError, YifengError
from yifeng.io import SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict
from yifeng.model import Campaign, Deadline, Diagnostic, Ledger, LedgerRow, Notice, Responsibility, Severity, Task


@pytest.fixture
def campaign():
    return Campaign(
        title="灵璧县2020年纠正医药购销领域和医疗服务中不正之风工作实施方案",
        year=2020,
        tasks=(
            Task(
                number=1,
                title="坚持党对纠风工作的全面领导",
                responsibility=Responsibility.parse("县医保局牵头，县卫生健康委根据职责分工配合"),
                deadline=Deadline.parse("9月底前", year=2020),
            ),
        ),
    )


def test_file_round_trip_is_utf8_without_escapes(tmp_path, campaign):
    path = tmp_path / "c.json"
    dump(campaign, path)
    raw = path.read_bytes().decode("utf-8")
    assert "灵璧县" in raw and "\\u" not in raw
    assert load(path, Campaign) == campaign


def test_document_shape_codes_and_dates(campaign):
    document = json.loads(dumps(campaign))
    assert document["schema_version"] == SCHEMA_VERSION == 2
    task = document["tasks"][0]
    assert task["deadline"] == {"kind": "by_date", "text": "9月底前", "due": "2020-09-30", "recurrence": ""}
    assert task["responsibility"]["leads"] == [{"name": "县医保局", "group": False}]


def _broken(campaign, edit):
    document = json.loads(dumps(campaign))
    edit(document)
    return json.dumps(document, ensure_ascii=False)


def test_unknown_key_is_refused_with_its_path(campaign):
    text = _broken(campaign, lambda d: d["tasks"][0]["deadline"].update(colour="red"))
    with pytest.raises(SchemaError, match=r"\$\.tasks\[0\]\.deadline\.colour") as caught:
        loads(text, Campaign)
    assert [(p.path, p.code) for p in caught.value.errors] == [("$.tasks[0].deadline.colour", "unknown-key")]


@pytest.mark.parametrize(
    ("edit", "path", "code"),
    [
        (lambda d: d["tasks"][0].update(number="1"), "$.tasks[0].number", "wrong-type"),
        (lambda d: d["tasks"][0].update(number=1.0), "$.tasks[0].number", "wrong-type"),
        (lambda d: d["tasks"][0]["deadline"].update(kind="BY_DATE"), "$.tasks[0].deadline.kind", "not-allowed"),
        (lambda d: d["tasks"][0]["deadline"].update(due="30/09/2020"), "$.tasks[0].deadline.due", "bad-date"),
        (lambda d: d["tasks"][0]["responsibility"]["leads"][0].update(group="no"),
         "$.tasks[0].responsibility.leads[0].group", "wrong-type"),
        (lambda d: d.update(year=True), "$.year", "wrong-type"),
        (lambda d: d.update(attachments="附件1"), "$.attachments", "wrong-type"),  # not a list of characters
    ],
)
def test_wrong_types_are_refused_with_their_path(campaign, edit, path, code):
    with pytest.raises(SchemaError) as caught:
        loads(_broken(campaign, edit), Campaign)
    assert [(p.path, p.code) for p in caught.value.errors] == [(path, code)]
    # Chinese for a person, no Python in it.
    message = caught.value.errors[0].message
    assert not re.search(r"expected|\bint\b|\bstr\b|datetime|DeadlineKind|NoneType|bool\b", message), message


def test_every_problem_is_listed_at_once(campaign):
    def edit(d):
        d["tasks"][0].update(number="1", colour="red")
        d["tasks"][0]["deadline"].update(kind="soon")
        d.update(year="2020")
    with pytest.raises(SchemaError) as caught:
        loads(_broken(campaign, edit), Campaign)
    assert sorted((p.path, p.code) for p in caught.value.errors) == [
        ("$.tasks[0].colour", "unknown-key"), ("$.tasks[0].deadline.kind", "not-allowed"),
        ("$.tasks[0].number", "wrong-type"), ("$.year", "wrong-type")]


def test_impossible_value_in_json_names_the_field_it_checks(campaign):
    text = _broken(campaign, lambda d: d["tasks"][0].update(number=0))
    with pytest.raises(SchemaError) as caught:
        loads(text, Campaign)
    assert [(p.path, p.code, p.message) for p in caught.value.errors] == [
        ("$.tasks[0].number", "invalid-value", "必须是正整数（收到 0）")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"title": "x"}', "schema_version"),
        ('{"schema_version": 3, "title": "x"}', "schema_version"),
        ('{"schema_version": true, "title": "x"}', "schema_version"),
        ("[1, 2]", "顶层"),
        ("{not json", "不是有效的 JSON"),
    ],
)
def test_bad_documents(text, message):
    with pytest.raises(SchemaError, match=message) as caught:
        loads(text, Campaign)
    assert isinstance(caught.value, YifengError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("tag", ["[]", '{"name": "Campaign"}', "1", "null"])
def test_a_type_tag_that_is_no_name_is_refused(tag):
    with pytest.raises(SchemaError, match=r"^\$\.type ") as caught:
        loads('{"schema_version": 2, "type": %s, "title": "x"}' % tag)
    assert [p.path for p in caught.value.errors] == ["$.type"]


def test_load_names_the_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 2, "title": "x", "bogus": 1}', encoding="utf-8")
    with pytest.raises(SchemaError, match="bad.json"):
        load(path, Notice)


def test_to_dict_refuses_what_is_not_a_model_object():
    with pytest.raises(YifengError):
        to_dict(dt.date(2020, 1, 1))


def test_load_refuses_a_binary_file(tmp_path):
    path = tmp_path / "分工表.xlsx"
    path.write_bytes(b"PK\x03\x04\xc7\x00binary")
    with pytest.raises(SchemaError, match="不是 UTF-8 文本"):
        load(path, Notice)


# One rule for absence: text is a string ("" when there is none), null only where a date,
# number, enum or object is missing.
def _nulls(value, path="$"):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nulls(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nulls(item, f"{path}[{index}]")
    elif value is None:
        yield path


def test_optional_text_is_an_empty_string_on_the_wire_and_none_in_python():
    task = Task(number=1, title="开展自查", deadline=Deadline.parse("长期坚持"))
    data = to_dict(task)
    assert data["category"] == "" and data["deadline"]["recurrence"] == ""
    assert task.category is None and from_dict(data, Task).category is None
    diagnostic = Diagnostic(severity=Severity.WARNING, code="column-unmapped", message="未识别的列", line=3)
    assert {k: v for k, v in to_dict(diagnostic).items() if k in ("cell", "sheet", "file", "field", "key")} == {
        "cell": "", "sheet": "", "file": "", "field": "", "key": ""}
    assert Task(number=1, title="t", category="").category is None  # one empty value in Python too
    with pytest.raises(SchemaError) as caught:
        from_dict({**data, "category": None}, Task)
    assert [(p.path, p.code) for p in caught.value.errors] == [("$.category", "wrong-type")]


def test_nulls_in_the_examples_stand_only_for_missing_dates_numbers_and_objects():
    from yifeng import examples

    not_text = {"doc_number", "date", "printed_on", "due", "start", "end", "year", "kind", "level", "source",
                "work_group", "mailbox", "campaign", "number", "row", "line", "column", "filer",
                "discovered_on", "rectified_on"}
    for name in examples.names():
        document = json.loads(dumps(examples.notice(name)))
        for path in _nulls(document):
            assert path.rsplit(".", 1)[-1] in not_text, (name, path)


def test_named_values_are_an_object():
    row = LedgerRow(description="收受回扣", unparsed=(("number", "0123"), ("discovered_on", "上周")))
    data = to_dict(row)
    assert data["unparsed"] == {"number": "0123", "discovered_on": "上周"}
    assert from_dict(data, LedgerRow) == row
    with pytest.raises(SchemaError) as caught:
        from_dict({**data, "unparsed": {"number": 5}}, LedgerRow)
    assert [(p.path, p.code) for p in caught.value.errors] == [("$.unparsed.number", "wrong-type")]
    with pytest.raises(SchemaError) as caught:
        from_dict({**data, "unparsed": {"colour": "red"}}, LedgerRow)
    assert [p.path for p in caught.value.errors] == ["$.unparsed"]


def test_first_version_documents_are_still_read():
    """A file the previous release wrote (schema_version 1: null for absent text)."""
    from yifeng import examples

    old = (Path(__file__).parent / "data" / "v1" / "jilin-2021.json").read_text(encoding="utf-8")
    assert '"schema_version": 1' in old and '"category": null' in old
    assert loads(old, Notice) == examples.notice("jilin-2021")
    v1_ledger = json.dumps({"schema_version": 1, "type": "Ledger", "kind": "institution", "rows": [
        {"description": "收受回扣", "unparsed": [["number", "0123"]]}],
        "diagnostics": [{"severity": "error", "code": "date-unparsed", "message": "日期无法识别", "cell": None,
                         "line": 4, "field": None}]}, ensure_ascii=False)
    ledger = loads(v1_ledger)
    assert isinstance(ledger, Ledger)
    assert ledger.rows[0].unparsed == (("number", "0123"),) and ledger.diagnostics[0].cell is None
    assert json.loads(dumps(ledger))["rows"][0]["unparsed"] == {"number": "0123"}
