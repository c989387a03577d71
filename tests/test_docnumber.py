"""发文字号: every document number in the seeds, in every bracket style offices type."""

import pytest

from yifeng.errors import ModelError, ParseError
from yifeng.model import DocNumber

SEED_NUMBERS = [
    ("国卫医函〔2022〕84号", "国卫医函", 2022, 84),  # 001
    ("陕卫办医发〔2020〕36号", "陕卫办医发", 2020, 36),  # 003
    ("国卫医函〔2020〕192号", "国卫医函", 2020, 192),  # 003's basis
    ("国卫医急发〔2023〕19号", "国卫医急发", 2023, 19),  # 004's basis
    ("辽卫发〔2023〕56号", "辽卫发", 2023, 56),
    ("盘卫发〔2023〕64号", "盘卫发", 2023, 64),
]


@pytest.mark.parametrize(("text", "agency", "year", "serial"), SEED_NUMBERS)
def test_seed_numbers(text, agency, year, serial):
    number = DocNumber.parse(text)
    assert (number.agency, number.year, number.serial) == (agency, year, serial)
    assert str(number) == text


@pytest.mark.parametrize(
    "text",
    [
        "国卫医函[2022]84号",
        "国卫医函［2022］84号",
        "国卫医函（2022）84号",
        "国卫医函(2022)84号",
        "国卫医函【2022】84号",
        "国卫医函 〔 2022 〕 84 号",
        "国卫医函〔２０２２〕８４号",
        "国卫医函〔2022〕第84号",
    ],
)
def test_bracket_and_spacing_variants_give_the_canonical_form(text):
    assert str(DocNumber.parse(text)) == "国卫医函〔2022〕84号"


@pytest.mark.parametrize("text", ["", "国卫医函2022年84号", "〔2022〕84号", "国卫医函〔22〕84号", "84号"])
def test_not_a_document_number(text):
    with pytest.raises(ParseError):
        DocNumber.parse(text)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"agency": "国卫医函", "year": 1800, "serial": 1}, "year"),
        ({"agency": "国卫医函", "year": 2022, "serial": 0}, "serial"),
        ({"agency": "", "year": 2022, "serial": 1}, "agency"),
        ({"agency": "国卫 医函", "year": 2022, "serial": 1}, "agency"),
    ],
)
def test_impossible_numbers_name_the_field(kwargs, field):
    with pytest.raises(ModelError, match=rf"^DocNumber\.{field}"):
        DocNumber(**kwargs)
