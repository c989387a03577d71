"""The JSON form of the model: one cattrs converter, registered here and nowhere else.

Dates are ISO strings, enums their lower-case codes, tuples JSON arrays; every document
carries ``schema_version``. Unknown keys and wrong types are refused with a JSON path
(``$.tasks[3].deadline``) so a front end can point at the bad value.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from typing import Final, TypeVar

import cattrs
from cattrs.v import format_exception

from yifeng._files import write_atomically
from yifeng.errors import SchemaError, YifengError

SCHEMA_VERSION: Final = 1
T = TypeVar("T")

_converter: Final = cattrs.Converter(forbid_extra_keys=True)


def _strict(kind: type[T], name: str) -> None:
    def hook(value: object, _: object) -> T:
        # bool is an int in Python; neither may stand in for the other in the schema.
        if not isinstance(value, kind) or type(value) is not kind:
            raise TypeError(f"expected {name}, got {type(value).__name__}")
        return value

    _converter.register_structure_hook(kind, hook)


def _structure_date(value: object, _: object) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {type(value).__name__}")
    return dt.date.fromisoformat(value)


_strict(int, "integer")
_strict(str, "string")
_strict(bool, "boolean")
_converter.register_structure_hook(dt.date, _structure_date)
_converter.register_unstructure_hook(dt.date, dt.date.isoformat)


def _reason(exc: BaseException, type_: type | None) -> str:
    # Our own validators already say which field and why, in Chinese.
    if isinstance(exc, YifengError):
        return str(exc)
    return format_exception(exc, type_)


def to_dict(obj: object) -> dict[str, object]:
    """The JSON-ready dict of a model object (no ``schema_version``)."""
    data = _converter.unstructure(obj)
    if not isinstance(data, dict):
        raise YifengError(f"不是 yifeng 模型对象：{type(obj).__name__}")
    return data


def from_dict(data: Mapping[str, object], cls: type[T]) -> T:
    """Build ``cls`` from its JSON-ready dict; refuses unknown keys and wrong types."""
    try:
        return _converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        problems = "；".join(cattrs.transform_error(exc, path="$", format_exception=_reason))
        raise SchemaError(f"JSON 与 {cls.__name__} 的结构不符：{problems}") from None
    except YifengError as exc:
        raise SchemaError(f"JSON 中的值不合理：{exc}") from None


def dumps(obj: object, *, indent: int | None = 2) -> str:
    """The JSON text of a model object, UTF-8 characters as they are (no \\u escapes)."""
    document = {"schema_version": SCHEMA_VERSION, **to_dict(obj)}
    return json.dumps(document, ensure_ascii=False, indent=indent)


def loads(text: str | bytes, cls: type[T]) -> T:
    """Read a model object of type ``cls`` from JSON text written by :func:`dumps`.

    Anything that is not such a document — broken JSON, another encoding, nesting or
    numbers no document has — raises :class:`~yifeng.errors.SchemaError`."""
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
    if version != SCHEMA_VERSION:
        raise SchemaError(
            f"$.schema_version 应为 {SCHEMA_VERSION}（收到 {version!r}）；"
            "该文件不是本版本 yifeng 写出的"
        )
    return from_dict(document, cls)


def dump(obj: object, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` to ``path`` as UTF-8 JSON.

    The text is built first and written to a temporary file beside ``path``, which then
    replaces it: a failure leaves an existing file as it was."""
    text = dumps(obj) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SchemaError(f"无法写成 JSON：文本中有不成对的代理字符（第 {exc.start + 1} 个字符）") from None
    write_atomically(path, data)


def load(path: str | os.PathLike[str], cls: type[T]) -> T:
    """Read a ``cls`` from a JSON file written by :func:`dump`."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise SchemaError(f"{os.fspath(path)}：不是有效的 JSON（不是 UTF-8 文本，可能是 Excel 或 Word 文件）") from None
    try:
        return loads(text, cls)
    except SchemaError as exc:
        raise SchemaError(f"{os.fspath(path)}：{exc}") from None
