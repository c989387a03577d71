"""The yifeng command line."""

from pathlib import Path

from yifeng import examples
from yifeng.cli import main
from yifeng.io import load
from yifeng.model import Notice


def test_demo_writes_every_example(tmp_path, capsys):
    from docx import Document

    assert main(["demo", "-o", str(tmp_path / "out")]) == 0
    out = tmp_path / "out"
    for name in examples.names():
        assert load(out / f"{name}.json", Notice) == examples.notice(name)
        assert Document(out / f"{name}-通知.docx").paragraphs
    assert (out / "nhc-2022-分工表.docx").is_file() and not (out / "xinglongtai-2023-分工表.docx").exists()
    assert (out / "xinglongtai-2023-台账（机构，空白）.docx").is_file()
    assert (out / "xinglongtai-2023-台账（个人，空白）.docx").is_file()
    assert "nhc-2022-通知.docx" in capsys.readouterr().out
    # The workbooks too: each 分工表 reads back as its tasks, each blank 台账 as an empty form.
    from yifeng.io import read_ledger, read_task_table

    assert [t.title for t in read_task_table(out / "nhc-2022-分工表.xlsx").tasks] == [
        t.title for t in examples.campaign("nhc-2022").tasks]
    blank = read_ledger(out / "xinglongtai-2023-台账（机构，空白）.xlsx")
    assert blank.rows == () and blank.kind.value == "institution"


def test_render_commands(tmp_path, capsys):
    from docx import Document

    from yifeng.io import dump

    from .layouts import jilin_layout
    from .test_ledger import institution_ledger

    notice_json = tmp_path / "notice.json"
    dump(examples.notice("shaanxi-2020"), notice_json)
    assert main(["render", "notice", str(notice_json), "-o", str(tmp_path / "n.docx")]) == 0
    assert "陕卫办医发〔2020〕36号" in [p.text for p in Document(tmp_path / "n.docx").paragraphs]
    campaign_json = tmp_path / "campaign.json"
    table = _write(tmp_path, jilin_layout(), "分工表.xlsx")
    assert main(["import", str(table), "-o", str(campaign_json)]) == 0
    assert main(["render", "notice", str(campaign_json), "-o", str(tmp_path / "c.docx")]) == 0
    assert main(["render", "table", str(table), "-o", str(tmp_path / "t.docx")]) == 0
    assert len(Document(tmp_path / "t.docx").tables[0].rows) == 11
    ledger = _write(tmp_path, institution_ledger(), "台账.xlsx")
    assert main(["render", "ledger", str(ledger), "-o", str(tmp_path / "l.docx"), "--mask"]) == 0
    assert len(Document(tmp_path / "l.docx").tables[0].rows) == 5
    assert main(["render", "notice", str(table), "-o", str(tmp_path / "x.docx")]) == 2
    assert "不是有效的 JSON" in capsys.readouterr().err.splitlines()[-1]


def test_demo_into_a_file_path_is_a_clean_error(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    assert main(["demo", "-o", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("yifeng: ") and "Traceback" not in err


def _write(tmp_path, data: bytes, name: str = "分工表.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_prints_a_summary_and_writes_the_campaign(tmp_path, capsys):
    from yifeng.model import Campaign

    from .layouts import nhc_layout

    path = _write(tmp_path, nhc_layout())
    out = tmp_path / "campaign.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "13 项任务" in printed and "国家卫生健康委  9 项" in printed and "2022-12  6 项" in printed
    campaign = load(out, Campaign)
    assert len(campaign.tasks) == 13 and campaign.year == 2022
    assert campaign.tasks[4].responsibility == examples.campaign("nhc-2022").tasks[4].responsibility


def test_import_with_year_resolves_month_only_deadlines(tmp_path, capsys):
    from .layouts import workbook

    path = _write(tmp_path, workbook([["序号", "重点任务", "责任单位", "完成时限"], [1, "任务一。", "县卫生健康委", "9月底前"]]))
    assert main(["import", str(path), "--year", "2021"]) == 0
    assert "2021-09  1 项" in capsys.readouterr().out


def test_check_lists_diagnostics_and_exits_1_on_errors(tmp_path, capsys):
    from .layouts import workbook

    path = _write(tmp_path, workbook([["序号", "重点任务", "责任单位", "完成时限"],
                                      [1, "任务一。", "县卫生健康委", "尽快"], [2, "任务二。", "县医保局", None]]))
    assert main(["check", str(path), "--year", "2020"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "错误 Sheet1!D2 deadline-unparsed 完成时限“尽快”无法识别，已保留原文",
        "警告 Sheet1!D3 deadline-missing 第 3 行没有填写完成时限",
    ]
    assert "1 个错误，1 个警告" in captured.err


def test_check_exits_0_with_warnings_only(tmp_path, capsys):
    from .layouts import jilin_layout

    assert main(["check", str(_write(tmp_path, jilin_layout()))]) == 0
    assert capsys.readouterr().out == ""


def test_bad_file_is_one_clean_line_and_exit_2(tmp_path, capsys):
    path = _write(tmp_path, b"just text", "notes.xlsx")
    for command in ("import", "check"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("yifeng: ") and "不是 Excel 工作簿" in err


def test_console_script_is_installed():
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("yifeng", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("yifeng ")


def test_check_recognises_a_ledger_and_checks_refs_against_a_campaign(tmp_path, capsys):
    from .test_ledger import institution_ledger

    path = _write(tmp_path, institution_ledger(), "台账.xlsx")
    assert main(["check", str(path), "--campaign", "xinglongtai-2023"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("错误 Sheet1!D8 negative-list-unparsed") and len(lines) == 6
    assert "台账（机构）4 条问题，4 个错误，2 个警告" in captured.err


def test_ledger_merge(tmp_path, capsys):
    from yifeng.io import read_ledger

    from .test_ledger import institution_ledger

    first = _write(tmp_path, institution_ledger(), "医院.xlsx")
    second = _write(tmp_path, institution_ledger(), "卫健局.xlsx")
    out = tmp_path / "全区.xlsx"
    assert main(["ledger", "merge", str(first), str(second), "-o", str(out), "--title", "全区台账"]) == 0
    printed = capsys.readouterr().out
    assert "已合并 2 个台账、8 条问题" in printed and "疑似重复 4 条" in printed
    merged = read_ledger(out)
    assert merged.title == "全区台账" and len(merged.rows) == 8
    assert {r.filer.unit for r in merged.rows} == {"兴隆台区人民医院"}


def test_ledger_merge_masked(tmp_path):
    from yifeng.io import read_ledger

    from .test_ledger import person_ledger

    out = tmp_path / "对外.xlsx"
    assert main(["ledger", "merge", str(_write(tmp_path, person_ledger(), "p.xlsx")), "-o", str(out), "--mask"]) == 0
    assert [r.person for r in read_ledger(out).rows] == ["李某", "欧阳某"]


def test_campaign_from_a_json_file(tmp_path, capsys):
    from yifeng.io import dump

    from .test_ledger import institution_ledger

    campaign_json = tmp_path / "campaign.json"
    dump(examples.notice("xinglongtai-2023"), campaign_json)
    path = _write(tmp_path, institution_ledger(), "台账.xlsx")
    assert main(["check", str(path), "--campaign", str(campaign_json)]) == 1
    assert "negative-list-unparsed" in capsys.readouterr().out


def test_ledger_report_over_a_folder(tmp_path, capsys):
    from docx import Document

    from .test_ledger import institution_ledger, person_ledger
    from .layouts import jilin_layout

    folder = tmp_path / "各单位台账"
    folder.mkdir()
    _write(folder, institution_ledger(), "医院.xlsx")
    _write(folder, person_ledger(), "个人.xlsx")
    _write(folder, jilin_layout(), "分工表.xlsx")
    out = tmp_path / "周调度.docx"
    assert main(["ledger", "report", str(folder), "--as-of", "2023-09-28", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "2 个台账：累计 6 条，已整改 3 条（50.0%）" in captured.out and "2023-10-07" in captured.out
    assert "跳过 分工表.xlsx" in captured.err
    assert Document(out).paragraphs[1].text == "（截至2023年9月28日）"
    assert (tmp_path / "周调度.xlsx").is_file()
    # Both ledgers come from one hospital: it is the 报送单位 unless --unit names another.
    assert Document(out).paragraphs[2].text.startswith("报送单位：兴隆台区人民医院")
    assert main(["ledger", "report", str(folder), "--as-of", "2023-09-28", "-o", str(out), "--unit", "兴隆台区卫生健康局"]) == 0
    assert Document(out).paragraphs[2].text == "报送单位：兴隆台区卫生健康局　　　　报送日期：2023年9月28日"


def test_ledger_report_bad_date_and_empty_folder(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["ledger", "report", str(tmp_path), "--as-of", "下周四", "-o", str(tmp_path / "r.docx")])
    assert "无法识别的日期" in capsys.readouterr().err
    assert main(["ledger", "report", str(tmp_path), "--as-of", "2023-09-28", "-o", str(tmp_path / "r.docx")]) == 2
    assert "没有工作台账" in capsys.readouterr().err


def test_read_then_render(tmp_path, capsys):
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "seeds" / "003_bde7776c8c36b63e.txt"
    out = tmp_path / "notice.json"
    assert main(["read", str(seed), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "（陕卫办医发〔2020〕36号）" in printed and "8 项任务，3 个阶段" in printed
    assert main(["render", "notice", str(out), "-o", str(tmp_path / "n.docx")]) == 0
    assert main(["read", str(_write(tmp_path, b"\xff\xfe\x00binary", "n.txt"))]) == 2
    assert "不是 UTF-8 文本" in capsys.readouterr().err


def test_json_on_import_check_read_and_ledger_commands(tmp_path, capsys):
    """--json prints the model's JSON documents (what yifeng.io.loads reads back) on stdout
    alone; the lines for people go to stderr."""
    import json

    from yifeng.io import loads, read_ledger, read_task_table
    from yifeng.model import Ledger, TaskTable, WeeklyReport

    from .layouts import workbook
    from .test_ledger import institution_ledger, person_ledger

    table = _write(tmp_path, workbook([["序号", "重点任务", "责任单位", "完成时限"],
                                       [1, "任务一。", "县卫生健康委", "尽快"], [2, "任务二。", "县医保局", None]]))
    assert main(["import", str(table), "--year", "2020", "--json", "-o", str(tmp_path / "c.json")]) == 0
    captured = capsys.readouterr()
    assert loads(captured.out) == read_task_table(table, year=2020)
    assert isinstance(loads(captured.out), TaskTable) and "已写入" in captured.err

    assert main(["check", str(table), "--year", "2020", "--json"]) == 1  # the exit code as without --json
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1 and '":' in printed and '": ' not in printed  # one compact line, as every --json
    result = json.loads(printed)
    assert (result["document"], result["errors"], result["warnings"]) == ("TaskTable", 1, 1)
    assert [(d["code"], d["cell"], d["field"], d["severity"]) for d in result["diagnostics"]] == [
        ("deadline-unparsed", "D2", "deadline", "error"), ("deadline-missing", "D3", "deadline", "warning")]

    notice = tmp_path / "通知.txt"
    notice.write_text((Path(__file__).parent / "data" / "corpus" / "103_nhc_jiceng_zhiliang_2026.txt")
                      .read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["read", str(notice), "--json"]) == 0
    read = loads(capsys.readouterr().out)
    assert type(read).__name__ == "Notice" and len(read.campaign.tasks) == 9

    first = _write(tmp_path, institution_ledger(), "医院.xlsx")
    second = _write(tmp_path, person_ledger(), "个人.xlsx")
    assert main(["ledger", "merge", str(first), str(first), "--json"]) == 0  # no -o needed with --json
    captured = capsys.readouterr()
    merged = loads(captured.out)
    assert isinstance(merged, Ledger) and len(merged.rows) == 2 * len(read_ledger(first).rows)
    assert "疑似重复" in captured.err

    folder = tmp_path / "各单位"
    folder.mkdir()
    for path in (first, second):
        (folder / path.name).write_bytes(path.read_bytes())
    assert main(["ledger", "report", str(folder), "--as-of", "2023-09-28", "-o", str(tmp_path / "周调度.docx"),
                 "--json"]) == 0
    report = loads(capsys.readouterr().out)
    assert isinstance(report, WeeklyReport) and (report.summary.total, report.summary.rectified) == (6, 3)


def test_ledger_merge_needs_an_output_or_json(tmp_path, capsys):
    from .test_ledger import institution_ledger

    assert main(["ledger", "merge", str(_write(tmp_path, institution_ledger(), "a.xlsx"))]) == 2
    assert "-o" in capsys.readouterr().err


def _run(*args: str, cwd=None):
    """The installed command as a user runs it, stdout as bytes."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "yifeng", *args], capture_output=True, cwd=cwd, check=False)


def test_help_is_chinese_for_every_command(capsys):
    import pytest

    commands = [[], ["import"], ["check"], ["read"], ["render"], ["render", "notice"], ["render", "table"],
                ["render", "ledger"], ["ledger"], ["ledger", "blank"], ["ledger", "merge"], ["ledger", "report"],
                ["template"], ["examples"], ["demo"]]
    for command in commands:
        with pytest.raises(SystemExit) as exited:
            main([*command, "--help"])
        assert exited.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith("用法：yifeng"), command
        for english in ("usage:", "options:", "positional arguments", "show this help", "show program's"):
            assert english not in text, (command, english)
    # Each kind of render has its own help: only table asks for a year, only ledger for --mask.
    with pytest.raises(SystemExit):
        main(["render", "table", "--help"])
    table_help = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["render", "notice", "--help"])
    notice_help = capsys.readouterr().out
    assert "--year" in table_help and "--year" not in notice_help and "--mask" not in notice_help
    # argparse's own errors are Chinese too, and argparse is itself again afterwards.
    with pytest.raises(SystemExit) as exited:
        main(["check"])
    assert exited.value.code == 2 and "缺少参数" in capsys.readouterr().err
    import argparse

    assert argparse._("usage: ") == "usage: "


def test_check_exit_code_follows_errors_and_strict_counts_warnings(tmp_path, capsys):
    from .layouts import workbook

    path = _write(tmp_path, workbook([["序号", "重点任务", "责任单位", "完成时限"],
                                      [1, "任务一。", "县卫生健康委", "2020年9月底前"], [2, "任务二。", "县医保局", None]]))
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["警告 Sheet1!D3 deadline-missing 第 3 行没有填写完成时限"]
    assert main(["check", str(path), "--strict"]) == 1


def test_dash_writes_to_standard_output(tmp_path):
    import io
    import zipfile

    from yifeng.io import loads, read_ledger

    from .layouts import jilin_layout
    from .test_ledger import institution_ledger

    table = _write(tmp_path, jilin_layout())
    done = _run("import", str(table), "-o", "-")
    assert done.returncode == 0 and type(loads(done.stdout)).__name__ == "Campaign"
    assert "项任务" in done.stderr.decode()  # the summary moved out of the way
    done = _run("render", "table", str(table), "-o", "-")
    assert done.returncode == 0 and zipfile.ZipFile(io.BytesIO(done.stdout)).read("word/document.xml")
    ledger = _write(tmp_path, institution_ledger(), "台账.xlsx")
    done = _run("ledger", "merge", str(ledger), "-o", "-")
    assert done.returncode == 0 and len(read_ledger(io.BytesIO(done.stdout)).rows) == 4
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_template_lists_and_exports_the_shipped_templates(tmp_path, capsys):
    from yifeng.render import template_path

    assert main(["template"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
        "notice", "task_table", "ledger", "weekly_report"]
    out = tmp_path / "本单位通知模板.docx"
    assert main(["template", "notice", "-o", str(out)]) == 0
    assert out.read_bytes() == template_path("notice").read_bytes()
    assert main(["template", "notice", "-o", str(out)]) == 2  # never overwritten by surprise
    assert "--force" in capsys.readouterr().err
    assert main(["template", "notice", "-o", str(out), "--force"]) == 0


def test_ledger_blank_writes_the_forms_to_hand_out(tmp_path, capsys):
    from yifeng.io import read_ledger
    from yifeng.model import LedgerKind

    assert main(["ledger", "blank", "-o", str(tmp_path)]) == 0
    forms = {path.name: read_ledger(path) for path in tmp_path.glob("*.xlsx")}
    assert {name: (ledger.kind, len(ledger.rows)) for name, ledger in forms.items()} == {
        "台账（机构）.xlsx": (LedgerKind.INSTITUTION, 0), "台账（个人）.xlsx": (LedgerKind.PERSON, 0)}
    assert all(ledger.title and not ledger.diagnostics for ledger in forms.values())
    assert main(["ledger", "blank", "-o", str(tmp_path / "only"), "--kind", "person"]) == 0
    assert [p.name for p in (tmp_path / "only").iterdir()] == ["台账（个人）.xlsx"]


def test_examples_lists_and_copies(tmp_path, capsys):
    from yifeng.io import read_task_table

    assert main(["examples"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed] == list(examples.names())
    assert any("附分工表 .xlsx" in line for line in listed)
    assert main(["examples", "nhc-2022", "-o", str(tmp_path)]) == 0
    assert load(tmp_path / "nhc-2022.json", Notice) == examples.notice("nhc-2022")
    assert len(read_task_table(tmp_path / "nhc-2022-分工表.xlsx").tasks) == 13
    assert main(["examples", "nope"]) == 2


def test_one_wording_per_kind_of_error(tmp_path, capsys):
    missing = str(tmp_path / "没有.xlsx")
    for command in (["import", missing], ["check", missing], ["read", str(tmp_path / "没有.txt")],
                    ["read", str(tmp_path / "没有.docx")], ["render", "table", missing, "-o", str(tmp_path / "x.docx")],
                    ["render", "notice", str(tmp_path / "没有.json"), "-o", str(tmp_path / "x.docx")]):
        assert main(command) == 2
        assert capsys.readouterr().err.strip().endswith("：文件不存在"), command
    # Merging names each file it skips, in the same words, and stops only when none is left.
    assert main(["ledger", "merge", missing, "-o", str(tmp_path / "m.xlsx")]) == 2
    skipped, stopped = capsys.readouterr().err.strip().splitlines()
    assert skipped.startswith("跳过 没有.xlsx：") and skipped.endswith("：文件不存在")
    assert stopped == "yifeng: 没有可以合并的台账" and not (tmp_path / "m.xlsx").exists()
    assert main(["ledger", "report", str(tmp_path / "没有"), "--as-of", "2023-09-28", "-o", "r.docx"]) == 2
    assert capsys.readouterr().err.strip().endswith("：文件夹不存在")
    word = tmp_path / "通知.docx"
    word.write_bytes(b"PK")
    assert main(["import", str(word)]) == 2
    assert "yifeng read" in capsys.readouterr().err
    book = tmp_path / "分工表.xlsx"
    book.write_bytes(b"PK")
    assert main(["read", str(book)]) == 2
    assert "yifeng import" in capsys.readouterr().err


def test_read_counts_negative_list_areas_and_items(capsys):
    seed = next((Path(__file__).parent / "data" / "seeds").glob("004_*.txt"))
    assert main(["read", str(seed)]) == 0
    summary = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("方案："))
    assert "负面清单 6 方面 30 项" in summary  # was "负面清单 30 类"
