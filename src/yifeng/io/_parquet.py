"""台账 as Parquet: one stable, columnar table of every row of many ledgers.

A week's ledgers from a whole province (or the country) are too many workbooks to loop
over; as Parquet they are one file that DuckDB, Spark or pandas read in seconds. The
schema is fixed — the same columns and types whatever the ledgers hold — and versioned
(:data:`LEDGER_PARQUET_VERSION`, in the file's metadata), so a query written once keeps
working. Values kept as written (``unparsed``) and extra columns travel as
header → text maps: nothing a filer wrote is lost, and :func:`read_parquet` gives the
ledgers back equal to what was written.

Needs pyarrow: ``pip install 'yifeng[parquet]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from yifeng._files import replacing
from yifeng.errors import YifengError
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, Source
from yifeng.model._ledger import LEDGER_FIELDS, LEDGER_HEADERS, LEDGER_KINDS
from yifeng.model._records import arrow_type

if TYPE_CHECKING:
    import pyarrow

LEDGER_PARQUET_VERSION: Final = 1
"""The version of the ledger Parquet schema, stored as ``yifeng.ledger_schema`` in the file."""



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
        pa.field("kind", pa.string(), nullable=False, metadata={"header": "台账类别"}),
        pa.field("title", pa.string(), nullable=False, metadata={"header": "台账标题"}),
        pa.field("file", pa.string(), metadata={"header": "文件"}),
        pa.field("filer_unit", pa.string(), nullable=False, metadata={"header": "填报单位"}),
        pa.field("filer_person", pa.string(), nullable=False, metadata={"header": "填报人"}),
        pa.field("filer_contact", pa.string(), nullable=False, metadata={"header": "联系方式"}),
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
    ]
    return pa.schema(fields, metadata={"yifeng.ledger_schema": str(LEDGER_PARQUET_VERSION)})


def _records(ordinal: int, ledger: Ledger) -> Iterator[dict[str, object]]:
    own = {"ledger": ordinal, "kind": ledger.kind.value, "title": ledger.title, "filer_unit": ledger.filer.unit,
           "filer_person": ledger.filer.person, "filer_contact": ledger.filer.contact}
    width = len(ledger.extra_columns)
    for row in ledger.rows:
        filer = row.filer
        yield {
            **own,
            "file": row.source.file if row.source else None,
            "row_filer_unit": filer.unit if filer else None,
            "row_filer_person": filer.person if filer else None,
            "row_filer_contact": filer.contact if filer else None,
            **{field: getattr(row, field) for field in LEDGER_FIELDS},
            "unparsed": list(row.unparsed),
            "extra": list(zip(ledger.extra_columns, row.extra + ("",) * (width - len(row.extra)))),
            "key": row.key,
        }


def ledgers_to_arrow(ledgers: Iterable[Ledger]) -> pyarrow.Table:
    """Every row of ``ledgers`` as one Arrow table with :func:`ledger_schema`."""
    _pyarrow()
    import pyarrow as pa

    schema = ledger_schema()
    return pa.Table.from_pylist([r for i, ledger in enumerate(ledgers) for r in _records(i, ledger)], schema=schema)


def write_parquet(ledgers: Iterable[Ledger], path: str | os.PathLike[str], *, row_group: int = 100_000) -> Path:
    """Write every row of ``ledgers`` to one Parquet file, streaming: ledgers are taken
    one at a time and written in row groups of ``row_group`` rows, so memory stays flat
    however many there are. The file appears whole or not at all."""
    schema = ledger_schema()
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)

    with replacing(target) as temporary:
        assert isinstance(temporary, str)
        with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
            batch: list[dict[str, object]] = []
            for ordinal, ledger in enumerate(ledgers):
                batch.extend(_records(ordinal, ledger))
                if len(batch) >= row_group:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return target


def read_parquet(path: str | os.PathLike[str]) -> tuple[Ledger, ...]:
    """The ledgers a file of :func:`write_parquet` holds, in order, equal to those written
    (a ledger with no rows leaves nothing in the file to read back)."""
    _pyarrow()
    import pyarrow.parquet as pq

    table = pq.read_table(Path(path))
    version = (table.schema.metadata or {}).get(b"yifeng.ledger_schema")
    if version != str(LEDGER_PARQUET_VERSION).encode():
        raise YifengError(f"{path}：不是 yifeng 台账 Parquet 文件（或版本不符：{version!r}）")
    ledgers: list[Ledger] = []
    current: int | None = None
    rows: list[LedgerRow] = []
    extra: tuple[str, ...] = ()
    head: dict[str, object] = {}

    def close() -> None:
        if current is not None:
            ledgers.append(Ledger(
                kind=LedgerKind(str(head["kind"])), title=str(head["title"]),
                filer=Filer(unit=str(head["filer_unit"]), person=str(head["filer_person"]),
                            contact=str(head["filer_contact"])),
                rows=tuple(rows), extra_columns=extra))

    for record in table.to_pylist():
        if record["ledger"] != current:
            close()
            current, head, rows, extra = record["ledger"], record, [], tuple(name for name, _ in record["extra"])
        filer = (Filer(unit=record["row_filer_unit"], person=record["row_filer_person"],
                       contact=record["row_filer_contact"]) if record["row_filer_unit"] is not None else None)
        values = {field: record[field] for field in LEDGER_FIELDS}
        rows.append(LedgerRow(
            **values, unparsed=tuple(record["unparsed"]), extra=tuple(v for _, v in record["extra"]),
            filer=filer, key=record["key"],
            source=Source(file=record["file"]) if record["file"] else None))
    close()
    return tuple(ledgers)
