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
    # No problem was new this week: the section says so instead of printing an empty table.
    assert not report.new and "本周没有新发现问题。" in texts
    items, closed, still_open = document.tables
    assert len(items.rows) == 1 + len(report.items)
    assert [c.text for c in closed.rows[1].cells] == ["1", "兴隆台区人民医院", "兴隆台区人民医院", "（一）2.（1）",
                                                    "批评教育", "2023年9月25日"]
    assert len(still_open.rows) == 1 + 3
    # Fonts are named for Chinese text (w:eastAsia), not just the Latin font.
    assert fonts(document, document.paragraphs[0]) == {"方正小标宋简体"}
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    sheet = openpyxl.load_workbook(figures)["周调度"]
    assert [c.value for c in sheet[1]] == ["项目", "数值"]
    assert [sheet.cell(r, 2).value for r in (5, 6, 7)] == [6, 3, 3] and sheet["B8"].value == 0.5


def test_text_with_markup_characters_comes_out_as_written(tmp_path):
    row = LedgerRow(number=1, institution="某医院<分院> & “总院”", description="使用率<90% & 县卫健委",
                    discovered_on=D(2023, 9, 27), measures="m", owner="o")
    out = tmp_path / "r.docx"
    render_weekly_report([Ledger(kind=LedgerKind.INSTITUTION, rows=(row,))], out, as_of=AS_OF)
    new = Document(out).tables[1]
    assert new.rows[1].cells[2].text == "某医院<分院> & “总院”"
    assert new.rows[1].cells[4].text == "使用率<90% & 县卫健委"


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
