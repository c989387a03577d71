"""周调度: the weekly figures, the .docx and .xlsx they render to, and templates."""

import datetime as dt
import io

import openpyxl
import pytest
from docx import Document

from yifeng.errors import RenderError, YifengError
from yifeng.io import read_ledger
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, weekly_report
from yifeng.render import render_weekly_report

from .effective import fonts
from .test_ledger import institution_ledger, person_ledger

D = dt.date
AS_OF = D(2023, 9, 28)  # a Thursday


@pytest.fixture
def ledgers():
    return [read_ledger(io.BytesIO(institution_ledger())), read_ledger(io.BytesIO(person_ledger()))]


def test_weekly_figures(ledgers):
    report = weekly_report(ledgers, as_of=D(2023, 9, 19))
    assert report.week_start == D(2023, 9, 13)
    assert report.next_due == D(2023, 9, 21)  # the next Thursday, by the recurrence rule
    # The problem found on 9-20 is not in the ledger yet on 9-19.
    assert report.summary.total == 5
    assert [(r.subject, r.discovered_on) for r in report.new] == [("兴隆台区人民医院", D(2023, 9, 18))]
    assert [r.rectified_on for r in report.closed] == [D(2023, 9, 15)]
    # Rectified on 9-25, so still open on 9-19; oldest first, undated last.
    assert [(r.subject, report.age(r)) for r in report.still_open] == [
        ("欧阳某", 7), ("兴隆台区人民医院", 1), ("某诊所", None)]
    assert all(r.filer is not None and r.filer.unit == "兴隆台区人民医院" for r in report.still_open)
    assert [(i.ref, i.total, i.rectified, i.open) for i in report.items] == [
        ("第九条", 1, 0, 1), ("（一）2.（1）", 1, 0, 1), ("（二）2.（3）", 1, 1, 0), ("（六）2.（1）", 1, 1, 0),
        ("（六）2.（3）", 1, 0, 1)]


def test_report_on_a_thursday_is_due_the_next_thursday(ledgers):
    assert weekly_report(ledgers, as_of=AS_OF).next_due == D(2023, 10, 7)  # Thursday 10-05 is in the National Day holiday; 10-07 is a 调休 working day


def test_rendered_docx(tmp_path, ledgers):
    out = tmp_path / "周调度.docx"
    figures = tmp_path / "周调度.xlsx"
    report = render_weekly_report(ledgers, out, as_of=AS_OF, title="兴隆台区医药领域腐败问题集中整治工作周调度情况",
                                  figures=figures)
    document = Document(out)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "兴隆台区医药领域腐败问题集中整治工作周调度情况"
    assert texts[1] == "（截至2023年9月28日）"
    overall = next(t for t in texts if t.startswith("本周"))
    assert "累计发现问题6条，已整改3条，整改率50.0%" in overall
    assert "下次报送时间：2023年10月7日（每周四下班前）。" in texts
    units, items, still_open = document.tables
    # One row per 填报单位, and their sum.
    assert [[c.text for c in row.cells] for row in units.rows] == [
        ["填报单位", "累计发现", "已整改", "未整改", "整改率", "本周新增", "本周整改", "超过30天未整改"],
        ["兴隆台区人民医院", "6", "3", "3", "50.0%", "0", "1", "0"],
        ["合计", "6", "3", "3", "50.0%", "0", "1", "0"]]
    assert len(items.rows) == 1 + len(report.items)
    # The open problems under their unit (a line across the table), oldest first, numbered in it.
    assert still_open.rows[1].cells[0].text == "兴隆台区人民医院（3条）"
    assert [[c.text for c in row.cells] for row in still_open.rows[2:]] == [
        ["1", "欧阳某", "（六）2.（3）", "2023年9月12日", "16"],
        ["2", "兴隆台区人民医院", "（六）2.（4）", "2023年9月20日", "8"],
        ["3", "某诊所", "第九条", "九月中", ""]]
    # Fonts are named for Chinese text (w:eastAsia), not just the Latin font.
    assert fonts(document, document.paragraphs[0]) == {"方正小标宋简体"}
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    book = openpyxl.load_workbook(figures)
    assert book.sheetnames == ["周调度", "按单位", "按条目"]
    sheet = book["周调度"]
    assert [c.value for c in sheet[1]] == ["项目", "数值"]
    assert [sheet.cell(r, 2).value for r in (5, 6, 7)] == [6, 3, 3] and sheet["B8"].value == 0.5
    assert [c.value for c in book["按单位"][2]] == ["兴隆台区人民医院", 6, 3, 3, 0.5, 0, 1, 0]
    assert [c.value for c in book["按条目"][2]] == ["第九条", 1, 0, 1]


def test_empty_sections_say_so(tmp_path):
    out = tmp_path / "r.docx"
    done = LedgerRow(number=1, institution="区中医院", discovered_on=D(2023, 9, 1), rectified=True,
                     rectified_on=D(2023, 9, 2), measures="m", owner="o")
    render_weekly_report([Ledger(kind=LedgerKind.INSTITUTION, rows=(done,))], out, as_of=AS_OF)
    texts = [p.text for p in Document(out).paragraphs]
    assert "所有问题均已整改。" in texts and "四、尚未整改问题（0条，按填报单位列出）" in texts
    render_weekly_report([], out, as_of=AS_OF)
    texts = [p.text for p in Document(out).paragraphs]
    assert {"本期没有收到台账。", "本期没有发现问题。", "所有问题均已整改。"} <= set(texts)
    assert not Document(out).tables


def test_text_with_markup_characters_comes_out_as_written(tmp_path):
    row = LedgerRow(number=1, institution="某医院<分院> & “总院”", negative_list_ref="使用率<90% & 县卫健委",
                    discovered_on=D(2023, 9, 27), measures="m", owner="o")
    out = tmp_path / "r.docx"
    render_weekly_report([Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="A&B<医院>"), rows=(row,))], out,
                         as_of=AS_OF)
    units, _, still_open = Document(out).tables
    assert units.rows[1].cells[0].text == "A&B<医院>"
    assert still_open.rows[1].cells[0].text == "A&B<医院>（1条）"
    assert [c.text for c in still_open.rows[2].cells][1:3] == ["某医院<分院> & “总院”", "使用率<90% & 县卫健委"]


def test_users_template_still_loops_over_the_rows(tmp_path, ledgers):
    from docx import Document as NewDocument

    own = NewDocument()
    own.add_paragraph("{% for r in still_open %}{{ r.subject }}/{{ r.age }}；{% endfor %}{{ units[0].unit }}")
    own.save(tmp_path / "own.docx")
    render_weekly_report(ledgers, tmp_path / "r.docx", as_of=AS_OF, template=tmp_path / "own.docx")
    assert Document(tmp_path / "r.docx").paragraphs[0].text == "欧阳某/16；兴隆台区人民医院/8；某诊所/；兴隆台区人民医院"


def test_masked_report(tmp_path):
    person = Ledger(kind=LedgerKind.PERSON, filer=Filer(unit="区中医院", person="赵敏", contact="13900001111"),
                    rows=(LedgerRow(number=1, person="张三丰", unit="区中医院", discovered_on=D(2023, 9, 27)),))
    out = tmp_path / "r.docx"
    render_weekly_report([person], out, as_of=AS_OF, mask=True)
    text = "\n".join(c.text for t in Document(out).tables for row in t.rows for c in row.cells)
    assert "张某" in text and "张三丰" not in text
    render_weekly_report([person], out, as_of=AS_OF)
    assert "张三丰" in "\n".join(c.text for t in Document(out).tables for row in t.rows for c in row.cells)


def test_users_own_template(tmp_path, ledgers):
    from docx import Document as NewDocument

    own = NewDocument()
    own.add_paragraph("本单位格式：{{ title }}，共{{ items|length }}类")
    own.save(tmp_path / "own.docx")
    render_weekly_report(ledgers, tmp_path / "r.docx", as_of=AS_OF, template=tmp_path / "own.docx")
    assert Document(tmp_path / "r.docx").paragraphs[0].text == "本单位格式：医药领域腐败问题集中整治工作周调度情况，共6类"


@pytest.mark.parametrize(
    ("body", "match"),
    [("{{ title ", "标签“{{ title”有语法错误"), ("{% for x in %}", "标签“{% for x in %}”有语法错误"),
     ("{{ nothing.here.at_all }}", "不存在的字段")],
)
def test_template_errors_name_the_template(tmp_path, ledgers, body, match):
    from docx import Document as NewDocument

    broken = NewDocument()
    broken.add_paragraph(body)
    path = tmp_path / "坏模板.docx"
    broken.save(path)
    with pytest.raises(RenderError, match=match) as caught:
        render_weekly_report(ledgers, tmp_path / "r.docx", as_of=AS_OF, template=path)
    assert "坏模板.docx" in str(caught.value) and isinstance(caught.value, YifengError)


def test_missing_or_bogus_template(tmp_path, ledgers):
    with pytest.raises(RenderError, match="不存在"):
        render_weekly_report(ledgers, tmp_path / "r.docx", as_of=AS_OF, template=tmp_path / "none.docx")
    (tmp_path / "bogus.docx").write_text("not a docx")
    with pytest.raises(RenderError, match="不是可用的 Word 模板"):
        render_weekly_report(ledgers, tmp_path / "r.docx", as_of=AS_OF, template=tmp_path / "bogus.docx")


def test_filers_of_unmerged_ledgers_appear(ledgers):
    ledger = Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="区中医院"),
                    rows=(LedgerRow(number=1, institution="区中医院", discovered_on=D(2023, 9, 27)),))
    assert weekly_report([ledger], as_of=AS_OF).new[0].filer.unit == "区中医院"
