"""Reading the five seed documents, as text and as .docx, into notices."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document

from yifeng import examples
from yifeng.errors import TableFormatError
from yifeng.io import read_notice_docx, read_notice_text
from yifeng.model import DeadlineKind, LedgerKind, Level, MemberRole

D = dt.date
SEEDS = Path(__file__).parent / "data" / "seeds"
FILES = {"lingbi-2020": "000_d2635a2325616082.txt", "nhc-2022": "001_d1119aa08669602f.txt",
         "jilin-2021": "002_a1a10467b45f109d.txt", "shaanxi-2020": "003_bde7776c8c36b63e.txt",
         "xinglongtai-2023": "004_d21604ffad54ed5a.txt"}


def seed(name):
    return (SEEDS / FILES[name]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def read():
    return {name: read_notice_text(seed(name)) for name in FILES}


def same_tasks(actual, expected):
    assert [t.number for t in actual] == [t.number for t in expected]
    for got, want in zip(actual, expected):
        assert got.content == want.content, got.number
        assert got.title == want.title, got.number
        r1, r2 = got.responsibility, want.responsibility
        assert (r1.leads, r1.supports, r1.joint) == (r2.leads, r2.supports, r2.joint), got.number
        assert (got.deadline.kind, got.deadline.due) == (want.deadline.kind, want.deadline.due), got.number


@pytest.mark.parametrize(("name", "count"), [("lingbi-2020", 20), ("nhc-2022", 13), ("jilin-2021", 10), ("shaanxi-2020", 8)])
def test_tasks_of_every_table_layout(read, name, count):
    """000: one cell per line, cells broken, numbers on their own lines; 001: tab rows
    broken across pages; 002: one cell per line; 003: tab rows without deadlines."""
    tasks = read[name].campaign.tasks
    assert len(tasks) == count
    same_tasks(tasks, examples.campaign(name).tasks)


def test_seed_001_frame(read):
    notice = read["nhc-2022"]
    assert str(notice.doc_number) == "国卫医函〔2022〕84号"
    assert notice.issuers == examples.notice("nhc-2022").issuers and len(notice.issuers) == 9
    assert notice.title == "关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知"
    assert len(notice.recipients) == 3 and notice.recipients[0].startswith("各省、自治区、直辖市卫生健康委")
    assert (notice.printed_by, notice.printed_on) == ("国家卫生健康委办公厅", D(2022, 5, 26))
    assert (notice.disclosure, notice.proofreader) == ("主动公开", "付文豪")
    assert notice.body == ("现将《2022年纠正医药购销领域和医疗服务中不正之风工作要点》印发给你们，请结合实际，认真贯彻执行。",)
    campaign = notice.campaign
    assert (campaign.title, campaign.level, campaign.year) == ("2022年纠正医药购销领域和医疗服务中不正之风工作要点", Level.NATIONAL, 2022)
    # Written by reading the seed: its five parts (一、 to 五、) and their items (（一）…（十三）).
    assert [s.title for s in campaign.sections] == [
        "持续提升纠风工作治理水平", "扎实做好疫情防控领域纠风工作", "深入开展医疗领域乱象治理",
        "严厉打击医药购销领域非法利益链条", "着力推进工作落实",
    ]
    assert [len(s.children) for s in campaign.sections] == [3, 2, 3, 2, 3]
    assert campaign.attachments == ("2022年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表",)


def test_seed_003_phases_and_basis(read):
    notice = read["shaanxi-2020"]
    assert str(notice.doc_number) == "陕卫办医发〔2020〕36号"
    assert notice.issuers == ("陕西省卫生健康委办公室",) and len(notice.recipients) == 4
    assert (notice.signature, notice.date) == (("陕西省卫生健康委办公室",), D(2020, 7, 15))
    campaign = notice.campaign
    assert [(p.name, p.start, p.end) for p in campaign.phases] == [
        ("全面清查、集中整治", None, D(2020, 8, 31)),
        ("专项督查、巩固提高", D(2020, 9, 1), D(2020, 10, 31)),
        ("总结通报", D(2020, 11, 1), D(2020, 12, 31)),
    ]
    assert [str(b.doc_number) for b in campaign.basis] == ["国卫医函〔2020〕192号"]
    everything = " ".join(p for s in campaign.sections for node in s.walk() for p in node.paragraphs)
    assert "诸静" not in everything and "204704" not in everything  # the watermark is gone


def test_seed_004_negative_list_work_group_channels(read):
    notice = read["xinglongtai-2023"]
    assert notice.title == "关于印发《兴隆台区医药领域腐败问题集中整治工作方案》的通知"
    campaign = notice.campaign
    assert (campaign.level, campaign.year, campaign.start, campaign.end) == (Level.DISTRICT, 2023, D(2023, 8, 1), D(2024, 6, 30))
    # Written by reading the seed: six 整治行动 of five 负面清单 items each.
    assert [len(area.items) for area in campaign.negative_list] == [5] * 6
    assert [area.title for area in campaign.negative_list] == [
        "医药领域行政管理部门以权寻租的腐败问题集中整治行动",
        "医疗卫生机构内“关键少数”和关键岗位腐败问题集中整治行动",
        "接受医药领域行政部门管理指导的社会组织利用工作便利牟取利益腐败问题集中整治行动",
        "涉及医保基金使用腐败问题集中整治行动",
        "医药生产经营企业在购销领域腐败问题集中整治行动",
        "医务人员违反《医疗机构工作人员廉洁从业九项准则》问题集中整治行动",
    ]
    second = campaign.negative_list[1]
    assert second.scope == "全区公立医疗卫生机构及社会办非营利性医疗卫生机构。"
    assert second.focus == "聚焦药品、器械、耗材“带金销售”等易发多发腐败问题。"
    assert [u.name for u in second.responsibility.leads] == ["区卫生健康局"]
    assert [u.name for u in second.responsibility.supports] == ["工作专班其他成员单位"]
    assert [u.name for u in campaign.negative_list[3].responsibility.leads] == ["市医保中心兴隆台分中心"]
    assert campaign.negative_list_item("（六）2.（5）").text.startswith("经线上或线下途径转介患者")
    expected = examples.campaign("xinglongtai-2023")
    assert [(p.name, p.start, p.end) for p in campaign.phases] == [(p.name, p.start, p.end) for p in expected.phases]
    group = campaign.work_group
    assert [u.name for u in group.units] == [u.name for u in expected.work_group.units] and len(group.units) == 5
    assert group.members == expected.work_group.members
    assert group.by_role(MemberRole.LEADER)[0].title == "党组书记、局长"
    assert campaign.reporting_channels == expected.reporting_channels
    assert [str(b.doc_number) for b in campaign.basis] == ["国卫医急发〔2023〕19号", "辽卫发〔2023〕56号", "盘卫发〔2023〕64号"]
    assert [(l.kind, len(l.columns)) for l in campaign.ledgers] == [(LedgerKind.INSTITUTION, 14), (LedgerKind.PERSON, 15)]
    assert len(campaign.attachments) == 4


def test_seed_000_pdf_debris_is_dropped(read):
    campaign = read["lingbi-2020"].campaign
    assert campaign.title == "灵璧县2020年纠正医药购销领域和医疗服务中不正之风工作实施方案"
    assert (campaign.level, campaign.year) == (Level.COUNTY, 2020)
    assert not any("A m" in t.content or "即 k" in t.content for t in campaign.tasks)
    assert campaign.tasks[14].content.endswith("维护医务人员尊严和生命安全。")  # the row split around its number
    assert campaign.tasks[8].deadline.due == D(2020, 11, 30)


def _docx_with_table(name: str, text_lines: list[str], after: list[str]) -> bytes:
    """A Word file as an office would have it: the text, then the 分工表 as a real table
    with the 重点任务 header over two columns and categories merged down."""
    document = Document()
    for line in text_lines:
        document.add_paragraph(line)
    tasks = examples.campaign(name).tasks
    has_categories = any(t.category for t in tasks)
    table = document.add_table(rows=1 + len(tasks), cols=5)
    for i, header in enumerate(["序号", "重点任务", "", "责任单位", "完成时限"]):
        table.rows[0].cells[i].text = header
    table.rows[0].cells[1].merge(table.rows[0].cells[2]).text = "重点任务"
    runs: dict[str, list[int]] = {}
    for r, task in enumerate(tasks, start=1):
        cells = table.rows[r].cells
        cells[0].text = str(task.number)
        cells[2].text = task.content
        cells[3].text = task.responsibility.text
        cells[4].text = task.deadline.text
        if has_categories:
            runs.setdefault(task.category, []).append(r)
        else:
            cells[1].text = task.title
    for category, rows in runs.items():
        table.rows[rows[0]].cells[1].text = category
        if len(rows) > 1:
            table.rows[rows[0]].cells[1].merge(table.rows[rows[-1]].cells[1])
    for line in after:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["nhc-2022", "jilin-2021"])
def test_docx_with_a_real_table(name):
    lines = seed(name).split("\n")
    header = next(i for i, line in enumerate(lines) if re.sub(r"\s", "", line) == "序号" or line.startswith("序号\t"))
    end = next((i for i, line in enumerate(lines) if line.startswith("国家卫生健康委办公厅")), len(lines))
    notice = read_notice_docx(io.BytesIO(_docx_with_table(name, lines[:header], lines[end:])))
    same_tasks(notice.campaign.tasks, examples.campaign(name).tasks)
    assert [t.category for t in notice.campaign.tasks] == [t.category for t in examples.campaign(name).tasks]
    assert {d.code for d in notice.diagnostics} <= {"deadline-missing"}  # seed 001's row 8 is empty
    if name == "nhc-2022":
        assert str(notice.doc_number) == "国卫医函〔2022〕84号" and notice.printed_on == D(2022, 5, 26)


def test_docx_paragraphs_only(tmp_path):
    document = Document()
    for line in seed("shaanxi-2020").split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "n.docx")
    notice = read_notice_docx(tmp_path / "n.docx")
    assert str(notice.doc_number) == "陕卫办医发〔2020〕36号" and len(notice.campaign.tasks) == 8


def test_not_a_docx(tmp_path):
    (tmp_path / "n.docx").write_text("just text")
    with pytest.raises(TableFormatError, match="不是可读取的 Word 文件"):
        read_notice_docx(tmp_path / "n.docx")


def test_nothing_recognisable_is_reported():
    notice = read_notice_text("今天天气很好。\n我们去公园散步。")
    assert notice.campaign is None or not notice.campaign.tasks
    assert [d.code for d in notice.diagnostics] == ["plan-not-found"]


def test_reading_then_rendering_gives_the_same_notice(tmp_path, read):
    from yifeng.render import render_notice

    render_notice(read["shaanxi-2020"], tmp_path / "n.docx")
    texts = [p.text for p in Document(tmp_path / "n.docx").paragraphs]
    assert "陕卫办医发〔2020〕36号" in texts and "2020年7月15日" in texts
    table = Document(tmp_path / "n.docx").tables[0]
    assert [r.cells[0].text for r in table.rows[1:]] == [str(n) for n in range(1, 9)]


def test_deadlines_without_dates_stay_as_written(read):
    tasks = read["nhc-2022"].campaign.tasks
    assert tasks[7].deadline.kind is DeadlineKind.UNSPECIFIED  # the empty cell


def test_tab_stops_are_not_text(tmp_path):
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    document = Document()
    paragraph = document.add_paragraph("国卫医函〔2022〕84号")
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(50), WD_TAB_ALIGNMENT.LEFT)
    document.save(tmp_path / "n.docx")
    assert str(read_notice_docx(tmp_path / "n.docx").doc_number) == "国卫医函〔2022〕84号"


def test_report_by_dates_inside_the_text(read):
    phases = read["shaanxi-2020"].campaign.phases
    assert [(r.due.due, r.to) for r in phases[0].reports] == [(D(2020, 8, 31), "省卫生健康委")] * 2
    assert phases[0].reports[1].what == "行风问题的整改情况或处理结果"
    assert [r.due.due for r in phases[2].reports] == [D(2020, 12, 15)]
    [weekly] = read["xinglongtai-2023"].campaign.reports
    assert (weekly.due.recurrence, weekly.to) == ("FREQ=WEEKLY;BYDAY=TH", "区级工作专班")
    assert weekly.what.endswith("工作台账及本周开展的重要工作进展情况文字材料")


def test_year_from_the_plan_keeps_remarks_and_row_sources(tmp_path):
    document = Document()
    for line in ("某县2023年医药领域腐败问题集中整治工作方案", "一、工作任务", "（一）开展自查。", "", "附件", "",
                 "任务分工表", ""):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=5)
    for i, text in enumerate(["序号", "重点任务", "责任单位", "完成时限", "备注"]):
        table.rows[0].cells[i].text = text
    for i, text in enumerate(["1", "开展自查自纠。", "县卫生健康委", "9月底前", "每周调度"]):
        table.rows[1].cells[i].text = text
    document.save(tmp_path / "n.docx")
    [task] = read_notice_docx(tmp_path / "n.docx").campaign.tasks
    assert task.deadline.due == D(2023, 9, 30)  # the year comes from the plan's title
    assert task.remark == "每周调度" and task.source is not None and task.source.row == 2


def test_seed_004_attachments_in_another_order_are_read_alike():
    """Attachments are known by their own titles, not their numbers."""
    lines = seed("xinglongtai-2023").split("\n")
    first = next(i for i, line in enumerate(lines) if re.sub(r"\s", "", line) == "附件1")
    second = next(i for i, line in enumerate(lines) if re.sub(r"\s", "", line) == "附件2")
    third = next(i for i, line in enumerate(lines) if re.sub(r"\s", "", line) == "附件3")
    swapped = lines[:first] + ["附件1"] + lines[second + 1:third] + ["附件2"] + lines[first + 1:second] + lines[third:]
    campaign = read_notice_text("\n".join(swapped)).campaign
    expected = examples.campaign("xinglongtai-2023")
    assert campaign.work_group.members == expected.work_group.members
    assert campaign.reporting_channels == expected.reporting_channels


def test_a_plan_without_numbered_tasks_says_so():
    notice = read_notice_text(seed("xinglongtai-2023"))
    [none] = [d for d in notice.diagnostics if d.code == "tasks-none"]
    assert "负面清单 6 方面 30 项" in none.message


FRAME = """国 家 卫 生 健 康 委 员 会
教 育 部
财 政 部
（国卫医发〔2024〕 8 号）

国家卫生健康委 教育部 财政部关于印发
医疗卫生机构行风建设
实施方案的通知

各省、自治区、直辖市卫生健康委、教育厅（教委）、
财政厅（局）：
现将《医疗卫生机构行风建设实施方案》印发给你们，请认真贯彻执行。
附件：1.医疗卫生机构行风建设实施方案
      2.任务分工表

国家卫生健康委        教育部
财政部
二〇二四年三月五日
（信息公开形式：主动公开）
"""


def test_the_frame_by_its_structure():
    """A head shaped as GB/T 9704 allows: spaced-out issuers, a bracketed 文号 with a space,
    a title over three lines with its issuers before 关于, 主送 over two lines, an
    attachment list, a signature two to a line and a date in characters."""
    notice = read_notice_text(FRAME)
    assert str(notice.doc_number) == "国卫医发〔2024〕8号"
    assert notice.issuers == ("国家卫生健康委员会", "教育部", "财政部")
    assert notice.title == "国家卫生健康委 教育部 财政部关于印发医疗卫生机构行风建设实施方案的通知"
    assert notice.recipients == ("各省、自治区、直辖市卫生健康委、教育厅（教委）、财政厅（局）",)
    assert notice.signature == ("国家卫生健康委", "教育部", "财政部")
    assert notice.date == D(2024, 3, 5) and notice.disclosure == "主动公开"
    assert notice.campaign.year == 2024


@pytest.mark.parametrize(
    "line", ["国卫医函〔2022〕84号", "\ufeff国卫医函[2022] 84 号", "（国卫医函〔2022〕84 号）", "国卫医函【2022】84号"]
)
def test_the_doc_number_in_any_brackets(line):
    notice = read_notice_text(f"{line}\n关于做好2022年纠风工作的通知\n各省卫生健康委：\n一、加强领导\n（一）压实责任。各地要落实。")
    assert str(notice.doc_number) == "国卫医函〔2022〕84号"


def test_footer_lines_are_not_the_title_or_the_signature():
    text = seed("nhc-2022") + "\n相关链接：《关于印发2022年纠风工作要点的通知》政策解读\n"
    notice = read_notice_text(text)
    assert notice.title == "关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知"


def test_the_year_is_never_a_target_year():
    text = ("国卫办医政发〔2025〕32号\n关于印发老年护理服务能力提升行动方案的通知\n各省卫生健康委：\n现将方案印发给你们。\n"
            "国家卫生健康委办公厅\n2025年12月1日\n老年护理服务能力提升行动方案\n一、工作目标\n到2027年，服务能力明显提升。\n"
            "二、重点任务\n（一）扩大资源供给。各地要在11月底前完成摸底。")
    campaign = read_notice_text(text).campaign
    assert campaign.year == 2025
    [task] = campaign.tasks
    assert task.deadline.due == D(2025, 11, 30)


PROSE = """某县医药领域腐败问题集中整治工作方案
一、总体要求
以习近平新时代中国特色社会主义思想为指导。
二、重点任务
（一）规范医疗服务行为
1.开展自查自纠。各医疗机构对照负面清单开展自查（县卫生健康委牵头，县医保局、县市场监管局配合）。
2.严查回扣问题。
对收受回扣的从严查处，于2024年6月底前完成（县卫生健康委、县公安局按职责分工负责）。
（二）加强医保基金监管
1.开展专项检查。对定点医疗机构开展检查。
责任单位：县医保局
完成时限：2024年底前
三、保障措施
（一）加强组织领导。成立工作专班。
"""


def test_tasks_written_as_prose():
    """Numbered paragraphs under 重点任务: category from the heading, numbers as printed
    (restarting under each category), units from the designation, deadlines from the text."""
    tasks = read_notice_text(PROSE).campaign.tasks
    assert [(t.category, t.number, t.title) for t in tasks] == [
        ("规范医疗服务行为", 1, "开展自查自纠"),
        ("规范医疗服务行为", 2, "严查回扣问题"),
        ("加强医保基金监管", 1, "开展专项检查"),
    ]
    first, second, third = tasks
    assert ([u.name for u in first.responsibility.leads], [u.name for u in first.responsibility.supports]) == (
        ["县卫生健康委"], ["县医保局", "县市场监管局"])
    assert [u.name for u in second.responsibility.leads] == ["县卫生健康委", "县公安局"]
    assert (second.deadline.text, second.deadline.due) == ("2024年6月底前", D(2024, 6, 30))
    assert [u.name for u in third.responsibility.leads] == ["县医保局"]
    assert third.deadline.due == D(2024, 12, 31)
    assert second.source.line == 7


def test_a_lost_line_is_reported_not_silent():
    damaged = PROSE.replace("2.严查回扣问题。\n", "")
    notice = read_notice_text(damaged)
    assert len(notice.campaign.tasks) == 2
    # Its text joins the task above, which now names units twice: said, and nothing dropped.
    assert "对收受回扣" in notice.campaign.tasks[0].content
    [problem] = notice.diagnostics
    assert (problem.code, problem.line) == ("task-designated-twice", 6)
    assert "县卫生健康委、县公安局按职责分工负责" in problem.message


def test_a_plan_issued_as_the_notice_s_attachment():
    text = """国卫医急发〔2023〕19号
关于印发医药领域腐败问题集中整治工作方案的通知
各省卫生健康委：
现将《医药领域腐败问题集中整治工作方案》印发给你们，请认真贯彻执行。
附件：医药领域腐败问题集中整治工作方案
国家卫生健康委办公厅
2023年7月20日
附件
医药领域腐败问题集中整治工作方案
一、重点任务
（一）开展自查自纠。各单位开展自查（国家卫生健康委牵头，国家医保局配合）。
（二）严肃查处问题。对问题从严查处（国家卫生健康委、公安部按职责分工负责）。
二、工作要求
（一）加强组织领导。各地要加强领导。"""
    notice = read_notice_text(text)
    assert notice.attachments == ("医药领域腐败问题集中整治工作方案",)
    assert notice.body == ("现将《医药领域腐败问题集中整治工作方案》印发给你们，请认真贯彻执行。",)
    campaign = notice.campaign
    assert (campaign.title, campaign.year) == ("医药领域腐败问题集中整治工作方案", 2023)
    assert [(t.number, t.title, [u.name for u in t.responsibility.leads]) for t in campaign.tasks] == [
        (1, "开展自查自纠", ["国家卫生健康委"]), (2, "严肃查处问题", ["国家卫生健康委", "公安部"])]
    assert not notice.diagnostics
