"""台账 as Parquet: one stable, columnar table of every row of many ledgers.

A week's ledgers from a whole province (or the country) are too many workbooks to loop
over; as Parquet they are one file that DuckDB, Spark or pandas read in seconds. The
schema is fixed — the same columns and types whatever the ledgers hold — and versioned
(:data:`LEDGER_PARQUET_VERSION`, in the file's metadata), so a query written once keeps
working. Values kept as written (``unparsed``) and a row's extra columns travel as
header → text maps: nothing a filer wrote is lost, and :func:`read_parquet` gives the
ledgers back equal to what was written. Beside what was filed, each row carries what the
weekly figures group it by, worked out once by yifeng (``filed_by``, ``item``, ``area``),
so that SQL counts exactly what :func:`~yifeng.model.weekly_report` counts.

Needs pyarrow: ``pip install 'yifeng[parquet]'``.
"""

from __future__ import annotations

import os
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from yifeng._files import replacing
from yifeng.errors import YifengError
from yifeng.model import Campaign, Filer, Ledger, LedgerKind, LedgerRow, Source, TaskTable
from yifeng.model._ledger import LEDGER_FIELDS, LEDGER_HEADERS, LEDGER_KINDS
from yifeng.model._check import decoded
from yifeng.model._ledger_ops import area_of, item_of
from yifeng.model._records import arrow_type
from yifeng.model._weekly import UNNAMED_UNIT

if TYPE_CHECKING:
    import pyarrow

LEDGER_PARQUET_VERSION: Final = 2
"""The version of the ledger Parquet schema, stored as ``yifeng.ledger_schema`` in the file.
2 added ``position``, ``sheet``, ``source_row``, ``extra_columns`` and the grouping columns ``filed_by``,
``item`` and ``area``; a row's ``extra`` holds only the values it has."""



def _pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise YifengError("写 Parquet 需要 pyarrow：pip install 'yifeng[parquet]'") from error


def ledger_schema() -> pyarrow.Schema:
    """The Arrow schema of the ledger Parquet file (snake_case names; Chinese headers in
    each field's metadata)."""
    _pyarrow()
    import pyarrow as pa

    text_map = pa.map_(pa.string(), pa.string())
    fields: list[pa.Field[Any]] = [
        pa.field("ledger", pa.int64(), nullable=False, metadata={"header": "台账序号"}),
        pa.field("position", pa.int64(), nullable=False, metadata={"header": "台账内行序"}),
        pa.field("kind", pa.string(), nullable=False, metadata={"header": "台账类别"}),
        pa.field("title", pa.string(), nullable=False, metadata={"header": "台账标题"}),
        pa.field("file", pa.string(), metadata={"header": "文件"}),
        pa.field("sheet", pa.string(), metadata={"header": "工作表"}),
        pa.field("source_row", pa.int64(), metadata={"header": "行号"}),
        pa.field("filer_unit", pa.string(), nullable=False, metadata={"header": "填报单位"}),
        pa.field("filer_person", pa.string(), nullable=False, metadata={"header": "填报人"}),
        pa.field("filer_contact", pa.string(), nullable=False, metadata={"header": "联系方式"}),
        pa.field("extra_columns", pa.list_(pa.string()), nullable=False, metadata={"header": "台账附加列"}),
        pa.field("row_filer_unit", pa.string(), metadata={"header": "本行填报单位"}),
        pa.field("row_filer_person", pa.string(), metadata={"header": "本行填报人"}),
        pa.field("row_filer_contact", pa.string(), metadata={"header": "本行联系方式"}),
    ]
    for field in LEDGER_FIELDS:  # typed as on screen and in frames; a number or date may be missing
        kind = LEDGER_KINDS.get(field, "text")
        fields.append(pa.field(field, arrow_type(kind), nullable=kind in ("int", "date"),
                               metadata={"header": LEDGER_HEADERS[field]}))
    fields += [
        pa.field("unparsed", text_map, nullable=False, metadata={"header": "未能识别的原文"}),
        pa.field("extra", text_map, nullable=False, metadata={"header": "附加列"}),
        pa.field("key", pa.string(), nullable=False, metadata={"header": "标识"}),
        pa.field("filed_by", pa.string(), nullable=False, metadata={"header": "汇总单位"}),
        pa.field("item", pa.string(), nullable=False, metadata={"header": "汇总条目"}),
        pa.field("area", pa.string(), nullable=False, metadata={"header": "汇总方面"}),
    ]
    return pa.schema(fields, metadata={"yifeng.ledger_schema": str(LEDGER_PARQUET_VERSION)})


def _columns(ordinal: int, ledger: Ledger, into: dict[str, list[object]]) -> None:
    """Append every row of ``ledger`` to the column lists ``into``."""
    own: dict[str, object] = {"ledger": ordinal, "kind": ledger.kind.value, "title": ledger.title,
                              "filer_unit": ledger.filer.unit, "filer_person": ledger.filer.person,
                              "filer_contact": ledger.filer.contact, "extra_columns": list(ledger.extra_columns)}
    count = len(ledger.rows)
    for name, value in own.items():
        into[name].extend([value] * count)
    into["position"].extend(range(count))
    for row in ledger.rows:
        filer, source = row.filer, row.source
        into["file"].append(source.file if source else None)
        into["sheet"].append(source.sheet if source else None)
        into["source_row"].append(source.row if source else None)
        into["row_filer_unit"].append(filer.unit if filer else None)
        into["row_filer_person"].append(filer.person if filer else None)
        into["row_filer_contact"].append(filer.contact if filer else None)
        for field in LEDGER_FIELDS:
            into[field].append(getattr(row, field))
        into["unparsed"].append(list(row.unparsed))
        into["extra"].append(list(zip(ledger.extra_columns, row.extra)))
        into["key"].append(row.key)
        unit = (filer if filer is not None else ledger.filer).unit
        into["filed_by"].append(unit or UNNAMED_UNIT)
        into["item"].append(item_of(row))
        into["area"].append(area_of(row))


def _table(ledgers: Iterable[tuple[int, Ledger]], schema: pyarrow.Schema) -> pyarrow.Table:
    import pyarrow as pa

    columns: dict[str, list[object]] = {name: [] for name in schema.names}
    for ordinal, ledger in ledgers:
        _columns(ordinal, ledger, columns)
    return pa.Table.from_pydict(columns, schema=schema)


def ledgers_to_arrow(ledgers: Iterable[Ledger]) -> pyarrow.Table:
    """Every row of ``ledgers`` as one Arrow table with :func:`ledger_schema`."""
    _pyarrow()
    return _table(enumerate(ledgers), ledger_schema())


def write_parquet(ledgers: Iterable[Ledger], path: str | os.PathLike[str], *, row_group: int = 65_536) -> Path:
    """Write every row of ``ledgers`` to one Parquet file, streaming: ledgers are taken
    one at a time and written in row groups of about ``row_group`` rows, so memory stays
    flat however many there are. The file appears whole or not at all."""
    schema = ledger_schema()
    import pyarrow.parquet as pq

    target = Path(path)
    with replacing(target) as temporary:
        assert isinstance(temporary, str)
        with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
            batch: list[tuple[int, Ledger]] = []
            rows = 0
            for ordinal, ledger in enumerate(ledgers):
                batch.append((ordinal, ledger))
                rows += len(ledger.rows)
                if rows >= row_group:
                    writer.write_table(_table(batch, schema))
                    batch, rows = [], 0
            writer.write_table(_table(batch, schema))
    return target


def checked(path: str | os.PathLike[str]) -> None:
    """Refuse, naming ``path``, a file that cannot be read as Parquet or is no ledger file
    of this schema version (its footer is all that is read)."""
    _pyarrow()
    import pyarrow.parquet as pq

    try:
        version = (pq.read_schema(Path(path)).metadata or {}).get(b"yifeng.ledger_schema")
    except (OSError, ValueError) as error:  # a missing file; pyarrow's ArrowInvalid is a ValueError
        raise YifengError(f"{path}：无法读取 Parquet 文件（{error}）") from None
    if version != str(LEDGER_PARQUET_VERSION).encode():
        raise YifengError(f"{path}：不是 yifeng 台账 Parquet 文件（或版本不符：{version!r}，"
                          f"应为 {LEDGER_PARQUET_VERSION}；请用本版 yifeng ledger export 重新导出）")


def _opened(path: str | os.PathLike[str]) -> pyarrow.Table:
    checked(path)
    import pyarrow.parquet as pq

    try:
        return pq.read_table(Path(path))
    except (OSError, ValueError) as error:  # damaged past its footer
        raise YifengError(f"{path}：无法读取 Parquet 文件（{error}）") from None


def record_filer(record: dict[str, Any]) -> Filer:
    """The ledger's filer of a Parquet record."""
    return Filer(unit=record["filer_unit"], person=record["filer_person"], contact=record["filer_contact"])


_SHARED_LENGTH: Final = 200  # texts shorter than this are made once: longer ones rarely repeat


class Shared:
    """Equal values made once while many records become rows: a ledger's rows repeat its
    texts (主管部门, 发现途径, 处理意见, the file's name), and a report may hold a
    hundred thousand of them."""

    def __init__(self) -> None:
        self._texts: dict[Any, Any] = {}
        self.texts = self._texts.setdefault  # (text, text) → the first equal text met
        self._filers: dict[tuple[str, str, str], Filer] = {}

    def text(self, value: Any) -> Any:
        return self.texts(value, value) if type(value) is str and len(value) < _SHARED_LENGTH else value

    def filer(self, unit: str, person: str, contact: str) -> Filer:
        key = (unit, person, contact)
        found = self._filers.get(key)
        if found is None:
            found = self._filers[key] = Filer(unit=self.text(unit), person=self.text(person),
                                              contact=self.text(contact))
        return found


def ledger_rows(columns: Mapping[str, Sequence[Any]], shared: Shared, *, ledger_filer: bool = False) -> list[LedgerRow]:
    """The :class:`~yifeng.model.LedgerRow` each record of a batch holds (``columns``: the
    batch's columns as Python lists), as it was written, its repeated texts and filers
    made once across batches with ``shared``. ``ledger_filer``: a row without a filer of
    its own carries its ledger's (as a weekly report counts it). Arrow text is UTF-8, so
    it holds no lone surrogate: rows are built by :func:`~yifeng.model._check.decoded`."""
    text = shared.texts
    count = len(columns["key"])
    values = [[text(v, v) if type(v) is str and len(v) < _SHARED_LENGTH else v for v in columns[field]]
              for field in LEDGER_FIELDS]
    own = zip(columns["row_filer_unit"], columns["row_filer_person"], columns["row_filer_contact"])
    theirs = zip(columns["filer_unit"], columns["filer_person"], columns["filer_contact"]) if ledger_filer \
        else itertools.repeat((None, None, None), count)
    filers = [shared.filer(*mine) if mine[0] is not None else shared.filer(*ledgers) if ledgers[0] is not None
              else None for mine, ledgers in zip(own, theirs)]
    make_row, make_source = decoded(LedgerRow), decoded(Source)
    sources = [make_source(file=text(file, file), sheet=text(sheet, sheet), row=line)
               if (file, sheet, line) != (None, None, None) else None
               for file, sheet, line in zip(columns["file"], columns["sheet"], columns["source_row"])]
    return [make_row(**dict(zip(LEDGER_FIELDS, fields)), unparsed=tuple(unparsed),
                     extra=tuple([text(v, v) for _, v in extra]), filer=filer, key=key, source=source)
            for *fields, unparsed, extra, filer, key, source
            in zip(*values, columns["unparsed"], columns["extra"], filers, columns["key"], sources)]


def read_parquet(path: str | os.PathLike[str]) -> tuple[Ledger, ...]:
    """The ledgers a file of :func:`write_parquet` holds, in order, equal to those written
    (a ledger with no rows leaves nothing in the file to read back)."""
    table = _opened(path)
    ledgers: list[Ledger] = []
    current: int | None = None
    rows: list[LedgerRow] = []
    head: dict[str, Any] = {}

    def close() -> None:
        if current is not None:
            ledgers.append(Ledger(kind=LedgerKind(str(head["kind"])), title=str(head["title"]),
                                  filer=record_filer(head), rows=tuple(rows),
                                  extra_columns=tuple(head["extra_columns"])))

    columns = table.to_pydict()
    made = iter(ledger_rows(columns, Shared()))
    for index, ordinal in enumerate(columns["ledger"]):
        if ordinal != current:
            close()
            current, rows = ordinal, []
            head = {name: columns[name][index] for name in ("kind", "title", "filer_unit", "filer_person",
                                                            "filer_contact", "extra_columns")}
        rows.append(next(made))
    close()
    return tuple(ledgers)


TASKS_PARQUET_VERSION: Final = 1
"""The version of the task Parquet schema, stored as ``yifeng.tasks_schema`` in the file."""


def tasks_schema() -> pyarrow.Schema:
    """The Arrow schema of the task Parquet file: the plan (ordinal, title, year), then the
    columns of :meth:`Tasks.to_arrow() <yifeng.model.Records.to_arrow>` (序号, 类别, 重点任务 … 标识)."""
    _pyarrow()
    import pyarrow as pa

    from yifeng.model import Tasks
    from yifeng.model._records import arrow_schema

    plan = [pa.field("plan", pa.int64(), nullable=False, metadata={"header": "方案序号"}),
            pa.field("plan_title", pa.string(), nullable=False, metadata={"header": "方案"}),
            pa.field("plan_year", pa.int64(), metadata={"header": "年度"})]
    own = arrow_schema(Tasks()._columns())
    return pa.schema([*plan, *own], metadata={"yifeng.tasks_schema": str(TASKS_PARQUET_VERSION)})


def write_tasks_parquet(plans: Iterable[Campaign | TaskTable], path: str | os.PathLike[str]) -> Path:
    """Every task of ``plans`` (campaigns, or 分工表 as imported) as one Parquet file with
    :func:`tasks_schema`: the tasks of a province's or the country's plans, side by side,
    for the same engines that read the ledgers. The file appears whole or not at all."""
    schema = tasks_schema()
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[object]] = {name: [] for name in schema.names}
    for ordinal, plan in enumerate(plans):
        tasks = plan.tasks
        table = tasks.to_arrow()
        columns["plan"] += [ordinal] * len(tasks)
        columns["plan_title"] += [plan.title] * len(tasks)
        columns["plan_year"] += [plan.year] * len(tasks)
        for name in table.column_names:
            columns[name] += table.column(name).to_pylist()
    target = Path(path)
    with replacing(target) as temporary:
        assert isinstance(temporary, str)
        pq.write_table(pa.Table.from_pydict(columns, schema=schema), temporary, compression="zstd")
    return target
