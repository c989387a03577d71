"""Transcribe the five seed documents into the bundled example JSON.

Run from the repository root with the shared seeds beside it::

    python tools/transcribe_seeds.py [SEEDS_DIR]

The output, ``src/yifeng/examples/data/*.json``, is committed; this script records how
it was made so a reviewer can re-run it and diff. Text is taken from the seeds with only
PDF whitespace repaired (``yifeng._text.repair_cjk``). Facts that need a reader's eye —
dates, which cell a merged category covers, where seed 000's broken table rows start and
end — are written here explicitly, each with the seed line it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from yifeng._text import repair_cjk, squeeze
from yifeng.io import dump
from yifeng.model import (
    BasisDocument,
    Campaign,
    CampaignKind,
    Deadline,
    DocNumber,
    Ledger,
    LedgerKind,
    Level,
    MemberRole,
    NegativeListArea,
    NegativeListItem,
    Notice,
    Phase,
    PostalAddress,
    ReportingChannel,
    ReportRequirement,
    Responsibility,
    Section,
    Task,
    Unit,
    UnitDuty,
    WorkGroup,
    WorkGroupMember,
)
from yifeng.io._plaintext import parse_body, tab_rows
from yifeng.model._parts import first_sentence

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "yifeng" / "examples" / "data"

def between(lines: Sequence[str], start: str, end: str, *, after: int = 0) -> list[str]:
    """Lines from the first starting with ``start`` (at or after index ``after``) up to
    the next starting with ``end`` (exclusive)."""
    i = next(n for n in range(after, len(lines)) if lines[n].strip().startswith(start))
    j = next(n for n in range(i + 1, len(lines)) if lines[n].strip().startswith(end))
    return list(lines[i:j])


def task(number: int, category: str | None, title: str, content: str, resp: str, deadline: str,
         year: int) -> Task:
    content = repair_cjk(content)
    return Task(
        number=number,
        category=category,
        title=repair_cjk(title) if title else first_sentence(content),
        content=content,
        responsibility=Responsibility.parse(repair_cjk(resp)) if resp.strip() else Responsibility(),
        deadline=Deadline.parse(repair_cjk(deadline), year=year),
    )


def _check_tasks(tasks: Sequence[Task], expected: int) -> None:
    assert [t.number for t in tasks] == list(range(1, expected + 1)), [t.number for t in tasks]
    for t in tasks:
        assert not t.responsibility.is_empty, t


# ---------------------------------------------------------------------------------------
# Seed 000: 灵璧县 2020 实施方案 (a PDF copy; its 分工表 is flattened one cell per line)

# The merged category cells, read from the table (rows 4 and 10 repeat them with OCR
# slips, "工作商全面领导" and "流通域", which are the same merged cell on a new page).
_LINGBI_CATEGORIES = (
    (range(1, 5), "加强党对纠风工作的全面领导"),
    (range(5, 9), "严厉打击欺诈骗取医保基金行为"),
    (range(9, 13), "巩固医药流通领域改革成效"),
    (range(13, 18), "深入清理群众身边的医疗行业乱象"),
    (range(18, 21), "完善制度确保工作落实"),
)
# (content line ranges, responsibility line range or text, deadline) per row, by seed line.
_LINGBI_ROWS: tuple[tuple[tuple[tuple[int, int], ...], tuple[int, int] | str, str], ...] = (
    (((296, 302),), "机制有关成员单位", "9月底前"),
    (((308, 314),), "县卫生健康委", "年底前"),
    (((320, 326),), (328, 330), "年底前"),
    (((339, 349),), "县卫生健康委", "年底前"),
    (((359, 365),), (367, 371), "年底前"),
    (((376, 382),), (384, 388), "年底前"),
    (((394, 402),), (404, 408), "年底前"),
    (((412, 416),), (418, 424), "年底前"),
    (((430, 436),), (438, 444), "11 月底前"),
    (((453, 459),), (461, 465), "长期工作"),
    (((471, 477),), (479, 483), "10 月底前"),
    (((491, 499),), (501, 505), "年底前"),
    (((515, 523),), "县卫生健康委", "年底前"),
    (((528, 534),), (536, 540), "年底前"),
    (((544, 544), (548, 554), (564, 564)), (556, 560), "年底前"),
    (((571, 579),), "县卫生健康委", "年底前"),
    (((585, 597),), (599, 605), "年底前"),
    (((609, 609), (613, 619), (623, 623)), "县卫生健康委", "年底前"),
    (((628, 636),), (638, 640), "年底前"),
    (((645, 651),), (653, 657), "年底前"),
)


def lingbi(seed: list[str]) -> Notice:
    def span(a: int, b: int) -> str:
        return "\n".join(seed[a - 1 : b])

    year = 2020
    tasks = []
    for number, (content_spans, resp, deadline) in enumerate(_LINGBI_ROWS, start=1):
        category = next(name for rows, name in _LINGBI_CATEGORIES if number in rows)
        content = "\n".join(span(a, b) for a, b in content_spans)
        resp_text = resp if isinstance(resp, str) else span(*resp)
        tasks.append(task(number, category, "", content, resp_text, deadline, year))
    _check_tasks(tasks, 20)
    preamble, sections = parse_body(between(seed, "为深入贯彻落实", "附件："))
    title = "灵璧县2020年纠正医药购销领域和医疗服务中不正之风工作实施方案"
    table_title = "2020年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表"
    campaign = Campaign(
        title=title,
        kind=CampaignKind.IMPLEMENTATION_PLAN,
        level=Level.COUNTY,
        year=year,
        preamble=preamble,
        sections=sections,
        table_title=table_title,
        tasks=tuple(tasks),
        attachments=(table_title,),
    )
    # The seed is the plan alone: no 通知 frame, number, issuer or date survives in it.
    return Notice(title=title, campaign=campaign)


# ---------------------------------------------------------------------------------------
# Seed 001: 国卫医函〔2022〕84号, national 工作要点 from nine ministries

_NHC_ISSUERS = (
    "国家卫生健康委员会", "工业和信息化部", "公安部", "财政部", "商务部", "国家税务总局",
    "国家市场监督管理总局", "国家医疗保障局", "国家中医药管理局",
)


def nhc(seed: list[str]) -> Notice:
    year = 2022
    issuers = tuple(squeeze(line) for line in seed[6:15])
    assert issuers == _NHC_ISSUERS, issuers
    table = between(seed, "序号", "国家卫生健康委办公厅")[1:]
    rows = tab_rows(table, columns=5)
    sections_lines = between(seed, "2022 年纠正医药购销领域和医疗服务中不正之风专项治理工作的总体要求", "附件:")
    preamble, sections = parse_body(sections_lines)
    # Rows 1-3 lost their merged category cell in the copy; the body's 一、 heading names it.
    categories = {s.title for s in sections}
    tasks = []
    current = sections[0].title
    for number, (num, category, content, resp, deadline) in enumerate(rows, start=1):
        assert int(num) == number
        if category:
            current = squeeze(category)
            assert current in categories, current
        tasks.append(task(number, current, "", content, resp, deadline, year))
    _check_tasks(tasks, 13)
    table_title = "2022年纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表"
    campaign = Campaign(
        title="2022年纠正医药购销领域和医疗服务中不正之风工作要点",
        kind=CampaignKind.WORK_POINTS,
        level=Level.NATIONAL,
        year=year,
        issuers=_NHC_ISSUERS,
        preamble=preamble,
        sections=sections,
        table_title=table_title,
        tasks=tuple(tasks),
        attachments=(table_title,),  # the 工作要点's own 附件说明; the notice lists none
    )
    recipients_line = next(line for line in seed if line.startswith("各省、自治区"))
    return Notice(
        title=repair_cjk(next(line for line in seed if line.startswith("关于印发"))),
        doc_number=DocNumber.parse("国卫医函〔2022〕84号"),
        issuers=_NHC_ISSUERS,
        recipients=tuple(recipients_line.rstrip("：").split("，")),
        body=(repair_cjk("\n".join(between(seed, "现将", "(信息公开形式"))),),
        disclosure="主动公开",
        printed_by="国家卫生健康委办公厅",
        printed_on=dt.date(2022, 5, 26),
        proofreader="付文豪",
        campaign=campaign,
    )


# ---------------------------------------------------------------------------------------
# Seed 002: 吉林省 2021 分工表, one cell per line


def jilin(seed: list[str]) -> Notice:
    year = 2021
    cells = [line.strip() for line in seed if line.strip()]
    start = cells.index("完成时限") + 1
    tasks = []
    i = start
    while i < len(cells):
        number = int(cells[i])
        title, content, resp, deadline = cells[i + 1 : i + 5]
        tasks.append(task(number, None, title, content, resp, deadline, year))
        i += 5
    _check_tasks(tasks, 10)
    table_title = "2021年吉林省纠正医药购销领域和医疗服务中不正之风专项治理工作要点任务分工表"
    assert table_title == repair_cjk("".join(cells[1:3])), cells[1:3]
    campaign = Campaign(
        title="2021年吉林省纠正医药购销领域和医疗服务中不正之风专项治理工作要点",
        kind=CampaignKind.WORK_POINTS,
        level=Level.PROVINCIAL,
        year=year,
        table_title=table_title,
        tasks=tuple(tasks),
        attachments=(table_title,),
    )
    # The seed is the 附件 alone: the notice it was attached to is not part of it.
    return Notice(title=campaign.title, campaign=campaign)


# ---------------------------------------------------------------------------------------
# Seed 003: 陕卫办医发〔2020〕36号, provincial 行动方案 with phases


def shaanxi(seed: list[str]) -> Notice:
    year = 2020
    rows = tab_rows(between(seed, "序号", "陕西省卫生健康委办公室")[1:], columns=3)
    tasks = [task(int(n), None, title, "", resp, "", year) for n, title, resp in rows]
    _check_tasks(tasks, 8)
    preamble, sections = parse_body(between(seed, "为持续弘扬职业精神", "附件", after=20))
    steps = next(s for s in sections if s.title == "实施步骤")
    assert [c.title for c in steps.children] == [
        "全面清查、集中整治（2020年8月底前）",
        "专项督查、巩固提高（2020年9月至10月）",
        "总结通报（2020年11月至12月）",
    ]
    to = "省卫生健康委"
    phases = (
        Phase(
            number=1, name="全面清查、集中整治", period="2020年8月底前", end=dt.date(2020, 8, 31),
            tasks=steps.children[0].paragraphs,
            reports=(
                ReportRequirement(what="清理清查发现的行风问题正式书面报告",
                                  due=Deadline.parse("8月底前", year), to=to),
                ReportRequirement(what="行风问题的整改情况或处理结果",
                                  due=Deadline.parse("8月底前", year), to=to),
            ),
        ),
        Phase(
            number=2, name="专项督查、巩固提高", period="2020年9月至10月",
            start=dt.date(2020, 9, 1), end=dt.date(2020, 10, 31),
            tasks=steps.children[1].paragraphs,
        ),
        Phase(
            number=3, name="总结通报", period="2020年11月至12月",
            start=dt.date(2020, 11, 1), end=dt.date(2020, 12, 31),
            tasks=steps.children[2].paragraphs,
            reports=(
                ReportRequirement(what="专项行动整体工作情况书面总结",
                                  due=Deadline.parse("12月15日之前", year), to=to),
            ),
        ),
    )
    table_title = "2020年全省卫生健康行业作风专项整治行动任务分工表"
    campaign = Campaign(
        title="2020年全省卫生健康行业作风专项整治行动方案",
        kind=CampaignKind.ACTION_PLAN,
        level=Level.PROVINCIAL,
        year=year,
        issuers=("陕西省卫生健康委办公室",),
        basis=(
            BasisDocument(
                title="关于印发2020年纠正医药购销领域和医疗服务中不正之风工作要点的通知",
                doc_number=DocNumber.parse("国卫医函〔2020〕192号"),
            ),
        ),
        preamble=preamble,
        sections=sections,
        table_title=table_title,
        tasks=tuple(tasks),
        phases=phases,
        attachments=(table_title,),
    )
    recipients = next(line for line in seed if line.startswith("各设区市"))
    return Notice(
        title="陕西省卫生健康委办公室关于印发2020年全省卫生健康行业作风专项整治行动方案的通知",
        doc_number=DocNumber.parse(next(line for line in seed if line.startswith("陕卫办医发"))),
        issuers=("陕西省卫生健康委办公室",),
        recipients=tuple(recipients.rstrip("：").split("，")),
        body=(repair_cjk("\n".join(between(seed, "新型冠状病毒", "陕西省卫生健康委办公室"))),),
        signature=("陕西省卫生健康委办公室",),
        date=dt.date(2020, 7, 15),
        disclosure="主动公开",
        printed_by="陕西省卫生健康委办公室",
        printed_on=dt.date(2020, 7, 15),
        proofreader="李源",
        campaign=campaign,
    )


# ---------------------------------------------------------------------------------------
# Seed 004: 兴隆台区 2023 集中整治工作方案 with its negative list, work group and ledgers


def _negative_list(section: Section) -> tuple[NegativeListArea, ...]:
    areas = []
    for area_section in section.children:
        number = area_section.number
        assert number is not None
        parts = {child.title: child for child in area_section.children}
        scope, listing, owners = parts["整治范围"], parts["负面清单"], next(
            child for child in area_section.children if child.title in ("责任单位", "责任部门")
        )
        items = tuple(
            NegativeListItem(area=number, number=item.number or 0,
                             text=item.title + "".join(item.paragraphs))
            for item in listing.children
        )
        areas.append(
            NegativeListArea(
                number=number,
                title=area_section.title,
                scope="".join(scope.paragraphs),
                focus="".join(listing.paragraphs),
                items=items,
                responsibility=Responsibility.parse("".join(owners.paragraphs)),
            )
        )
    return tuple(areas)


_XLT_MEMBERS = (
    (MemberRole.LEADER, "盖波", "区卫生健康局", "党组书记、局长"),
    (MemberRole.DEPUTY, "黄龙庆", "区卫生健康局", "党组成员、副局长"),
    (MemberRole.MEMBER, "王东川", "市公安局兴隆台分局", "副局长"),
    (MemberRole.MEMBER, "许静", "区审计事务服务中心", "主任"),
    (MemberRole.MEMBER, "王大庆", "区市场监管局", "党组成员、副局长"),
    (MemberRole.MEMBER, "张宇", "市医疗保障事务服务中心兴隆台分中心", "副书记"),
    (MemberRole.LIAISON, "李祎", "区卫生健康局", "综合办公室主任"),
    (MemberRole.LIAISON, "郭洪志", "市公安局兴隆台分局", "刑侦大队大队长"),
    (MemberRole.LIAISON, "孙撼宇", "区市审计事务中心", "副主任"),
    (MemberRole.LIAISON, "刘宇新", "区市场监管局", "价格监督检查和反不正当竞争股股长"),
    (MemberRole.LIAISON, "张曦", "市医疗保障事务服务中心兴隆台分中心", "稽核股股长"),
)


def _members(seed: list[str]) -> tuple[WorkGroupMember, ...]:
    block = squeeze("".join(between(seed, "组  长", "附件 2")))
    members = []
    for role, name, unit, title in _XLT_MEMBERS:
        assert name + unit + title in block, (name, unit, title)
        members.append(WorkGroupMember(role=role, name=name, unit=unit, title=title))
    return tuple(members)


def _channels(seed: list[str]) -> tuple[ReportingChannel, ...]:
    block = [line.strip() for line in between(seed, "兴隆台区卫生健康局", "- 23 -", after=170)]
    block = [line for line in block if line]
    channels = []
    for i in range(0, len(block), 4):
        org, phone, mailbox, email = block[i : i + 4]
        address, _, postcode = mailbox.split("：", 1)[-1].split(":", 1)[-1].strip().rpartition("，")
        where, _, recipient = address.partition("，")
        channels.append(
            ReportingChannel(
                organisation=org,
                phone=squeeze(re.split(r"[：:]", phone, maxsplit=1)[1]),
                mailbox=PostalAddress(
                    address=where.strip() if recipient else address.strip(),
                    recipient=recipient.strip(),
                    postcode=postcode.strip(),
                ),
                email=re.split(r"[：:]", email, maxsplit=1)[1].strip(),
            )
        )
    return tuple(channels)


def xinglongtai(seed: list[str]) -> Notice:
    year = 2023
    preamble, sections = parse_body(between(seed, "为深入贯彻落实习近平总书记", "附件："))
    negative = _negative_list(next(s for s in sections if s.title == "整治内容"))
    assert [len(a.items) for a in negative] == [5] * 6
    timeline = next(s for s in sections if s.title == "时间安排及工作措施")
    stage = {child.label: child for child in timeline.children}

    def phase(number: int, label: str, period: str, start: dt.date | None,
              end: dt.date) -> Phase:
        node = stage[label]
        name = re.split(r"[（(]", node.title)[0]
        assert re.fullmatch(rf"{name}[（(]{period}[）)]", node.title), node.title
        return Phase(
            number=number, name=name, period=period, start=start, end=end,
            tasks=tuple(p.removeprefix("工作任务：") for p in node.paragraphs
                        if p.startswith("工作任务")),
            measures=tuple(
                f"{child.label}{child.title}。{''.join(child.paragraphs)}"
                for child in node.children
            ),
        )

    phases = (
        phase(1, "第一阶段：", "2023年9月1日前", None, dt.date(2023, 9, 1)),
        phase(2, "第二阶段：", "2023年9月1日-2024年5月底", dt.date(2023, 9, 1), dt.date(2024, 5, 31)),
        phase(3, "第三阶段：", "2024年6月底前", None, dt.date(2024, 6, 30)),
    )
    unit_names = ("区卫生健康局", "市公安局兴隆台分局", "区审计局", "区市场监管局", "市医保中心兴隆台分中心")
    listing = squeeze("".join(between(seed, "工作专班成员单位为", "工作专班设在")))
    assert "、".join(unit_names) in listing
    duties = []
    for line in between(seed, "卫生健康部门：", "五、兴隆台区"):
        if line.strip():
            department, _, duty = line.strip().partition("：")
            duties.append(UnitDuty(department=department, duty=duty))
    group_name = "兴隆台区医药领域腐败问题集中整治工作专班"
    work_group = WorkGroup(
        name=group_name,
        office="区卫生健康局",
        units=tuple(Unit.of(name) for name in unit_names),
        members=_members(seed),
        duties=tuple(duties),
    )
    basis = (
        BasisDocument(title="关于开展全国医药领域腐败问题集中整治工作的指导意见",
                      doc_number=DocNumber.parse("国卫医急发〔2023〕19号")),
        BasisDocument(title="关于印发<辽宁省医药领域腐败问题集中整治工作方案>的通知",
                      doc_number=DocNumber.parse("辽卫发〔2023〕56号")),
        BasisDocument(title="关于印发<盘锦市医药领域腐败问题集中整治工作方案>的通知",
                      doc_number=DocNumber.parse("盘卫发〔2023〕64号")),
    )
    for document in basis:
        assert f"《{document.title}》（{document.doc_number}）" in preamble[0], document
    attachments = tuple(
        re.sub(r"^(附件：)?\d\.", "", line.strip())
        for line in between(seed, "附件：1.", "附件1")
        if line.strip()
    )
    assert len(attachments) == 4, attachments
    campaign = Campaign(
        title="兴隆台区医药领域腐败问题集中整治工作方案",
        kind=CampaignKind.WORK_PLAN,
        level=Level.DISTRICT,
        year=year,
        start=dt.date(2023, 8, 1),
        end=dt.date(2024, 6, 30),
        basis=basis,
        preamble=preamble,
        sections=sections,
        negative_list=negative,
        phases=phases,
        reports=(
            ReportRequirement(
                what="工作台账及本周开展的重要工作进展情况文字材料",
                due=Deadline.parse("每周四下班前"),
                to="区级工作专班",
            ),
        ),
        work_group=work_group,
        reporting_channels=_channels(seed),
        ledgers=(
            Ledger(kind=LedgerKind.INSTITUTION, title="兴隆台区医药领域腐败问题集中整治工作台账（机构）"),
            Ledger(kind=LedgerKind.PERSON, title="兴隆台区医药领域腐败问题集中整治工作台账（个人）"),
        ),
        attachments=attachments,  # listed at the end of the plan, not in the notice
    )
    return Notice(
        title="关于印发《兴隆台区医药领域腐败问题集中整治工作方案》的通知",
        recipients=tuple(seed[3].strip().rstrip(":：").split("，")),
        body=(seed[4].strip(),),
        campaign=campaign,
    )


BUILDERS = {
    "lingbi-2020": ("000_d2635a2325616082.txt", lingbi),
    "nhc-2022": ("001_d1119aa08669602f.txt", nhc),
    "jilin-2021": ("002_a1a10467b45f109d.txt", jilin),
    "shaanxi-2020": ("003_bde7776c8c36b63e.txt", shaanxi),
    "xinglongtai-2023": ("004_d21604ffad54ed5a.txt", xinglongtai),
}


def main(argv: Sequence[str]) -> None:
    seeds = Path(argv[0]) if argv else ROOT.parent / "shared" / "seeds"
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (filename, build) in BUILDERS.items():
        seed = (seeds / filename).read_text(encoding="utf-8").split("\n")
        notice = build(seed)
        dump(notice, OUT / f"{name}.json")
        campaign = notice.campaign
        assert campaign is not None
        print(f"{name}: {len(campaign.tasks)} tasks, {len(campaign.sections)} sections, "
              f"{len(campaign.phases)} phases, {len(campaign.negative_list_items)} negative-list items")


if __name__ == "__main__":
    main(sys.argv[1:])
