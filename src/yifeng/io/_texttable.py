"""Tables flattened into text, rebuilt as grids for the 分工表 row builder.

A table copied out of a Word or PDF file reaches yifeng in one of three shapes:

- **tab rows**: one line per row, cells separated by tabs, long rows broken across pages;
- **one cell per line**: the header's cells on consecutive lines, then each row's cells,
  a cell sometimes over several lines and empty cells missing;
- **PDF rows**: the header on one line, each row's number on a line of its own and the row
  ending with its 完成时限, cells broken anywhere.

Each shape is turned into a :class:`GridSheet` — rows of cells plus merged ranges, as a
workbook sheet gives them — so every table, whatever its shape, is read by the same
``TableReader`` as an .xlsx 分工表. ``GridSheet.line_of`` maps each grid row to the text
line it came from, for diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from yifeng import lexicon
from yifeng._text import alternation, squeeze
from yifeng.io._headers import LEDGER_FIELDS, TASK_FIELDS, normalise_header
from yifeng.io import _frame as frame
from yifeng.io._plaintext import clean, heading, is_noise
from yifeng.io._workbook import Cell, Merge, Row
from yifeng.model import Deadline, Responsibility
from yifeng.model._units import is_unit_name

_FIELDS: Final = TASK_FIELDS
_HEADER_WORDS: Final = tuple(sorted((normalise_header(h) for h in _FIELDS), key=len, reverse=True))
_KEY_FIELDS: Final = frozenset({"number", "responsibility", "lead", "support", "deadline"})
_UNIT_FIELDS: Final = frozenset({"responsibility", "lead", "support"})
_NUMBER: Final = re.compile(r"\d{1,3}\s*[.、．]?")
_SENTENCE: Final = re.compile(r"[。；;，,！？]")
_SHORT: Final = 30
_UNITISH: Final = re.compile(alternation(lexicon.UNIT_ENDINGS + tuple(w for words in lexicon.ROLE_VERBS.values() for w in words)))
_PARAGRAPH_END: Final = ("。", "；", ";", "！", "？")
_FRAGMENT: Final = 12
_PUNCTUATION: Final = re.compile(r"[，。；：、,.;:（）()“”《》]")


class GridSheet:
    """A table as a sheet: rows from column A, merged ranges, and the text line of each row."""

    def __init__(self, name: str, rows: list[Row], merges: list[Merge], line_of: dict[int, int]) -> None:
        self.name = name
        self._rows = rows
        self._merges = merges
        self.line_of = line_of
        self.flagged: dict[tuple[int, int], tuple[str, str]] = {}

    def merges(self) -> list[Merge]:
        return list(self._merges)

    def rows(self) -> Iterator[Row]:
        return iter(self._rows)


class TextTable:
    """Where a table sits in a text (``start``: its header line, ``end``: past its last
    line, indexes into the lines), the grid read from it, and its ``kind``: "tasks" for a
    分工表, "ledger" for a 台账 form (its header only)."""

    def __init__(self, start: int, end: int, sheet: GridSheet, kind: str = "tasks") -> None:
        self.start, self.end, self.sheet, self.kind = start, end, sheet, kind

    @property
    def header(self) -> list[str]:
        first = next(self.sheet.rows(), ())
        return [str(c) for c in first if c is not None]


def _field(text: str) -> str | None:
    return _FIELDS.get(normalise_header(text))


def _is_unit_cell(text: str) -> bool:
    """A cell naming units: "省卫生健康委牵头，省医保局配合", "工会、团委、妇联等"."""
    if text.endswith("。") or len(text) > 80:
        return False
    parsed = Responsibility.parse(text)
    return not parsed.is_empty and not parsed.unresolved


def _is_fragment(text: str) -> bool:
    """A short piece of a name broken over lines ("省自然资源和")."""
    return len(text) <= _FRAGMENT and not _PUNCTUATION.search(text) and Deadline.try_parse(text) is None


def _is_deadline(text: str) -> bool:
    return len(text) <= _SHORT and Deadline.try_parse(text) is not None


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE.search(text)) or len(text) > 25


def _is_noun_list(text: str) -> bool:
    """A list of short nouns ("健康环境、意外伤害、疾病防控"), not a sentence."""
    items = text.split("、")
    return len(items) >= 2 and all(0 < len(item) <= 8 and not _PUNCTUATION.search(item) for item in items)


def _is_short(text: str) -> bool:
    return len(text) <= _SHORT and "。" not in text


def _header_like(text: str) -> bool:
    """A cell that could be a column header: short, no sentence, no name, no date, no label."""
    flat = squeeze(text)
    return (0 < len(flat) <= 16 and not re.search(r"[。；;，,：:]", flat) and not _NUMBER.fullmatch(flat)
            and not is_unit_name(flat) and Deadline.try_parse(flat) is None
            and not re.fullmatch(lexicon.ATTACHMENT_LABEL, flat))


# -- finding tables --------------------------------------------------------------------------


def find_tables(lines: Sequence[str], numbers: Sequence[int], name: str) -> list[TextTable]:
    """Every table in ``lines`` (``numbers`` are their line numbers), in order. Rows of
    tab-separated cells under no header a 分工表 could have come back as kind "unknown"."""
    tables: list[TextTable] = []
    index = 0
    while index < len(lines):
        found = _tab_ledger(lines, numbers, index, name) or _tab_table(lines, numbers, index, name) \
            or _cell_table(lines, numbers, index, name) \
            or _pdf_table(lines, numbers, index, name) or _headerless(lines, numbers, index, name)
        if found is not None:
            tables.append(found)
            index = found.end
        else:
            index += 1
    return tables


def _headerless(lines: Sequence[str], numbers: Sequence[int], start: int, name: str) -> TextTable | None:
    """Two or more lines of tab-separated cells, the first a number: a table whose header
    is missing or unknown."""
    end = start
    while end < len(lines) and len([c for c in _cells(lines[end]) if c]) >= 2:
        end += 1
    if end - start < 2 or not _NUMBER.fullmatch(_cells(lines[start])[0]):
        return None
    rows: list[Row] = [tuple(c or None for c in _cells(line)) for line in lines[start:end]]
    return TextTable(start, end, GridSheet(name, rows, [], {r: numbers[start + r - 1] for r in range(1, len(rows) + 1)}),
                     kind="unknown")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def _tab_header(line: str) -> list[str] | None:
    """The cells of a tab-separated 分工表 header: known fields, a key among them, and no
    cell that is data ("责任单位\t县卫健局\t完成时限\t2024年底前" is a designation)."""
    cells = [c for c in _cells(line) if c]
    if "\t" not in line or len(cells) < 2:
        return None
    known = [f for f in (_field(c) for c in cells) if f is not None]
    if len(set(known)) >= 2 and set(known) & _KEY_FIELDS and all(_field(c) or _header_like(c) for c in cells):
        return _cells(line)
    return None


def _tab_ledger(lines: Sequence[str], numbers: Sequence[int], start: int, name: str) -> TextTable | None:
    """A 台账 form's header typed as one tab-separated line."""
    cells = [c for c in _cells(lines[start]) if c]
    if "\t" in lines[start] and _ledger_header(cells):
        return TextTable(start, start + 1, _grid(name, numbers[start], cells, len(cells), []), kind="ledger")
    return None


_HEADER_LINES: Final = 3


def _tab_table(lines: Sequence[str], numbers: Sequence[int], start: int, name: str) -> TextTable | None:
    header, end = None, start
    if "\t" in lines[start]:
        # A header broken inside a cell ("序号\t重点" over "任务\t责任单位") is mended.
        joined = ""
        for end in range(start + 1, min(start + _HEADER_LINES, len(lines)) + 1):
            joined += lines[end - 1].strip("\n")
            header = _tab_header(joined)
            if header is not None:
                break
    if header is None:
        return None
    while header and not header[0]:
        header = header[1:]
    data: list[tuple[int, list[str]]] = []
    while end < len(lines):
        raw = lines[end]
        text = clean(raw)
        if "\t" not in raw:
            if text and not is_noise(text):
                break
            end += 1
            continue
        cells = _cells(raw)
        if any(cells) and not re.fullmatch(r"[-|\s]*", "".join(cells)):
            data.append((numbers[end], cells))
        end += 1
    width = max([len(header)] + [len(cells) for _, cells in data])
    last_kind = _field(header[-1]) if header else None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in data:
        cells = [clean(c) for c in cells]
        # A line with a number first, or filling every column (its 序号 unreadable: the
        # row builder reports it), starts a row; others continue the row above.
        if _NUMBER.fullmatch(cells[0]) or not rows or (cells[0] and len(cells) >= width):
            rows.append((number, [cells[0]] + [""] * (width - 1)))
            rest = cells[1:]
            if len(cells) < width and rest and not _ends_row(last_kind, rest[-1]):
                # A row cut short (its line broken inside a cell): its cells run from the left.
                row = rows[-1][1]
                for column, cell in enumerate(rest, start=1):
                    row[column] = cell
                continue
        else:
            rest = cells[1:] if not cells[0] else cells
        row = rows[-1][1]
        # Cells continue from the right: the last cell is the last column.
        for offset, cell in enumerate(reversed(rest)):
            column = width - 1 - offset  # > 0: a line as wide as the table started a row
            if cell:
                row[column] = f"{row[column]}\n{cell}" if row[column] else cell
    return TextTable(start, end, _grid(name, numbers[start], header, width, rows))


def _ends_row(kind: str | None, cell: str) -> bool:
    """Whether ``cell`` can be a row's last cell, under a last column of ``kind``."""
    if kind == "deadline":
        return _is_deadline(cell) or not cell
    if kind in _UNIT_FIELDS:
        return _is_unit_cell(cell) or _is_fragment(cell)
    return True


def _grid(name: str, header_line: int, header: list[str], width: int,
          rows: list[tuple[int, list[str]]]) -> GridSheet:
    """A sheet of ``header`` over ``rows``; a task-title header over more data columns than
    it has spans them (its title column and a content column)."""
    extra = width - len(header)
    cells: list[Cell] = [h or None for h in header]
    merges: list[Merge] = []
    if extra > 0:
        title = next((i for i, h in enumerate(header) if _field(h) in ("title", "content", "category")), None)
        at = title if title is not None else len(header) - 1
        cells[at + 1:at + 1] = [None] * extra
        merges.append((1, at + 1, 1, at + 1 + extra))
    grid: list[Row] = [tuple(cells)]
    line_of = {1: header_line}
    for number, row in rows:
        grid.append(tuple(c or None for c in row))
        line_of[len(grid)] = number
    return GridSheet(name, grid, merges, line_of)


def _cell_header(lines: Sequence[str], start: int) -> tuple[list[str], int] | None:
    """(cells, index past them) of a one-cell-per-line header starting at ``start``."""
    header: list[str] = []
    index = start
    while index < len(lines) and len(header) < 20:
        parts = _pieces(lines[index])
        if not parts:
            index += 1
            continue
        # Two cells on one line (a line break lost in copying) are two header cells.
        if (len(parts) > 1 and not header) or not all(
                _field(text) is not None or normalise_header(text) in LEDGER_FIELDS or (header and _header_like(text))
                for text in parts):
            break
        header += parts
        index += 1
    if len(header) >= 2 and (_field(header[0]) is not None or normalise_header(header[0]) in LEDGER_FIELDS):
        return header, index
    return None


def _ledger_header(header: list[str]) -> bool:
    ledger = sum(normalise_header(h) in LEDGER_FIELDS for h in header)
    return ledger >= 3 and ledger > sum(_field(h) is not None for h in header)


def _cell_table(lines: Sequence[str], numbers: Sequence[int], start: int, name: str) -> TextTable | None:
    found = _cell_header(lines, start)
    if found is None:
        return None
    header, index = found
    if _ledger_header(header):
        return TextTable(start, index, _grid(name, numbers[start], header, len(header), []), kind="ledger")
    kinds = [_field(h) for h in header]
    if not set(kinds) & _KEY_FIELDS:
        return None
    title_only = "title" in kinds and "content" not in kinds
    if title_only:  # 重点任务 over a short title and its content
        kinds.insert(kinds.index("title") + 1, "content")
    rows, end = _assign(lines, numbers, index, kinds)
    if not rows:
        return None
    return TextTable(start, end, _grid(name, numbers[start], header, len(kinds), rows))


def _accepts(kind: str | None, text: str) -> bool:
    if kind == "number":
        return bool(_NUMBER.fullmatch(text))
    if kind == "deadline":
        return _is_deadline(text)
    if kind in _UNIT_FIELDS:
        return _is_unit_cell(text) or _is_fragment(text)
    if kind in ("content", "remark"):
        return _is_sentence(text)
    if kind == "title":
        return len(text) <= 40 and "。" not in text and not _is_unit_cell(text)
    if kind is None:  # a column of unknown meaning: any text that names no unit
        return not _is_unit_cell(text)
    return _is_short(text) and not _is_unit_cell(text)  # category


def _continues(kind: str | None, cell: list[str], text: str) -> bool:
    """Whether ``text`` goes on in the same cell rather than the next column."""
    if kind in _UNIT_FIELDS:
        return _is_fragment(cell[-1]) and not _is_unit_cell(cell[-1]) or _is_unit_cell(text)
    if kind is None:
        return cell[-1].endswith(_PARAGRAPH_END) and _is_sentence(text) and not _is_noun_list(text)
    return kind in ("content", "remark") and _is_sentence(text) and not _is_unit_cell(text)


def _ends_table(text: str) -> bool:
    return bool(re.match(lexicon.ATTACHMENT_LABEL + r"\s*$", text)) or lexicon.PRINTED_WORD in text[-4:] \
        or text.startswith(lexicon.COPY_LABELS + (lexicon.PROOF_LABEL,))


def _after_table(lines: Sequence[str], index: int, row_complete: bool) -> bool:
    """Whether ``lines[index]`` is past the table: the body's next part ("二、工作要求"),
    a new item once the row is complete, or the signature and date under it."""
    text = clean(lines[index])
    found = heading(text)
    if found is not None and (found[1] == 1.0 or (row_complete and found[1] == 2.0)):
        return True
    if frame.date_in(text) is not None:
        return True
    if frame.issuer_names(text) is None:
        return False
    following = [clean(line) for line in lines[index + 1: index + 6] if clean(line)][:2]
    return any(frame.date_in(line) is not None for line in following)


def _assign(lines: Sequence[str], numbers: Sequence[int], start: int,
            kinds: list[str | None]) -> tuple[list[tuple[int, list[str]]], int]:
    """Rows of a one-cell-per-line table: each line goes to the first column after the
    current one that accepts it, a cell continues while its column accepts more, and a
    line only an earlier column accepts (or a 序号) starts the next row. A line holding
    tabs holds as many cells (a line break lost in copying)."""
    rows: list[tuple[int, list[str]]] = []
    cells: list[list[str]] = []
    column = -1
    number_column = kinds.index("number") if "number" in kinds else None
    index = start
    while index < len(lines):
        line = clean(lines[index])
        if not line or is_noise(line, numbers=False):
            index += 1
            continue
        if _ends_table(line) or _after_table(lines, index, column == len(kinds) - 1):
            break
        for text in _pieces(line):
            column, new_row = _column_for(text, kinds, number_column, column, cells)
            if column < 0:
                return rows, index  # the table is over before it began
            if new_row or not rows:
                cells = [[] for _ in kinds]
                rows.append((numbers[index], []))
                if number_column is not None and column != number_column:
                    cells[number_column].append("")  # the row's 序号 is missing: the row builder says so
            cells[column].append(text)
            rows[-1] = (rows[-1][0], ["\n".join(c) for c in cells])
        index += 1
    return rows, index


def _column_for(text: str, kinds: list[str | None], number_column: int | None, column: int,
                cells: list[list[str]]) -> tuple[int, bool]:
    """(column, whether it starts a new row) for the next cell's ``text``; the column
    stays -1 when nothing takes the text before the table began."""
    accepted = [k for k, kind in enumerate(kinds) if _accepts(kind, text)]
    specific = [k for k in accepted if k > column and (
        (kinds[k] in _UNIT_FIELDS and _is_unit_cell(text)) or kinds[k] == "deadline")]
    if number_column is not None and number_column in accepted and column != number_column:
        return number_column, True
    if specific:
        return min(specific), False
    if column >= 0 and column in accepted and _continues(kinds[column], cells[column], text):
        return column, False
    if any(k > column for k in accepted):
        return min(k for k in accepted if k > column), False
    if accepted:  # only an earlier column takes it: the next row (its 序号 may be lost)
        return min(accepted), True
    return column, False


def _pieces(line: str) -> list[str]:
    """The cells a line of a one-cell-per-line table holds: one, or several split by tabs."""
    return [piece for piece in (clean(part) for part in line.split("\t")) if piece]


# -- PDF rows ----------------------------------------------------------------------------------


def _pdf_header(line: str) -> list[str] | None:
    """The header cells of a PDF-copied header line ("序号 重点任务 责任单位 完成时限")."""
    flat = normalise_header(line)
    if "\t" in line or not 4 <= len(flat) <= 30:
        return None
    found: list[tuple[int, str]] = []
    rest = flat
    for word in _HEADER_WORDS:
        at = rest.find(word)
        if at >= 0 and len(word) >= 2:
            found.append((flat.find(word), word))
            rest = rest.replace(word, "\0" * len(word), 1)
    fields = {_FIELDS[w] for _, w in found}
    covered = sum(len(w) for _, w in found)
    if len(found) >= 2 and fields & _KEY_FIELDS and fields & {"title", "content"} and covered >= len(flat) - 3:
        return [w for _, w in sorted(found)]
    return None


def _pdf_table(lines: Sequence[str], numbers: Sequence[int], start: int, name: str) -> TextTable | None:
    header = _pdf_header(clean(lines[start]))
    if header is None:
        return None
    body = [(numbers[i], clean(lines[i])) for i in range(start + 1, len(lines))]
    end = start + 1
    for i, (_, text) in enumerate(body):
        if text and _ends_table(text):
            break
        end = start + 2 + i
    kept = [(n, t) for n, t in body[: end - start - 1] if t and not is_noise(t, numbers=False) and not _is_ocr_noise(t)]
    rows = _PdfRows(kept).rows()
    if not rows:
        return None
    cells = [lexicon.TASK_HEADERS[field][0] for field in ("number", "category", "content", "responsibility", "deadline")]
    if "deadline" not in {_FIELDS[normalise_header(h)] for h in header}:
        cells, rows = cells[:-1], [(at, row[:-1]) for at, row in rows]
    return TextTable(start, end, _grid(name, numbers[start], cells, len(cells), rows))


def _is_ocr_noise(line: str) -> bool:
    """OCR debris such as "A m 即 k m 一": mostly lone Latin letters."""
    tokens = line.split()
    return len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= len(tokens) - 1 and any(t.isascii() for t in tokens)


def _deadline_tail(line: str) -> tuple[str, str] | None:
    """(rest, deadline) when ``line`` ends with a 完成时限 ("县卫生健康委 年底前")."""
    tokens = line.split()
    for cut in range(len(tokens)):
        tail = " ".join(tokens[cut:])
        if _is_deadline(squeeze(tail)):
            rest = " ".join(tokens[:cut])
            if not rest or _is_unit_cell(squeeze(rest)) or _is_fragment(squeeze(rest)):
                return rest, tail
    return None


class _PdfRows:
    """Rows of a table a PDF copy flattened: a row starts at the line holding its number
    (alone, or before its category) and ends with a line ending in a deadline; content
    that starts before the number line or runs on after the deadline is placed by whether
    the sentence it continues is finished."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines

    def rows(self) -> list[tuple[int, list[str]]]:
        rows: list[dict[str, list[str]]] = []
        starts: list[int] = []
        current: dict[str, list[str]] | None = None
        pending: list[str] = []  # lines between a deadline and the next number
        expected = 1
        for at, line in self.lines:
            number = re.match(r"^(\d{1,3})(?:\s+(\S.*))?$", line)
            # The next number, or one a line or two later (a lost line; the row builder
            # reports the gap) when the line is not a deadline ("11 月底前").
            if number and (int(number.group(1)) == expected or (
                    expected < int(number.group(1)) <= expected + 2 and _deadline_tail(line) is None)):
                if current is not None and pending:
                    # Lines after the last deadline: the tail of that row if its text was
                    # cut mid-sentence, else the head of this row.
                    if current["content"] and not "".join(current["content"]).rstrip().endswith("。"):
                        current["content"] += pending
                        pending = []
                current = {"number": [number.group(1)], "category": [number.group(2)] if number.group(2) else [],
                           "content": list(pending), "responsibility": [], "deadline": [], "mode": ["category"]}
                pending = []
                rows.append(current)
                starts.append(at)
                expected = int(number.group(1)) + 1
                continue
            if current is None:
                continue
            if current["deadline"]:
                pending.append(line)
                continue
            tail = _deadline_tail(line)
            if tail is not None and (current["content"] or current["responsibility"]):
                if tail[0]:
                    current["responsibility"].append(tail[0])
                current["deadline"].append(tail[1])
                continue
            mode = current["mode"][0]
            short = len(squeeze(line)) <= _FRAGMENT
            if mode == "category" and short and not current["content"]:
                current["category"].append(line)
                continue
            if mode in ("category", "content"):
                finished = "".join(current["content"]).rstrip().endswith("。")
                unit_like = bool(Responsibility.parse(line).units or _UNITISH.search(line))
                if current["content"] and short and (finished or unit_like) and not line.endswith("。"):
                    current["mode"][0] = "responsibility"
                    current["responsibility"].append(line)
                else:
                    current["mode"][0] = "content"
                    current["content"].append(line)
                continue
            current["responsibility"].append(line)
        if current is not None and pending:
            current["content"] += pending
        return [(at, [row["number"][0], "".join(row["category"]), "\n".join(row["content"]),
                      "\n".join(row["responsibility"]), "".join(row["deadline"])])
                for at, row in zip(starts, rows)]
