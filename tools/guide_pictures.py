"""Draw the pictures of the command-line guide (docs/cli.md) from what yifeng writes.

    python tools/guide_pictures.py      # writes docs/_static/guide/*.png

Each picture is a file the guide's commands produce — the blank 台账 as Excel prints it,
the weekly report and the notice as Word prints them — turned into a PDF by LibreOffice
and its first page into a PNG by poppler, so the guide shows what an officer will see.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from yifeng import examples
from yifeng.io import write_ledger
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow
from yifeng.render import render_notice, render_weekly_report

OUT = Path(__file__).resolve().parents[1] / "docs" / "_static" / "guide"


def _page_png(document: Path, name: str, work: Path, crop: tuple[int, int] | None = None, dpi: int = 60) -> Path:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                    "--outdir", str(work), str(document)], check=True, capture_output=True, timeout=180)
    pdf = work / (document.stem + ".pdf")
    target = OUT / name
    args = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
    if crop is not None:
        args += ["-W", str(crop[0]), "-H", str(crop[1])]
    subprocess.run([*args, str(pdf), str(target.with_suffix(""))], check=True, timeout=120)
    return target


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    plan = examples.campaign("xinglongtai-2023")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        blank = work / "台账（机构）.xlsx"
        write_ledger(plan.ledgers[0], blank)
        _page_png(blank, "blank-ledger.png", work, crop=(1290, 130), dpi=110)  # the title and the header
        rows = (
            LedgerRow(number=1, institution="区人民医院", authority="区卫生健康局", negative_list_ref="（二）2.（3）",
                      description="线下采购高价非挂网耗材", discovered_via="自查自纠", discovered_on=dt.date(2023, 9, 5),
                      measures="停止违规行为，全院通报", owner="王五", phone="13812345678", rectified=True,
                      rectified_on=dt.date(2023, 9, 15)),
            LedgerRow(number=2, institution="区人民医院", authority="区卫生健康局", negative_list_ref="（六）2.（4）",
                      description="个别医生收受患者红包", discovered_via="群众举报", discovered_on=dt.date(2023, 9, 25),
                      measures="退还红包，诫勉谈话", owner="赵六", phone="13812345678"),
        )
        ledger = Ledger(kind=LedgerKind.INSTITUTION, title=plan.ledgers[0].title, rows=rows,
                        filer=Filer(unit="区人民医院", person="张三", contact="13812345678"))
        report = work / "周调度.docx"
        render_weekly_report([ledger], report, as_of=dt.date(2023, 9, 28))
        _page_png(report, "weekly-report.png", work)
        notice = work / "通知.docx"
        render_notice(examples.notice("nhc-2022"), notice)
        _page_png(notice, "notice.png", work)


if __name__ == "__main__":
    main()
