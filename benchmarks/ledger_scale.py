"""The weekly cycle at province scale: `yifeng ledger report` and `ledger merge` over N
small 台账 files, against a bare loop that opens each file with calamine.

    python benchmarks/ledger_scale.py [--files 2000] [--rounds 1] [--data DIR]
    python benchmarks/ledger_scale.py --parquet 20000     # the Parquet + DuckDB path

The files are made once (cached in ``--data``, default a folder under the system's
temporary directory) by ``write_ledger`` with realistic values: one institution's week
each, 5 to 70 rows (35 on average), three in four 机构台账 and one in four 个人台账,
dates spread over six weeks, two in three rows rectified, a few dates typed as text
("2023.9.15", "九月中"), a 备注 column in some files, the filer line above the table.

Each command runs as a user runs it (``python -m yifeng …``, a fresh process, its
output piped) and its floor in the same round: a bare loop (one process) that opens
each of the same files with python-calamine and reads every cell of its first sheet.
Reported: seconds, files per second, ratio to the floor, peak memory of the process and
its workers (the largest max RSS of each), CPU time over wall time (2.0 = both cores of
a 2-core machine busy). Targets (issue 14): report <= 3x, merge <= 4x, peak < 300 MB.

``--parquet N`` makes N files, exports them with ``yifeng ledger export`` and times
``yifeng ledger report --from`` against DuckDB reading the same Parquet file bare; it
checks that the figures equal those of the workbook path on a sample of the files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

GENERATOR = 3  # bump when the files change, so a cached folder is remade
AS_OF = "2023-09-28"
START = dt.date(2023, 8, 18)
VIA = ("自查自纠", "群众举报", "专项检查", "上级交办", "审计发现", "信访转办")
AUTHORITIES = ("区卫生健康局", "市卫生健康委", "区医疗保障局", "区市场监管局")
DECISIONS = ("通报批评", "诫勉谈话", "责令整改", "批评教育", "移交纪检监察机关")
BASIS = ("《医疗机构工作人员廉洁从业九项准则》", "《医疗保障基金使用监督管理条例》第三十八条", "《药品管理法》第八十八条")
BEHAVIOURS = ("在药品耗材采购中收受供应商回扣", "违规接受医药代表宴请", "超标准收取诊疗费用",
              "串换医保收费项目", "违规开具大处方", "私设小金库", "科室违规承包", "虚构诊疗服务骗取医保基金")
MEASURES = ("立即停止违规行为，全院通报批评，对相关责任人进行诫勉谈话，建立采购台账，每月复核。",
            "退还违规收取费用，完善收费公示制度，开展专项培训。", "追回违规资金，调整科室负责人，纳入年度考核。")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英"
PLACES = ("兴隆台区", "双台子区", "大洼区", "盘山县", "铁西区", "和平区", "沈河区", "皇姑区")
KINDS = ("人民医院", "中医院", "妇幼保健院", "社区卫生服务中心", "卫生院", "口腔医院", "诊所")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _date(rng: random.Random, day: dt.date) -> object:
    """Mostly an Excel date; now and then typed as text, a few not a date at all."""
    roll = rng.random()
    if roll < 0.04:
        return f"{day.year}.{day.month}.{day.day}"
    if roll < 0.06:
        return f"{day.month}月{day.day}日"
    if roll < 0.065:
        return "九月中"
    return day


def make_ledger(index: int):  # type: ignore[no-untyped-def]
    """File ``index``'s ledger: the same for the same index, on every machine."""
    from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow

    rng = random.Random(index)
    place = PLACES[index % len(PLACES)]
    unit = f"{place}第{index // len(PLACES) + 1}{rng.choice(KINDS)}"
    kind = LedgerKind.PERSON if index % 4 == 3 else LedgerKind.INSTITUTION
    rows = []
    for n in range(1, rng.randint(5, 65) + 1):
        found = START + dt.timedelta(days=rng.randint(0, 41))
        done = rng.random() < 0.66
        fixed = found + dt.timedelta(days=rng.randint(1, 20)) if done else None
        values = dict(
            number=n, authority=rng.choice(AUTHORITIES),
            negative_list_ref=f"（{'一二三四五六'[rng.randint(0, 5)]}）{rng.randint(1, 3)}.（{rng.randint(1, 4)}）",
            description=f"{rng.choice(BEHAVIOURS)}，涉及金额{rng.randint(200, 90000)}元。", discovered_via=rng.choice(VIA),
            measures=rng.choice(MEASURES), decision=rng.choice(DECISIONS), policy_basis=rng.choice(BASIS),
            rectified=done, owner=_name(rng), phone=f"13{rng.randint(0, 999999999):09d}",
            extra=("已约谈",) if index % 5 == 0 and n % 3 == 0 else (),
        )
        if kind is LedgerKind.INSTITUTION:
            values["institution"] = unit if rng.random() < 0.7 else f"{unit}{rng.choice(('药剂科', '设备科', '财务科'))}"
        else:
            values |= {"person": _name(rng), "unit": unit}
        rows.append(LedgerRow(**values, discovered_on=found, rectified_on=fixed))  # type: ignore[arg-type]
    extra = ("备注",) if index % 5 == 0 else ()
    title = f"{place}医药领域腐败问题集中整治工作台账（{kind.label}）"
    filer = Filer(unit=unit, person=_name(rng), contact=f"13{rng.randint(0, 999999999):09d}")
    return Ledger(kind=kind, title=title, filer=filer, rows=tuple(rows), extra_columns=extra), rng


def write_file(args: tuple[int, str]) -> None:
    import openpyxl

    from yifeng.io import write_ledger

    index, folder = args
    ledger, rng = make_ledger(index)
    path = Path(folder) / f"{index:05d}-{ledger.filer.unit}（{ledger.kind.label}）.xlsx"
    write_ledger(ledger, path)
    if rng.random() < 0.2:  # one file in five has dates typed by hand, as offices do
        book = openpyxl.load_workbook(path)
        sheet = book.active
        assert sheet is not None
        header = [c.value for c in sheet[3]]
        columns = [i + 1 for i, h in enumerate(header) if h in ("发现问题日期", "整改完成日期")]
        for r in range(4, sheet.max_row + 1):
            for c in columns:
                cell = sheet.cell(r, c)
                if isinstance(cell.value, dt.datetime):
                    cell.value = _date(rng, cell.value.date())  # type: ignore[assignment]
        book.save(path)


def make_files(count: int, data: Path) -> list[Path]:
    folder = data / f"ledgers-{count}-v{GENERATOR}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"making {count:,} ledger files in {folder} (once; cached) …", flush=True)
        with ProcessPoolExecutor() as pool:
            list(pool.map(write_file, [(i, str(folder)) for i in range(count)], chunksize=16))
        done.touch()
    return sorted(folder.glob("*.xlsx"))


def bare_loop(paths: list[str]) -> None:
    import python_calamine

    cells = 0
    for path in paths:
        sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        cells += sum(len(row) for row in sheet.to_python())
    print(json.dumps({"cells": cells}))


def child(argv: list[str]) -> None:
    """A floor in a process of its own (so its max RSS is its own)."""
    if argv[0] == "run":
        run_measured(json.loads(Path(argv[1]).read_text()))
        return
    start = time.perf_counter()
    if argv[0] == "bare":
        bare_loop(Path(argv[1]).read_text().split("\n"))
    elif argv[0] == "duckdb":
        import duckdb

        duckdb.sql(f"SELECT kind, count(*), sum(rectified::INT) FROM read_parquet('{argv[1]}') GROUP BY kind").fetchall()
    print(json.dumps({"seconds": time.perf_counter() - start}))


def timed(command: list[str]) -> dict[str, float]:
    """Wall time, CPU time and peak memory of a command and every process it starts,
    measured by a fresh wrapper process (its RUSAGE_CHILDREN covers exactly them)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump(command, spec)
    done = subprocess.run([sys.executable, __file__, "--child", "run", spec.name], capture_output=True, text=True)
    os.unlink(spec.name)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:6])} … failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def run_measured(command: list[str]) -> None:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"exit {done.returncode}:\n{done.stderr[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant, waited for
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                      "stdout": done.stdout, "stderr": done.stderr}))


def yifeng(*args: str) -> list[str]:
    return [sys.executable, "-m", "yifeng", *args]


def floor(kind: str, argument: str) -> dict[str, float]:
    return timed([sys.executable, __file__, "--child", kind, argument])


def _line(name: str, result: dict[str, float], base: dict[str, float] | None, files: int, target: float | None) -> str:
    text = f"  {name:<22} {result['seconds']:7.2f} s  {files / result['seconds']:7,.0f} files/s"
    if base is not None:
        ratio = result["seconds"] / base["seconds"]
        text += f"  ratio {ratio:5.2f}"
    text += f"  peak {result['peak_mb']:5.0f} MB  cpu/wall {result['cpu'] / result['seconds']:4.2f}"
    if base is not None and target is not None:
        ok = result["seconds"] / base["seconds"] <= target and result["peak_mb"] < 300
        text += f"  (target <= {target:g}x, < 300 MB: {'meets' if ok else 'MISSES'})"
    return text


def workbook_rounds(args: argparse.Namespace) -> None:
    paths = make_files(args.files, args.data)
    folder = paths[0].parent
    institutions = [p for p in paths if "（机构）" in p.name]
    with tempfile.TemporaryDirectory() as tmp:
        every, some = Path(tmp) / "all.txt", Path(tmp) / "institutions.txt"
        every.write_text("\n".join(map(str, paths)))
        some.write_text("\n".join(map(str, institutions)))
        rounds = []
        for _ in range(args.rounds):
            result = {
                "bare loop (all)": floor("bare", str(every)),
                "ledger report": timed(yifeng("ledger", "report", str(folder), "--as-of", AS_OF,
                                              "-o", str(Path(tmp) / "周调度.docx"))),
                "bare loop (机构)": floor("bare", str(some)),
                "ledger merge": timed(yifeng("ledger", "merge", *map(str, institutions),
                                             "-o", str(Path(tmp) / "合并.xlsx"))),
            }
            rounds.append(result)
        report_size = (Path(tmp) / "周调度.docx").stat().st_size
    print(f"{len(paths):,} 台账 files ({len(institutions):,} 机构), as of {AS_OF}; {args.rounds} round(s), "
          f"each command in a fresh process, output piped; median seconds, largest peak")

    def median(name: str) -> dict[str, float]:
        return {key: statistics.median(r[name][key] for r in rounds) if key != "peak_mb"
                else max(r[name][key] for r in rounds) for key in ("seconds", "cpu", "peak_mb")}

    print(_line("bare loop (all)", median("bare loop (all)"), None, len(paths), None))
    print(_line("ledger report", median("ledger report"), median("bare loop (all)"), len(paths), 3.0))
    print(_line("bare loop (机构)", median("bare loop (机构)"), None, len(institutions), None))
    print(_line("ledger merge", median("ledger merge"), median("bare loop (机构)"), len(institutions), 4.0))
    print(f"  report .docx: {report_size / 1e6:.2f} MB")
    print("  " + rounds[-1]["ledger report"]["stdout"].strip().replace("\n", "\n  "))  # type: ignore[union-attr]


def parquet_rounds(args: argparse.Namespace) -> None:
    """N files exported to Parquet and reported from it, against the bare calamine loop
    (export) and a bare DuckDB aggregate over the same file (report); figures compared
    with the workbook path on a sample of the files."""
    paths = make_files(args.parquet, args.data)
    with tempfile.TemporaryDirectory() as tmp:
        every = Path(tmp) / "all.txt"
        every.write_text("\n".join(map(str, paths)))
        parquet = Path(tmp) / "ledgers.parquet"
        result = {
            "bare loop": floor("bare", str(every)),
            "ledger export": timed(yifeng("ledger", "export", str(paths[0].parent), "-o", str(parquet))),
            "bare duckdb": floor("duckdb", str(parquet)),
            "report --from": timed(yifeng("ledger", "report", "--from", str(parquet), "--as-of", AS_OF,
                                          "-o", str(Path(tmp) / "周调度.docx"))),
        }
        size = parquet.stat().st_size
        # The same figures as the workbook path, on a sample: every 40th file.
        sample = Path(tmp) / "sample"
        sample.mkdir()
        for path in paths[::40]:
            (sample / path.name).symlink_to(path)
        timed(yifeng("ledger", "export", str(sample), "-o", str(Path(tmp) / "sample.parquet")))
        workbooks = timed(yifeng("ledger", "report", str(sample), "--as-of", AS_OF, "-o", str(Path(tmp) / "w.docx"),
                                 "--json"))["stdout"]
        from_parquet = timed(yifeng("ledger", "report", "--from", str(Path(tmp) / "sample.parquet"), "--as-of", AS_OF,
                                    "-o", str(Path(tmp) / "p.docx"), "--json"))["stdout"]
    same = workbooks == from_parquet
    print(f"{len(paths):,} 台账 files through Parquet + DuckDB, as of {AS_OF}; each command in a fresh process")
    print(_line("bare loop", result["bare loop"], None, len(paths), None))
    print(_line("ledger export", result["ledger export"], result["bare loop"], len(paths), None)
          + f"  ({size / 1e6:.1f} MB of Parquet)")
    print(_line("bare duckdb", result["bare duckdb"], None, len(paths), None))
    print(_line("report --from", result["report --from"], result["bare duckdb"], len(paths), None))
    print("  " + str(result["report --from"]["stdout"]).strip().replace("\n", "\n  "))
    print(f"  sample of {len(paths[::40])} files: the workbook path and the Parquet path give "
          f"{'the same report (JSON byte for byte)' if same else 'DIFFERENT reports'}")
    if not same:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "yifeng-ledger-scale")
    parser.add_argument("--parquet", type=int, metavar="N", help="time the Parquet + DuckDB path over N files")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
    elif args.parquet:
        parquet_rounds(args)
    else:
        workbook_rounds(args)


if __name__ == "__main__":
    main()
