"""Templates as clerks and other offices really hand them over, and text as it really
comes: each case found by reviewing the renderer, each once a corrupt or wrong file."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from docx import Document
from lxml import etree

from yifeng import examples
from yifeng.errors import RenderError
from yifeng.model import Ledger, LedgerKind, LedgerRow, Task, TaskTable
from yifeng.render import render_ledger, render_notice, render_task_table, template_path
from yifeng.render._columns import fit

from .effective import W


def _parses(path):
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                etree.fromstring(package.read(name))  # raises on a character XML cannot hold
        return package.read("word/document.xml").decode("utf-8")


def test_control_characters_in_table_cells_are_shown_not_written_raw(tmp_path):
    render_task_table(TaskTable(title="表", tasks=(Task(number=1, title="甲\x00乙", content="丙\r\n丁"),)),
                      tmp_path / "t.docx")
    xml = _parses(tmp_path / "t.docx")
    assert "甲\ufffd乙" in xml and "丙</w:t><w:br/><w:t>丁" in xml
    render_ledger(Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=1, institution="a\x00b"),)),
                  tmp_path / "l.docx")
    assert "a\ufffdb" in _parses(tmp_path / "l.docx")


def _notice_template(tmp_path, replace):
    path = tmp_path / "own.docx"
    shutil.copy(template_path("notice"), path)
    document = Document(path)
    for paragraph in document.paragraphs:
        if paragraph.text.strip() in replace:
            paragraph.runs[0].text = replace[paragraph.text.strip()]
    return document, path


@pytest.mark.parametrize("written", ["{{ body }}", "{{r body }}", "正文：{{ body }}"])
def test_a_slot_written_inline_is_refused(tmp_path, written):
    document, path = _notice_template(tmp_path, {"{{p body }}": written})
    document.save(path)
    with pytest.raises(RenderError, match=r"“body”应当写作单独一段的 \{\{p body \}\}"):
        render_notice(examples.notice("shaanxi-2020"), tmp_path / "n.docx", template=path)


def test_a_slot_in_the_footer_is_refused(tmp_path):
    document, path = _notice_template(tmp_path, {})
    document.sections[0].footer.add_paragraph("{{p title }}")
    document.save(path)
    with pytest.raises(RenderError, match="页眉、页脚等处有"):
        render_notice(examples.notice("shaanxi-2020"), tmp_path / "n.docx", template=path)


def _edited(template: str, path, edit):
    """A copy of a shipped template at ``path`` with ``edit(part name, text)`` made to
    its styles and its body, as Word would save them."""
    shutil.copy(template_path(template), path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name in ("word/styles.xml", "word/document.xml"):
        parts[name] = edit(name, parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def test_a_template_from_chinese_word_keeps_its_own_builtin_styles(tmp_path):
    # Word in Chinese names its built-in styles with ids of its own (正文 "a", 标题 1 "1",
    # 标题 "a3"): yifeng uses them, with the clerk's formatting, and adds no second copy.
    def renumbered(name, styles):
        if name != "word/styles.xml":
            return styles
        for ours, theirs in (("Normal", "a"), ("Heading1", "1"), ("Title", "a3")):
            styles = styles.replace(f'w:styleId="{ours}"', f'w:styleId="{theirs}"')
            for reference in ("basedOn", "next", "link"):
                styles = styles.replace(f'<w:{reference} w:val="{ours}"/>', f'<w:{reference} w:val="{theirs}"/>')
        return styles

    path = _edited("notice", tmp_path / "cn.docx", renumbered)
    render_notice(examples.notice("nhc-2022"), tmp_path / "n.docx", template=path)
    document = Document(tmp_path / "n.docx")
    ids = [s.style_id for s in document.styles]
    assert "Normal" not in ids and "Heading1" not in ids and "Title" not in ids
    assert len(ids) == len(set(ids))
    xml = _parses(tmp_path / "n.docx")
    assert '<w:pStyle w:val="1"/>' in xml and '<w:pStyle w:val="a3"/>' in xml and 'w:val="Heading1"' not in xml
    heading = next(p for p in document.paragraphs if p.text == "一、持续提升纠风工作治理水平")
    assert heading._p.pPr.find(f"{W}pStyle").get(f"{W}val") == "1"


@pytest.mark.parametrize(("columns", "total"), [
    ([["问题数", "12"]] * 11 + [["具体表现", "某某医院违规收受回扣问题" * 3]], 8844),
    ([["整治工作负责人", "王五"]] * 15, 12756),
    ([["序号", "1"]] * 30, 3000),
    ([["手机号码", "13812345678"]] * 12, 8844),
])
def test_column_widths_are_positive_and_fill_the_table(columns, total):
    widths = fit(columns, total, char=240)
    assert sum(widths) == total and min(widths) > 0


def test_the_package_has_no_zip64_records(tmp_path):
    # Word writes none, and strict readers refuse local headers that disagree with the
    # central directory; a document part never nears 4 GB.
    render_notice(examples.notice("nhc-2022"), tmp_path / "n.docx")
    with zipfile.ZipFile(tmp_path / "n.docx") as package:
        info = package.getinfo("word/document.xml")
        assert info.extra == b"" and info.file_size < 2**32
    raw = (tmp_path / "n.docx").read_bytes()
    assert b"\xff\xff\xff\xff" not in raw[:raw.index(b"word/document.xml") + 64]


def test_long_cc_list_and_long_signature_give_no_negative_lengths(tmp_path):
    import re

    import attrs

    notice = attrs.evolve(examples.notice("shaanxi-2020"), cc=tuple(f"第{n}县卫生健康局" for n in range(60)),
                          signature=("某某省某某市某某县卫生健康委员会办公室暨某某县医疗保障局联合工作专班",))
    render_notice(notice, tmp_path / "n.docx")
    xml = _parses(tmp_path / "n.docx")
    assert not re.search(r'w:(?:line|left|right|w|val)="-\d', xml)
    assert "第59县卫生健康局" in xml


def test_row_heights_count_the_lines_each_cell_wraps_into():
    """At 11 pt a full-width character takes 11 x 96 / 72 / 7 = 2.095 width units and
    text fills 90 % of a line, so a column 10 units wide holds (10 - 1) / 2.095 x 0.9 =
    3.87 characters a line: eight characters wrap into 3 lines, and a line is 1.45 x 11
    points with 4 points of padding: 3 x 15.95 + 4 = 51.85 → 51.9 (two lines: 35.9)."""
    from yifeng.io._print import RowHeights

    heights = RowHeights([10, 10, 30], 11)
    assert heights(["一二三四五六七八", "", "短"]) == 51.9
    assert heights(["短", "一\n二", ""]) == 35.9  # a break in a short text is a line
    assert heights(["", "一二三四五六七八\n一", "x"]) == 67.8  # 3 + 1 lines: 4 x 15.95 + 4
    assert heights(["一二三四五六七八", "", "短"], "一二三四五六七八\n\n短") == 51.9  # joined given
    assert heights(["一二三四五六七八"]) == 51.9  # fewer texts than columns


def test_a_long_table_made_while_written_takes_the_templates_own_style_ids(tmp_path):
    # The still-open problems of a weekly report are a table made row by row as the
    # document is written (never held whole); a template whose table styles have ids of
    # its own (Word renumbers them) must still see its ids in every row.
    import datetime as dt

    from yifeng.render import render_weekly_report

    def renumbered(name, text):
        assert "yfTableText" in text
        return text.replace('w:styleId="yfTableText"', 'w:styleId="a9"').replace('w:val="yfTableText"', 'w:val="a9"')

    path = _edited("weekly_report", tmp_path / "weekly.docx", renumbered)
    rows = tuple(LedgerRow(number=n, institution=f"第{n}医院", negative_list_ref="（一）1",
                           discovered_on=dt.date(2023, 9, 1), rectified=False) for n in range(1, 2001))
    ledger = Ledger(kind=LedgerKind.INSTITUTION, title="台账", rows=rows)
    render_weekly_report([ledger], tmp_path / "w.docx", as_of=dt.date(2023, 9, 28), template=path)
    xml = _parses(tmp_path / "w.docx")
    assert xml.count("医院</w:t>") == 2000  # every still-open problem listed
    assert xml.count("第2000医院") == 1 and xml.index("第1医院") < xml.index("第2000医院")
    assert 'w:val="yfTableText"' not in xml and '<w:pStyle w:val="a9"/>' in xml


def test_an_empty_slot_may_be_left_out_of_a_template_with_its_own_style_ids(tmp_path):
    # A notice without a plan has nothing for {{p plan }}: a template may leave that
    # paragraph out, also when its styles have ids of their own.
    import attrs

    def edited(name, text):
        text = text.replace('w:styleId="yfTableText"', 'w:styleId="a9"').replace('w:val="yfTableText"', 'w:val="a9"')
        return text.replace("<w:p><w:r><w:t>{{p plan }}</w:t></w:r></w:p>", "")

    path = _edited("notice", tmp_path / "no-plan.docx", edited)
    assert "{{p plan }}" not in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    render_notice(attrs.evolve(examples.notice("nhc-2022"), campaign=None), tmp_path / "n.docx", template=path)
    assert "持续提升纠风工作治理水平" not in _parses(tmp_path / "n.docx")  # the plan's heading, not there
    with pytest.raises(RenderError, match="没有 {{p plan }} 占位段落"):  # a plan with nowhere to go still fails
        render_notice(examples.notice("nhc-2022"), tmp_path / "n.docx", template=path)


def test_a_failure_while_a_long_table_is_written_leaves_a_file_object_as_it_was(monkeypatch):
    # The still-open table is made while the document is written: if making it fails,
    # a file object given as the target is cut back to where it stood, not left holding
    # half a document.
    import datetime as dt
    import io

    import yifeng.render._weekly
    from yifeng.render import render_weekly_report

    def broken(row, field):
        raise RuntimeError("坏行")

    monkeypatch.setattr(yifeng.render._weekly, "_date", broken)  # used only as the open rows are listed
    rows = (LedgerRow(number=1, institution="某医院", discovered_on=dt.date(2023, 9, 1), rectified=False),)
    target = io.BytesIO()
    target.write(b"head")
    with pytest.raises(RuntimeError, match="坏行"):
        render_weekly_report([Ledger(kind=LedgerKind.INSTITUTION, rows=rows)], target, as_of=dt.date(2023, 9, 28))
    assert target.getvalue() == b"head"


def test_rows_decided_by_length_alone_are_decided_as_by_their_lines():
    # _Keeps lets a row of short values through without counting lines; any row, short
    # or long, breaks or none, must be decided as the line count decides it.
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from yifeng.render._columns import lines
    from yifeng.render._official import _Keeps

    widths, char = [600, 3000, 900], 240
    keeps = _Keeps(widths, char)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.text(alphabet="甲a\n ", max_size=90), min_size=3, max_size=3))
    def decided(values):
        assert keeps(values) == (lines(values, widths, char=char) < keeps._tallest)

    decided()
