"""The one guarded boundary every workbook and Word file passes before a parser sees it.

A file an office uploads may be damaged, mutated or built to hurt: a zip whose 1 MB holds
a 1 GB part, a sheet claiming ``<row r="999999999">`` (openpyxl walks every missing row;
calamine allocates them all and aborts the interpreter), a shared-string table declaring
four billion entries, a date of -1e309 that makes calamine panic with a ``BaseException``.
Everything that can end or stall the process is refused here, before the engine is
called, against :class:`Limits` a caller can raise; everything an engine still raises is
translated into :class:`~yifeng.errors.TableFormatError` naming the file and sheet.

The sheet scan also gives what the engines do not agree on: merged ranges (openpyxl's
read-only mode has none), error cells (calamine reads #REF! as empty) and formulas
without a cached value (both read them as empty).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Final, NamedTuple

import attrs

from yifeng.errors import TableFormatError, YifengError

if TYPE_CHECKING:
    from xml.parsers.expat import XMLParserType

_MIB: Final = 1 << 20


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value <= 0:
        raise ValueError(f"Limits.{attribute.name} must be a positive integer, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """How much a workbook or Word file may hold before yifeng refuses to open it.

    The defaults admit any real 分工表, 台账 or notice (a 100,000-row ledger is about
    3 % of each) and refuse what would take the machine down. A caller with larger files
    raises the one that stops them::

        read_ledger(path, limits=Limits(rows=2_000_000, cells=40_000_000))
    """

    file_bytes: int = attrs.field(default=256 * _MIB, validator=_positive)
    """The file itself."""
    part_bytes: int = attrs.field(default=128 * _MIB, validator=_positive)
    """One part of the zip, uncompressed (a sheet, the shared strings, document.xml)."""
    total_bytes: int = attrs.field(default=512 * _MIB, validator=_positive)
    """All parts together, uncompressed."""
    ratio: int = attrs.field(default=200, validator=_positive)
    """How many times larger than its compressed size a part over 1 MiB may be."""
    parts: int = attrs.field(default=10_000, validator=_positive)
    """Entries in the zip."""
    rows: int = attrs.field(default=1_048_576, validator=_positive)
    """The highest row number a sheet may use (Excel's own limit)."""
    columns: int = attrs.field(default=16_384, validator=_positive)
    """The highest column a sheet may use (Excel's own limit, XFD)."""
    cells: int = attrs.field(default=20_000_000, validator=_positive)
    """The area a sheet's cells span, rows × columns, first cell to last."""
    strings: int = attrs.field(default=10_000_000, validator=_positive)
    """Entries a shared-string table may declare."""
    merges: int = attrs.field(default=1_000_000, validator=_positive)
    """Merged ranges one sheet may declare (a 分工表 of 100,000 tasks has some 20,000)."""
    span: int = attrs.field(default=64, validator=_positive)
    """Columns one Word table cell may span (Word itself allows 63)."""


DEFAULT_LIMITS: Final = Limits()

# -- the container ------------------------------------------------------------------------------


def sniff(source: str | os.PathLike[str] | IO[bytes], name: str, kind: str) -> bytes:
    """The first bytes of ``source`` (a stream is read from its start and left where it
    was), refusing a missing, unreadable or empty file in Chinese; ``kind`` is what it
    should be ("Excel 工作簿", "Word 文件")."""
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                head = handle.read(8)
        else:
            # A file's head is at its start, wherever the stream was left (a BytesIO just
            # written is at its end; the zip reader reads it from the start anyway).
            position = source.tell()
            source.seek(0)
            head = source.read(8)
            source.seek(position)
    except FileNotFoundError:
        raise TableFormatError(f"{name}：文件不存在") from None
    except IsADirectoryError:
        raise TableFormatError(f"{name}：这是一个文件夹，不是{kind}") from None
    except OSError as exc:
        raise TableFormatError(f"{name}：无法读取文件（{exc.strerror or exc}）") from None
    if not head:
        raise TableFormatError(f"{name}：文件是空的（0 字节），不是{kind}")
    return head


_DTD: Final = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_HEAD: Final = 4096


def _part_key(path: str) -> str:
    return path.replace("\\", "/").lower()


class Container:
    """A zip checked against :class:`Limits`: its directory on opening, each part's real
    size and checksum when it is read."""

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self._read_total = 0
        size = _size(source)
        if size is not None and size > limits.file_bytes:
            raise TableFormatError(f"{name}：文件有 {_mb(size)}，超过上限 {_mb(limits.file_bytes)}"
                                   "（可用 limits=Limits(file_bytes=…) 放宽）")
        # A small file is read once, whole: its parts are then taken from memory (see _plain).
        self._raw = _whole(source, size) if size is not None and size <= _HELD else None
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(self._raw) if self._raw is not None else source)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
                NotImplementedError) as exc:
            raise TableFormatError(f"{name}：文件不完整或已损坏（无法解压：{_why(exc)}），请重新获取原文件") from None
        if len(infos) > limits.parts:
            raise TableFormatError(f"{name}：压缩包中有 {len(infos)} 个部件，超过上限 {limits.parts}，不像 Office 文件")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise TableFormatError(f"{name}：文件中的“{info.filename}”被加密，无法读取")
            self._check_size(info, info.file_size)
            total += info.file_size
        if total > limits.total_bytes:
            raise TableFormatError(f"{name}：解压后共有 {_mb(total)}，超过上限 {_mb(limits.total_bytes)}"
                                   "（可用 limits=Limits(total_bytes=…) 放宽）")
        self.names = {info.filename for info in infos}
        # calamine finds a part by its name in lower case with "\\" as "/": two parts that
        # meet so would let it read another part than the one checked.
        self._by_key: dict[str, str] = {}
        for part in sorted(self.names):
            other = self._by_key.setdefault(_part_key(part), part)
            if other != part:
                raise TableFormatError(f"{name}：压缩包中的“{other}”和“{part}”名字只差大小写或斜杠，"
                                       "Office 文件不会这样写，已拒绝打开")
        # Where each part's data must end: the next part's header, or the directory (as
        # zipfile itself, from Python 3.12, refuses overlapping parts).
        self._ends: dict[int, int] = {}
        end = getattr(self.zip, "start_dir", 0)
        for info in sorted(infos, key=lambda i: i.header_offset, reverse=True):
            self._ends[id(info)] = end
            end = info.header_offset
        self._verified: set[str] = set()  # the parts read once already
        self._kept: dict[str, bytes] = {}  # parts verify() read that are wanted again

    def _check_size(self, info: zipfile.ZipInfo, size: int) -> None:
        limits = self.limits
        if size > limits.part_bytes:
            raise TableFormatError(f"{self.name}：部件“{info.filename}”解压后有 {_mb(size)}，超过上限 "
                                   f"{_mb(limits.part_bytes)}（可用 limits=Limits(part_bytes=…) 放宽）")
        if size > _MIB and size > limits.ratio * max(info.compress_size, 1):
            raise TableFormatError(f"{self.name}：部件“{info.filename}”从 {_mb(info.compress_size)} 解压为 "
                                   f"{_mb(size)}，压缩比异常（疑似压缩炸弹），已拒绝打开")

    def resolve(self, path: str) -> str | None:
        """The part calamine finds for ``path`` (case and "\\" aside), if any."""
        return self._by_key.get(_part_key(path))

    @property
    def held(self) -> bool:
        """Whether the file is held in memory (read whole, once): its source is no longer read."""
        return self._raw is not None

    def declared(self, part: str) -> int:
        """A part's size as the zip directory declares it (checked against what it holds
        when it is read)."""
        return self.zip.getinfo(part).file_size

    def read(self, part: str) -> bytes:
        """A part's bytes, after checking that it is what the directory says: no larger,
        its checksum right, no DTD (OOXML parts have none; entities are an attack)."""
        kept = self._kept.pop(part, None)
        if kept is not None:
            return kept
        try:
            info = self.zip.getinfo(part)
            data = self._plain(info) or self.zip.read(info)
        except KeyError:
            raise TableFormatError(f"{self.name}：缺少部件“{part}”，文件已损坏") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError) as exc:
            raise TableFormatError(f"{self.name}：部件“{part}”已损坏，无法解压（{_why(exc)}）") from None
        self._read_total += len(data)
        if self._read_total > self.limits.total_bytes:
            raise TableFormatError(f"{self.name}：解压后超过上限 {_mb(self.limits.total_bytes)}")
        if _DTD.search(data, 0, _HEAD):
            raise TableFormatError(f"{self.name}：部件“{part}”含有 DTD 或实体声明，Office 文件不会这样写，已拒绝打开")
        self._verified.add(part)
        return data

    def _plain(self, info: zipfile.ZipInfo) -> bytes | None:
        """A part of a file held in memory, read without zipfile's stream machinery when
        it is the plain case — stored or deflated, not encrypted, its local header naming
        it as the directory does, its data within its slot, of the size and checksum the
        directory gives — and so exactly what zipfile would read; None otherwise, and
        zipfile reads it, with its own checks and errors."""
        raw = self._raw
        if raw is None or info.flag_bits & ~0x808 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        at = info.header_offset
        header = raw[at:at + 30]
        if len(header) != 30 or not header.startswith(b"PK\x03\x04"):
            return None
        flags, name_length, extra_length = _LOCAL_FIELDS.unpack_from(header)
        start = at + 30 + name_length + extra_length
        end = start + info.compress_size
        try:
            name = raw[at + 30:at + 30 + name_length].decode("utf-8" if flags & 0x800 else "cp437")
            if name != info.orig_filename or end > self._ends.get(id(info), -1):
                return None
            if info.compress_type == zipfile.ZIP_STORED:
                data = raw[start:end]
            else:
                inflate = zlib.decompressobj(-15)
                data = inflate.decompress(raw[start:end], info.file_size + 1)
                if not inflate.eof:
                    return None
        except (ValueError, zlib.error):
            return None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return None
        return data

    def verify(self, parts: Iterator[str] | list[str], keep: frozenset[str] = frozenset()) -> None:
        """Read each of ``parts`` not read yet, once, so the engine never meets a part
        that lies; those in ``keep`` are kept for the next :meth:`read` of them."""
        for part in parts:
            if part in self.names and part not in self._verified:
                data = self.read(part)
                if part in keep:
                    self._kept[part] = data

    def close(self) -> None:
        self.zip.close()


_HELD: Final = 4 * _MIB  # files up to this size are read whole, once
_LOCAL_FIELDS: Final = struct.Struct("<6xH18xHH")  # a local file header's flags, name and extra lengths


def _whole(source: str | os.PathLike[str] | IO[bytes], size: int) -> bytes | None:
    """The bytes of a small file (a path, or a BytesIO); None for another stream."""
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                data = handle.read(size + 1)
            return data if len(data) == size else None  # changed while being read: zipfile reads it
        if isinstance(source, io.BytesIO):
            return source.getvalue()
    except OSError:
        return None
    return None


def _size(source: str | os.PathLike[str] | IO[bytes]) -> int | None:
    try:
        if isinstance(source, (str, os.PathLike)):
            return os.path.getsize(source)
        position = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(position)
        return end
    except (OSError, ValueError, AttributeError):
        return None


def _mb(size: int) -> str:
    return f"{size / _MIB:.1f} MB" if size >= _MIB else f"{size} 字节"


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


# -- a sheet --------------------------------------------------------------------------------------

_CELL_REF: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*?\br="([A-Za-z]+)([0-9]+)"')
_ROW_REF: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^<>]*?\br="([0-9]+)"')
_MERGE: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^<>]*?\bref="([^"]*)"')
_MERGE_PLAIN: Final = re.compile(rb'<mergeCell ref="([^"]*)"')
_RANGE: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?")
_WHOLE_CELL: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s([^<>]*?)(?:/>|>([^<]*(?:<(?!(?:[A-Za-z_][\w.-]*:)?c[\s/>]|/(?:[A-Za-z_][\w.-]*:)?c\s*>)[^<]*)*)</(?:[A-Za-z_][\w.-]*:)?c\s*>)")
"""A cell's attributes and content; the content never runs past the next cell's start,
so a cell left open (or a part of them) costs one pass, not one per cell."""
_ATTR_R: Final = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ATTR_ERROR: Final = re.compile(rb'\bt="e"')
_VALUE: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)</")
_FORMULA: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f(?:\s[^>]*)?>([^<]*)</")
# A formula element (not <firstHeader>, <firstFooter>): searched for so, twice as fast as with ``in``.
_FORMULA_START: Final = re.compile(rb"<f[\s>/]")
# The counts of the table's tag as XML allows them written: calamine reads them so, and
# reserves room for them.
_SST_COUNT: Final = re.compile(rb"""(?<![\w.:-])(?:[A-Za-z_][\w.-]*:)?(?:unique)?[Cc]ount\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class SheetScan(NamedTuple):
    """What the guard learnt from a sheet part: its merged ranges (clipped to the cells),
    error cells and formulas without a cached value, by (row, column), the cells whose
    text openpyxl leaves untrimmed (see :func:`_trimmed`), date cells below zero, and
    whether its text may hold an OOXML escape ("_x000D_": False when the part has no "_"
    and no character reference, so no text read from it can)."""

    merges: list[tuple[int, int, int, int]]
    errors: dict[tuple[int, int], str]
    formulas: dict[tuple[int, int], str]
    trims: dict[tuple[int, int], str] = {}
    dates: dict[tuple[int, int], str] = {}
    escapes: bool = True


def may_escape(part: bytes) -> bool:
    """Whether text read from ``part`` may contain "_x" (an OOXML escape, or its start):
    only if the part holds a "_", or a character reference that could write one."""
    return b"_" in part or _contains(part, b"&#")


_SPACE: Final = rb"(?:[ \t\r\n]|&#(?:0*(?:9|10|13|32)|[xX]0*(?:9|[aAdD]|20));)"
_EDGE_SPACE: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?t>(?:" + _SPACE + rb"[^<]*|[^<]*" + _SPACE + rb")</")
# Cheap tests before the search: any edge space starts right after "t>" or ends right
# before "</" (a regex behind a literal prefix, and plain byte searches, are fast).
_EDGE_START: Final = re.compile(rb"t>[ \t\r\n&]")
# " </", "\n</", "\t</", "\r</" or ";</": one search behind the literal "</" (a pattern that
# opens with a character class makes the regex engine try every byte, ten times slower).
_EDGE_END: Final = re.compile(rb"</(?<=[ \n\t\r;]</)")


def _edge_space(data: bytes) -> bool:
    """Whether some <t> without xml:space="preserve" has white space at an edge."""
    hinted = _EDGE_START.search(data) is not None or _EDGE_END.search(data) is not None
    return hinted and _EDGE_SPACE.search(data) is not None


def _contains(data: bytes, needle: bytes) -> bool:
    """``needle in data``, looked for at the occurrences of its first byte while they are
    few (a tab, a line break or "_" in a sheet part): a search for one byte is many times
    faster than a search for several."""
    first = needle[:1]
    at = data.find(first)
    for _ in range(32):
        if at < 0:
            return False
        if data.startswith(needle, at):
            return True
        at = data.find(first, at + 1)
    return needle in data


_STRING_ITEM: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(si|is)>([^<]*(?:<(?!(?:[A-Za-z_][\w.-]*:)?(?:si|is)>)[^<]*)*?)</(?:[A-Za-z_][\w.-]*:)?\1>")
_PHONETIC: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?rPh\b[^<]*(?:<(?!(?:[A-Za-z_][\w.-]*:)?rPh\b)[^<]*)*?</(?:[A-Za-z_][\w.-]*:)?rPh>")
_RUN_TEXT: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?t(\s[^>]*)?>([^<]*)</")
_CHAR_REF: Final = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NAMED_REF: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_text(raw: bytes) -> str:
    """Character data as an XML parser gives it: line ends normalised, references resolved."""
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")

    def resolve(m: re.Match[str]) -> str:
        if m[3]:
            return _NAMED_REF[m[3]]
        try:
            return chr(int(m[1]) if m[1] else int(m[2], 16))
        except (ValueError, OverflowError):
            return m[0]

    return _CHAR_REF.sub(resolve, text) if "&" in text else text


_OOXML_ESCAPE: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")


def resolve_escapes(text: str) -> str:
    """OOXML's escapes in cell text resolved in one pass ("_x000D_" is a carriage return,
    "_x005F_x000D_" the literal text "_x000D_"); an escaped surrogate, which no text can
    hold, stays as written."""

    def one(match: re.Match[str]) -> str:
        code = int(match[1], 16)
        return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)

    return _OOXML_ESCAPE.sub(one, text) if "_x" in text else text


def _trimmed(inner: bytes) -> str | None:
    """How calamine reads a string item (<si> or <is>) whose text openpyxl gives otherwise:
    a <t> with spaces at an edge and no xml:space="preserve" is trimmed, as the format
    says, and OOXML's escapes ("_x000D_", "_x005F_") are resolved once, where openpyxl
    trims nothing and resolves some of them; None when both read it alike."""
    kept, trimmed = [], []
    for attributes, raw in _RUN_TEXT.findall(_PHONETIC.sub(b"", inner)):
        text = _xml_text(raw)
        kept.append(text)
        trimmed.append(text if attributes and b"preserve" in attributes else text.strip(" \t\n\r"))
    if b"_x" in inner:
        return resolve_escapes("".join(trimmed))
    return "".join(trimmed) if kept != trimmed else None


_STRING_START: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


_ITEM_NOT_PLAIN: Final = re.compile(rb"<si(?!>)")


def count_strings(table: bytes) -> int:
    """How many items the shared-string table holds."""
    if _ITEM_NOT_PLAIN.search(table) is None and not _contains(table, b":si"):
        return table.count(b"<si>")  # each item opens "<si>": counted without a regex
    return len(_STRING_START.findall(table))


def trimmed_strings(table: bytes) -> dict[int, str]:
    """Shared-string index → calamine's text, for the items :func:`_trimmed` changes."""
    if not _contains(table, b"_x") and not _edge_space(table):
        return {}
    trims: dict[int, str] = {}
    for index, (_, inner) in enumerate(_STRING_ITEM.findall(table)):
        if _EDGE_SPACE.search(inner) or b"_x" in inner:
            text = _trimmed(inner)
            if text is not None:
                trims[index] = text
    return trims


_SHARED_VALUE: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>\s*([0-9]+)\s*</")


def _trimmed_cells(data: bytes, shared: dict[int, str]) -> dict[tuple[int, int], str]:
    """(row, column) → calamine's text, for the cells whose string it trims."""
    if not shared and not _contains(data, b"_x") and not _edge_space(data):
        return {}
    cells: dict[tuple[int, int], str] = {}
    for attributes, inner in _WHOLE_CELL.findall(data):
        ref = _ATTR_R.search(attributes)
        if ref is None or not inner:
            continue
        text: str | None = None
        if b't="s"' in attributes and shared:
            index = _SHARED_VALUE.search(inner)
            text = shared.get(int(index[1])) if index else None
        elif b"is>" in inner and (_EDGE_SPACE.search(inner) or b"_x" in inner):
            text = _trimmed(inner)
        if text is not None:
            cells[int(ref[2]), column_number(ref[1].decode("ascii"))] = text
    return cells


_UNNAMED: Final = (re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,9}")[\s/>]'), re.compile(rb'<row(?! r="[0-9]{1,9}")[\s/>]'))
"""A cell or row without a well-formed r="…" first (calamine reads "xfd1048576", and
places a cell without one by counters no search follows)."""
_PREFIXED_CELL: Final = re.compile(rb":(?:c|row)[\s/>]")
"""A row or cell element with a namespace prefix (of any letters: "é:row")."""

# Gates: each search below, when it finds nothing, proves that several of the checks that
# follow would find nothing either, so those are skipped; when it finds something, every
# check runs as written. Each searches behind a literal prefix, which is fast.
_PREFIXED: Final = re.compile(rb":(?:row|c[\s/>]|is|mergeCell|f)")
"""Namespace prefixes on the elements the checks look at."""
_ODD_CELL: Final = re.compile(rb'<c(?! r="[A-Z][0-9]{1,9}")[\s/>]')
"""A cell without a well-formed r="…" first, or in a column past Z."""
_ODD_ROW: Final = re.compile(rb'<row(?! r="[0-9]{1,9}")[\s/>]')
"""A row without a well-formed r="…" first."""
_UNPLAIN_ATTRIBUTES: Final = (re.compile(rb"=\s"), re.compile(rb'="(?<=\s=")'),
                              re.compile(rb'r="(?<![^\s:"\']r=")(?<!<c r=")(?<!<row r=")(?<!xmlns:r=")'))
_QUOTED: Final = re.compile(rb"=\s*'")
"""Attributes written otherwise than office programs write them — single quotes (looked
for only where the part holds a "'"), spaces around "=" — and an r= anywhere but first in
a row's or cell's tag. XML allows all of it and calamine reads it (a second r=, the last
one; a key ending in a form feed, which Rust trims and ``\\s`` matches; one glued to the
previous value), so only where none of these
finds anything do the byte searches below see every row and cell where calamine will.
Text can match too (a formula "A1= B1"): that costs only the slower, exact reading."""
_ODD_TYPE: Final = re.compile(rb't="(?:s"(?!><v>)|e"|inlineStr"(?!><is>)|(?![sn]"|inlineStr")(?<= t="))')
"""A type other than a shared string, a number or an inline string, or one not followed
by its value: error cells, anything an engine may read otherwise."""
_STRAY_INLINE: Final = re.compile(rb'<is(?<!t="inlineStr"><is)[ >]')
"""An inline string not right after its cell's t="inlineStr"."""


class _Layout(NamedTuple):
    """What the gates proved about a sheet part."""

    prefixed: bool  # some element the checks look at has a namespace prefix
    regular: bool  # no prefixes; each row and cell names itself first, well formed, in columns A–Z
    # (and attributes plain)
    top: int | None = None  # regular, and no row or cell numbered above the last <row>, which is this
    typed: bool = False  # types only s (with its <v>), n, inlineStr (with its <is>); every <is> in a cell
    # so marked — learnt after the extent (see :func:`_typed`)
    attributes: bool = True  # written as office programs write them (see _UNPLAIN_ATTRIBUTES)


_LAST_ROW: Final = re.compile(rb'([0-9]{1,9})"')


@functools.lru_cache(maxsize=64)
def _bounded(last: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """:data:`_ODD_CELL` and :data:`_ODD_ROW` that also find a number above ``last``."""
    number = b'(?=[0-9]{1,9}")' + _below(last + 1, b'"')
    return re.compile(rb'<c(?! r="[A-Z]' + number + rb")[\s/>]"), re.compile(rb'<row(?! r="' + number + rb")[\s/>]")


def _layout(data: bytes) -> _Layout:
    prefixed = _PREFIXED.search(data) is not None
    if b"\x0c" in data or any(p.search(data) is not None for p in _UNPLAIN_ATTRIBUTES) \
            or b"'" in data and _QUOTED.search(data) is not None:
        return _Layout(prefixed, regular=False, attributes=False)
    top = None
    if not prefixed:
        # The last row's number, when it is one: the searches that prove the layout
        # regular then prove it the extent too, in the same passes.
        at = data.rfind(b'<row r="')
        found = _LAST_ROW.match(data, at + 8) if at >= 0 else None
        if found is not None:
            cells, rows = _bounded(int(found[1]))
            top = int(found[1]) if cells.search(data) is None and rows.search(data) is None else None
    regular = top is not None or not prefixed and _ODD_CELL.search(data) is None and _ODD_ROW.search(data) is None
    return _Layout(prefixed, regular, top)


def _typed(data: bytes, layout: _Layout) -> _Layout:
    """``layout`` with ``typed`` found."""
    typed = _ODD_TYPE.search(data) is None and not _contains(data, b'\tt="') and not _contains(data, b'\nt="') \
        and _STRAY_INLINE.search(data) is None and not (layout.prefixed and b":is" in data) \
        and not _mixed(data, layout.prefixed)
    return layout._replace(typed=typed)


_MIXED_CELL: Final = re.compile(rb"<c\s[^<>]*>[^<]")
_PREFIXED_MIXED_CELL: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*>[^<]")


def _mixed(data: bytes, prefixed: bool) -> bool:
    """Whether, in a part holding inline strings, a cell's tag is followed by text rather
    than by an element (or has a ">" inside it): that text can look like the rest of a
    tag (' t="inlineStr">') and fool the searches for types, so the cells are looked at
    one by one."""
    if b"<is" not in data and not (prefixed and b":is" in data):
        return False
    return (_PREFIXED_MIXED_CELL if prefixed else _MIXED_CELL).search(data) is not None


def _plain(data: bytes) -> bool:
    """Whether a sheet part has the common layout: no namespace prefixes, every row and
    cell carrying its r="…" first — so that checks can search for literal prefixes."""
    return _PREFIXED_CELL.search(data) is None and not any(p.search(data) for p in _UNNAMED)


def _columns_bound(data: bytes, narrow: bool) -> int:
    """26 when the cells (in the common layout) lie in columns A–Z, 702 in A–ZZ, else 0."""
    return 26 if narrow or not re.search(rb'<c r="[A-Z]{2}', data) \
        else 702 if not re.search(rb'<c r="[A-Z]{3}', data) else 0


def _extent(data: bytes, limits: Limits, plain: bool, narrow: bool = False, top: int | None = None) -> tuple[int, int]:
    """(last row, last column) a sheet part's cells reach — or bounds above them that are
    still within ``limits``, found by a few byte searches on the common layout (every
    row and cell carrying its r="…" first); the exact figures otherwise. ``narrow``: the
    cells are known to lie in columns A–Z; ``top``: the last row, known (see _Layout)."""
    if plain and top is not None:
        columns = _columns_bound(data, narrow)
        if columns and top <= limits.rows and top * columns <= limits.cells:
            return top, columns
    if plain:
        last = data.rfind(b'<row r="')
        digits = len(re.match(rb"[0-9]*", data[last + 8:last + 20])[0]) if last >= 0 else 1  # type: ignore[index]
        if digits and last >= 0 and data[last + 8 + digits:last + 9 + digits] == b'"':
            # No row or cell numbered above the last row: it is the last (one search,
            # where the numbers below would find every cell of a small sheet).
            rows = int(data[last + 8:last + 8 + digits])
            if _beyond(rows).search(data) is None:
                columns = _columns_bound(data, narrow)
                if columns and rows <= limits.rows and rows * columns <= limits.cells:
                    return rows, columns
        if digits:
            # The row numbers with as many digits as the last row's, or more: few. Two
            # passes give both the test for more (a larger bound is needed) and the largest.
            found = re.findall(rb'<row r="([0-9]{%d,})(")?' % digits, data) \
                + re.findall(rb'<c r="[A-Z]{1,3}([0-9]{%d,})(")?' % digits, data)
            if all(len(number) == digits for number, _ in found):
                rows = max((int(number) for number, quote in found if quote), default=10 ** digits - 1)
                columns = _columns_bound(data, narrow)
                if columns and rows <= limits.rows and rows * columns <= limits.cells:
                    return rows, columns
        elif not re.search(rb'(?:<row r="|<c r="[A-Z]{1,3})[0-9]{%d}' % (digits + 1), data):
            # The rows are bounded by the numbers of as many digits as the last row's: few.
            longest = [int(n) for pattern in (rb'<row r="([0-9]{%d})"', rb'<c r="[A-Z]{1,3}([0-9]{%d})"')
                       for n in re.findall(pattern % digits, data)]
            rows = max(longest, default=10 ** max(digits, 1) - 1)
            columns = 26 if not re.search(rb'<c r="[A-Z]{2}', data) else 702 if not re.search(rb'<c r="[A-Z]{3}', data) else 0
            if columns and rows <= limits.rows and rows * columns <= limits.cells:
                return rows, columns
    # Every row and cell names its place (the layout is plain): the largest of those
    # places (a row's too: openpyxl walks to an empty row's number).
    refs = _CELL_REF.findall(data)
    top = max(max((int(r) for r in _ROW_REF.findall(data)), default=0), max((int(d) for _, d in refs), default=0))
    wide = max((column_number(letters.decode("ascii")) for letters in {letters for letters, _ in refs}), default=0)
    return top, wide


_PARSED_ROW: Final = re.compile("[0-9]{1,9}")
_PARSED_CELL: Final = re.compile("([A-Z]{1,3})([0-9]{1,9})")


def _expat(where: str) -> XMLParserType:
    """An expat parser reporting names as "namespace local", refusing a DTD (whose
    defaults would give it attributes the engines never see)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_: object) -> None:
        raise TableFormatError(f"{where}含有 DTD，Office 文件不会这样写，已拒绝打开")

    parser.StartDoctypeDeclHandler = doctype
    return parser


def _parsed_extent(data: bytes, where: str) -> tuple[int, int]:
    """(last row, last column) of a sheet part the searches cannot read (see
    :data:`_UNPLAIN_ATTRIBUTES` and :data:`_UNNAMED`), as calamine places its cells, read
    by an XML parser: a cell at its r=, else at the counters — the row from the last row's
    r=, one more at every end of a row; the column one past the last cell's, back to the
    first at the end of a row. An r= in another form than _check_references allows is
    refused as it refuses it, and anything that is not well-formed XML (a stray end tag,
    a form feed, an unbound prefix, a repeated attribute) as such. Slower than the
    searches; only for such parts."""
    from xml.parsers import expat

    top = wide = 0
    row = column = 0  # calamine's counters, 0-based
    inside = 0  # depth inside a cell: calamine reads a cell's content to its end, counting nothing

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal top, wide, row, column, inside
        if inside:
            inside += 1
            return
        local = name.rpartition(" ")[2]
        if local == "row":
            ref = attributes.get("r")
            if ref is not None:
                if _PARSED_ROW.fullmatch(ref) is None:
                    raise TableFormatError(f"{where}有无效的行号“{ref[:20]}”，文件已损坏")
                row = int(ref) - 1
        elif local == "c":
            ref = attributes.get("r")
            at_row = row
            if ref is not None:
                found = _PARSED_CELL.fullmatch(ref)
                if found is None:
                    raise TableFormatError(f"{where}有无效的单元格地址“{ref[:20]}”，文件已损坏")
                at_row, column = int(found[2]) - 1, column_number(found[1]) - 1
            top, wide = max(top, at_row + 1), max(wide, column + 1)
            column += 1
            inside = 1

    def end(name: str) -> None:
        nonlocal row, column, inside
        if inside:
            inside -= 1
        elif name.rpartition(" ")[2] == "row":
            row, column = row + 1, 0

    parser = _expat(where)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise TableFormatError(f"{where}的 XML 有误（{expat.ErrorString(error.code)}，第 {error.lineno} 行），"
                               "文件已损坏") from None
    except (LookupError, ValueError) as error:  # an encoding expat does not know
        raise TableFormatError(f"{where}的 XML 有误（{_why(error)}），文件已损坏") from None
    return top, wide


_BAD_TYPE: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*?\bt="(?!(?:s|n|b|e|str|inlineStr|d)")([^"]*)"')
_INLINE: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?is[\s>/]")


# Any t="…" other than a cell's or a formula's type: only then is the full search needed.
_ODD_T: Final = re.compile(rb' t="(?!(?:s|n|b|e|str|inlineStr|d|shared|array|normal|dataTable)")')


def _check_types(data: bytes, where: str, layout: _Layout | None = None) -> None:
    """A cell whose type contradicts what it holds is read differently by each engine
    (calamine shows an inline string marked as a number; openpyxl drops it): refused."""
    if layout is not None and layout.typed:
        # No odd type; each t="inlineStr" is followed by its <is>, and each <is> (or
        # "<is ") follows one: as many marked as hold one, and no prefixed <is>.
        return
    if _ODD_T.search(data) is not None or b'\tt="' in data or b'\nt="' in data:
        bad = _BAD_TYPE.search(data)
        if bad is not None:
            raise TableFormatError(f"{where}的单元格{_ref_before(data, bad.end())}类型标记“{bad[1].decode('utf-8', 'replace')[:20]}”"
                                   "无效，文件已损坏")
    marked = data.count(b't="inlineStr"')
    prefixed = layout is None or layout.prefixed
    if not (marked or b"is>" in data):
        return
    inline = data.count(b"<is>") + data.count(b"<is ") if not (prefixed and b":is" in data) \
        else len(_INLINE.findall(data))
    if marked != inline or _mixed(data, prefixed):
        for attributes, inner in _WHOLE_CELL.findall(data):
            marked_cell, holds = b't="inlineStr"' in attributes, bool(inner and _INLINE.search(inner))
            # An empty cell marked inline (openpyxl writes "" so) holds nothing either way.
            if marked_cell != holds and (holds or inner.strip()):
                ref = _ATTR_R.search(attributes)
                cell = f" {ref[1].decode()}{ref[2].decode()} " if ref else ""
                raise TableFormatError(f"{where}的单元格{cell}类型标记与内容不符（内嵌文字），文件已损坏")


def _ref_before(data: bytes, end: int) -> str:
    start = data.rfind(b"<", 0, end)
    ref = _ATTR_R.search(data, start, end + 40)
    return f" {ref[1].decode()}{ref[2].decode()} " if ref else ""


_BAD_ROW_REF: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^<>]*?\br="(?![0-9]{1,9}")([^"]*)"')
_BAD_CELL_REF: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*?\br="(?![A-Z]{1,3}[0-9]{1,9}")([^"]*)"')
_SHARED_PREFIX: Final = rb'\bt="s"[^<>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>\s*'


# The same checks for the common layout, each behind a literal prefix the regex engine
# can skip to (several times faster on a large sheet).
_PLAIN_BAD_ROW_REF: Final = re.compile(rb'<row r="(?![0-9]{1,9}")([^"]*)"')
_PLAIN_BAD_CELL_REF: Final = re.compile(rb'<c r="(?![A-Z]{1,3}[0-9]{1,9}")([^"]*)"')
_PLAIN_SHARED: Final = rb't="s"><v>'


def _below(count: int, end: bytes = b"<") -> bytes:
    """A pattern for the whole numbers from 0 to ``count`` - 1 (``count`` > 0), leading
    zeros allowed, followed by ``end``.

    >>> re.fullmatch(_below(250), b"0249<") is not None, re.fullmatch(_below(250), b"250<")
    (True, None)
    """
    text = str(count).encode("ascii")
    options = [b"[0-9]{1,%d}" % (len(text) - 1)] if len(text) > 1 else []
    for at, digit in enumerate(text):
        if digit != ord("0"):
            rest = len(text) - at - 1
            options.append(text[:at] + b"[0-%c]" % (digit - 1) + (b"[0-9]{%d}" % rest if rest else b""))
    return b"0*(?:" + b"|".join(options) + b")" + re.escape(end)


@functools.lru_cache(maxsize=64)
def _beyond(last: int) -> re.Pattern[bytes]:
    """A row or cell (in the common layout) whose number is not one from 0 to ``last``."""
    return re.compile(rb'<(?:row r="|c r="[A-Z]{1,3})(?!' + _below(last + 1, b'"') + b")")


def _check_references(data: bytes, where: str, strings: int, plain: bool, layout: _Layout | None = None) -> None:
    """Row numbers and cell references in their only form, and shared-string indices
    that exist: "1e9" as a row number made openpyxl walk a billion rows, and index -1
    reads the last string in one engine and fails in the other."""
    checks = () if layout is not None and layout.regular \
        else ((_PLAIN_BAD_ROW_REF, "行号"), (_PLAIN_BAD_CELL_REF, "单元格地址")) if plain \
        else ((_BAD_ROW_REF, "行号"), (_BAD_CELL_REF, "单元格地址"))
    for pattern, what in checks:
        bad = pattern.search(data)
        if bad is not None:
            raise TableFormatError(f"{where}有无效的{what}“{bad[1].decode('utf-8', 'replace')[:20]}”，文件已损坏")
    if b't="s"' not in data:
        return
    digits = len(str(strings))
    plain_indices = plain and (layout is not None and layout.typed or re.search(rb't="s"(?!><v>)', data) is None)
    # A value that is no index, or one with as many digits as the count (few of them).
    suspect = re.compile((_PLAIN_SHARED + rb"(?:[0-9]*[^0-9<]|0*([0-9]{%d,}))" if plain_indices
                          else _SHARED_PREFIX + rb"(?:[0-9]+\s*[^0-9\s<]|[^0-9\s<]|0*([0-9]{%d,}))") % digits)
    if plain_indices and strings > 0:
        # Only where the value is not an index below the count can the pattern match and
        # raise: look there (one pass skipping the good indices), then match as written.
        candidates = re.compile(_PLAIN_SHARED + b"(?!" + _below(strings) + b")").finditer(data)
        matches: Iterator[re.Match[bytes] | None] = (suspect.match(data, c.start()) for c in candidates)
    else:
        matches = suspect.finditer(data)
    for found in matches:
        if found is None:
            continue
        if found[1] is None:
            raise TableFormatError(f"{where}的单元格{_ref_before(data, found.start())}引用的共享字符串编号无效，文件已损坏")
        if int(found[1]) >= strings:
            raise TableFormatError(f"{where}的单元格{_ref_before(data, found.start())}引用第 {int(found[1]) + 1} 个共享字符串，"
                                   f"但工作簿只有 {strings} 个，文件已损坏")


class SheetGate(NamedTuple):
    """A sheet part past the checks no engine may parse it without — its extent within
    the limits, so no engine allocates for more cells than that — and what they learnt.
    :func:`finish_scan` does the rest, and may run while an engine parses the part."""

    data: bytes
    where: str
    limits: Limits
    layout: _Layout
    plain: bool
    top: int  # the last row, or a bound above it within the limits
    wide: int  # the same for columns


def gate_sheet(data: bytes, book: str, sheet: str, limits: Limits) -> SheetGate:
    """Check a sheet part's extent against ``limits`` (see :class:`SheetGate`)."""
    where = f"{book}：工作表“{sheet}”"
    layout = _layout(data)
    plain = layout.regular or layout.attributes and _plain(data)
    # Only where every cell names its place in the one form the searches read is the
    # extent theirs; anywhere else calamine places cells by counters (a row's r, one
    # more at each row's end tag, one more column per cell), read here as it reads them.
    top, wide = _extent(data, limits, True, narrow=layout.regular, top=layout.top) if plain \
        else _parsed_extent(data, where)
    if top > limits.rows:
        raise TableFormatError(f"{where}用到第 {top} 行，超过上限 {limits.rows} 行（Excel 最多 1,048,576 行），文件已损坏或被篡改")
    if wide > limits.columns:
        raise TableFormatError(f"{where}用到第 {wide} 列，超过上限 {limits.columns} 列（Excel 最多到 XFD 列），文件已损坏或被篡改")
    if top * max(wide, 1) > limits.cells:
        raise TableFormatError(f"{where}的单元格范围 {top} 行 × {wide} 列，超过上限 {limits.cells} 个单元格"
                               "（可用 limits=Limits(cells=…) 放宽）")
    return SheetGate(data, where, limits, layout, plain, top, wide)


def scan_sheet(data: bytes, book: str, sheet: str, limits: Limits, dates: frozenset[int] = frozenset(),
               shared: dict[int, str] | None = None, strings: int = 0) -> SheetScan:
    """Check a sheet part's extent against ``limits``, its cells' references and types
    against what they hold (``strings``: the shared strings there are) and its date
    cells (styles ``dates``) against the calendar; read what the engines miss (with
    ``shared``, the shared strings openpyxl reads otherwise, the cells that show them)."""
    return finish_scan(gate_sheet(data, book, sheet, limits), dates, shared, strings)


def finish_scan(gate: SheetGate, dates: frozenset[int] = frozenset(), shared: dict[int, str] | None = None,
                strings: int = 0) -> SheetScan:
    """The rest of :func:`scan_sheet` after :func:`gate_sheet`."""
    data, where, limits, plain, top, wide = gate.data, gate.where, gate.limits, gate.plain, gate.top, gate.wide
    layout = _typed(data, gate.layout)
    _check_references(data, where, strings, plain, layout)
    _check_types(data, where, layout)
    odd = _odd_dates(data, where, dates)
    merges = []
    found = _MERGE_PLAIN.findall(data)
    if len(found) > limits.merges or data.count(b"mergeCell ") > limits.merges:
        raise TableFormatError(f"{where}有 {max(len(found), data.count(b'mergeCell '))} 处合并单元格，超过上限 "
                               f"{limits.merges}（可用 limits=Limits(merges=…) 放宽）")
    # Each "<mergeCell" not part of "<mergeCells" should be one found: else another
    # attribute order, or a prefix.
    opened = re.findall(rb"<mergeCell(s?)", data).count(b"")
    if len(found) != opened or layout.prefixed and b":mergeCell" in data:
        found = _MERGE.findall(data)
    columns: dict[str, int] = {}  # letters → column number: a table's merges use few columns
    for raw in found:
        ref = raw.decode("ascii", "replace")
        match = _RANGE.fullmatch(ref)
        if match is None:
            raise TableFormatError(f"{where}的合并单元格“{ref[:40]}”格式错误，文件已损坏")
        first_letters, first_digits, last_letters, last_digits = match.groups()
        first_row = int(first_digits)
        first_col = columns.get(first_letters) or columns.setdefault(first_letters, column_number(first_letters))
        if last_letters:
            last_row = int(last_digits)
            last_col = columns.get(last_letters) or columns.setdefault(last_letters, column_number(last_letters))
        else:
            last_row, last_col = first_row, first_col
        if last_row < first_row or last_col < first_col:
            raise TableFormatError(f"{where}的合并单元格“{ref}”首尾颠倒，文件已损坏")
        if first_row > limits.rows or first_col > limits.columns:
            raise TableFormatError(f"{where}的合并单元格“{ref}”超出工作表范围，文件已损坏")
        # A merge running past the last cell (a title merged across A1:XFD1) covers nothing there.
        merges.append((first_row, first_col, min(last_row, max(top, first_row)), min(last_col, max(wide, first_col))))
    errors: dict[tuple[int, int], str] = {}
    formulas: dict[tuple[int, int], str] = {}
    if not layout.typed and b't="e"' in data or _FORMULA_START.search(data) or layout.prefixed and b":f" in data:
        for attributes, inner in _WHOLE_CELL.findall(data):
            ref = _ATTR_R.search(attributes)
            if ref is None:
                continue
            at = (int(ref[2]), column_number(ref[1].decode("ascii")))
            value = _VALUE.search(inner) if inner else None
            if _ATTR_ERROR.search(attributes) and value is not None:
                errors[at] = value[1].decode("utf-8", "replace")
            elif value is None and inner:
                formula = _FORMULA.search(inner)
                if formula is not None:
                    formulas[at] = "=" + _unescape(formula[1].decode("utf-8", "replace"))
    if shared is None:
        return SheetScan(merges, errors, formulas, {}, odd)
    return SheetScan(merges, errors, formulas, _trimmed_cells(data, shared), odd, may_escape(data))


_BUILTIN_DATES: Final = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_NUM_FMT: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?numFmt\s[^<>]*?numFmtId="([0-9]+)"[^<>]*?formatCode="([^"]*)"')
_CELL_XFS: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?cellXfs\b[^<]*(?:<(?!(?:[A-Za-z_][\w.-]*:)?cellXfs\b)[^<]*)*?</(?:[A-Za-z_][\w.-]*:)?cellXfs>")
_XF: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xf\b([^<>]*)")
_FMT_ID: Final = re.compile(rb'\bnumFmtId="([0-9]+)"')


def date_styles(styles: bytes) -> frozenset[int]:
    """The cell styles (s="…") that show numbers as dates or times."""
    # Workbooks made from one template (a week's ledgers) share their styles: small
    # style sheets are looked at once.
    return _small_date_styles(styles) if len(styles) <= _SMALL_STYLES else _date_styles(styles)


_SMALL_STYLES: Final = 1 << 16


@functools.lru_cache(maxsize=16)
def _small_date_styles(styles: bytes) -> frozenset[int]:
    return _date_styles(styles)


def _date_styles(styles: bytes) -> frozenset[int]:
    custom = set()
    for number, code in _NUM_FMT.findall(styles):
        plain = re.sub(rb'"[^"]*"|\[[^\]]*\]|\\.', b"", code).lower()
        if re.search(rb"[ymdhs]", plain) and b"general" not in plain:
            custom.add(int(number))
    found = set()
    block = _CELL_XFS.search(styles)
    for index, attributes in enumerate(_XF.findall(block[0]) if block else []):
        fmt = _FMT_ID.search(attributes)
        if fmt is not None and (int(fmt[1]) in _BUILTIN_DATES or int(fmt[1]) in custom):
            found.add(index)
    return frozenset(found)


_ODD_NUMBER: Final = re.compile(rb"v>\s*(?:-|\+?(?:[0-9]{7}|[0-9.]*[eEiInN]))")
_SHORT_NUMBER: Final = re.compile(rb"v>(?![0-9]{1,6}<|<)")  # where _ODD_NUMBER may match: not "v>123<", "v><"


def _has_odd_number(data: bytes) -> bool:
    """``_ODD_NUMBER.search(data)``, with the values no odd number can be (whole numbers
    of up to six digits: most of them) skipped in one pass: twice as fast."""
    for count, candidate in enumerate(_SHORT_NUMBER.finditer(data)):
        if _ODD_NUMBER.match(data, candidate.start()) is not None:
            return True
        if count >= 64:  # many other values (fractions): search the rest as written
            return _ODD_NUMBER.search(data, candidate.start()) is not None
    return False
_STYLE: Final = re.compile(rb'\bs="([0-9]+)"')
_LAST_DATE: Final = 2958465  # 9999-12-31


def _odd_dates(data: bytes, where: str, styles: frozenset[int]) -> dict[tuple[int, int], str]:
    """Date cells holding a number no calendar has: over 9999-12-31, infinite or not a
    number (-1e309 makes calamine panic, openpyxl overflow) refuse the file, naming the
    cell; below zero (openpyxl gives 1899, calamine a time of day) they are returned,
    (row, column) → the number as written, to be read as that text."""
    if not styles or not _has_odd_number(data):
        return {}
    odd: dict[tuple[int, int], str] = {}
    for attributes, inner in _WHOLE_CELL.findall(data):
        style = _STYLE.search(attributes)
        if style is None or int(style[1]) not in styles or b't="' in attributes and b't="n"' not in attributes:
            continue
        value = _VALUE.search(inner) if inner else None
        if value is None:
            continue
        try:
            number = float(value[1])
        except ValueError:
            continue
        ref = _ATTR_R.search(attributes)
        if not number <= _LAST_DATE:  # also inf and nan
            cell = ref[1].decode() + ref[2].decode() if ref else "？"
            raise TableFormatError(f"{where}的单元格 {cell} 是日期格式，但值 {value[1].decode()[:30]} 不是任何日期，文件已损坏")
        if number < 0 and ref is not None:
            odd[int(ref[2]), column_number(ref[1].decode("ascii"))] = value[1].decode("ascii", "replace").strip()
    return odd


def check_shared_strings(table: bytes, book: str, limits: Limits) -> None:
    """A shared-string table declaring more entries than allowed is refused: calamine
    reserves room for them all before reading one (4,294,967,295 ends the process), from
    any element named sst it meets, its counts in any form Rust reads as a number ("+9",
    either quotes, spaces). An XML parser reads it (comments, quotes, a "<" in a value
    cannot hide a tag), only as far as the table's tag where "sst" appears just twice and
    the part ends with the second; the whole part otherwise."""
    from xml.parsers import expat

    where = f"{book}：共享字符串表"

    class _Root(Exception):
        pass

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == "sst":
            _check_counts(" ".join(f'{k.rpartition(" ")[2]}="{v}"' for k, v in attributes.items()).encode(),
                          book, limits)
            if not whole:
                raise _Root

    # "sst" twice, the second the part's last tag: the first element so named is the
    # table, and no other can follow.
    whole = table.count(b"sst") != 2 or not table.rstrip().endswith(b"sst>")
    parser = _expat(where)
    parser.StartElementHandler = start
    try:
        if whole:
            parser.Parse(table, True)
        else:
            for at in range(0, len(table), 1 << 16):
                parser.Parse(table[at:at + (1 << 16)], at + (1 << 16) >= len(table))
    except _Root:
        pass
    except expat.ExpatError as error:
        raise TableFormatError(f"{where}的 XML 有误（{expat.ErrorString(error.code)}），文件已损坏") from None
    except (LookupError, ValueError) as error:  # an encoding expat does not know
        raise TableFormatError(f"{where}的 XML 有误（{_why(error)}），文件已损坏") from None


def _check_counts(tag: bytes, book: str, limits: Limits) -> None:
    for double, single in _SST_COUNT.findall(tag):
        count = (double or single).strip().removeprefix(b"+")
        if count.isdigit() and (len(count) > 12 or int(count) > limits.strings):
            raise TableFormatError(f"{book}：共享字符串表声明有 {count.decode()} 项，超过上限 {limits.strings}，"
                                   "文件已损坏或被篡改")


_XML_ENTITY: Final = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'"}


def _unescape(text: str) -> str:
    return re.sub(r"&(?:lt|gt|amp|quot|apos);", lambda m: _XML_ENTITY[m[0]], text)


# -- engine failures ------------------------------------------------------------------------------

_FATAL: Final = (KeyboardInterrupt, SystemExit, GeneratorExit)


@contextlib.contextmanager
def engine_errors(file: str, part: str) -> Iterator[None]:
    """Translate whatever an engine raises while reading ``part`` of ``file`` — its own
    exceptions, lxml's, a Rust panic (a BaseException) — into TableFormatError."""
    try:
        yield
    except YifengError:
        raise
    except _FATAL:
        raise
    except MemoryError:
        raise TableFormatError(f"{file}：{part}太大，内存不足，无法读取") from None
    except BaseException as exc:  # noqa: BLE001 - a pyo3 PanicException is a BaseException
        raise TableFormatError(f"{file}：{part}不完整或已损坏，无法读取（{_why(exc)}）") from None
