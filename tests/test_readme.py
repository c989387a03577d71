"""README's example runs as written (in an empty folder, with only the bundled data)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"


def test_readme_example_runs_as_written(tmp_path, monkeypatch):
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert code is not None
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), str(README), "exec"), namespace)  # noqa: S102 - our own README
    assert {p.name for p in tmp_path.iterdir()} >= {"nhc-2022.json", "通知.docx", "标准分工表.xlsx",
                                                    "台账（机构）.xlsx", "周调度.docx"}
    assert len(namespace["table"].tasks) == 13  # type: ignore[attr-defined]
