"""Make the pictures on the docs page 生成公文 from LibreOffice's rendering.

    python tools/make_doc_images.py

Renders two bundled notices, converts them to PDF with LibreOffice (with the free fonts
of yifeng._fonts.FREE) and turns chosen
pages into PNGs with pdftoppm (docs/_static/render/). Nothing is drawn by hand.
"""

import subprocess
import tempfile
from pathlib import Path

from yifeng import examples
from yifeng.render import render_notice
from yifeng.render._pdf import office_environment

OUT = Path(__file__).resolve().parents[1] / "docs" / "_static" / "render"
# (example, page, picture): the first page, the plan's first page, the 分工表 (the first
# landscape page, 0), the 版记 (the last page, -1).
PAGES = (("nhc-2022", 1, "nhc-2022-p1"), ("nhc-2022", 3, "nhc-2022-plan"), ("nhc-2022", 0, "nhc-2022-table"),
         ("shaanxi-2020", 1, "shaanxi-2020-p1"), ("shaanxi-2020", -1, "shaanxi-2020-last"))

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        names = sorted({name for name, _, _ in PAGES})
        for name in names:
            render_notice(examples.notice(name), work / f"{name}.docx")
        # With the free fonts yifeng names for 仿宋, 楷体, 黑体 and 小标宋, as `render -o x.pdf` does.
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                        "--outdir", str(work), *(str(work / f"{n}.docx") for n in names)], check=True,
                       capture_output=True, env=office_environment(work))
        for name, page, picture in PAGES:
            pdf = work / f"{name}.pdf"
            if page <= 0:
                info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                                      capture_output=True, text=True).stdout
                sizes = [line.split() for line in info.splitlines() if line.startswith("Page") and "size:" in line]
                landscape = [int(s[1]) for s in sizes if float(s[3]) > float(s[5])]
                page = landscape[0] if page == 0 else len(sizes)
            subprocess.run(["pdftoppm", "-png", "-r", "45", "-singlefile", "-f", str(page), "-l", str(page),
                            str(pdf), str(OUT / picture)], check=True)
            print(OUT / f"{picture}.png")
