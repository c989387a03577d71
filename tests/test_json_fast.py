"""The fast path of the JSON changes no byte and no result.

dumps, loads, to_dict and from_dict first try functions generated from the model's field
types (``yifeng.io._fastjson``). The reference is how yifeng did it before: the cattrs
converter (``yifeng.io._json._converter``), whose dict the standard library's json writes,
and ``_json._loads``, the reading and refusing kept as it was.
"""

from __future__ import annotations

import codecs
import datetime as dt
import enum
import gc
import json
import re

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifeng.errors import ModelError, SchemaError
from yifeng.io import _json, dump, dumps, from_dict, load, loads, to_dict
from yifeng.model import (
    Campaign,
    Deadline,
    DeadlineKind,
    Diff,
    FieldChange,
    Filer,
    ItemChange,
    Ledger,
    LedgerKind,
    LedgerRow,
    Responsibility,
    Section,
    Source,
    Task,
)
from yifeng.model._ledger import _ROW_FIELDS

from .strategies import BY_TYPE
from .test_roundtrip import MODEL_CLASSES

# A diff's old and new values may be any JSON value (a float too): the converter's alone.
CONVERTER_ONLY = {FieldChange, ItemChange, Diff}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def reference_text(obj: object, indent: int | None = None) -> str:
    """The converter's dict as the standard library writes it: compact, or indented."""
    document = {"schema_version": 2, "type": type(obj).__name__, **_json._converter.unstructure(obj)}
    return json.dumps(document, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None)


def outcome(read, *args):  # type: ignore[no-untyped-def]
    """What reading gave: the object (type and converter's dict too, so that fields outside
    == count), or the refusal with its message and problems."""
    try:
        value = read(*args)
    except SchemaError as exc:
        return "refused", str(exc), exc.errors
    return "read", type(value), value, _json._converter.unstructure(value)


# -- the format, written out -------------------------------------------------------------

def test_compact_by_default_indented_on_request():
    deadline = Deadline(kind=DeadlineKind.ONGOING, text="长期坚持")
    assert dumps(deadline) == '{"schema_version":2,"type":"Deadline","kind":"ongoing","text":"长期坚持","due":null,"recurrence":""}'
    assert dumps(deadline, indent=2) == (
        '{\n  "schema_version": 2,\n  "type": "Deadline",\n  "kind": "ongoing",\n  "text": "长期坚持",\n'
        '  "due": null,\n  "recurrence": ""\n}')
    assert dumps(Responsibility()) == ('{"schema_version":2,"type":"Responsibility","text":"","leads":[],'
                                       '"supports":[],"joint":[],"unresolved":[]}')


def test_text_is_escaped_as_json_escapes_it():
    """Control characters as \\u00XX (and \\n, \\t), quote and backslash escaped; DEL,
    C1 controls, U+2028/U+2029, the BOM character and astral characters as they are."""
    filer = Filer(unit="\x00\x01\x1f\x7f\x85\u2028\u2029\ufeff😀\"\\/\n\t\r\b\f", contact="ｘ")
    assert dumps(filer) == ('{"schema_version":2,"type":"Filer","unit":'
                            '"\\u0000\\u0001\\u001f\x7f\x85\u2028\u2029\ufeff😀\\"\\\\/\\n\\t\\r\\b\\f",'
                            '"person":"","contact":"ｘ"}')
    assert loads(dumps(filer), Filer) == filer


def test_dump_writes_for_people_and_dumps_for_programs(tmp_path):
    task = Task(number=3, title="开展自查", deadline=Deadline.parse("9月底前", year=2023))
    dump(task, tmp_path / "indented.json")
    dump(task, tmp_path / "compact.json", indent=None)
    assert (tmp_path / "indented.json").read_bytes() == (reference_text(task, 2) + "\n").encode("utf-8")
    assert (tmp_path / "compact.json").read_bytes() == (reference_text(task) + "\n").encode("utf-8")
    assert load(tmp_path / "indented.json", Task) == load(tmp_path / "compact.json", Task) == task


# -- every model type, as the converter and json would have it ----------------------------

@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@SETTINGS
@given(data=st.data())
def test_every_model_type_gives_the_same_bytes_and_objects(cls, data):
    obj = data.draw(BY_TYPE[cls])
    expected_dict = _json._converter.unstructure(obj)
    assert to_dict(obj) == expected_dict
    for indent in (None, 2):
        text = dumps(obj, indent=indent)
        assert text == reference_text(obj, indent)
        assert outcome(loads, text, cls) == outcome(_json._loads, text, cls) == ("read", cls, obj, expected_dict)
    assert outcome(from_dict, expected_dict, cls) == ("read", cls, obj, expected_dict)
    if cls not in CONVERTER_ONLY:  # the fast path itself took it (no silent fallback)
        assert _json._fast.unstructure(cls)(obj) == expected_dict
        for indent, level, head in ((None, None, f'"schema_version":2,"type":"{cls.__name__}",'),
                                    (2, "\n", f'\n  "schema_version": 2,\n  "type": "{cls.__name__}",')):
            assert _json._fast.writer(cls, indent=indent is not None)(obj, level) == json.dumps(
                expected_dict, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None)
            assert _json._fast.document(cls, indent=indent is not None)(obj, level, head) == reference_text(obj, indent)
        for plain_text in (False, True):
            back = _json._fast.structure(cls, plain_text=plain_text)(json.loads(json.dumps(expected_dict)))
            assert back == obj and _json._converter.unstructure(back) == expected_dict
            assert type(back) is cls


# Any text a model field can hold (all of Unicode but lone surrogates, which the model
# refuses) and integers of any size.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
big = st.integers(min_value=1, max_value=2**80) | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64])
tasks = st.builds(Task, number=big, title=any_text.filter(str.strip), content=any_text, category=any_text,
                  remark=any_text, responsibility=st.just(Responsibility.parse("县医保局牵头，县卫生健康委配合")))
rows = st.builds(LedgerRow, number=st.none() | big, institution=any_text, description=any_text, measures=any_text,
                 rectified=st.booleans(), discovered_on=st.none() | st.dates(),
                 unparsed=st.lists(st.tuples(st.sampled_from(sorted(_ROW_FIELDS)), any_text), max_size=3,
                                   unique_by=lambda pair: pair[0]).map(tuple),
                 extra=st.lists(any_text, max_size=2).map(tuple))
ledgers = st.builds(Ledger, kind=st.sampled_from(LedgerKind), title=any_text, rows=st.lists(rows, max_size=4),
                    extra_columns=st.just(("备注", "附件")), notes=st.lists(any_text, max_size=2).map(tuple))


@SETTINGS
@given(obj=st.one_of(tasks, ledgers, st.builds(Campaign, title=any_text.filter(str.strip),
                                               tasks=st.lists(tasks, max_size=3, unique_by=lambda t: t.number))))
def test_any_text_and_any_integer_give_the_same_bytes(obj):
    for indent in (None, 2):
        text = dumps(obj, indent=indent)
        assert text == reference_text(obj, indent)
        assert outcome(loads, text, type(obj)) == outcome(_json._loads, text, type(obj))
        assert loads(text.encode("utf-8"), type(obj)) == obj


# -- documents the converter reads or refuses ----------------------------------------------

TASK = '{"schema_version":2,"type":"Task","number":%s,"title":"%s"}'


@pytest.mark.parametrize("text", [
    TASK % (2**64, "整数超过 64 位"),
    TASK % (2**63, "x"), TASK % (2**64 - 1, "x"), TASK % ("1" + "0" * 400, "x"), TASK % ("true", "x"),
    TASK % ("1.0", "x"), TASK % ("1e400", "x"), TASK % ("NaN", "x"), TASK % ("-Infinity", "x"), TASK % ("-0", "x"),
    TASK % (1, "\\ud800"), TASK % (1, "\\udfff\\ud800"), TASK % (1, "\\ud83d\\ude00"),  # lone and paired escapes
    TASK % (1, "\ud800"),  # a lone surrogate in the text itself
    "\ufeff" + TASK % (1, "x"), TASK % (1, "x") + "\n\r\t ", "\u3000" + TASK % (1, "x"),
    TASK % (1, "\x01"), TASK % (1, "a\u2028b"),
    '{"schema_version":2,"type":"Task","number":1,"title":"x","title":"y"}',  # the last one counts, in both
    '{"schema_version":2.0,"type":"Task","number":1,"title":"x"}', '{"schema_version":1,"type":"Task","number":1,"title":"x"}',
    "[" * 5000 + "]" * 5000, "", "{}", "null",
])
def test_documents_read_or_refused_as_before(text):
    assert outcome(loads, text, Task) == outcome(_json._loads, text, Task)
    assert outcome(loads, text) == outcome(_json._loads, text, None)
    assert outcome(loads, text.encode("utf-8", "surrogatepass"), Task) == outcome(
        _json._loads, text.encode("utf-8", "surrogatepass"), Task)


KINDS = [None, True, False, 0, 1, -1, 2**64, 1.5, "", "x", "2020-01-01", "by_date", [], ["x"], [{}], {}, {"x": 1}]


def _paths(value, path=()):  # type: ignore[no-untyped-def]
    """Every place in a JSON value: the keys and indices leading to it."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _paths(item, (*path, key))


def _put(value, path, new):  # type: ignore[no-untyped-def]
    if not path:
        return new
    if isinstance(value, dict):
        return {**value, path[0]: _put(value[path[0]], path[1:], new)}
    return [*value[:path[0]], _put(value[path[0]], path[1:], new), *value[path[0] + 1:]]


def test_every_place_takes_only_what_the_converter_takes():
    """Each value of real documents replaced by one of every JSON kind, in turn."""
    from yifeng import examples

    campaign = examples.campaign("nhc-2022")
    row = LedgerRow(number=2, institution="某医院", description="收受回扣", discovered_on=dt.date(2023, 9, 1),
                    rectified=True, rectified_on=dt.date(2023, 9, 9), unparsed=(("phone", "1380000"),),
                    filer=Filer(unit="卫健局"))
    documents = [(Task, campaign.tasks[0]), (LedgerRow, row),
                 (Ledger, Ledger(kind=LedgerKind.PERSON, rows=(row,), notes=("注",))),
                 (Campaign, attrs.evolve(campaign, tasks=campaign.tasks[:2], sections=campaign.sections[:1]))]
    for cls, obj in documents:
        document = json.loads(reference_text(obj))
        for path in _paths(document):
            for kind in KINDS:
                text = json.dumps(_put(document, path, kind), ensure_ascii=False)
                assert outcome(loads, text, cls) == outcome(_json._loads, text, cls), (cls, path, kind)


def _real_documents():  # type: ignore[no-untyped-def]
    """(class, document) of real objects, with text in every kind of text field."""
    from yifeng import examples
    from yifeng.model import Diagnostic, Severity, Source, Unit

    campaign = examples.campaign("nhc-2022")
    row = LedgerRow(number=2, institution="某医院", description="收受回扣", discovered_on=dt.date(2023, 9, 1),
                    rectified=True, rectified_on=dt.date(2023, 9, 9), unparsed=(("phone", "1380000"),),
                    extra=("备注",), filer=Filer(unit="卫健局"), source=Source(file="台账.xlsx", sheet="表1", row=3))
    task = attrs.evolve(campaign.tasks[0], category="类别", remark="备注", responsibility=Responsibility(
        text="甲局牵头", leads=(Unit(name="甲局"),), unresolved=("不明",)))
    recurring = Deadline(kind=DeadlineKind.RECURRING, text="每月", recurrence="FREQ=MONTHLY")
    diagnostic = Diagnostic(severity=Severity.WARNING, code="deadline-missing", message="没有完成时限", sheet="表1",
                            cell="G5", file="x.xlsx", field="deadline", text="原文", key="t-1")
    objects = [task, row, recurring, diagnostic, Ledger(kind=LedgerKind.PERSON, rows=(row,), extra_columns=("备注",),
                                                        notes=("注",)),
               attrs.evolve(campaign, tasks=campaign.tasks[:2], sections=campaign.sections[:1])]
    return [(type(obj), json.loads(reference_text(obj))) for obj in objects]


def _texts(value, path=()):  # type: ignore[no-untyped-def]
    """The places of the strings in a JSON value, the names of its objects' members too
    (as (*path, None, name))."""
    if isinstance(value, str):
        yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(value, dict) and path and path[-1] in ("unparsed",):
            yield (*path, None, key)
        yield from _texts(item, (*path, key))


def _rename(value, path, new):  # type: ignore[no-untyped-def]
    """``value`` with the member named path[-1] of the object at path[:-2] renamed ``new``."""
    if len(path) == 2:
        return {(new if key == path[1] else key): item for key, item in value.items()}
    if isinstance(value, dict):
        return {**value, path[0]: _rename(value[path[0]], path[1:], new)}
    return [*value[:path[0]], _rename(value[path[0]], path[1:], new), *value[path[0] + 1:]]


LONE = ["\ud800", "x\udfff", "\udbff\udbff", "\udfff\ud800"]  # surrogates alone: refused wherever written
PAIR = "\ud83d\ude00"  # a pair: as two escapes, json reads 😀; as two characters, refused
TEXT_FIELDS = {"title", "content", "category", "remark", "key", "name", "text", "recurrence", "institution", "unit",
               "phone", "message", "sheet", "file", "field", "unresolved", "extra", "notes", "extra_columns",
               "unparsed", "issuers", "paragraphs", "preamble", "label", "description", "person", "contact"}


def _spellings(document: object) -> list[str]:
    """``document`` as JSON: characters as they are, or escaped (in lower- and upper-case hex)."""
    escaped = json.dumps(document)
    return [json.dumps(document, ensure_ascii=False), escaped,
            re.sub(r"\\u(d[89a-f][0-9a-f]{2})", lambda m: "\\u" + m[1].upper(), escaped)]


def test_a_lone_surrogate_in_any_text_is_refused_as_before():
    """Every text of real documents (members' names of named values too) with a lone
    surrogate put in it: as a JSON escape or as the character itself, in a str or in
    UTF-8 bytes; refused, as before, and a surrogate pair written as two escapes read."""
    for cls, document in _real_documents():
        for path in _texts(document):
            for text in [*LONE, PAIR, "😀"]:
                changed = _rename(document, path, text) if None in path else _put(document, path, text)
                for written in _spellings(changed):
                    for read_from in (written, written.encode("utf-8", "surrogatepass")):
                        got = outcome(loads, read_from, cls)
                        assert got == outcome(_json._loads, read_from, cls), (cls, path, text, read_from)
                        if text in LONE or (text == PAIR and "\ud83d" in written):
                            assert got[0] == "refused", (cls, path, text, read_from)
                    # in a field of text (not a code, an enum's value, a date …), and said so
                    if text in LONE and (TEXT_FIELDS.intersection(path[-2:]) or None in path):
                        assert "不成对的代理字符" in outcome(loads, written, cls)[1], (cls, path)


def test_every_text_takes_only_what_the_model_takes():
    """Every text of real documents blank, spaced or with a line break: what the model's
    checks (not blank, no whitespace …) refuse is refused as before."""
    for cls, document in _real_documents():
        for path in _texts(document):
            if None in path:
                continue
            for text in ("", " ", "\u3000", "a b", "a\nb", "\t", "\\ud800"):
                written = json.dumps(_put(document, path, text), ensure_ascii=False)
                assert outcome(loads, written, cls) == outcome(_json._loads, written, cls), (cls, path, text)


def test_text_of_every_kind_is_read_as_before():
    """A str subclass (its characters not looked at: the text check runs), bytes and
    bytearray, with and without a lone surrogate."""
    class Text(str):
        pass

    titles = {"x": "read", "\\\\ud800": "read", "\\ud800": "refused", "\ud800": "refused", "县\\n": "read"}
    for title, expected in titles.items():
        text = TASK % (1, title)
        for read_from in (Text(text), text.encode("utf-8", "surrogatepass"),
                          bytearray(text.encode("utf-8", "surrogatepass"))):
            assert outcome(loads, read_from, Task) == outcome(_json._loads, read_from, Task), (title, type(read_from))
            assert outcome(loads, read_from, Task)[0] == expected


def test_with_validators_disabled_documents_read_as_before():
    """attrs.validators.disabled() lets __init__ take what the checks refuse: read as
    before (the fast path, which always checks, leaves such a document to the converter)."""
    texts = {TASK % (0, "x"): "read", TASK % (1, "\\\\ud800"): "read", TASK % (1, "\\ud800"): "refused",
             TASK % (1, "\ud800"): "refused",  # its key cannot be made: the text is no UTF-8
             '{"schema_version":2,"type":"Task","number":1,"title":"x","key":"a b"}': "read"}
    for text, expected in texts.items():
        with attrs.validators.disabled():
            got = outcome(loads, text, Task)
            assert got == outcome(_json._loads, text, Task)
        assert got[0] == expected


def test_no_surrogates_is_said_only_of_text_without_one():
    from yifeng.io._fastjson import _CHUNK, no_surrogates

    assert no_surrogates('{"a":"县卫生健康委","b":"\\n\\t\\u0001\\u00e9"}', decoded=False)
    assert no_surrogates("ascii only", decoded=False)
    assert no_surrogates("", decoded=False)
    for escape in ("\\ud800", "\\uD800", "\\udfff", "\\uDBFF", "\\ud83d\\ude00"):
        for at in (0, 5, _CHUNK - 1, _CHUNK, 3 * _CHUNK + 7):
            text = "县" * at + escape + "县" * 10
            assert not no_surrogates(text, decoded=False)
            assert not no_surrogates(text, decoded=True)  # an escape, not a character: decoding says nothing
        for before in ("\\n", "\\\\", "\\u00e9", "\\\\ud800"):  # other escapes first, few or many
            for count in (1, 255, 256, 257, 1000):
                text = json.dumps(["县" * 3 + json.loads(f'"{before}"') * count + "县"])[:-2] + escape + '"]'
                assert json.loads(text)[0][-1] in "\ud800\udfff\udbff😀"
                assert not no_surrogates(text, decoded=False), (before, count)
    for surrogate in ("\ud800", "\udfff", "\udbff\udc00"):
        for at in (0, 1, _CHUNK - 1, _CHUNK, _CHUNK + 1, 2 * _CHUNK - 1):
            text = "县" * at + surrogate + "县" * 10
            assert not no_surrogates(text, decoded=False), at
            assert not no_surrogates(text + "x" * _CHUNK, decoded=False), at
        assert not no_surrogates("a" * 5 + surrogate, decoded=False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)


@SETTINGS
@given(data=st.data())
def test_damaged_documents_read_or_refused_as_before(data):
    """A document with any JSON value put anywhere, or a character inserted or cut."""
    cls = data.draw(st.sampled_from([Task, LedgerRow, Ledger, Campaign, Section]))
    document = {"schema_version": 2, "type": cls.__name__, **_json._converter.unstructure(data.draw(BY_TYPE[cls]))}

    def damage(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict) and value and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(value)))
            return {**value, key: damage(value[key])}
        if isinstance(value, list) and value and data.draw(st.booleans()):
            index = data.draw(st.integers(0, len(value) - 1))
            return [*value[:index], damage(value[index]), *value[index + 1:]]
        return data.draw(json_values)

    text = json.dumps(damage(document), ensure_ascii=data.draw(st.booleans()))
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(['"', ",", "}", "]", "\\", "\ud800", "1", ""])) + text[at + 1:]
    assert outcome(loads, text, cls) == outcome(_json._loads, text, cls)
    assert outcome(loads, text) == outcome(_json._loads, text, None)


def test_a_lone_surrogate_slipped_past_the_model_is_written_as_json_writes_it(tmp_path):
    with attrs.validators.disabled():
        task = Task(number=1, title="标题\ud800", key="t-1")
    target = tmp_path / "task.json"
    target.write_text("旧文件", encoding="utf-8")
    assert dumps(task) == reference_text(task)
    with pytest.raises(SchemaError, match="不成对的代理字符"):
        dump(task, target)
    assert target.read_text(encoding="utf-8") == "旧文件"


def test_values_only_the_converter_writes_are_written_as_before():
    """Python does not check field types: a float, a date-time, a subclass where the
    model has an int, a date, a str are written as the converter and json write them."""
    class Text(str):
        pass

    odd = [Task(number=1, title="x", remark=1.5e-7), Task(number=True, title="x"), Task(number=1, title=Text("子类")),  # type: ignore[arg-type]
           Deadline(kind=DeadlineKind.BY_DATE, due=dt.datetime(2024, 6, 30, 8, 0)),
           Task(number=float("nan"), title="x")]  # type: ignore[arg-type]
    with attrs.validators.disabled():  # a name twice: a dict keeps its first place and last value
        odd.append(LedgerRow(unparsed=(("number", "1"), ("phone", "x"), ("number", "2"))))
    for obj in odd:
        for indent in (None, 2):
            assert dumps(obj, indent=indent) == reference_text(obj, indent)
        assert to_dict(obj) == _json._converter.unstructure(obj)


# -- files --------------------------------------------------------------------------------

def test_files_are_read_or_refused_as_before(tmp_path):
    task = Task(number=1, title="开展自查\n整改")
    indented = (reference_text(task, 2) + "\n").encode("utf-8")
    files = {
        "crlf.json": indented.replace(b"\n", b"\r\n"),
        "bom.json": codecs.BOM_UTF8 + indented,
        "gbk.json": reference_text(task).encode("gbk"),
        "compact.json": reference_text(task).encode("utf-8"),
        "broken.json": indented[:-5],
    }
    results = {}
    for file, content in files.items():
        (tmp_path / file).write_bytes(content)
        results[file] = outcome(load, tmp_path / file, Task)
    assert results["crlf.json"] == results["compact.json"] == ("read", Task, task, _json._converter.unstructure(task))
    assert results["bom.json"][0] == "refused" and "BOM" in results["bom.json"][1]
    assert results["gbk.json"][0] == "refused" and "不是 UTF-8 文本" in results["gbk.json"][1]
    assert results["broken.json"][0] == "refused" and "不是有效的 JSON" in results["broken.json"][1]
    assert {file: outcome(load, tmp_path / file, Task) for file in files} == results


# -- the collector and deep nesting -------------------------------------------------------

def test_the_cycle_collector_is_left_as_it_was():
    task = Task(number=1, title="x")
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            dumps(task)
            loads(dumps(task), Task)
            from_dict(to_dict(task), Task)
            with pytest.raises(SchemaError):
                loads('{"schema_version":2,"type":"Task","number":0,"title":"x"}')
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_classes_with_steps_of_their_own_are_made_by_their_init():
    """A class whose __init__ does more than store, convert and check its fields (a
    cached hash, a step before them) is made through __init__; any other as __init__
    would make it, its validators, converters and __attrs_post_init__ run."""
    from yifeng.io._fastjson import Generator, Miss
    from yifeng.model._check import positive

    made = []

    @attrs.frozen(cache_hash=True)
    class Hashed:
        a: int = attrs.field(validator=positive)

    @attrs.frozen
    class Early:
        a: int

        def __attrs_pre_init__(self) -> None:
            made.append(type(self))

    @attrs.frozen
    class Plain:
        a: int = attrs.field(validator=positive, converter=lambda n: n * 2)
        b: tuple[str, ...] = ()

        def __attrs_post_init__(self) -> None:
            made.append((type(self), self.a, self.b))

    generator = Generator()
    for plain_text in (False, True):
        made.clear()
        assert generator.structure(Hashed, plain_text=plain_text)({"a": 1}) == Hashed(a=1)
        assert hash(generator.structure(Hashed, plain_text=plain_text)({"a": 1})) == hash(Hashed(a=1))
        assert generator.structure(Early, plain_text=plain_text)({"a": 1}) == Early(a=1)
        assert made == [Early, Early]
        made.clear()
        back = generator.structure(Plain, plain_text=plain_text)({"a": 3, "b": ["x"]})
        assert type(back) is Plain and back == Plain(a=3, b=("x",)) and back.a == 6
        assert made == [(Plain, 6, ("x",))] * 2
        with pytest.raises(ModelError, match="必须是正整数"):
            generator.structure(Plain, plain_text=plain_text)({"a": 0, "b": []})
        with pytest.raises(Miss):
            generator.structure(Plain, plain_text=plain_text)({"a": 1, "b": [1]})


def test_json_makes_the_items_of_collections_as_it_reads_them():
    """From plain text, tasks and ledger rows are made as json reads them (the hook);
    sections, which nest, and objects of other classes are left dicts."""
    from yifeng import examples

    campaign = attrs.evolve(examples.campaign("nhc-2022"), ledgers=(Ledger(kind=LedgerKind.PERSON, rows=(
        LedgerRow(number=1, institution="某医院"),)),))
    assert campaign.tasks and campaign.sections
    for roots in ((Campaign,), tuple(_json._documents().values())):
        document = json.loads(reference_text(campaign), object_hook=_json._fast.hook(roots))
        assert [type(task) for task in document["tasks"]] == [Task] * len(campaign.tasks)
        assert document["tasks"] == list(campaign.tasks)
        assert document["ledgers"][0]["rows"] == [campaign.ledgers[0].rows[0]]
        assert type(document["sections"][0]) is dict and type(document["ledgers"][0]) is dict
        assert type(document["tasks"][0].responsibility) is Responsibility


def test_objects_shaped_as_items_elsewhere_are_read_or_refused_as_before():
    """An object with the members of a task or a ledger row where something else is
    expected (made a task or a row by the hook) or with a value the model refuses (left
    a dict by it): as before."""
    from yifeng import examples

    campaign = examples.campaign("nhc-2022")
    task = json.loads(reference_text(campaign.tasks[0]))
    del task["schema_version"], task["type"]
    row = {"number": 1, **{k: v for k, v in _json._converter.unstructure(LedgerRow(number=1)).items() if k != "number"}}
    document = json.loads(reference_text(attrs.evolve(campaign, tasks=campaign.tasks[:2])))
    ledger = json.loads(reference_text(Ledger(kind=LedgerKind.PERSON, rows=(LedgerRow(number=2),))))
    changed = [(Campaign, {**document, "phases": [task]}), (Campaign, {**document, "basis": [task]}),
               (Campaign, {**document, "tasks": [task, {**task, "number": 0}]}),
               (Campaign, {**document, "tasks": [task, {**task, "number": 1.0}]}),
               (Campaign, {**document, "tasks": [task, task]}),  # the same number twice
               (Ledger, {**ledger, "filer": row}), (Ledger, {**ledger, "rows": [row, {**row, "unparsed": row}]}),
               (Ledger, {**ledger, "rows": [row, {**row, "key": "a b"}]}), (Ledger, {**ledger, "notes": [row]})]
    for cls, changed_document in changed:
        for text in (json.dumps(changed_document, ensure_ascii=False), json.dumps(changed_document)):
            assert outcome(loads, text, cls) == outcome(_json._loads, text, cls)
            assert outcome(loads, text) == outcome(_json._loads, text, None)
            assert outcome(loads, text)[0] == "refused"


def test_sections_nested_deeper_than_any_document_are_left_to_the_converter():
    section = '{"label":"","title":"x"}'
    for depth in range(1, 300):
        section = '{"label":"","title":"x","children":[' + section + ']}'
        if depth in (3, 63, 64, 65, 150, 299):
            text = '{"schema_version":2,"type":"Campaign","title":"t","sections":[' + section + ']}'
            assert outcome(loads, text) == outcome(_json._loads, text, None)


def _repeating_campaign(row: int = 3) -> Campaign:
    """Three tasks sharing a responsibility, a deadline and a source, as a 分工表's do."""
    shared = Responsibility.parse("县市场监管局牵头，县卫生健康委、县公安局配合")
    due = Deadline.parse("9月底前", year=2021)
    return Campaign(title="2021年纠风工作要点", tasks=tuple(
        Task(number=n, title=f"第{n}项任务", responsibility=shared, deadline=due,
             source=Source(file="分工表.xlsx", sheet="分工表", row=row))
        for n in (1, 2, 3)))


def test_an_object_repeated_down_a_document_is_made_once():
    campaign = _repeating_campaign()
    text = dumps(campaign)
    read = loads(text, Campaign)
    assert outcome(loads, text, Campaign) == outcome(_json._loads, text, Campaign)
    first, second, third = read.tasks
    assert first.responsibility is second.responsibility is third.responsibility
    assert first.deadline is third.deadline and first.source is third.source
    assert first.responsibility.leads[0].name == "县市场监管局"
    assert from_dict(to_dict(campaign), Campaign) == campaign


@pytest.mark.parametrize(("row", "old", "new"), [
    (3, '"group":false', '"group":0'),  # 0 == False, but no unit's group
    (3, '"row":3', '"row":3.0'),  # 3.0 == 3, but no row number
    (1, '"row":1', '"row":true'),  # True == 1, but no row number
])
def test_a_repeated_object_is_taken_again_only_for_the_same_json(row, old, new):
    """The last task's copy differs from the first two only in a value Python finds equal
    (``==``) but of another JSON type: it is refused, as the converter refuses it."""
    text = dumps(_repeating_campaign(row))
    at = text.rindex(old)
    changed = text[:at] + new + text[at + len(old):]
    assert outcome(loads, changed, Campaign)[0] == "refused"
    assert outcome(loads, changed, Campaign) == outcome(_json._loads, changed, Campaign)
    assert outcome(loads, changed) == outcome(_json._loads, changed, None)


@attrs.define
class _Box:  # a user's class whose objects change: each place its own
    size: int


class _Grade(enum.Enum):
    ONE = 1
    TWO = 2


@attrs.frozen
class _Graded:
    grade: _Grade


@attrs.frozen
class _Pair:
    a: _Box
    b: _Box
    c: _Graded | None = None
    d: _Graded | None = None


def test_only_values_are_shared_and_only_from_json():
    """An object a document repeats is shared only when it cannot change; and a caller's
    dict is never taken for JSON: numpy's 1.0 and the integer with its bytes are written
    alike by marshal, and only the first names a member of the enum."""
    import numpy as np

    read = loads('{"schema_version":2,"type":"_Pair","a":{"size":1},"b":{"size":1}}', _Pair)
    assert read.a == read.b and read.a is not read.b
    read.a.size = 99
    assert read.b.size == 1
    one = np.float64(1.0)
    alike = np.int64(one.view(np.int64))
    assert _Grade(one) is _Grade.ONE
    for c, d in ((one, one), (one, alike), (alike, one)):
        data = {"a": {"size": 1}, "b": {"size": 1}, "c": {"grade": c}, "d": {"grade": d}}
        expected = outcome(_json._from_dict, data, _Pair, _json._converter)
        assert outcome(from_dict, data, _Pair) == expected
        assert expected[0] == ("read" if d is one and c is one else "refused")


def test_what_a_reading_made_is_not_kept_after_it():
    import weakref

    read = loads(dumps(_repeating_campaign()), Campaign)
    gone = weakref.ref(read.tasks[0].responsibility)
    del read
    gc.collect()
    assert gone() is None


def test_a_memo_is_given_up_when_its_objects_are_mostly_new():
    from yifeng.io._fastjson import _MEMO_TRIAL, _Memo

    new, repeated = _Memo(), _Memo()
    for n in range(_MEMO_TRIAL):
        new.keep(str(n).encode(), n)  # every object unlike the others: a source per row
        repeated.keep(str(n).encode(), n)
        repeated.hits += 1  # ... and each taken again once
    assert new.made is None
    assert repeated.made is not None and len(repeated.made) == _MEMO_TRIAL
    new.reset()
    assert new.made == {} and new.misses == 0


def test_the_command_line_prints_compact_json_and_writes_indented_files(tmp_path, capsys):
    from pathlib import Path

    from yifeng.cli import main

    notice = tmp_path / "通知.txt"
    notice.write_text((Path(__file__).parent / "data" / "corpus" / "103_nhc_jiceng_zhiliang_2026.txt")
                      .read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["read", str(notice), "--json"]) == 0
    printed = capsys.readouterr().out
    assert printed.endswith("}\n") and printed.count("\n") == 1  # one line
    read = loads(printed)
    assert main(["read", str(notice), "-o", "-"]) == 0
    assert capsys.readouterr().out == printed == reference_text(read) + "\n"
    assert main(["read", str(notice), "-o", str(tmp_path / "notice.json")]) == 0
    assert (tmp_path / "notice.json").read_text(encoding="utf-8") == reference_text(read, 2) + "\n"


@attrs.frozen
class _Leaf:
    w: int


@attrs.frozen
class _Value:
    leaf: _Leaf


@attrs.frozen
class _Nest:
    v: _Value | None = None
    kids: tuple[_Nest, ...] = ()


def test_an_object_taken_again_is_no_deeper_than_one_made(monkeypatch):
    """A value the memo holds is taken again only where the objects inside it would be
    within the depth the generated functions take: deeper, the converter reads it, as
    it does without an earlier copy."""
    used: list[bool] = []
    careful = _json._loads

    def spy(text, cls):  # type: ignore[no-untyped-def]
        used.append(True)
        return careful(text, cls)

    monkeypatch.setattr(_json, "_loads", spy)
    value = {"leaf": {"w": 1}}
    for shallow in (False, True):
        nest: dict[str, object] = {"v": value, "kids": []}
        for _ in range(63):  # the last value's leaf lies one level past what the fast path reads
            nest = {"v": None, "kids": [nest]}
        nest["v"] = value if shallow else None
        used.clear()
        read = loads(json.dumps({"schema_version": 2, **nest}), _Nest)
        assert used == [True], shallow
        assert read == careful(json.dumps({"schema_version": 2, **nest}), _Nest)
