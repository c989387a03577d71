"""Rendering through docxtpl: the shipped templates, a user's own, and their errors."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from docxtpl import DocxTemplate

from yifeng.errors import RenderError

Target = str | os.PathLike[str] | IO[bytes]
TemplateSource = str | os.PathLike[str] | None


TEMPLATES = ("notice", "task_table", "ledger", "weekly_report")


def template_path(name: str) -> Path:
    """The path of a shipped template ("notice", "task_table", "ledger",
    "weekly_report"), to copy and restyle in Word and pass back as ``template=``."""
    if name not in TEMPLATES:
        raise RenderError(f"没有名为 {name!r} 的内置模板；可用的模板：{'、'.join(TEMPLATES)}")
    return Path(str(resources.files("yifeng.render") / "templates" / f"{name}.docx"))


def cn_date(day: dt.date | None) -> str:
    """A date as official documents write it: 2022年5月26日 (no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日" if day is not None else ""


_TAG = re.compile(r"\{[{%].*?(?:[}%]\}|$)")
_XML = re.compile(r"<[^>]+>")


def _tag_near(error: jinja2.TemplateSyntaxError) -> str:
    """The template tag on the line Jinja complains about, as a person typed it in Word.

    Jinja's line numbers count lines of the document's XML, which mean nothing in Word.
    """
    if not error.source or not error.lineno:
        return ""
    line = _XML.sub("", error.source.splitlines()[error.lineno - 1])
    tags = _TAG.findall(line)
    return tags[-1].strip()[:60] if tags else ""


def render(
    shipped: str,
    template: TemplateSource,
    context: Mapping[str, object] | Callable[[Any], Mapping[str, object]],
    target: Target,
    *,
    finish: Callable[[Any], None] | None = None,
) -> None:
    """Render ``context`` into ``template`` (or the shipped one) and save it to ``target``.

    The template is opened once; ``context`` may be a function of the opened document
    (python-docx), for renderers that build on the template's own section properties.
    ``finish`` may adjust the rendered document before it is saved.

    Always autoescapes: without it docxtpl re-parses broken XML and silently drops text
    (a title with "<" lost every paragraph after it).
    """
    if template is None:
        name = f"yifeng 内置模板 {shipped}"
        data = (resources.files("yifeng.render") / "templates" / shipped).read_bytes()
        document = DocxTemplate(io.BytesIO(data))
    else:
        name = os.fspath(template)
        if not os.path.isfile(name):
            raise RenderError(f"模板 {name} 不存在")
        document = DocxTemplate(name)
    try:
        opened = document.get_docx()
    except Exception as exc:  # a file that is not a .docx: zip/XML errors from docx
        raise RenderError(f"模板 {name} 不是可用的 Word 模板（{type(exc).__name__}: {exc}）") from None
    values = context(opened) if callable(context) else context
    try:
        document.render(dict(values), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        tag = _tag_near(exc)
        where = f"标签“{tag}”" if tag else "标签"
        raise RenderError(f"模板 {name} 中的{where}有语法错误：{exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"模板 {name} 用到了不存在的字段：{exc.message}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"模板 {name} 无法渲染：{exc}") from None
    except Exception as exc:  # template XML docxtpl cannot work with
        raise RenderError(f"模板 {name} 不是可用的 Word 模板（{type(exc).__name__}: {exc}）") from None
    if finish is not None:
        finish(document.docx)  # the rendered python-docx Document
    document.save(os.fspath(target) if isinstance(target, (str, os.PathLike)) else target)
