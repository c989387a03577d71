"""责任单位: every responsibility phrase in the five seeds, as a reader would split it."""

import pytest

from yifeng.errors import ModelError
from yifeng.model import Responsibility, Role, Unit, canonical_unit_name


def names(units):
    return [u.name for u in units]


# (phrase exactly as in the seed, with its PDF breaks; leads; supports; joint)
SEED_PHRASES = [
    # 000 灵璧县
    ("机制有关成员单位", ["机制有关成员单位"], [], []),
    ("县卫生健康委", ["县卫生健康委"], [], []),
    ("县卫生健康委牵头，其\n\n他部门参 与", ["县卫生健康委"], [], ["其他部门"]),
    ("县医保局牵头， 县卫\n\n生健康委根据职责分\n\n工配合", ["县医保局"], ["县卫生健康委"], []),
    ("县医保局牵头， 县卫\n\n生健康委按 各自职责\n\n配合", ["县医保局"], ["县卫生健康委"], []),
    ("县医保局牵头， 县卫\n\n生健康委、 县公安局\n\n配合", ["县医保局"], ["县卫生健康委", "县公安局"], []),
    (
        "县医保局牵头，县卫生\n\n健康委、县公安局、县\n\n市场监管局、县财政局\n\n配合",
        ["县医保局"],
        ["县卫生健康委", "县公安局", "县市场监管局", "县财政局"],
        [],
    ),
    (
        "县经信局、县税务局、\n\n县公安局、县卫生健康\n\n委、县市场监管局按职\n\n责分别牵头负责",
        ["县经信局", "县税务局", "县公安局", "县卫生健康委", "县市场监管局"],
        [],
        [],
    ),
    ("县医保局、县卫生健康\n\n委按职责分工分别牵头\n\n负责", ["县医保局", "县卫生健康委"], [], []),
    ("县市场监管局牵头，县\n\n卫生健康委、县公安局\n\n配合", ["县市场监管局"], ["县卫生健康委", "县公安局"], []),
    ("县卫生健康委牵头，各\n\n成员单位按照职责分\n\n工配合", ["县卫生健康委"], ["各成员单位"], []),
    ("县卫生健康委、 县市\n\n场监管局按照职责分\n\n工分别牵头", ["县卫生健康委", "县市场监管局"], [], []),
    ("县公安局、县卫生健康\n\n委按照职责分工分别\n\n牵头", ["县公安局", "县卫生健康委"], [], []),
    (
        "县卫生健康委、县医保\n\n局按职责分别牵头，县\n\n市 场监管局、县公 安\n\n局按照职责配合",
        ["县卫生健康委", "县医保局"],
        ["县市场监管局", "县公安局"],
        [],
    ),
    ("机制各成员单位按照\n\n职责共同推进", [], [], ["机制各成员单位"]),
    ("市卫生健康委牵头，机\n\n制各成员单位按照职\n\n责共同推进", ["市卫生健康委"], [], ["机制各成员单位"]),
    # 001 国卫医函〔2022〕84号
    ("国家卫生健康委牵头，机制成员单位按职责共同推进", ["国家卫生健康委"], [], ["机制成员单位"]),
    (
        "国家卫生健康委、工业和信息化部、国家市场监督管\n理总局按职责分别牵头",
        ["国家卫生健康委", "工业和信息化部", "国家市场监督管理总局"],
        [],
        [],
    ),
    (
        "国家卫生健康委、公安部按职责分别牵头，国家市场监督管理总局、国家中医药管理局配合",
        ["国家卫生健康委", "公安部"],
        ["国家市场监督管理总局", "国家中医药管理局"],
        [],
    ),
    (
        "国家医疗保障局牵头，国家卫生健康委、公安部、财政部、国家中医药\n管理局配合",
        ["国家医疗保障局"],
        ["国家卫生健康委", "公安部", "财政部", "国家中医药管理局"],
        [],
    ),
    (
        "国家卫生健康委 牵头，公安部、国家医疗保障局、国家中医药管理局 配合",
        ["国家卫生健康委"],
        ["公安部", "国家医疗保障局", "国家中医药管理局"],
        [],
    ),
    (
        "国家卫生健康委、财政部、商务部、国家市场监督管理总局、国家医疗保障局、国家中医药管理局按职责分别牵头，公安部配合",
        ["国家卫生健康委", "财政部", "商务部", "国家市场监督管理总局", "国家医疗保障局", "国家中医药管理局"],
        ["公安部"],
        [],
    ),
    (
        "国家卫生健康委、公安部、国家税务总局、国家市场监督管理总局、国家医疗保障局、国家中医药管理局按职责分别牵头",
        ["国家卫生健康委", "公安部", "国家税务总局", "国家市场监督管理总局", "国家医疗保障局", "国家中医药管理局"],
        [],
        [],
    ),
    ("机制成员单位按 职责共同推进", [], [], ["机制成员单位"]),
    # 002 吉林省
    (
        "省卫生健康委、省市场监督管理厅、省公安厅、省中医药局按职责分别牵头",
        ["省卫生健康委", "省市场监督管理厅", "省公安厅", "省中医药局"],
        [],
        [],
    ),
    (
        "省卫生健康委、省公安厅、省市场监督管理厅和省中医药局按职责分别牵头",
        ["省卫生健康委", "省公安厅", "省市场监督管理厅", "省中医药局"],
        [],
        [],
    ),
    (
        "省医保局牵头，省卫生健康委、省公安厅、省市场监督管理厅和省中医药局配合",
        ["省医保局"],
        ["省卫生健康委", "省公安厅", "省市场监督管理厅", "省中医药局"],
        [],
    ),
    (
        "省卫生健康委、省市场监督管理厅和省中医药局按职责分别牵头",
        ["省卫生健康委", "省市场监督管理厅", "省中医药局"],
        [],
        [],
    ),
    (
        "省卫生健康委、省税务局、省市场监管厅、省医保局和省中医药局分别按职责牵头",
        ["省卫生健康委", "省税务局", "省市场监管厅", "省医保局", "省中医药局"],
        [],
        [],
    ),
    ("省卫生健康委牵头，机制成员单位按职责共同推进", ["省卫生健康委"], [], ["机制成员单位"]),
    ("省卫生健康委牵头，机制成员单位共同推进", ["省卫生健康委"], [], ["机制成员单位"]),
    # 003 陕西省: 责任处室, bare lists
    ("机关党委", ["机关党委"], [], []),
    ("医政医管局、中医药管理局、妇幼健康处", ["医政医管局", "中医药管理局", "妇幼健康处"], [], []),
    ("药政处、中医药管理局、妇幼健康处", ["药政处", "中医药管理局", "妇幼健康处"], [], []),
    ("省学会服务中心", ["省学会服务中心"], [], []),
    ("疾控处", ["疾控处"], [], []),
    ("基层处", ["基层处"], [], []),
    # 004 兴隆台区 负面清单 责任单位
    (
        "兴隆台区医药领域腐败问题集中整治工作专班（以下简称工作专班）成员单位按职责共同推进。",
        [],
        [],
        ["兴隆台区医药领域腐败问题集中整治工作专班成员单位"],
    ),
    ("区卫生健康局牵头，工作专班其他成员单位配合。", ["区卫生健康局"], ["工作专班其他成员单位"], []),
    ("工作专班成员单位按职责共同推进。", [], [], ["工作专班成员单位"]),
    ("市医保中心兴隆台分中心牵头，工作专班其他成员单位配合。", ["市医保中心兴隆台分中心"], ["工作专班其他成员单位"], []),
]


# Every form of the responsibility grammar. Phrases are real, from public documents
# (seeds, the corpus, other public plans: the source is in the comment); the few forms no
# public copy could be found of are marked "form" and written in the documents' own words.
GRAMMAR = [
    # X牵头，Y配合 / Y按职责分工负责 (Y supports)
    ("省发展改革委牵头，省工业和信息化厅按职责分工负责", ["省发展改革委"], ["省工业和信息化厅"], []),  # 粤 plan
    ("省政务和数据局牵头，省国资委等单位按职责分工负责", ["省政务和数据局"], ["省国资委"], []),  # 粤 plan
    # A、B、C按职责分工负责, no 牵头: all lead; a trailing 等 is not a name
    ("（工业和信息化部、公安部、应急管理部按职责分工负责）", ["工业和信息化部", "公安部", "应急管理部"], [], []),
    ("国家发展改革委、科技部、工业和信息化部、财政部、人力资源社会保障部、商务部、人民银行、国务院国资委、"
     "税务总局、市场监管总局等按职责分工负责",
     ["国家发展改革委", "科技部", "工业和信息化部", "财政部", "人力资源社会保障部", "商务部", "人民银行",
      "国务院国资委", "税务总局", "市场监管总局"], [], []),  # 国务院 opinion
    ("省经信厅、省科技厅按职责分工负责", ["省经信厅", "省科技厅"], [], []),
    # X、Y分别牵头 / 按职责分别牵头
    ("省卫生健康委、省市场监督管理厅和省中医药局按职责分别牵头", ["省卫生健康委", "省市场监督管理厅", "省中医药局"], [], []),
    # 由X负责; X负责
    ("（省工业和信息化厅负责）", ["省工业和信息化厅"], [], []),  # 粤 plan
    ("经济管理方向学员培训工作由北京国家会计学院负责", ["北京国家会计学院"], [], []),  # 国卫办财务函〔2025〕389号
    ("中国（上海）自由贸易试验区管委会负责", ["中国（上海）自由贸易试验区管委会"], [], []),  # 由 in 自由 is no agent
    ("由县卫生健康委负责", ["县卫生健康委"], [], []),  # form
    # X负责，Y参与
    ("县卫生健康委负责，县医保局、县市场监管局参与", ["县卫生健康委"], [], ["县医保局", "县市场监管局"]),  # form
    ("县卫生健康委牵头，其\n\n他部门参 与", ["县卫生健康委"], [], ["其他部门"]),  # seed 000
    # X（牵头）、Y、Z
    ("深圳市人民医院（牵头）、深圳市第三人民医院、香港中文大学深圳医院、广州医科大学附属第五医院",
     ["深圳市人民医院"], ["深圳市第三人民医院", "香港中文大学深圳医院", "广州医科大学附属第五医院"], []),  # a study plan
    # X为牵头单位，Y为配合单位
    ("发改、商务、规划等相关职能部门为牵头单位，属地镇街为配合单位",
     ["发改、商务、规划等相关职能部门"], ["属地镇街"], []),  # a county plan: sector names closed by a group noun
    ("联席会议办公室（佛山市知识产权局）为牵头单位", ["联席会议办公室（佛山市知识产权局）"], [], []),  # 佛山 plan
    # labelled forms, any punctuation
    ("（牵头单位：市卫生局，配合单位：市人力资源和社会保障局，各区、县级市）",
     ["市卫生局"], ["市人力资源和社会保障局", "各区", "县级市"], []),  # 广州 plan
    ("牵头单位:县卫生健康委 配合单位:县医保局、县公安局", ["县卫生健康委"], ["县医保局", "县公安局"], []),  # form
    ("（责任单位：市高院、市公安局、市规划资源局、上海银保监局、上海证监局、市税务局、市人力资源社会保障局、"
     "市住房城乡建设管理委、市通信管理局等；各区政府）",
     ["市高院", "市公安局", "市规划资源局", "上海银保监局", "上海证监局", "市税务局", "市人力资源社会保障局",
      "市住房城乡建设管理委", "市通信管理局", "各区政府"], [], []),  # 上海 plan
    ("（责任部门：市住房城乡建设管理委、市规划资源局、市水务局、市绿化市容局、市卫生健康委、市国动办、"
     "市交通委（市道运局）、市交警总队、市气象局）",
     ["市住房城乡建设管理委", "市规划资源局", "市水务局", "市绿化市容局", "市卫生健康委", "市国动办",
      "市交通委（市道运局）", "市交警总队", "市气象局"], [], []),  # 上海 plan: a bracket inside
    ("责任单位：市委组织部、市科技局", ["市委组织部", "市科技局"], [], []),  # 莆田 policy
    ("主办：上海财经大学；协办：杨浦区教育局、邯郸路街道", ["上海财经大学"], ["杨浦区教育局", "邯郸路街道"], []),
    # the parenthetical at the end of a task, with 等 and a group
    ("（省卫生健康委牵头，省医保局、省中医药局等按职责分工负责）", ["省卫生健康委"], ["省医保局", "省中医药局"], []),
    ("省卫生健康委牵头，省发展改革委、省财政厅及各设区市人民政府、赣江新区管委会按职责分工负责",
     ["省卫生健康委"], ["省发展改革委", "省财政厅", "各设区市人民政府", "赣江新区管委会"], []),
    # trailing 等 / 等有关部门 / 及各X; group references
    ("工会、团委、妇联等", ["工会", "团委", "妇联"], [], []),  # corpus 109
    ("省卫生健康委等有关部门按职责分工负责", ["省卫生健康委", "有关部门"], [], []),
    ("省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实",
     ["省科技厅", "工业和信息化厅", "各地级以上市人民政府"], [], []),  # 粤 plan
    # X会同Y
    ("国家卫生健康委会同国家中医药局", ["国家卫生健康委"], ["国家中医药局"], []),  # corpus 101
    # names with 和/与 stay whole when their parts are no bodies; lists split where they are
    ("省旅游和文化广电体育厅", ["省旅游和文化广电体育厅"], [], []),  # corpus 111
    ("林业和草原局", ["林业和草原局"], [], []),  # corpus 109
    ("市文体广电和旅游局", ["市文体广电和旅游局"], [], []),  # corpus 110
    ("省自然资源和\n规划厅", ["省自然资源和规划厅"], [], []),  # corpus 111, wrapped in its cell
    ("省人力资源社会\n保障厅", ["省人力资源社会保障厅"], [], []),  # corpus 111
    ("市人社局\n医保中心", ["市人社局", "医保中心"], [], []),  # corpus 110: two units on two lines
    ("宣传部（融媒体中心）", ["宣传部（融媒体中心）"], [], []),  # corpus 109
    # spaces and brackets a copy leaves; groups that are no names
    ("国家卫生健康委 牵头，公安部、国家医疗保障局、国家中医药管理局 配合",
     ["国家卫生健康委"], ["公安部", "国家医疗保障局", "国家中医药管理局"], []),  # seed 001
    ("市卫生健康委 市医保局", ["市卫生健康委", "市医保局"], [], []),  # two names a space apart
    ("市卫健委、市医保局（按职责分工负责）", ["市卫健委", "市医保局"], [], []),  # a bracket holding the role
    ("办公室、医政医管科", ["办公室", "医政医管科"], [], []),  # a hospital's offices
    ("各乡镇卫生院具体落实", ["各乡镇卫生院"], [], []),
    ("责任单位：县卫健局  完成时限：2024年10月底前", ["县卫健局"], [], []),  # the deadline is no unit
]


@pytest.mark.parametrize(("text", "leads", "supports", "joint"), GRAMMAR)
def test_grammar(text, leads, supports, joint):
    parsed = Responsibility.parse(text)
    assert (names(parsed.leads), names(parsed.supports), names(parsed.joint)) == (leads, supports, joint)
    for unit in parsed.units:
        assert not any(word in unit.name for word in ("牵头", "配合", "负责", "按职责", "单位：", "："))
        assert unit.group or "等" not in unit.name


@pytest.mark.parametrize(
    ("text", "unresolved"),
    [
        ("待定", ["待定"]),
        ("县卫生健康委指导", ["县卫生健康委指导"]),  # a unit, but no role word yifeng knows
        ("县医保局、另行通知", ["另行通知"]),
    ],
)
def test_what_cannot_be_decided_is_kept_as_unresolved(text, unresolved):
    assert list(Responsibility.parse(text).unresolved) == unresolved


def test_group_references_distributed_by_ge():
    parsed = Responsibility.parse("省卫生健康委牵头，各市、县（区）按职责分工负责")
    assert [(u.name, u.group) for u in parsed.supports] == [("各市", True), ("县（区）", True)]


@pytest.mark.parametrize(("text", "leads", "supports", "joint"), SEED_PHRASES)
def test_seed_phrases(text, leads, supports, joint):
    parsed = Responsibility.parse(text)
    assert (names(parsed.leads), names(parsed.supports), names(parsed.joint)) == (leads, supports, joint)
    assert parsed.text == text
    for unit in parsed.units:
        assert unit.recognised, unit.name
        assert not any(ch.isspace() for ch in unit.name)
        assert not any(word in unit.name for word in ("按职责", "配合", "牵头"))


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("机制有关成员单位", True),
        ("机制成员单位", True),
        ("各成员单位", True),
        ("其他部门", True),
        ("工作专班其他成员单位", True),
        ("县卫生健康委", False),
        ("公安部", False),
        ("省学会服务中心", False),
    ],
)
def test_group_references_are_marked(name, group):
    assert Unit.of(name).group is group


def test_compound_names_with_he_are_not_split():
    parsed = Responsibility.parse("县发展和改革委员会、县住房和城乡建设局和县人力资源和社会保障局配合")
    assert names(parsed.supports) == ["县发展和改革委员会", "县住房和城乡建设局", "县人力资源和社会保障局"]


def test_abbreviations_compare_as_the_same_unit_but_keep_their_names():
    long, short = Unit.of("省市场监督管理厅"), Unit.of("省市场监管厅")
    assert long.same_as(short) and long != short
    assert (long.name, short.name) == ("省市场监督管理厅", "省市场监管厅")
    assert Unit.of("县卫健委").same_as(Unit.of("县卫生健康委"))
    assert Unit.of("县卫生健康委员会").same_as(Unit.of("县卫生健康委"))
    assert not Unit.of("县卫生健康委").same_as(Unit.of("市卫生健康委"))
    assert canonical_unit_name("国家中医药局") == canonical_unit_name("国家中医药管理局")


def test_role_of_matches_abbreviations():
    parsed = Responsibility.parse("省医保局牵头，省卫生健康委、省市场监督管理厅配合")
    assert parsed.role_of("省市场监管厅") is Role.SUPPORT
    assert parsed.role_of(Unit.of("省医疗保障局")) is Role.LEAD
    assert parsed.role_of("省公安厅") is None


def test_phrase_naming_no_unit_is_empty():
    assert Responsibility.parse("").is_empty
    assert Responsibility.parse("，。").is_empty
    assert not Responsibility.parse("县卫生健康委").is_empty


def test_same_unit_twice_is_named_once():
    parsed = Responsibility.parse("县医保局、县医疗保障局牵头")
    assert names(parsed.leads) == ["县医保局"]


def test_impossible_values_are_refused_naming_the_field():
    with pytest.raises(ModelError, match=r"^Unit\.name"):
        Unit(name="县卫生 健康委")
    with pytest.raises(ModelError, match=r"^Unit\.name"):
        Unit(name="")
    with pytest.raises(ModelError, match=r"^Responsibility\.leads"):
        Responsibility(leads=(Unit.of("省医保局"), Unit.of("省医疗保障局")))


@pytest.mark.parametrize("name", ["待定", "另行通知", "张三", "相关"])
def test_names_that_are_not_bodies_are_not_recognised(name):
    assert not Unit.of(name).recognised


@pytest.mark.parametrize(
    ("text", "units", "deadlines"),
    [
        ("省卫生健康委牵头，2024年底前完成", "省卫生健康委牵头", ("2024年底前完成",)),
        ("各市州卫生健康委负责，2025年12月底前", "各市州卫生健康委负责", ("2025年12月底前",)),
        ("责任单位：省卫生健康委；完成时限：2024年底前", "责任单位：省卫生健康委", ("2024年底前",)),
        ("县卫健局负责，常态化推进", "县卫健局负责", ("常态化推进",)),
    ],
)
def test_a_designation_keeps_its_units_and_its_deadline_apart(text, units, deadlines):
    from yifeng.model._responsibility import designations, split_designation

    assert split_designation(text) == (units, deadlines)
    assert [inner for _, _, inner in designations(f"加强护理（{text}）。")] == [text]
