"""Sphinx configuration: furo + myst, nitpicky, warnings are errors (make docs)."""

from yifeng import __version__

project = "yifeng"
author = "yifeng developers"
copyright = "2026, yifeng developers"
release = version = __version__
language = "zh_CN"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated", "**.ipynb_checkpoints"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"yifeng {version}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
# Annotations whose module yifeng imports only when needed (under TYPE_CHECKING), by full name.
autodoc_type_aliases = {"rrule.rrule": "dateutil.rrule.rrule"}

nitpicky = True
# Names from the standard library and dependencies: no intersphinx (CI has no network).
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|dt|dateutil|attrs|cattrs|os|enum|typing|collections\.abc|collections|pathlib|io)\..*"),
    (r"py:class", r"(T|Final|optional|PathLike|Attribute|Any|FileSource|Engine|Cell|Row|Merge)"),
    (r"py:class", r"yifeng\.(model|io)\._.*"),  # private TypeVars and helpers
    (r"py:class", r"(int|str|bool|bytes|dict|tuple|type|list|object)"),
    (r"py:.*", r"(pandas|pyarrow)\..*"),  # optional extras: frames and Arrow tables
    (r"py:(class|obj)", r"(yifeng\.model\._records\.)?(T|_K|ColumnNames)"),
]


# The code registry and the enums' labels, written from the data at each build (never by
# hand) and included by codes.md.
def _reference_tables(_app: object) -> None:
    from pathlib import Path

    from yifeng.model import DIAGNOSTIC_CODES, ENUM_LABELS

    lines = ["## Diagnostic codes", "",
             "| code | severity | title | fields | when |", "| --- | --- | --- | --- | --- |"]
    for entry in DIAGNOSTIC_CODES.values():
        fields = ", ".join(f"`{f}`" for f in entry.fields) if entry.fields else "–"
        lines.append(f"| `{entry.code}` | `{entry.severity.value}` {entry.severity.label} | {entry.title} "
                     f"| {fields} | {entry.description} |")
    lines += ["", "## Enum labels", "", "| enum | value | label |", "| --- | --- | --- |"]
    for name, labels in ENUM_LABELS.items():
        lines += [f"| `{name}` | `{value}` | {label} |" for value, label in labels.items()]
    out = Path(__file__).parent / "_generated" / "codes.md"
    out.parent.mkdir(exist_ok=True)
    text = "\n".join(lines) + "\n"
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


# The officer's notebook (committed with its outputs; tests/test_notebook.py keeps them
# current) as a page: its cells as code, its tables as the HTML Jupyter showed.
def _notebook_page(_app: object) -> None:
    import json
    from pathlib import Path

    here = Path(__file__).parent
    notebook = json.loads((here / "officer-week.ipynb").read_text(encoding="utf-8"))
    parts: list[str] = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            parts.append(source)
            continue
        parts.append(f"```python\n{source}\n```")
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                parts.append("```{raw} html\n" + "".join(data["text/html"]) + "\n```")
            elif "text/plain" in data or output.get("output_type") == "stream":
                text = "".join(data.get("text/plain", output.get("text", "")))
                parts.append(f"```text\n{text.rstrip()}\n```")
    out = here / "_generated" / "officer-week.md"
    out.parent.mkdir(exist_ok=True)
    text = "\n\n".join(parts) + "\n"
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _reference_tables)  # type: ignore[attr-defined]
    app.connect("builder-inited", _notebook_page)  # type: ignore[attr-defined]
