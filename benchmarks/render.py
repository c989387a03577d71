"""Benchmark render_notice on notices whose 分工表 has 20, 1,000 and 10,000 tasks.

    python benchmarks/render.py [--sizes 20 1000 10000] [--repeat 3]

Prints the time per task at each size and its ratio to the previous size's: linear
growth keeps it near 1 (the smallest size is dominated by fixed cost, so the first ratio
is below 1); a quadratic step would show as a ratio near the size ratio (x10).
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import attrs

from yifeng import examples
from yifeng.render import render_notice


def notice_with(tasks: int):  # type: ignore[no-untyped-def]
    base = examples.notice("nhc-2022")
    assert base.campaign is not None
    model = base.campaign.tasks
    many = tuple(attrs.evolve(model[i % len(model)], number=i + 1,
                              category=f"{model[i % len(model)].category}（第{i // 50 + 1}组）")
                 for i in range(tasks))
    return attrs.evolve(base, campaign=attrs.evolve(base.campaign, tasks=many))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    previous = None
    print("render_notice (nhc-2022 with N tasks in its 分工表), median of", args.repeat)
    for size in args.sizes:
        notice = notice_with(size)
        times = []
        for _ in range(args.repeat if size <= 1000 else 1):
            start = time.perf_counter()
            render_notice(notice, io.BytesIO())
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        per_task = seconds / size * 1000
        ratio = f"x{per_task / previous:4.2f} per task of the previous size" if previous else ""
        previous = per_task
        print(f"  {size:>6} tasks  {seconds:7.2f} s  {per_task:6.2f} ms/task  {ratio}")


if __name__ == "__main__":
    main()
