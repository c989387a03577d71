"""Reading and writing files: JSON now; 分工表 and 台账 workbooks as they are built."""

from yifeng.io._json import SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "from_dict", "load", "loads", "to_dict"]
