"""The shipped .docx templates: here, apart from the renderers, so that listing and exporting
them (and the command line's choices) import neither docxtpl nor lxml."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

from yifeng.errors import RenderError

# The shipped templates, by name, with what each renders.
TEMPLATES: Final[dict[str, str]] = {
    "notice": "通知（公文格式，GB/T 9704）",
    "task_table": "任务分工表附件",
    "ledger": "工作台账",
    "weekly_report": "周调度报告",
}


def template_path(name: str) -> Path:
    """The path of a shipped template ("notice", "task_table", "ledger",
    "weekly_report"), to copy and restyle in Word and pass back as ``template=``."""
    if name not in TEMPLATES:
        raise RenderError(f"没有名为 {name!r} 的内置模板；可用的模板：{'、'.join(TEMPLATES)}")
    return Path(str(resources.files("yifeng.render") / "templates" / f"{name}.docx"))
