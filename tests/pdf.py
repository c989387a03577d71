"""What LibreOffice prints: files converted to PDF, and the word boxes poppler reads back.

make test installs LibreOffice (Writer and Calc) and poppler-utils and sets
YIFENG_REQUIRE_LIBREOFFICE=1, so there the tests that need them fail rather than skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape

import pytest

from yifeng.render._pdf import office_environment

TOOLS = all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo"))
needs_office = pytest.mark.skipif(not TOOLS and os.environ.get("YIFENG_REQUIRE_LIBREOFFICE") != "1",
                                  reason="needs LibreOffice and poppler-utils (make test installs them)")
MM = 72 / 25.4  # points per millimetre
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def convert(files, out):
    """Convert ``files`` to PDFs in ``out`` with one LibreOffice run, with the free
    fonts yifeng names for GB/T 9704's (as ``yifeng render -o x.pdf`` does)."""
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=600,
                   env=office_environment(out))


def words(pdf, unit=1.0):
    """[(width, height, [(x0, y0, x1, y1, word)])] for each page, in points / ``unit``."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [(float(w) / unit, float(h) / unit,
             [(float(a) / unit, float(b) / unit, float(c) / unit, float(d) / unit, unescape(t))
              for a, b, c, d, t in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(html)]


def page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))
