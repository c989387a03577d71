"""One place per fact: the lexicon is data, no other module writes its words down again,
and every diagnostic a reader reports is a registered code."""

from __future__ import annotations

import ast
import re
import types
from pathlib import Path

import yifeng
from yifeng import lexicon
from yifeng.model import DIAGNOSTIC_CODES, Severity

SRC = Path(yifeng.__file__).parent
SOURCES = sorted(p for p in SRC.rglob("*.py") if p.name != "lexicon.py")


def test_the_lexicon_is_data():
    public = {name: value for name, value in vars(lexicon).items() if not name.startswith("_")}
    for name, value in public.items():
        if name == "annotations" or isinstance(value, types.ModuleType) or name == "Final":
            continue
        assert name.isupper(), name
        assert isinstance(value, (str, int, tuple, dict)), name


def _strings(tree: ast.AST) -> list[str]:
    """String constants that are not docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


FACTS = {
    "role words": [w for words in lexicon.ROLE_VERBS.values() for w in words if len(w) > 1],
    "role labels": [w for words in lexicon.ROLE_LABELS.values() for w in words if len(w) > 2],
    "qualifiers": [w for w in lexicon.ROLE_QUALIFIERS if len(w) > 2],
    "unit endings": [w for w in lexicon.UNIT_ENDINGS if len(w) > 1],
    "group references": [w for w in lexicon.GROUP_SUFFIXES if len(w) > 2],
    "task headings": list(lexicon.TASK_SECTION_TITLES),
    "frame headings": list(lexicon.FRAME_SECTION_TITLES),
    "ongoing words": [w for w in lexicon.ONGOING_WORDS if len(w) > 2],
    "task headers": [w for words in lexicon.TASK_HEADERS.values() for w in words if len(w) > 2],
    "ledger headers": [w for words in lexicon.LEDGER_HEADERS.values() for w in words if len(w) > 2],
    "plan kinds": [w for words in lexicon.PLAN_KINDS.values() for w in words],
}


def test_no_module_writes_a_lexicon_list_again():
    """A string holding three words of one lexicon list is that list written again."""
    found = []
    for path in SOURCES:
        for text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            for fact, words in FACTS.items():
                hits = {w for w in words if w in text}
                hits = {w for w in hits if not any(w != other and w in other for other in hits)}  # 存在问题 ⊂ 存在问题机构名称
                if len(hits) >= 3:
                    found.append(f"{path.relative_to(SRC)}: {fact} {sorted(hits)[:4]} in {text[:40]!r}")
    assert not found, found


def test_heading_labels_are_compiled_once():
    """The 一、（一）1.（1） grammar is written only in the lexicon."""
    label = re.compile(r"\[一二三四五六七八九十")
    writers = [p.relative_to(SRC) for p in SOURCES if any(label.search(s) for s in _strings(ast.parse(p.read_text())))]
    assert writers == [Path("_text.py")]  # reading numerals, not labels


CODE_USE = re.compile(r"""(?:DIAGNOSTIC_CODES\[|report\(|_report\()\s*"(?P<code>[a-z0-9-]+)\"""")


def test_every_reported_code_is_registered_and_every_registered_code_is_used():
    used = {m["code"] for path in SOURCES for m in CODE_USE.finditer(path.read_text(encoding="utf-8"))}
    # codes passed on as values (a variable holding one of these literals)
    used |= {c for path in SOURCES for c in re.findall(r'"([a-z]+(?:-[a-z]+)+)"', path.read_text()) if c in DIAGNOSTIC_CODES}
    assert used - set(DIAGNOSTIC_CODES) == set()
    assert set(DIAGNOSTIC_CODES) - used == set()


def test_the_registry_describes_each_code():
    for code, entry in DIAGNOSTIC_CODES.items():
        assert entry.code == code and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code)
        assert isinstance(entry.severity, Severity)
        assert re.search(r"[\u4e00-\u9fff]", entry.title) and re.search(r"[\u4e00-\u9fff]", entry.template)
        assert entry.description
        made = entry.make(values={name: "x" for name in entry.placeholders})
        assert made.code == code and made.severity is entry.severity and "{" not in made.message


def test_the_guide_lists_every_code_with_its_severity_and_title():
    guide = (Path(__file__).parents[1] / "docs" / "problems.md").read_text(encoding="utf-8")
    rows = {m["code"]: (m["severity"], m["title"])
            for m in re.finditer(r"^\| `(?P<code>[a-z0-9-]+)` \| (?P<severity>\S+) \| (?P<title>\S+) \|", guide, re.M)}
    assert rows == {code: (entry.severity.label, entry.title) for code, entry in DIAGNOSTIC_CODES.items()}
