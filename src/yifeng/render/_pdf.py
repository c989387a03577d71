"""PDF through LibreOffice, when it is installed: the one way to get GB/T 9704's layout
into a PDF without Word."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from yifeng._fonts import FALLBACKS, FREE
from yifeng.errors import RenderError


def font_config(folder: str | os.PathLike[str]) -> Path:
    """Write a fontconfig file into ``folder`` that gives LibreOffice, on a machine
    without GB/T 9704's fonts, free fonts that look the part (yifeng._fonts.FREE) for
    them and for their fallbacks — after the system's own configuration."""
    matches = []
    for font, (family, bold) in FREE.items():
        for name in (font, FALLBACKS[font]):
            weight = ('<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                      if bold else "")
            matches.append(f'<match target="pattern"><test name="family" qual="any"><string>{name}</string></test>'
                           f'<edit name="family" mode="prepend" binding="strong"><string>{family}</string></edit>'
                           f"{weight}</match>")
    path = Path(folder) / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    + "".join(matches) + "</fontconfig>\n", encoding="utf-8")
    return path


def office_environment(folder: str | os.PathLike[str]) -> dict[str, str]:
    """The environment to run LibreOffice in: this process's, with :func:`font_config`."""
    return {**os.environ, "FONTCONFIG_FILE": os.fspath(font_config(folder))}


def soffice() -> str | None:
    """LibreOffice's command, if this machine has it."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: str | os.PathLike[str], pdf: str | os.PathLike[str], *, timeout: float = 300) -> None:
    """Convert the .docx ``docx`` to ``pdf`` with LibreOffice; :class:`RenderError` in
    Chinese when LibreOffice is missing or fails."""
    command = soffice()
    if command is None:
        raise RenderError("生成 PDF 需要 LibreOffice（soffice 命令），本机没有安装；"
                          "请改用 .docx 输出，在 Word 或 WPS 中另存为 PDF")
    target = Path(pdf)
    with tempfile.TemporaryDirectory(prefix="yifeng-pdf-") as work:
        profile = Path(work) / "profile"  # its own profile: no clash with a running LibreOffice
        try:
            done = subprocess.run(
                [command, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                 "--outdir", work, os.fspath(docx)],
                capture_output=True, text=True, timeout=timeout, check=False, env=office_environment(work),
            )
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice 在 {timeout:.0f} 秒内没有完成 PDF 转换") from None
        except OSError as exc:
            raise RenderError(f"无法运行 LibreOffice（{exc.strerror or exc}）") from None
        made = Path(work) / (Path(docx).stem + ".pdf")
        if done.returncode != 0 or not made.is_file():
            why = (done.stderr or done.stdout).strip().splitlines()
            raise RenderError(f"LibreOffice 未能把 {Path(docx).name} 转换为 PDF（{why[-1] if why else done.returncode}）")
        shutil.move(os.fspath(made), os.fspath(target))
