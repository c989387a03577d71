"""The five bundled seed campaigns: counts and values a person can check in the seeds."""

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from yifeng import examples
from yifeng.errors import YifengError
from yifeng.io import dumps, loads
from yifeng.model import CampaignKind, DeadlineKind, LedgerKind, Level, MemberRole, Notice, Role

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def test_names():
    assert examples.names() == ("jilin-2021", "lingbi-2020", "nhc-2022", "shaanxi-2020", "xinglongtai-2023")


def test_unknown_name_is_a_clear_error():
    with pytest.raises(YifengError, match="可用的示例"):
        examples.notice("beijing-2024")


@pytest.mark.parametrize("name", examples.names())
def test_round_trip_is_exact(name):
    notice = examples.notice(name)
    assert loads(dumps(notice), Notice) == notice


@pytest.mark.parametrize(
    ("name", "tasks", "kind", "level", "year"),
    [
        ("nhc-2022", 13, CampaignKind.WORK_POINTS, Level.NATIONAL, 2022),
        ("jilin-2021", 10, CampaignKind.WORK_POINTS, Level.PROVINCIAL, 2021),
        ("lingbi-2020", 20, CampaignKind.IMPLEMENTATION_PLAN, Level.COUNTY, 2020),
        ("shaanxi-2020", 8, CampaignKind.ACTION_PLAN, Level.PROVINCIAL, 2020),
        ("xinglongtai-2023", 0, CampaignKind.WORK_PLAN, Level.DISTRICT, 2023),
    ],
)
def test_counts_and_kinds(name, tasks, kind, level, year):
    campaign = examples.campaign(name)
    assert len(campaign.tasks) == tasks
    assert [t.number for t in campaign.tasks] == list(range(1, tasks + 1))
    assert (campaign.kind, campaign.level, campaign.year) == (kind, level, year)
    for task in campaign.tasks:
        assert not task.responsibility.is_empty, task.number
        assert task.deadline.resolved, task.number
        assert "  " not in task.content and "\n" not in task.content


def test_nhc_2022_notice_frame():
    notice = examples.notice("nhc-2022")
    assert str(notice.doc_number) == "国卫医函〔2022〕84号"
    assert notice.title == "关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知"
    assert len(notice.issuers) == 9
    assert notice.issuers[0] == "国家卫生健康委员会" and notice.issuers[-1] == "国家中医药管理局"
    assert len(notice.recipients) == 3 and notice.recipients[1] == "国家税务总局各省、自治区、直辖市和计划单列市税务局"
    assert (notice.printed_by, notice.printed_on) == ("国家卫生健康委办公厅", D(2022, 5, 26))
    assert (notice.disclosure, notice.proofreader) == ("主动公开", "付文豪")


def test_nhc_2022_tasks():
    campaign = examples.campaign("nhc-2022")
    first, fifth, eighth, ninth = (campaign.tasks[i] for i in (0, 4, 7, 8))
    assert first.title == "切实加强党对纠风工作的全面领导"
    assert first.category == "持续提升纠风工作治理水平"
    assert first.deadline.kind is DeadlineKind.ONGOING
    assert [u.name for u in fifth.responsibility.supports] == ["国家市场监督管理总局", "国家中医药管理局"]
    assert fifth.deadline.due == D(2022, 12, 31)
    # Row 8's 完成时限 cell is empty in the seed: kept as unspecified, not guessed.
    assert eighth.deadline.kind is DeadlineKind.UNSPECIFIED
    assert len(ninth.responsibility.leads) == 6 and [u.name for u in ninth.responsibility.supports] == ["公安部"]
    assert [len(s.children) for s in campaign.sections] == [3, 2, 3, 2, 3]


def test_jilin_2021_units_written_two_ways_group_together():
    campaign = examples.campaign("jilin-2021")
    by_unit = campaign.tasks_by_unit(Role.LEAD)
    assert "省市场监管厅" not in by_unit  # row 8 writes it short; it joins the long name's key
    assert [t.number for t in by_unit["省市场监督管理厅"]] == [1, 2, 4, 5, 6, 7, 8]
    assert campaign.tasks[0].title == "坚决维护疫苗接种工作顺利实施"
    assert campaign.tasks[9].deadline.due == D(2021, 6, 30)


def test_lingbi_2020_pdf_table():
    campaign = examples.campaign("lingbi-2020")
    tasks = campaign.tasks
    assert tasks[0].deadline.due == D(2020, 9, 30)
    assert tasks[8].deadline.due == D(2020, 11, 30)  # "11 月底前"
    assert tasks[9].deadline.kind is DeadlineKind.ONGOING  # 长期工作
    assert [u.name for u in tasks[2].responsibility.joint] == ["其他部门"]
    assert tasks[2].responsibility.joint[0].group
    assert tasks[14].content.endswith("维护医务人员尊严和生命安全。")  # row 15 spans a page break
    # Categories are the body's （一）… headings under 二、工作任务 and 三、保障措施.
    headings = {s.title for part in campaign.sections[1:3] for s in part.children}
    assert {t.category for t in tasks} <= headings and len({t.category for t in tasks}) == 5
    assert "医务人员凝聚在党的周围" in tasks[0].content


def test_shaanxi_2020_phases():
    notice = examples.notice("shaanxi-2020")
    assert str(notice.doc_number) == "陕卫办医发〔2020〕36号"
    assert notice.date == D(2020, 7, 15)
    campaign = notice.campaign
    assert [(p.name, p.start, p.end) for p in campaign.phases] == [
        ("全面清查、集中整治", None, D(2020, 8, 31)),
        ("专项督查、巩固提高", D(2020, 9, 1), D(2020, 10, 31)),
        ("总结通报", D(2020, 11, 1), D(2020, 12, 31)),
    ]
    assert [r.due.due for r in campaign.phases[2].reports] == [D(2020, 12, 15)]
    assert str(campaign.basis[0].doc_number) == "国卫医函〔2020〕192号"
    assert [t.deadline.kind for t in campaign.tasks] == [DeadlineKind.UNSPECIFIED] * 8
    assert [u.name for u in campaign.tasks[1].responsibility.leads] == ["医政医管局", "中医药管理局", "妇幼健康处"]
    text = json.dumps(dumps(notice), ensure_ascii=False)
    assert "诸静" not in text and "204704" not in text  # watermark dropped


def test_xinglongtai_2023():
    notice = examples.notice("xinglongtai-2023")
    campaign = notice.campaign
    assert [len(area.items) for area in campaign.negative_list] == [5] * 6
    item = campaign.negative_list_item("（二）2.（3）")
    assert item is not None and item.text.startswith("无正当理由采用医药价格和招采信用评级")
    assert [(p.name, p.start, p.end) for p in campaign.phases] == [
        ("自查自纠", None, D(2023, 9, 1)),
        ("集中整治", D(2023, 9, 1), D(2024, 5, 31)),
        ("总结整改", None, D(2024, 6, 30)),
    ]
    group = campaign.work_group
    assert [u.name for u in group.units] == ["区卫生健康局", "市公安局兴隆台分局", "区审计局", "区市场监管局", "市医保中心兴隆台分中心"]
    assert group.by_role(MemberRole.LEADER)[0].name == "盖波"
    assert len(group.by_role(MemberRole.LIAISON)) == 5
    assert [c.phone for c in campaign.reporting_channels] == ["0427-2811536", "0427-2912011", "0427-2969119"]
    assert {c.mailbox.postcode for c in campaign.reporting_channels} == {"124010"}
    assert [(l.kind, len(l.columns)) for l in campaign.ledgers] == [(LedgerKind.INSTITUTION, 14), (LedgerKind.PERSON, 15)]
    weekly = campaign.reports[0].due
    assert weekly.kind is DeadlineKind.RECURRING and weekly.next_due(D(2023, 9, 26)) == D(2023, 9, 28)
    assert len(campaign.basis) == 3 and len(campaign.attachments) == 4 and notice.attachments == ()


def _transcriber():
    spec = importlib.util.spec_from_file_location("transcribe_seeds", ROOT / "tools" / "transcribe_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the clone (present in CI)")
@pytest.mark.parametrize("name", examples.names())
def test_bundled_json_is_what_the_seeds_transcribe_to(name):
    transcriber = _transcriber()
    filename, build = transcriber.BUILDERS[name]
    seed = (SEEDS / filename).read_text(encoding="utf-8").split("\n")
    assert build(seed) == examples.notice(name)


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@pytest.mark.parametrize("name", ["jilin-2021", "lingbi-2020", "nhc-2022", "shaanxi-2020"])
def test_sample_workbooks_read_into_the_examples_tasks(name, engine):
    from yifeng.io import read_task_table

    assert examples.workbook_names() == ("jilin-2021", "lingbi-2020", "nhc-2022", "shaanxi-2020")
    table = read_task_table(examples.workbook(name), engine=engine)
    expected = examples.campaign(name).tasks
    assert [(t.number, t.category, t.title, t.content, t.deadline.due) for t in table.tasks] == [
        (t.number, t.category, t.title, t.content, t.deadline.due) for t in expected
    ]
    assert [t.responsibility.units for t in table.tasks] == [t.responsibility.units for t in expected]


def test_workbook_for_an_example_without_one():
    with pytest.raises(YifengError, match="没有附带分工表文件"):
        examples.workbook("xinglongtai-2023")
