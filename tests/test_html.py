"""Jupyter shows campaigns, notices, tasks and ledgers as readable, escaped tables."""

from yifeng import examples
from yifeng.model import Campaign, Ledger, LedgerKind, LedgerRow, Task


def test_campaign_html_lists_every_task():
    campaign = examples.campaign("lingbi-2020")
    html = campaign._repr_html_()
    assert campaign.title in html
    # The facts (header + 类型, 年度, 重点任务), then the tasks (header + 20 rows).
    assert html.count("<tr>") == 1 + 3 + 1 + 20
    assert "县医保局" in html and "2020-09-30" in html


def test_notice_html_has_the_frame_and_the_campaign():
    html = examples.notice("nhc-2022")._repr_html_()
    assert "国卫医函〔2022〕84号" in html and "国家中医药管理局" in html and "坚决维护医保基金安全" in html


def test_html_is_escaped():
    campaign = Campaign(title="使用率<90% & 县卫健委", tasks=(Task(number=1, title="<b>粗</b>"),))
    html = campaign._repr_html_()
    assert "使用率&lt;90% &amp; 县卫健委" in html and "&lt;b&gt;粗&lt;/b&gt;" in html
    assert "<b>" not in html


def test_ledger_html_shows_original_text_for_unparsed_values():
    ledger = Ledger(
        kind=LedgerKind.INSTITUTION,
        rows=(LedgerRow(number=1, institution="某医院", rectified=True, unparsed=(("discovered_on", "九月中"),)),),
    )
    html = ledger._repr_html_()
    assert "存在问题机构名称" in html and "九月中" in html and ">是</td>" in html


def test_task_html():
    assert "坚决维护疫苗接种工作顺利实施" in examples.campaign("jilin-2021").tasks[0]._repr_html_()
