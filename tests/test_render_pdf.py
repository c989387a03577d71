"""GB/T 9704-2012 on every page of what yifeng renders, measured in LibreOffice's PDF:
every bundled example as a notice, a 分工表 alone, a merged 台账, a blank 台账 and a 周调度
report. Positions are the word boxes poppler reads back, in millimetres from the page's
top left corner.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import attrs
import pytest

from yifeng import examples
from yifeng.io import read_ledger
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, merge_ledgers
from yifeng.render import render_ledger, render_notice, render_task_table, render_weekly_report
from yifeng.render._layout import balance_title

from .pdf import MM, convert, needs_office, page_count, words
from .test_ledger import institution_ledger

pytestmark = needs_office
NAMES = examples.names()
CHAR = 15.75 / MM  # one 3号 character of 正文 (condensed 0.25 pt), in mm
LINE = 579 / 20 / MM  # one line of the 22-line grid, in mm
PORTRAIT = (28, 184, 37, 262)  # the 版心: left, right, top, bottom (mm)
LANDSCAPE = (35, 260, 28, 184)
PUNCTUATION = "，。、；：！？”’）》,.;:!?)"


def _merged() -> Ledger:
    """Two filers' ledgers merged, each numbering its rows from 1; one date as written."""
    rows = [
        LedgerRow(number=n, institution=f"兴隆台区第{n}卫生院", negative_list_ref="（一）2.（1）",
                  description="收受医药代表回扣，涉及金额较大。" * n, discovered_via="群众举报",
                  discovered_on=dt.date(2023, 9, n), measures="全院通报批评", owner="王五", phone="13812345678")
        for n in (1, 2)
    ]
    first = Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="第一卫生院"), rows=tuple(rows))
    second = Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="第二卫生院"),
                    rows=(attrs.evolve(rows[0], discovered_on=None, unparsed=(("discovered_on", "九月中"),)), rows[1]))
    return merge_ledgers([first, second], title="兴隆台区医药领域腐败问题集中整治工作台账（机构）")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    for name in NAMES:
        render_notice(examples.notice(name), out / f"{name}.docx")
    render_task_table(examples.campaign("shaanxi-2020"), out / "table.docx")
    render_ledger(_merged(), out / "merged.docx")
    render_ledger(examples.campaign("xinglongtai-2023").ledgers[1], out / "blank.docx")
    filed = read_ledger(io.BytesIO(institution_ledger()))
    undated = attrs.evolve(filed, rows=(*filed.rows, attrs.evolve(filed.rows[0], number=99, discovered_on=None,
                                                                   unparsed=(("discovered_on", "九月中"),))))
    render_weekly_report([undated], out / "weekly.docx", as_of=dt.date(2023, 9, 19))
    files = sorted(out.glob("*.docx"))
    convert(files, out)
    return {f.stem: out / f"{f.stem}.pdf" for f in files}


def pages(pdf):
    return words(pdf, MM)


def lines(page):
    """The words of a page grouped into printed lines: [(y0, [words left to right])]."""
    grouped: list[tuple[float, list]] = []
    for word in sorted(page[2], key=lambda w: w[1]):
        if grouped and abs(grouped[-1][0] - word[1]) < 1.5:
            grouped[-1][1].append(word)
        else:
            grouped.append((word[1], [word]))
    return [(y, sorted(ws, key=lambda w: w[0])) for y, ws in grouped]


def area(page):
    return LANDSCAPE if page[0] > page[1] else PORTRAIT


def page_number(page):
    """The number printed in the footer ("— N —") and its centre x, or None."""
    width, height, found = page
    bottom = area(page)[3]
    for i, (x0, y0, x1, y1, word) in enumerate(found):
        if word.isdigit() and y0 > bottom + 2 and 0 < i < len(found) - 1 and found[i - 1][4] == "—":
            return int(word), (x0 + x1) / 2
    return None


def has_imprint(name):
    notice = examples.notice(name)
    return bool(notice.cc or notice.printed_by or notice.printed_on)


@pytest.mark.parametrize("name", NAMES)
def test_title_and_page_numbers(pdfs, name):
    # Every page numbered, odd pages right and even pages left; the 版记's page bears none.
    notice = examples.notice(name)
    every = pages(pdfs[name])
    assert len(every) == page_count(pdfs[name]) > 1
    content = "".join(w[4] for page in every for w in page[2])
    assert "".join(balance_title(notice.title)) in content
    numbered = every[:-1] if has_imprint(name) else every
    numbers = [page_number(page) for page in numbered]
    assert [n and n[0] for n in numbers] == list(range(1, len(numbered) + 1))
    for (number, x), page in zip(numbers, numbered):
        assert (x > page[0] / 2) if number % 2 else (x < page[0] / 2), f"page {number} number at x={x:.0f} mm"
    if has_imprint(name):
        assert page_number(every[-1]) is None


@pytest.mark.parametrize("name", [*NAMES, "table", "merged", "blank", "weekly"])
def test_everything_inside_the_type_area(pdfs, name):
    # §5.2.1: nothing but the page number outside the 版心. LibreOffice hangs a closing
    # punctuation mark past the line's end whatever the paragraph says (Word honours
    # the 正文 style's "no hanging punctuation"), so one such character may overhang.
    for number, page in enumerate(pages(pdfs[name]), start=1):
        left, right, top, bottom = area(page)
        for x0, y0, x1, y1, word in page[2]:
            if y0 > bottom + 2:  # the footer
                continue
            overhang = CHAR + 0.3 if word[-1] in PUNCTUATION else 0.5
            assert x0 > left - 0.5 and x1 < right + overhang and y0 > top - 0.5 and y1 < bottom + 0.5, \
                (name, number, word, round(x0), round(x1), round(y0), round(y1))


@pytest.mark.parametrize("name", [*NAMES, "table", "merged", "blank", "weekly"])
def test_no_page_holds_only_a_page_number(pdfs, name):
    for number, page in enumerate(pages(pdfs[name]), start=1):
        bottom = area(page)[3]
        assert any(y0 < bottom for _, y0, _, _, _ in page[2]), (name, number)


@pytest.mark.parametrize("name", [n for n in NAMES if examples.notice(n).issuers])
def test_mark_upper_edge_35_mm_below_the_type_area(pdfs, name):
    # §7.2.4: the 发文机关标志's upper edge 35 mm below the 版心's (37 mm from the page top).
    first = examples.notice(name).issuers[0]
    top = min(y0 for x0, y0, x1, y1, word in pages(pdfs[name])[0][2] if word and word[0] == first[0])
    assert abs(top - (37 + 35)) < 3, f"mark top at {top:.1f} mm from the page top"


@pytest.mark.parametrize("name", [n for n in NAMES if examples.notice(n).body])
def test_first_page_shows_body_text(pdfs, name):
    # §7.3.2: the first page shows body text; nhc-2022's nine issuers and five lines of
    # 主送 left none, so its 主送 moves to the 版记, printed above the 印发 line.
    notice = examples.notice(name)
    first = "".join(word for _, _, _, _, word in pages(pdfs[name])[0][2])
    assert notice.body[0][:10] in first
    if name == "nhc-2022":
        assert "，".join(notice.recipients)[:10] not in first
        last = "".join(w[4] for w in pages(pdfs[name])[-1][2])
        assert last.startswith("主送：" + "，".join(notice.recipients)[:10])


@pytest.mark.parametrize("name", [n for n in NAMES if examples.campaign(n).sections and not examples.notice(n).body])
def test_a_notice_without_text_of_its_own_does_not_strand_its_title(pdfs, name):
    # A notice transcribed without a body: its plan follows the title on page 1.
    first = pages(pdfs[name])[0]
    assert sum(1 for _, y0, _, _, _ in first[2] if y0 < area(first)[3]) > 10


def _column(page, header):
    """The words printed under ``header`` in a page's table, top to bottom: those whose
    centre lies between the midpoints to the neighbouring headers."""
    head = next((w for w in page[2] if w[4] == header), None)
    if head is None:
        return []
    row = sorted((w for w in page[2] if abs(w[1] - head[1]) < 1), key=lambda w: w[0])
    i = row.index(head)
    left = (row[i - 1][2] + head[0]) / 2 if i > 0 else 0
    right = (head[2] + row[i + 1][0]) / 2 if i + 1 < len(row) else page[0]
    centred = [w for w in page[2] if w[1] > head[3] + 0.5 and left < (w[0] + w[2]) / 2 < right]
    if not centred:
        return []
    start = min(w[0] for w in centred) - 0.5  # short last lines of left-aligned text too
    below = [w for w in page[2] if w[1] > head[3] + 0.5 and w[0] >= start and (w[0] + w[2]) / 2 < right]
    return [w for _, line in lines((0, 0, below)) for w in line]


@pytest.mark.parametrize("name", ["nhc-2022", "lingbi-2020", "jilin-2021"])
def test_task_rows_never_split_and_headers_stay_whole(pdfs, name):
    # Each task's 具体内容 is printed whole on one page (rows keep together), under a
    # header row whose words are never broken ("完成时/限"), on every page of the table.
    tasks = examples.campaign(name).tasks
    table_pages = [p for p in pages(pdfs[name]) if p[0] > p[1] and any(w[4] == "序号" for w in p[2])]
    assert table_pages
    contents = [re.sub(r"\s", "", t.content) for t in tasks]
    for task, content in zip(tasks, contents):
        # The pages holding a piece of this task's text that no other task holds.
        own = [i for i, page in enumerate(table_pages) for w in page[2]
               if len(w[4]) >= 6 and w[4] in content and sum(w[4] in c for c in contents) == 1]
        assert own and len(set(own)) == 1, (task.number, sorted(set(own)))
    for page in table_pages:
        number = next(w for w in page[2] if w[4] == "序号")
        header = {w[4] for w in page[2] if abs(w[1] - number[1]) < 1}
        assert "具体内容" in header and not [w for w in header if len(w) == 1 and not w.isascii()]


def test_columns_no_task_fills_are_left_out(pdfs):
    # shaanxi's 分工表 names only 责任处室: no empty 配合单位 / 完成时限 columns, and the
    # units are not relabelled 牵头单位.
    text = "".join(w[4] for page in pages(pdfs["table"]) for w in page[2])
    assert "责任单位" in text and "牵头单位" not in text and "配合单位" not in text and "完成时限" not in text


def test_negative_list_items_run_in(pdfs):
    # xinglongtai's 30 items print "（1）" at the start of their text, never alone on a line.
    every = pages(pdfs["xinglongtai-2023"])
    starts = [ws for page in every for _, ws in lines(page) if re.match(r"（\d+）", ws[0][4])]
    assert len(starts) >= 30
    assert all(len("".join(w[4] for w in ws)) > 6 for ws in starts)


@pytest.mark.parametrize("name", [n for n in NAMES if has_imprint(n)])
def test_imprint_alone_on_the_last_page_at_the_bottom_edge(pdfs, name):
    # §7.4: the 版记's last rule on the 版心's bottom edge: the 印发 line's text sits in
    # the last row, 20 pt high, ending at 262 mm.
    last = pages(pdfs[name])[-1]
    printed = [w for w in last[2] if w[4].endswith("印发")]
    assert printed and 262 - 5 < printed[0][3] < 262 + 0.5
    assert min(w[1] for w in last[2]) > 120  # nothing above the 版记 but empty space


def test_signature_and_date_offsets(pdfs):
    # §7.3.5.2 (no seal): the signature right 2 characters in, the date's first character
    # 2 characters right of the signature's first character.
    signature, page = next((w, p) for p in pages(pdfs["shaanxi-2020"]) for w in p[2]
                           if w[4] == "陕西省卫生健康委办公室" and w[0] > 60 and w[1] < 250)
    date = min((w for w in page[2] if abs(w[1] - signature[1] - LINE) < 2), key=lambda w: w[0])
    assert abs((PORTRAIT[1] - signature[2]) - 2 * CHAR) < 1.5
    assert abs((date[0] - signature[0]) - 2 * CHAR) < 1.5


def test_attachment_note_aligns_numbers_and_names(pdfs):
    # §7.3.4: "附件：" 2 characters in; "2." under "1."; each name, and its second line,
    # starting at one place.
    every = pages(pdfs["xinglongtai-2023"])
    page = next(p for p in every if any(w[4].startswith("附件：1.") for w in p[2]))
    first = next(w for w in page[2] if w[4].startswith("附件：1."))
    rows = [ws for y, ws in lines(page) if y >= first[1] - 0.5][:8]
    assert abs(first[0] - (PORTRAIT[0] + 2 * CHAR)) < 1
    numbers = [ws[0] for ws in rows if re.fullmatch(r"\d\.", ws[0][4])]
    assert len(numbers) == 3 and all(abs(w[0] - (first[0] + 3 * CHAR)) < 1 for w in numbers)
    name_starts = {round(ws[-1][0]) if len(ws) > 1 else round(ws[0][0]) for ws in rows}
    assert len(name_starts) == 1, name_starts


@pytest.mark.parametrize("name", ["xinglongtai-2023", "nhc-2022"])
def test_attachment_label_and_title_lines(pdfs, name):
    # §8: "附件N" in the 版心's first line, flush left; the title centred on the third line.
    for page in pages(pdfs[name]):
        label = next((w for w in page[2] if re.fullmatch(r"附件\d?", w[4])), None)
        if label is None or label[1] > area(page)[2] + LINE:
            continue
        left, right, top, _ = area(page)
        assert abs(label[0] - left) < 1 and abs(label[1] - top) < LINE
        below = sorted({round(w[1], 1) for w in page[2] if w[1] > label[3]})
        assert below and abs(below[0] - label[1] - 2 * LINE) < 3


def test_merged_ledger_rows_grouped_by_filer(pdfs):
    # A merged 台账 lists each filer's rows under its name with the filer's own 序号; a
    # date the filer wrote as words is printed as written; numbers are never broken.
    text = [w[4] for page in pages(pdfs["merged"]) for w in page[2]]
    joined = "".join(text)
    assert "填报单位：第一卫生院（2条）" in joined and "填报单位：第二卫生院（2条）" in joined
    assert "九月中" in text and text.count("13812345678") == 4


def _header_lines(page):
    """The words of a table's header row: those between "序号" and the first row below it."""
    head = next(w for w in page[2] if w[4] == "序号")
    return [w for w in page[2] if head[1] - 8 < w[1] < head[3] + 12 and w[0] > head[0] - 1]


@pytest.mark.parametrize("name", ["merged", "blank"])
def test_ledger_headers_wrap_evenly(pdfs, name):
    # 15 columns in 225 mm: headers wrap, but never leave one character on a line
    # ("手机号/码").
    header = _header_lines(pages(pdfs[name])[0])
    assert "序号" in {w[4] for w in header}
    assert not [w[4] for w in header if len(w[4]) == 1 and not w[4].isascii()]


def test_weekly_report_form(pdfs):
    # Headings stay with their tables, an empty section says so instead of printing an
    # empty header, the unparsed date is shown, and the report says who sends it and when.
    every = pages(pdfs["weekly"])
    text = "".join(w[4] for page in every for w in page[2])
    assert "报送单位：" in text and "报送日期：2023年9月19日" in text
    assert "九月中" in text
    for page in every:
        headings = [w for w in page[2] if re.match(r"[二三四]、", w[4])]
        for heading in headings:
            after = [w for w in page[2] if w[1] > heading[3]]
            assert after, f"{heading[4]} stranded at the foot of a page"
    # Figures right-aligned: the 问题数 column's numbers end at one x (in its own table, above the next heading).
    page = next(p for p in every if any(w[4] == "问题数" for w in p[2]))
    below = min((w[1] for w in page[2] if w[4].startswith("四、")), default=page[1])
    figures = [w for w in _column(page, "问题数") if w[4].isdigit() and w[1] < below]
    assert len(figures) >= 2 and max(w[2] for w in figures) - min(w[2] for w in figures) < 0.5
    # The units' table: each column of figures right-aligned too.
    page = next(p for p in every if any(w[4] == "累计发现" for w in p[2]))
    totals = [w for w in _column(page, "累计发现") if w[4].isdigit()]
    assert len(totals) >= 2 and max(w[2] for w in totals) - min(w[2] for w in totals) < 0.5
