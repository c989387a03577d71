"""The ``yifeng`` command line: import, check, read, render, ledger, template, examples
and demo — help and messages in Chinese.

Exit codes: 0 done, 1 the file has errors (``check``; warnings too with ``--strict``),
2 the file or the arguments could not be used, 3 an error inside yifeng itself (please
report it), 130 interrupted — always with a one-line Chinese message, never a traceback.
``-o -`` writes to standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import datetime as dt
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final, TypeVar

# Only light modules here: building the parser (and --help) imports no model, reader or
# renderer; each command imports what it uses (issue 14: benchmarks/cold_start.py).
from yifeng._kinds import LedgerKind
from yifeng._said import describe_os_error
from yifeng._version import __version__
from yifeng.errors import ParseError, SchemaError, YifengError
from yifeng.io._engines import ENGINES
from yifeng.render._pdf import convert_to_pdf, soffice
from yifeng.render._templates import TEMPLATES, template_path

if TYPE_CHECKING:
    from yifeng.model import Campaign, Diagnostic, Ledger, Notice, TaskTable


T = TypeVar("T")

EXIT_CODES: Final = ("退出码：0 完成；1 文件中有错误（check；加 --strict 时警告也算）；2 文件或参数无法使用（附一行说明）；"
                     "3 yifeng 内部错误（请报告）；130 被中断。凡 -o 处写 - 即输出到标准输出。")

# argparse's own words, in Chinese (it looks each up through its module's ``_`` when it
# builds a parser, formats help and reports an error).
_ARGPARSE_WORDS: Final = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def _chinese(text: str) -> str:
    return _ARGPARSE_WORDS.get(text, text)


def _chinese_n(singular: str, plural: str, n: int) -> str:
    return _chinese(singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """argparse speaking Chinese while the command line is built and parsed; restored
    after, so that other argparse users in the process (a notebook) are not changed."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _chinese, _chinese_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_WORD_SUFFIXES: Final = (".docx", ".doc", ".txt", ".wps")
_TABLE_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls", ".et")


def _stdout(path: str | None) -> bool:
    return path == "-"


def _binary_target(path: str) -> str | IO[bytes]:
    """A file to write, or standard output for ``-``."""
    return sys.stdout.buffer if _stdout(path) else path


def _write_json(obj: object, path: str) -> None:
    from yifeng.io import dump

    if _stdout(path):
        _print_json(obj)
    else:
        dump(obj, path)


def _print_json(obj: object) -> None:
    """A model object on stdout as the JSON document :func:`yifeng.io.dumps` writes."""
    from yifeng.io import dumps

    sys.stdout.write(dumps(obj) + "\n")


def _said(text: str, args: argparse.Namespace) -> None:
    """A line for people: on stdout, or on stderr when stdout carries data (``--json``,
    ``-o -``)."""
    carries_data = getattr(args, "json", False) or _stdout(getattr(args, "output", None))
    print(text, file=sys.stderr if carries_data else sys.stdout)


def _read_table(args: argparse.Namespace) -> TaskTable:
    from yifeng.io import read_task_table

    path = Path(args.table)
    if path.suffix.lower() in _WORD_SUFFIXES:
        raise YifengError(f"{path}：这是 Word 或文本文件，不是 Excel 分工表；通知和方案请用 yifeng read 读取")
    return read_task_table(path, year=args.year, sheet=args.sheet, engine=args.engine)


def _summary(table: TaskTable) -> str:
    from yifeng.model import Role

    campaign = table.to_campaign()
    year = f"（{table.year}年）" if table.year else ""
    lines = [f"{table.title or '任务分工表'}{year}：{len(table.tasks)} 项任务"]
    lines.append("按牵头单位：")
    for unit, tasks in sorted(campaign.tasks_by_unit(Role.LEAD).items(), key=lambda kv: -len(kv[1])):
        lines.append(f"  {unit}  {len(tasks)} 项")
    lines.append("按完成时限：")
    for month, tasks in campaign.tasks_by_month().items():
        lines.append(f"  {month}  {len(tasks)} 项")
    errors = len(table.errors)
    warnings = len(table.diagnostics) - errors
    if table.diagnostics:
        lines.append(f"发现 {errors} 个错误、{warnings} 个警告；运行 yifeng check 查看")
    return "\n".join(lines)


def _import(args: argparse.Namespace) -> int:
    table = _read_table(args)
    if args.json:
        _print_json(table)
    else:
        _said(_summary(table), args)
    if args.output:
        _write_json(table.to_campaign(), args.output)
        if not _stdout(args.output):
            _said(f"已写入 {args.output}", args)
    if args.parquet:
        from yifeng.io import write_tasks_parquet

        write_tasks_parquet([table], args.parquet)
        _said(f"已把 {len(table.tasks)} 项任务写入 {args.parquet}", args)
    return 0


def _campaign(reference: str | None) -> Campaign | None:
    """A campaign named by a bundled example ("xinglongtai-2023") or a JSON file."""
    if reference is None:
        return None
    from yifeng import examples
    from yifeng.io import load
    from yifeng.model import Campaign, Notice

    if reference in examples.names():
        return examples.campaign(reference)
    try:
        notice = load(reference, Notice)
    except SchemaError:
        return load(reference, Campaign)
    if notice.campaign is None:
        raise YifengError(f"{reference}：通知中没有附带方案")
    return notice.campaign


def _report(diagnostics: tuple[Diagnostic, ...], what: str, args: argparse.Namespace, document: str) -> int:
    from yifeng.io import to_dict
    from yifeng.model import Severity

    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.json:  # each diagnostic as in the JSON documents (the Diagnostic schema), with the counts
        result = {"file": args.table, "document": document, "errors": errors, "warnings": warnings,
                  "diagnostics": [to_dict(d) for d in diagnostics]}
        sys.stdout.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")  # compact, as every --json
    else:
        for diagnostic in diagnostics:
            print(_line(diagnostic))
    print(f"{what}，{errors} 个错误，{warnings} 个警告", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def _line(diagnostic: Diagnostic) -> str:
    """A diagnostic on one line, its severity first: ``错误 Sheet1!D2 deadline-unparsed …``."""
    return f"{diagnostic.severity.label} {diagnostic}"


def _check(args: argparse.Namespace) -> int:
    from yifeng.io import read_ledger
    from yifeng.io._detect import table_kind

    path = Path(args.table)
    if table_kind(path, engine=args.engine) == "ledger":
        ledger = read_ledger(path, campaign=_campaign(args.campaign), sheet=args.sheet, engine=args.engine)
        return _report(ledger.diagnostics, f"{path}：台账（{ledger.kind.label}）{len(ledger.rows)} 条问题", args,
                       "Ledger")
    table = _read_table(args)
    return _report(table.diagnostics, f"{path}：{len(table.tasks)} 项任务", args, "TaskTable")


def _ledger_files(folder: Path) -> list[str]:
    """The 台账 workbooks in ``folder``, in name order (Excel's ~$ lock files left out)."""
    if not folder.exists():
        raise YifengError(f"{folder}：文件夹不存在")
    if not folder.is_dir():
        raise YifengError(f"{folder}：不是文件夹")
    paths = [str(p) for p in sorted(folder.glob("*.xlsx")) if not p.name.startswith("~$")]
    if not paths:
        raise YifengError(f"{folder}：文件夹中没有工作台账（.xlsx）")
    return paths


def _read_each(function: Callable[[str], T], paths: Sequence[str], what: str,
               meanwhile: Callable[[], object] | None = None) -> Iterator[tuple[str, T]]:
    """``function`` on each file, on every core, in the files' order; a file that cannot
    be used is named on stderr and skipped. ``meanwhile()`` runs here once the first file
    is back, while the workers read the rest: what a command needs only afterwards (the
    renderer's modules) is imported then, not before the workers start."""
    from yifeng.io._batch import Failed, Progress, run_each

    for result in run_each(function, paths, progress=Progress(len(paths), what)):
        if meanwhile is not None:
            meanwhile()
            meanwhile = None
        if isinstance(result, Failed):
            print(f"跳过 {Path(result.path).name}：{result.reason}", file=sys.stderr)
        else:
            yield result.path, result.value


def _ledger_merge(args: argparse.Namespace) -> int:
    from yifeng.io import write_ledger
    from yifeng.io._batch import filed_ledger_file
    from yifeng.model import Severity, mask_ledger, merge_ledgers

    if args.output is None and not args.json:
        raise YifengError("请用 -o 指定合并后的台账文件（或用 --json 输出到屏幕）")
    if args.output is not None and _stdout(args.output) and args.json:
        raise YifengError("-o - 与 --json 都要写到标准输出，请只用其一")
    reader = functools.partial(filed_ledger_file, engine=args.engine, campaign=_campaign(args.campaign))
    ledgers = [ledger for _, ledger in _read_each(reader, args.ledgers, "已读取")]
    if not ledgers:
        raise YifengError("没有可以合并的台账")
    merged = merge_ledgers(ledgers, title=args.title)
    if args.output is not None:
        write_ledger(merged, _binary_target(args.output), mask=args.mask)
    if args.json:
        _print_json(mask_ledger(merged) if args.mask else merged)
    duplicates = [d for d in merged.diagnostics if d.code == "duplicate-likely"]
    errors = sum(d.severity is Severity.ERROR for d in merged.diagnostics)
    for diagnostic in duplicates:
        _said(f"{diagnostic.file} {_line(diagnostic)}", args)
    where = f"到 {args.output}" if args.output is not None and not _stdout(args.output) else ""
    skipped = len(args.ledgers) - len(ledgers)
    _said(f"已合并 {len(ledgers)} 个台账、{len(merged.rows)} 条问题{where}"
          f"{f'（跳过 {skipped} 个无法读取的文件）' if skipped else ''}；"
          f"疑似重复 {len(duplicates)} 条，源文件中有 {errors} 个错误（用 yifeng check 逐个查看）", args)
    return 0


def _ledger_report(args: argparse.Namespace) -> int:
    from yifeng.io._batch import tally_file
    from yifeng.model import WeeklyTally

    if _stdout(args.output):
        raise YifengError("周调度报告是两个文件（.docx 和同名 .xlsx），不能写到标准输出；请用 -o 指定文件名")
    if (args.folder is None) == (args.source is None):
        raise YifengError("请给出存放台账的文件夹，或用 --from 指定 yifeng ledger export 导出的 Parquet 文件（二者选一）")
    if args.source is not None:
        from yifeng.io._sql import weekly_tally_from_parquet

        tally = weekly_tally_from_parquet(args.source, as_of=args.as_of, mask=args.mask)
    else:
        tally = WeeklyTally(args.as_of)
        reader = functools.partial(tally_file, as_of=args.as_of, engine=args.engine, mask=args.mask)
        for _, part in _read_each(reader, _ledger_files(Path(args.folder)), "已汇总",
                                  meanwhile=lambda: importlib.import_module("yifeng.render._weekly")):
            tally.update(part)
        if not tally.ledgers:
            raise YifengError(f"{args.folder}：文件夹中没有可以读取的工作台账")
    report = tally.report() if args.title is None else tally.report(title=args.title)
    from yifeng.render import render_weekly  # imported while the workers read (see _read_each)

    output = Path(args.output)
    figures = output.with_suffix(".xlsx")
    render_weekly(report, output, unit=args.unit if args.unit is not None else tally.sender, figures=figures)
    summary = report.summary
    if args.json:
        _print_json(report)
    _said(f"{tally.ledgers} 个台账：累计 {summary.total} 条，已整改 {summary.rectified} 条（{summary.rate:.1%}），"
          f"本周新增 {len(report.new)} 条、整改完成 {len(report.closed)} 条；下次报送 {report.next_due}", args)
    _said(f"已写入 {output} 和 {figures}", args)
    return 0


def _ledger_export(args: argparse.Namespace) -> int:
    from yifeng.io import write_parquet
    from yifeng.io._batch import ledger_file
    from yifeng.model import mask_ledger

    if _stdout(args.output):
        raise YifengError("Parquet 文件不能写到标准输出；请用 -o 指定文件名")
    paths = _ledger_files(Path(args.folder))
    count = rows = 0

    def ledgers() -> Iterator[Ledger]:
        nonlocal count, rows
        for _, ledger in _read_each(functools.partial(ledger_file, engine=args.engine), paths, "已导出"):
            count, rows = count + 1, rows + len(ledger.rows)
            yield mask_ledger(ledger) if args.mask else ledger

    write_parquet(ledgers(), args.output)
    skipped = len(paths) - count
    print(f"已把 {count} 个台账、{rows} 条问题写入 {args.output}"
          f"{f'（跳过 {skipped} 个无法读取的文件）' if skipped else ''}；"
          f"用 yifeng ledger report --from {args.output} 生成周调度报告")
    return 0


def _date(text: str) -> dt.date:
    from yifeng.model import parse_date

    try:
        return parse_date(text)
    except ParseError:
        raise argparse.ArgumentTypeError(f"无法识别的日期：{text}（应形如 2023-09-28）") from None


def _read(args: argparse.Namespace) -> int:
    from yifeng.io import read_notice_docx, read_notice_text

    path = Path(args.notice)
    if path.suffix.lower() in _TABLE_SUFFIXES:
        raise YifengError(f"{path}：这是 Excel 文件；分工表请用 yifeng import 或 yifeng check 读取")
    if path.suffix.lower() == ".docx":
        notice = read_notice_docx(path)
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise YifengError(f"{path}：不是 UTF-8 文本；.docx 文件请保留 .docx 扩展名") from None
        notice = read_notice_text(text)
    campaign = notice.campaign
    if args.json:
        _print_json(notice)
    else:
        _said(f"{notice.title}{'（' + str(notice.doc_number) + '）' if notice.doc_number else ''}", args)
        if notice.issuers:
            _said(f"发文机关：{'、'.join(notice.issuers)}", args)
        if campaign is not None:
            negative = campaign.negative_list
            parts = [f"{len(campaign.tasks)} 项任务", f"{len(campaign.phases)} 个阶段",
                     f"负面清单 {len(negative)} 方面 {len(campaign.negative_list_items)} 项",
                     f"{len(campaign.reporting_channels)} 个举报途径"]
            _said(f"方案：{campaign.title}（{'，'.join(parts)}）", args)
        for diagnostic in notice.diagnostics:
            _said(_line(diagnostic), args)
    if args.output:
        _write_json(notice, args.output)
        if not _stdout(args.output):
            _said(f"已写入 {args.output}", args)
    return 0


def _notice_from_json(path: str) -> Notice:
    """A notice JSON as dump() writes it, or a campaign JSON (yifeng import) wrapped in one."""
    from yifeng.io import load
    from yifeng.model import Campaign, Notice

    try:
        return load(path, Notice)
    except SchemaError as notice_error:
        try:
            campaign = load(path, Campaign)
        except SchemaError:
            raise notice_error from None
        return Notice(title=campaign.title, campaign=campaign)


def _render(args: argparse.Namespace) -> int:
    from yifeng.io import read_ledger, read_task_table
    from yifeng.render import render_ledger, render_notice, render_task_table

    output = str(args.output)
    suffix = Path(output).suffix.lower()
    if not _stdout(output) and suffix not in (".docx", ".pdf"):
        raise YifengError(f"{output}：输出文件应以 .docx 或 .pdf 结尾")
    if suffix == ".pdf" and soffice() is None:  # say so before any work
        raise YifengError(f"{output}：生成 PDF 需要 LibreOffice（soffice 命令），本机没有安装；请改用 .docx 输出")
    with tempfile.TemporaryDirectory(prefix="yifeng-") as work:
        docx: str | IO[bytes] = str(Path(work) / (Path(output).stem + ".docx")) if suffix == ".pdf" \
            else _binary_target(output)
        if args.kind == "notice":
            render_notice(_notice_from_json(args.input), docx, template=args.template)
        elif args.kind == "table":
            render_task_table(read_task_table(Path(args.input), year=args.year), docx, template=args.template)
        else:
            render_ledger(read_ledger(Path(args.input)), docx, template=args.template, mask=args.mask)
        if suffix == ".pdf":
            convert_to_pdf(Path(str(docx)), Path(output))
    if not _stdout(output):
        print(f"已写入 {output}")
    return 0


def _template(args: argparse.Namespace) -> int:
    if args.name is None:
        for name in TEMPLATES:
            print(f"{name}\t{TEMPLATES[name]}")
        print("用 yifeng template 名称 -o 文件.docx 导出一个，在 Word 中改样式后以 --template 使用", file=sys.stderr)
        return 0
    if args.output is None:
        raise YifengError("请用 -o 指定导出的文件，如 -o 本单位通知模板.docx")
    data = template_path(args.name).read_bytes()
    if _stdout(args.output):
        sys.stdout.buffer.write(data)
    else:
        _refuse_overwrite(Path(args.output), args.force)
        Path(args.output).write_bytes(data)
        print(f"已写入 {args.output}（{TEMPLATES[args.name]}模板；在 Word 中改样式，用 --template 传回）")
    return 0


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise YifengError(f"{path}：已经存在；要覆盖请加 --force")


def _blank_ledgers(reference: str) -> tuple[Ledger, ...]:
    campaign = _campaign(reference)
    assert campaign is not None
    if not campaign.ledgers:
        raise YifengError(f"{reference}：方案中没有工作台账")
    return campaign.ledgers


def _ledger_blank(args: argparse.Namespace) -> int:
    from yifeng.io import write_ledger
    from yifeng.model import Ledger

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for ledger in _blank_ledgers(args.campaign):
        if args.kind is not None and ledger.kind.value != args.kind:
            continue
        path = out / f"台账（{ledger.kind.label}）.xlsx"
        _refuse_overwrite(path, args.force)
        write_ledger(Ledger(kind=ledger.kind, title=ledger.title, filer=ledger.filer, notes=ledger.notes), path)
        print(f"已写入 {path}（{ledger.title}）")
    return 0


def _examples(args: argparse.Namespace) -> int:
    from yifeng import examples
    from yifeng.io import dump

    if args.name is None:
        for name in examples.names():
            notice = examples.notice(name)
            campaign = notice.campaign
            has = [f"{len(campaign.tasks)} 项任务" if campaign is not None else "无方案"]
            if name in examples.workbook_names():
                has.append("附分工表 .xlsx")
            if campaign is not None and campaign.ledgers:
                has.append(f"{len(campaign.ledgers)} 种台账")
            print(f"{name}\t{notice.title}（{'，'.join(has)}）")
        print("用 yifeng examples 名称 -o 文件夹 复制示例文件", file=sys.stderr)
        return 0
    if args.name not in examples.names():
        raise YifengError(f"没有名为 {args.name!r} 的示例；可用的示例：{'、'.join(examples.names())}")
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{args.name}.json"]
    dump(examples.notice(args.name), written[0])
    if args.name in examples.workbook_names():
        written.append(out / f"{args.name}-分工表.xlsx")
        shutil.copyfile(examples.workbook(args.name), written[-1])
    print(f"已写入 {'、'.join(str(p) for p in written)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from yifeng import examples
    from yifeng.io import dump, write_ledger, write_task_table
    from yifeng.render import render_ledger, render_notice, render_task_table

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for name in examples.names():
        notice = examples.notice(name)
        campaign = notice.campaign
        written = [out / f"{name}.json", out / f"{name}-通知.docx"]
        dump(notice, written[0])
        render_notice(notice, written[1])
        if campaign is not None and campaign.tasks:
            written.append(out / f"{name}-分工表.docx")
            render_task_table(campaign, written[-1])
            written.append(out / f"{name}-分工表.xlsx")
            write_task_table(campaign, written[-1])
        for ledger in campaign.ledgers if campaign is not None else ():
            written.append(out / f"{name}-台账（{ledger.kind.label}，空白）.docx")
            render_ledger(ledger, written[-1])
            written.append(out / f"{name}-台账（{ledger.kind.label}，空白）.xlsx")
            write_ledger(ledger, written[-1])
        print(f"{notice.title}：{'、'.join(p.name for p in written)}")
    return 0


def _engine_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, default="auto",
                        help="读取 .xlsx 的引擎：auto（默认，装有 yifeng[fast] 时用 calamine）、openpyxl 或 calamine")


def _json_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true",
                        help=f"把{what}以 JSON 输出到标准输出（格式见 yifeng.io.json_schema），说明文字改到标准错误")


def _table_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("table", metavar="TABLE.xlsx", help="任务分工表文件")
    parser.add_argument("--year", type=int, help="年度，用于“9月底前”这类没有年份的时限（默认取表题中的年份）")
    parser.add_argument("--sheet", help="工作表名称（默认自动查找）")
    _engine_argument(parser)


def _output_argument(parser: argparse.ArgumentParser, help_text: str, *, required: bool = False) -> None:
    parser.add_argument("-o", "--output", required=required, metavar="FILE", help=f"{help_text}；写 - 则输出到标准输出")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yifeng", description="行风/纠风工作文书的建模、导入与生成。", epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"yifeng {__version__}", help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令", help="下列之一；yifeng 命令 --help 显示其参数")

    imported = commands.add_parser("import", help="导入任务分工表，显示汇总并可写出 JSON",
                                   description="导入任务分工表（.xlsx），显示按牵头单位、按完成时限的汇总，并可把方案写成 JSON。")
    _table_arguments(imported)
    _output_argument(imported, "把方案写成 JSON 文件")
    imported.add_argument("--parquet", metavar="FILE.parquet",
                          help="把任务写成 Parquet 文件（列和类型固定，供 DuckDB、Spark 汇总；需 yifeng[parquet]）")
    _json_argument(imported, "读到的分工表（TaskTable，含问题列表）")
    imported.set_defaults(run=_import)

    check = commands.add_parser("check", help="检查任务分工表或工作台账，逐条列出问题（有错误时退出码为 1）",
                                description="检查任务分工表或工作台账，每行一条问题：严重程度、位置、代码、说明。"
                                            "有错误时退出码为 1；加 --strict 时有警告也为 1。")
    _table_arguments(check)
    check.add_argument("--campaign", help="核对负面清单条目所依据的方案：内置示例名或 JSON 文件")
    check.add_argument("--strict", action="store_true", help="有警告时退出码也为 1")
    _json_argument(check, "问题列表（对象：file、document、errors、warnings 和 diagnostics）")
    check.set_defaults(run=_check)

    ledger = commands.add_parser("ledger", help="工作台账：空白表、合并、周报", description="工作台账：发放空白表、合并各单位台账、生成周调度报告。")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True, title="命令", metavar="命令", help="下列之一；yifeng 命令 --help 显示其参数")
    blank = ledger_commands.add_parser("blank", help="写出发给各单位填报的空白台账（.xlsx）",
                                       description="写出发给各单位填报的空白工作台账（机构、个人各一个 .xlsx）。")
    blank.add_argument("-o", "--output", default=".", metavar="DIR", help="输出目录（默认当前目录）")
    blank.add_argument("--campaign", default="xinglongtai-2023",
                       help="台账所属的方案：内置示例名或 JSON 文件（默认 xinglongtai-2023）")
    blank.add_argument("--kind", choices=[k.value for k in LedgerKind], help="只写一种：institution 机构、person 个人")
    blank.add_argument("--force", action="store_true", help="覆盖已有的文件")
    blank.set_defaults(run=_ledger_blank)
    merge = ledger_commands.add_parser("merge", help="把多个单位的台账合并为一个，标出疑似重复",
                                       description="把多个单位的台账合并为一个，标出疑似重复报送的问题。")
    merge.add_argument("ledgers", nargs="+", metavar="LEDGER.xlsx", help="各单位的台账文件")
    _output_argument(merge, "合并后的台账文件（.xlsx；用 --json 时可省略）")
    merge.add_argument("--title", help="合并后台账的标题（默认沿用第一个台账的标题）")
    merge.add_argument("--campaign", help="核对负面清单条目所依据的方案：内置示例名或 JSON 文件")
    merge.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码（对外报送用）")
    _engine_argument(merge)
    _json_argument(merge, "合并后的台账（Ledger，含疑似重复等问题）")
    merge.set_defaults(run=_ledger_merge)
    report = ledger_commands.add_parser("report", help="汇总文件夹中的台账，生成周调度报告（.docx 和 .xlsx）",
                                        description="汇总文件夹中各单位的台账（多核并行读取），生成周调度报告（.docx）"
                                                    "和数字表（同名 .xlsx）；或用 --from 从导出的 Parquet 文件汇总。")
    report.add_argument("folder", nargs="?", metavar="DIR", help="存放各单位台账的文件夹")
    report.add_argument("--from", dest="source", metavar="FILE.parquet",
                        help="改从 yifeng ledger export 导出的 Parquet 文件汇总（用 DuckDB；需 yifeng[parquet]）")
    report.add_argument("--as-of", type=_date, required=True, help="统计截止日期，如 2023-09-28")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="报告文件（.docx）；数字另存为同名 .xlsx")
    report.add_argument("--title", help="报告标题")
    report.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码")
    report.add_argument("--unit", help="报送单位（默认：各台账的填报单位相同时用它，否则留空待填）")
    _engine_argument(report)
    _json_argument(report, "周调度的数字（WeeklyReport）")
    report.set_defaults(run=_ledger_report)
    export = ledger_commands.add_parser("export", help="把文件夹中的台账导出为一个 Parquet 文件，供 DuckDB、Spark 汇总",
                                        description="把文件夹中各单位的台账（多核并行读取）导出为一个 Parquet 文件："
                                                    "列和类型固定，可用 DuckDB、Spark 等汇总，"
                                                    "或用 yifeng ledger report --from 生成周调度报告。需 yifeng[parquet]。")
    export.add_argument("folder", metavar="DIR", help="存放各单位台账的文件夹")
    export.add_argument("-o", "--output", required=True, metavar="FILE.parquet", help="导出的 Parquet 文件")
    export.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码")
    _engine_argument(export)
    export.set_defaults(run=_ledger_export)

    reader = commands.add_parser("read", help="读取通知（.txt 文本或 .docx），显示概要并可写出 JSON",
                                 description="读取通知或方案（.txt：从 PDF 或 Word 复制的文本；或 .docx），显示概要和问题，并可写出 JSON。")
    reader.add_argument("notice", metavar="NOTICE", help="通知文件：.txt（从 PDF 或 Word 复制的文本）或 .docx")
    _output_argument(reader, "把通知和方案写成 JSON 文件（可再用 yifeng render notice 生成公文）")
    _json_argument(reader, "读到的通知和方案（Notice）")
    reader.set_defaults(run=_read)

    render = commands.add_parser("render", help="生成公文格式的 .docx（或 .pdf）：通知、分工表或台账",
                                 description="生成公文格式的文件：notice 通知、table 分工表、ledger 台账。"
                                             "用 yifeng render 种类 --help 查看各自的参数。")
    kinds = render.add_subparsers(dest="kind", required=True, title="种类", metavar="种类", help="下列之一；yifeng render 种类 --help 显示其参数")
    for kind, what, source, extra in (
        ("notice", "通知（GB/T 9704 公文格式）", "通知或方案的 JSON 文件（yifeng read 或 yifeng import 写出的）", None),
        ("table", "任务分工表附件", "任务分工表 .xlsx", "year"),
        ("ledger", "工作台账", "工作台账 .xlsx", "mask"),
    ):
        sub = kinds.add_parser(kind, help=f"生成{what}", description=f"由{source}生成{what}。")
        sub.add_argument("input", metavar="INPUT", help=source)
        sub.add_argument("-o", "--output", required=True, metavar="FILE",
                         help="输出文件：.docx，或 .pdf（需要本机装有 LibreOffice）；写 - 则 .docx 输出到标准输出")
        sub.add_argument("--template", help="本单位的 .docx 模板（默认用内置模板；yifeng template 可导出）")
        if extra == "year":
            sub.add_argument("--year", type=int, help="分工表的年度，用于“9月底前”这类没有年份的时限")
        if extra == "mask":
            sub.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码")
        sub.set_defaults(run=_render)

    template = commands.add_parser("template", help="列出或导出内置的 .docx 模板，供在 Word 中改样式",
                                   description="不带名称时列出内置模板；带名称时导出一个，在 Word 中改样式后用 --template 传回。")
    template.add_argument("name", nargs="?", choices=TEMPLATES, metavar="NAME", help=f"模板名称：{'、'.join(TEMPLATES)}")
    _output_argument(template, "导出的模板文件（.docx）")
    template.add_argument("--force", action="store_true", help="覆盖已有的文件")
    template.set_defaults(run=_template)

    sample = commands.add_parser("examples", help="列出或复制内置示例（通知 JSON、分工表 .xlsx）",
                                 description="不带名称时列出五个内置示例；带名称时把它的 JSON 和分工表 .xlsx 复制到文件夹。")
    sample.add_argument("name", nargs="?", metavar="NAME", help="示例名称，如 nhc-2022")
    sample.add_argument("-o", "--output", default=".", metavar="DIR", help="复制到的文件夹（默认当前目录）")
    sample.set_defaults(run=_examples)

    demo = commands.add_parser("demo", help="把五个内置示例生成为通知、分工表、台账（.docx、.xlsx）和 JSON",
                               description="把五个内置示例生成为通知、分工表、台账（.docx 和 .xlsx）和 JSON。")
    demo.add_argument("-o", "--output", default="out", metavar="DIR", help="输出目录（默认 out/）")
    demo.set_defaults(run=_demo)
    return parser


def describe(exc: BaseException) -> str:
    """One Chinese line for an error the command cannot go on after."""
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return str(exc).replace("\n", " ")


def main(argv: Sequence[str] | None = None) -> int:
    with _argparse_in_chinese():
        args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (YifengError, OSError, ValueError) as exc:
        print(f"yifeng: {describe(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("yifeng: 已中断", file=sys.stderr)
        return 130
    except MemoryError:
        print("yifeng: 内存不足，无法完成", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug in yifeng: one line, not a traceback
        print(f"yifeng: 内部错误（{type(exc).__name__}: {describe(exc)}）；请把这一行和所用文件报告给维护者",
              file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
