"""Starting yifeng imports nothing heavy (issue 14), checked by what a fresh interpreter
has imported — never by timing; benchmarks/cold_start.py times it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Imported where first needed: reading, writing, rendering, the holiday calendar, frames.
HEAVY = {"openpyxl", "python_calamine", "docxtpl", "docx", "lxml", "jinja2", "markupsafe", "xlsxwriter", "pandas",
         "pyarrow", "chinese_calendar", "dateutil"}
HELP = "from yifeng.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"


def imported(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    names: list[str] = json.loads(done.stderr.splitlines()[-1])
    return set(names)


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize("code", ["import yifeng", "import yifeng.model", "import yifeng.io", "import yifeng.render",
                                  "import yifeng.examples"])
def test_importing_a_package_imports_no_heavy_dependency(code):
    assert heavy(imported(code)) == []


@pytest.mark.parametrize("argv", [["--help"], ["ledger", "report", "--help"], ["render", "notice", "--help"],
                                  ["template"], ["--version"]])
def test_the_command_line_builds_its_parser_from_light_modules(argv):
    modules = imported(HELP.format(argv=argv))
    assert heavy(modules) == []
    # Nor the model, the readers or the renderers: each command imports what it uses.
    assert sorted(m for m in modules if m.startswith(("yifeng.model", "yifeng.examples"))) == []
    assert "cattrs" not in modules and "yifeng.io._workbook" not in modules and "yifeng.render._docx" not in modules


def test_public_names_still_import_as_before():
    modules = imported("from yifeng.io import read_ledger, dump\nfrom yifeng.render import template_path\n"
                       "from yifeng.model import WEEKLY\nassert str(WEEKLY) == '每周四下班前'")
    assert "yifeng.io._ledger" in modules and "cattrs" in modules
    assert "yifeng.render._docx" not in modules  # template_path is light


def test_reading_with_calamine_imports_no_openpyxl():
    pytest.importorskip("python_calamine")
    modules = imported("from yifeng import examples\nfrom yifeng.io import read_task_table\n"
                       "read_task_table(examples.workbook('jilin-2021'), engine='calamine')")
    assert {m.split(".")[0] for m in heavy(modules)} == {"python_calamine"}
