"""The frame of a 公文 (GB/T 9704-2012), found by its structure in a copied text.

Parts, in the order the standard gives them: 发文机关标志 (issuers, one or two to a line,
or spaced out "教 育 部"), 发文字号 (anywhere in the head, any brackets, "8 号"), 标题 (over
several lines, issuers before 关于), 主送机关 (ending "："), 正文, 附件说明 ("附件：1.…"),
署名 (several issuers a line) and 成文日期, 附注 ("（信息公开形式：主动公开）"), then what the
notice issues (a plan, attachments "附件1" …) and the 版记 (抄送, 印发机关 and 印发日期, 校对).
Web-page and PDF furniture (相关链接, 浏览量, page numbers) is recognised and left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from yifeng import lexicon
from yifeng._text import alternation, arabic_dates, halfwidth_digits, repair_cjk, squeeze
from yifeng.errors import ModelError, ParseError
from yifeng.io._plaintext import clean, heading, is_noise
from yifeng.model import DocNumber, parse_date
from yifeng.model._units import is_unit_name, spans_an_ending

HEAD_SCAN: Final = 40
_IMPRINT_LINE: Final = 80  # a 版记 line is short: "国家卫生健康委办公厅 2022年5月26日印发"
_TITLE_LINES: Final = 4
_NOTICE_END: Final = re.compile(rf"(?:{alternation(lexicon.NOTICE_KINDS)})$")
_PLAN_KINDS: Final = tuple(k for kinds in lexicon.PLAN_KINDS.values() for k in kinds)
PLAN_END: Final = re.compile(rf"(?:{alternation(_PLAN_KINDS)})(?:[（(][^）)]*[）)])?$")
_DATE: Final = re.compile(r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)")
_ATTACHMENT: Final = re.compile(lexicon.ATTACHMENT_LABEL)
_ATTACHMENT_LIST: Final = re.compile(lexicon.ATTACHMENT_LIST_LABEL)
_DISCLOSURE: Final = re.compile(rf"[（(]\s*(?P<text>(?:{alternation(lexicon.DISCLOSURE_LABELS)})[^）)]*)[）)]")
_PRINTED: Final = re.compile(rf"(?P<by>.*?)(?P<date>\d{{4}}年\d{{1,2}}月\d{{1,2}}日){lexicon.PRINTED_WORD}$")
_PROOF: Final = re.compile(rf"{lexicon.PROOF_LABEL}\s*[：:]\s*(?P<name>\S+)")
_COPY: Final = re.compile(rf"(?:{alternation(lexicon.COPY_LABELS)})\s*[：:](?P<to>.+)")
SENTENCE: Final = re.compile(r"[。；;！？]")
_PERIOD_LINE: Final = re.compile(r"[（(][^（）()]*\d{4}[^（）()]*[）)]")


def flat(line: str) -> str:
    """A line as compared: markdown and spaces gone, digits half-width, dates in digits."""
    return arabic_dates(squeeze(halfwidth_digits(clean(line))))


def is_furniture(line: str) -> bool:
    """Web-page or PDF furniture: 相关链接, 浏览量, 来源, page numbers."""
    text = clean(line)
    return bool(text) and (is_noise(text, numbers=False)
                           or squeeze(text).startswith(tuple(squeeze(w) for w in lexicon.PAGE_FURNITURE)))


def doc_number(line: str) -> DocNumber | None:
    """The 发文字号 a line holds by itself ("（医保办函〔2025〕82 号）"), if any."""
    text = flat(line).split(lexicon.SIGNER_LABEL)[0].strip("（）()")
    if not text or len(text) > 30 or not re.search(r"\d号$", text):
        return None
    try:
        number = DocNumber.parse(text)
    except (ParseError, ModelError):
        return None
    return number if 2 <= len(number.agency) <= 12 and not SENTENCE.search(number.agency) else None


def issuer_names(line: str) -> list[str] | None:
    """The names of bodies a line lists (a letterhead or a signature), or None when it is
    anything else. Names are split at wide spaces; a name spaced out ("教 育 部") is put
    together; a run of single characters is cut where one name ends and another begins."""
    text = re.sub(r"[\u3000\u2002\u2003\xa0]", " ", clean(line))
    if not text or SENTENCE.search(text) or "，" in text or "：" in text:
        return None
    names: list[str] = []
    for chunk in re.split(r"\s{2,}|\t", text.strip()):
        tokens = chunk.split()
        run = ""
        for token in tokens + [""]:
            if len(token) == 1:
                run += token
                continue
            if run:
                names += _cut(run)
                run = ""
            if token:
                names.append(token)
    suffix = lexicon.LETTERHEAD_SUFFIX
    names = [n.removesuffix(suffix) if n.endswith(suffix) and len(n) > 2 * len(suffix) else n for n in names]
    if not names or not all(is_unit_name(n) and len(n) <= 30 and not re.search(r"[\d〔〕\[\]]", n) for n in names):
        return None
    return names


def _cut(run: str) -> list[str]:
    """A run of spaced-out characters cut into names ("医保局药监局" → 医保局, 药监局;
    "国家卫生健康委员会" stays whole)."""
    for cut in range(2, len(run) - 1):
        left, right = run[:cut], run[cut:]
        if is_unit_name(left) and is_unit_name(right) and not spans_an_ending(left, right):
            return [left] + _cut(right)
    return [run]


_DATE_AT_END: Final = re.compile(r"(?P<before>.*?)(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*")


def date_in(line: str) -> tuple[str, dt.date] | None:
    """(what stands before it, the date) when a line ends with a 成文日期."""
    text = arabic_dates(halfwidth_digits(clean(line)))
    match = _DATE_AT_END.fullmatch(text)
    if match is None:
        return None
    try:
        return match["before"].strip(), parse_date(match["date"])
    except ParseError:
        return None


class Span(NamedTuple):
    """Lines ``first`` to ``last`` (indexes) holding ``text`` (a title)."""

    first: int
    last: int
    text: str


class Signed(NamedTuple):
    """The 署名 and 成文日期: first signature line, the date's line, names, date."""

    first: int
    at: int
    names: list[str]
    date: dt.date


class Listed(NamedTuple):
    """A 附件说明: its line and the titles it lists."""

    at: int
    titles: list[str]


class Imprint(NamedTuple):
    """The 版记: 抄送, 印发机关, 印发日期, 校对, and its first line (None: no 版记)."""

    cc: list[str]
    printed_by: str
    printed_on: dt.date | None
    proofreader: str
    first: int | None


def find_doc_number(lines: Sequence[str], limit: int) -> tuple[int, DocNumber] | None:
    for index in range(min(limit, len(lines))):
        number = doc_number(lines[index])
        if number is not None:
            return index, number
    return None


def find_title(lines: Sequence[str], start: int, limit: int, floor: int = -1) -> Span | None:
    """(first line, last line, title) of a "关于…的通知" title in lines[start:limit]: the
    line holding 关于 and the lines on to the one ending the title. Issuers written before
    关于 belong to it ("卫生健康委 教育部 …关于…"), on its line or on the lines right above
    it — but not above ``floor`` (the 发文字号: above it stands the 发文机关标志)."""
    for index in range(start, min(limit, len(lines))):
        text = flat(lines[index])
        if lexicon.TITLE_MARK not in text or SENTENCE.search(text) or text.startswith(lexicon.BODY_OPENERS):
            continue
        parts = [index]
        while not _NOTICE_END.search(flat(lines[parts[-1]])) and len(parts) < _TITLE_LINES:
            following = next((i for i in range(parts[-1] + 1, min(len(lines), parts[-1] + 3)) if flat(lines[i])), None)
            if following is None or SENTENCE.search(flat(lines[following])) or flat(lines[following]).endswith(("：", ":")):
                break
            parts.append(following)
        if not _NOTICE_END.search(flat(lines[parts[-1]])):
            continue
        before = clean(lines[index]).split(lexicon.TITLE_MARK)[0]
        above = index - 1
        bottom = floor if floor < index else start - 1  # a 文号 under the title is no floor
        while above > max(bottom, start - 1) and len(parts) < 2 * _TITLE_LINES:
            line = clean(lines[above])
            if not line and before and above == parts[0] - 1:
                above -= 1  # a blank line inside a title broken after an issuer
                continue
            if not line or not (issuer_names(line) is not None
                                or (before and issuer_names(before) is None and issuer_names(line + before))):
                break
            parts.insert(0, above)
            before = line
            above -= 1
        joined = "".join(clean(lines[i]) for i in parts)
        head = joined[: joined.index(lexicon.TITLE_MARK)]
        issuers = [n for i in parts if i < index for n in issuer_names(lines[i]) or []] \
            + (issuer_names(clean(lines[index]).split(lexicon.TITLE_MARK)[0]) or [])
        if head and issuers and "".join(issuers) == squeeze(head):
            # "国家卫生健康委 教育部 财政部关于…": the issuers keep a space between them
            return Span(parts[0], parts[-1], " ".join(issuers) + repair_cjk(joined[joined.index(lexicon.TITLE_MARK):]))
        return Span(parts[0], parts[-1], repair_cjk(joined))
    return None


def find_plan_title(lines: Sequence[str], start: int, limit: int) -> Span | None:
    """(first line, last line, title) of a plan's title: short lines ending with what the
    plan calls itself (实施方案, 工作要点, 意见 …), at the first text from ``start``."""
    index = start
    while index < min(limit, len(lines)) and (not flat(lines[index]) or is_furniture(lines[index])
                                              or _ATTACHMENT.fullmatch(flat(lines[index]))
                                              or disclosure(lines[index]) is not None):
        index += 1
    if index >= min(limit, len(lines)):
        return None
    last = index
    while last < min(limit, len(lines)) and last - index < 3:
        text = flat(lines[last])
        if SENTENCE.search(text) or heading(clean(lines[last])) is not None or len(text) > 60:
            return None
        if PLAN_END.search(text) and not text.startswith(("附件", "现将", "《")):
            period = next((i for i in range(last + 1, min(len(lines), last + 3)) if flat(lines[i])), None)
            if period is not None and _PERIOD_LINE.fullmatch(flat(lines[period])):
                last = period  # "（2024—2025年）" on the line under the title
            return Span(index, last, repair_cjk("".join(clean(lines[i]) for i in range(index, last + 1))))
        last += 1
        while last < len(lines) and not flat(lines[last]):
            last += 1
    return None


def recipients(line: str) -> list[str] | None:
    """The 主送机关 a line names ("各省、自治区…卫生健康委，各有关单位："), or None."""
    text = flat(line)
    if not text.endswith(("：", ":")) or _ATTACHMENT_LIST.match(text) or len(text) > 300 or SENTENCE.search(text):
        return None
    parts = [p for p in re.split(r"[，,]", text.rstrip("：:")) if p]
    return parts or None


def signature_and_date(lines: Sequence[str], start: int, end: int) -> Signed | None:
    """(first signature line, date line, names, date) of the first 署名 + 成文日期."""
    for index in range(start, end):
        found = date_in(lines[index])
        if found is None:
            continue
        before, day = found
        names = issuer_names(before) if before else []
        if before and names is None:
            continue
        first = index
        back = index - 1
        while back >= start:
            if not flat(lines[back]) or is_furniture(lines[back]):
                back -= 1
                continue
            more = issuer_names(lines[back])
            if more is None:
                break
            names = more + (names or [])
            first = back
            back -= 1
        return Signed(first, index, names or [], day)
    return None


def disclosure(line: str) -> str | None:
    match = _DISCLOSURE.search(flat(line))
    if match is None:
        return None
    text = match["text"]
    form = re.split(r"[：:]", text, maxsplit=1)
    return form[1] if len(form) == 2 else text


def attachment_list(lines: Sequence[str], start: int, end: int) -> Listed | None:
    """(line, titles) of a 附件说明: "附件：1.…" and the numbered lines under it."""
    for index in range(start, end):
        text = flat(lines[index])
        match = _ATTACHMENT_LIST.match(text)
        if match is None:
            continue
        first = re.sub(r"^\d+[.．、]", "", text[match.end():])
        titles = [first] if first else []
        more = index + 1
        while more < end:
            nxt = flat(lines[more])
            numbered = re.match(r"^(\d+)[.．、](.+)$", nxt)
            if numbered:
                titles.append(numbered.group(2))
            elif nxt and titles and len(titles) == 1 and not SENTENCE.search(nxt) and len(nxt) < 30 \
                    and not _ATTACHMENT.fullmatch(nxt) and date_in(lines[more]) is None \
                    and issuer_names(lines[more]) is None:
                titles[-1] += nxt  # a long name broken over the next line
            elif nxt:
                break
            more += 1
        return Listed(index, [repair_cjk(t) for t in titles if t])
    return None


def imprint(lines: Sequence[str]) -> Imprint:
    """(抄送, 印发机关, 印发日期, 校对, first line of the 版记) from the end of the text."""
    cc: list[str] = []
    printed_by, printed_on, proof, first = "", None, "", None
    for index, line in enumerate(lines):
        text = flat(line)
        if not text:
            continue
        copy = _COPY.match(text)
        if copy is not None:
            cc = [p for p in re.split(r"[，,、]", copy["to"].rstrip("。")) if p]
            first = index if first is None else first
        printed = _PRINTED.match(text) if text.endswith(lexicon.PRINTED_WORD) and len(text) <= _IMPRINT_LINE else None
        if printed is not None:
            by = printed["by"] or _previous(lines, index)
            printed_by = by
            try:
                printed_on = parse_date(printed["date"])
            except ParseError:
                printed_on = None
            start = index if printed["by"] else _previous_index(lines, index)
            first = start if first is None else min(first, start)
        proof_match = _PROOF.search(text)
        if proof_match is not None and text.startswith(lexicon.PROOF_LABEL):
            proof = proof_match["name"]
            first = index if first is None else first
    return Imprint(cc, printed_by, printed_on, proof, first)


def _previous_index(lines: Sequence[str], index: int) -> int:
    back = index - 1
    while back >= 0 and not flat(lines[back]):
        back -= 1
    return max(back, 0)


def _previous(lines: Sequence[str], index: int) -> str:
    back = _previous_index(lines, index)
    text = flat(lines[back])
    return text if issuer_names(lines[back]) is not None else ""
