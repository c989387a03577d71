"""What every rendered file says about itself, and output formats other than .docx."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile

import docx
import pytest

from yifeng import cli, examples
from yifeng.model import Ledger, LedgerKind, LedgerRow
from yifeng.render import render_ledger, render_notice, render_task_table, render_weekly_report


def _rendered(tmp_path):
    ledger = Ledger(kind=LedgerKind.INSTITUTION, title="某区工作台账（机构）",
                    rows=(LedgerRow(number=1, institution="某医院", description="收受回扣", discovered_on=dt.date(2023, 9, 1)),))
    render_notice(examples.notice("nhc-2022"), tmp_path / "n.docx")
    render_task_table(examples.campaign("jilin-2021"), tmp_path / "t.docx")
    render_ledger(ledger, tmp_path / "l.docx")
    render_weekly_report([ledger], tmp_path / "w.docx", as_of=dt.date(2023, 9, 28), title="第三周调度情况")
    return {
        "n.docx": examples.notice("nhc-2022").title,
        "t.docx": examples.campaign("jilin-2021").table_title,
        "l.docx": "某区工作台账（机构）",
        "w.docx": "第三周调度情况",
    }


def test_document_properties_describe_the_document_not_the_template(tmp_path):
    titles = _rendered(tmp_path)
    now = dt.datetime.now(dt.timezone.utc)
    for name, title in titles.items():
        props = docx.Document(tmp_path / name).core_properties
        assert props.title == title, name
        assert props.author == "yifeng" and props.last_modified_by == "yifeng", name
        created = props.created if props.created.tzinfo else props.created.replace(tzinfo=dt.timezone.utc)
        assert abs(created - now) < dt.timedelta(minutes=10), (name, props.created)
        assert props.comments == "", name
        with zipfile.ZipFile(tmp_path / name) as package:
            assert b"<Application>yifeng</Application>" in package.read("docProps/app.xml"), name
            assert not [n for n in package.namelist() if "thumbnail" in n], name


def test_render_refuses_an_output_it_cannot_write(tmp_path, capsys):
    assert cli.main(["demo", "-o", str(tmp_path)]) == 0
    source = next(tmp_path.glob("nhc-2022*.json"))
    assert cli.main(["render", "notice", str(source), "-o", str(tmp_path / "n.odt")]) == 2
    assert ".docx 或 .pdf" in capsys.readouterr().err
    assert not (tmp_path / "n.odt").exists()


def test_pdf_without_libreoffice_is_refused_in_chinese(tmp_path, capsys, monkeypatch):
    assert cli.main(["demo", "-o", str(tmp_path)]) == 0
    source = next(tmp_path.glob("nhc-2022*.json"))
    monkeypatch.setattr(cli, "soffice", lambda: None)
    assert cli.main(["render", "notice", str(source), "-o", str(tmp_path / "n.pdf")]) == 2
    assert "LibreOffice" in capsys.readouterr().err
    assert not (tmp_path / "n.pdf").exists()


@pytest.mark.skipif(not shutil.which("soffice") and os.environ.get("YIFENG_REQUIRE_LIBREOFFICE") != "1",
                    reason="needs LibreOffice (make test installs it)")
def test_pdf_is_converted_through_libreoffice(tmp_path):
    assert cli.main(["demo", "-o", str(tmp_path)]) == 0
    source = next(tmp_path.glob("nhc-2022*.json"))
    assert cli.main(["render", "notice", str(source), "-o", str(tmp_path / "通知.pdf")]) == 0
    pdf = tmp_path / "通知.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Title:" in info and "关于印发2022年" in info
    assert not list(tmp_path.glob("通知.docx"))  # only what was asked for
