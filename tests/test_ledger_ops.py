"""Merging filers' ledgers, counting, chasing open problems, masking."""

import datetime as dt

import pytest
from hypothesis import given

from yifeng.errors import LedgerError
from yifeng.model import (
    Filer,
    Ledger,
    LedgerKind,
    LedgerRow,
    Source,
    mask_name,
    mask_phone,
    merge_ledgers,
    open_rows,
    summarise_ledger,
)

from . import strategies as _strategies

D = dt.date


def row(number, subject, ref, description, *, found, done=None, via="自查自纠", authority="区卫生健康局", line=None):
    return LedgerRow(number=number, institution=subject, negative_list_ref=ref, description=description,
                     discovered_via=via, authority=authority, discovered_on=found, rectified=done is not None,
                     rectified_on=done, measures="整改", owner="王五",
                     source=Source(file=f"{subject}.xlsx", sheet="台账", row=line) if line else None)


HOSPITAL = Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="区人民医院"), rows=(
    row(1, "区人民医院", "（二）2.（3）", "线下采购高价耗材", found=D(2023, 9, 5), done=D(2023, 9, 15), line=4),
    row(2, "区人民医院", "（六）2.（4）", "收受红包", found=D(2023, 9, 20), via="群众举报", line=5),
))
CLINIC = Ledger(kind=LedgerKind.INSTITUTION, filer=Filer(unit="区卫生健康局"), rows=(
    row(1, "区人民医院", "(二)2.(3)", "线下采购高价耗材", found=D(2023, 9, 6), line=4),
    row(2, "某诊所", "（四）2.（1）", "串换药品", found=D(2023, 9, 1), authority="市医保中心兴隆台分中心", line=5),
))


def test_merge_keeps_each_filer_and_flags_likely_duplicates():
    merged = merge_ledgers([HOSPITAL, CLINIC], title="全区台账")
    assert merged.title == "全区台账" and len(merged.rows) == 4
    assert [r.filer.unit for r in merged.rows] == ["区人民医院", "区人民医院", "区卫生健康局", "区卫生健康局"]
    [duplicate] = merged.diagnostics
    assert duplicate.code == "duplicate-likely"
    assert (duplicate.file, duplicate.cell) == ("区人民医院.xlsx", "A4")  # the later filing, in its own file
    assert "区人民医院报送的第 1 条" in duplicate.message


def test_merge_refuses_mixed_kinds_and_nothing():
    with pytest.raises(LedgerError, match="不能把机构台账和个人台账合并"):
        merge_ledgers([HOSPITAL, Ledger(kind=LedgerKind.PERSON)])
    with pytest.raises(LedgerError):
        merge_ledgers([])


def test_summary_counts_and_rate():
    summary = summarise_ledger(merge_ledgers([HOSPITAL, CLINIC]))
    assert (summary.total, summary.rectified, summary.open) == (4, 1, 3)
    assert summary.rate == 0.25
    assert summary.by_item == (("（二）2.（3）", 2), ("（六）2.（4）", 1), ("（四）2.（1）", 1))
    assert summary.by_area == (("（二）", 2), ("（六）", 1), ("（四）", 1))
    assert summary.by_discovery == (("自查自纠", 3), ("群众举报", 1))
    assert summary.by_authority == (("区卫生健康局", 3), ("市医保中心兴隆台分中心", 1))
    assert summarise_ledger(Ledger(kind=LedgerKind.PERSON)).rate == 0.0


def test_open_rows_past_a_date_oldest_first():
    merged = merge_ledgers([HOSPITAL, CLINIC])
    still_open = open_rows(merged, as_of=D(2023, 9, 28), older_than=10)
    assert [(r.institution, r.discovered_on) for r in still_open] == [("某诊所", D(2023, 9, 1)), ("区人民医院", D(2023, 9, 6))]
    assert len(open_rows(merged, as_of=D(2023, 9, 28))) == 3


@pytest.mark.parametrize(("name", "masked"), [("张三", "张某"), ("欧阳修", "欧阳某"), ("李某某", "李某"), ("欧阳", "欧某"), ("", "")])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(("phone", "masked"), [("13812345678", "138****5678"), ("138-1234-5678", "138-****-5678"),
                                               ("0427-2811536", "042*-***1536"), ("110", "110")])
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@given(row=_strategies.ledger_rows, filer=_strategies.filers)
def test_a_row_copied_with_its_filer_or_opened_equals_one_made_anew(row, filer):
    # Merging and the weekly tally copy rows without checking them again; the copy must
    # be the row attrs would make (and equal, and hash alike).
    import attrs

    from yifeng.model._ledger_ops import copied

    with_filer = copied(row, filer=filer)
    assert with_filer == attrs.evolve(row, filer=filer) and hash(with_filer) == hash(attrs.evolve(row, filer=filer))
    assert copied(row, open_=True) == attrs.evolve(row, rectified=False, rectified_on=None)
    assert copied(row) == row and copied(row) is not row
    with pytest.raises(TypeError, match="Filer"):
        copied(row, filer="某医院")  # type: ignore[arg-type]


def test_copies_keep_a_subclass_of_row_and_accept_one_of_filer():
    import attrs

    from yifeng.model import merge_ledgers
    from yifeng.model._ledger_ops import copied

    class OfficeFiler(Filer):
        pass

    @attrs.frozen(kw_only=True)
    class NotedRow(LedgerRow):
        note: str = ""

    row = NotedRow(institution="某医院", note="复查")
    merged = merge_ledgers([Ledger(kind=LedgerKind.INSTITUTION, filer=OfficeFiler(unit="甲"), rows=(row,))])
    assert type(merged.rows[0]) is NotedRow and merged.rows[0].note == "复查"
    assert merged.rows[0].filer == OfficeFiler(unit="甲")
    assert copied(row, open_=True) == attrs.evolve(row, rectified=False, rectified_on=None)
