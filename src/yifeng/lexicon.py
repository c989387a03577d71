"""The words of the genre, as data: every parser and reader of yifeng compiles from here.

Health-commission documents name the same things in many ways. Each word list about that
language — which words give a unit its role, how the names of bodies end, which labels
number headings, what the columns of a 分工表 may be called — is written down once, in
this module, as plain tuples and mappings. Nothing here runs: :mod:`yifeng.model` and
:mod:`yifeng.io` build their patterns from it, so adding a word is one line.

What is grammar rather than vocabulary — how a date phrase is shaped, how the clauses of
a 责任单位 phrase are split — lives with the parser that applies it
(``yifeng.model._deadline``, ``yifeng.model._responsibility``), written as ordered tables
over these words.

The tuples are ordered where order matters (longer words before their prefixes).
"""

from __future__ import annotations

from typing import Final

# -- 责任单位: roles --------------------------------------------------------------------------
# Each key is a :class:`yifeng.model.Role` value, or "responsible": a unit that is
# "responsible" (负责, 按职责分工负责, a bare list) leads, unless another unit of the same
# phrase is named 牵头 — then it supports ("X牵头，Y按职责分工负责").

ROLE_VERBS: Final[dict[str, tuple[str, ...]]] = {
    "lead": ("总牵头", "牵头负责", "牵头落实", "牵头抓总", "牵头组织", "牵头", "主办", "主责", "抓总"),
    "support": ("协同配合", "支持配合", "积极配合", "配合落实", "配合", "协助", "协办"),
    "joint": (
        "共同推进", "共同负责", "共同落实", "共同实施", "共同参与", "协同推进", "协同落实",
        "共同开展", "参与", "参加",
    ),
    "responsible": (
        "负责落实", "具体负责", "负责实施", "负责推进", "抓好落实", "组织实施", "具体实施",
        "负责", "落实", "承办",
    ),
}
"""Words that end a clause and give its units a role ("X牵头", "Y配合", "Z共同推进")."""

ROLE_QUALIFIERS: Final[tuple[str, ...]] = (
    "按照各自职责分工", "按照各自职责", "按各自职责分工", "按各自职责", "根据各自职责",
    "按照职责分工", "按职责分工", "根据职责分工", "依据职责分工", "依照职责分工", "按职能分工",
    "按照职责", "按职责", "根据职责", "依据职责", "依照职责", "按职能", "按照职能", "各司其职",
    "结合本地区实际", "结合本地实际", "结合实际", "因地制宜", "按照要求", "按要求", "根据工作需要",
    "分别", "共同", "积极", "认真", "各自", "统筹", "具体",
)
"""Words between the units and their role word that change nothing ("按职责分工", "分别")."""

ROLE_PREFIXES: Final[tuple[str, ...]] = ("由",)
"""Words before the units that change nothing ("由X负责"); inside a clause, what comes
before them is the work, not a unit ("培训工作由北京国家会计学院负责")."""

NOT_PREFIX_WORDS: Final[tuple[str, ...]] = ("自由", "理由", "缘由", "事由")
"""Words holding 由 that are not the agent marker ("自由贸易试验区")."""

ROLE_CONJOINED: Final[dict[str, tuple[str, ...]]] = {"support": ("会同", "联合", "协调")}
"""Joining words "X会同Y…" — X keeps the clause's role, Y takes the key's role."""

ROLE_MARKS: Final[dict[str, tuple[str, ...]]] = {
    "lead": ("牵头单位", "牵头部门", "牵头", "主责"),
    "support": ("配合单位", "配合部门", "配合"),
}
"""A role written in brackets after a name — "省卫生健康委（牵头）"."""

ROLE_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "lead": (
        "牵头单位", "牵头部门", "牵头处室", "牵头科室", "牵头领导", "主责单位", "主责部门",
        "主办单位", "主办部门", "主办", "牵头",
    ),
    "support": (
        "配合单位", "配合部门", "配合处室", "配合科室", "协办单位", "协办部门", "协办", "配合",
    ),
    "joint": ("参与单位", "参与部门", "共同推进单位"),
    "responsible": (
        "责任单位", "责任部门", "责任处室", "责任科室", "责任主体", "实施单位", "承办单位",
        "落实单位", "负责单位", "负责部门",
    ),
}
"""Labels before a list of units ("牵头单位：X；配合单位：Y"), or predicates after it
("X为牵头单位")."""

# -- 责任单位: names -------------------------------------------------------------------------

UNIT_ENDINGS: Final[tuple[str, ...]] = (
    "委员会", "办公室", "领导小组", "工作专班", "联合会", "管理局", "监督局", "事务局",
    "卫生院", "检察院", "研究院", "研究所", "服务中心", "分中心", "中心", "政府", "党委",
    "党组", "工委", "总局", "分局", "总队", "支队", "大队", "集团", "公司", "银行", "海关",
    "法院", "医院", "学院", "大学", "学校", "机关", "机构", "单位", "部门", "处室", "科室",
    "专班", "小组", "工作组", "专家组", "学会", "协会", "总会", "商会", "基金会", "红十字会", "监会",
    "管委会", "居委会", "村委会", "理事会", "工会", "妇联", "残联", "侨联", "文联", "科协",
    "工商联", "团委", "政协", "人大", "纪委", "监委", "监察委", "党组织", "电视台", "合作社", "街道", "社区",
    "部", "委", "局", "厅", "办", "署", "院", "室", "处", "科", "所", "站", "队", "司", "社",
    "馆", "校", "庭", "中央",
)
"""How the names of bodies end. A name is a unit by itself when it ends so and has a
stem before the ending ("省医保局"), so "林业和草原局" is one unit ("林业" is no body) and
"省卫生健康委和省医保局" is two."""

NOT_UNIT_ENDINGS: Final[tuple[str, ...]] = (
    "社会", "场所", "平台", "网站", "全部", "内部", "外部", "局部", "总部署", "格局", "布局",
    "结局", "大局", "当局", "之处", "到处", "好处", "用处", "益处", "长处", "各处", "学科",
    "大厅", "举办", "创办", "开办", "兴办", "督办", "交办", "转办", "查办", "代办", "包办",
    "部署", "签署", "一站", "驿站", "车站",
)
"""Words that end like a body without being one ("社会", "场所", "平台", "督办")."""

SHORT_BODIES: Final[tuple[str, ...]] = (
    "工会", "妇联", "团委", "残联", "侨联", "文联", "科协", "工商联", "政协", "人大", "海关",
    "纪委", "监委", "红十字会", "总工会", "办公室",
)
"""Bodies whose whole name is one of the endings above ("工会、团委、妇联等")."""

UNIT_ABBREVIATIONS: Final[tuple[tuple[str, str], ...]] = (
    ("卫生健康委员会", "卫生健康委"),
    ("卫健委", "卫生健康委"),
    ("卫健局", "卫生健康局"),
    ("市场监管", "市场监督管理"),
    ("医保局", "医疗保障局"),
    ("医保中心", "医疗保障中心"),
    ("中医药局", "中医药管理局"),
    ("药监局", "药品监督管理局"),
    ("疾控局", "疾病预防控制局"),
    ("工信部", "工业和信息化部"),
    ("工信厅", "工业和信息化厅"),
    ("工信局", "工业和信息化局"),
    ("经信局", "经济和信息化局"),
    ("发改委", "发展和改革委员会"),
    ("发展改革委", "发展和改革委员会"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("人力资源社会保障", "人力资源和社会保障"),
    ("住房城乡建设", "住房和城乡建设"),
    ("住建局", "住房和城乡建设局"),
)
"""Short forms offices write, and the full form each stands for — used to compare units
(省市场监管厅 is 省市场监督管理厅); a unit always keeps the name it was written with."""

UNIT_JOINERS: Final[tuple[str, ...]] = ("以及", "和", "与", "及", "、", "/", "／")
"""Words that join units in a list; 和/与/及 only where both sides are units by themselves."""

ADMIN_PREFIXES: Final[tuple[str, ...]] = (
    "国家", "国务院", "中央", "全国", "中共", "中国", "自治区", "自治州", "自治县",
    "省", "市", "州", "盟", "县", "区", "旗", "乡", "镇", "街道",
)
"""Administrative prefixes of unit names ("省卫生健康委", "县医保局")."""

GROUP_PREFIXES: Final[tuple[str, ...]] = ("各", "其他", "其它", "有关", "相关", "所属", "下属", "全体")
GROUP_SUFFIXES: Final[tuple[str, ...]] = (
    "成员单位", "有关部门", "相关部门", "其他部门", "有关单位", "相关单位", "其他单位",
    "各部门", "各单位", "各地", "各级",
)
GROUP_CONTAINS: Final[tuple[str, ...]] = ("成员单位", "各有关", "各相关")
"""A group reference names several units at once — 各成员单位, 有关部门, 机制成员单位, 各地.
After a prefix (各…) the rest ends like a body, or is a short place word (各县区)."""

GROUP_PLACE_LENGTH: Final = 5
"""How long the rest of "各…" may be without ending like a body (各县（市、区）, 各乡镇)."""

GROUP_NOUNS: Final[tuple[str, ...]] = ("部门", "单位", "机构")
"""Nouns that close a list after 等 ("X等部门", "X等有关单位", "发改、商务等相关职能部门").
Where the list names units, 等… is not a unit (a group reference like 有关部门 is kept);
where it names sectors ("公安、市场监管等部门"), the whole phrase is one group reference."""

REFERRED_AS: Final[tuple[str, ...]] = ("以下简称", "下称", "简称")
"""A bracket holding one of these only gives a short name ("（以下简称工作专班）")."""

# -- numbering: the 一、（一）1.（1） hierarchy ------------------------------------------------

CN_NUMERAL: Final = "一二三四五六七八九十百零〇两"
"""The characters of a Chinese numeral as headings write them."""

NUMERAL_LOOKALIKES: Final[dict[str, str]] = {"―": "一"}
"""Characters an OCR copy puts for a numeral ("（―）" for "（一）")."""

HEADING_LABELS: Final[tuple[tuple[int, str], ...]] = (
    (1, r"(?P<n>[{cn}]+)\s*[、．.]"),
    (2, r"[（(]\s*(?P<n>[{cn}]+)\s*[）)]"),
    (3, r"(?P<n>\d{{1,3}})\s*[、．.](?!\d)"),
    (4, r"[（(]\s*(?P<n>\d{{1,3}})\s*[）)]"),
    (5, r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
)
"""Heading labels, outermost first — 一、 （一） 1. （1） ①. ``{cn}`` is :data:`CN_NUMERAL`."""

PHASE_LABEL: Final = r"第(?P<n>[{cn}\d]+)(?:阶段|步)"
"""A phase heading — "第一阶段：自查自纠（2023年9月1日前）"."""

CIRCLED: Final = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# -- the parts of a plan ------------------------------------------------------------------------

TASK_SECTION_TITLES: Final[tuple[str, ...]] = (
    "重点任务", "主要任务", "工作任务", "具体任务", "任务措施", "工作措施", "主要措施",
    "具体措施", "重点措施", "主要举措", "重点举措", "工作举措", "工作内容", "行动内容",
    "主要内容", "重点工作", "工作重点", "重点内容", "治理重点", "整治重点", "主要工作",
    "整治内容", "整治任务", "治理任务", "重点整治内容", "重点整治任务", "任务分工",
    "重点任务分工", "主要任务和措施", "重点任务和措施", "重点任务及分工",
)
"""Headings (and sub-headings such as "2.行动内容：") over a plan's list of tasks."""

TASK_HEADING_ENDINGS: Final[tuple[str, ...]] = ("任务", "措施", "举措", "重点工作", "任务分工", "分工")
"""How a heading over a list of tasks may end when it is not one of the above ("重点工作任务",
"主要任务和分工"); a frame heading ending so ("保障措施") is still frame."""

FRAME_QUALIFIERS: Final[tuple[str, ...]] = ("有关", "相关", "其他", "主要", "具体", "总体", "基本", "组织", "工作")
"""Words that may stand before a frame heading without making it an action ("有关工作要求",
"组织保障措施"); "加强组织保障" names an action."""

FRAME_SECTION_TITLES: Final[tuple[str, ...]] = (
    "指导思想", "总体要求", "总体思路", "工作思路", "基本原则", "工作原则", "总体目标",
    "工作目标", "主要目标", "具体目标", "行动目标", "发展目标", "目标任务", "目标", "任务目标",
    "适用范围", "实施范围", "行动范围", "服务范围", "工作范围", "治理范围", "整治范围", "范围",
    "实施对象", "整治对象", "工作对象", "人员条件", "基本条件", "条件", "保障措施", "组织保障",
    "工作保障", "条件保障", "工作要求", "有关要求", "相关要求", "组织实施", "组织领导",
    "组织管理", "组织机构", "职责分工", "实施步骤", "工作步骤", "方法步骤", "步骤安排",
    "时间安排", "进度安排", "工作安排", "时间步骤", "实施安排", "工作机制", "工作依据",
    "背景", "其他", "其他事项", "附则", "负面清单", "责任单位", "责任部门",
)
"""Headings of the frame around a plan's tasks — aims, principles, scope, guarantees,
schedule, requirements. Matched as the whole title."""

NEGATIVE_LIST_PARTS: Final[dict[str, str]] = {"items": "负面清单", "scope": "整治范围"}
"""The parts of a 整治行动 that make it a negative-list area (its 责任单位 is a role label)."""

PHASE_SECTION_WORDS: Final[tuple[str, ...]] = (
    "实施步骤", "工作步骤", "方法步骤", "时间安排", "进度安排", "工作安排", "时间步骤",
    "步骤安排", "实施安排", "阶段安排",
)
"""A heading containing one of these holds the phases (阶段) of the campaign."""

REQUIREMENT_SECTION_WORDS: Final[tuple[str, ...]] = ("工作要求", "保障措施")
"""A heading containing one of these holds the campaign's requirements."""

TARGET_OPENINGS: Final[tuple[str, ...]] = ("到20", "至20", "到本世纪", "力争到", "到“十")
"""A numbered item opening so is a target ("到2030年，实现以下目标："), not a task."""

POINTERS: Final[tuple[str, ...]] = ("见下表", "见附表", "见附件", "如下表", "详见附件", "见表")
"""What a paragraph says when its tasks are in a table or an attachment, not in itself."""

FRAME_TITLE_ENDINGS: Final[tuple[str, ...]] = (
    "意义", "背景", "目标", "目的", "原则", "思想", "思路", "要求", "范围", "依据", "对象", "条件",
    "步骤", "安排", "说明", "定义", "概况", "现状", "领域", "结果", "情况", "名单", "概述",
)
"""How a heading of the frame ends when it stands alone with no items under it
("一、背景和意义", "三、各部门政策制定重点领域"); a heading that names an action
("三、丰富多层次巡回医疗内容") with its paragraph is a task."""

# -- the notice frame (GB/T 9704-2012) ---------------------------------------------------------

TITLE_MARK: Final = "关于"
"""What a 公文's title holds before its subject ("关于…的通知")."""

ISSUING_WORDS: Final[tuple[str, ...]] = ("印发", "转发")
"""What a notice issuing a plan says before the plan's name ("关于印发…方案的通知")."""

LETTERHEAD_SUFFIX: Final = "文件"
"""What a 发文机关标志 may end with ("湖南省卫生健康委员会文件")."""

BODY_OPENERS: Final[tuple[str, ...]] = ("根据", "按照", "依据", "为", "现将", "经", "近日")
"""How a body sentence opens; a line opening so is not a title even when it holds 关于."""

NOTICE_KINDS: Final[tuple[str, ...]] = ("通知", "意见", "函", "通报", "决定", "报告", "批复", "公告", "方案")
"""What a 公文's title ends with ("关于…的通知")."""

PLAN_KINDS: Final[dict[str, tuple[str, ...]]] = {
    "work_points": ("工作要点",),
    "implementation_plan": ("实施方案", "指导方案"),
    "action_plan": ("行动方案", "行动计划", "三年行动"),
    "work_plan": ("工作方案", "整治方案", "治理方案"),
    "opinion": ("实施意见", "指导意见", "意见"),
    "duty_list": ("职责清单", "任务清单", "责任清单", "任务分工表", "分工方案", "任务分工"),
}
"""What a plan calls itself, by :class:`yifeng.model.CampaignKind` value."""

LEVEL_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "national": ("国家", "国务院", "全国", "中央", "中共中央"),
    "provincial": ("省", "自治区", "全省", "全区"),
    "municipal": ("市", "州", "盟", "全市"),
    "county": ("县", "旗", "县级市", "全县"),
    "district": ("区",),
}
"""Words that give a document's administrative level, by :class:`yifeng.model.Level` value."""

PROVINCE_LEVEL_CITIES: Final[tuple[str, ...]] = ("北京市", "天津市", "上海市", "重庆市")
"""The 直辖市, cities at the level of a province."""

PLACE_LEVELS: Final[dict[str, str]] = {
    "省": "provincial", "自治区": "provincial", "市": "municipal", "自治州": "municipal", "州": "municipal",
    "盟": "municipal", "县": "county", "自治县": "county", "旗": "county", "区": "district",
}
"""How a place name ends, and the level of the bodies named after it (湖南省卫生健康委)."""

MEASURE_OPENINGS: Final[tuple[str, ...]] = (
    "进一步", "加强", "强化", "推进", "推动", "深化", "开展", "规范", "完善", "健全", "建立",
    "提升", "提高", "改善", "促进", "实施", "落实", "做好", "全面", "持续", "扎实", "优化", "创新",
)
"""How a measure opens — with what it does ("强化骨骼健康促进", "加强筛查评估和干预")."""

TITLE_OPENINGS: Final[tuple[str, ...]] = ("关于",) + MEASURE_OPENINGS
"""How a title opens when it does not open with a place ("进一步规范社区卫生服务…" names
no 区)."""

ATTACHMENT_LABEL: Final = r"附\s*件\s*(?P<n>\d{1,2})?"
"""An attachment label — "附件", "附件1", "附件 2"."""

DOC_NUMBER_BRACKETS: Final[tuple[str, ...]] = ("〔〕", "[]", "［］", "()", "（）", "【】", "﹝﹞", "〖〗")
"""The brackets a 发文字号 puts its year in (written 〔〕 by the standard)."""

SIGNER_LABEL: Final = "签发人"
"""The 签发人 beside a 发文字号 on an upward document ("京卫医〔2024〕15号  签发人：张三")."""

ATTACHMENT_LIST_LABEL: Final = r"附\s*件\s*[：:]"
"""The 附件说明 that lists a notice's attachments — "附件：1.…"."""

DISCLOSURE_LABELS: Final[tuple[str, ...]] = ("信息公开形式", "此件公开发布", "此件主动公开", "此件不公开", "此件依申请公开")
"""附注 lines under the date — "（信息公开形式：主动公开）", "（此件公开发布）"."""

COPY_LABELS: Final[tuple[str, ...]] = ("抄送",)
PRINTED_WORD: Final = "印发"
PROOF_LABEL: Final = "校对"

PAGE_FURNITURE: Final[tuple[str, ...]] = (
    "相关链接", "一图读懂", "扫一扫", "浏览量", "访问量", "阅读量", "来源：", "来源:", "日期：",
    "发布时间", "发布日期", "字号：", "打印本页", "关闭窗口", "分享到", "【打印】", "【关闭】",
)
"""Web-page and PDF furniture around a document's text, never part of it."""

WORK_GROUP_NAMES: Final[tuple[str, ...]] = ("工作专班", "领导小组", "工作小组", "专项工作组")
"""What a campaign's work group is called."""

ATTACHMENT_KINDS: Final[dict[str, tuple[str, ...]]] = {
    "ledger": ("台账",),
    "channels": ("举报途径", "举报方式", "举报电话", "投诉举报", "举报渠道", "监督电话"),
    "work_group": WORK_GROUP_NAMES + ("工作机构", "组成人员", "成员单位及职责"),
}
"""What an attachment is, from words in its own title (attachments come in any order)."""

MEMBER_ROLES: Final[dict[str, tuple[str, ...]]] = {
    "leader": ("组长", "主任委员", "主任", "召集人", "总指挥"),
    "deputy": ("副组长", "副主任委员", "副主任", "副召集人", "副总指挥"),
    "member": ("成员", "委员"),
    "liaison": ("联络员",),
}
"""Places in a work group as rosters label them, by :class:`yifeng.model.MemberRole` value."""

JOB_TITLES: Final[tuple[str, ...]] = (
    "党组书记", "党委书记", "党组副书记", "党委副书记", "党组成员", "党委委员", "支部书记", "书记",
    "副书记", "局长", "副局长", "主任", "副主任", "院长", "副院长", "院长助理", "所长", "副所长",
    "科长", "副科长", "处长", "副处长", "厅长", "副厅长", "部长", "副部长", "队长", "大队长",
    "副大队长", "支队长", "组长", "副组长", "主席", "副主席", "县长", "副县长", "区长", "副区长",
    "市长", "副市长", "主任科员", "科员", "干事", "负责人", "联络员",
)
"""Job titles after a member's unit in a roster ("区卫生健康局党组书记、局长")."""

BODY_ENDINGS: Final[tuple[str, ...]] = ("委员会", "政府", "中心", "集团", "公司", "局", "委", "厅", "部", "院")
"""How a body in its own right ends, which an office inside one ("综合办公室") does not."""

DIVISION_ENDINGS: Final[tuple[str, ...]] = ("办公室", "科室", "大队", "中队", "科", "股", "室", "处", "组")
"""How an office inside a body ends ("综合办公室", "刑侦大队", "稽核股") — in a roster it
belongs with the member's title, not the unit."""

CHANNEL_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "phone": ("举报电话", "投诉电话", "监督电话", "联系电话"),
    "mailbox": ("举报信箱", "通信地址", "邮寄地址", "来信地址"),
    "email": ("电子邮箱", "举报邮箱", "邮箱"),
}
"""Labels of the lines of a 举报途径 entry."""

# -- 完成时限 ---------------------------------------------------------------------------------

ONGOING_TAILS: Final[tuple[str, ...]] = ("推进", "推动", "开展", "实施", "落实", "进行", "执行", "坚持", "抓好", "加强", "工作")
"""What may follow an ongoing word in a 完成时限 cell ("常态化推进"); anything else makes
it a task ("持续改善护理服务"), not a deadline."""

ONGOING_WORDS: Final[tuple[str, ...]] = (
    "持续推进", "持续开展", "持续实施", "持续加强", "长期坚持", "长期推进", "长期工作", "长期",
    "常态化", "常态长效", "经常性", "立行立改", "即知即改", "即日起", "立即执行", "立即",
    "全年", "持续",
)
"""A 完成时限 with no end — 持续推进, 长期坚持, 常态化, 立行立改 (from now on)."""

MONTH_PARTS: Final[dict[str, int]] = {
    "上旬": 10, "初": 10, "上中旬": 20, "中旬": 20, "中": 15, "中下旬": -1, "下旬": -1, "底": -1, "末": -1,
}
"""Parts of a month and the day they end on (-1 — the month's last day)."""

MONTH_STARTS: Final[dict[str, int]] = {"初": 1, "上旬": 1, "上中旬": 1, "中旬": 11, "中": 11, "中下旬": 11, "下旬": 21}
"""Parts of a month and the day a period opening with them starts on ("9月中旬至10月底")."""

YEAR_WORDS: Final[dict[str, int]] = {"今年": 0, "本年度": 0, "本年": 0, "当年": 0, "年度": 0, "明年": 1, "次年": 1, "下一年": 1}
"""Words for a year relative to the document's year."""

YEAR_END_WORDS: Final[tuple[str, ...]] = ("年底", "年末", "年内", "年度内")
YEAR_END_SHORT: Final[tuple[str, ...]] = ("底", "末", "内")
"""Words for the end of a year ("年底前", "年内"); the short ones follow a year ("2022年底",
"今年底", "本年度内")."""

DEADLINE_TAILS: Final[tuple[str, ...]] = (
    "之前", "以前", "前", "止", "为止", "完成", "完毕", "结束", "报送", "上报", "落实到位", "到位", "见效",
)
"""Words after a date that keep it a deadline ("12月底前完成")."""

LATEST_OPENINGS: Final[tuple[str, ...]] = ("不迟于", "不晚于", "最迟于", "最晚于", "最迟", "最晚")
"""Words that make a date a deadline without 前 ("不迟于11月底")."""

DEADLINE_OPENINGS: Final[tuple[str, ...]] = LATEST_OPENINGS + (
    "截至", "截止", "原则上", "力争", "务必", "应", "须", "要", "于", "在",
)
"""Words before a date that keep it a deadline ("不迟于11月底")."""

WEEKDAYS: Final[dict[str, str]] = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
"""Chinese weekday numbers and their RFC 5545 names."""

RANGE_SEPARATORS: Final = "至到~～—－-–"
"""What joins the two ends of a period ("9月至12月", "2023年9月1日-2024年5月底")."""

NOT_DEADLINE_BEFORE: Final[tuple[str, ...]] = ("到", "至", "每")
"""A date right after one of these in running text is a target ("到2027年底前") or a
period's part ("每月15日前"), not a task's deadline."""

# -- column headers ------------------------------------------------------------------------------

KEY_HEADER: Final = "yifeng标识"
"""The header of the hidden column in which the workbooks yifeng writes keep each task's
and row's key, so that reading them back gives the same identities."""

TASK_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "number": ("序号", "编号", "序"),
    "category": ("类别", "分类", "任务类别", "工作类别", "重点领域", "工作领域", "整治领域", "领域", "方面"),
    "title": ("重点任务", "工作任务", "主要任务", "任务", "任务名称", "重点工作", "工作事项", "任务事项", "事项"),
    "content": (
        "工作内容", "具体内容", "具体措施", "工作措施", "任务内容", "主要内容", "具体任务",
        "主要措施", "工作举措", "任务措施", "职责与任务", "职责任务", "主要职责", "工作职责",
        "职责", "职责内容", "任务要求", "工作要求",
    ),
    "responsibility": (
        "责任单位", "责任部门", "责任处室", "责任科室", "责任主体", "牵头单位及配合单位",
        "责任单位及分工", "部门", "单位", "部门名称", "单位名称", "实施单位", "承办单位",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头处室", "牵头科室", "主责单位", "主办单位", "牵头"),
    "support": ("配合单位", "配合部门", "配合处室", "配合科室", "协办单位", "参与单位", "配合"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限", "完成期限", "时间要求", "进度安排"),
    "remark": ("备注", "说明"),
    "key": (KEY_HEADER,),
}
"""分工表 column headers and the Task field each names (compared without spaces or punctuation)."""

FILER_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "unit": ("填报单位",),
    "person": ("填报人",),
    "contact": ("填报人联系方式", "联系方式", "联系电话"),
}
"""The labels of a 台账's filing line ("填报单位：…  填报人：…  联系方式：…")."""

LEDGER_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "number": ("序号", "编号"),
    "institution": ("存在问题机构名称", "问题机构名称", "机构名称", "存在问题单位名称", "单位名称", "存在问题机构"),
    "person": ("存在问题人员姓名", "问题人员姓名", "人员姓名", "姓名"),
    "unit": ("所属单位", "工作单位", "所在单位"),
    "authority": ("主管部门", "所属单位主管部门", "上级主管部门", "主管单位"),
    "negative_list_ref": ("违反腐败问题负面清单条目", "负面清单条目", "违反负面清单条目", "负面清单", "对应负面清单条目"),
    "description": ("腐败问题具体表现", "问题具体表现", "具体表现", "问题表现", "存在问题"),
    "discovered_via": ("发现途径", "问题来源", "线索来源", "发现方式"),
    "discovered_on": ("发现问题日期", "发现日期", "发现时间", "发现问题时间"),
    "measures": ("整治措施", "整改措施"),
    "decision": ("处理意见", "处理结果", "处理情况"),
    "policy_basis": ("处理政策依据", "政策依据", "处理依据"),
    "rectified": ("整改是否完成", "是否完成整改", "是否整改完成", "整改情况", "是否整改到位"),
    "rectified_on": ("整改完成日期", "完成日期", "整改完成时间"),
    "owner": ("整改部门负责人", "整治工作负责人", "负责人", "责任人", "整改责任人"),
    "phone": ("手机号码", "联系电话", "手机", "电话", "联系方式"),
    "filer_unit": FILER_LABELS["unit"],
    "filer_person": FILER_LABELS["person"],
    "filer_contact": FILER_LABELS["contact"][:1],
    "key": (KEY_HEADER,),
}
"""台账 column headers and the LedgerRow field each names."""

NOTE_LABELS: Final[tuple[str, ...]] = ("注", "说明", "备注", "附注", "填表说明")
"""Labels of a note row under a table ("注：责任单位排在第一位的为牵头单位。")."""
