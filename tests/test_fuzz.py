"""The fuzz harness (tools/fuzz.py): a short fixed-seed slice finds nothing, and the
harness does see each kind of failure it is there to find. `make fuzz` runs thousands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .fuzzing import fuzz_module


def test_a_fixed_seed_slice_finds_no_failure(tmp_path):
    fuzz = fuzz_module()
    fuzzer = fuzz.Fuzzer(tmp_path, ["task", "ledger", "docx"], ["openpyxl", "calamine", fuzz.BESIDE])
    try:
        fuzzer.fuzz(25, seed=20261123)
    finally:
        fuzzer.close()
    summary = fuzzer.summary()
    assert summary["failures"] == {}, json.dumps(summary, ensure_ascii=False, default=str)[:3000]
    counts = summary["counts"]
    # Every reader and engine really ran its cases, and the mutations made some files unreadable.
    for target in ("task-openpyxl", "task-calamine", "task-beside", "ledger-openpyxl", "ledger-calamine",
                   "ledger-beside", "docx--"):
        assert counts.get(f"{target}|ok", 0) + counts.get(f"{target}|refused", 0) == 25
    assert counts.get("task-calamine|refused", 0) > 0 and counts.get("docx--|refused", 0) > 0


@pytest.mark.parametrize(("reader", "data", "kind"), [
    ("_raise", b"x", "FOREIGN"), ("_abort", b"", "CRASH"), ("_sleep", b"", "HANG"), ("_allocate", b"400", "MEMORY"),
])
def test_the_harness_sees_each_failure_and_recovers(reader, data, kind):
    fuzz = fuzz_module()
    worker = fuzz.Worker(reader, "-", time_limit=3, memory_limit=300)
    try:
        answer = worker.run(data)
        assert answer["kind"] == kind, answer
        if kind == "FOREIGN":
            assert answer["type"] == "builtins.KeyError"
        # The worker is replaced: the next case runs.
        assert worker.run(data)["kind"] == kind
    finally:
        worker.close()


def test_a_failure_gets_a_minimal_reproducer(tmp_path):
    fuzz = fuzz_module()
    fuzzer = fuzz.Fuzzer(tmp_path, ["_raise"], ["openpyxl"])
    case = fuzz.Case(reader="_raise", seed_name="x.xlsx",
                     mutations=[fuzz.Mutation("xl/worksheets/sheet1.xml", "m_truncate", 1)])
    original = fuzz.seeds("ledger")[0][1]
    try:
        answers = fuzzer.run_case(case, original)
        failures = fuzzer.failures(case, answers)
        assert [sig.split("|")[:3] for sig, _ in failures] == [["_raise-openpyxl", "FOREIGN", "builtins.KeyError"]]
        fuzzer.record(failures[0][0], case, original, 0)
    finally:
        fuzzer.close()
    (folder,) = tmp_path.iterdir()
    info = json.loads((folder / "info.json").read_text())
    assert info["kind"] == "FOREIGN" and (folder / "case.xlsx").stat().st_size > 0 and (folder / "repro.sh").is_file()


def test_the_harness_sees_calamine_answer_otherwise_beside_the_checks():
    fuzz = fuzz_module()
    fuzzer = fuzz.Fuzzer(Path("unused"), ["task"], [])
    case = fuzz.Case(reader="task", seed_name="x.xlsx", mutations=[])
    alike = {"calamine": {"kind": "refused", "message": "a", "seconds": 0.1},
             fuzz.BESIDE: {"kind": "refused", "message": "a", "seconds": 0.3}}
    assert fuzzer.failures(case, alike) == []
    for beside in ({"kind": "refused", "message": "b"}, {"kind": "ok", "digest": "[]"}):
        found = fuzzer.failures(case, {"calamine": alike["calamine"], fuzz.BESIDE: beside})
        assert [sig for sig, _ in found] == ["task-beside|DIFF"]
