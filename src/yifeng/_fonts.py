"""The fonts of GB/T 9704-2012, named once for every document and workbook yifeng writes."""

from __future__ import annotations

from typing import Final

FANGSONG: Final = "仿宋_GB2312"  # body text (3号), tables
XIAOBIAOSONG: Final = "方正小标宋简体"  # the 发文机关标志 and titles (2号)
HEITI: Final = "黑体"  # first-level headings, 附件 labels, table headers
KAITI: Final = "楷体_GB2312"  # second-level headings
SONGTI: Final = "宋体"  # page numbers (4号)

# Where a font is missing, the one Word and LibreOffice are told to use instead (the
# font table's w:altName), and free fonts that look the part for pictures and PDF tests
# (tools/fonts.conf maps the names to them through fontconfig).
FALLBACKS: Final = {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "SimHei", KAITI: "楷体", SONGTI: "SimSun"}
