"""台账: read seed 004's two templates filled as offices fill them, keep every cell."""

from __future__ import annotations

import datetime as dt
import io

import attrs
import pytest

from yifeng import examples
from yifeng.errors import LedgerError, TableFormatError
from yifeng.io import read_ledger, write_ledger
from yifeng.model import LEDGER_COLUMNS, Filer, Ledger, LedgerKind, LedgerRow, check_ledger

from .layouts import workbook

D = dt.date
INSTITUTION_HEADER = [h for _, h in LEDGER_COLUMNS[LedgerKind.INSTITUTION]]
PERSON_HEADER = [h for _, h in LEDGER_COLUMNS[LedgerKind.PERSON]]
FILER = "填报单位：兴隆台区人民医院                              填报人：张三                             联系方式：13812345678"
CAMPAIGN = examples.campaign("xinglongtai-2023")


@pytest.fixture(params=["openpyxl", "calamine"])
def engine(request):
    return request.param


def institution_ledger() -> bytes:
    """附件3 as a hospital fills it: values typed every way offices type them."""
    return workbook([
        ["附件3"],
        ["兴隆台区医药领域腐败问题集中整治工作台账（机构）"],
        [FILER],
        INSTITUTION_HEADER,
        [1, "兴隆台区人民医院", "区卫生健康局", "（二）2.（3）", "线下采购高价非挂网耗材", "自查自纠",
         dt.datetime(2023, 9, 5), "停止采购，全院通报", "通报批评", "《九项准则》", "是", "2023.9.15", "王五", 13812345678],
        [2, "兴隆台区人民医院", "区卫生健康局", "(六)2.(4)", "收受患者红包", "群众举报", "2023年9月20日",
         "退还红包", "诫勉谈话", "《九项准则》", "否", None, "赵六", "138-1234-5678"],
        [3, "兴隆台区人民医院", "区卫生健康局", "（一）2.（1）", "接受宴请", "专项检查", "2023/09/18",
         "批评教育", "", "", "✓", "2023-9-25", "钱七", "13900001111"],
        [4, "某诊所", "区卫生健康局", "第九条", "虚开发票", "审计", "九月中",
         "", "", "", "整改中？", "2023/02/30", "孙七", "0427-2811536"],
        [None] * 14,
        [5] + [None] * 13,  # the template's pre-numbered blank rows
    ])


def person_ledger() -> bytes:
    """附件4 with its filer line under the table, as seed 004 prints it."""
    return workbook([
        ["附件4"],
        ["兴隆台区医药领域腐败问题集中整治工作台账（个人）"],
        PERSON_HEADER,
        [1, "李某某", "兴隆台区人民医院", "区卫生健康局", "（六）2.（1）", "收受回扣", "上级交办", D(2023, 9, 1),
         "退缴违纪款", "党内警告", "《中国共产党纪律处分条例》", "已完成", D(2023, 9, 10), "王五", "13812345678"],
        [2, "欧阳某", "兴隆台区中医院", "区卫生健康局", "（六）2.（3）", "开单提成", "自查", D(2023, 9, 12),
         "", "", "", "未完成", None, "", ""],
        [None] * 15,
        [FILER],
    ])


def codes(ledger):
    return [(d.cell, d.code) for d in ledger.diagnostics]


def test_institution_template(engine):
    ledger = read_ledger(io.BytesIO(institution_ledger()), campaign=CAMPAIGN, engine=engine)
    assert ledger.kind is LedgerKind.INSTITUTION
    assert ledger.title == "兴隆台区医药领域腐败问题集中整治工作台账（机构）"
    assert ledger.filer == Filer(unit="兴隆台区人民医院", person="张三", contact="13812345678")
    assert [r.number for r in ledger.rows] == [1, 2, 3, 4]  # blank template rows are not problems
    first, second, third, fourth = ledger.rows
    assert (first.discovered_on, first.rectified, first.rectified_on) == (D(2023, 9, 5), True, D(2023, 9, 15))
    assert first.phone == "13812345678"  # typed as a number, never "13812345678.0"
    assert (second.discovered_on, second.rectified, second.phone) == (D(2023, 9, 20), False, "138-1234-5678")
    assert (third.discovered_on, third.rectified, third.rectified_on) == (D(2023, 9, 18), True, D(2023, 9, 25))
    assert first.negative_list_ref == "（二）2.（3）" and first.source.row == 5
    # What could not be understood stays as written, with its cell named.
    assert fourth.unparsed == (("discovered_on", "九月中"), ("rectified", "整改中？"), ("rectified_on", "2023/02/30"))
    assert (fourth.discovered_on, fourth.rectified, fourth.rectified_on) == (None, False, None)
    assert codes(ledger) == [
        ("D8", "negative-list-unparsed"),
        ("G8", "date-unparsed"),
        ("H8", "wuding-missing"),
        ("K8", "rectified-unparsed"),
        ("L8", "date-invalid"),
        ("N8", "phone-not-mobile"),
    ]


def test_person_template_with_filer_line_below(engine):
    ledger = read_ledger(io.BytesIO(person_ledger()), campaign=CAMPAIGN, engine=engine)
    assert ledger.kind is LedgerKind.PERSON
    assert ledger.filer.unit == "兴隆台区人民医院"
    assert [r.person for r in ledger.rows] == ["李某某", "欧阳某"]
    assert ledger.rows[0].unit == "兴隆台区人民医院" and ledger.rows[0].authority == "区卫生健康局"
    assert ledger.rows[0].rectified and not ledger.rows[1].rectified
    assert codes(ledger) == [("I5", "wuding-missing"), ("N5", "wuding-missing")]


def test_rows_read_filed_carry_the_filer_line_even_when_it_stands_under_the_table(engine):
    # What `ledger merge` and `ledger report` read in their workers: the rows as
    # merge_ledgers files them, each with the ledger's filer when it has none of its own.
    from yifeng.io._ledger import read_file
    from yifeng.model._ledger_ops import filed_rows

    for made in (person_ledger(), institution_ledger()):
        plain = read_ledger(io.BytesIO(made), campaign=CAMPAIGN, engine=engine)
        filed = read_file(io.BytesIO(made), campaign=CAMPAIGN, engine=engine, filed=True)
        assert [r.filer for r in plain.rows] == [None] * len(plain.rows)
        assert [r.filer for r in filed.rows] == [Filer(unit="兴隆台区人民医院", person="张三",
                                                       contact="13812345678")] * len(plain.rows)
        assert filed == attrs.evolve(plain, rows=filed_rows(plain))
    # A row with a filer of its own (填报单位 columns) keeps it.
    own = workbook([["台账"], ["填报单位：区卫生健康局"], [*INSTITUTION_HEADER, "填报单位"],
                    [1, "区人民医院", "区卫生健康局", "（二）2.（3）", "收受回扣", "自查", D(2023, 9, 5), "停止",
                     "", "", "否", None, "王五", "13812345678", "区人民医院"],
                    [2, "区中医院", "区卫生健康局", "（二）2.（3）", "收受回扣", "自查", D(2023, 9, 5), "停止",
                     "", "", "否", None, "王五", "13812345678", None]])
    filed = read_file(io.BytesIO(own), engine=engine, filed=True)
    assert [r.filer.unit for r in filed.rows] == ["区人民医院", "区卫生健康局"]


def test_validation_rules():
    rows = (
        LedgerRow(number=1, institution="甲医院", description="d", measures="m", owner="o", rectified=True),
        LedgerRow(number=2, institution="乙医院", description="d", measures="m", owner="o",
                  discovered_on=D(2023, 9, 10), rectified=True, rectified_on=D(2023, 9, 1)),
        LedgerRow(number=3, institution="丙医院", description="d", measures="m", owner="o",
                  rectified_on=D(2023, 9, 1)),
        LedgerRow(number=4, institution="丁医院", description="d", measures="m", owner="o", negative_list_ref="（七）2.（1）"),
        LedgerRow(number=5, description="d", measures="m", owner="o", phone="12345"),
    )
    found = check_ledger(Ledger(kind=LedgerKind.INSTITUTION, rows=rows), campaign=CAMPAIGN)
    assert [(d.code, d.message.split("：")[0]) for d in found] == [
        ("rectified-without-date", "第 1 条"),
        ("rectified-before-discovered", "第 2 条"),
        ("date-but-not-rectified", "第 3 条"),
        ("negative-list-unknown", "第 4 条"),
        ("wuding-missing", "第 5 条"),
        ("phone-not-mobile", "第 5 条"),
    ]
    # Without a campaign a well-formed reference cannot be judged unknown.
    assert "negative-list-unknown" not in {d.code for d in check_ledger(Ledger(kind=LedgerKind.INSTITUTION, rows=rows))}


@pytest.mark.parametrize("make", [institution_ledger, person_ledger])
def test_round_trip_is_exact_including_unparsed_values(tmp_path, make, engine):
    ledger = read_ledger(io.BytesIO(make()), campaign=CAMPAIGN, engine=engine)
    path = tmp_path / "台账.xlsx"
    write_ledger(ledger, path)
    again = read_ledger(path, campaign=CAMPAIGN, engine=engine)
    assert again == ledger
    assert [r.unparsed for r in again.rows] == [r.unparsed for r in ledger.rows]
    # The written file is a fixed point: writing it again gives the same diagnostics too.
    write_ledger(again, tmp_path / "again.xlsx")
    third = read_ledger(tmp_path / "again.xlsx", campaign=CAMPAIGN, engine=engine)
    assert third == again and codes(third) == codes(again)


def test_written_layout(tmp_path):
    import openpyxl

    ledger = read_ledger(io.BytesIO(institution_ledger()))
    write_ledger(ledger, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet["A1"].value == ledger.title
    assert sheet["A2"].value.startswith("填报单位：兴隆台区人民医院")
    # The standard header, then the rows' keys in a hidden column.
    assert [c.value for c in sheet[3]] == [*INSTITUTION_HEADER, "yifeng标识"]
    assert sheet.column_dimensions["O"].hidden and sheet["O4"].value == ledger.rows[0].key
    assert sheet["G4"].value == dt.datetime(2023, 9, 5) and sheet["G4"].number_format == "yyyy-mm-dd"
    assert sheet["K4"].value == "是" and sheet["N4"].value == "13812345678" and sheet["N4"].data_type == "s"
    assert sheet["G7"].value == "九月中"  # kept as typed
    assert sheet.page_setup.orientation == "landscape"


def test_blank_form(tmp_path):
    import openpyxl

    template = CAMPAIGN.ledgers[1]
    write_ledger(template, tmp_path / "blank.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "blank.xlsx").active
    assert [c.value for c in sheet[3]] == [*PERSON_HEADER, "yifeng标识"] and sheet.max_row == 3
    assert read_ledger(tmp_path / "blank.xlsx") == template


def test_mask_for_copies_that_leave_the_office(tmp_path):
    ledger = read_ledger(io.BytesIO(person_ledger()))
    write_ledger(ledger, tmp_path / "masked.xlsx", mask=True)
    masked = read_ledger(tmp_path / "masked.xlsx")
    assert [r.person for r in masked.rows] == ["李某", "欧阳某"]
    assert masked.rows[0].owner == "王某" and masked.rows[0].phone == "138****5678"
    assert masked.filer.person == "张某" and masked.filer.contact == "138****5678"
    assert masked.rows[0].description == ledger.rows[0].description  # only people and numbers


def test_a_filer_shared_by_rows_is_masked_once_for_them_all():
    # Rows read filed (`ledger report --mask` in its workers) share the ledger's filer:
    # masked, they share one masked filer too, not a copy each to pickle back.
    from yifeng.io._ledger import read_file
    from yifeng.model import mask_ledger

    masked = mask_ledger(read_file(io.BytesIO(institution_ledger()), filed=True))
    assert masked.filer == Filer(unit="兴隆台区人民医院", person="张某", contact="138****5678")
    assert all(r.filer is masked.filer for r in masked.rows) and len(masked.rows) == 4
    own = Filer(unit="区中医院", person="李四", contact="13912345678")
    mixed = mask_ledger(attrs.evolve(masked, rows=(*masked.rows, attrs.evolve(masked.rows[0], filer=own))))
    assert mixed.rows[-1].filer == Filer(unit="区中医院", person="李某", contact="139****5678")
    assert mixed.rows[0].filer is mixed.filer


def test_not_a_ledger(engine):
    with pytest.raises(TableFormatError, match="没有找到工作台账"):
        read_ledger(io.BytesIO(workbook([["序号", "重点任务", "责任单位"], [1, "任务", "县卫生健康委"]])), engine=engine)


def test_close_out():
    row = LedgerRow(number=3, institution="甲医院", measures="退还红包", discovered_on=D(2023, 9, 1),
                    unparsed=(("rectified", "整改中"),))
    closed = row.close_out(D(2023, 9, 20))
    assert (closed.rectified, closed.rectified_on, closed.unparsed) == (True, D(2023, 9, 20), ())
    assert row.rectified is False  # a new object; the old row is unchanged
    with pytest.raises(LedgerError, match="第 3 条问题没有填写整治措施"):
        attrs.evolve(row, measures="").close_out(D(2023, 9, 20))
    assert attrs.evolve(row, measures="").close_out(D(2023, 9, 20), measures="约谈").measures == "约谈"
    with pytest.raises(LedgerError, match="早于发现日期"):
        row.close_out(D(2023, 8, 1))
