"""Benchmark write_ledger and read_ledger on a 100,000-row 台账.

    python benchmarks/ledger.py [--rows 100000] [--rounds 1]

Baselines, measured in the same run on the same data: a bare openpyxl write-only pass
writing the same values, a bare openpyxl read-only pass over the file write_ledger wrote,
and a bare calamine pass over that file (``CalamineWorkbook.from_path(path)
.get_sheet_by_index(0)`` and ``iter_rows()`` over every row: what yifeng's calamine
engine calls, and as fast as ``to_python()``). Each measurement runs in a fresh process
(its max RSS is its own); building the input rows is not timed; the modes are
interleaved in rounds and a ratio is the median over rounds. Targets (issue 5): ratio
<= 2.0 each way against openpyxl, peak under 300 MB; (issue 14) the calamine path
<= 2.5 against the bare calamine pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VIA = ("自查自纠", "群众举报", "专项检查", "上级交办", "审计发现")
MEASURES = "立即停止违规采购行为，全院通报批评，对相关责任人进行诫勉谈话，建立采购台账，每月复核。"


def ledger(rows: int):  # type: ignore[no-untyped-def]
    from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow

    start = dt.date(2023, 9, 1)
    return Ledger(
        kind=LedgerKind.INSTITUTION,
        title="兴隆台区医药领域腐败问题集中整治工作台账（机构）",
        filer=Filer(unit="兴隆台区卫生健康局", person="张三", contact="13812345678"),
        rows=tuple(
            LedgerRow(
                number=n, institution=f"兴隆台区第{n % 97}医院", authority="区卫生健康局",
                negative_list_ref=f"（{'一二三四五六'[n % 6]}）2.（{n % 5 + 1}）",
                description=f"第{n}条：在药品耗材采购和使用过程中存在违规行为，涉及金额{n * 37 % 10000}元。",
                discovered_via=VIA[n % 5], discovered_on=start + dt.timedelta(days=n % 60), measures=MEASURES,
                decision="通报批评", policy_basis="《医疗机构工作人员廉洁从业九项准则》", rectified=n % 3 == 0,
                rectified_on=start + dt.timedelta(days=n % 60 + 5) if n % 3 == 0 else None,
                owner="王五", phone=f"138{n:08d}",
            )
            for n in range(1, rows + 1)
        ),
    )


def child(mode: str, path: str, rows: int) -> None:
    import openpyxl
    import python_calamine

    from yifeng.io import read_ledger, write_ledger
    from yifeng.model import LEDGER_COLUMNS

    data = ledger(rows) if mode.startswith("write") else None
    start = time.perf_counter()
    if mode == "write-baseline":
        assert data is not None
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("台账")
        sheet.append([data.title])
        sheet.append(["填报单位：…"])
        sheet.append([h for _, h in LEDGER_COLUMNS[data.kind]])
        fields = [f for f, _ in LEDGER_COLUMNS[data.kind]]
        for row in data.rows:
            sheet.append([getattr(row, f) for f in fields])
        book.save(path)
    elif mode == "write":
        assert data is not None
        write_ledger(data, path)
    elif mode == "read-baseline":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sum(len(row) for row in book.worksheets[0].iter_rows(values_only=True))
        book.close()
    elif mode == "read-bare-calamine":
        sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        sum(len(row) for row in sheet.iter_rows())
    else:
        count = len(read_ledger(path, engine=mode.removeprefix("read-")).rows)  # type: ignore[arg-type]
        assert count == rows, count
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run(mode: str, path: Path, rows: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path), str(rows)],
                         capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "PATH", "ROWS"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "ledger.xlsx", Path(tmp) / "baseline.xlsx"
        rounds = []
        for _ in range(args.rounds):
            result = {"write-baseline": run("write-baseline", theirs, args.rows), "write": run("write", ours, args.rows)}
            for mode in ("read-baseline", "read-bare-calamine", "read-openpyxl", "read-calamine"):
                result[mode] = run(mode, ours, args.rows)
            rounds.append(result)
        print(f"台账: {args.rows:,} rows x 14 columns; {args.rounds} round(s), each run in a fresh process")
        for mode, base in (("write-baseline", "write-baseline"), ("write", "write-baseline"),
                           ("read-baseline", "read-baseline"), ("read-openpyxl", "read-baseline"),
                           ("read-calamine", "read-baseline"), ("read-bare-calamine", "read-bare-calamine"),
                           ("read-calamine", "read-bare-calamine")):
            seconds = statistics.median(r[mode]["seconds"] for r in rounds)
            peak = max(r[mode]["peak_mb"] for r in rounds)
            ratio = statistics.median(r[mode]["seconds"] / r[base]["seconds"] for r in rounds)
            line = f"  {mode:<18} {seconds:7.2f} s  {args.rows / seconds:9,.0f} rows/s  ratio {ratio:4.2f}  peak {peak:5.0f} MB"
            if base == "read-bare-calamine" and mode != base:
                line += f"  (to the bare calamine pass; target ratio <= 2.5: {'meets' if ratio <= 2.5 else 'MISSES'})"
            elif mode != base:
                ok = ratio <= 2.0 and peak < 300
                line += f"  (target ratio <= 2.0, peak < 300 MB: {'meets' if ok else 'MISSES'})"
            print(line)


if __name__ == "__main__":
    main()
