"""The shared text repair every layer uses."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yifeng._text import _CJK, _CJK_PUNCT, _WS

from yifeng._text import cn_to_int, halfwidth_digits, int_to_cn, repair_cjk, squeeze
from yifeng.model import UNIT_ABBREVIATIONS


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        # seed 000's PDF copy
        ("加强党对纠风工作的全\n\n面领导", "加强党对纠风工作的全面领导"),
        ("把广大医 务人员凝聚在党的周围", "把广大医务人员凝聚在党的周围"),
        ("“ 一 案多查\"机制", "“一案多查\"机制"),
        ("11 月底前", "11月底前"),
        ("“健康中国 2030”规划纲要", "“健康中国2030”规划纲要"),
        # seed 001: spaces inside a title
        ("关于印发 2022 年纠正医药购销领域和 医疗服务中不正之风工作要点的通知",
         "关于印发2022年纠正医药购销领域和医疗服务中不正之风工作要点的通知"),
        # full-width punctuation is kept, Latin spacing is kept
        ("合同营销组织（CSO）企业", "合同营销组织（CSO）企业"),
        ("合同营销组织（ CSO\n）企业", "合同营销组织（CSO）企业"),
        ("policy， Latin", "policy，Latin"),
        ("电子邮箱或 APP 小程序", "电子邮箱或 APP 小程序"),
        ("  leading\tand   trailing  ", "leading and trailing"),
        ("全\u3000角空格", "全角空格"),
    ],
)
def test_repair_cjk(broken, repaired):
    assert repair_cjk(broken) == repaired


def test_no_space_survives_between_two_han_characters():
    text = repair_cjk("县 \n 卫\t生\u00a0健 \r\n 康委")
    assert text == "县卫生健康委"


def test_squeeze_and_halfwidth_digits():
    assert squeeze("盖  波") == "盖波"
    assert halfwidth_digits("２０２３年９月") == "2023年9月"


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十一", 11), ("十三", 13), ("二十", 20),
                                                ("二十五", 25), ("一百", 100), ("一百零五", 105), ("三千二百", 3200),
                                                ("7", 7), ("１２", 12)])
def test_cn_to_int(numeral, value):
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize("value", range(1, 100))
def test_int_to_cn_round_trips(value):
    assert cn_to_int(int_to_cn(value)) == value


@pytest.mark.parametrize("bad", ["", "甲", "十a"])
def test_cn_to_int_refuses_non_numerals(bad):
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_no_abbreviation_is_part_of_its_own_full_form():
    # canonical_unit_name replaces short → full everywhere; this keeps it idempotent.
    for short, full in UNIT_ABBREVIATIONS:
        assert short not in full


# The rule stated as regexes: the reference repair_cjk must agree with.
_GAPS = re.compile(
    rf"(?<=[{_CJK}]){_WS}(?=[{_CJK}0-9])|(?<=[{_CJK_PUNCT}]){_WS}|{_WS}(?=[{_CJK_PUNCT}])|(?<=[0-9]){_WS}(?=[{_CJK}])"
)


def reference_repair(text: str) -> str:
    return re.sub(_WS, " ", _GAPS.sub("", text)).strip(" ")


@given(st.text(st.sampled_from(list("县卫生健康委ab9０，。（）“”、 \n\t\u3000\u00a0\u2003\u200b\u2028\x85\x1f\u202f\u2001")), max_size=40))
def test_repair_cjk_agrees_with_the_regex_statement_of_the_rule(text):
    assert repair_cjk(text) == reference_repair(text)


def test_lazy_compile_is_compiled_on_first_use_and_then_is_the_pattern():
    from yifeng._text import lazy_compile

    pattern = lazy_compile(r"(?P<n>\d+)号")
    assert pattern.pattern == r"(?P<n>\d+)号"  # there before compiling, for building other patterns
    assert not hasattr(pattern, "_compiled")
    match = pattern.search("第84号")
    assert match is not None and match["n"] == "84"
    assert pattern.search == re.compile(r"(?P<n>\d+)号").search  # the compiled pattern's own method from now on
    assert pattern.sub("", "84号文") == "文" and pattern.groupindex == {"n": 1}
