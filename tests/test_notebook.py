"""The officer's week in docs/officer-week.ipynb runs, gives what the docs show, and every
result in it looks like a table in JupyterLab (measured in Chromium's screenshot)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.browser import bordered, left_aligned, one_line, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> nbformat.NotebookNode:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import officer_notebook
    finally:
        sys.path.pop(0)
    # Built from the tool's cells and run afresh: the committed file must be what it gives.
    return officer_notebook.execute(officer_notebook.build(), tmp_path_factory.mktemp("nb"))


def _shown(cell: nbformat.NotebookNode) -> list[tuple[str, str]]:
    found = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            found.append(("stream", output["text"]))
        elif output["output_type"] == "error":
            found.append(("error", "\n".join(output["traceback"])))
        else:
            found += [(kind, output["data"][kind]) for kind in ("text/html", "text/plain") if kind in output["data"]]
    return found


def test_the_notebook_runs_without_an_error(executed):
    errors = [o for cell in executed.cells for o in cell.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []


def test_the_committed_notebook_is_what_it_gives(executed):
    committed = nbformat.read(ROOT / "docs" / "officer-week.ipynb", as_version=4)
    assert [c.source for c in committed.cells] == [c.source for c in executed.cells]
    for mine, fresh in zip(committed.cells, executed.cells):
        shown = [(kind, text) for kind, text in _shown(fresh) if "tmp" not in text]
        assert [(k, t) for k, t in _shown(mine) if "tmp" not in t] == shown, mine.source[:60]


def test_every_result_displays_as_a_table(executed):
    results = [cell for cell in executed.cells if cell.cell_type == "code"
               and any(o["output_type"] == "execute_result" for o in cell.outputs)]
    tables = [cell for cell in results if any("text/html" in o.get("data", {}) for o in cell.outputs)]
    # Plain values (a date, a dict of counts, file names) print as text; every collection,
    # report, ledger and problem list is a table.
    assert len(tables) >= 11
    assert all("<table" in o["data"]["text/html"] for c in tables for o in c.outputs if "text/html" in o.get("data", {}))
    plain = [c for c in results if c not in tables]
    assert all(not any("Task(" in o["data"]["text/plain"] for o in c.outputs) for c in plain)


def test_the_notebook_looks_right_in_jupyterlab(executed, tmp_path):
    html = [o["data"]["text/html"] for cell in executed.cells for o in cell.get("outputs", [])
            if "text/html" in o.get("data", {})]
    page = render(html, tmp_path)
    assert left_aligned(page) > 50
    assert bordered(page) > 200
    assert one_line(page, ("序号", "完成时限", "级别")) > 100
