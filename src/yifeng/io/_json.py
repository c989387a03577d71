"""The JSON form of the model: one cattrs converter, registered here and nowhere else.

Dates are ISO strings, enums their lower-case codes, tuples JSON arrays, and a list of
(name, value) pairs (a ledger row's ``unparsed``, a report's counts) a JSON object; every
document carries ``schema_version`` and its ``type``. One rule for absence: text is always
a string, ``""`` when there is none (a Python ``None`` in an optional text field such as
``Diagnostic.cell`` is ``""`` on the wire); ``null`` stands only for a missing date,
number, enum or object. Unknown keys and wrong types are refused with a JSON path
(``$.tasks[3].deadline``) so a front end can point at the bad value.

Documents of ``schema_version`` 1 (null for absent optional text, pairs as arrays) are
still read.

:func:`dumps` writes compact text (for programs), :func:`dump` files indented (for
people). Reading and writing first try functions generated from the model's field types
(:mod:`yifeng.io._fastjson`) and go the converter's way for anything unusual; the text
and the objects are the same either way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import os
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any, Final, TypeVar, overload

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError, IterableValidationNote

from yifeng._files import write_atomically
from yifeng._gc import collection_paused
from yifeng.io._fastjson import Generator, Miss, no_surrogates
from yifeng.model._records import tuple_type
from yifeng.errors import ModelError, Problem, SchemaError, YifengError

SCHEMA_VERSION: Final = 2
READ_VERSIONS: Final = (1, 2)  # what load still reads; dump writes SCHEMA_VERSION
T = TypeVar("T")

_converter: Final = cattrs.Converter(forbid_extra_keys=True)


# The kinds of problem a JSON document or form payload can have (Problem.code), with
# what each means; a UI can key its own wording on them.
SCHEMA_PROBLEMS: Final[dict[str, str]] = {
    "unknown-key": "对象中有模型没有的字段",
    "missing-key": "缺少必填字段",
    "wrong-type": "值的类型不对（如应为数字却是文字）",
    "not-allowed": "值不在允许的选项之中",
    "bad-date": "不是 YYYY-MM-DD 形式的日期",
    "invalid-value": "值不合理（模型的检查未通过，如序号不是正整数）",
    "wrong-document": "不是该类型的 yifeng 文档（schema_version 或 type 不符）",
}


class _WrongType(TypeError):
    """A JSON value of the wrong kind; its message is Chinese, ready for a person."""


_JSON_KINDS: Final = ((bool, "布尔值"), (int, "整数"), (float, "数字"), (str, "字符串"), (list, "数组"),
                      (dict, "对象"), (type(None), "null"))


def _kind(value: object) -> str:
    """What a JSON value is, in the words of JSON, not of Python."""
    return next((name for kind, name in _JSON_KINDS if isinstance(value, kind)), "值")


def _strict(kind: type[T], name: str) -> None:
    def hook(value: object, _: object) -> T:
        # bool is an int in Python; neither may stand in for the other in the schema.
        if not isinstance(value, kind) or type(value) is not kind:
            raise _WrongType(f"应为{name}（收到{_kind(value)}）")
        return value

    _converter.register_structure_hook(kind, hook)


def _structure_date(value: object, _: object) -> dt.date:
    if not isinstance(value, str):
        raise _WrongType(f"应为日期字符串，如 2023-09-28（收到{_kind(value)}）")
    return dt.date.fromisoformat(value)


def _structure_each(converter: cattrs.Converter, kind: Any, entries: Sequence[tuple[object, Any, str]], *,
                    by_name: bool) -> list[object]:
    """Each (value, type, note) structured; every failure gathered with its note (the
    index or the name that places it) and raised together, as cattrs does for classes."""
    items, errors = [], []
    for item, item_type, note in entries:
        try:
            items.append(converter.structure(item, item_type))
        except Exception as exc:  # noqa: BLE001 - gathered, each with where it is
            exc.__notes__ = [*getattr(exc, "__notes__", []), note]
            errors.append(exc)
    if errors:
        if by_name:
            raise cattrs.ClassValidationError(f"While structuring {kind!r}", errors, tuple)
        raise cattrs.IterableValidationError(f"While structuring {kind!r}", errors, kind)
    return items


def _tuple_hook(converter: cattrs.Converter) -> Any:
    def structure(value: object, kind: Any) -> tuple[object, ...]:
        """A JSON array as a tuple, each item structured and its errors noted with its
        index; anything but an array refused (a string is not a list of its characters)."""
        if not isinstance(value, (list, tuple)):  # tuples: from_dict of to_dict's own output
            raise _WrongType(f"应为数组（收到{_kind(value)}）")
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item_types = [args[0]] * len(value)
        elif len(value) != len(args):
            raise _WrongType(f"应为含 {len(args)} 项的数组（收到 {len(value)} 项）")
        else:
            item_types = list(args)
        notes = [IterableValidationNote(f"Structuring {kind!r} @ index {i}", i, t) for i, t in enumerate(item_types)]
        return tuple(_structure_each(converter, kind, list(zip(value, item_types, notes)), by_name=False))

    return structure


_structure_tuple: Final = _tuple_hook(_converter)


_strict(int, "整数")
_strict(str, "字符串")
_strict(bool, "布尔值（true 或 false）")
_converter.register_structure_hook(dt.date, _structure_date)
_converter.register_unstructure_hook(dt.date, dt.date.isoformat)


def _is_tuple(kind: Any) -> bool:
    return typing.get_origin(kind) in (tuple,)


_converter.register_structure_hook_func(_is_tuple, _structure_tuple)


def _is_records(kind: Any) -> bool:
    """A collection class (:class:`~yifeng.model.Tasks` …): on the wire, a plain array."""
    return tuple_type(kind) is not None


def _records_hooks(converter: cattrs.Converter) -> None:
    def structure(value: object, kind: Any) -> object:
        return kind(converter.structure(value, tuple_type(kind)))  # type: ignore[arg-type]

    def unstructure(value: tuple[object, ...]) -> object:
        return converter.unstructure(tuple(value), tuple_type(type(value)))

    converter.register_structure_hook_func(_is_records, structure)
    converter.register_unstructure_hook_func(_is_records, unstructure)


_records_hooks(_converter)


def _structure_json_value(value: object, _: object) -> object:
    """A field typed ``object`` (a diff's old and new values) holds any JSON value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_structure_json_value(item, None) for item in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _structure_json_value(v, None) for k, v in value.items()}
    raise _WrongType(f"应为 JSON 值（收到{_kind(value)}）")


def _is_object(kind: Any) -> bool:
    return kind is object  # exactly object: a hook registered *for* object would catch every class


_converter.register_structure_hook_func(_is_object, _structure_json_value)


def _is_optional_text(kind: Any) -> bool:
    return bool(kind == (str | None))


def _structure_optional_text(value: object, _: object) -> str | None:
    if not isinstance(value, str):  # null too: absent text is ""
        raise _WrongType(f"应为字符串，没有时写 \"\"（收到{_kind(value)}）")
    return value or None


def _unstructure_optional_text(value: str | None) -> str:
    return value or ""


def _is_pairs(kind: Any) -> bool:
    """``tuple[tuple[str, X], ...]``: named values, a JSON object on the wire."""
    if typing.get_origin(kind) is not tuple:
        return False
    args = typing.get_args(kind)
    if len(args) != 2 or args[1] is not Ellipsis or typing.get_origin(args[0]) is not tuple:
        return False
    pair = typing.get_args(args[0])
    return len(pair) == 2 and pair[0] is str


def _structure_pairs(value: object, kind: Any) -> tuple[tuple[str, object], ...]:
    if not isinstance(value, Mapping):
        raise _WrongType(f"应为对象，如 {{\"number\": \"0123\"}}（收到{_kind(value)}）")
    value_type = typing.get_args(typing.get_args(kind)[0])[1]
    entries = [(item, value_type, AttributeValidationNote(f"Structuring {name!r}", name, value_type))
               for name, item in value.items()]
    return tuple(zip(value, _structure_each(_converter, kind, entries, by_name=True)))


def _unstructure_pairs(pairs: tuple[tuple[str, object], ...]) -> dict[str, object]:
    return {name: _converter.unstructure(item) for name, item in pairs}


# The first version's wire format, for reading old files: the same model, with null for
# absent optional text and pairs as arrays of two. Copied before the new rules are added.
_converter_v1: Final = _converter.copy()
_converter_v1.register_structure_hook_func(_is_tuple, _tuple_hook(_converter_v1))
_records_hooks(_converter_v1)
_converter_v1.register_structure_hook_func(
    _is_optional_text, lambda value, kind: None if value is None else _structure_optional_text(value, kind))

_converter.register_structure_hook_func(_is_optional_text, _structure_optional_text)
_converter.register_unstructure_hook_func(_is_optional_text, _unstructure_optional_text)
_converter.register_structure_hook_func(_is_pairs, _structure_pairs)
_converter.register_unstructure_hook_func(_is_pairs, _unstructure_pairs)


def _enum_of(kind: object) -> type[enum.Enum] | None:
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        return next((e for e in map(_enum_of, typing.get_args(kind)) if e is not None), None)
    return kind if isinstance(kind, type) and issubclass(kind, enum.Enum) else None


def _choices(kind: type[enum.Enum]) -> str:
    return "、".join(f"{m.value}（{getattr(m, 'label', m.name)}）" for m in kind)


def _problems(exc: BaseException, path: str, kind: object, out: list[Problem]) -> None:
    """Every problem inside a cattrs error, each with its JSON path, in Chinese."""
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                _problems(sub, f"{path}.{note.name}", note.type, out)
            elif isinstance(note, IterableValidationNote):
                _problems(sub, f"{path}[{note.index}]", note.type, out)
        for sub in without:
            _problems(sub, path, kind, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        out += [Problem(path=f"{path}.{key}", code="unknown-key", message=f"没有名为“{key}”的字段")
                for key in sorted(exc.extra_fields)]
    elif isinstance(exc, KeyError):
        out.append(Problem(path=path, code="missing-key", message="缺少这个必填字段"))
    elif isinstance(exc, ModelError):
        where = f"{path}.{exc.field}" if exc.field and not path.endswith(f".{exc.field}") else path
        message = str(exc).split("：", 1)[-1] if exc.field else str(exc)
        out.append(Problem(path=where, code="invalid-value", message=message))
    elif isinstance(exc, _WrongType):
        out.append(Problem(path=path, code="wrong-type", message=str(exc)))
    elif _enum_of(kind) is not None:
        choices = _enum_of(kind)
        assert choices is not None
        out.append(Problem(path=path, code="not-allowed", message=f"应为以下之一：{_choices(choices)}"))
    elif kind is dt.date or (isinstance(exc, ValueError) and "isoformat" in str(exc)):
        out.append(Problem(path=path, code="bad-date", message="应为存在的日期，写作 YYYY-MM-DD，如 2023-09-28"))
    elif isinstance(exc, YifengError):
        out.append(Problem(path=path, code="invalid-value", message=str(exc)))
    else:  # a value Python could not take (a number too large, and the like)
        out.append(Problem(path=path, code="invalid-value", message="值无法读取"))


def validate(data: object, cls: type) -> list[Problem]:
    """Every problem of ``data`` — a dict as :func:`to_dict` makes it, a whole document
    as :func:`dumps` writes it (``schema_version`` and ``type`` checked too), or a form
    payload — as a ``cls``, without raising: an empty list means it loads.
    Each :class:`~yifeng.errors.Problem` has the JSON path, a code of
    ``yifeng.io.SCHEMA_PROBLEMS`` and a Chinese message.

    >>> from yifeng.model import Task
    >>> [str(p) for p in validate({"number": 1, "title": 3, "colour": "red"}, Task)]
    ['$.title：应为字符串（收到整数）', '$.colour：没有名为“colour”的字段']
    >>> validate({"number": 0, "title": "加强监管"}, Task)
    [Problem(path='$.number', code='invalid-value', message='必须是正整数（收到 0）')]

    Model checks run once the types are right, so a payload may show new problems
    after its first ones are fixed.
    """
    if not isinstance(data, Mapping):
        return [Problem(path="$", code="wrong-type", message=f"应为对象（收到{_kind(data)}）")]
    found: list[Problem] = []
    converter = _converter
    if "schema_version" in data or "type" in data:  # a whole document, as dump writes it
        data = dict(data)
        version, tag = data.pop("schema_version", SCHEMA_VERSION), data.pop("type", cls.__name__)
        if version not in READ_VERSIONS or type(version) is not int:
            found.append(Problem(path="$.schema_version", code="wrong-document",
                                 message=f"应为 {SCHEMA_VERSION}（收到 {version!r}）"))
        elif version == 1:
            converter = _converter_v1
        if tag != cls.__name__:
            found.append(Problem(path="$.type", code="wrong-document", message=f"应为 {cls.__name__}（收到 {tag!r}）"))
    try:
        converter.structure(data, cls)
    except (cattrs.BaseValidationError, YifengError, ValueError, TypeError, KeyError) as exc:
        _problems(exc, "$", cls, found)
    return found


# -- The fast path -----------------------------------------------------------------------
# dumps, loads, to_dict and from_dict first try functions generated from the model's field
# types (yifeng.io._fastjson); whatever they do not take — a wrong type, a refused value, an
# old document, a float — is done again the converter's way, which gives the result or the
# errors it always gave. Both give the same bytes and objects (tests/test_json_fast.py).

_fast: Final = Generator()


def to_dict(obj: object) -> dict[str, object]:
    """The JSON-ready dict of a model object (no ``schema_version``)."""
    if attrs.has(type(obj)):
        try:
            with collection_paused():
                return _fast.unstructure(type(obj))(obj)
        except Exception:  # noqa: BLE001 - anything unusual: the converter's way below
            pass
    data = _converter.unstructure(obj)
    if not isinstance(data, dict):
        raise YifengError(f"不是 yifeng 模型对象：{type(obj).__name__}")
    return data


def from_dict(data: Mapping[str, object], cls: type[T]) -> T:
    """Build ``cls`` from its JSON-ready dict; refuses unknown keys, wrong types and
    impossible values with a :class:`~yifeng.errors.SchemaError` listing every problem
    (``errors``)."""
    try:
        with collection_paused():  # no memo: a caller's dict may hold any object (see _reading)
            return typing.cast(T, _fast.structure(cls)(data))
    except Exception:  # noqa: BLE001 - the converter does it again and says what is wrong
        pass
    return _from_dict(data, cls, _converter)


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    """A reading of JSON text by the generated functions: what they made for one document
    is theirs to take again (see ``_fastjson._Memo``), forgotten when it ends."""
    _fast.fresh()
    try:
        yield
    finally:
        _fast.fresh()


def _from_dict(data: Mapping[str, object], cls: type[T], converter: cattrs.Converter) -> T:
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, YifengError, ValueError, TypeError, KeyError) as exc:
        found: list[Problem] = []
        _problems(exc, "$", cls, found)
        raise SchemaError(f"JSON 与 {cls.__name__} 的结构不符：" + "；".join(map(str, found)), found) from None


def _documents() -> dict[str, type]:
    """The model classes a JSON document can be, by their ``type`` tag."""
    from yifeng import model

    return {cls.__name__: cls for cls in (model.Campaign, model.Notice, model.TaskTable, model.Ledger,
                                          model.WeeklyReport)}


def _text(obj: object, indent: int | None) -> str:
    """The document of ``obj``: ``json.dumps`` of ``schema_version``, ``type`` and the
    converter's dict, written by the generated writer when it takes the object."""
    cls = type(obj)
    if attrs.has(cls) and (indent is None or (type(indent) is int and indent == 2)):
        tag = encode_basestring(cls.__name__)
        head = (f'"schema_version":{SCHEMA_VERSION},"type":{tag},' if indent is None
                else f'\n  "schema_version": {SCHEMA_VERSION},\n  "type": {tag},')
        try:
            return _fast.document(cls, indent=indent is not None)(obj, None if indent is None else "\n", head)
        except Exception:  # noqa: BLE001 - anything unusual: json's way below
            pass
    document = {"schema_version": SCHEMA_VERSION, "type": cls.__name__, **to_dict(obj)}
    return json.dumps(document, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None)


def dumps(obj: object, *, indent: int | None = None) -> str:
    """The JSON text of a model object, UTF-8 characters as they are (no \\u escapes):
    ``schema_version``, the ``type`` tag (``"Campaign"``, ``"Ledger"`` …), then its fields.

    Compact (one line, no spaces) for programs; ``indent=2`` lays it out for people, as
    :func:`dump` does. Either is exactly ``json.dumps(document, ensure_ascii=False, …)``
    of the document, with ``separators=(",", ":")`` when compact."""
    return _text(obj, indent)


@overload
def loads(text: str | bytes, cls: type[T]) -> T: ...
@overload
def loads(text: str | bytes, cls: None = None) -> object: ...
def loads(text: str | bytes, cls: type[T] | None = None) -> T | object:
    """Read a model object from JSON text written by :func:`dumps`: of type ``cls``, or
    of the type its ``type`` tag names when ``cls`` is not given.

    Anything that is not such a document — broken JSON, another encoding, nesting or
    numbers no document has, a tag naming another type — raises
    :class:`~yifeng.errors.SchemaError`."""
    try:
        with collection_paused(), _reading():
            return _fast_loads(text, cls)
    except Exception:  # noqa: BLE001 - read again the careful way, which says what is wrong
        pass
    return _loads(text, cls)


def _fast_loads(text: str | bytes, cls: type[T] | None) -> T | object:
    """The common case of :func:`loads`: a document of this version, built by the
    generated functions (a UTF-8 BOM, refused by json, is left to :func:`_loads`). The
    text fields' check for lone surrogates is run only if the text may hold one; if
    none can, json makes the objects as it reads them (:meth:`Generator.hook`)."""
    source = text if isinstance(text, str) else bytes(text).decode("utf-8")
    plain = source.__class__ is str and no_surrogates(source, decoded=source is not text)
    roots = tuple(_documents().values()) if cls is None else (cls,)
    document = json.loads(source, object_hook=_fast.hook(roots)) if plain else json.loads(source)
    if document.__class__ is not dict:
        raise Miss
    version, tag = document.pop("schema_version", None), document.pop("type", None)
    if version != SCHEMA_VERSION or version.__class__ is not int:
        raise Miss
    if cls is None:
        cls = _documents().get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise Miss
    elif tag is not None and tag != cls.__name__:
        raise Miss
    return typing.cast(object, _fast.structure(cls, plain_text=plain)(document))


def _loads(text: str | bytes, cls: type[T] | None) -> T | object:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SchemaError(f"不是 UTF-8 编码的 JSON（第 {exc.start + 1} 个字节无法解码；GBK 等编码请先另存为 UTF-8）") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    except RecursionError:
        raise SchemaError("不是 yifeng 的 JSON：嵌套层数过多") from None
    except ValueError as exc:  # an integer of thousands of digits, and the like
        raise SchemaError(f"不是 yifeng 的 JSON：含有无法读取的值（{str(exc)[:80]}）") from None
    if not isinstance(document, dict):
        raise SchemaError("JSON 顶层应为对象（{…}）")
    version = document.pop("schema_version", None)
    if version not in READ_VERSIONS or type(version) is not int:
        message = f"应为 {SCHEMA_VERSION}（收到 {version!r}）；该文件不是本版本 yifeng 写出的"
        raise SchemaError(f"$.schema_version {message}",
                          [Problem(path="$.schema_version", code="wrong-document", message=message)])
    tag = document.pop("type", None)
    known = _documents()
    if cls is None:
        if not isinstance(tag, str) or tag not in known:  # a list or an object is no tag (nor hashable)
            message = f"应为 {'、'.join(known)} 之一（收到 {tag!r}）" if tag is not None else "缺少文档类型标记"
            raise SchemaError(f"$.type {message}", [Problem(path="$.type", code="wrong-document", message=message)])
        cls = known[str(tag)]
    if tag is not None and tag != cls.__name__:
        message = f"这是 {tag} 文档，不是 {cls.__name__}"
        raise SchemaError(f"$.type {message}", [Problem(path="$.type", code="wrong-document", message=message)])
    return _from_dict(document, cls, _converter_v1 if version == 1 else _converter)


def dump(obj: object, path: str | os.PathLike[str], *, indent: int | None = 2) -> None:
    """Write ``obj`` to ``path`` as UTF-8 JSON, laid out for the people who read, diff and
    edit files (``indent=2``; ``indent=None`` writes the compact text of :func:`dumps`).

    The text is built first and written to a temporary file beside ``path``, which then
    replaces it: a failure leaves an existing file as it was."""
    text = _text(obj, indent) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SchemaError(f"无法写成 JSON：文本中有不成对的代理字符（第 {exc.start + 1} 个字符）") from None
    write_atomically(path, data)


@overload
def load(path: str | os.PathLike[str], cls: type[T]) -> T: ...
@overload
def load(path: str | os.PathLike[str], cls: None = None) -> object: ...
def load(path: str | os.PathLike[str], cls: type[T] | None = None) -> T | object:
    """Read a model object from a JSON file written by :func:`dump` (of type ``cls``, or
    of the type its ``type`` tag names)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise SchemaError(f"{os.fspath(path)}：不是有效的 JSON（不是 UTF-8 文本，可能是 Excel 或 Word 文件）") from None
    try:
        return loads(text, cls)
    except SchemaError as exc:
        raise SchemaError(f"{os.fspath(path)}：{exc}", exc.errors) from None
