"""A clerk restyles a shipped template in Word — here with python-docx, every style's
size changed — and passes it back: the rendered document follows the new styles, in its
XML and on LibreOffice's printed page."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from docx import Document
from docx.shared import Pt

from yifeng import examples
from yifeng.io import read_ledger
from yifeng.render import render_ledger, render_notice, render_task_table, render_weekly_report, template_path

from .effective import W, run_property
from .pdf import MM, convert, needs_office, words
from .test_ledger import institution_ledger

BIGGER = 3  # points added to every style's size


def restyled(name, folder):
    """The shipped template ``name`` with every sized style 3 pt larger; {style id: size}."""
    path = folder / f"{name}-restyled.docx"
    shutil.copy(template_path(name), path)
    document = Document(path)
    sizes = {}
    for style in document.styles:
        if getattr(style, "font", None) is not None and style.font.size is not None:
            style.font.size = Pt(style.font.size.pt + BIGGER)
            sizes[style.style_id] = style.font.size.pt
    document.save(path)
    return path, sizes


def _render(name, template, target):
    if name == "notice":
        render_notice(examples.notice("nhc-2022"), target, template=template)
    elif name == "task_table":
        render_task_table(examples.campaign("nhc-2022"), target, template=template)
    elif name == "ledger":
        render_ledger(read_ledger(io.BytesIO(institution_ledger())), target, template=template)
    else:
        render_weekly_report([read_ledger(io.BytesIO(institution_ledger()))], target, as_of=dt.date(2023, 9, 28),
                             template=template)


def _text_runs(document):
    """(paragraph, run) for every run holding text, in the body, its tables and footers."""
    parts = [document.element.body]
    parts += [section.footer._element for section in document.sections]
    for part in parts:
        for p in part.iter(f"{W}p"):
            for r in p.iter(f"{W}r"):
                if "".join(t.text or "" for t in r.iter(f"{W}t")).strip():
                    yield p, r


@pytest.mark.parametrize("name", ["notice", "task_table", "ledger", "weekly_report"])
def test_every_style_size_changed_in_word_changes_the_document(tmp_path, name):
    template, sizes = restyled(name, tmp_path)
    assert len(sizes) >= 6  # the sizes of the template's named styles (the rest inherit 正文's)
    _render(name, template, tmp_path / "out.docx")
    document = Document(tmp_path / "out.docx")
    # The rendered document keeps the clerk's styles, and no run sets its own size —
    # except the 发文机关标志 of nine stacked issuers, scaled from its style's size.
    kept = {s.style_id: s.font.size.pt for s in document.styles
            if getattr(s, "font", None) is not None and s.font.size is not None}
    assert {k: kept[k] for k in sizes} == sizes
    mark = sizes.get("yfMark")
    seen = set()
    for p, r in _text_runs(document):
        size = int(run_property(document, p, r, "sz")) / 2
        seen.add(size)
        direct = r.find(f"{W}rPr/{W}sz")
        if direct is not None:
            assert mark is not None and size == pytest.approx(mark * 22 / 36, abs=0.5)
        else:
            assert size in sizes.values()
    assert seen and not seen & {10.5, 12, 14, 16, 22, 36}  # no size of the shipped styles is left


@needs_office
def test_restyled_body_prints_larger(tmp_path):
    # The 正文 style at 19 pt instead of 16: LibreOffice prints fewer, larger characters a line.
    template, _ = restyled("notice", tmp_path)
    render_notice(examples.notice("shaanxi-2020"), tmp_path / "restyled.docx", template=template)
    render_notice(examples.notice("shaanxi-2020"), tmp_path / "shipped.docx")
    convert([tmp_path / "restyled.docx", tmp_path / "shipped.docx"], tmp_path)

    def body_height(pdf):
        page = words(pdf, MM)[1]  # page 2: body text only
        heights = sorted(y1 - y0 for x0, y0, x1, y1, w in page[2] if len(w) > 10)
        return heights[len(heights) // 2]

    ratio = body_height(tmp_path / "restyled.pdf") / body_height(tmp_path / "shipped.pdf")
    assert ratio == pytest.approx(19 / 16, rel=0.05)


def test_every_style_is_documented_for_the_clerk():
    # docs/render.md's table names each style as Word shows it in Chinese.
    from pathlib import Path

    from yifeng.render._styles import STYLES

    guide = (Path(__file__).parents[1] / "docs" / "render.md").read_text(encoding="utf-8")
    shown = {"Normal": "正文（Normal）", "Title": "标题（Title）"}
    for style in STYLES:
        name = shown.get(style.id) or style.name.replace("heading ", "标题 ")
        assert name in guide, name
