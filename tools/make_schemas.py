"""Write the JSON Schemas of the top-level documents into the package (and so the wheel).

    python tools/make_schemas.py

tests/test_schema.py checks that the files are what yifeng.io.json_schema gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from yifeng.io import json_schema
from yifeng.model import Campaign, Ledger, Notice, TaskTable, WeeklyReport

OUT = Path(__file__).resolve().parents[1] / "src" / "yifeng" / "io" / "schemas"

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for cls in (Campaign, Notice, TaskTable, Ledger, WeeklyReport):
        path = OUT / f"{cls.__name__}.schema.json"
        path.write_text(json.dumps(json_schema(cls), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path)
