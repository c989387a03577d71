"""Reading and writing files: JSON, 任务分工表 and 台账 workbooks, notices as text or .docx."""

from yifeng.io._guard import Limits
from yifeng.io._ledger import read_ledger, write_ledger
from yifeng.io._notice import read_notice_docx, read_notice_text
from yifeng.io._parquet import LEDGER_PARQUET_VERSION, ledger_schema, ledgers_to_arrow, read_parquet, write_parquet
from yifeng.io._sql import WEEKLY_SQL, weekly_tally_from_parquet
from yifeng.io._json import SCHEMA_PROBLEMS, SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict, validate
from yifeng.io._schema import NOT_IN_SCHEMA, json_schema
from yifeng.io._tasktable import read_task_table
from yifeng.io._tasktable_write import write_task_table

__all__ = [
    "LEDGER_PARQUET_VERSION",
    "Limits",
    "NOT_IN_SCHEMA",
    "SCHEMA_PROBLEMS",
    "SCHEMA_VERSION",
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
    "to_dict",
    "validate",
    "weekly_tally_from_parquet",
    "write_ledger",
    "write_parquet",
    "write_task_table",
]
