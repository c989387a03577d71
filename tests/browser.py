"""HTML as an officer sees it: rendered by headless Chromium inside JupyterLab's table styles,
then measured — from the page's own layout (where each cell and its text lie) and from
the screenshot's pixels (is a border drawn, where does the ink start, how many lines).

The stylesheet below restates the rules of JupyterLab's ``rendermime/style/base.css``
that decide how an output's tables look: cells right-aligned, no borders, a fixed table
layout, centred tables, middle vertical alignment. An output that looks right under them
looks right in JupyterLab.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

JUPYTERLAB_TABLES = """
body { margin: 0; background: #fff; color: rgba(0,0,0,0.87); font-family: "Noto Sans CJK SC", sans-serif;
       font-size: 14px; }
.jp-OutputArea-output { width: 1000px; padding: 8px; overflow-x: auto; }
.jp-RenderedHTMLCommon { padding-right: 20px; line-height: 1.6; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; border-spacing: 0; border: none; font-size: 13px;
       table-layout: fixed; margin-left: auto; margin-bottom: 1em; margin-right: auto; }
.jp-RenderedHTMLCommon thead { border-bottom: 1px solid #bdbdbd; vertical-align: bottom; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon tr {
       vertical-align: middle; padding: 0.5em; line-height: normal; white-space: normal; max-width: none;
       border: none; }
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td, :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon tr { text-align: right; }
.jp-RenderedHTMLCommon th { font-weight: bold; }
.jp-RenderedHTMLCommon tbody tr:nth-child(even) { background: #f5f5f5; }
.jp-RenderedHTMLCommon p { text-align: left; margin: 0; margin-bottom: 1em; }
"""

# Measures every table cell once laid out, and writes the figures into the page for --dump-dom.
_MEASURE = """
<script>
window.addEventListener('load', () => {
  const cells = [];
  document.querySelectorAll('.jp-RenderedHTMLCommon table').forEach((table, t) => {
    table.querySelectorAll('th, td').forEach((cell) => {
      const box = cell.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set();
      let left = Infinity, right = -Infinity;
      for (const r of range.getClientRects()) {
        if (r.width < 1) continue;
        lines.add(Math.round(r.top));
        left = Math.min(left, r.left); right = Math.max(right, r.right);
      }
      const style = getComputedStyle(cell);
      cells.push({table: t, tag: cell.tagName, text: cell.innerText, folded: !!cell.querySelector('details'),
                  x: box.left, y: box.top, w: box.width, h: box.height,
                  textLeft: left, textRight: right, lines: lines.size,
                  align: style.textAlign, border: style.borderTopWidth, wrap: style.whiteSpace});
    });
  });
  const out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify({cells, width: document.documentElement.scrollWidth,
                                    height: document.documentElement.scrollHeight});
  document.body.appendChild(out);
});
</script>
"""

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--force-device-scale-factor=1", "--virtual-time-budget=5000")


def chromium() -> str:
    """Chromium's executable; a skip where it is absent, a failure where it is required."""
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("YIFENG_REQUIRE_LIBREOFFICE"):  # `make test`: the office target installs it
            pytest.fail("Chromium is required (make office installs it)")
        pytest.skip("Chromium is not installed")
    return found


@dataclass
class Cell:
    table: int
    tag: str
    text: str
    folded: bool
    x: float
    y: float
    w: float
    h: float
    textLeft: float
    textRight: float
    lines: int
    align: str
    border: str
    wrap: str


@dataclass
class Page:
    cells: list[Cell]
    width: int
    height: int
    png: Path

    def pixels(self):  # type: ignore[no-untyped-def]
        from PIL import Image

        return Image.open(self.png).convert("L")


def render(outputs: list[str], folder: Path) -> Page:
    """Each HTML output in an output area as JupyterLab draws it, laid out by Chromium."""
    body = "".join(f'<div class="jp-OutputArea-output jp-RenderedHTMLCommon">{html}</div>' for html in outputs)
    page = folder / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{JUPYTERLAB_TABLES}</style>"
                    f"</head><body>{body}{_MEASURE}</body></html>", encoding="utf-8")
    browser = chromium()
    with tempfile.TemporaryDirectory() as profile:
        dumped = subprocess.run([browser, *_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                                capture_output=True, text=True, timeout=120, check=True).stdout
    start = dumped.index('<pre id="layout">') + len('<pre id="layout">')
    import html as _html

    layout = json.loads(_html.unescape(dumped[start:dumped.index("</pre>", start)]))
    png = folder / "page.png"
    height = min(int(layout["height"]) + 20, 16000)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, *_FLAGS, f"--user-data-dir={profile}", f"--window-size=1040,{height}",
                        f"--screenshot={png}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return Page([Cell(**c) for c in layout["cells"]], int(layout["width"]), height, png)


# -- what a reader sees: measured on the screenshot ---------------------------------------
def _visible(found: Page, cell: Cell) -> bool:
    """Inside the screenshot: a table wider than the output area scrolls, as in JupyterLab."""
    return cell.x + cell.w <= 1030 and cell.y + cell.h <= found.height - 25


def _dark(pixels, xs: range, ys: range) -> float:  # type: ignore[no-untyped-def]
    """The share of columns (of ``xs``) with a dark pixel somewhere in rows ``ys``."""
    hits = sum(1 for x in xs if any(pixels.getpixel((x, y)) < 170 for y in ys))
    return hits / max(len(xs), 1)


def _ink(pixels, cell: Cell) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
    """The box of the text's ink inside ``cell`` (its borders left out)."""
    x0, y0, x1, y1 = int(cell.x) + 3, int(cell.y) + 3, int(cell.x + cell.w) - 3, int(cell.y + cell.h) - 3
    region = pixels.crop((x0, y0, x1, y1)).point(lambda v: 255 if v < 150 else 0)
    box = region.getbbox()
    return None if box is None else (box[0] + x0, box[1] + y0, box[2] + x0, box[3] + y0)



def left_aligned(found: Page) -> int:
    """Every cell left-aligned; where a cell has room to spare, its ink starts at its left.
    Returns how many cells the screenshot decided."""
    pixels = found.pixels()
    checked = 0
    for cell in found.cells:
        assert cell.align in ("left", "start"), (cell.text, cell.align)
        if not _visible(found, cell) or cell.lines != 1 or cell.w - (cell.textRight - cell.textLeft) < 50:
            continue  # only cells with room to spare tell left from right
        ink = _ink(pixels, cell)
        assert ink is not None, cell.text
        assert ink[0] - cell.x <= 24, f"{cell.text!r}: ink starts {ink[0] - cell.x:.0f}px from the cell's left"
        assert cell.x + cell.w - ink[2] >= 30, cell.text
        checked += 1
    return checked


def bordered(found: Page) -> int:
    """A line drawn along the top and the left edge of every visible cell."""
    pixels = found.pixels()
    checked = 0
    for cell in found.cells:
        if not _visible(found, cell):
            continue
        x0, x1, y0, y1 = int(cell.x), int(cell.x + cell.w), int(cell.y), int(cell.y + cell.h)
        top = _dark(pixels, range(x0 + 3, x1 - 3), range(y0 - 1, y0 + 2))
        left = sum(1 for y in range(y0 + 3, y1 - 3)
                   if any(pixels.getpixel((x, y)) < 170 for x in range(x0 - 1, x0 + 2))) / max(y1 - y0 - 6, 1)
        assert top > 0.95 and left > 0.95, f"{cell.text!r}: top {top:.2f} left {left:.2f}"
        checked += 1
    return checked


def one_line(found: Page, words: tuple[str, ...] = ()) -> int:
    """Short values (every cell that does not wrap) on one line; each of ``words``, where it
    appears as a cell, one line of ink high."""
    pixels = found.pixels()
    short = [c for c in found.cells if c.wrap == "nowrap" and c.text.strip()]
    for cell in short:
        assert cell.lines == 1, f"{cell.text!r} broke over {cell.lines} lines"
    for word in words:
        cells = [c for c in found.cells if c.text.strip() == word]
        assert cells, word
        for cell in cells:
            if not _visible(found, cell):
                continue
            ink = _ink(pixels, cell)
            assert ink is not None and ink[3] - ink[1] < 22, f"{word}: ink {ink} is more than one line high"
    return len(short)
