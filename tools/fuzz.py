"""A mutation fuzzer for yifeng's readers of workbooks and Word files.

Valid files (tables and ledgers written by yifeng and by openpyxl, clerk-made workbooks of
the corpus, rendered notices) are taken apart, one to three parts are damaged (a tag
deleted, an attribute set to 999999999, a value to -1e309, bytes that are not UTF-8, a
merge made nonsense, a part dropped …), and the result is read in a supervised worker
process with a time and a memory limit. Whatever comes back is sorted:

- ok / refused: a result, or a :class:`~yifeng.errors.YifengError` — both fine;
- FOREIGN: any other exception; CRASH: the worker died; HANG: over the time limit;
  MEMORY: over the memory limit; DIFF: openpyxl and calamine both read the file and
  disagree, or calamine answers otherwise when it parses each sheet on a thread beside the
  guard's last checks (engine "beside", which large sheets take) than after them.

Each new failure signature gets a folder with the case, what was done to it (the smallest
set of its mutations that still fails), and a one-line reproducer.

    python tools/fuzz.py --cases 3000                  # what `make fuzz` runs
    python tools/fuzz.py --cases 50 --targets task     # a quick look at one reader
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import random
import re
import select
import struct
import subprocess
import sys
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = ("task", "ledger", "docx")
ENGINES = ("openpyxl", "calamine")
BESIDE = "beside"  # calamine, every sheet parsed on a thread beside the last checks
TIME_LIMIT = 10.0  # seconds a case may take
MEMORY_LIMIT = 1024  # MB a worker may hold

# -- seeds -----------------------------------------------------------------------------------------


def seeds(reader: str) -> list[tuple[str, bytes]]:
    """Valid files for ``reader``: written by yifeng and by openpyxl, and real ones."""
    from yifeng import examples

    found: list[tuple[str, bytes]] = []
    if reader == "task":
        from yifeng.io import write_task_table

        for name in examples.names():
            campaign = examples.campaign(name)
            if campaign.tasks:
                found.append((f"table-{name}.xlsx", _written(lambda out, c=campaign: write_task_table(c, out))))
        found.append(("table-openpyxl.xlsx", _openpyxl_table()))
        for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xlsx")):
            found.append((path.name, path.read_bytes()))
    elif reader == "ledger":
        from yifeng.io import write_ledger

        for kind, ledger in _ledgers():
            found.append((f"ledger-{kind}.xlsx", _written(lambda out, lg=ledger: write_ledger(lg, out))))
        found.append(("ledger-openpyxl.xlsx", _openpyxl_ledger()))
    else:
        from yifeng.render import render_notice

        for name in examples.names():
            found.append((f"notice-{name}.docx", _written(lambda out, n=name: render_notice(examples.notice(n), out))))
        for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.docx")):
            found.append((path.name, path.read_bytes()))
    return found


def _written(write: Callable[[io.BytesIO], None]) -> bytes:
    out = io.BytesIO()
    write(out)
    return out.getvalue()


def _ledgers() -> Iterator[tuple[str, object]]:
    import datetime as dt

    from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow

    rows = tuple(
        LedgerRow(number=n, institution=f"某区第{n}医院", person=f"张{n}", unit="区卫健局", authority="区卫健局",
                  negative_list_ref=f"（一）{n % 5 + 1}.（1）", description="收受回扣，涉及金额较大。",
                  discovered_via="群众举报", discovered_on=dt.date(2023, 8, n % 28 + 1), measures="约谈提醒",
                  decision="诫勉谈话", policy_basis="《条例》第十条", rectified=n % 2 == 0,
                  rectified_on=dt.date(2023, 9, n % 28 + 1) if n % 2 == 0 else None, owner="李四",
                  phone="13812345678", extra=(f"备注{n}",))
        for n in range(1, 13)
    )
    filer = Filer(unit="某区卫生健康局", person="王五", contact="0427-1234567")
    for kind in LedgerKind:
        yield kind.value, Ledger(kind=kind, title=f"医药领域腐败问题集中整治工作台账（{kind.label}）", filer=filer,
                                 rows=rows, extra_columns=("备注",), notes=("注：每周四报送。",))


def _openpyxl_table() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2023年某县纠风工作任务分工表"])
    sheet.append(["序号", "类别", "重点任务", "责任单位", "完成时限"])
    for n in range(1, 9):
        sheet.append([n, "医疗服务" if n < 5 else "药品购销", f"开展第{n}项专项整治", "县卫健局牵头，县医保局配合",
                      f"{n}月底前" if n % 3 else "长期坚持"])
    sheet.merge_cells("B3:B6")
    sheet.append(["注：排在第一位的为牵头单位。"])
    return _written(book.save)


def _openpyxl_ledger() -> bytes:
    import datetime as dt

    import openpyxl

    from yifeng.model import LEDGER_COLUMNS, LedgerKind

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工作台账"])
    sheet.append([header for _, header in LEDGER_COLUMNS[LedgerKind.INSTITUTION]] + ["备注"])
    for n in range(1, 9):
        sheet.append([n, f"某医院{n}", "卫健局", "（一）1.（1）", "回扣", "举报", dt.datetime(2023, 9, n), "约谈", "警告",
                      "《条例》", "是" if n % 2 else "否", dt.datetime(2023, 10, n) if n % 2 else None, "张三",
                      "13812345678", "已移交"])
    sheet.append(["注：每周四报送"])
    return _written(book.save)


# -- mutations -------------------------------------------------------------------------------------

HOSTILE_NUMBERS = ("999999999", "4294967295", "-1", "0", "", "x", "1e9", "1e309", "-1e309", "nan", "0x10",
                   "99999999999", "2958466", "3.5", "1048577", "16385", "A1000000", "+7")
HOSTILE_REFS = ("XFD1048576", "A1048577", "ZZZZZ2", "A1:B2:C3", "B2:A1", "", "A0", "1A", "A999999999", "xfd1048576",
                "a1")
STRAY = ("<", ">", "&", '"', "\x00", "\\", "\n", "]]>", "&#0;", "&#xD800;", "<!ENTITY x 'y'>")
CELL_TYPES = ("s", "n", "b", "e", "str", "inlineStr", "d", "x")

_TAG = re.compile(rb"<[^<>]+>")
_ATTR = re.compile(rb'(\w[\w:.-]*)="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CELL_OPEN = re.compile(rb"<c\b[^>]*>")
_MERGE = re.compile(rb'<mergeCell ref="[^"]*"')
_ELEMENT = re.compile(rb"<(\w[\w:]*)\b[^>]*?(?:/>|>.*?</\1>)", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]+)</")
_TC = re.compile(rb"<w:tc>|<w:tc\s[^>]*>")


def _pick(rng: random.Random, pattern: re.Pattern[bytes], data: bytes) -> re.Match[bytes] | None:
    matches = list(pattern.finditer(data))
    return rng.choice(matches) if matches else None


def m_delete_tag(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _TAG, data)
    return (data[:m.start()] + data[m.end():], f"delete tag {m[0][:30]!r}") if m else (data, "no tag")


def m_delete_element(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _ELEMENT, data[:200_000])
    return (data[:m.start()] + data[m.end():], f"delete element {m[0][:40]!r}") if m else (data, "no element")


def m_truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncate at {at}/{len(data)}"


def m_stray(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at, text = rng.randrange(len(data) + 1), rng.choice(STRAY)
    return data[:at] + text.encode() + data[at:], f"insert {text!r} at {at}"


def m_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice((b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80")) + data[at:], f"bad utf-8 at {at}"


def m_attr(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _ATTR, data)
    if m is None:
        return data, "no attribute"
    value = rng.choice(HOSTILE_REFS if m[1] in (b"ref", b"sqref") or (m[1] == b"r" and re.match(rb"[A-Z]", m[2]))
                       else HOSTILE_NUMBERS)
    return data[:m.start(2)] + value.encode() + data[m.end(2):], f"attr {m[1].decode()}={m[2][:20]!r} -> {value!r}"


def m_attr_syntax(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """An attribute written as XML allows but no office program writes: in single quotes,
    with spaces around "=", or given a second time (with a hostile value)."""
    m = _pick(rng, _ATTR, data)
    if m is None:
        return data, "no attribute"
    name, value = m[1].decode(), m[2].decode("utf-8", "replace")
    hostile = rng.choice(HOSTILE_REFS if name in ("ref", "sqref", "r") else HOSTILE_NUMBERS)
    written = rng.choice((f"{name}='{hostile}'", f'{name} = "{hostile}"', f"{name}\t=\n'{hostile}'",
                          f'{name}\x0c="{hostile}"',
                          f'{name}="{value}" {name}=\'{hostile}\'', f'{name}="{value}" x=">" {name}="{hostile}"'))
    return data[:m.start()] + written.encode() + data[m.end():], f"attr {m[0][:30]!r} -> {written[:40]!r}"


_ROW_OR_CELL = re.compile(rb"<(?:row|c)\b[^>]*>")


def m_structure(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Rows and cells placed by what an XML reader counts rather than by r=: a cell or row
    without its r, end tags of rows that close other elements, a comment holding an end
    tag, prefixed cells, runs of cells outside any row."""
    m = _pick(rng, _ROW_OR_CELL, data)
    if m is None:
        return data, "no row or cell"
    tag = m[0]
    choice = rng.randrange(5)
    if choice == 0:
        new = re.sub(rb'\sr="[^"]*"', b"", tag, count=1)
    elif choice == 1:
        new = tag + b"<x></row>" * rng.choice((1, 3, 1000))
    elif choice == 2:
        new = tag + b"<!--</row>-->" + b"<c/>" * rng.choice((3, 1000))
    elif choice == 3:
        new = tag + b'<y:c xmlns:y="urn:y"/>' * rng.choice((3, 1000))
    else:
        new = b"<c/>" * rng.choice((3, 1000)) + tag
    return data[:m.start()] + new + data[m.end():], f"structure {choice} at {tag[:30]!r}"


def m_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _VALUE, data)
    if m is None:
        return data, "no value"
    value = rng.choice(HOSTILE_NUMBERS)
    return data[:m.start(1)] + value.encode() + data[m.end(1):], f"value {m[1][:20]!r} -> {value!r}"


def m_celltype(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _CELL_OPEN, data)
    if m is None:
        return data, "no cell"
    kind = rng.choice(CELL_TYPES)
    tag = re.sub(rb'\st="[^"]*"', b"", m[0])
    tag = tag[:-2] + f' t="{kind}"/>'.encode() if tag.endswith(b"/>") else tag[:-1] + f' t="{kind}">'.encode()
    return data[:m.start()] + tag + data[m.end():], f"cell {m[0][:30]!r} t={kind}"


def m_merge(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _MERGE, data)
    if m is None:
        at = data.rfind(b"</sheetData>")
        if at < 0:
            return data, "no sheet data"
        ref = rng.choice(HOSTILE_REFS)
        block = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
        end = at + len(b"</sheetData>")
        return data[:end] + block + data[end:], f"add merge {ref!r}"
    ref = rng.choice(HOSTILE_REFS)
    return data[:m.start()] + f'<mergeCell ref="{ref}"'.encode() + data[m.end():], f"merge -> {ref!r}"


def m_dup(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _ELEMENT, data[:200_000])
    if m is None:
        return data, "no element"
    times = rng.choice((2, 3, 50))
    return data[:m.end()] + m[0] * times + data[m.end():], f"dup x{times} {m[0][:30]!r}"


def m_text(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _TEXT, data)
    if m is None:
        return data, "no text"
    at = rng.randrange(m.start(1), m.end(1) + 1)
    text = rng.choice(("\n", "\\", "_x0000_", "_xD800_", "\t", "&#x1;", "&#13;", "＿", "　"))
    return data[:at] + text.encode() + data[at:], f"text insert {text!r}"


def m_datefmt(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    return re.sub(rb'numFmtId="\d+"', b'numFmtId="14"', data), "all numFmtId -> 14"


def m_gridspan(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    m = _pick(rng, _TC, data)
    if m is None:
        return data, "no table cell"
    value = rng.choice(("999999", "400000000", "x", "0", "-1", "64", "65"))
    span = f'<w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>'.encode()
    return data[:m.end()] + span + data[m.end():], f"gridSpan {value!r}"


MUTATORS: dict[str, Callable[[bytes, random.Random], tuple[bytes, str]]] = {
    f.__name__: f for f in (m_delete_tag, m_delete_element, m_truncate, m_stray, m_bytes, m_attr, m_attr_syntax, m_structure, m_value,
                            m_celltype, m_merge, m_dup, m_text, m_datefmt, m_gridspan)
}
_FOR_PART = {
    "sheet": ("m_attr", "m_attr", "m_attr_syntax", "m_structure", "m_value", "m_value", "m_celltype", "m_merge", "m_delete_tag", "m_delete_element",
              "m_truncate", "m_stray", "m_bytes", "m_dup", "m_text"),
    "strings": ("m_attr", "m_attr_syntax", "m_text", "m_delete_tag", "m_truncate", "m_stray", "m_bytes", "m_dup"),
    "styles": ("m_datefmt", "m_attr", "m_attr_syntax", "m_delete_element", "m_truncate", "m_stray"),
    "document": ("m_gridspan", "m_gridspan", "m_delete_tag", "m_delete_element", "m_truncate", "m_stray",
                 "m_bytes", "m_dup", "m_text", "m_attr"),
    "other": ("m_attr", "m_attr_syntax", "m_delete_tag", "m_truncate", "m_stray", "m_bytes"),
}


def _kind(part: str) -> str:
    if part.startswith("xl/worksheets/"):
        return "sheet"
    if part == "xl/sharedStrings.xml":
        return "strings"
    if part == "xl/styles.xml":
        return "styles"
    if part == "word/document.xml":
        return "document"
    return "other"


@dataclass(frozen=True)
class Mutation:
    part: str  # a part of the zip, or "" for the zip itself
    op: str
    seed: int


@dataclass
class Case:
    reader: str
    seed_name: str
    mutations: list[Mutation]
    done: list[str] = field(default_factory=list)


def plan(reader: str, seed_name: str, data: bytes, rng: random.Random) -> Case:
    """One to three mutations, mostly in the parts a reader parses."""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    weights = [6 if _kind(n) in ("sheet", "document") else 3 if _kind(n) in ("strings", "styles") else 1 for n in names]
    mutations = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        if rng.random() < 0.05:
            mutations.append(Mutation("", rng.choice(("zip_truncate", "zip_drop", "zip_flip")), rng.randrange(2**32)))
            continue
        part = rng.choices(names, weights)[0]
        mutations.append(Mutation(part, rng.choice(_FOR_PART[_kind(part)]), rng.randrange(2**32)))
    return Case(reader, seed_name, mutations)


def apply(data: bytes, mutations: list[Mutation]) -> tuple[bytes, list[str]]:
    """The damaged file and what was done, deterministically from the mutations."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    done: list[str] = []
    zip_level = []
    for mutation in mutations:
        rng = random.Random(mutation.seed)
        if not mutation.part:
            zip_level.append((mutation, rng))
            continue
        if mutation.part in parts:
            parts[mutation.part], what = MUTATORS[mutation.op](parts[mutation.part], rng)
            done.append(f"{mutation.part}: {what}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for mutation, rng in zip_level:
            if mutation.op == "zip_drop" and parts:
                dropped = rng.choice(sorted(parts))
                del parts[dropped]
                done.append(f"zip: drop {dropped}")
        for name, content in parts.items():
            target.writestr(name, content)
    result = out.getvalue()
    for mutation, rng in zip_level:
        if mutation.op == "zip_truncate":
            at = rng.randrange(len(result))
            result = result[:at]
            done.append(f"zip: truncate at {at}")
        elif mutation.op == "zip_flip":
            at = rng.randrange(len(result))
            result = result[:at] + bytes([result[at] ^ 0xFF]) + result[at + 1:]
            done.append(f"zip: flip byte {at}")
    return result, done


# -- the worker ------------------------------------------------------------------------------------


def _send(stream: object, value: object) -> None:
    payload = pickle.dumps(value)
    stream.write(struct.pack("<I", len(payload)) + payload)  # type: ignore[attr-defined]
    stream.flush()  # type: ignore[attr-defined]


def _receive(stream: object) -> object:
    head = stream.read(4)  # type: ignore[attr-defined]
    if len(head) < 4:
        raise EOFError
    (size,) = struct.unpack("<I", head)
    return pickle.loads(stream.read(size))  # type: ignore[attr-defined]


def _peak_reset() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def digest(result: object) -> str:
    """What a reader returned, as text two engines can be compared on."""
    from yifeng.io import to_dict

    data = to_dict(result)
    diagnostics = [(d.code, d.cell, d.message) for d in getattr(result, "diagnostics", ())]
    return json.dumps([data, diagnostics], ensure_ascii=False, sort_keys=True, default=str)


def read(reader: str, engine: str, data: bytes) -> object:
    from yifeng.io import read_ledger, read_notice_docx, read_task_table

    if reader in _SELF_TEST:
        return _SELF_TEST[reader](data)
    if engine == BESIDE:
        import yifeng.io._workbook as workbook

        workbook._BESIDE_BYTES = 0  # type: ignore[misc] # this worker reads only so
        engine = "calamine"
    if reader == "task":
        return read_task_table(io.BytesIO(data), engine=engine)  # type: ignore[arg-type]
    if reader == "ledger":
        return read_ledger(io.BytesIO(data), engine=engine)  # type: ignore[arg-type]
    return read_notice_docx(io.BytesIO(data))


def _abort(data: bytes) -> object:
    os.abort()


def _sleep(data: bytes) -> object:
    time.sleep(60)
    return None


def _allocate(data: bytes) -> object:
    held = b"x" * (int(data) << 20)  # written, so resident
    time.sleep(60)
    return held


def _raise(data: bytes) -> object:
    raise KeyError(data)


# Readers that fail on purpose, so that a test can check the harness sees each failure.
_SELF_TEST: dict[str, Callable[[bytes], object]] = {"_abort": _abort, "_sleep": _sleep, "_allocate": _allocate,
                                                     "_raise": _raise}


def worker() -> None:
    """Read cases from stdin, answer on stdout, until stdin closes."""
    from yifeng.errors import YifengError

    out, source = sys.stdout.buffer, sys.stdin.buffer
    sys.stdout = sys.stderr  # nothing a reader prints may break the protocol
    while True:
        try:
            reader, engine, data = _receive(source)  # type: ignore[misc]
        except EOFError:
            return
        _peak_reset()
        start = time.perf_counter()
        answer: dict[str, object] = {}
        try:
            answer = {"kind": "ok", "digest": digest(read(reader, engine, data))}
        except YifengError as exc:
            answer = {"kind": "refused", "message": str(exc)[:300]}
        except BaseException as exc:  # noqa: BLE001 - the thing being looked for
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "yifeng" in f.filename and "tools" not in f.filename]
            last = ours[-1] if ours else (frames[-1] if frames else None)
            answer = {"kind": "FOREIGN", "type": f"{type(exc).__module__}.{type(exc).__name__}",
                      "message": str(exc)[:300], "where": f"{Path(last.filename).name}:{last.lineno}" if last else "",
                      "traceback": "".join(traceback.format_exception(exc))[-3000:]}
        answer["seconds"] = round(time.perf_counter() - start, 3)
        answer["peak_mb"] = _peak_mb()
        _send(out, answer)


class Worker:
    """A worker process for one reader and engine, restarted when it dies or stalls."""

    def __init__(self, reader: str, engine: str, *, time_limit: float = TIME_LIMIT,
                 memory_limit: int = MEMORY_LIMIT) -> None:
        self.reader, self.engine = reader, engine
        self.time_limit, self.memory_limit = time_limit, memory_limit
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ, RUST_BACKTRACE="0", PYTHONPATH=str(ROOT / "src"))
        return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)

    def run(self, data: bytes) -> dict[str, object]:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        start = time.perf_counter()
        try:
            _send(process.stdin, (self.reader, self.engine, data))
        except BrokenPipeError:
            self.process = None
            return {"kind": "CRASH", "exit": process.poll()}
        while True:
            ready, _, _ = select.select([process.stdout], [], [], 0.2)
            if ready:
                try:
                    return _receive(process.stdout)  # type: ignore[return-value]
                except EOFError:
                    code = process.wait()
                    self.process = None
                    return {"kind": "CRASH", "exit": code}
            elapsed = time.perf_counter() - start
            rss = _rss_mb(process.pid)
            if elapsed > self.time_limit or rss > self.memory_limit:
                process.kill()
                process.wait()
                self.process = None
                return {"kind": "HANG" if elapsed > self.time_limit else "MEMORY", "seconds": round(elapsed, 1),
                        "peak_mb": rss}

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


def _rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


# -- the supervisor --------------------------------------------------------------------------------

FAILURES = ("FOREIGN", "CRASH", "HANG", "MEMORY", "DIFF")


def _difference(first: object, second: object, path: str = "$") -> str:
    """Where two engines' results first part ways, and how."""
    if type(first) is not type(second):
        return f"{path}: {first!r:.80} ≠ {second!r:.80}"
    if isinstance(first, dict) and isinstance(second, dict):
        for key in sorted(set(first) | set(second)):
            if first.get(key) != second.get(key):
                return _difference(first.get(key), second.get(key), f"{path}.{key}")
    elif isinstance(first, list) and isinstance(second, list):
        for index, (a, b) in enumerate(zip(first, second)):
            if a != b:
                return _difference(a, b, f"{path}[{index}]")
        if len(first) != len(second):
            return f"{path}: {len(first)} items ≠ {len(second)} items"
    return f"{path}: {first!r:.80} ≠ {second!r:.80}"


def _outcome(answer: dict[str, object]) -> tuple[object, ...]:
    """What must not change with where an engine parses: the kind, and the result or message."""
    return (answer["kind"], answer.get("digest"), answer.get("message"))


def signature(reader: str, engine: str, answer: dict[str, object]) -> str:
    kind = str(answer["kind"])
    if kind == "FOREIGN":
        return f"{reader}-{engine}|FOREIGN|{answer['type']}|{answer['where']}"
    return f"{reader}-{engine}|{kind}"


class Fuzzer:
    def __init__(self, out: Path, readers: list[str], engines: list[str]) -> None:
        self.out = out
        self.readers, self.engines = readers, engines
        self.workers = {(r, e): Worker(r, e) for r in readers for e in (engines if r != "docx" else ["-"])}
        self.counts: Counter[str] = Counter()
        self.found: dict[str, dict[str, object]] = {}
        self.slowest = 0.0
        self.heaviest = 0

    def run_case(self, case: Case, data: bytes) -> dict[str, dict[str, object]]:
        engines = self.engines if case.reader != "docx" else ["-"]
        return {engine: self.workers[case.reader, engine].run(data) for engine in engines}

    def failures(self, case: Case, answers: dict[str, dict[str, object]]) -> list[tuple[str, dict[str, object]]]:
        found = [(signature(case.reader, e, a), a) for e, a in answers.items() if a["kind"] in FAILURES]
        oks = {e: a for e, a in answers.items() if a["kind"] == "ok"}
        if all(e in oks for e in ENGINES) and len({oks[e]["digest"] for e in ENGINES}) > 1:
            first, second = (json.loads(str(oks[e]["digest"])) for e in ENGINES)
            found.append((f"{case.reader}|DIFF", {"kind": "DIFF", "difference": _difference(first, second),
                                                  "openpyxl": first, "calamine": second}))
        if "calamine" in answers and BESIDE in answers:
            after, beside = (_outcome(answers[e]) for e in ("calamine", BESIDE))
            if after != beside:
                found.append((f"{case.reader}-{BESIDE}|DIFF", {"kind": "DIFF", "calamine": after, BESIDE: beside}))
        return found

    def fuzz(self, cases: int, seed: int) -> None:
        rng = random.Random(seed)
        for reader in self.readers:
            pool = seeds(reader)
            for index in range(cases):
                name, original = rng.choice(pool)
                case = plan(reader, name, original, rng)
                data, case.done = apply(original, case.mutations)
                answers = self.run_case(case, data)
                for engine, answer in answers.items():
                    self.counts[f"{reader}-{engine}|{answer['kind']}"] += 1
                    self.slowest = max(self.slowest, float(answer.get("seconds", 0) or 0))  # type: ignore[arg-type]
                    self.heaviest = max(self.heaviest, int(answer.get("peak_mb", 0) or 0))  # type: ignore[call-overload]
                for sig, answer in self.failures(case, answers):
                    self.counts[f"{reader}|failures"] += 1
                    if sig not in self.found:
                        self.record(sig, case, original, index)
                    self.found[sig]["count"] = int(self.found[sig]["count"]) + 1  # type: ignore[call-overload]

    def record(self, sig: str, case: Case, original: bytes, index: int) -> None:
        """Keep the smallest set of the case's mutations that still fails the same way."""
        mutations = list(case.mutations)
        for mutation in list(mutations):
            trial = [m for m in mutations if m != mutation]
            if trial:
                data, _ = apply(original, trial)
                if sig in {s for s, _ in self.failures(case, self.run_case(case, data))}:
                    mutations = trial
        data, done = apply(original, mutations)
        answer = next((a for s, a in self.failures(case, self.run_case(case, data)) if s == sig), {"kind": "flaky"})
        folder = self.out / (case.reader + "-" + hashlib.sha1(sig.encode()).hexdigest()[:8])
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".docx" if case.reader == "docx" else ".xlsx"
        (folder / f"case{suffix}").write_bytes(data)
        info = {"signature": sig, "case": index, "seed": case.seed_name, "mutations": done, **answer}
        (folder / "info.json").write_text(json.dumps(info, ensure_ascii=False, indent=1, default=str))
        call = {"task": "read_task_table(p, engine=e)", "ledger": "read_ledger(p, engine=e)",
                "docx": "read_notice_docx(p)"}.get(case.reader, "read_ledger(p, engine=e)")
        engine = sig.split("|")[0].split("-")[-1]
        (folder / "repro.sh").write_text(
            f'#!/bin/sh\n"${{PYTHON:-python}}" -c "from yifeng.io import *; p=\'$(dirname "$0")/case{suffix}\'; '
            f"e='{engine if engine in ENGINES else 'calamine' if engine == BESIDE else 'auto'}'; "
            + ("import yifeng.io._workbook as w; w._BESIDE_BYTES = 0; " if engine == BESIDE else "") + f"{call}\"\n")
        self.found[sig] = {"folder": str(folder), "count": 0, "mutations": done}

    def close(self) -> None:
        for worker in self.workers.values():
            worker.close()

    def summary(self) -> dict[str, object]:
        return {"counts": dict(sorted(self.counts.items())), "failures": self.found,
                "slowest_seconds": self.slowest, "largest_peak_mb": self.heaviest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=int, default=3000, help="cases per reader (each read by every engine)")
    parser.add_argument("--targets", default=",".join(READERS), help="readers: task, ledger, docx")
    parser.add_argument("--engines", default=",".join((*ENGINES, BESIDE)))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "build" / "fuzz"), help="where reproducers are written")
    args = parser.parse_args(argv)
    if args.worker:
        worker()
        return 0
    fuzzer = Fuzzer(Path(args.out), args.targets.split(","), args.engines.split(","))
    started = time.perf_counter()
    try:
        fuzzer.fuzz(args.cases, args.seed)
    finally:
        fuzzer.close()
    summary = fuzzer.summary()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    for key, count in summary["counts"].items():  # type: ignore[union-attr]
        print(f"{key:40} {count}")
    print(f"slowest case {fuzzer.slowest:.2f} s, largest peak {fuzzer.heaviest} MB, {summary['seconds']} s in all")
    for sig, found in fuzzer.found.items():
        print(f"FAIL {sig}  x{found['count']}  {found['folder']}")
    return 1 if fuzzer.found else 0


if __name__ == "__main__":
    sys.exit(main())
