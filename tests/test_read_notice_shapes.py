"""Shapes of notices and plans that none of the corpus documents has, each read whole.

The texts are put together from phrases of real notices (the wording of 湘卫、浙卫、国卫
documents) so that one test holds one shape: a point carrying its own designation, a
table with one cell per line inside a section, a 文件 letterhead with a 版记, a notice
that issues a plan the text does not hold. Each expected value was written by reading
the text.
"""

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from yifeng.io import read_notice_docx, read_notice_text
from yifeng.model import DeadlineKind, Level

D = dt.date


def names(units):
    return [u.name for u in units]


def rows(tasks):
    return [(t.number, t.category, t.title, names(t.responsibility.leads), names(t.responsibility.supports),
             t.deadline.due) for t in tasks]


POINTS_WITH_THEIR_OWN_UNITS = """XX省改善就医感受提升患者体验行动实施方案
一、总体要求
坚持以人民为中心。
二、重点任务
（一）优化预约诊疗服务。全面推行分时段预约诊疗。（省卫生健康委牵头，省医保局配合，2024年6月底前完成）
（二）加强门诊服务。
1.优化门诊流程，减少患者排队时间。责任单位：省卫生健康委、省中医药管理局。完成时限：2024年9月底前。
2.推广诊间结算。
责任单位：省医保局牵头，省卫生健康委配合
完成时限：2024年12月底前
（三）开展全员培训。
1.组织乡村医生培训，每年不少于2次。
2.开展骨干医师进修。
（省卫生健康委负责，2024年10月底前完成）
三、保障措施
（一）加强组织领导。各地要高度重视。
"""


def test_points_that_name_their_own_units_are_tasks():
    """Under "（二）加强门诊服务。" each point names its units: two tasks of that category.
    Under "（三）开展全员培训。" the points share the designation at the end: one task."""
    tasks = read_notice_text(POINTS_WITH_THEIR_OWN_UNITS).campaign.tasks
    assert rows(tasks) == [
        (1, None, "优化预约诊疗服务", ["省卫生健康委"], ["省医保局"], D(2024, 6, 30)),
        (1, "加强门诊服务", "优化门诊流程，减少患者排队时间", ["省卫生健康委", "省中医药管理局"], [], D(2024, 9, 30)),
        (2, "加强门诊服务", "推广诊间结算", ["省医保局"], ["省卫生健康委"], D(2024, 12, 31)),
        (3, None, "开展全员培训", ["省卫生健康委"], [], D(2024, 10, 31)),
    ]
    assert "开展骨干医师进修" in tasks[-1].content


NOTICE_WITHOUT_ITS_PLAN = """国家卫生健康委 国家发展改革委 财政部
人力资源社会保障部 国家医保局 国家中医药局
关于印发进一步改善护理服务行动计划
（2023—2025年）的通知

国卫医政发〔2023〕16号

各省、自治区、直辖市及新疆生产建设兵团卫生健康委、发展改革委、财政厅（局）、人力资源社会保障厅（局）、医保局、中医药局：
为贯彻落实党中央、国务院决策部署，我们制定了《进一步改善护理服务行动计划（2023—2025年）》。现印发给你们，请认真贯彻执行。

国家卫生健康委　　　　　　国家发展改革委
财　政　部　　　　　　　　人力资源社会保障部
国家医保局　　　　　　　　国家中医药局
2023年6月15日
"""


def test_a_notice_whose_plan_is_missing_says_which_plan():
    notice = read_notice_text(NOTICE_WITHOUT_ITS_PLAN)
    assert str(notice.doc_number) == "国卫医政发〔2023〕16号"
    assert notice.signature == ("国家卫生健康委", "国家发展改革委", "财政部", "人力资源社会保障部", "国家医保局", "国家中医药局")
    assert notice.date == D(2023, 6, 15)
    assert not notice.campaign.tasks
    [problem] = notice.diagnostics
    assert problem.code == "plan-absent"
    assert "进一步改善护理服务行动计划（2023—2025年）" in problem.message


CELLS_ONE_PER_LINE = """重点任务分工表
序号
重点任务
牵头单位
配合单位
完成时限
1
规范诊疗行为，开展不合理检查专项检查。
市卫生健康委
市医保局
2024年6月底前
2
打击欺诈骗保。
市医保局
2024年12月底前
3
加强宣传。
市卫生健康委
市委宣传部
市委网信办
长期坚持
"""


def test_a_table_alone_one_cell_per_line_with_rows_of_unequal_length():
    """A row without a 配合单位 and a row with two lines of 配合单位: each cell goes to the
    column its content fits, not to the next column in order."""
    campaign = read_notice_text(CELLS_ONE_PER_LINE).campaign
    assert campaign.title == "重点任务分工表"
    assert [(t.number, names(t.responsibility.leads), names(t.responsibility.supports), t.deadline.kind)
            for t in campaign.tasks] == [
        (1, ["市卫生健康委"], ["市医保局"], DeadlineKind.BY_DATE),
        (2, ["市医保局"], [], DeadlineKind.BY_DATE),
        (3, ["市卫生健康委"], ["市委宣传部", "市委网信办"], DeadlineKind.ONGOING),
    ]
    assert [t.source.line for t in campaign.tasks] == [7, 12, 16]


TABLE_INSIDE_A_SECTION = """XX区卫生健康局关于开展2024年医疗质量提升工作的通知

各社区卫生服务中心，区属各医疗机构：
现将有关工作通知如下。
一、工作任务
具体任务见下表。
序号
工作任务
责任单位
完成时限
1
完善医疗质量管理制度，健全院科两级质控体系。
区卫生健康局医政科
2024年5月底前
2
开展病历质量专项检查。
区卫生健康局医政科、区卫生监督所
2024年8月底前
3
组织医疗质量安全培训。
各医疗机构
每季度
二、工作要求
各单位要高度重视。

XX区卫生健康局
2024年4月1日
"""


def test_a_table_in_a_section_ends_at_the_next_heading():
    """"具体任务见下表。" points at the table: the section is not a task of its own, and the
    table's last row stops before "二、工作要求"."""
    notice = read_notice_text(TABLE_INSIDE_A_SECTION)
    tasks = notice.campaign.tasks
    assert [(t.number, names(t.responsibility.leads), t.deadline.text) for t in tasks] == [
        (1, ["区卫生健康局医政科"], "2024年5月底前"),
        (2, ["区卫生健康局医政科", "区卫生监督所"], "2024年8月底前"),
        (3, ["各医疗机构"], "每季度"),
    ]
    assert tasks[2].content == "组织医疗质量安全培训。"
    assert notice.signature == ("XX区卫生健康局",) and notice.date == D(2024, 4, 1)
    assert not notice.diagnostics


LETTERHEAD_AND_IMPRINT = """湖南省卫生健康委员会文件

湘卫医政发﹝2024﹞7号　　　　　　　　签发人：张三

湖南省卫生健康委员会
关于印发《湖南省进一步改善护理服务行动计划
（2024—2025年）》的通知

各市州卫生健康委，委直属各单位：
现将《湖南省进一步改善护理服务行动计划（2024—2025年）》印发给你们，请认真组织实施。

湖南省卫生健康委员会
2024年5月10日

湖南省进一步改善护理服务行动计划
（2024—2025年）

一、工作目标
到2025年底，护理服务持续改善。
二、主要任务
（一）加强护士队伍建设。到2025年，全省医疗机构注册护士总数达到30万人。（省卫生健康委医政处负责）
（二）扩大优质护理服务。2024年底前三级医院全面实施责任制整体护理。（省卫生健康委医政处牵头，各市州卫生健康委落实）
三、工作要求
各地要加强领导。

抄送：国家卫生健康委医政司。
湖南省卫生健康委员会办公室                2024年5月10日印发
校对：张三
"""


def test_a_letterhead_a_signer_and_an_imprint():
    notice = read_notice_text(LETTERHEAD_AND_IMPRINT)
    assert notice.issuers == ("湖南省卫生健康委员会",) and notice.mark_suffix == "文件"
    assert str(notice.doc_number) == "湘卫医政发〔2024〕7号"
    assert notice.title == "湖南省卫生健康委员会关于印发《湖南省进一步改善护理服务行动计划（2024—2025年）》的通知"
    assert notice.cc == ("国家卫生健康委医政司",)
    assert (notice.printed_by, notice.printed_on, notice.proofreader) == ("湖南省卫生健康委员会办公室", D(2024, 5, 10), "张三")
    campaign = notice.campaign
    assert campaign.title == "湖南省进一步改善护理服务行动计划（2024—2025年）"
    assert campaign.level is Level.PROVINCIAL
    assert rows(campaign.tasks) == [
        (1, None, "加强护士队伍建设", ["省卫生健康委医政处"], [], None),
        (2, None, "扩大优质护理服务", ["省卫生健康委医政处"], ["各市州卫生健康委"], D(2024, 12, 31)),
    ]


def test_a_plan_whose_title_line_is_lost_is_named_by_its_notice():
    text = LETTERHEAD_AND_IMPRINT.replace("湖南省进一步改善护理服务行动计划\n（2024—2025年）\n\n一、", "一、")
    notice = read_notice_text(text)
    campaign = notice.campaign
    assert campaign.title == "湖南省进一步改善护理服务行动计划（2024—2025年）"
    assert [t.title for t in campaign.tasks] == ["加强护士队伍建设", "扩大优质护理服务"]
    [problem] = notice.diagnostics
    assert (problem.code, problem.line) == ("plan-title-missing", 15)  # "一、工作目标"


LABELLED_LINES = """浙江省卫生健康委员会关于开展2024年医疗机构依法执业专项整治的通知

各市卫生健康委：
根据工作安排，决定开展专项整治。现将有关事项通知如下：
一、整治重点
（一）非法行医。重点打击无证行医行为。
责任单位：各市卫生健康委
完成时限：2024年10月底前
（二）违规执业。
重点整治超范围执业、使用非卫生技术人员等行为。
责任单位：各市卫生健康委、省卫生监督所
完成时限：2024年11月底前
二、工作安排
（一）自查阶段（2024年6月—7月）。
（二）督查阶段（2024年8月—10月）。
三、工作要求
一是加强组织领导。二是强化信息报送，各地每月5日前报送工作进展。
联系人：张三，电话：0571-12345678。

浙江省卫生健康委员会
2024年6月1日
"""


def test_a_notice_that_is_its_own_plan_with_labelled_lines_and_phases():
    notice = read_notice_text(LABELLED_LINES)
    campaign = notice.campaign
    assert rows(campaign.tasks) == [
        (1, None, "非法行医", ["各市卫生健康委"], [], D(2024, 10, 31)),
        (2, None, "违规执业", ["各市卫生健康委", "省卫生监督所"], [], D(2024, 11, 30)),
    ]
    assert "责任单位" not in campaign.tasks[1].content
    assert [(p.name, p.start, p.end) for p in campaign.phases] == [
        ("自查阶段", D(2024, 6, 1), D(2024, 7, 31)), ("督查阶段", D(2024, 8, 1), D(2024, 10, 31))]


TAB_TABLE_WITH_A_BROKEN_ROW = "\n".join([
    "附件",
    "重点任务分工表",
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
    "1\t规范诊疗行为，开展不合理检查专项检查。\t市卫生健康委\t市医保局、市市场监管局\t2024年6月底前",
    "2\t打击欺诈骗保，开展医保基金专项检查，严厉打击",
    "\t各类欺诈骗保行为。\t市医保局\t市公安局\t2024年12月底前",
    "3\t加强宣传\t市卫生健康委\t\t长期",
])


def test_a_tab_separated_row_broken_over_two_lines_is_one_task():
    campaign = read_notice_text(TAB_TABLE_WITH_A_BROKEN_ROW).campaign
    assert campaign.title == "重点任务分工表"
    second = campaign.tasks[1]
    assert second.title == "打击欺诈骗保，开展医保基金专项检查，严厉打击各类欺诈骗保行为。"  # the cell as written
    assert (names(second.responsibility.leads), names(second.responsibility.supports)) == (["市医保局"], ["市公安局"])
    assert [t.deadline.kind for t in campaign.tasks] == [DeadlineKind.BY_DATE, DeadlineKind.BY_DATE, DeadlineKind.ONGOING]


NUMBERED_ACROSS_SECTIONS = """关于进一步完善医疗卫生服务体系的实施方案

一、总体要求
（一）指导思想。坚持以人民健康为中心。
（二）工作目标。到2025年，医疗卫生服务体系更加完善。
二、重点任务
（三）优化资源配置。（省卫生健康委牵头）
（四）加强基层能力。（省卫生健康委负责）
（五）推进分级诊疗。（省卫生健康委、省医保局负责）
三、保障措施
（六）加强组织领导。各地要高度重视。
（七）强化投入保障。加大财政投入。
"""


def test_a_series_numbered_across_sections_keeps_only_its_tasks():
    """"（一）…（七）" runs through 一、二、三、: the items under 总体要求 and 保障措施 are not tasks."""
    tasks = read_notice_text(NUMBERED_ACROSS_SECTIONS).campaign.tasks
    assert [(t.number, t.title) for t in tasks] == [(3, "优化资源配置"), (4, "加强基层能力"), (5, "推进分级诊疗")]


@pytest.mark.parametrize("line", ["京卫医﹝2024﹞15号", "京卫医〔2024〕15号　　　　　　签发人：张三", "京卫医[2024]15号"])
def test_the_doc_number_with_a_signer_or_small_brackets(line):
    text = f"{line}\n北京市卫生健康委员会关于做好2024年纠风工作的通知\n各区卫生健康委：\n一、加强领导\n（一）压实责任。各区要落实。"
    notice = read_notice_text(text)
    assert str(notice.doc_number) == "京卫医〔2024〕15号"
    assert notice.title == "北京市卫生健康委员会关于做好2024年纠风工作的通知"


def _docx(build):
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def _table(document, cells):
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


HEADER = ["序号", "重点任务", "牵头单位", "完成时限"]


def test_a_word_table_inside_a_content_control_is_read():
    def build(document):
        document.add_paragraph("重点任务分工表")
        table = _table(document, [HEADER, ["1", "规范诊疗行为", "市卫生健康委", "2024年6月底前"]])
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        table._tbl.addprevious(sdt)
        sdt.append(content)
        content.append(table._tbl)

    [task] = read_notice_docx(_docx(build)).campaign.tasks
    assert (task.title, names(task.responsibility.leads), task.deadline.due) == ("规范诊疗行为", ["市卫生健康委"], D(2024, 6, 30))


def test_a_hostile_grid_span_is_not_taken_at_its_word():
    """gridSpan="400000000" on one cell: read with the table's own width, at once."""
    def build(document):
        document.add_paragraph("重点任务分工表")
        table = _table(document, [HEADER, ["1", "规范诊疗行为", "市卫生健康委", "2024年6月底前"]])
        properties = table.cell(1, 3)._tc.get_or_add_tcPr()
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "400000000")
        properties.append(span)

    notice = read_notice_docx(_docx(build))
    [task] = notice.campaign.tasks
    assert task.title == "规范诊疗行为" and task.deadline.due == D(2024, 6, 30)


def test_a_tab_header_broken_inside_a_cell_is_mended():
    """"序号\t重点" over "任务\t责任处室": a line break inside the 重点任务 cell."""
    text = "\n".join(["附件", "任务分工表", "序号\t重点", "任务\t责任处室",
                      "1\t加强党对纠风工作的全面领导\t机关党委", "2\t公共卫生行风治理\t疾控处"])
    notice = read_notice_text(text)
    assert [(t.number, t.title, names(t.responsibility.leads)) for t in notice.campaign.tasks] == [
        (1, "加强党对纠风工作的全面领导", ["机关党委"]), (2, "公共卫生行风治理", ["疾控处"])]
    assert not notice.diagnostics


def test_two_cells_joined_on_one_line_of_a_cell_per_line_table():
    """A lost line break puts two cells on one line, a tab between them: both are read."""
    text = CELLS_ONE_PER_LINE.replace("重点任务\n牵头单位", "重点任务\t牵头单位").replace(
        "打击欺诈骗保。\n市医保局", "打击欺诈骗保。\t市医保局")
    tasks = read_notice_text(text).campaign.tasks
    assert [(t.number, names(t.responsibility.leads), names(t.responsibility.supports)) for t in tasks] == [
        (1, ["市卫生健康委"], ["市医保局"]), (2, ["市医保局"], []), (3, ["市卫生健康委"], ["市委宣传部", "市委网信办"])]


ACTIONS_UNDER_TARGETS = """儿童青少年五健促进行动方案
一、重点行动
（一）儿童青少年骨骼健康促进行动
1.到2030年，实现以下目标：
中小学生脊柱弯曲异常筛查普遍开展。
2.行动内容：
（1）强化骨骼健康促进。学校、家长要引导学龄前儿童及中小学生加强体育锻炼。
（2）加强筛查评估和干预。将脊柱弯曲异常筛查评估作为中小学生健康体检的内容。
（二）儿童青少年口腔健康促进行动
1.到2030年，实现以下目标：
（1）5岁儿童患龋率控制在60%以内。
（2）12岁儿童患龋率控制在30%以内。
2.行动内容：
（1）强化龋齿防治健康促进。医疗卫生机构、学校加强科普宣传。
"""


def test_targets_are_not_tasks_but_measures_under_a_lost_heading_are_kept():
    tasks = read_notice_text(ACTIONS_UNDER_TARGETS).campaign.tasks
    assert [t.title for t in tasks] == ["强化骨骼健康促进", "加强筛查评估和干预", "强化龋齿防治健康促进"]
    damaged = ACTIONS_UNDER_TARGETS.replace("中小学生脊柱弯曲异常筛查普遍开展。\n2.行动内容：\n", "中小学生脊柱弯曲异常筛查普遍开展。\n")
    notice = read_notice_text(damaged)
    assert [t.title for t in notice.campaign.tasks] == ["强化骨骼健康促进", "加强筛查评估和干预", "强化龋齿防治健康促进"]
    assert [(d.code, d.line) for d in notice.diagnostics] == [("task-under-target", 6), ("task-under-target", 7)]


# A 分工表 copied with tabs, as typed by a clerk: a row whose 序号 reads "其他" and a
# number printed twice (written for this test, in the shape of the corpus's tab tables).
TAB_TABLE_WITH_SLIPS = """关于印发全市医疗乱象专项整治工作方案的通知

附件

全市医疗乱象专项整治重点任务分工表

序号\t重点任务\t责任单位\t完成时限
1\t加强医疗机构执业监管。\t市卫生健康委牵头，市市场监管局配合\t2024年6月底前
其他\t做好宣传引导和舆论监督。\t市委宣传部\t2024年12月底前
2\t开展医保基金专项检查。\t市医保局\t长期坚持
2\t严厉打击非法行医。\t市卫生健康委、市公安局\t2024年9月底前
"""


def test_a_row_with_an_unreadable_number_and_a_number_printed_twice_lose_nothing():
    notice = read_notice_text(TAB_TABLE_WITH_SLIPS)
    tasks = notice.campaign.tasks
    # Every row is a task of its own: the "其他" row is not folded into the row above.
    assert [t.title for t in tasks] == ["加强医疗机构执业监管。", "做好宣传引导和舆论监督。", "开展医保基金专项检查。",
                                        "严厉打击非法行医。"]
    assert [names(t.responsibility.leads) for t in tasks][1] == ["市委宣传部"]
    # Numbers given in place of the unreadable and the repeated one are none the table prints.
    assert [t.number for t in tasks] == [1, 3, 2, 4]
    assert [(d.code, d.line) for d in notice.diagnostics if d.code.startswith("number-")] == [
        ("number-invalid", 9), ("number-duplicate", 11), ("number-renumbered", 11)]


def test_a_repeated_number_is_renumbered_past_every_number_the_table_prints():
    table = TAB_TABLE_WITH_SLIPS.replace("其他\t", "2\t").replace("2\t严厉打击", "3\t严厉打击")
    notice = read_notice_text(table)
    # 1, 2, 2, 3 as printed: the second 2 becomes 4, and the printed 3 keeps its number.
    assert [t.number for t in notice.campaign.tasks] == [1, 2, 4, 3]
    assert [(d.code, d.text) for d in notice.diagnostics if d.code == "number-renumbered"] == [
        ("number-renumbered", "2")]
