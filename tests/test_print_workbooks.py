"""Every workbook yifeng writes, printed by LibreOffice Calc: no text over text, page
numbers on every page, the header row repeated. Measured on the PDF's word boxes.

make test installs LibreOffice (Writer and Calc) and poppler-utils and sets
YIFENG_REQUIRE_LIBREOFFICE=1, so there these tests fail rather than skip.
"""

from __future__ import annotations

import datetime as dt

import pytest

from yifeng import examples
from yifeng.io import write_ledger, write_task_table
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, weekly_report
from yifeng.render import write_weekly_figures

from .pdf import convert, needs_office
from .pdf import words as pdf_words

pytestmark = needs_office
TABLES = [name for name in examples.names() if examples.campaign(name).tasks]


def _ledger() -> Ledger:
    """A ledger as offices fill it in: long descriptions and measures, short codes."""
    rows = tuple(
        LedgerRow(number=n, institution=f"兴隆台区第{n}人民医院", authority="区卫生健康局", negative_list_ref=f"（一）2.（{n}）",
                  description="在药品耗材采购和使用过程中存在违规行为，收受医药代表回扣，涉及金额较大，" * (n % 3 + 1),
                  discovered_via="群众举报", discovered_on=dt.date(2023, 9, n), measures="立即停止违规行为，全院通报批评，"
                  "对相关责任人进行诫勉谈话，建立采购台账，每月复核。", decision="通报批评", policy_basis="《医疗机构工作人员廉洁从业九项准则》",
                  rectified=n % 2 == 0, rectified_on=dt.date(2023, 9, n + 5) if n % 2 == 0 else None, owner="王五",
                  phone="13812345678", filer=Filer(unit=f"第{n % 3}卫生院"))
        for n in range(1, 25)
    )
    return Ledger(kind=LedgerKind.INSTITUTION, title="兴隆台区医药领域腐败问题集中整治工作台账（机构）", rows=rows,
                  notes=("注：每周四下班前报送；“整改是否完成”填是或否。",))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    for name in TABLES:
        write_task_table(examples.campaign(name), out / f"table-{name}.xlsx")
    ledger = _ledger()
    write_ledger(ledger, out / "ledger.xlsx")
    write_weekly_figures(weekly_report([ledger], as_of=dt.date(2023, 9, 28)), out / "figures.xlsx")
    books = sorted(out.glob("*.xlsx"))
    convert(books, out)
    return {book.stem: [page for _, _, page in pdf_words(out / f"{book.stem}.pdf")] for book in books}


def _over(words):
    """Characters of words whose box overlaps another's: text printed over text."""
    hit = 0
    for i, (x0, y0, x1, y1, text) in enumerate(words):
        for u0, v0, u1, v1, _ in words[i + 1:]:
            if min(x1, u1) - max(x0, u0) > 1 and min(y1, v1) - max(y0, v0) > 1:
                hit += len(text)
                break
    return hit


def test_every_workbook_was_printed(printed):
    assert set(printed) == {f"table-{n}" for n in TABLES} | {"ledger", "figures"}
    assert all(pages for pages in printed.values())


@pytest.mark.parametrize("book", [f"table-{n}" for n in TABLES] + ["ledger", "figures"])
def test_no_text_over_text(printed, book):
    for number, words in enumerate(printed[book], start=1):
        assert _over(words) == 0, (book, number)


@pytest.mark.parametrize("book", [f"table-{n}" for n in TABLES] + ["ledger"])
def test_every_page_has_its_number_and_the_header(printed, book):
    pages = printed[book]
    for number, words in enumerate(pages, start=1):
        text = "".join(w[4] for w in words)
        assert f"第{number}页" in text.replace(" ", "") and f"共{len(pages)}页" in text.replace(" ", ""), (book, number)
        assert "序号" in text, (book, number)  # the repeated header row


def test_long_text_is_printed_whole(printed):
    # Each wrapped description is printed in full (before: rows kept their default height
    # and text ran over the rows below).
    text = "".join(w[4] for page in printed["ledger"] for w in page)
    assert text.count("涉及金额较大") == sum(n % 3 + 1 for n in range(1, 25))
