"""Rendering model objects to documents through docxtpl templates shipped in the wheel.

Every renderer takes ``template=`` to use an office's own .docx instead.
"""

from yifeng.render._docx import template_path
from yifeng.render._official import render_ledger, render_notice, render_task_table
from yifeng.render._weekly import render_weekly, render_weekly_report, write_weekly_figures

__all__ = [
    "render_ledger",
    "render_notice",
    "render_task_table",
    "render_weekly",
    "render_weekly_report",
    "template_path",
    "write_weekly_figures",
]
