"""Enums the command line offers as choices, defined here rather than in :mod:`yifeng.model`
so that building its parser imports no model; the model re-exports them (use
:class:`yifeng.model.LedgerKind`)."""

from __future__ import annotations

import enum


class LedgerKind(enum.Enum):
    """附件3 (机构, institutions) or 附件4 (个人, persons)."""

    INSTITUTION = "institution"
    PERSON = "person"

    @property
    def label(self) -> str:
        return {"institution": "机构", "person": "个人"}[self.value]
