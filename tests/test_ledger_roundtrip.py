"""read_ledger(write_ledger(l)) == l for every consistent ledger, through real .xlsx files."""

import datetime as dt
import io

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifeng.io import read_ledger, write_ledger
from yifeng.model import Filer, Ledger, LedgerKind, LedgerRow

# Text an office types: Chinese, Latin, digits, punctuation, inner spaces and line breaks.
_CHARS = list("县卫生健康委医院张王李某问题整改措施（）《》“”、，。；：abcXYZ0123456789-=<>&/ \n")
text = st.text(st.sampled_from(_CHARS), max_size=20)
# The filer line and the title are single lines a reader splits on its labels.
label_free = st.text(st.sampled_from(list("县卫生健康委医院张王李abc0123456789")), max_size=10)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
# Kept as original text only when it really cannot be read: what a reader would keep.
bad_date = st.sampled_from(["九月中", "2023/02/30", "下周", "2023年13月1日", "待定"])
bad_rectified = st.sampled_from(["整改中？", "部分完成", "待核实"])
filers = st.builds(Filer, unit=label_free, person=label_free, contact=label_free)


@st.composite
def rows(draw):
    unparsed = []
    values = {}
    for field in ("discovered_on", "rectified_on"):
        if draw(st.booleans()) and draw(st.booleans()):
            unparsed.append((field, draw(bad_date)))
            values[field] = None
        else:
            values[field] = draw(st.none() | dates)
    rectified = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        unparsed.append(("rectified", draw(bad_rectified)))
        rectified = False
    filer = draw(st.none() | filers.filter(lambda f: any((f.unit, f.person, f.contact))))
    order = ["discovered_on", "rectified", "rectified_on"]
    return LedgerRow(
        number=draw(st.none() | st.integers(1, 10**6)),
        institution=draw(text), person=draw(text), unit=draw(text), authority=draw(text),
        negative_list_ref=draw(text), description=draw(text), discovered_via=draw(text),
        measures=draw(text), decision=draw(text), policy_basis=draw(text), owner=draw(text), phone=draw(text),
        rectified=rectified, unparsed=tuple(sorted(unparsed, key=lambda p: order.index(p[0]))),
        filer=filer, **values,
    )


@st.composite
def ledgers(draw):
    kind = draw(st.sampled_from(LedgerKind))
    chosen = draw(st.lists(rows(), min_size=0, max_size=6))
    # A row's fields outside its kind's columns are not written: leave them empty.
    keep = {"institution"} if kind is LedgerKind.INSTITUTION else {"person", "unit"}
    cleared = [attrs.evolve(r, **{f: "" for f in ("institution", "person", "unit") if f not in keep}) for r in chosen]
    # A row that is entirely empty is not a problem; a reader skips it.
    cleared = [r for r in cleared if any(v not in (None, "", False, ()) for k, v in attrs.asdict(r, recurse=False).items()
                                         if k not in ("source",))]
    return Ledger(kind=kind, title=draw(label_free), filer=draw(filers), rows=tuple(cleared))


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledger=ledgers())
def test_write_then_read_gives_the_same_ledger(engine, ledger):
    buffer = io.BytesIO()
    write_ledger(ledger, buffer)
    assert read_ledger(io.BytesIO(buffer.getvalue()), engine=engine) == ledger


# -- what a hostile or careless file holds: nothing may be lost or altered ----------------------

# Characters each file format stores in its own way: control characters (stored as _x0001_),
# text that looks like those escapes, carriage returns, formulas, error values, leading zeros.
_HOSTILE = st.sampled_from(["\x01", "\x0b", "\x1f", "\r", "\r\n", "\t", "_x0041_", "_x005F_", "_xD800_",
                            "=SUM(A1:A3)", "#REF!", "#DIV/0!", "0123", "007", "1e5", "TRUE", "'", " "])
hostile_text = st.lists(_HOSTILE | st.sampled_from(_CHARS), max_size=8).map("".join)
# Column headers a clerk adds: none of them is the header of a standard column.
extra_headers = st.lists(st.sampled_from(["备注", "处理结果", "移交情况", "核查人", "附件"]), min_size=1, max_size=3,
                         unique=True)


@st.composite
def hostile_ledgers(draw):
    kind = draw(st.sampled_from(LedgerKind))
    headers = tuple(draw(st.none() | extra_headers) or ())
    keep = "institution" if kind is LedgerKind.INSTITUTION else "person"
    chosen = []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        blank = draw(st.booleans())
        chosen.append(LedgerRow(
            number=number, description=draw(hostile_text), measures=draw(hostile_text), phone=draw(hostile_text),
            owner=draw(hostile_text), policy_basis=draw(hostile_text), **{keep: f"某单位{number}"},
            rectified=False if blank else draw(st.booleans()),
            # A 整改是否完成 left blank stays blank; it is not "否".
            unparsed=(("rectified", ""),) if blank else (),
            extra=tuple(draw(hostile_text) for _ in headers),
        ))
    notes = tuple(draw(st.lists(st.sampled_from(["注：每周四下班前报送。", "填表说明：一事一行。", "备注：涉密内容不填。"]),
                                max_size=2, unique=True)))
    return Ledger(kind=kind, title="医药领域腐败问题集中整治工作台账", rows=tuple(chosen), extra_columns=headers,
                  notes=notes)


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledger=hostile_ledgers())
def test_hostile_text_extra_columns_notes_and_blanks_survive_the_round_trip(engine, ledger):
    buffer = io.BytesIO()
    write_ledger(ledger, buffer)
    again = read_ledger(io.BytesIO(buffer.getvalue()), engine=engine)
    assert again == ledger
    # And again: nothing grows or shifts on a second cycle (the openpyxl path once escaped "\r").
    second = io.BytesIO()
    write_ledger(again, second)
    assert read_ledger(io.BytesIO(second.getvalue()), engine=engine) == ledger


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_text_as_long_as_a_cell_can_hold_survives(engine):
    longest = "长" * 32_767  # Excel's limit for one cell
    ledger = Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=1, institution="某医院", description=longest),))
    buffer = io.BytesIO()
    write_ledger(ledger, buffer)
    assert read_ledger(io.BytesIO(buffer.getvalue()), engine=engine).rows[0].description == longest


def test_text_longer_than_a_cell_can_hold_is_refused_not_cut():
    from yifeng.errors import TableFormatError

    ledger = Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=1, institution="某医院", description="长" * 32_768),))
    with pytest.raises(TableFormatError, match="32,?767"):
        write_ledger(ledger, io.BytesIO())


def _sheet_xml(data: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_problem_rows_are_written_as_excel_stores_them():
    """The body rows are SpreadsheetML written by yifeng (not XlsxWriter): each special
    case as Excel itself stores it, and openpyxl (another reader) reads the dates back."""
    import re

    import openpyxl

    row = LedgerRow(number=7, institution=" 甲医院", authority="", description="a<b & c>d", measures="见_x0041_",
                    decision="一\x01二", discovered_on=dt.date(1900, 1, 1), rectified=True,
                    rectified_on=dt.date(1900, 3, 1), phone="13800000000", key="k1")
    later = LedgerRow(number=8, institution="乙医院", discovered_on=dt.date(2023, 9, 15), rectified=False)
    # Nothing to escape in this row (written without searching each cell), ends to keep.
    plain = LedgerRow(number=9, institution="丙医院\t", authority=" 卫健委", description="两行\n文字")
    buffer = io.BytesIO()
    write_ledger(Ledger(kind=LedgerKind.INSTITUTION, title="台账", rows=(row, later, plain), notes=("注：一事一行。",)),
                 buffer)
    sheet = _sheet_xml(buffer.getvalue())
    cells = dict(re.findall(r'<c r="([A-Z]+[456])" s="\d+"(.*?)(?:/>|</c>)', sheet, re.S))
    assert cells["A4"] == "><v>7</v>"
    assert cells["B4"] == ' t="inlineStr"><is><t xml:space="preserve"> 甲医院</t></is>'  # leading space kept
    assert cells["C4"] == ""  # blank, in the table's style
    assert cells["E4"] == ' t="inlineStr"><is><t>a&lt;b &amp; c&gt;d</t></is>'
    assert cells["G4"] == "><v>1</v>"  # 1900-01-01 is day 1
    assert cells["H4"] == ' t="inlineStr"><is><t>见_x005F_x0041_</t></is>'  # a literal escape, escaped
    assert cells["I4"] == ' t="inlineStr"><is><t>一_x0001_二</t></is>'  # a control character, escaped
    assert cells["K4"] == ' t="inlineStr"><is><t>是</t></is>'
    assert cells["L4"] == "><v>61</v>"  # after Excel's 29 February 1900
    assert cells["O4"] == ' t="inlineStr"><is><t>k1</t></is>'  # the hidden key
    assert cells["G5"] == "><v>45184</v>"
    assert cells["K5"] == ' t="inlineStr"><is><t>否</t></is>'
    assert cells["B6"] == ' t="inlineStr"><is><t xml:space="preserve">丙医院\t</t></is>'
    assert cells["C6"] == ' t="inlineStr"><is><t xml:space="preserve"> 卫健委</t></is>'
    assert cells["E6"] == ' t="inlineStr"><is><t>两行\n文字</t></is>'
    assert '<dimension ref="A1:O7"/>' in sheet  # three problems and the note below them
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    values = book.active
    assert values["G4"].value == dt.datetime(1900, 1, 1)
    assert values["L4"].value == dt.datetime(1900, 3, 1)
    assert values["G5"].value == dt.datetime(2023, 9, 15)
    assert values["A7"].value == "注：一事一行。"
    assert "A7:N7" in [str(r) for r in values.merged_cells.ranges]


def test_text_longer_than_a_cell_can_hold_in_utf16_is_refused():
    """Excel counts UTF-16 units: 20,000 characters outside the BMP are 40,000 of them."""
    from yifeng.errors import TableFormatError

    ledger = Ledger(kind=LedgerKind.INSTITUTION, rows=(LedgerRow(number=1, institution="某医院", description="𠀀" * 20_000),))
    with pytest.raises(TableFormatError, match="40000"):
        write_ledger(ledger, io.BytesIO())


def test_a_filer_longer_than_a_cell_can_hold_is_refused():
    from yifeng.errors import TableFormatError

    row = LedgerRow(number=1, institution="某医院", filer=Filer(unit="某" * 32_768))
    with pytest.raises(TableFormatError, match="填报单位"):
        write_ledger(Ledger(kind=LedgerKind.INSTITUTION, rows=(row,)), io.BytesIO())
