"""Names a package exports but imports only when first used (PEP 562).

``import yifeng.io`` or ``import yifeng.render`` then costs next to nothing, and so does
the command line's ``--help``: openpyxl, cattrs, docxtpl, lxml and the rest are imported
with the first name that needs them. ``from yifeng.io import read_ledger`` works as
before, ``dir()`` lists every exported name (Sphinx documents them from it), and a
name, once imported, is an ordinary attribute of the package.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, which exports each name of
    ``exports[module]`` from its submodule ``module`` (as ``from .module import name``)."""
    where = {name: module for module, names in exports.items() for name in names}
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # from now on an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(where))

    return __getattr__, __dir__
