"""The yifeng domain model: frozen, keyword-only attrs classes with no I/O.

Change an object with :func:`attrs.evolve`; serialise it with :func:`yifeng.io.dump`.
"""

from yifeng.model._campaign import Campaign, CampaignKind, Level, Notice
from yifeng.model._deadline import Deadline, DeadlineKind, parse_date
from yifeng.model._codes import DIAGNOSTIC_CODES, DiagnosticCode
from yifeng.model._diagnostic import Diagnostic, Severity, Source
from yifeng.model._diff import ChangeKind, Diff, FieldChange, ItemChange, diff
from yifeng.model._docnumber import DocNumber
from yifeng.model._ledger import LEDGER_COLUMNS, Filer, Ledger, LedgerKind, LedgerRow
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
from yifeng.model._negative import NegativeListArea, NegativeListItem, parse_negative_list_ref
from yifeng.model._parts import BasisDocument, Phase, ReportRequirement, Section, Task
from yifeng.model._tasktable import TaskTable
from yifeng.model._labels import ENUM_LABELS
from yifeng.model._recheck import check
from yifeng.model._weekly import WEEKLY, ItemCount, WeeklyReport, weekly_report
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

__all__ = [
    "BasisDocument",
    "CalendarWarning",
    "Campaign",
    "CampaignKind",
    "ChangeKind",
    "DIAGNOSTIC_CODES",
    "Deadline",
    "DeadlineKind",
    "Diagnostic",
    "DiagnosticCode",
    "Diff",
    "DocNumber",
    "ENUM_LABELS",
    "FieldChange",
    "Filer",
    "ItemChange",
    "ItemCount",
    "LEDGER_COLUMNS",
    "Ledger",
    "LedgerKind",
    "LedgerRow",
    "LedgerSummary",
    "Level",
    "MemberRole",
    "NegativeListArea",
    "NegativeListItem",
    "Notice",
    "Phase",
    "PostalAddress",
    "ReportRequirement",
    "ReportingChannel",
    "Responsibility",
    "Role",
    "Section",
    "Severity",
    "Source",
    "Task",
    "TaskTable",
    "UNIT_ABBREVIATIONS",
    "Unit",
    "UnitDuty",
    "WEEKLY",
    "WeeklyReport",
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
