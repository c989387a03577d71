"""The ``yifeng`` command line: import, check, ledger and demo.

Exit codes: 0 done, 1 the file has errors (``check``), 2 the file or the arguments could
not be used, 3 an error inside yifeng itself (please report it), 130 interrupted —
always with a one-line Chinese message, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from yifeng import examples
from yifeng._version import __version__
from yifeng.errors import ParseError, SchemaError, YifengError
from yifeng.io import (
    dump,
    dumps,
    load,
    read_ledger,
    read_notice_docx,
    read_notice_text,
    read_task_table,
    to_dict,
    write_ledger,
)
from yifeng.io._detect import table_kind
from yifeng.io._workbook import ENGINES
from yifeng.model import Campaign, Diagnostic, Notice, Role, Severity, TaskTable, mask_ledger, merge_ledgers, parse_date
from yifeng.render import render_ledger, render_notice, render_task_table, render_weekly_report
from yifeng.render._pdf import convert_to_pdf, soffice


EXIT_CODES: Final = ("退出码：0 完成；1 文件中有错误（check）；2 文件或参数无法使用（附一行说明）；"
                     "3 yifeng 内部错误（请报告）；130 被中断。")


def _print_json(obj: object) -> None:
    """A model object on stdout as the JSON document :func:`yifeng.io.dumps` writes."""
    sys.stdout.write(dumps(obj) + "\n")


def _said(text: str, args: argparse.Namespace) -> None:
    """A line for people: on stdout, or on stderr when stdout carries JSON."""
    print(text, file=sys.stderr if getattr(args, "json", False) else sys.stdout)


def _read_table(args: argparse.Namespace) -> TaskTable:
    return read_task_table(Path(args.table), year=args.year, sheet=args.sheet, engine=args.engine)


def _summary(table: TaskTable) -> str:
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
        print(_summary(table))
    if args.output:
        dump(table.to_campaign(), args.output)
        _said(f"已写入 {args.output}", args)
    return 0


def _campaign(reference: str | None) -> Campaign | None:
    """A campaign named by a bundled example ("xinglongtai-2023") or a JSON file."""
    if reference is None:
        return None
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
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    if args.json:  # each diagnostic as in the JSON documents (the Diagnostic schema), with the counts
        result = {"file": args.table, "document": document,
                  "errors": errors, "warnings": len(diagnostics) - errors,
                  "diagnostics": [to_dict(d) for d in diagnostics]}
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
    print(f"{what}，{errors} 个错误，{len(diagnostics) - errors} 个警告", file=sys.stderr)
    return 1 if errors else 0


def _check(args: argparse.Namespace) -> int:
    path = Path(args.table)
    if table_kind(path, engine=args.engine) == "ledger":
        ledger = read_ledger(path, campaign=_campaign(args.campaign), sheet=args.sheet, engine=args.engine)
        return _report(ledger.diagnostics, f"{path}：台账（{ledger.kind.label}）{len(ledger.rows)} 条问题", args,
                       "Ledger")
    table = _read_table(args)
    return _report(table.diagnostics, f"{path}：{len(table.tasks)} 项任务", args, "TaskTable")


def _ledger_merge(args: argparse.Namespace) -> int:
    campaign = _campaign(args.campaign)
    ledgers = [read_ledger(Path(p), campaign=campaign, engine=args.engine) for p in args.ledgers]
    merged = merge_ledgers(ledgers, title=args.title)
    if args.output is None and not args.json:
        raise YifengError("请用 -o 指定合并后的台账文件（或用 --json 输出到屏幕）")
    if args.output is not None:
        write_ledger(merged, args.output, mask=args.mask)
    if args.json:
        _print_json(mask_ledger(merged) if args.mask else merged)
    duplicates = [d for d in merged.diagnostics if d.code == "duplicate-likely"]
    errors = sum(d.severity is Severity.ERROR for d in merged.diagnostics)
    for diagnostic in duplicates:
        _said(f"{diagnostic.file} {diagnostic}", args)
    where = f"到 {args.output}" if args.output is not None else ""
    _said(f"已合并 {len(ledgers)} 个台账、{len(merged.rows)} 条问题{where}；"
          f"疑似重复 {len(duplicates)} 条，源文件中有 {errors} 个错误（用 yifeng check 逐个查看）", args)
    return 0


def _ledger_report(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise YifengError(f"{folder}：不是文件夹")
    ledgers = []
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith("~$"):  # Excel's lock files
            continue
        try:  # one unreadable file is reported and skipped; the others still count
            if table_kind(path, engine=args.engine) != "ledger":
                print(f"跳过 {path.name}：不是工作台账", file=sys.stderr)
                continue
            ledgers.append(read_ledger(path, engine=args.engine))
        except (YifengError, OSError) as exc:
            print(f"跳过 {path.name}：{describe(exc)}", file=sys.stderr)
    if not ledgers:
        raise YifengError(f"{folder}：文件夹中没有工作台账（.xlsx）")
    output = Path(args.output)
    figures = output.with_suffix(".xlsx")
    report = render_weekly_report(ledgers, output, as_of=args.as_of, title=args.title, mask=args.mask, unit=args.unit,
                                  figures=figures)
    summary = report.summary
    if args.json:
        _print_json(report)
    _said(f"{len(ledgers)} 个台账：累计 {summary.total} 条，已整改 {summary.rectified} 条（{summary.rate:.1%}），"
          f"本周新增 {len(report.new)} 条、整改完成 {len(report.closed)} 条；下次报送 {report.next_due}", args)
    _said(f"已写入 {output} 和 {figures}", args)
    return 0


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ParseError:
        raise argparse.ArgumentTypeError(f"无法识别的日期：{text}（应形如 2023-09-28）") from None


def _read(args: argparse.Namespace) -> int:
    path = Path(args.notice)
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
        print(f"{notice.title}{'（' + str(notice.doc_number) + '）' if notice.doc_number else ''}")
        if notice.issuers:
            print(f"发文机关：{'、'.join(notice.issuers)}")
        if campaign is not None:
            parts = [f"{len(campaign.tasks)} 项任务", f"{len(campaign.phases)} 个阶段",
                     f"负面清单 {len(campaign.negative_list_items)} 类", f"{len(campaign.reporting_channels)} 个举报途径"]
            print(f"方案：{campaign.title}（{'，'.join(parts)}）")
        for diagnostic in notice.diagnostics:
            print(diagnostic)
    if args.output:
        dump(notice, args.output)
        _said(f"已写入 {args.output}", args)
    return 0


def _notice_from_json(path: str) -> Notice:
    """A notice JSON as dump() writes it, or a campaign JSON (yifeng import) wrapped in one."""
    try:
        return load(path, Notice)
    except SchemaError as notice_error:
        try:
            campaign = load(path, Campaign)
        except SchemaError:
            raise notice_error from None
        return Notice(title=campaign.title, campaign=campaign)


def _render(args: argparse.Namespace) -> int:
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise YifengError(f"{output}：输出文件应以 .docx 或 .pdf 结尾")
    if suffix == ".pdf" and soffice() is None:  # say so before any work
        raise YifengError(f"{output}：生成 PDF 需要 LibreOffice（soffice 命令），本机没有安装；请改用 .docx 输出")
    with tempfile.TemporaryDirectory(prefix="yifeng-") as work:
        docx = output if suffix == ".docx" else Path(work) / (output.stem + ".docx")
        if args.kind == "notice":
            render_notice(_notice_from_json(args.input), docx, template=args.template)
        elif args.kind == "table":
            render_task_table(read_task_table(Path(args.input), year=args.year), docx, template=args.template)
        else:
            render_ledger(read_ledger(Path(args.input)), docx, template=args.template, mask=args.mask)
        if suffix == ".pdf":
            convert_to_pdf(docx, output)
    print(f"已写入 {output}")
    return 0


def _demo(args: argparse.Namespace) -> int:
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
        for ledger in campaign.ledgers if campaign is not None else ():
            written.append(out / f"{name}-台账（{ledger.kind.label}，空白）.docx")
            render_ledger(ledger, written[-1])
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yifeng", description="行风/纠风工作文书的建模、导入与生成。", epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"yifeng {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    imported = commands.add_parser("import", help="导入任务分工表，显示汇总并可写出 JSON")
    _table_arguments(imported)
    imported.add_argument("-o", "--output", help="把方案写成 JSON 文件")
    _json_argument(imported, "读到的分工表（TaskTable，含问题列表）")
    imported.set_defaults(run=_import)

    check = commands.add_parser("check", help="检查任务分工表或工作台账，逐条列出问题（有错误时退出码为 1）")
    _table_arguments(check)
    check.add_argument("--campaign", help="核对负面清单条目所依据的方案：内置示例名或 JSON 文件")
    _json_argument(check, "问题列表（对象：file、document、errors、warnings 和 diagnostics）")
    check.set_defaults(run=_check)

    ledger = commands.add_parser("ledger", help="工作台账：合并、周报")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True)
    merge = ledger_commands.add_parser("merge", help="把多个单位的台账合并为一个，标出疑似重复")
    merge.add_argument("ledgers", nargs="+", metavar="LEDGER.xlsx")
    merge.add_argument("-o", "--output", help="合并后的台账文件（.xlsx；用 --json 时可省略）")
    merge.add_argument("--title", help="合并后台账的标题（默认沿用第一个台账的标题）")
    merge.add_argument("--campaign", help="核对负面清单条目所依据的方案：内置示例名或 JSON 文件")
    merge.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码（对外报送用）")
    _engine_argument(merge)
    _json_argument(merge, "合并后的台账（Ledger，含疑似重复等问题）")
    merge.set_defaults(run=_ledger_merge)
    report = ledger_commands.add_parser("report", help="汇总文件夹中的台账，生成周调度报告（.docx 和 .xlsx）")
    report.add_argument("folder", metavar="DIR", help="存放各单位台账的文件夹")
    report.add_argument("--as-of", type=_date, required=True, help="统计截止日期，如 2023-09-28")
    report.add_argument("-o", "--output", required=True, help="报告文件（.docx）；数字另存为同名 .xlsx")
    report.add_argument("--title", help="报告标题")
    report.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码")
    report.add_argument("--unit", help="报送单位（默认：各台账的填报单位相同时用它，否则留空待填）")
    _engine_argument(report)
    _json_argument(report, "周调度的数字（WeeklyReport）")
    report.set_defaults(run=_ledger_report)

    reader = commands.add_parser("read", help="读取通知（.txt 文本或 .docx），显示概要并可写出 JSON")
    reader.add_argument("notice", metavar="NOTICE", help="通知文件：.txt（从 PDF 或 Word 复制的文本）或 .docx")
    reader.add_argument("-o", "--output", help="把通知和方案写成 JSON 文件（可再用 yifeng render notice 生成公文）")
    _json_argument(reader, "读到的通知和方案（Notice）")
    reader.set_defaults(run=_read)

    render = commands.add_parser("render", help="生成公文格式的 .docx：通知、分工表或台账")
    render.add_argument("kind", choices=("notice", "table", "ledger"), help="notice：通知（JSON）；table：分工表；ledger：台账")
    render.add_argument("input", metavar="INPUT", help="notice 用 JSON 文件；table、ledger 用 .xlsx")
    render.add_argument("-o", "--output", required=True,
                        help="输出文件：.docx，或 .pdf（需要本机装有 LibreOffice）")
    render.add_argument("--template", help="本单位的 .docx 模板（默认用 yifeng 内置模板）")
    render.add_argument("--year", type=int, help="分工表的年度（table）")
    render.add_argument("--mask", action="store_true", help="隐去人员姓名和手机号码（ledger）")
    render.set_defaults(run=_render)

    demo = commands.add_parser("demo", help="把五个内置示例生成为通知、分工表、台账（.docx）和 JSON")
    demo.add_argument("-o", "--output", default="out", help="输出目录（默认 out/）")
    demo.set_defaults(run=_demo)
    return parser


_ERRNO: Final = {
    errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘是只读的", errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已经存在",
}


def describe(exc: BaseException) -> str:
    """One Chinese line for an error the command cannot go on after."""
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        why = _ERRNO.get(exc.errno or 0) or exc.strerror or str(exc)
        return f"{where}：{why}" if where else why
    return str(exc).replace("\n", " ")


def main(argv: Sequence[str] | None = None) -> int:
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
