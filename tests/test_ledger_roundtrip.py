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
