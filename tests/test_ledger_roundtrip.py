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
