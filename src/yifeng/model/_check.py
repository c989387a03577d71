"""attrs validators that raise :class:`~yifeng.errors.ModelError` naming the field."""

from __future__ import annotations

import re
from typing import Any

import attrs

from yifeng.errors import ModelError


def fail(instance: object, field: str, why: str) -> ModelError:
    """Build the error for an impossible value: ``Task.number：必须是正整数（收到 0）``."""
    return ModelError(f"{type(instance).__name__}.{field}：{why}")


def not_blank(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise fail(instance, attribute.name, "不能为空")


def positive(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 1:
        raise fail(instance, attribute.name, f"必须是正整数（收到 {value}）")


def matches(pattern: str, what: str) -> Any:
    """Validator: an optional string, when present and non-empty, must match ``pattern``."""
    compiled = re.compile(pattern)

    def check(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value and not compiled.fullmatch(value):
            raise fail(instance, attribute.name, f"{what}（收到 {value!r}）")

    return check


def no_whitespace(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if any(ch.isspace() for ch in value):
        raise fail(instance, attribute.name, f"不能含空白字符（收到 {value!r}）")
