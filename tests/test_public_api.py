"""The public surface, pinned (after httpx): a change here is a change to the contract."""

import yifeng.errors
import yifeng.io
import yifeng.model
import yifeng.render


def test_design_contract_names_import():
    from yifeng.errors import TableFormatError, YifengError  # noqa: F401
    from yifeng.io import (  # noqa: F401
        dump, load, read_ledger, read_notice_docx, read_notice_text, read_task_table, write_ledger, write_task_table,
    )
    from yifeng.model import (  # noqa: F401
        Campaign,
        Deadline,
        DeadlineKind,
        Diagnostic,
        DocNumber,
        Ledger,
        LedgerKind,
        LedgerRow,
        NegativeListItem,
        Notice,
        Phase,
        Responsibility,
        Role,
        Severity,
        Task,
        Unit,
    )

    assert issubclass(TableFormatError, YifengError) and issubclass(TableFormatError, ValueError)


def test_model_all_is_pinned_and_sorted():
    assert yifeng.model.__all__ == sorted(yifeng.model.__all__)
    assert set(yifeng.model.__all__) == {
        "LEDGER_COLUMNS", "UNIT_ABBREVIATIONS", "BasisDocument", "Campaign", "CampaignKind",
        "DIAGNOSTIC_CODES", "Deadline", "DeadlineKind", "Diagnostic", "DiagnosticCode", "ENUM_LABELS", "DocNumber", "Filer", "Ledger", "LedgerKind",
        "LedgerRow", "Level", "MemberRole", "NegativeListArea", "NegativeListItem", "Notice",
        "Phase", "PostalAddress", "ReportRequirement", "ReportingChannel", "Responsibility",
        "Role", "Section", "Severity", "Source", "Task", "TaskTable", "Unit", "UnitDuty", "WorkGroup",
        "WorkGroupMember", "canonical_unit_name", "parse_negative_list_ref", "LedgerSummary", "check_ledger",
        "mask_ledger", "mask_name", "mask_phone", "merge_ledgers", "open_rows", "summarise_ledger", "parse_date",
        "WEEKLY", "ItemCount", "UnitCount", "WeeklyReport", "WeeklyTally", "weekly_report",
        "ChangeKind", "Diff", "FieldChange", "ItemChange", "diff", "check",
        "CalendarWarning", "is_working_day", "next_working_day", "working_days_between",
        "Column", "ColumnNames", "Diagnostics", "Groups", "LedgerRows", "NegativeList", "Phases", "Records", "Tasks",
    }


def test_io_render_errors_all_are_pinned():
    assert yifeng.io.__all__ == [
        "LEDGER_PARQUET_VERSION", "Limits", "NOT_IN_SCHEMA", "SCHEMA_PROBLEMS", "SCHEMA_VERSION",
        "TASKS_PARQUET_VERSION", "WEEKLY_SQL", "dump", "dumps", "from_dict", "json_schema", "ledger_schema",
        "ledgers_to_arrow", "load", "loads", "read_ledger", "read_notice_docx", "read_notice_text", "read_parquet",
        "read_task_table", "tasks_schema", "to_dict", "validate", "weekly_tally_from_parquet", "write_ledger",
        "write_parquet", "write_task_table", "write_tasks_parquet",
    ]
    assert yifeng.render.__all__ == [
        "render_ledger", "render_notice", "render_task_table", "render_weekly", "render_weekly_report", "template_path",
        "write_weekly_figures",
    ]
    assert yifeng.errors.__all__ == [
        "LedgerError", "ModelError", "ParseError", "Problem", "RenderError", "SchemaError", "TableFormatError",
        "YifengError",
    ]


def test_every_exported_name_exists():
    for module in (yifeng.model, yifeng.io, yifeng.render, yifeng.errors):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_model_classes_are_keyword_only():
    import attrs
    import pytest

    for name in yifeng.model.__all__:
        cls = getattr(yifeng.model, name)
        if isinstance(cls, type) and attrs.has(cls):
            assert all(a.kw_only for a in attrs.fields(cls)), name
            with pytest.raises(TypeError):
                cls("positional")
