"""The model's checks, as fast as a reader needs them, refuse what they always refused."""

from __future__ import annotations

import sys

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yifeng.errors import ModelError
from yifeng.model import (Deadline, DeadlineKind, Filer, LedgerRow, Responsibility, Source, Task, Unit,
                          canonical_unit_name)
from yifeng.model._check import decoded, no_whitespace, text_fields

from .strategies import BY_TYPE


def test_no_whitespace_refuses_exactly_what_python_calls_whitespace():
    name = attrs.fields(Unit).name
    refused = []
    for code in range(sys.maxunicode + 1):
        try:
            no_whitespace(None, name, f"县{chr(code)}局")
        except ModelError:
            refused.append(code)
    assert refused == [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert 0x3000 in refused and 0xA0 in refused and 0x1F in refused and 0x200B not in refused
    with pytest.raises(ModelError, match="Task.key：不能含空白字符"):
        Task(number=1, title="x", key="t-1\u3000")


def test_a_unit_named_twice_in_one_role_is_refused_however_it_is_written():
    with pytest.raises(ModelError, match="同一单位重复出现"):
        Responsibility(leads=(Unit(name="县卫健委"), Unit(name="县卫生健康委")))
    with pytest.raises(ModelError, match="Responsibility.joint：同一单位重复出现"):
        Responsibility(joint=(Unit(name="县医保局"), Unit(name="县公安局"), Unit(name="县医保局")))
    both = Responsibility(leads=(Unit(name="县卫健委"),), supports=(Unit(name="县卫生健康委"),))
    assert [u.canonical for u in both.units] == ["县卫生健康委", "县卫生健康委"]
    for name in ("县卫健委", "省市场监管厅", "各成员单位", "县卫健委"):  # asked twice: the same answer
        assert Unit(name=name).canonical == canonical_unit_name(name)


@pytest.mark.parametrize("rule", ["FREQ=NOPE", "FREQ=DAILY;INTERVAL=x", "每月"])
def test_an_invalid_rule_is_refused_every_time(rule):
    messages = []
    for _ in range(2):  # the second answer is remembered
        with pytest.raises(ModelError, match="不是有效的 RRULE") as caught:
            Deadline(kind=DeadlineKind.RECURRING, text="每月", recurrence=rule)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    for _ in range(2):
        assert Deadline(kind=DeadlineKind.RECURRING, text="每月", recurrence="FREQ=MONTHLY").recurrence == "FREQ=MONTHLY"


def test_a_decoded_constructor_skips_only_the_surrogate_check():
    task = decoded(Task)(number=2, title="标题", content="内容", category="", remark="备注")
    assert task == Task(number=2, title="标题", content="内容", category="", remark="备注")
    # The content key of ("", "标题", "内容"), joined by U+001F, by BLAKE2b with 6 bytes.
    assert task.category is None and task.key == "t-b7c7b4a41c09" and type(task) is Task
    row = decoded(LedgerRow)(number=1, institution="县医院", extra=("x", ""), filer=Filer(unit="县医院"))
    assert row.extra == ("x",) and row.key == "r-d70ffd9bac30"
    assert decoded(Source)(file="", sheet="表", row=3) == Source(sheet="表", row=3)
    # Every other check of the class still refuses.
    for cls, values, message in [
        (Task, {"number": 0, "title": "x"}, "Task.number：必须是正整数"),
        (Task, {"number": 1, "title": " ", "content": ""}, "任务须有标题或内容"),
        (Task, {"number": 1, "title": "x", "key": "t 1"}, "Task.key：不能含空白字符"),
        (Source, {"row": 0}, "Source.row：必须是正整数"),
        (LedgerRow, {"unparsed": (("nope", "x"),)}, "不是台账字段：nope"),
        (LedgerRow, {"unparsed": (("number", "x"), ("number", "y"))}, "同一名称出现两次"),
    ]:
        with pytest.raises(ModelError, match=message):
            decoded(cls)(**values)
    # The surrogate check is left out there only: the class itself refuses, in every thread.
    assert decoded(Filer)(unit="县\ud800").unit == "县\ud800"
    with pytest.raises(ModelError, match="U\\+D800"):
        Filer(unit="县\ud800")


def test_a_class_without_text_fields_is_its_own_decoded_constructor():
    from yifeng.io import Limits

    assert decoded(Limits) is Limits


def test_a_decoded_constructor_takes_the_classes_own_keywords_and_defaults():
    import inspect

    def keywords(function):
        return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]

    for cls in (Task, Source, LedgerRow, Filer):
        assert keywords(decoded(cls)) == keywords(cls)
    with pytest.raises(TypeError, match="number"):
        decoded(Task)(title="x")
    with pytest.raises(TypeError, match="bogus"):
        decoded(Source)(bogus=1)


_DECODED = (Task, Source, LedgerRow, Filer, Unit, Deadline, Responsibility)


@pytest.mark.parametrize("cls", _DECODED, ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_decoded_constructor_makes_what_the_class_makes(cls, data):
    """Keyword for keyword, every field (those outside == too), and the same refusal."""
    made = data.draw(BY_TYPE[cls])
    values = {field.alias: getattr(made, field.name) for field in attrs.fields(cls)}
    # Some values the class would refuse, or change (blank text, a zero number).
    for field in attrs.fields(cls):
        if data.draw(st.booleans()) and data.draw(st.integers(0, 9)) == 0:
            values[field.alias] = data.draw(st.sampled_from(["", " ", 0, -1, None, (), ("", "x", "")]))
    outcomes = []
    for make in (cls, decoded(cls)):
        try:
            built = make(**values)
        except Exception as error:  # noqa: BLE001 - compared: the same type and message
            outcomes.append(("refused", type(error), str(error)))
        else:
            outcomes.append(("made", type(built), [getattr(built, f.name) for f in attrs.fields(cls)]))
    assert outcomes[0] == outcomes[1]


def test_a_decoded_constructor_checks_nothing_while_attrs_checks_nothing():
    with attrs.validators.disabled():
        assert decoded(Task)(number=0, title="x").number == 0
        assert Task(number=0, title="x").number == 0
    with pytest.raises(ModelError, match="Task.number：必须是正整数"):
        decoded(Task)(number=0, title="x")


@attrs.frozen(slots=False, cache_hash=True, field_transformer=text_fields)
class _CachedHash:
    name: str


class _Registry:
    seen: list[type] = []

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        _Registry.seen.append(cls)


@attrs.frozen(field_transformer=text_fields)
class _Registered(_Registry):
    name: str


@attrs.frozen(field_transformer=text_fields)
class _Posted:
    name: str
    seen: str = ""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "seen", type(self).__name__)


@attrs.frozen(field_transformer=text_fields)
class _NotPosted(_Posted):
    __attrs_post_init__ = None  # type: ignore[assignment]


def test_a_decoded_constructor_of_unusual_classes_makes_what_the_class_makes():
    """A cached hash outside slots, a registry of subclasses, a step after init that sees
    the class, and one turned off: as the class itself does, and no subclass made."""
    assert hash(decoded(_CachedHash)(name="县医院")) == hash(_CachedHash(name="县医院"))
    registered = list(_Registry.seen)
    assert decoded(_Registered)(name="县医院") == _Registered(name="县医院")
    assert _Registry.seen == registered and _Registered.__subclasses__() == []
    assert decoded(_Posted)(name="x").seen == "_Posted" == _Posted(name="x").seen
    assert decoded(_NotPosted)(name="x").seen == "" == _NotPosted(name="x").seen
