"""The five seed campaigns, transcribed and bundled with the package.

>>> from yifeng import examples
>>> examples.names()
('jilin-2021', 'lingbi-2020', 'nhc-2022', 'shaanxi-2020', 'xinglongtai-2023')
>>> str(examples.notice("nhc-2022").doc_number)
'国卫医函〔2022〕84号'

Each is a :class:`~yifeng.model.Notice` read from JSON package data through the same
converter as :func:`yifeng.io.load`. Two seeds are fragments of a notice: ``lingbi-2020``
is the plan alone and ``jilin-2021`` the 分工表 alone, so their notices carry only a
title, the attachment and the campaign.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from yifeng.errors import YifengError

if TYPE_CHECKING:
    from yifeng.model import Campaign, Notice

__all__ = ["campaign", "names", "notice", "workbook", "workbook_names"]

_DATA = resources.files(__package__) / "data"


def names() -> tuple[str, ...]:
    """The bundled examples' names, sorted."""
    return tuple(sorted(p.name.removesuffix(".json") for p in _DATA.iterdir() if p.name.endswith(".json")))


@functools.cache
def notice(name: str) -> Notice:
    """The bundled :class:`~yifeng.model.Notice` called ``name`` (see :func:`names`)."""
    if name not in names():
        raise YifengError(f"没有名为 {name!r} 的示例；可用的示例：{'、'.join(names())}")
    from yifeng.io import loads
    from yifeng.model import Notice

    return loads((_DATA / f"{name}.json").read_text(encoding="utf-8"), Notice)


def campaign(name: str) -> Campaign:
    """The campaign the example notice ``name`` issues."""
    issued = notice(name).campaign
    if issued is None:
        raise YifengError(f"示例 {name!r} 没有附带方案")
    return issued


def workbook_names() -> tuple[str, ...]:
    """The examples that come with their 分工表 as a sample .xlsx, sorted."""
    return tuple(sorted(p.name.removesuffix(".xlsx") for p in _DATA.iterdir() if p.name.endswith(".xlsx")))


def workbook(name: str) -> Path:
    """The path of example ``name``'s 分工表 as the office sent it (title rows, merged
    cells, PDF-broken text), for trying :func:`yifeng.io.read_task_table`."""
    if name not in workbook_names():
        raise YifengError(f"示例 {name!r} 没有附带分工表文件；有分工表文件的示例：{'、'.join(workbook_names())}")
    path = Path(str(_DATA / f"{name}.xlsx"))
    if not path.is_file():  # only if yifeng were imported from a zip archive
        raise YifengError(f"示例文件不在磁盘上：{path}")
    return path
