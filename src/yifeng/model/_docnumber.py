"""发文字号 (document numbers) such as 国卫医函〔2022〕84号."""

from __future__ import annotations

import re
from typing import Final

import attrs

from yifeng import lexicon
from yifeng._text import halfwidth_digits, lazy_compile, squeeze
from yifeng.errors import ParseError
from yifeng.model._check import no_whitespace, not_blank, positive, text_fields, plausible_year

_OPEN: Final = "".join(pair[0] for pair in lexicon.DOC_NUMBER_BRACKETS)
_CLOSE: Final = "".join(pair[1] for pair in lexicon.DOC_NUMBER_BRACKETS)
BRACKETED_YEAR: Final = rf"[{re.escape(_OPEN)}]\d{{4}}[{re.escape(_CLOSE)}]"
"""A 发文字号's year in any of its brackets ("〔2022〕", "[2022]"), as a pattern."""
_DOC_NUMBER: Final = lazy_compile(
    rf"(?P<agency>[^{re.escape(_OPEN + _CLOSE)}]+?)"
    rf"[{re.escape(_OPEN)}](?P<year>\d{{4}})[{re.escape(_CLOSE)}]"
    r"第?(?P<serial>\d+)号"
)


@attrs.frozen(kw_only=True, field_transformer=text_fields)
class DocNumber:
    """A 发文字号: issuing-agency code, year and serial number.

    >>> n = DocNumber.parse("国卫医函[2022] 84 号")
    >>> n.agency, n.year, n.serial
    ('国卫医函', 2022, 84)
    >>> str(n)
    '国卫医函〔2022〕84号'
    """

    agency: str = attrs.field(validator=[not_blank, no_whitespace])
    year: int = attrs.field(validator=plausible_year)
    serial: int = attrs.field(validator=positive)

    @classmethod
    def parse(cls, text: str) -> DocNumber:
        """Read a document number written with 〔〕, [], ［］, （）, () or 【】 and any spaces."""
        match = _DOC_NUMBER.fullmatch(squeeze(halfwidth_digits(text)))
        if match is None:
            raise ParseError(f"无法识别的发文字号：{text!r}（应形如 国卫医函〔2022〕84号）", text)
        return cls(
            agency=match["agency"], year=int(match["year"]), serial=int(match["serial"])
        )

    def __str__(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.serial}号"
