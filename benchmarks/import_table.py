"""Benchmark read_task_table on each engine against that engine's own bare pass.

    python benchmarks/import_table.py [--rows 100000] [--rounds 3]

The floors read the same file, every cell of the sheet, values only, and nothing else:
``baseline`` is a bare openpyxl read-only pass (``load_workbook(read_only=True,
data_only=True)`` and ``iter_rows(values_only=True)`` over the whole sheet);
``bare-calamine`` is ``CalamineWorkbook.from_path(path).get_sheet_by_index(0)`` and
``iter_rows()`` over the whole sheet (measured as fast as ``to_python()``, and it is
what yifeng calls, so it is the honest floor). Each measurement runs in a fresh
interpreter, so its peak memory (max RSS) is its own. The modes are interleaved in
rounds so load from other processes hits them alike; a ratio is the median over rounds
of a path's time divided by its own floor's time in the same round: the openpyxl path
against the bare openpyxl pass, the calamine path against the bare calamine pass.
Targets (issue 14): <= 1.3 on the openpyxl path, <= 2.5 on the calamine path.

A last line builds the same Tasks alone, from cells already read (no guard, no file):
the model's own share of the calamine path, as a ratio to the same floor.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CATEGORIES = ("加强党对纠风工作的全面领导", "严厉打击欺诈骗取医保基金行为", "巩固医药流通领域改革成效",
              "深入清理群众身边的医疗行业乱象", "完善制度确保工作落实")
RESPONSIBILITIES = ("县医保局牵头， 县卫\n生健康委根据职责分\n工配合", "县卫生健康委", "机制各成员单位按照\n职责共同推进",
                    "县经信局、县税务局、县公安局、县卫生健康委、县市场监管局按职责分别牵头负责",
                    "县市场监管局牵头，县卫生健康委、县公安局配合")
DEADLINES = ("9月底前", "年底前", "11 月底前", "长期工作", "持续推进", "每季度")
CONTENT = ("精准分类处置违规使用医保基金行为。在纠正违规使用医保基 金过程中，各地应当注意分类处理。对于公立医疗机构应当着 "
           "重纠正超医保支付政策范围、无指征诊疗、高套病种、对临床 药物试验项目纳入医保重复报销等行为。")


def make_table(path: Path, rows: int) -> None:
    """A 分工表 with a title, long PDF-broken text and a vertical merge every five rows."""
    from yifeng.io import write_task_table
    from yifeng.model import Deadline, Responsibility, Task, TaskTable

    tasks = tuple(
        Task(
            number=n,
            title="",
            content=f"第{n}项。{CONTENT}",
            category=CATEGORIES[(n - 1) // 5 % len(CATEGORIES)],
            responsibility=Responsibility.parse(RESPONSIBILITIES[n % len(RESPONSIBILITIES)]),
            deadline=Deadline.parse(DEADLINES[n % len(DEADLINES)], year=2020),
        )
        for n in range(1, rows + 1)
    )
    write_task_table(TaskTable(title="2020年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表", tasks=tasks), path)


def build_tasks(path: str) -> tuple[int, float]:
    """The model's share of the calamine path: the Tasks read_task_table makes, built from
    the cells it reads (read here first, untimed) as it builds them — CJK text repaired,
    the title taken from the content, each distinct responsibility and deadline parsed
    once, a Source for each row, the key from the file — and nothing else: no guard, no
    header search, no diagnostics. (count, seconds)."""
    import python_calamine

    from yifeng._gc import collection_paused
    from yifeng._text import repair_cjk
    from yifeng.model import Deadline, Responsibility, Source, Task
    from yifeng.model._check import decoded
    from yifeng.model._parts import first_sentence

    rows = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    header = rows[1]
    assert header[:8] == ["序号", "类别", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限", "yifeng标识"], header
    make_task, make_source = decoded(Task), decoded(Source)
    responsibilities: dict[tuple[str, str], Responsibility] = {}
    deadlines: dict[str, Deadline] = {}
    start = time.perf_counter()
    tasks = []
    category = ""
    with collection_paused():  # as read_task_table builds them
        for index, row in enumerate(rows[2:], start=3):
            number, category_cell, _, text, lead, support, deadline, key = row[:8]
            category = category_cell or category
            content = repair_cjk(text)
            phrase = (lead, support)
            if phrase not in responsibilities:
                responsibilities[phrase] = Responsibility.parse(f"{lead}牵头，{support}配合" if support else lead)
            if deadline not in deadlines:
                deadlines[deadline] = Deadline.parse(deadline, year=2020)
            tasks.append(make_task(number=int(number), title=first_sentence(content), content=content, category=category,
                                   responsibility=responsibilities[phrase], deadline=deadlines[deadline], remark="",
                                   source=make_source(file=path, sheet="分工表", row=index, line=None), key=key))
    return len(tasks), time.perf_counter() - start


def child(mode: str, path: str) -> None:
    # Imports are outside the timed region: the targets are about reading, not start-up.
    import openpyxl
    import python_calamine

    from yifeng.io import read_task_table

    start = time.perf_counter()
    if mode == "baseline":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(len(row) for row in book.worksheets[0].iter_rows(values_only=True))
        book.close()
    elif mode == "bare-calamine":
        sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        count = sum(len(row) for row in sheet.iter_rows())
    elif mode != "model":
        count = len(read_task_table(path, engine=mode).tasks)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    if mode == "model":
        count, seconds = build_tasks(path)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "count": count}))


def run(mode: str, path: Path) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, "--child", mode, str(path)],
                            capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(output)
    return result


MODES = ("baseline", "bare-calamine", "openpyxl", "calamine", "model")
FLOOR = {"baseline": "baseline", "bare-calamine": "bare-calamine", "openpyxl": "baseline", "calamine": "bare-calamine",
         "model": "bare-calamine"}
TARGETS = {"openpyxl": 1.3, "calamine": 2.5}
LABELS = {"baseline": "bare openpyxl read-only pass", "bare-calamine": "bare calamine pass",
          "openpyxl": "read_task_table engine=openpyxl", "calamine": "read_task_table engine=calamine",
          "model": "the same Tasks built alone"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"))
    parser.add_argument("--make", nargs=2, metavar=("PATH", "ROWS"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.make:
        make_table(Path(args.make[0]), int(args.make[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.xlsx"
        # Written by another process: a child's max RSS starts at its parent's (Linux keeps
        # it across fork and exec), and building 100,000 Tasks here would set every peak.
        subprocess.run([sys.executable, __file__, "--make", str(path), str(args.rows)], check=True)
        size = path.stat().st_size / 1e6
        # Interleave the modes in each round so machine noise hits them alike; the ratio
        # is the median over rounds of (path time / its floor's time in the same round).
        rounds = [{mode: run(mode, path) for mode in MODES} for _ in range(args.rounds)]
        print(f"分工表: {args.rows:,} rows, {size:.1f} MB; {args.rounds} rounds, each run in a fresh process")
        for mode in MODES:
            floor = FLOOR[mode]
            seconds = statistics.median(r[mode]["seconds"] for r in rounds)
            peak = max(r[mode]["peak_mb"] for r in rounds)
            floor_peak = max(r[floor]["peak_mb"] for r in rounds)
            ratio = statistics.median(r[mode]["seconds"] / r[floor]["seconds"] for r in rounds)
            line = f"  {LABELS[mode]:<32} {seconds:7.2f} s  peak {peak:5.0f} MB"
            if mode in TARGETS:
                line += (f" ({peak - floor_peak:+.0f})  ratio to {LABELS[floor]} {ratio:4.2f}"
                         f"  target <= {TARGETS[mode]}: {'meets' if ratio <= TARGETS[mode] else 'MISSES'}")
            elif mode == "model":
                line = f"  {LABELS[mode]:<32} {seconds:7.2f} s  (no file read)  ratio to {LABELS[floor]} {ratio:4.2f}"
            print(line)
        print("  (peak: max RSS of the process; in brackets, the difference from its engine's bare pass)")
        print("  (the same Tasks built alone: the model's own cost — repair, title, Task and Source with")
        print("   their checks — from cells already read; it is part of the calamine path's ratio)")


if __name__ == "__main__":
    main()
