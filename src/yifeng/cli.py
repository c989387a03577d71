"""The ``yifeng`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from yifeng import examples
from yifeng._version import __version__
from yifeng.errors import YifengError
from yifeng.io import dump


def _demo(args: argparse.Namespace) -> int:
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for name in examples.names():
        notice = examples.notice(name)
        target = out / f"{name}.json"
        dump(notice, target)
        tasks = len(notice.campaign.tasks) if notice.campaign else 0
        print(f"{target}  {notice.title}（{tasks} 项任务）")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yifeng", description="行风/纠风工作文书的建模、导入与生成。")
    parser.add_argument("--version", action="version", version=f"yifeng {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="把五个内置示例写到目录中")
    demo.add_argument("-o", "--output", default="out", help="输出目录（默认 out/）")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (YifengError, OSError) as exc:
        print(f"yifeng: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
