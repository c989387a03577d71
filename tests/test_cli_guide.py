"""docs/cli.md, the officers' command-line guide: every `$` command runs exactly as
written, in order, in one folder; the sample output it shows is what check prints."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from docx import Document

from yifeng.io import read_ledger

from .test_ledger import institution_ledger, person_ledger

GUIDE = Path(__file__).parents[1] / "docs" / "cli.md"


def _blocks(kind: str) -> list[list[str]]:
    text = GUIDE.read_text(encoding="utf-8")
    return [block.strip().splitlines() for block in re.findall(rf"```{kind}\n(.*?)```", text, re.S)]


def test_every_command_of_the_guide_runs_as_written(tmp_path):
    # What the offices send back (the guide's 台账 folder): filled ledgers of both kinds.
    (tmp_path / "台账").mkdir()
    (tmp_path / "台账" / "区人民医院.xlsx").write_bytes(institution_ledger())
    (tmp_path / "台账" / "区妇幼保健院.xlsx").write_bytes(institution_ledger())
    (tmp_path / "台账" / "区中医院.xlsx").write_bytes(person_ledger())
    commands = [line[2:] for block in _blocks("console") for line in block if line.startswith("$ ")]
    assert len(commands) >= 8
    outputs = {}
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "yifeng", command
        done = subprocess.run([sys.executable, "-m", "yifeng", *argv[1:]], cwd=tmp_path, capture_output=True,
                              text=True, check=False)
        # check exits 1 when the file has errors, as the guide says; every other command succeeds.
        assert done.returncode == (1 if argv[1] == "check" else 0), (command, done.stderr)
        assert "Traceback" not in done.stderr
        outputs[command] = done.stdout
    # The sample lines the guide shows are lines check printed.
    shown = next(block for block in _blocks("text") if block[0].startswith(("错误", "警告")))
    printed = outputs[next(c for c in commands if c.startswith("yifeng check"))].splitlines()
    assert set(shown) <= set(printed)
    # And the files each step promises are there.
    assert {p.name for p in (tmp_path / "空白台账").iterdir()} == {"台账（机构）.xlsx", "台账（个人）.xlsx"}
    assert len(read_ledger(tmp_path / "全区台账（机构）.xlsx").rows) == 8
    assert (tmp_path / "周调度.xlsx").is_file() and Document(tmp_path / "周调度.docx").paragraphs
    assert Document(tmp_path / "通知.docx").paragraphs and Document(tmp_path / "分工表.docx").tables
    assert (tmp_path / "本单位通知模板.docx").is_file()
