"""The code registry is the one list of problems: every code a reader or check can emit is
registered, and every diagnostic emitted agrees with its entry (severity, fields)."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import attrs
import pytest

import yifeng
from yifeng import examples
from yifeng.errors import YifengError
from yifeng.io import read_ledger, read_notice_docx, read_notice_text, read_task_table, write_ledger
from yifeng.io._detect import table_kind
from yifeng.model import DIAGNOSTIC_CODES, ENUM_LABELS, LedgerRow, Severity, check

from .test_ledger import institution_ledger

SOURCE = Path(yifeng.__file__).parent
DATA = Path(__file__).parent / "data"
_FIELDS = {
    name for cls in (yifeng.model.Task, LedgerRow) for name in (a.name for a in attrs.fields(cls))
}


def _codes_named_in_source() -> dict[str, str]:
    """Every string literal the source hands to the registry: ``DIAGNOSTIC_CODES["x"]``
    and the first argument of a ``report(...)`` call, with where it is."""
    found = {}
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            literal = None
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and \
                    node.value.id == "DIAGNOSTIC_CODES" and isinstance(node.slice, ast.Constant):
                literal = node.slice.value
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], (ast.Constant, ast.IfExp)):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "report":
                    arg = node.args[0]
                    options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                    for option in options:
                        if isinstance(option, ast.Constant):
                            found[option.value] = f"{path.name}:{node.lineno}"
                    continue
            if isinstance(literal, str):
                found[literal] = f"{path.name}:{node.lineno}"
    return found


def _literals_outside_the_registry() -> set[str]:
    return {node.value for path in SOURCE.rglob("*.py") if path.name != "_codes.py"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_the_source_names_is_registered_and_every_registered_code_is_used():
    named = _codes_named_in_source()
    assert len(named) > 30  # the scan sees the readers' calls
    unregistered = {code: where for code, where in named.items() if code not in DIAGNOSTIC_CODES}
    assert not unregistered
    # No dead entries: each code is written somewhere outside the registry; the three
    # cell codes are composed by the table reader as f"cell-{kind}".
    composed = {"cell-error", "cell-formula", "cell-date"}
    assert set(DIAGNOSTIC_CODES) - _literals_outside_the_registry() == composed


def test_registry_entries_are_complete():
    for code, entry in DIAGNOSTIC_CODES.items():
        assert entry.code == code and entry.title and entry.description and entry.template
        assert entry.fields == ("*",) or set(entry.fields) <= _FIELDS, code


def _emitted():
    """Diagnostics the readers give for every file the tests hold, and check's."""
    files = sorted(p for p in DATA.rglob("*") if p.suffix in (".txt", ".docx", ".xlsx"))
    files += [examples.workbook(name) for name in examples.workbook_names()]
    for path in files:
        try:
            if path.suffix == ".txt":
                yield path, read_notice_text(path.read_text(encoding="utf-8", errors="replace")).diagnostics
            elif path.suffix == ".docx":
                yield path, read_notice_docx(path).diagnostics
            elif table_kind(path) == "ledger":
                yield path, read_ledger(path).diagnostics
            else:
                yield path, read_task_table(path).diagnostics
        except YifengError:
            continue
    ledger = read_ledger(io.BytesIO(institution_ledger()))
    yield "ledger", ledger.diagnostics
    buffer = io.BytesIO()
    write_ledger(ledger, buffer)
    yield "ledger written", read_ledger(io.BytesIO(buffer.getvalue())).diagnostics
    yield "check", check(ledger)
    for name in examples.names():
        yield name, check(examples.notice(name))


def test_every_emitted_diagnostic_agrees_with_its_entry():
    seen = set()
    count = 0
    for where, diagnostics in _emitted():
        for diagnostic in diagnostics:
            count += 1
            entry = DIAGNOSTIC_CODES.get(diagnostic.code)
            assert entry is not None, (where, diagnostic.code)
            assert diagnostic.severity is entry.severity, (where, diagnostic.code)
            if not entry.fields:
                assert diagnostic.field is None, (where, str(diagnostic))
            elif entry.fields != ("*",):
                assert diagnostic.field in entry.fields, (where, str(diagnostic), diagnostic.field)
            seen.add(diagnostic.code)
    # The files exercise a good part of the registry, both severities.
    assert count > 100 and len(seen) >= 15
    assert {DIAGNOSTIC_CODES[c].severity for c in seen} == set(Severity)


def test_an_unregistered_code_cannot_be_made():
    with pytest.raises(YifengError, match="未登记的问题代码"):
        yifeng.model.Diagnostic(severity=Severity.ERROR, code="made-up", message="m")


def test_enum_labels_cover_every_enum_a_document_holds():
    import enum

    enums = {n for n in yifeng.model.__all__
             if isinstance(getattr(yifeng.model, n), type) and issubclass(getattr(yifeng.model, n), enum.Enum)}
    assert set(ENUM_LABELS) == enums
    for name, labels in ENUM_LABELS.items():
        cls = getattr(yifeng.model, name)
        assert list(labels) == [m.value for m in cls]
        assert all(label and not label.isascii() for label in labels.values()), name
