"""Use the installed wheel as a user would; run by `make smoke` from outside the source tree."""

import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import yifeng
from yifeng import examples
from yifeng.io import dumps, loads
from yifeng.model import Notice

here = Path(yifeng.__file__).resolve()
assert "site-packages" in here.parts, f"testing the source tree, not the wheel: {here}"
assert (resources.files("yifeng") / "py.typed").is_file(), "py.typed is not in the wheel"

# The JSON Schemas ship in the wheel and are the ones json_schema gives.
import json  # noqa: E402

from yifeng.io import json_schema  # noqa: E402
from yifeng.model import Campaign, Ledger, TaskTable, WeeklyReport  # noqa: E402

for cls in (Campaign, Notice, TaskTable, Ledger, WeeklyReport):
    shipped = resources.files("yifeng") / "io" / "schemas" / f"{cls.__name__}.schema.json"
    assert shipped.is_file(), f"{shipped} is not in the wheel"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema(cls), cls.__name__

counts = {name: len(examples.campaign(name).tasks) for name in examples.names()}
expected = {"jilin-2021": 10, "lingbi-2020": 20, "nhc-2022": 13, "shaanxi-2020": 8, "xinglongtai-2023": 0}
assert counts == expected, counts
for name in examples.names():
    notice = examples.notice(name)
    assert loads(dumps(notice), Notice) == notice, name

from yifeng.io import read_task_table  # noqa: E402

for name in examples.workbook_names():
    assert len(read_task_table(examples.workbook(name)).tasks) == counts[name], name

with tempfile.TemporaryDirectory() as out:
    script = Path(sys.executable).with_name("yifeng")
    subprocess.run([str(script), "demo", "-o", out], check=True, stdout=subprocess.DEVNULL)
    written = {p.name for p in Path(out).iterdir()}
    for name in examples.names():
        # The notices render from templates that must have shipped in the wheel.
        assert {f"{name}.json", f"{name}-通知.docx"} <= written, (name, sorted(written))
    assert "nhc-2022-分工表.docx" in written and "xinglongtai-2023-台账（机构，空白）.docx" in written

print(f"wheel smoke test passed: yifeng {yifeng.__version__} from {here.parent}")
