"""Write the sample 分工表 workbooks bundled with yifeng.examples.

    python tools/make_sample_workbooks.py

Each is a seed's own table in the layout the office sent it in (tests/layouts.py defines
them; the tests read the same layouts), so a user can try read_task_table on a real file.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.layouts import jilin_layout, lingbi_layout, nhc_layout, shaanxi_layout  # noqa: E402

OUT = ROOT / "src" / "yifeng" / "examples" / "data"
LAYOUTS = {"nhc-2022": nhc_layout, "jilin-2021": jilin_layout, "lingbi-2020": lingbi_layout,
           "shaanxi-2020": shaanxi_layout}

if __name__ == "__main__":
    for name, build in LAYOUTS.items():
        (OUT / f"{name}.xlsx").write_bytes(build())
        print(OUT / f"{name}.xlsx")
