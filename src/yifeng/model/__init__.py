"""The yifeng domain model: frozen, keyword-only attrs classes with no I/O.

Change an object with :func:`attrs.evolve`; serialise it with :func:`yifeng.io.dump`.
"""

from typing import TYPE_CHECKING

import attrs

from yifeng.model._campaign import Campaign, CampaignKind, Level, Notice
from yifeng.model._deadline import Deadline, DeadlineKind, parse_date
from yifeng.model._codes import DIAGNOSTIC_CODES, DiagnosticCode
from yifeng.model._diagnostic import Diagnostic, Diagnostics, Severity, Source
from yifeng.model._diff import ChangeKind, Diff, FieldChange, ItemChange, diff
from yifeng.model._docnumber import DocNumber
from yifeng._kinds import LedgerKind
from yifeng.model._ledger import LEDGER_COLUMNS, Filer, Ledger, LedgerRow, LedgerRows
from yifeng.model._ledger_ops import (
    LedgerSummary,
    check_ledger,
    mask_ledger,
    mask_name,
    mask_phone,
    merge_ledgers,
    open_rows,
    summarise_ledger,
)
from yifeng.model._negative import NegativeList, NegativeListArea, NegativeListItem, parse_negative_list_ref
from yifeng.model._parts import BasisDocument, Phase, Phases, ReportRequirement, Section, Task, Tasks
from yifeng.model._records import Column, ColumnNames, Groups, Records
from yifeng.model._tasktable import TaskTable
from yifeng.model._labels import ENUM_LABELS
from yifeng.model._recheck import check
from yifeng.model._weekly import ItemCount, UnitCount, WeeklyReport, WeeklyTally, weekly_report
from yifeng.model._workdays import CalendarWarning, is_working_day, next_working_day, working_days_between
from yifeng.model._people import (
    MemberRole,
    PostalAddress,
    ReportingChannel,
    UnitDuty,
    WorkGroup,
    WorkGroupMember,
)
from yifeng.model._responsibility import Responsibility
from yifeng.model._units import UNIT_ABBREVIATIONS, Role, Unit, canonical_unit_name

from yifeng.model._check import pickle_as_values, refuse_assignment

__all__ = [
    "BasisDocument",
    "CalendarWarning",
    "Campaign",
    "CampaignKind",
    "ChangeKind",
    "Column",
    "ColumnNames",
    "DIAGNOSTIC_CODES",
    "Deadline",
    "DeadlineKind",
    "Diagnostic",
    "DiagnosticCode",
    "Diagnostics",
    "Diff",
    "DocNumber",
    "ENUM_LABELS",
    "FieldChange",
    "Filer",
    "Groups",
    "ItemChange",
    "ItemCount",
    "LEDGER_COLUMNS",
    "Ledger",
    "LedgerKind",
    "LedgerRow",
    "LedgerRows",
    "LedgerSummary",
    "Level",
    "MemberRole",
    "NegativeList",
    "NegativeListArea",
    "NegativeListItem",
    "Notice",
    "Phase",
    "Phases",
    "PostalAddress",
    "Records",
    "ReportRequirement",
    "ReportingChannel",
    "Responsibility",
    "Role",
    "Section",
    "Severity",
    "Source",
    "Task",
    "TaskTable",
    "Tasks",
    "UNIT_ABBREVIATIONS",
    "Unit",
    "UnitCount",
    "UnitDuty",
    "WEEKLY",
    "WeeklyReport",
    "WeeklyTally",
    "WorkGroup",
    "WorkGroupMember",
    "canonical_unit_name",
    "check",
    "check_ledger",
    "diff",
    "is_working_day",
    "mask_ledger",
    "mask_name",
    "mask_phone",
    "merge_ledgers",
    "next_working_day",
    "open_rows",
    "parse_date",
    "parse_negative_list_ref",
    "summarise_ledger",
    "weekly_report",
    "working_days_between",
]

if TYPE_CHECKING:
    from yifeng.model._weekly import WEEKLY
else:
    from yifeng._lazy import lazy_exports

    # WEEKLY is parsed when first used, not at import (see yifeng.model._weekly).
    __getattr__, __dir__ = lazy_exports(__name__, {"_weekly": ("WEEKLY",)})

# Assigning to a field says, in Chinese, to use attrs.evolve (not "can't set attribute");
# a model object pickles as its values (see pickle_as_values).
for _name in __all__:
    _cls = globals().get(_name)
    if isinstance(_cls, type) and attrs.has(_cls) and _cls.__setattr__ is not object.__setattr__:
        refuse_assignment(_cls)
        pickle_as_values(_cls)
