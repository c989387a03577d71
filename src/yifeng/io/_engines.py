"""The engines that read .xlsx: here, apart from the readers, so that the command line can
offer them as choices without importing openpyxl or python-calamine."""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, get_args

Engine: TypeAlias = Literal["auto", "openpyxl", "calamine"]
ENGINES: Final[tuple[Engine, ...]] = get_args(Engine)
