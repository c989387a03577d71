"""Rendering model objects to documents through docxtpl templates shipped in the wheel.

Every renderer takes ``template=`` to use an office's own .docx instead.
"""

from typing import TYPE_CHECKING

__all__ = [
    "render_ledger",
    "render_notice",
    "render_task_table",
    "render_weekly",
    "render_weekly_report",
    "template_path",
    "write_weekly_figures",
]

if TYPE_CHECKING:
    from yifeng.render._templates import template_path
    from yifeng.render._official import render_ledger, render_notice, render_task_table
    from yifeng.render._weekly import render_weekly, render_weekly_report, write_weekly_figures
else:
    from yifeng._lazy import lazy_exports

    # Each name is imported from its module when first used (the renderers bring docxtpl,
    # Jinja2 and lxml): see yifeng._lazy.
    __getattr__, __dir__ = lazy_exports(__name__, {
        "_templates": ("template_path",),
        "_official": ("render_ledger", "render_notice", "render_task_table"),
        "_weekly": ("render_weekly", "render_weekly_report", "write_weekly_figures"),
    })
