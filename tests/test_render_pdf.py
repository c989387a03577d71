"""Rendered notices converted by LibreOffice: what a reader sees on the printed pages.

make test installs LibreOffice and poppler-utils and sets YIFENG_REQUIRE_LIBREOFFICE=1,
so there these tests fail rather than skip when the tools are missing.
"""

import os
import re
import shutil
import subprocess
from html import unescape

import pytest

from yifeng import examples
from yifeng.render import render_notice
from yifeng.render._layout import balance_title

TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo"))
pytestmark = pytest.mark.skipif(
    not TOOLS and os.environ.get("YIFENG_REQUIRE_LIBREOFFICE") != "1",
    reason="needs LibreOffice and poppler-utils (make test installs them)",
)
NAMES = ("nhc-2022", "shaanxi-2020", "xinglongtai-2023")
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    for name in NAMES:
        render_notice(examples.notice(name), out / f"{name}.docx")
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
         "--outdir", str(out), *(str(out / f"{n}.docx") for n in NAMES)],
        check=True, capture_output=True, timeout=300,
    )
    return {name: out / f"{name}.pdf" for name in NAMES}


def pages(pdf):
    """[(width, height, [(x0, y0, x1, y1, word)])] for each page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [
        (float(w), float(h), [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in _WORD.findall(body)])
        for w, h, body in _PAGE.findall(html)
    ]


def text(pdf):
    plain = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", plain)


def page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_number(page):
    """The page number printed in the footer ("— N —"), with its centre x."""
    width, height, words = page
    for i, (x0, y0, x1, y1, word) in enumerate(words):
        if word.isdigit() and y0 > height * 0.85 and 0 < i < len(words) - 1 and words[i - 1][4] == "—":
            return int(word), (x0 + x1) / 2
    return None


@pytest.mark.parametrize("name", NAMES)
def test_title_number_and_page_numbers(pdfs, name):
    notice = examples.notice(name)
    every = pages(pdfs[name])
    assert len(every) == page_count(pdfs[name]) > 1
    content = text(pdfs[name])
    assert "".join(balance_title(notice.title)) in content
    if notice.doc_number is not None:
        assert str(notice.doc_number) in content
    numbers = [page_number(page) for page in every]
    assert [n for n, _ in numbers] == list(range(1, len(every) + 1))
    for (number, x), (width, _, _) in zip(numbers, every):
        assert (x > width / 2) if number % 2 else (x < width / 2), f"page {number} number at x={x}"


def test_every_task_number_is_in_the_table(pdfs):
    tasks = examples.campaign("nhc-2022").tasks
    found = set()
    for width, height, words in pages(pdfs["nhc-2022"]):
        if width < height or not any(w[4] == "序号" for w in words):
            continue
        column = next(w for w in words if w[4] == "序号")
        found |= {int(w[4]) for w in words if w[4].isdigit() and w[0] < column[2] + 5 and w[1] > column[3]}
    assert found == {t.number for t in tasks}


def test_imprint_on_the_last_page_at_its_foot(pdfs):
    width, height, words = pages(pdfs["shaanxi-2020"])[-1]
    printed = next(w for w in words if w[4].endswith("印发"))
    assert printed[1] > height * 0.7  # the 版记 sits at the foot of the last page


_MM = 72 / 25.4  # points per millimetre


@pytest.mark.parametrize("name", [n for n in NAMES if examples.notice(n).issuers])
def test_mark_upper_edge_35_mm_below_the_type_area(pdfs, name):
    # GB/T 9704-2012 §7.2.4: the 发文机关标志's upper edge is 35 mm below the 版心's upper
    # edge (37 mm from the page top): about 72 mm, measured on the glyphs LibreOffice drew.
    notice = examples.notice(name)
    _, _, words = pages(pdfs[name])[0]
    first = notice.issuers[0]
    top = min(y0 for x0, y0, x1, y1, word in words if word and word[0] == first[0])
    assert abs(top / _MM - (37 + 35)) < 3, f"mark top at {top / _MM:.1f} mm from the page top"


@pytest.mark.parametrize("name", [n for n in NAMES if examples.notice(n).body])
def test_first_page_shows_body_text(pdfs, name):
    # §7.3.2: the first page shows body text; nhc-2022's nine issuers and five lines of
    # 主送 left none, so its 主送 moves to the 版记, where it is printed above the 抄送.
    notice = examples.notice(name)
    first = "".join(word for _, _, _, _, word in pages(pdfs[name])[0][2])
    assert notice.body[0][:10] in first
    if name == "nhc-2022":
        assert "，".join(notice.recipients)[:10] not in first
        assert "主送：" + "，".join(notice.recipients)[:10] in text(pdfs[name]).replace("\n", "").replace(" ", "")
