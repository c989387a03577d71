"""Rendering through docxtpl: the shipped templates, a user's own, and their errors."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from importlib import resources
from typing import IO, Any, Final

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from yifeng._files import replacing, write_behind
from yifeng.errors import RenderError
from yifeng.render._ooxml import Slot, visible
from yifeng.render._styles import SIZES, STYLES, style_xml

Target = str | os.PathLike[str] | IO[bytes]
TemplateSource = str | os.PathLike[str] | None



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
    return _choose([tag.strip() for tag in _TAG.findall(line)], error.message or "")


def _choose(tags: list[str], message: str) -> str:
    """The tag a message is about, among the tags of one line of the template: the one
    naming what failed, the only one, or all of them ("A、B 之一")."""
    if len(tags) <= 1:
        return tags[0][:60] if tags else ""
    named = _NAMED.findall(message)
    chosen = next((t for t in tags for name in named if name in t), None)
    return chosen[:60] if chosen else "、".join(t[:40] for t in tags[:4]) + " 之一"


_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_NAMED = re.compile(r"'([^']+)'")


def _shown(value: object) -> object:
    """A field's text with the characters no Word file can hold shown as U+FFFD."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def _environment() -> jinja2.Environment:
    """Jinja as a user's template gets it: sandboxed (no reaching Python's internals from
    a tag), autoescaped (docxtpl drops text otherwise), a misspelt field an error, text
    Word cannot hold shown visibly."""
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_shown)


def _template_line(exc: BaseException) -> int | None:
    """The line of the rendered template source where ``exc`` was raised, if it was."""
    line = getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line if isinstance(line, int) else None


def _in_template(exc: BaseException) -> bool:
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            return True
        trace = trace.tb_next
    return False


def _where(exc: BaseException, document: DocxTemplate) -> str:
    """"标签“{{ x.y }}”" for the tag on the line of the body where ``exc`` arose, as the
    clerk typed it in Word; "标签" when it cannot be told."""
    line = _template_line(exc)
    if line is None:
        return "标签"
    try:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(document.get_xml()))
        text = _XML.sub("", source.splitlines()[line - 1])
    except (IndexError, ValueError, AttributeError):
        return "标签"
    chosen = _choose([tag.strip() for tag in _TAG.findall(text)], str(getattr(exc, "message", None) or exc))
    return f"标签“{chosen}”" if chosen else "标签"


_APP: Final = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
              b"<Application>yifeng</Application></Properties>")
_THUMBNAIL: Final = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _properties(document: Any, title: str) -> None:
    """Set a rendered document's properties from itself: its title, yifeng as creator and
    application, now as its dates; the template's (author, 2013 dates, "Microsoft
    Macintosh Word", a thumbnail of an empty page) do not describe it."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = visible(title), "yifeng", "yifeng"
    props.created = props.modified = now
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP
    for key, relation in list(package.rels.items()):
        if relation.reltype == _THUMBNAIL:
            package.rels.pop(key)


_SLOT: Final = "@@yifeng-slot:{}@@"
def _placeholder(slot: str) -> str:
    """The paragraph that holds a slot's place while docxtpl renders the template."""
    return f"<w:p><w:r><w:t>{_SLOT.format(slot)}</w:t></w:r></w:p>"


_LEFT_SLOT: Final = re.compile(rb"@@yifeng-slot:(\w+)@@")


_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REFERENCE: Final = re.compile(r'(<w:(?:basedOn|link|next|pStyle|rStyle|tblStyle) w:val=")([^"]+)(")')


def _renamed(xml: str, ids: Mapping[str, str]) -> str:
    """``xml`` with every style reference to one of yifeng's ids turned into the
    template's id for that style."""
    return _REFERENCE.sub(lambda m: m[1] + ids.get(m[2], m[2]) + m[3], xml) if ids else xml


def _template_styles(document: Any, shipped: str) -> dict[str, str]:
    """Match yifeng's styles to the template's — by id, else by name (Word in Chinese
    gives its built-in styles ids of its own: 正文 "a", 标题 1 "1") — and give the
    template the shipped definition of any it lacks, so that nothing renders unstyled
    and no style is there twice. Returns the ids that differ: {yifeng's: the template's}."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    present: dict[str, str] = {}  # lower-case name -> id
    ids = set()
    for element in styles.iterchildren(f"{{{_W}}}style"):
        style_id = element.get(f"{{{_W}}}styleId") or ""
        name = element.find(f"{{{_W}}}name")
        ids.add(style_id)
        present.setdefault((name.get(f"{{{_W}}}val") or "").lower() if name is not None else "", style_id)
    mapping = {s.id: s.id if s.id in ids else present[s.name.lower()]
               for s in STYLES if s.id in ids or s.name.lower() in present}
    sizes = SIZES.get(shipped, {})
    for style in STYLES:
        if style.id not in mapping:
            definition = _renamed(style_xml(style, sizes.get(style.id)), mapping)
            styles.append(parse_xml(definition.replace("<w:style ", f'<w:style xmlns:w="{_W}" ', 1)))
            mapping[style.id] = style.id
    return {ours: theirs for ours, theirs in mapping.items() if ours != theirs}


def _fill_slots(package: bytes, slots: Mapping[str, Slot], name: str, destination: str | IO[bytes]) -> None:
    """Write the saved ``package`` to ``destination`` with each slot's placeholder
    paragraph replaced by its content: the generated body goes into the template's zip
    as a string, never through docxtpl's parsing, so time and memory grow with it linearly."""
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                left = _LEFT_SLOT.search(data)
                if left:  # a {{p …}} in a header, a footer, a text box part
                    raise RenderError(f"模板 {name} 的页眉、页脚等处有 {{{{p {left[1].decode()} }}}}；"
                                      "这类占位段落只能放在正文中")
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            pieces = _substitute(data.decode("utf-8"), slots, name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w") as stream:  # piece by piece: no second copy
                for piece in pieces:
                    if isinstance(piece, str):
                        stream.write(piece.encode("utf-8"))
                    else:
                        # Made while written, compressed on a second thread (a national
                        # report's table is hundreds of megabytes).
                        write_behind(stream, piece.pieces(), "yifeng-docx-writer")


def _substitute(document: str, slots: Mapping[str, Slot], name: str) -> list[str | Slot]:
    """The document's XML in pieces, each slot's placeholder paragraph replaced by its
    content; a placeholder left anywhere else (inside a run: ``{{ x }}`` for ``{{p x }}``)
    is an error, not text in the document."""
    pieces: list[str | Slot] = []
    rest = document
    for slot in sorted(slots, key=lambda s: rest.find(_SLOT.format(s))):
        marker = _placeholder(slot)
        at = rest.find(marker)
        if at < 0 and _SLOT.format(slot) not in rest:
            if not slots[slot].empty and not slots[slot].optional:
                raise RenderError(f"模板 {name} 中没有 {{{{p {slot} }}}} 占位段落，这部分内容无处可放；"
                                  "请从内置模板复制该段落")
            continue
        before = rest[:at]
        if at < 0 or max(before.rfind("<w:p>"), before.rfind("<w:p ")) > before.rfind("</w:p>"):
            raise RenderError(f"模板 {name} 中的“{slot}”应当写作单独一段的 {{{{p {slot} }}}}")
        pieces += [rest[:at], slots[slot]]
        rest = rest[at + len(marker):]
        if marker in rest:
            raise RenderError(f"模板 {name} 中的 {{{{p {slot} }}}} 出现了不止一次")
    pieces.append(rest)
    return pieces


def render(
    shipped: str,
    template: TemplateSource,
    context: Mapping[str, object] | Callable[[Any], Mapping[str, object]],
    target: Target,
    *,
    title: str = "",
    finish: Callable[[Any], None] | None = None,
) -> None:
    """Render ``context`` into ``template`` (or the shipped one) and save it to ``target``.

    The template is opened once; ``context`` may be a function of the opened document
    (python-docx), for renderers that build on the template's own section properties.
    ``finish`` may adjust the rendered document before it is saved. The document's
    properties are its own (``title``, creator yifeng, created now), never the template's.

    Renders in Jinja's sandbox with autoescaping (without it docxtpl re-parses broken
    XML and silently drops text) and undefined fields as errors; every failure is a
    :class:`~yifeng.errors.RenderError` naming the template and, where it can, the tag.
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
    renamed = _template_styles(opened, shipped)
    values = dict(context(opened) if callable(context) else context)
    # Generated content waits outside docxtpl as a placeholder paragraph.
    slots = {key: value.changed(functools.partial(_renamed, ids=renamed)) if renamed else value
             for key, value in values.items() if isinstance(value, Slot)}
    values.update({key: Markup(_placeholder(key)) for key in slots})
    try:
        document.render(values, jinja_env=_environment())
    except SecurityError as exc:
        raise RenderError(f"模板 {name} 中的{_where(exc, document)}试图访问 Python 的内部属性，"
                          f"出于安全原因拒绝渲染（{exc.message}）") from None
    except jinja2.TemplateSyntaxError as exc:
        tag = _tag_near(exc)
        where = f"标签“{tag}”" if tag else "标签"
        raise RenderError(f"模板 {name} 中的{where}有语法错误：{exc.message}") from None
    except jinja2.UndefinedError as exc:
        missing = _UNDEFINED.search(exc.message or "")
        field = f"“{missing[1]}”" if missing else f"（{exc.message}）"
        raise RenderError(f"模板 {name} 中的{_where(exc, document)}用到了不存在的字段{field}；"
                          "可用的字段见 yifeng 文档“生成公文”一节") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"模板 {name} 中的{_where(exc, document)}无法渲染：{exc}") from None
    except (etree.XMLSyntaxError, ValueError) as exc:  # the rendered XML does not parse
        if _in_template(exc):
            raise RenderError(f"模板 {name} 中的{_where(exc, document)}出错：{type(exc).__name__}: {exc}") from None
        raise RenderError(f"模板 {name} 渲染后不是有效的 Word 文档（{type(exc).__name__}: {str(exc)[:120]}）；"
                          "请检查是否有标签跨越了段落或表格") from None
    except Exception as exc:  # noqa: BLE001 - a filter or expression failing inside the template
        if _in_template(exc):
            raise RenderError(f"模板 {name} 中的{_where(exc, document)}出错：{type(exc).__name__}: {exc}") from None
        raise RenderError(f"模板 {name} 不是可用的 Word 模板（{type(exc).__name__}: {exc}）") from None
    if finish is not None:
        finish(document.docx)  # the rendered python-docx Document
    _properties(document.docx, title)
    saved = io.BytesIO()
    document.save(saved)
    with replacing(target) as destination:
        _fill_slots(saved.getvalue(), slots, name, destination)
