"""Sphinx configuration: furo + myst, nitpicky, warnings are errors (make docs)."""

from yifeng import __version__

project = "yifeng"
author = "yifeng developers"
copyright = "2026, yifeng developers"
release = version = __version__
language = "zh_CN"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"yifeng {version}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}

nitpicky = True
# Names from the standard library and dependencies: no intersphinx (CI has no network).
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|dateutil|attrs|cattrs|os|enum|typing|collections\.abc|pathlib|io)\..*"),
    (r"py:class", r"(T|Final|optional|PathLike|Attribute|Any|FileSource|Engine|Cell|Row|Merge)"),
    (r"py:class", r"yifeng\.(model|io)\._.*"),  # private TypeVars and helpers
    (r"py:class", r"(int|str|bool|bytes|dict|tuple|type|list|object)"),
]
