"""Benchmark yifeng.io.dumps and loads against the standard library's json on the same data.

    python benchmarks/json_speed.py [--tasks 10000] [--rows 100000] [--rounds 5]

Two documents: a Campaign of 10,000 tasks (the shape of benchmarks/import_table.py's
分工表: long PDF-broken content, responsibilities through Responsibility.parse,
deadlines through Deadline.parse) and a Ledger of 100,000 rows (benchmarks/ledger.py).

The floors, measured in the same run on the same data:
- for dumps, ``json.dumps`` of the very dict yifeng serialises (``to_dict`` with its
  ``schema_version`` and ``type``) with the options that reproduce yifeng's text byte for
  byte (the child checks this, untimed, and fails if none does);
- for loads, ``json.loads`` of the very text yifeng wrote.
Both formats: compact (``dumps(obj, indent=None)``) and indented (``indent=2``).

Each measurement runs in a fresh interpreter: it builds its document (untimed), warms
the converter on a one-item document of the same type (cattrs generates its functions
on first use; a long-running service pays that once), then times one call. The modes
are interleaved in rounds; a ratio is the median over rounds of the time divided by
the floor's in the same round. Target (issue 14): <= 1.5 for every dumps and loads.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_table import CATEGORIES, CONTENT, DEADLINES, RESPONSIBILITIES  # noqa: E402
from ledger import ledger  # noqa: E402

TARGET = 1.5
FORMATS = {"compact": None, "indented": 2}
# The json.dumps options tried, in order, to reproduce yifeng's text exactly.
CANDIDATES: tuple[dict[str, Any], ...] = (
    {"separators": (",", ":")},
    {},
    {"indent": 2},
)


def campaign(tasks: int):  # type: ignore[no-untyped-def]
    from yifeng.model import Campaign, CampaignKind, Deadline, Level, Responsibility, Task

    # The same phrases parse to equal objects; parse each once (building is not timed).
    responsibility = functools.cache(Responsibility.parse)
    deadline = functools.cache(lambda text: Deadline.parse(text, year=2020))
    return Campaign(
        title="2020年纠正医药购销领域和医疗服务中不正之风专项治理工作要点",
        kind=CampaignKind.WORK_POINTS, level=Level.COUNTY, year=2020,
        issuers=("县卫生健康委", "县医保局", "县市场监管局"),
        table_title="2020年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表",
        tasks=tuple(
            Task(
                number=n,
                title="",
                content=f"第{n}项。{CONTENT}",
                category=CATEGORIES[(n - 1) // 5 % len(CATEGORIES)],
                responsibility=responsibility(RESPONSIBILITIES[n % len(RESPONSIBILITIES)]),
                deadline=deadline(DEADLINES[n % len(DEADLINES)]),
            )
            for n in range(1, tasks + 1)
        ),
    )


def document(name: str, size: int):  # type: ignore[no-untyped-def]
    return campaign(size) if name == "campaign" else ledger(size)


def child(name: str, size: int, fmt: str, mode: str) -> None:
    import attrs

    from yifeng.io import dumps, loads, to_dict

    indent = FORMATS[fmt]
    obj = document(name, size)
    cls = type(obj)
    many = "tasks" if name == "campaign" else "rows"
    small = attrs.evolve(obj, **{many: getattr(obj, many)[:1]})
    loads(dumps(small, indent=indent), cls)  # warm up: cattrs builds its functions on first use
    text = dumps(obj, indent=indent)
    data = {"schema_version": json.loads(text)["schema_version"], "type": cls.__name__, **to_dict(obj)}
    options = next((o for o in CANDIDATES if json.dumps(data, ensure_ascii=False, **o) == text), None)
    if options is None:
        raise SystemExit(f"no json.dumps options reproduce yifeng's {fmt} text")
    # Only what the call needs stays alive: the object, the dict or the text (a larger heap
    # makes the cycle collector's passes, and so every call that builds objects, slower).
    if mode != "dumps":
        del obj, small
    if mode != "json.dumps":
        del data
    gc.collect()
    start = time.perf_counter()
    if mode == "dumps":
        dumps(obj, indent=indent)
    elif mode == "json.dumps":
        json.dumps(data, ensure_ascii=False, **options)
    elif mode == "loads":
        loads(text, cls)
    else:
        json.loads(text)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "mb": len(text.encode("utf-8")) / 1e6, "options": repr(options)}))


def run(name: str, size: int, fmt: str, mode: str) -> dict[str, Any]:
    output = subprocess.run([sys.executable, __file__, "--child", name, str(size), fmt, mode],
                            capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(output)
    return result


MODES = ("json.dumps", "dumps", "json.loads", "loads")
FLOOR = {"dumps": "json.dumps", "loads": "json.loads"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", choices=("campaign", "ledger"))
    parser.add_argument("--child", nargs=4, metavar=("DOCUMENT", "SIZE", "FORMAT", "MODE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2], args.child[3])
        return
    print(f"{args.rounds} rounds, each measurement in a fresh process; target ratio <= {TARGET}")
    documents = [(n, s) for n, s in (("campaign", args.tasks), ("ledger", args.rows)) if args.only in (None, n)]
    for name, size in documents:
        cases = [(fmt, mode) for fmt in FORMATS for mode in MODES]
        # Interleave the modes in each round so machine noise hits them alike.
        rounds = [{case: run(name, size, *case) for case in cases} for _ in range(args.rounds)]
        what = f"{size:,} tasks" if name == "campaign" else f"{size:,} rows"
        print(f"{name.capitalize()} of {what}")
        for fmt in FORMATS:
            mb = rounds[0][(fmt, "dumps")]["mb"]
            print(f"  {fmt} ({mb:.1f} MB; floor json.dumps{rounds[0][(fmt, 'dumps')]['options']})")
            for mode in ("dumps", "loads"):
                ours = statistics.median(r[(fmt, mode)]["seconds"] for r in rounds)
                floor = statistics.median(r[(fmt, FLOOR[mode])]["seconds"] for r in rounds)
                ratio = statistics.median(r[(fmt, mode)]["seconds"] / r[(fmt, FLOOR[mode])]["seconds"] for r in rounds)
                verdict = "meets" if ratio <= TARGET else "MISSES"
                print(f"    {mode:<6} {ours * 1000:8.1f} ms  {FLOOR[mode]} {floor * 1000:8.1f} ms  "
                      f"ratio {ratio:5.2f}  {verdict}")


if __name__ == "__main__":
    main()
