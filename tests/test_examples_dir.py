"""The scripts in examples/ run and say what they should."""

import runpy
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "tasks_by_unit.py"


def test_tasks_by_unit_script_summarises_a_campaign():
    summarise = runpy.run_path(str(SCRIPT))["summarise"]
    from yifeng import examples

    text = summarise(examples.campaign("lingbi-2020"))
    assert "牵头   县医保局：第 5、6、7、8、10、17 项" in text
    assert "配合   县公安局：第 7、8、11、17 项" in text
    assert "2020-09 1 项" in text and "其中持续推进 1 项" in text


def test_tasks_by_unit_script_runs_from_the_command_line():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "jilin-2021"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("2021年吉林省") and "省市场监督管理厅" in result.stdout
