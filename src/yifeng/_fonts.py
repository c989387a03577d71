"""The fonts of GB/T 9704-2012, named once for every document and workbook yifeng writes."""

from __future__ import annotations

from typing import Final

FANGSONG: Final = "仿宋_GB2312"  # body text (3号), tables
XIAOBIAOSONG: Final = "方正小标宋简体"  # the 发文机关标志 and titles (2号)
HEITI: Final = "黑体"  # first-level headings, 附件 labels, table headers
KAITI: Final = "楷体_GB2312"  # second-level headings
SONGTI: Final = "宋体"  # page numbers (4号)

# Where a font is missing, the one Word and LibreOffice are told to use instead (the
# templates' font table, w:altName): the fonts every Chinese Windows has.
FALLBACKS: Final = {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "SimHei", KAITI: "楷体", SONGTI: "SimSun"}

# Free fonts that look the part, for a machine with neither (LibreOffice on Linux, the
# PDF conversion, the docs' pictures and the layout tests): Debian's fonts-arphic-ukai
# (楷体) and fonts-noto-cjk (黑体, and 宋体 — regular for 仿宋's body text, bold for the
# 小标宋 of titles). No free 仿宋 covers simplified Chinese with sound metrics (cwTeX's
# lacks simplified forms; AR PL UMing's lines overlap in LibreOffice Calc).
# (family, bold) for each font the documents name.
FREE: Final[dict[str, tuple[str, bool]]] = {
    FANGSONG: ("Noto Serif CJK SC", False), KAITI: ("AR PL UKai CN", False), HEITI: ("Noto Sans CJK SC", False),
    XIAOBIAOSONG: ("Noto Serif CJK SC", True), SONGTI: ("Noto Serif CJK SC", False),
}
