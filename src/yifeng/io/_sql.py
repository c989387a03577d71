"""The weekly figures (周调度) from a ledger Parquet file, computed by an SQL engine.

Beyond one machine the ledgers are one Parquet file (or a folder of them, one per
province) and the counting is SQL: DuckDB here, embedded, no server; the same queries on
a cluster engine (Spark SQL, Trino) with ``ledgers`` bound to the table. The queries
count exactly what :class:`~yifeng.model.WeeklyTally` counts — the ledgers as they stood
on ``as_of``, each row under the unit, item and area yifeng worked out when it wrote the
file — and fetch only the rows the report lists; yifeng builds the report from them.

Needs pyarrow and DuckDB: ``pip install 'yifeng[parquet]'``.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import sys
from typing import TYPE_CHECKING, Any, Final

from yifeng.errors import YifengError
from yifeng.io._parquet import Shared, checked, ledger_rows
from yifeng.model._ledger_ops import mask_row
from yifeng.model import LedgerRow
from yifeng.model._weekly import WeeklyTally

if TYPE_CHECKING:
    import duckdb

BLANK: Final = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
"""The characters Python's ``str.strip()`` removes: ``$blank`` in the queries."""

KNOWN: Final = """
    SELECT *,
           rectified AND NOT coalesce(rectified_on > $as_of, false) AS done,
           CASE WHEN rectified_on > $as_of THEN NULL ELSE rectified_on END AS done_on,
           coalesce(nullif(trim(discovered_via, $blank), ''), '（未填写）') AS via,
           coalesce(nullif(trim(authority, $blank), ''), '（未填写）') AS auth
    FROM ledgers
    WHERE discovered_on IS NULL OR discovered_on <= $as_of
"""
"""Every row as it stood on ``$as_of``: found by then; rectified only if by then."""

_ORDER: Final = "ORDER BY ledger, position"
"""The order of the rows a report lists: as the ledgers were written."""

WEEKLY_SQL: Final[dict[str, str]] = {
    "totals": "SELECT count(*), count(*) FILTER (WHERE done) FROM known",
    "areas": "SELECT area, count(*) FROM known GROUP BY area",
    "items": "SELECT item, count(*), count(*) FILTER (WHERE done) FROM known GROUP BY item",
    "discovery": "SELECT via, count(*) FROM known GROUP BY via",
    "authority": "SELECT auth, count(*) FROM known GROUP BY auth",
    # Units in the order their first row comes, as the workbook path meets them.
    "units": """SELECT filed_by, count(*), count(*) FILTER (WHERE done) FROM known
                GROUP BY filed_by ORDER BY min(ledger), min(position)""",
    "filers": "SELECT DISTINCT filer_unit FROM ledgers WHERE filer_unit <> '' LIMIT 2",
    "ledgers": "SELECT count(DISTINCT ledger) FROM ledgers",
    # The rows the report lists: still open, found this week, rectified this week.
    "listed": f"""SELECT * EXCLUDE (done, done_on, via, auth) FROM known
                  WHERE NOT done OR discovered_on >= $start OR done_on >= $start
                  {_ORDER}""",
}
"""The queries, each over ``known`` (:data:`KNOWN`) or the file's rows (``ledgers``);
parameters ``$as_of`` and ``$start`` (the report date and six days before), ``$blank``
(:data:`BLANK`)."""


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as error:
        raise YifengError("从 Parquet 汇总需要 DuckDB：pip install 'yifeng[parquet]'") from error
    return duckdb


def _connect(path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with ``ledgers`` (the file's rows) as a view."""
    engine = _duckdb()
    checked(path)
    name = os.fspath(path)
    connection: duckdb.DuckDBPyConnection = engine.connect()
    quoted = name.replace("'", "''")
    connection.execute(f"CREATE VIEW ledgers AS SELECT * FROM read_parquet('{quoted}')")
    return connection


def weekly_tally_from_parquet(path: str | os.PathLike[str], *, as_of: dt.date, mask: bool = False) -> WeeklyTally:
    """The :class:`~yifeng.model.WeeklyTally` of every ledger in a Parquet file of
    :func:`~yifeng.io.write_parquet` (``yifeng ledger export``), counted by DuckDB: the
    same figures as adding those ledgers one by one. Its ``report()`` is the weekly
    report; ``mask`` hides people's names and numbers in the rows it lists."""
    connection = _connect(path)
    start = as_of - dt.timedelta(days=6)
    parameters = {"as_of": as_of, "start": start, "blank": BLANK}
    tally = WeeklyTally(as_of)

    def query(name: str) -> list[tuple[Any, ...]]:
        sql = f"WITH known AS ({KNOWN}) {WEEKLY_SQL[name]}" if "known" in WEEKLY_SQL[name] else WEEKLY_SQL[name]
        used = {key: value for key, value in parameters.items() if f"${key}" in sql}
        return list(connection.execute(sql, used).fetchall())

    try:
        (total, rectified), = query("totals")
        counts = tally.counts
        counts.total, counts.rectified = total, rectified
        counts.areas.update(dict(query("areas")))
        for item, count, done in query("items"):
            counts.items[item] = count
            if done:
                tally.done[item] = done
        counts.discovery.update(dict(query("discovery")))
        counts.authority.update(dict(query("authority")))
        for unit, count, done in query("units"):
            tally.units[unit] = [count, done, 0, 0]
        tally.filers = {unit for unit, in query("filers")}
        (tally.ledgers,), = query("ledgers")
        # Fetched as DuckDB finds them and put in the ledgers' order here: an ORDER BY
        # would have DuckDB hold every listed row before the first came out (the rows are
        # held here anyway, as the report lists them).
        listed = f"WITH known AS ({KNOWN}) {WEEKLY_SQL['listed']}"
        _list(connection, listed.removesuffix(_ORDER), parameters, tally, mask)
    finally:
        connection.close()
    return tally


_BATCH: Final = 10_000  # rows converted to Python at a time
_PLACE: Final = operator.itemgetter(0, 1)  # (ledger, position)


def _list(connection: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object], tally: WeeklyTally,
          mask: bool) -> None:
    """Put the rows ``sql`` lists in ``tally``, in the order of their ledgers and of the rows
    in each (rows of one place twice — two exports joined into one file — in the order
    they come)."""
    # As Arrow batches: the values convert to Python exactly as read_parquet's do.
    listed = connection.sql(sql, params=parameters)
    # DuckDB 2 calls it to_arrow_reader, 1.x fetch_arrow_reader.
    reader = getattr(listed, "to_arrow_reader", None) or getattr(listed, "fetch_arrow_reader")
    shared = Shared()
    found: list[tuple[int, int, LedgerRow]] = []
    for batch in reader(_BATCH):
        columns = batch.to_pydict()
        # Each row carrying its filer (its own or its ledger's), as the tally counts it.
        found += zip(columns["ledger"], columns["position"], ledger_rows(columns, shared, ledger_filer=True))
    found.sort(key=_PLACE)
    for _, _, row in found:
        if mask:
            row = mask_row(row)
        assert row.filer is not None
        known = tally.as_known(row, row.filer)
        assert known is not None  # the query chose rows known on as_of
        tally.place(known)
