"""Rendered notices checked against GB/T 9704-2012 in their XML."""

import re

import attrs
import pytest
from docx import Document
from docx.shared import Mm

from yifeng import examples
from yifeng.errors import RenderError
from yifeng.model import Notice
from yifeng.render import render_ledger, render_notice, render_task_table
from yifeng.render._layout import balance_title, width
from yifeng.render._official import signature_indents

from .effective import colour, fonts, paragraph_property, sizes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    documents = {}
    for name in examples.names():
        path = out / f"{name}.docx"
        render_notice(examples.notice(name), path)
        documents[name] = Document(path)
    return documents


def runs_font(document, paragraph):
    return fonts(document, paragraph)


def prop(document, paragraph, tag, attribute="val"):
    return paragraph_property(document, paragraph, tag, attribute)


def texts(document):
    return [p.text for p in document.paragraphs]


def find(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_page_grid_and_body_font(rendered):
    document = rendered["nhc-2022"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.left_margin, section.bottom_margin, section.right_margin)] == [37, 28, 35, 26]
    grid = section._sectPr.find(f"{W}docGrid")
    assert (grid.get(f"{W}type"), grid.get(f"{W}linePitch")) == ("lines", "579")
    normal = document.styles["Normal"].element.rPr
    assert normal.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312" and normal.sz.val.pt == 16
    assert normal.find(f"{W}spacing").get(f"{W}val") == "-5"  # 28 characters in 156 mm
    assert 28 * (16 - 0.25) <= Mm(156).pt < 29 * (16 - 0.25)


def test_issuer_mark_number_and_red_rule(rendered):
    document = rendered["nhc-2022"]
    issuers = examples.notice("nhc-2022").issuers
    # An empty paragraph 35 mm high above the mark (§7.2.4), then the nine issuers.
    spacer = document.paragraphs[0]._p.pPr.find(f"{W}spacing")
    assert texts(document)[0] == "" and (spacer.get(f"{W}line"), spacer.get(f"{W}lineRule")) == ("1984", "exact")
    assert texts(document)[1:10] == list(issuers)
    for paragraph in document.paragraphs[1:10]:
        assert runs_font(document, paragraph) == {"方正小标宋简体"}
        assert colour(document, paragraph) == {"FF0000"}
    number = find(document, "国卫医函〔2022〕84号")
    assert prop(document, number, "jc") == "center"
    rule = ("pBdr/bottom", "color"), ("pBdr/bottom", "space")
    assert tuple(prop(document, number, *r) for r in rule) == ("FF0000", "11")  # 11 pt is 4 mm
    index = texts(document).index("国卫医函〔2022〕84号")
    assert texts(document)[index - 2:index] == ["", ""]  # two lines below the mark


def test_title_is_balanced_in_xiaobiaosong(rendered):
    document = rendered["nhc-2022"]
    title = examples.notice("nhc-2022").title
    lines = balance_title(title)
    start = texts(document).index(lines[0])
    assert texts(document)[start:start + len(lines)] == lines and "".join(lines) == title
    for paragraph in document.paragraphs[start:start + len(lines)]:
        assert runs_font(document, paragraph) == {"方正小标宋简体"} and sizes(document, paragraph) == {22}
        assert prop(document, paragraph, "jc") == "center"


def test_recipients_body_and_headings(rendered):
    # nhc-2022's 主送 leave no room for body text on page 1: they move to the 版记 (§7.3.2).
    document = rendered["nhc-2022"]
    assert not [p for p in document.paragraphs if p.text.startswith("各省、自治区")]
    imprint = [c.text for t in document.tables for row in t.rows for c in row.cells if c.text.startswith("主送：")]
    assert imprint and imprint[0].startswith("主送：各省、自治区") and imprint[0].endswith("。")
    kept = next(p for p in rendered["xinglongtai-2023"].paragraphs if p.text.startswith("区卫生健康局直属各单位"))
    assert kept.text.endswith("：") and prop(rendered["xinglongtai-2023"], kept, "ind", "firstLineChars") == "0"
    body = next(p for p in document.paragraphs if p.text.startswith("现将《"))
    assert prop(document, body, "ind", "firstLineChars") == "200"
    first_heading = find(document, "一、持续提升纠风工作治理水平")
    assert runs_font(document, first_heading) == {"黑体"}
    run_in = next(p for p in document.paragraphs if p.text.startswith("(一)切实加强党对纠风工作的全面领导。"))
    assert run_in.runs[0].text == "(一)切实加强党对纠风工作的全面领导。"
    assert runs_font(document, run_in) == {"楷体_GB2312", "仿宋_GB2312"}


def test_signature_date_and_note_unsealed_layout(rendered):
    document = rendered["shaanxi-2020"]
    date = find(document, "2020年7月15日")
    signature = document.paragraphs[texts(document).index("2020年7月15日") - 1]
    assert signature.text == "陕西省卫生健康委办公室" and prop(document, signature, "jc") == "right"
    sign_right, _ = signature_indents(["陕西省卫生健康委办公室"], "2020年7月15日")
    assert prop(document, signature, "ind", "rightChars") == str(round(sign_right * 100))
    # The date is set from the left, under the signature (its position is measured in the PDF).
    assert prop(document, date, "jc") == "left" and int(prop(document, date, "ind", "left")) > 0
    note = document.paragraphs[texts(document).index("2020年7月15日") + 1]
    assert note.text == "（信息公开形式：主动公开）"


@pytest.mark.parametrize(
    ("signature", "date", "expected"),
    [
        # date shorter: signature right 2, the date's first character 2 right of the signature's
        (["陕西省卫生健康委办公室"], "2020年7月15日", (2.0, 2 + 11 - 2 - width("2020年7月15日"))),
        # date longer than signature - 2: date right 2, the signature pushed left
        (["县卫健委"], "2022年12月26日", (2 + width("2022年12月26日") + 2 - 4, 2.0)),
    ],
)
def test_signature_indents(signature, date, expected):
    assert signature_indents(signature, date) == pytest.approx(expected)


def test_attachment_note_and_attachments_on_new_pages(rendered):
    document = rendered["xinglongtai-2023"]
    start = next(i for i, p in enumerate(document.paragraphs) if p.text.startswith("附件：1."))
    notes = document.paragraphs[start:start + 4]
    assert [p.text.split("\t")[0] for p in notes] == ["附件：1.", "2.", "3.", "4."]

    def chars(p, name):
        return int(prop(document, p, "ind", name))
    # "附件" two characters in, each number under "1.", every name (and its continuation) at one indent.
    assert chars(notes[0], "leftChars") - chars(notes[0], "hangingChars") == 200
    assert {chars(p, "leftChars") - chars(p, "hangingChars") for p in notes[1:]} == {500}
    assert len({chars(p, "leftChars") for p in notes}) == 1
    labels = [p for p in document.paragraphs if re.fullmatch(r"附件\d", p.text)]
    assert [p.text for p in labels] == ["附件1", "附件2", "附件3", "附件4"]
    assert all(runs_font(document, p) == {"黑体"} for p in labels)
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert True in orientations and orientations[0] is False  # ledgers in landscape sections


def test_task_table_attachment(rendered):
    document = rendered["nhc-2022"]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    tasks = examples.campaign("nhc-2022").tasks
    assert len(table.rows) == 1 + len(tasks)
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeats on every page
    assert [r.cells[0].text for r in table.rows[1:]] == [str(t.number) for t in tasks]
    starts = [tc for tc in table._tbl.iter(f"{W}vMerge") if tc.get(f"{W}val") == "restart"]
    assert len(starts) == 5  # five categories, each merged down its rows
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert len(landscape) == 1


def test_imprint_between_rules_at_the_foot(rendered):
    document = rendered["nhc-2022"]
    imprint = document.tables[-1]
    assert [c.text for c in imprint.rows[-1].cells] == ["国家卫生健康委办公厅", "2022年5月26日印发"]
    # Its moved 主送 first, under the thick first rule with a thin one below; the thick
    # last rule under the 印发 line.
    first = imprint.rows[0].cells[0]._tc.tcPr.find(f"{W}tcBorders")
    assert imprint.rows[0].cells[0].text.startswith("主送：")
    assert first.find(f"{W}top").get(f"{W}sz") == "8" and first.find(f"{W}bottom").get(f"{W}sz") == "6"
    borders = imprint.rows[-1].cells[0]._tc.tcPr.find(f"{W}tcBorders")
    assert borders.find(f"{W}top") is None and borders.find(f"{W}bottom").get(f"{W}sz") == "8"
    assert sizes(document, imprint.rows[-1].cells[0].paragraphs[0]) == {14}
    assert document.sections[-1]._sectPr.find(f"{W}vAlign").get(f"{W}val") == "bottom"


def test_imprint_with_cc_has_a_thin_middle_rule(tmp_path):
    notice = attrs.evolve(examples.notice("shaanxi-2020"), cc=("驻委纪检组",))
    render_notice(notice, tmp_path / "n.docx")
    imprint = Document(tmp_path / "n.docx").tables[-1]
    assert imprint.rows[0].cells[0].text == "抄送：驻委纪检组。"
    middle = imprint.rows[0].cells[0]._tc.tcPr.find(f"{W}tcBorders").find(f"{W}bottom")
    assert middle.get(f"{W}sz") == "6"


def test_page_numbers_odd_right_even_left(rendered):
    document = rendered["shaanxi-2020"]
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert prop(document, odd, "jc") == "right" and prop(document, even, "jc") == "left"
    assert odd._p.find(f"{W}fldSimple").get(f"{W}instr").strip() == "PAGE"
    assert odd.text.startswith("— ") and even.text.endswith(" —")
    assert runs_font(document, odd) == {"宋体"} and sizes(document, odd) == {14}
    assert odd._p.pPr.ind.get(f"{W}right") == "280" and even._p.pPr.ind.get(f"{W}left") == "280"


def test_fonts_declare_fallbacks(rendered):
    document = rendered["nhc-2022"]
    table = next(p for p in document.part.package.parts if str(p.partname) == "/word/fontTable.xml").blob.decode()
    for font, fallback in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体"), ("楷体_GB2312", "楷体")):
        assert re.search(rf'w:name="{font}">.*?<w:altName w:val="{fallback}"/>', table)


def test_markup_characters_come_out_as_written(tmp_path):
    title = "关于“使用率<90% & 县卫健委”的通知"
    render_notice(Notice(title=title, body=("a < b & c > d",)), tmp_path / "n.docx")
    written = texts(Document(tmp_path / "n.docx"))
    lines = balance_title(title)
    assert written[:len(lines)] == lines and "".join(lines) == title
    assert "a < b & c > d" in written


def test_fragments_without_a_frame_render(rendered):
    lingbi = texts(rendered["lingbi-2020"])
    assert lingbi.count("灵璧县2020年纠正医药购销领域和") == 1  # the title once, not twice
    assert "一、总体要求" in lingbi


def test_users_own_template_and_broken_template(tmp_path):
    own = Document()
    own.add_paragraph("{{p head }}")
    own.add_paragraph("本单位格式")
    for slot in ("title", "body", "plan", "attachments", "imprint"):
        own.add_paragraph("{{p %s }}" % slot)
    own.save(tmp_path / "own.docx")
    render_notice(examples.notice("shaanxi-2020"), tmp_path / "n.docx", template=tmp_path / "own.docx")
    rendered = texts(Document(tmp_path / "n.docx"))
    assert "本单位格式" in rendered and "陕卫办医发〔2020〕36号" in rendered
    # A template without a place for the body is refused, naming the slot; nothing is dropped.
    short = Document()
    short.add_paragraph("{{p head }}")
    short.add_paragraph("{{p title }}")
    short.save(tmp_path / "short.docx")
    with pytest.raises(RenderError, match=r"short.docx 中没有 \{\{p body \}\} 占位段落"):
        render_notice(examples.notice("shaanxi-2020"), tmp_path / "n.docx", template=tmp_path / "short.docx")
    broken = Document()
    broken.add_paragraph("{{p head }")
    broken.save(tmp_path / "broken.docx")
    with pytest.raises(RenderError, match="broken.docx"):
        render_notice(examples.notice("shaanxi-2020"), tmp_path / "n.docx", template=tmp_path / "broken.docx")


@pytest.mark.parametrize("title", [
    "关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知",
    "关于印发《兴隆台区医药领域腐败问题集中整治工作方案》的通知",
    "陕西省卫生健康委办公室关于印发2020年全省卫生健康行业作风专项整治行动方案的通知",
    "关于转发《国家卫生健康委关于印发2023年纠正医药购销领域和医疗服务中不正之风工作要点的通知》的通知",
])
def test_balanced_titles(title):
    lines = balance_title(title)
    assert "".join(lines) == title and all(width(line) <= 20 for line in lines)
    for before, after in zip(lines, lines[1:]):
        assert not (before[-1].isdigit() and after[0].isdigit())  # never splits 2022
        assert after[0] not in "，。、）》”"
    if "《" in title and width(title[title.index("《"):title.index("》") + 1]) <= 20:
        assert any("《" in line and "》" in line for line in lines)


def test_task_table_alone(tmp_path):
    render_task_table(examples.campaign("lingbi-2020"), tmp_path / "t.docx")
    document = Document(tmp_path / "t.docx")
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert texts(document)[:2] == balance_title(examples.campaign("lingbi-2020").table_title)
    assert len(document.tables[0].rows) == 21


def test_ledger_blank_and_filled(tmp_path):
    import io

    from yifeng.io import read_ledger

    from .test_ledger import person_ledger

    blank = examples.campaign("xinglongtai-2023").ledgers[1]
    render_ledger(blank, tmp_path / "blank.docx")
    document = Document(tmp_path / "blank.docx")
    table = document.tables[0]
    assert len(table.columns) == 15 and len(table.rows) == 1 + 8
    assert table.rows[0].cells[1].text == "存在问题人员姓名"
    assert any(p.text.startswith("填报单位：") for p in document.paragraphs)
    filled = read_ledger(io.BytesIO(person_ledger()))
    render_ledger(filled, tmp_path / "filled.docx", mask=True)
    rows = Document(tmp_path / "filled.docx").tables[0].rows
    assert len(rows) == 3 and rows[1].cells[1].text == "李某" and rows[1].cells[7].text == "2023年9月1日"


def test_file_style_mark_single_and_joint(tmp_path):
    single = attrs.evolve(examples.notice("shaanxi-2020"), issuers=("陕西省卫生健康委员会",), mark_suffix="文件")
    render_notice(single, tmp_path / "single.docx")
    assert texts(Document(tmp_path / "single.docx"))[:2] == ["", "陕西省卫生健康委员会文件"]  # under the 35 mm spacer
    joint = attrs.evolve(single, issuers=("陕西省卫生健康委员会", "陕西省医疗保障局", "陕西省市场监督管理局"))
    render_notice(joint, tmp_path / "joint.docx")
    mark = Document(tmp_path / "joint.docx").tables[0]
    stack, suffix = mark.rows[0].cells
    assert [p.text for p in stack.paragraphs] == list(joint.issuers)  # the lead issuer first
    assert suffix.text == "文件" and suffix._tc.tcPr.find(f"{W}vAlign").get(f"{W}val") == "center"
    assert all(runs_font(Document(tmp_path / "joint.docx"), p) == {"方正小标宋简体"} for p in stack.paragraphs)


def test_missing_or_bogus_notice_template_is_a_render_error(tmp_path):
    notice = examples.notice("shaanxi-2020")
    with pytest.raises(RenderError, match="不存在"):
        render_notice(notice, tmp_path / "n.docx", template=tmp_path / "none.docx")
    (tmp_path / "bogus.docx").write_text("not a docx")
    with pytest.raises(RenderError, match="不是可用的 Word 模板"):
        render_notice(notice, tmp_path / "n.docx", template=tmp_path / "bogus.docx")
