"""Attributes written as XML allows but no office program writes them.

Single quotes, spaces or line breaks around "=", a second r= in a cell's tag, a count in
the shared-string table spelt "+4294967295": calamine reads every one of them, and before
the guard knew, a cell at r='ZZ900000' or a table declaring uniqueCount = '4294967295'
made calamine reserve gigabytes and abort the interpreter. Each case is read in the
fuzzer's supervised workers (10 s, 1 GB), so a regression fails here instead of ending
the run; in-process only where the guard refuses the file before any engine sees it.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from yifeng.errors import TableFormatError
from yifeng.io import read_ledger

from .fuzzing import ENGINES, fuzz_module
from .layouts import workbook

HEADER = ["序号", "存在问题机构名称", "腐败问题具体表现", "整治措施"]
ROWS = [HEADER, [1, "某县人民医院", "收受回扣", "立行立改"], [2, "某县中医院", "过度诊疗", "限期整改"]]


def _rewritten(part_name: str, change) -> bytes:
    """The ledger of ROWS, with ``change`` applied to one part's bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook(ROWS))) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            target.writestr(info, change(part) if info.filename == part_name else part)
    return out.getvalue()


def _cell(written: bytes):
    """Cell B3's tag start written otherwise."""
    return lambda part: part.replace(b'<c r="B3"', b"<c " + written)


SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def workers():
    fuzz = fuzz_module()
    made = {engine: fuzz.Worker("ledger", engine) for engine in (*ENGINES, fuzz.BESIDE)}
    yield made
    for worker in made.values():
        worker.close()


@pytest.mark.parametrize(("written", "message"), [
    (b"r='ZZ900000'", "900000 行 × 702 列，超过上限"),
    (b'r ="ZZ900000"', "900000 行 × 702 列，超过上限"),
    (b'r=\n"ZZ900000"', "900000 行 × 702 列，超过上限"),
    (b'r="B3" r="ZZ900000"', "XML 有误（duplicate attribute"),
    (b'r="B3" x=">" r="ZZ900000"', "XML 有误（duplicate attribute"),
    (b"r = '1e9'", "无效的单元格地址“1e9”"),
], ids=["single-quotes", "space-before", "newline-after", "second-r", "second-r-behind-a-gt", "bad-ref-spaced"])
def test_a_cell_placed_by_an_unusual_attribute_is_refused_by_every_engine(workers, written, message):
    data = _rewritten(SHEET, _cell(written))
    for engine, worker in workers.items():
        answer = worker.run(data)
        assert answer["kind"] == "refused", (engine, answer)
        assert message in str(answer["message"]), (engine, answer)


@pytest.mark.parametrize("written", [b"r='B3'", b'r = "B3"', b"r\t=\t'B3'  s='0'"], ids=["single", "spaced", "tabs"])
def test_a_well_placed_cell_written_unusually_is_read_as_written_plainly(workers, written):
    plain = {engine: worker.run(workbook(ROWS)) for engine, worker in workers.items()}
    unusual = {engine: worker.run(_rewritten(SHEET, _cell(written))) for engine, worker in workers.items()}
    for engine in workers:
        assert plain[engine]["kind"] == "ok" and unusual[engine] == {**plain[engine], "seconds": unusual[engine]["seconds"],
                                                                    "peak_mb": unusual[engine]["peak_mb"]}


def _shared_strings(data: bytes, tag: bytes) -> bytes:
    """``data`` (a workbook whose strings are shared) with its shared-string tag replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                part = re.sub(rb"<sst\b[^>]*>", lambda _: tag, part, count=1)
            target.writestr(info, part)
    return out.getvalue()


@pytest.fixture(scope="module")
def shared() -> bytes:
    """A ledger written by yifeng's table writer (XlsxWriter: shared strings)."""
    from yifeng.io import write_task_table
    from yifeng.model import Task, TaskTable

    out = io.BytesIO()
    write_task_table(TaskTable(title="分工表", tasks=(Task(number=1, title="开展医疗乱象专项整治"),)), out)
    return out.getvalue()


NAMESPACE = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize("tag", [
    b"<sst " + NAMESPACE + b" count = '1' uniqueCount = '4294967295'>",
    b"<sst " + NAMESPACE + b' uniqueCount="+4294967295">',
    b"<sst " + NAMESPACE + b' x:y=">" uniqueCount="4294967295" xmlns:x="urn:x">',
    b"<sst " + NAMESPACE + b' ' + b" ".join(b'xmlns:n%d="urn:%d"' % (n, n) for n in range(300))
    + b' uniqueCount="4294967295">',
], ids=["quoted-spaced", "plus", "gt-inside-a-value", "past-4096-bytes"])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_shared_string_count_calamine_would_reserve_is_refused_before_any_engine(shared, tag, engine):
    # In-process on purpose: refused before an engine opens the workbook.
    with pytest.raises(TableFormatError, match="共享字符串表声明有 4294967295 项，超过上限"):
        read_ledger(io.BytesIO(_shared_strings(shared, tag)), engine=engine)
