"""The fast path of yifeng's JSON: what :mod:`yifeng.io._json` does for the common case.

For each model class, functions are generated from its fields' types, each field read or
written inline (no dispatch per field, no error bookkeeping):

- a writer, giving the text ``json.dumps(document, ensure_ascii=False, …)`` gives of the
  converter's dict, compact or indented, without building the dict;
- an unstructure function (``to_dict``) and a structure function (``from_dict``, ``loads``),
  which makes each object as its ``__init__`` would — converters, every validator,
  ``__attrs_post_init__`` — but stores the fields faster; ``loads`` of a text that holds no
  lone surrogate has one that leaves out the text fields' check for them, and a hook
  making the items of collections as json reads them.

They take only the plain case — exact types (``str``, ``int``, ``bool``, ``date``, members
of the field's enum, the field's own class), JSON arrays as lists, objects as dicts — and
raise (:class:`Miss`, or the model's own error) for anything else: a wrong type, an
unknown key, a value the model refuses, a float, a field typed ``object``, sections nested
deeper than any document. The caller then goes the converter's way (cattrs and json, as
yifeng always did), which gives the result or says what is wrong; so the fast path decides
nothing on its own, and tests/test_json_fast.py checks both ways give the same bytes and
the same objects.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import marshal
import re
import threading
import types
import typing
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Final

import attrs

from yifeng.model._check import CONVERTER_CLASSES, _blank_is_none, checks_of, opened_subclass
from yifeng.model._records import tuple_type

_PLAIN: Final = (str, int, bool)
_DEEPEST: Final = 64  # objects in objects: a campaign's sections are nested four deep

_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD]")  # \ud800-\udfff, and some that are not
_ESCAPES: Final = 256  # escapes looked at one by one; those after them by _SURROGATE_ESCAPE
_CHUNK: Final = 1 << 16  # characters encoded at a time: the bytes stay in the cache


def no_surrogates(text: str, *, decoded: bool) -> bool:
    """Whether no string json reads from ``text`` can hold a surrogate (U+D800–U+DFFF),
    which only a ``\\uD…`` escape can put there (lone, or paired into one character), or
    the text itself: one that was ``decoded`` from UTF-8 holds none (the decoder refuses
    them), nor one of ASCII; any other is encoded as UTF-16, which refuses them too, a
    piece at a time. May say False of a text without one. Of a text json reads, in
    which each backslash begins an escape; of any other, json says what is wrong."""
    at = text.find("\\")  # most documents have few escapes or none: found at the speed of memchr
    for _ in range(_ESCAPES):
        if at < 0:
            break
        if text[at + 1:at + 3] in ("ud", "uD"):
            return False
        at = text.find("\\", at + 2)  # past the escaped character (a backslash too)
    else:
        if _SURROGATE_ESCAPE.search(text, at) is not None:  # may be "\\\\ud", no escape: no matter
            return False
    if decoded or text.isascii():
        return True
    try:
        for start in range(0, len(text), _CHUNK):
            text[start:start + _CHUNK].encode("utf-16-le")
    except UnicodeEncodeError:
        return False
    return True


class Miss(Exception):
    """A value the fast path does not take; the converter will."""


def _miss() -> typing.NoReturn:
    raise Miss


def _seq(value: Any) -> Any:
    """A JSON array (a list; a tuple from ``from_dict`` of ``to_dict``'s output)."""
    if value.__class__ is list or value.__class__ is tuple:
        return value
    raise Miss


def _tuple(value: Any) -> Any:
    if value.__class__ is tuple:
        return value
    raise Miss


def _records(value: Any) -> Any:
    """A collection (:class:`~yifeng.model.Tasks` …) or a plain tuple of items."""
    if isinstance(value, tuple):
        return value
    raise Miss


def _items_in(value: Any, kind: type) -> tuple[object, ...]:
    """An array of exactly ``kind`` values (str, int or bool) as a tuple."""
    for item in _seq(value):
        if item.__class__ is not kind:
            raise Miss
    return tuple(value)


def _items_out(value: Any, kind: type) -> list[object]:
    for item in _tuple(value):
        if item.__class__ is not kind:
            raise Miss
    return list(value)


def _pairs_in(value: Any, kind: type) -> tuple[tuple[str, object], ...]:
    """A JSON object of ``kind`` values as (name, value) pairs."""
    if value.__class__ is not dict:
        raise Miss
    for item in value.values():
        if item.__class__ is not kind:
            raise Miss
    return tuple(value.items())


def _pairs_out(value: Any, kind: type) -> dict[str, object]:
    """(name, value) pairs as a dict, each value exactly ``kind`` (as the converter leaves it)."""
    out = {}
    for pair in _tuple(value):
        if pair.__class__ is not tuple or len(pair) != 2 or pair[1].__class__ is not kind:
            raise Miss
        out[pair[0]] = pair[1]
    return out


# -- writing: what json.dumps writes of each plain value ----------------------------------

def _text(value: Any) -> str:
    """A JSON string, as json writes it with ``ensure_ascii=False``."""
    if value.__class__ is str:
        return encode_basestring(value)
    raise Miss


def _number(value: Any) -> str:
    if value.__class__ is int:
        return int.__repr__(value)
    raise Miss


def _boolean(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise Miss


_WRITE_PLAIN: Final = {str: "_text", int: "_number", bool: "_boolean"}


def _array(parts: list[str], nl: str | None) -> str:
    """A JSON array of written values: compact (``nl`` None) or, as ``indent=2`` lays
    it out, one value a line under the array's own level ``nl`` (newline and indentation)."""
    if nl is None:
        return "[" + ",".join(parts) + "]"
    if not parts:
        return "[]"
    inner = nl + "  "
    return "[" + inner + ("," + inner).join(parts) + nl + "]"


def _spread(parts: list[str], nl: str | None) -> list[str]:
    """:func:`_array` as pieces for one final join: a document's long arrays are not
    copied into a string of their own first (at 100,000 rows each copy of the text costs
    as much as writing a fifth of the rows)."""
    if not parts:
        return ["[]"]
    inner = "" if nl is None else nl + "  "
    pieces = ["," + inner] * (2 * len(parts))  # a separator before each value …
    pieces[1::2] = parts
    pieces[0] = "[" + inner  # … but the first
    pieces.append("]" if nl is None else nl + "]")
    return pieces


def _named(pairs: Any, write: Callable[[Any], str], nl: str | None) -> str:
    """(name, value) pairs as the JSON object the converter's dict is written as."""
    names = [name for name, _ in _tuple(pairs)]
    if len(set(names)) != len(names):
        raise Miss  # a dict keeps one of each, in its own order: the converter's way
    sep = ":" if nl is None else ": "
    parts = [_text(name) + sep + write(value) for name, value in pairs]
    if nl is None:
        return "{" + ",".join(parts) + "}"
    if not parts:
        return "{}"
    inner = nl + "  "
    return "{" + inner + ("," + inner).join(parts) + nl + "}"


def _kind(hint: Any) -> tuple[str, Any]:
    """How the fast path handles a field type: (kind, the type it is about)."""
    if hint in _PLAIN:
        return "plain", hint
    if hint is dt.date:
        return "date", hint
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        plain_values = all(type(m.value) in (str, int) for m in hint)
        # cattrs unstructures a typed enum's value with its own hook: not a plain value.
        typed = "_value_" in hint.__dict__.get("__annotations__", {})
        return ("enum", hint) if plain_values and not typed else ("other", hint)
    if isinstance(hint, type) and attrs.has(hint):
        return "class", hint
    item = tuple_type(hint)
    if item is not None:
        inner = _kind(typing.get_args(item)[0])
        return ("records", hint) if inner[0] == "class" else ("other", hint)
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in _PLAIN:
                return "items", args[0]
            if typing.get_origin(args[0]) is tuple:
                pair = typing.get_args(args[0])
                if len(pair) == 2 and pair[0] is str and pair[1] in _PLAIN:
                    return "pairs", pair[1]
            if _kind(args[0])[0] == "class":
                return "tuple", args[0]
        return "other", hint
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) == 1 and len(typing.get_args(hint)) == 2:
            inner = _kind(members[0])
            if inner[0] in ("plain", "date", "enum", "class"):
                return "optional-" + inner[0], inner[1]
    return "other", hint


_MEMO_TRIAL: Final = 64  # objects made before a memo may be given up for the reading
_MEMO_KEPT: Final = 1 << 14  # objects a memo holds at most


class _Memo:
    """The objects of one class made in a reading of JSON text, by the marshal bytes of
    the JSON object each was made of: equal bytes are the same JSON value with the same
    types (``==`` would take ``true`` for ``1``, ``1.0`` for ``1``), from which the class
    makes equal objects (frozen: one can serve every place). Only of what json read
    (the functions for plain text): a caller's dict may hold objects that marshal writes
    alike (anything with a buffer, as bytes). A document repeats its responsibilities,
    deadlines and units down thousands of tasks; what was made once is taken again. A
    memo whose first objects are mostly new (a source per row) is given up for the
    reading."""

    __slots__ = ("made", "misses", "hits")

    def __init__(self) -> None:
        self.made: dict[bytes, object] | None = {}
        self.misses = 0
        self.hits = 0

    def reset(self) -> None:
        self.made, self.misses, self.hits = {}, 0, 0

    def keep(self, key: bytes, made: object) -> None:
        self.misses += 1
        if self.misses >= _MEMO_TRIAL and self.hits * 3 < self.misses:
            self.made = None  # fewer than one in four taken again: not worth the bytes
        elif (kept := self.made) is not None and len(kept) < _MEMO_KEPT:
            kept[key] = made


class Generator:
    """The functions for model classes, generated on first use (one thread at a time)."""

    def __init__(self) -> None:
        self._namespace: dict[str, Any] = {
            "Miss": Miss, "_miss": _miss, "_seq": _seq, "_tuple": _tuple, "_records": _records,
            "_items_in": _items_in, "_items_out": _items_out, "_pairs_in": _pairs_in, "_pairs_out": _pairs_out,
            "_fromiso": dt.date.fromisoformat, "_iso": dt.date.isoformat, "_date": dt.date,
            "_text": _text, "_number": _number, "_boolean": _boolean, "_array": _array, "_spread": _spread,
            "_named": _named,
            "_esc": encode_basestring, "_int": int.__repr__,
            "str": str, "int": int, "bool": bool, "_marshal": marshal.dumps,
        }
        self._names: dict[int, str] = {}
        self._lock = threading.RLock()
        self._made: dict[tuple[str, type], Callable[..., Any]] = {}
        self._memos: list[_Memo] = []
        self._hooks: dict[tuple[type, ...], Callable[[dict[str, Any]], object]] = {}

    def _name(self, value: object) -> str:
        """A name for ``value`` in the generated code's namespace."""
        if id(value) not in self._names:  # by identity: a dict is no key (the namespace keeps it alive)
            self._names[id(value)] = name = f"_n{len(self._names)}"
            self._namespace[name] = value
        return self._names[id(value)]

    def _fields(self, cls: type) -> list[tuple[attrs.Attribute[Any], Any]] | None:
        fields = attrs.fields(cls)
        if not fields or any(not f.init for f in fields):
            return None  # cattrs leaves init=False fields out; not worth copying how
        hints = typing.get_type_hints(cls)
        return [(f, hints[f.name]) for f in fields]

    def _get(self, what: str, cls: type) -> Callable[..., Any]:
        made = self._made.get((what, cls))
        if made is None:
            with self._lock:
                made = self._generate(what, cls)
        return made

    def _generate(self, what: str, cls: type, *, nested: bool = False) -> Callable[..., Any]:
        """The function ``what`` of ``cls`` — "u", "s": unstructure, structure ("t": of
        plain text); "c", "i": compact or indented writer; "C", "I": the same for a whole
        document — and those of the classes in its fields."""
        if (what, cls) in self._made:
            return self._made[what, cls]
        name = f"{what}_{self._name(cls)}"
        self._made[what, cls] = _missing  # a class that contains itself: its name is enough
        fields = self._fields(cls)
        if fields is None:
            source = f"def {name}(o, d=0):\n    _miss()\n"
        else:
            source = {"u": self._unstructure_source, "s": self._structure_source, "t": self._structure_source,
                      "c": self._writer_source,
                      "i": self._writer_source, "C": self._document_source, "I": self._document_source,
                      }[what](name, cls, fields, what in "iI")
            if nested and what == "t" and self._memo_worthy(cls):
                source = self._memo_source(name, _DEEPEST - self._height(cls)) + source.replace(
                    f"def {name}(", f"def {name}_made(", 1)
        exec(source, self._namespace)  # noqa: S102 - our own code, from the field types
        self._made[what, cls] = self._namespace[name]
        inner = self._nested(cls)
        for part in self._parts(cls):
            self._generate(what.lower(), part, nested=part in inner)  # a document's parts are written as objects
        return self._made[what, cls]

    def _memo_source(self, name: str, deepest: int) -> str:
        """A structure function ``name`` that makes each distinct JSON object once in a
        reading (see :class:`_Memo`), by ``{name}_made``; at a depth past ``deepest``,
        where the objects inside it may be too deep, it always makes it."""
        memo = _Memo()
        self._memos.append(memo)
        return (f"def {name}(o, d=0):\n"
                f"    made = {self._name(memo)}.made\n"
                f"    if made is None or d > {deepest}:\n        return {name}_made(o, d)\n"
                f"    try:\n        k = _marshal(o)\n    except ValueError:\n        return {name}_made(o, d)\n"
                f"    x = made.get(k)\n"
                f"    if x is None:\n        x = {name}_made(o, d)\n        {self._name(memo)}.keep(k, x)\n"
                f"    else:\n        {self._name(memo)}.hits += 1\n"
                f"    return x\n")

    def fresh(self) -> None:
        """Forget the objects made so far (a reading begins or ends)."""
        for memo in self._memos:
            memo.reset()

    def _memo_worthy(self, cls: type) -> bool:
        """Whether one object of ``cls`` may serve every place a document repeats it: a
        value — frozen and compared by its fields (attrs makes such a class hashable;
        one whose objects can change has no hash) — holding no collection of items (a
        ledger's rows, a phase's tasks) and nothing that nests without end (sections)
        anywhere inside: those are big, seldom repeated, and not worth their marshal
        bytes."""
        own = vars(cls)
        if "__eq__" not in own or own.get("__hash__") is None:
            return False
        within = self._within(cls)
        return not any(c in self._within(c) for c in (cls, *within)) and not any(
            kind == "records" for c in (cls, *within) for _, hint in self._fields(c) or () for kind, _ in [_kind(hint)])

    def _height(self, cls: type) -> int:
        """How many levels of objects may lie inside an object of ``cls`` (a class that
        :meth:`_memo_worthy` takes: nothing nests without end)."""
        return max((1 + self._height(part) for part in self._parts(cls)), default=0)

    def _nested(self, cls: type) -> set[type]:
        """The classes of objects in ``cls``'s fields alone or in tuples: values such as a
        responsibility or a deadline, which a document repeats — not the items of
        collections (rows, tasks: each its own)."""
        return {about for _, hint in self._fields(cls) or () for kind, about in [_kind(hint)]
                if kind in ("class", "optional-class", "tuple")}

    def _parts(self, cls: type) -> list[type]:
        """The classes of the objects in ``cls``'s fields (alone, optional or in arrays)."""
        parts = []
        for _, hint in self._fields(cls) or ():
            kind, about = _kind(hint)
            if kind in ("class", "optional-class", "tuple"):
                parts.append(about)
            elif kind == "records":
                parts.append(typing.get_args(tuple_type(about))[0])
        return parts

    # -- unstructure -----------------------------------------------------------------
    def unstructure(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        """The function from an instance of exactly ``cls`` to the converter's dict of it."""
        return self._get("u", cls)

    def _unstructure_source(self, name: str, cls: type, fields: list[tuple[Any, Any]], _: bool) -> str:
        entries = "".join(f"        {f.name!r}: {self._out(hint, f'o.{f.name}', f'_v{i}')},\n"
                          for i, (f, hint) in enumerate(fields))
        return f"def {name}(o):\n    return {{\n{entries}    }}\n"

    def _out(self, hint: Any, get: str, var: str) -> str:
        """An expression for the converter's JSON form of ``get`` (read once, into ``var``):
        values as they are, "" for absent text, ISO dates, enum values, dicts and lists."""
        kind, about = _kind(hint)
        v = f"({var} := {get})"
        if kind in ("plain", "optional-plain"):
            return f"({get} or '')" if kind == "optional-plain" and about is str else get
        if kind == "date":
            return f"_iso({get})"
        if kind == "optional-date":
            return f"(None if {v} is None else _iso({var}))"
        if kind in ("enum", "optional-enum", "class", "optional-class"):
            cls = self._name(about)
            value = f"{var}._value_" if kind.endswith("enum") else f"u_{cls}({var})"
            if kind.startswith("optional"):
                return f"(None if {v} is None else {value} if {var}.__class__ is {cls} else _miss())"
            return f"({value} if {v}.__class__ is {cls} else _miss())"
        if kind in ("records", "tuple"):
            records = kind == "records"
            item = self._name(typing.get_args(tuple_type(about))[0] if records else about)
            each = "_records" if records else "_tuple"
            return f"[(u_{item}(i) if i.__class__ is {item} else _miss()) for i in {each}({get})]"
        if kind == "items":
            return f"([] if {v} == () and {var}.__class__ is tuple else _items_out({var}, {about.__name__}))"
        if kind == "pairs":
            return f"({{}} if {v} == () and {var}.__class__ is tuple else _pairs_out({var}, {about.__name__}))"
        return "_miss()"

    # -- structure -------------------------------------------------------------------
    def structure(self, cls: type, *, plain_text: bool = False) -> Callable[[Any], Any]:
        """The function from a JSON-ready dict to an instance of ``cls``.

        ``plain_text``: the dict is what json read, with :meth:`hook` or without, from a
        text without lone surrogates (see :func:`no_surrogates`), so the text fields'
        check for them is not run again, and an object the hook made is taken as it is."""
        return self._get("t" if plain_text else "s", cls)

    def hook(self, roots: tuple[type, ...]) -> Callable[[dict[str, Any]], object]:
        """An ``object_hook`` for json reading a document of one of the classes ``roots``
        from plain text, making each item of a collection (a task of
        :class:`~yifeng.model.Tasks`, a row of :class:`~yifeng.model.LedgerRows` …) as
        soon as json has read its JSON object, while the object and those in it are in
        the cache, by the function ``structure(…, plain_text=True)`` would call on it.
        An object is taken for an item when it has as many members as the item's class
        has fields and the first is named as that class's first, no other class of such a
        document having that shape; anything the function does not take is left a dict,
        which the structure functions then take or refuse as they would have.

        Only items of classes outside any cycle (sections in sections) are made here:
        nested at most as deep as there are classes, which is within the structure
        functions' limit on nesting, so it does not matter at what depth the hook finds
        them."""
        made = self._hooks.get(roots)
        if made is not None:
            return made
        with self._lock:
            within = {c: self._within(c) for c in self._within(*roots)}
            cyclic = {c for c, below in within.items() if c in below}
            shapes: dict[int, dict[str, list[type]]] = {}
            for c in within:
                if self._fields(c) is not None:
                    fields = attrs.fields(c)
                    shapes.setdefault(len(fields), {}).setdefault(fields[0].name, []).append(c)
            items = {typing.get_args(tuple_type(about))[0] for c in (*roots, *within) for _, hint in self._fields(c) or ()
                     for kind, about in [_kind(hint)] if kind == "records"}
            table: dict[int, dict[str, Callable[..., Any]]] = {}
            for c in items:
                if self._fields(c) is None:
                    continue
                size, first = len(attrs.fields(c)), attrs.fields(c)[0].name
                alone = shapes[size][first] == [c]
                if alone and len(within) <= _DEEPEST and not cyclic & ({c} | within[c]) and not any(
                        c in within[k] for k in cyclic):
                    table.setdefault(size, {})[first] = self._get("t", c)
            # A size no other class has needs no look at the first name.
            made = self._hooks[roots] = _hook({size: next(iter(functions.values())) if len(shapes[size]) == 1 else functions
                                               for size, functions in table.items()})
        return made

    def _within(self, *roots: type) -> set[type]:
        """The classes of the objects anywhere inside objects of ``roots`` (not ``roots``
        themselves, unless an object of one can be inside another)."""
        found: set[type] = set()
        todo = [part for root in roots for part in self._parts(root)]
        while todo:
            cls = todo.pop()
            if cls not in found:
                found.add(cls)
                todo += self._parts(cls)
        return found

    def _structure_source(self, name: str, cls: type, fields: list[tuple[Any, Any]], _: bool) -> str:
        what = name[0]  # "s", or "t" for plain text
        keys = self._name(frozenset(f.name for f, _ in fields))
        call = self._name(cls)
        each = "".join(f"    if {f.name!r} in o:\n        kw[{f.alias!r}] = {self._in(hint, f'o[{f.name!r}]', what)}\n"
                       for f, hint in fields)
        # With every key there (a KeyError otherwise), none is unknown. ``d`` is the
        # nesting: sections in sections deeper than any document are left to the
        # converter, which refuses them when they exhaust the stack (as it always did).
        every = self._construct(cls, fields, what)
        if every is None:
            values = ", ".join(f"{f.alias}={self._in(hint, f'o[{f.name!r}]', what)}" for f, hint in fields)
            every = f"        return {call}({values})\n"
        return (f"def {name}(o, d=0):\n"
                f"    if o.__class__ is not dict or d > {_DEEPEST}:\n        _miss()\n"
                f"    if len(o) == {len(fields)}:\n{every}"
                f"    if not o.keys() <= {keys}:\n        _miss()\n"
                f"    kw = {{}}\n{each}    return {call}(**kw)\n")

    def _construct(self, cls: type, fields: list[tuple[Any, Any]], what: str) -> str | None:
        """Lines making the instance of ``cls`` its ``__init__`` would make of the values
        read: each converted and stored, every validator run on it (but the text check,
        for plain text), then ``__attrs_post_init__``; None when only ``__init__`` can.

        The values are stored through a subclass adding nothing but ordinary assignment
        (the class refuses it), and the object then made of ``cls``: this stores a value
        in a few nanoseconds where ``object.__setattr__`` takes a hundred, which for a
        document of 100,000 ledger rows is some 200 ms, a third of what json.loads takes."""
        opened = opened_subclass(cls)
        if opened is None:
            return None
        stores, checks = [], []
        for n, (f, hint) in enumerate(fields):
            value = self._in(hint, f"o[{f.name!r}]", what)
            if f.converter is _blank_is_none and _kind(hint) == ("optional-plain", str):
                pass  # the value read is already text or None: converting it changes nothing
            elif f.converter is not None:
                if not callable(f.converter) or isinstance(f.converter, CONVERTER_CLASSES):
                    return None  # one taking the instance or the field: __init__'s way
                value = f"{self._name(f.converter)}({value})"
            stores.append(f"        x.{f.name} = _v{n} = {value}\n")
            checks += [f"        {self._name(check)}(x, {self._name(f)}, _v{n})\n"
                       for check in checks_of(f.validator, plain_text=what == "t")]
        post = "        x.__attrs_post_init__()\n" if getattr(cls, "__attrs_post_init__", False) else ""
        return (f"        x = {self._name(opened)}()\n{''.join(stores)}        x.__class__ = {self._name(cls)}\n"
                f"{''.join(checks)}{post}        return x\n")

    def _in(self, hint: Any, get: str, what: str) -> str:
        """An expression for the model value of the JSON value ``get`` (read once), nested
        objects read by the structure functions ``what`` ("s" or "t")."""
        kind, about = _kind(hint)
        t = f"(_t := {get})"
        if kind == "plain":
            return f"(_t if {t}.__class__ is {about.__name__} else _miss())"
        if kind == "optional-plain":
            if about is str:  # must be a string; "" is None
                return f"((_t or None) if {t}.__class__ is str else _miss())"
            return f"(_t if {t} is None or _t.__class__ is {about.__name__} else _miss())"
        if kind == "date":
            return f"(_fromiso(_t) if {t}.__class__ is str else _miss())"
        if kind == "optional-date":
            return f"(None if {t} is None else _fromiso(_t) if _t.__class__ is str else _miss())"
        if kind == "enum":
            return f"{self._name(about._value2member_map_)}[{get}]"
        if kind == "optional-enum":
            return f"(None if {t} is None else {self._name(about._value2member_map_)}[_t])"
        if kind in ("class", "optional-class", "records", "tuple"):
            item = self._name(typing.get_args(tuple_type(about))[0] if kind == "records" else about)
            # From plain text, an object may have been made by the hook: it is taken as it is.
            each = f"(i if i.__class__ is {item} else t_{item}(i, d + 1))" if what == "t" else f"s_{item}(i, d + 1)"
            if kind == "records":
                return f"{self._name(about)}([{each} for i in _seq({get})])"
            if kind == "tuple":  # mostly empty: made without a call
                return (f"(() if {t}.__class__ is list and not _t else "
                        f"tuple([{each} for i in (_t if _t.__class__ is list else _seq(_t))]))")
            if what == "t" and kind == "optional-class":
                return f"(None if {t} is None else _t if _t.__class__ is {item} else t_{item}(_t, d + 1))"
            if what == "t":
                return f"(_t if {t}.__class__ is {item} else t_{item}(_t, d + 1))"
            return f"(None if {t} is None else s_{item}(_t, d + 1))" if kind == "optional-class" else f"s_{item}({get}, d + 1)"
        if kind == "items":
            return f"(() if {t} == [] and _t.__class__ is list else _items_in(_t, {about.__name__}))"
        if kind == "pairs":
            return f"(() if {t} == {{}} and _t.__class__ is dict else _pairs_in(_t, {about.__name__}))"
        return "_miss()"

    # -- writing ---------------------------------------------------------------------
    def writer(self, cls: type, *, indent: bool) -> Callable[[Any, str | None], str]:
        """The function writing an instance of exactly ``cls`` as ``json.dumps`` writes
        the converter's dict of it (``ensure_ascii=False``): compact, with the separators
        "," and ":", or as ``indent=2`` lays it out, the second argument being the object's
        own level (a newline and its indentation)."""
        return self._get("i" if indent else "c", cls)

    def _writer_source(self, name: str, cls: type, fields: list[tuple[Any, Any]], indent: bool) -> str:
        # Each value into a local, then one f-string; "i" is the members' level.
        values = "".join(f"    _w{n} = {self._write(hint, f'o.{f.name}', indent)}\n" for n, (f, hint) in enumerate(fields))
        if indent:
            members = ",".join(f'{{i}}"{f.name}": {{_w{n}}}' for n, (f, _) in enumerate(fields))
            body = f"    return f'{{{{{members}{{nl}}}}}}'\n"
            return f"def {name}(o, nl):\n    i = nl + '  '\n    ii = i + '  '\n{values}{body}"
        members = ",".join(f'"{f.name}":{{_w{n}}}' for n, (f, _) in enumerate(fields))
        return f"def {name}(o, nl=None):\n{values}    return f'{{{{{members}}}}}'\n"

    def document(self, cls: type, *, indent: bool) -> Callable[[Any, str | None, str], str]:
        """Like :meth:`writer`, for a whole document: ``head`` is written before the first
        member (``schema_version`` and ``type``), and the text is joined once."""
        return self._get("I" if indent else "C", cls)

    def _document_source(self, name: str, cls: type, fields: list[tuple[Any, Any]], indent: bool) -> str:
        level = "i" if indent else "None"
        lines = [f"def {name}(o, nl, head):\n"] + (["    i = nl + '  '\n    ii = i + '  '\n"] if indent else [])
        literal, pieces = "{{{head}", []
        for n, (f, hint) in enumerate(fields):
            key = f'{{i}}"{f.name}": ' if indent else f'"{f.name}":'
            literal += ("," if n else "") + key
            kind, about = _kind(hint)
            if kind in ("records", "tuple"):  # a long array: its pieces go into the one join
                records = kind == "records"
                item = self._name(typing.get_args(tuple_type(about))[0] if records else about)
                each = "_records" if records else "_tuple"
                inner = "ii" if indent else "None"
                lines.append(f"    _p{n} = [({_prefix(indent)}_{item}(x, {inner}) if x.__class__ is {item} else _miss())"
                             f" for x in {each}(o.{f.name})]\n")
                pieces += [f"f'{literal}'", f"*_spread(_p{n}, {level})"]
                literal = ""
            else:
                lines.append(f"    _w{n} = {self._write(hint, f'o.{f.name}', indent)}\n")
                literal += f"{{_w{n}}}"
        literal += "{nl}}}" if indent else "}}"
        pieces.append(f"f'{literal}'")
        lines.append(f"    return ''.join([{', '.join(pieces)}])\n")
        return "".join(lines)

    def _write(self, hint: Any, get: str, indent: bool) -> str:
        """An expression for the JSON text of ``get``: what json writes of the converter's
        form of it. ``i`` is the level of the member it is the value of."""
        kind, about = _kind(hint)
        level = "i" if indent else "None"
        # The value is read once, into _v: in a condition, or first of an alternative.
        if kind == "plain" and about is bool:
            return f"('true' if (_v := {get}) is True else 'false' if _v is False else _miss())"
        if kind in ("plain", "optional-plain") and about is not bool:
            write = "_esc" if about is str else "_int"
            text = f"{write}(_v) if _v.__class__ is {about.__name__} else _miss()"
            if kind == "plain":
                return f"({write}(_v) if (_v := {get}).__class__ is {about.__name__} else _miss())"
            absent = "'\"\"'" if about is str else "'null'"  # absent text is "", any other absent value null
            return f"({absent} if (_v := {get}) is None else {text})"
        if kind == "optional-plain":
            return f"('null' if (_v := {get}) is None else _boolean(_v))"
        if kind == "date":
            return f"('\"' + _iso(_v) + '\"' if (_v := {get}).__class__ is _date else _miss())"
        if kind == "optional-date":
            return f"('null' if (_v := {get}) is None else '\"' + _iso(_v) + '\"' if _v.__class__ is _date else _miss())"
        if kind in ("enum", "optional-enum", "class", "optional-class"):
            cls = self._name(about)
            if kind.endswith("enum"):
                texts = self._name({member: json.dumps(member.value, ensure_ascii=False) for member in about})
                text = f"{texts}[_v]"
            else:
                text = f"{_prefix(indent)}_{cls}(_v, {level})"
            if kind.startswith("optional"):
                return f"('null' if (_v := {get}) is None else {text} if _v.__class__ is {cls} else _miss())"
            return f"({text} if (_v := {get}).__class__ is {cls} else _miss())"
        if kind in ("records", "tuple"):
            records = kind == "records"
            item = self._name(typing.get_args(tuple_type(about))[0] if records else about)
            inner = "ii" if indent else "None"
            each = "_records" if records else "_tuple"
            parts = f"[({_prefix(indent)}_{item}(x, {inner}) if x.__class__ is {item} else _miss()) for x in {each}(_v)]"
            return f"('[]' if not (_v := {get}) and isinstance(_v, tuple) else _array({parts}, {level}))"
        # Mostly empty: said without a call.
        if kind == "items":
            parts = f"[{_WRITE_PLAIN[about]}(x) for x in _tuple(_v)]"
            return f"('[]' if (_v := {get}).__class__ is tuple and not _v else _array({parts}, {level}))"
        if kind == "pairs":
            return f"('{{}}' if (_v := {get}).__class__ is tuple and not _v else _named(_v, {_WRITE_PLAIN[about]}, {level}))"
        return "_miss()"


def _hook(table: dict[int, Any]) -> Callable[[dict[str, Any]], object]:
    """The object_hook of :meth:`Generator.hook`: ``table`` gives by the number of
    members the function making an object of that many, or by the name of the first
    member, the functions for objects of that many."""

    def hook(o: dict[str, Any]) -> object:
        make: Any = table.get(len(o))
        if make is None:
            return o
        if make.__class__ is dict:
            for first in o:
                make = make.get(first)
                break
            if make is None:
                return o
        try:
            return make(o)
        except Exception:  # noqa: BLE001 - left a dict: its structure function says what is wrong
            return o

    return hook


def _prefix(indent: bool) -> str:
    """The prefix of a writer's name."""
    return "i" if indent else "c"


def _missing(*_: object) -> typing.NoReturn:
    """Stands for a function while it is being generated (a class that contains itself)."""
    raise Miss
