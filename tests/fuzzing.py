"""tools/fuzz.py, loaded for the tests that use its supervised workers."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ENGINES = ["openpyxl", "calamine"]
_TOOL = Path(__file__).resolve().parents[1] / "tools" / "fuzz.py"


@cache
def fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("yifeng_fuzz", _TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["yifeng_fuzz"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
