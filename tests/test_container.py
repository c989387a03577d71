"""The guard's zip reader: a small file's parts taken from memory are what zipfile reads,
and a part that lies is refused as zipfile refuses it."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from yifeng.errors import TableFormatError
from yifeng.io._guard import DEFAULT_LIMITS, Container

DATA = Path(__file__).parent / "data"
WORKBOOKS = sorted(p for p in DATA.rglob("*.xlsx") if p.stat().st_size < 1 << 20 and p.parent.name != "found")[:40]


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_part_of_a_small_workbook_is_read_as_zipfile_reads_it(path):
    try:
        container = Container(path, path.name, DEFAULT_LIMITS)
    except TableFormatError:
        pytest.skip("not a readable zip")
    with zipfile.ZipFile(path) as plain:
        for info in plain.infolist():
            try:
                expected = plain.read(info)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError):
                continue
            assert container._plain(container.zip.getinfo(info.filename)) in (expected, None)
            if not expected.lstrip().startswith(b"<!"):
                assert container.read(info.filename) == expected


def _zip(parts: dict[str, bytes]) -> bytearray:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
        for name, data in parts.items():
            made.writestr(name, data)
    return bytearray(buffer.getvalue())


def test_a_part_whose_checksum_lies_is_refused_with_zipfiles_words():
    data = _zip({"a.xml": b"<a>" + b"x" * 500 + b"</a>"})
    directory = data.rfind(b"PK\x01\x02")
    struct.pack_into("<L", data, directory + 16, 0x12345678)  # the CRC the directory gives
    container = Container(io.BytesIO(bytes(data)), "坏.xlsx", DEFAULT_LIMITS)
    assert container._plain(container.zip.getinfo("a.xml")) is None
    with pytest.raises(TableFormatError, match="部件“a.xml”已损坏，无法解压（BadZipFile: Bad CRC-32 for file 'a.xml'）"):
        container.read("a.xml")


def test_a_part_whose_data_runs_into_the_next_is_left_to_zipfile():
    data = _zip({"a.xml": b"<a>" + b"y" * 300 + b"</a>", "b.xml": b"<b/>"})
    directory = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x01\x02"))  # a.xml's entry
    size = struct.unpack_from("<L", data, directory + 20)[0]
    struct.pack_into("<L", data, directory + 20, size + 40)  # its data said to reach into b.xml
    container = Container(io.BytesIO(bytes(data)), "叠.xlsx", DEFAULT_LIMITS)
    assert container._plain(container.zip.getinfo("a.xml")) is None
    try:  # Python 3.11 reads it; from 3.12 zipfile refuses overlapping parts
        expected: bytes | str = zipfile.ZipFile(io.BytesIO(bytes(data))).read("a.xml")
    except zipfile.BadZipFile as error:
        expected = f"部件“a.xml”已损坏，无法解压（BadZipFile: {error}）"
    if isinstance(expected, bytes):
        assert container.read("a.xml") == expected == b"<a>" + b"y" * 300 + b"</a>"
    else:
        with pytest.raises(TableFormatError, match=re.escape(expected)):
            container.read("a.xml")
