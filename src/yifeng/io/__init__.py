"""Reading and writing files: JSON, 任务分工表 and 台账 workbooks, notices as text or .docx."""

from typing import TYPE_CHECKING

__all__ = [
    "LEDGER_PARQUET_VERSION",
    "Limits",
    "NOT_IN_SCHEMA",
    "SCHEMA_PROBLEMS",
    "SCHEMA_VERSION",
    "TASKS_PARQUET_VERSION",
    "WEEKLY_SQL",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "ledger_schema",
    "ledgers_to_arrow",
    "load",
    "loads",
    "read_ledger",
    "read_notice_docx",
    "read_notice_text",
    "read_parquet",
    "read_task_table",
    "tasks_schema",
    "to_dict",
    "validate",
    "weekly_tally_from_parquet",
    "write_ledger",
    "write_parquet",
    "write_task_table",
    "write_tasks_parquet",
]

if TYPE_CHECKING:
    from yifeng.io._guard import Limits
    from yifeng.io._ledger import read_ledger, write_ledger
    from yifeng.io._notice import read_notice_docx, read_notice_text
    from yifeng.io._parquet import (
        LEDGER_PARQUET_VERSION,
        TASKS_PARQUET_VERSION,
        ledger_schema,
        ledgers_to_arrow,
        read_parquet,
        tasks_schema,
        write_parquet,
        write_tasks_parquet,
    )
    from yifeng.io._sql import WEEKLY_SQL, weekly_tally_from_parquet
    from yifeng.io._json import SCHEMA_PROBLEMS, SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict, validate
    from yifeng.io._schema import NOT_IN_SCHEMA, json_schema
    from yifeng.io._tasktable import read_task_table
    from yifeng.io._tasktable_write import write_task_table
else:
    from yifeng._lazy import lazy_exports

    # Each name is imported from its module when first used (the readers bring openpyxl or
    # calamine, the writers xlsxwriter, JSON cattrs): see yifeng._lazy.
    __getattr__, __dir__ = lazy_exports(__name__, {
        "_guard": ("Limits",),
        "_ledger": ("read_ledger", "write_ledger"),
        "_notice": ("read_notice_docx", "read_notice_text"),
        "_parquet": ("LEDGER_PARQUET_VERSION", "TASKS_PARQUET_VERSION", "ledger_schema", "ledgers_to_arrow",
                     "read_parquet", "tasks_schema", "write_parquet", "write_tasks_parquet"),
        "_sql": ("WEEKLY_SQL", "weekly_tally_from_parquet"),
        "_json": ("SCHEMA_PROBLEMS", "SCHEMA_VERSION", "dump", "dumps", "from_dict", "load", "loads", "to_dict",
                  "validate"),
        "_schema": ("NOT_IN_SCHEMA", "json_schema"),
        "_tasktable": ("read_task_table",),
        "_tasktable_write": ("write_task_table",),
    })
