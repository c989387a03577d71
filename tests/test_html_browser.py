"""Every result an officer gets back, as JupyterLab shows it, measured in Chromium's screenshot.

The outputs go into a page under JupyterLab's own table rules (right-aligned, borderless,
fixed layout: tests/browser.py); then for every table cell the test reads where Chromium put
the cell and its text, and looks at the screenshot's pixels: a border drawn on each edge,
ink starting at the cell's left, short values on one line.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from tests.browser import Page, bordered, left_aligned, one_line, render
from yifeng import examples
from yifeng.io import read_task_table
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow, Role, check, open_rows, weekly_report

AS_OF = dt.date(2023, 9, 28)


def _ledger() -> Ledger:
    plan = examples.campaign("xinglongtai-2023")

    def row(number: int, who: str, ref: str, what: str, found: dt.date | None, **more: object) -> LedgerRow:
        fields: dict[str, object] = dict(
            number=number, institution=who, authority="区卫生健康局", negative_list_ref=ref, description=what,
            discovered_via="自查自纠", discovered_on=found, owner="王五", phone="13812345678",
            measures="停止违规行为，对相关人员批评教育并在全院通报，建立长效机制防止问题反弹")
        return LedgerRow(**(fields | more))  # type: ignore[arg-type]

    return Ledger(kind=LedgerKind.INSTITUTION, title=plan.ledgers[0].title,
                  filer=Filer(unit="区人民医院", person="张三", contact="13812345678"), rows=(
                      row(1, "区人民医院", "（二）2.（3）", "线下采购高价非挂网耗材", dt.date(2023, 9, 5),
                          rectified=True, rectified_on=dt.date(2023, 9, 15)),
                      row(2, "区人民医院", "（六）2.（4）", "个别医生收受患者红包", dt.date(2023, 9, 25)),
                      row(3, "区中医院", "（四）2.（1）", "串换药品", None, phone="0427-2811536",
                          unparsed=(("discovered_on", "九月中"),)),
                  ))


def _outputs(tmp_path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    campaign = examples.campaign("jilin-2021")
    plan = examples.campaign("xinglongtai-2023")
    ledger = _ledger()
    imported = read_task_table(examples.workbook("lingbi-2020"))
    broken = attrs.evolve(campaign, tasks=(attrs.evolve(campaign.tasks[0], deadline=attrs.evolve(
        campaign.tasks[0].deadline, text="视情况而定")), *campaign.tasks[1:]))
    return {
        "tasks": campaign.tasks._repr_html_(),
        "due this quarter": campaign.tasks.due_between(dt.date(2021, 4, 1), dt.date(2021, 6, 30))._repr_html_(),
        "by unit": campaign.tasks_by_unit(Role.LEAD)._repr_html_(),
        "by month": campaign.tasks_by_month()._repr_html_(),
        "task table": imported._repr_html_(),
        "problems": check(ledger)._repr_html_(),
        "problems of tasks": check(broken)._repr_html_(),
        "ledger": ledger._repr_html_(),
        "open rows": open_rows(ledger, as_of=AS_OF)._repr_html_(),
        "weekly": weekly_report([ledger], as_of=AS_OF)._repr_html_(),
        "negative list": plan.negative_list._repr_html_(),
        "phases": plan.phases._repr_html_(),
        "campaign": plan._repr_html_(),
        "notice": examples.notice("nhc-2022")._repr_html_(),
        "single task": campaign.tasks[0]._repr_html_(),
    }


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Page, list[str]]:  # type: ignore[no-untyped-def]
    outputs = _outputs(tmp_path_factory.mktemp("html"))
    return render(list(outputs.values()), tmp_path_factory.mktemp("page")), list(outputs)


def test_every_result_is_a_table(page):
    found, names = page
    tables = {c.table for c in found.cells}
    # Each output draws at least one table (some several: facts, tasks, problems…).
    assert len(tables) >= len(names)
    assert len(found.cells) > 400


def test_cells_are_left_aligned_in_the_screenshot(page):
    found, _ = page
    assert left_aligned(found) > 100


def test_every_cell_has_borders_in_the_screenshot(page):
    found, _ = page
    assert bordered(found) > 400


def test_short_values_stay_on_one_line(page):
    found, _ = page
    assert one_line(found, ("序号", "完成时限", "12月底前", "级别", "截止日期")) > 300


def test_long_text_wraps_and_folds(page):
    found, _ = page
    long = [c for c in found.cells if c.wrap == "normal" and c.tag == "TD"]
    assert any(c.lines > 1 for c in long)  # a long measure wraps…
    assert any(c.folded for c in long)  # …and a task's whole content opens from a fold
    assert max(c.w for c in long) <= 36 * 13 + 2 * 8 + 2  # max-width 36em of 13px, plus padding


def test_full_content_is_in_the_fold():
    from html import escape

    tasks = examples.campaign("jilin-2021").tasks
    task = max(tasks, key=lambda t: len(t.content))
    assert len(task.content) > 80
    html = tasks._repr_html_()
    assert html.count("<details>") == sum(len(t.content) > 80 for t in tasks)
    assert escape(task.content) in html


def test_values_kept_as_written_show_where_they_belong():
    # 九月中 is not a date; on screen it stands in 发现问题日期, in a frame it is kept aside.
    ledger = _ledger()
    assert "<td" in ledger._repr_html_() and "九月中" in ledger._repr_html_()
    shown = [row for row in str(ledger.rows).splitlines() if "串换药品" in row]
    assert len(shown) == 1 and "九月中" in shown[0]
    assert ledger.to_frame()["未能识别的原文"].tolist()[2] == "发现问题日期：九月中"
