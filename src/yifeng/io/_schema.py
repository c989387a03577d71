"""JSON Schema (draft 2020-12) of exactly the JSON :func:`yifeng.io.dump` writes and
:func:`yifeng.io.load` accepts, built from the model's classes and validators."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, Final

import attrs

from yifeng.io._json import SCHEMA_VERSION, _is_pairs
from yifeng.model._records import tuple_type

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

# The model's checks no JSON Schema can state (they compare values with each other);
# ``load`` and :func:`yifeng.io.validate` make them, a front end's schema validation does not.
NOT_IN_SCHEMA: Final[dict[str, str]] = {
    "Campaign.end": "结束日期不早于开始日期 start",
    "Campaign.tasks": "同一类别下任务序号不重复",
    "Campaign.negative_list": "整治行动编号不重复",
    "Diagnostic.cell": "单元格地址与 row、column 一致",
}
JsonObject = dict[str, object]


def _validators(validator: object) -> list[object]:
    """The single validators inside an attrs validator (lists, and_, optional)."""
    if validator is None:
        return []
    if isinstance(validator, (list, tuple)):
        return [v for item in validator for v in _validators(item)]
    inner = getattr(validator, "_validators", None) or getattr(validator, "validators", None)
    if isinstance(inner, (list, tuple)):
        return [v for item in inner for v in _validators(item)]
    wrapped = getattr(validator, "validator", None)
    if wrapped is not None and wrapped is not validator:  # attrs.validators.optional
        return _validators(wrapped)
    return [validator]


def _constraints(field: attrs.Attribute[Any]) -> JsonObject:
    """Bounds and patterns the field's validators enforce, each validator saying its own
    (a ``schema`` attribute: a dict, or a function returning one)."""
    found: JsonObject = {}
    patterns = []
    for validator in _validators(field.validator):
        schema = getattr(validator, "schema", None)
        if callable(schema):
            schema = schema()
        if isinstance(schema, dict):
            for key, value in schema.items():
                if key == "pattern":
                    patterns.append(value)
                else:
                    found[key] = value
    if len(patterns) == 1:
        found["pattern"] = patterns[0]
    elif patterns:
        found["allOf"] = [{"pattern": p} for p in patterns]
    return found


def _summary(kind: type) -> str:
    """The first line of a class's docstring."""
    return next(iter((kind.__doc__ or "").strip().splitlines()), "")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, JsonObject] = {}

    def type_schema(self, kind: object, extra: JsonObject | None = None) -> JsonObject:
        extra = extra or {}
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if tuple_type(kind) is not None:  # a collection (Tasks …): an array of its items
            return self.type_schema(tuple_type(kind), extra)
        if kind == (str | None):  # optional text: "" when there is none, never null
            return {"type": "string", **({"anyOf": [{"const": ""}, extra]} if extra else {})}
        if origin in (types.UnionType, typing.Union):
            options = [a for a in args if a is not type(None)]
            inner: JsonObject = self.type_schema(options[0], extra) if len(options) == 1 else {
                "anyOf": [self.type_schema(a) for a in options]}
            return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
        if _is_pairs(kind):  # named values: an object
            return {"type": "object", "additionalProperties": self.type_schema(typing.get_args(args[0])[1])}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0], extra)}
            return {"type": "array", "prefixItems": [self.type_schema(a) for a in args], "items": False,
                    "minItems": len(args), "maxItems": len(args)}
        if kind is object:  # any JSON value (a diff's old and new values)
            return {}
        if kind is bool:
            return {"type": "boolean"}
        if kind is int:
            return {"type": "integer", **extra}
        if kind is float:
            return {"type": "number", **extra}
        if kind is str:
            return {"type": "string", **extra}
        if kind is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"$ref": f"#/$defs/{self.enum(kind)}"}
        if isinstance(kind, type) and attrs.has(kind):
            return {"$ref": f"#/$defs/{self.model(kind)}"}
        raise TypeError(f"no JSON form for {kind!r}")

    def enum(self, kind: type[enum.Enum]) -> str:
        if kind.__name__ not in self.defs:
            labels = {str(m.value): getattr(m, "label", m.name) for m in kind}
            self.defs[kind.__name__] = {
                "title": kind.__name__, "description": _summary(kind),
                "enum": [m.value for m in kind],
                "oneOf": [{"const": m.value, "title": labels[str(m.value)]} for m in kind],
                "x-labels": labels,
            }
        return kind.__name__

    def model(self, kind: type) -> str:
        name = kind.__name__
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve: classes refer to each other
        attrs.resolve_types(kind)
        properties: dict[str, JsonObject] = {}
        required = []
        for field in attrs.fields(kind):
            properties[field.name] = self.type_schema(field.type, _constraints(field))
            if field.default is attrs.NOTHING:
                required.append(field.name)
        definition: JsonObject = {"title": name, "description": _summary(kind),
                                  "type": "object", "properties": properties, "required": required,
                                  "additionalProperties": False}
        # Checks across fields, each class stating its own as schema keywords.
        rules = getattr(kind, "__schema_rules__", None)
        if callable(rules):
            definition["allOf"] = rules()
        self.defs[name] = definition
        return name


def json_schema(cls: type) -> JsonObject:
    """The JSON Schema of a top-level document of ``cls`` (Campaign, Notice, TaskTable,
    Ledger …): the object :func:`~yifeng.io.dump` writes — ``schema_version``, the
    ``type`` tag, then the fields — with every key required that ``load`` requires,
    unknown keys refused, enums with their Chinese labels (``oneOf[].title`` and
    ``x-labels``), the patterns and bounds of the model's validators, and the checks
    across fields that a schema can state (``allOf``). Those it cannot are listed in
    ``yifeng.io.NOT_IN_SCHEMA``."""
    builder = _Builder()
    name = builder.model(cls)
    root = dict(builder.defs.pop(name))
    properties = {"schema_version": {"const": SCHEMA_VERSION}, "type": {"const": name},
                  **typing.cast(dict[str, JsonObject], root["properties"])}
    return {"$schema": DRAFT, "$id": f"https://yifeng.invalid/schema/{name}.json", **root,
            "properties": properties,
            "required": ["schema_version", *typing.cast(list[str], root["required"])],
            "$defs": dict(sorted(builder.defs.items()))}
