"""Matching column headers to fields, from the synonym tables of :mod:`yifeng.lexicon`."""

from __future__ import annotations

import re
from typing import Final

from yifeng import lexicon
from yifeng._text import halfwidth_digits

_NOISE: Final = re.compile(r"[\W_]+")


def normalise_header(text: str) -> str:
    """A header cell with spaces, line breaks and punctuation gone ("完成\\n时限" → 完成时限)."""
    return _NOISE.sub("", halfwidth_digits(text))


def header_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """normalised header → field, for one synonym table."""
    index: dict[str, str] = {}
    for field, names in table.items():
        for name in names:
            key = normalise_header(name)
            assert key not in index, f"header {name!r} listed twice"
            index[key] = field
    return index


TASK_FIELDS: Final = header_index(lexicon.TASK_HEADERS)
"""normalised 分工表 header → Task field."""
LEDGER_FIELDS: Final = header_index(lexicon.LEDGER_HEADERS)
"""normalised 台账 header → LedgerRow field."""
