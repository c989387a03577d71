"""The yifeng command line."""

from yifeng import examples
from yifeng.cli import main
from yifeng.io import load
from yifeng.model import Notice


def test_demo_writes_every_example(tmp_path, capsys):
    assert main(["demo", "-o", str(tmp_path / "out")]) == 0
    for name in examples.names():
        assert load(tmp_path / "out" / f"{name}.json", Notice) == examples.notice(name)
    assert "13 项任务" in capsys.readouterr().out


def test_demo_into_a_file_path_is_a_clean_error(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    assert main(["demo", "-o", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("yifeng: ") and "Traceback" not in err
