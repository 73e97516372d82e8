"""Spreadsheet answers (.xlsx, .xlsm, .xls, .ods) through python-calamine."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import PurePath

import python_calamine as pc

from spbe_cli.errors import Collector, InputError, Problem, Words
from spbe_cli.i18n import Msg, msg
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.memo import ValueMemo
from spbe_cli.readers import grid as g
from spbe_cli.readers import xlsextent
from spbe_cli.readers.raw import SHEETS, Cell, RawAnswers, RawRow
from spbe_cli.readers.xlsxcells import CorruptPart, Package, beyond, hidden_cells, read_part
from spbe_cli.safetext import printable, skeleton
from spbe_cli.text import norm

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# Parts the reader unpacks on opening; the first two are also kept, for the sheet paths.
EAGER_PARTS = (
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",  # also checked: _check_shared_strings
    "xl/styles.xml",
    "content.xml",
)
KEPT_PARTS = EAGER_PARTS[:2]


def _check_zip(name: str, data: bytes, limits: Limits) -> Package:
    """Refuse zip bombs before any XML is parsed: parts and their unpacked sizes, as the
    zip's central directory declares them (a lying header only makes the reader stop
    early, at the declared size)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        # zipfile's own words say no more than this, and only in English
        raise InputError([Problem(name, "", msg("input.xlsx.unreadable"))]) from None
    if len(infos) > limits.zip_parts:
        said = msg("input.xlsx.parts", parts=f"{len(infos):,}", limit=f"{limits.zip_parts:,}")
        raise InputError([Problem(name, "", said)])
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.unpacked_part_bytes:
            said = msg(
                "input.xlsx.part_size",
                part=info.filename,
                size=f"{info.file_size:,}",
                limit=f"{limits.unpacked_part_bytes:,}",
            )
            raise InputError([Problem(name, "", said)])
    if total > limits.unpacked_total_bytes:
        said = msg("input.xlsx.size", size=f"{total:,}", limit=f"{limits.unpacked_total_bytes:,}")
        raise InputError([Problem(name, "", said)])
    # The parts the reader unpacks on opening are unpacked here first, never beyond their
    # declared (and limited) sizes: a part whose data does not match its header (a lying
    # zip bomb) fails its checksum here instead of filling memory later.
    pkg = Package(zf)
    try:
        for part in EAGER_PARTS:
            if part not in zf.NameToInfo:
                continue
            if part in KEPT_PARTS:
                pkg.part(part)
            elif part == SHARED_STRINGS:
                _check_shared_strings(name, read_part(zf, part))
            else:
                with zf.open(part) as f:
                    while f.read(1 << 20):
                        pass
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError([Problem(name, "", msg("input.xlsx.part_mismatch"))]) from None
    return pkg


SHARED_STRINGS = "xl/sharedStrings.xml"
_SST_TAG = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*>")
_UNIQUE_COUNT = re.compile(rb"""\buniqueCount\s*=\s*["']([0-9]+)""")


def _check_shared_strings(name: str, xml: bytes) -> None:
    """calamine reserves room for the `uniqueCount` the table declares before reading it:
    two billion (in 200 bytes) aborts the process. A table cannot hold more strings than
    it has bytes, so a count beyond that is refused."""
    for tag in _SST_TAG.finditer(xml):
        for m in _UNIQUE_COUNT.finditer(tag.group()):
            claimed = int(m.group(1)) if len(m.group(1)) < 20 else 10**20
            if claimed > len(xml):
                said = msg(
                    "input.xlsx.shared_strings",
                    part=SHARED_STRINGS,
                    strings=f"{claimed:,}",
                    size=f"{len(xml):,}",
                )
                raise InputError([Problem(name, "", said)])


def _check_bytes(name: str, data: bytes, limits: Limits = DEFAULT) -> Package | None:
    head = data[:8]
    if head.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError([Problem(name, "", msg("input.xlsx.password"))])
        return None
    if head.startswith(ZIP_MAGIC):
        return _check_zip(name, data, limits)
    base = PurePath(name).name
    if base.startswith("~$"):  # what Excel leaves beside a workbook it has open
        said = msg("input.xlsx.lock_file", workbook=repr(base[2:]))
        raise InputError([Problem(name, "", said)])
    if not data:
        raise InputError([Problem(name, "", msg("input.file.empty"))])
    raise InputError([Problem(name, "", msg("input.xlsx.not_spreadsheet"))])


def _open(name: str, data: bytes) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise InputError([Problem(name, "", msg("input.xlsx.password"))]) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError):
        # calamine's words are English and about its parser, not about the workbook
        raise InputError([Problem(name, "", msg("input.xlsx.unreadable"))]) from None


def _seen_as(name: object) -> str:
    return norm(skeleton(str(name)))


# A sheet name as a reader sees it (look-alike letters read as the Latin ones, then `norm`);
# the same few names recur in every workbook.
_as_seen: ValueMemo[str] = ValueMemo(_seen_as, 1_000)


def _find_sheet(wb: pc.CalamineWorkbook, role: str, out: Collector) -> str | None:
    """The sheet of a role by name (NFKC, zero-width characters ignored). A sheet whose
    name only looks like it (Cyrillic or Greek letters among Latin ones) is an error: it
    could hide the real one, even a hidden sheet of that name, from the person reading."""
    wanted = {norm(n) for n in SHEETS[role]}
    sheets = wb.sheet_names
    matches = [s for s in sheets if norm(s) in wanted]
    fakes = [s for s in sheets if s not in matches and _as_seen(s) in wanted]
    for fake in fakes:
        shown = printable(fake)
        out.add(shown, msg("input.xlsx.lookalike", sheet=shown, like=repr(SHEETS[role][0])))
    if fakes:
        return None
    if len(matches) > 1:
        said = msg("input.xlsx.several_sheets", role=SHEETS[role][0], sheets=", ".join(matches))
        out.add("", said)
        return None
    if not matches:
        names: Words = ", ".join(wb.sheet_names) or msg("input.word.none")
        name, other = (repr(n) for n in SHEETS[role][:2])
        out.add("", msg("input.xlsx.no_sheet", wanted=name, other=other, sheets=names))
        return None
    return matches[0]


_DEVNULL: list[int] = []  # one descriptor on /dev/null per process, opened when first needed


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration (restored afterwards)."""
    try:
        if not _DEVNULL:
            _DEVNULL.append(os.open(os.devnull, os.O_WRONLY))
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        os.dup2(_DEVNULL[0], 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _limit_message(span: tuple[int, int], limits: Limits) -> Msg:
    return msg(
        "input.sheet.too_big",
        rows=f"{span[0]:,}",
        columns=f"{span[1]:,}",
        max_rows=f"{limits.rows:,}",
        max_columns=f"{limits.columns:,}",
    )


def _grid(
    wb: pc.CalamineWorkbook,
    sheet: str,
    out: Collector,
    limits: Limits = DEFAULT,
    pkg: Package | None = None,
) -> Sequence[Sequence[object]] | None:
    if pkg is not None:
        try:
            span = beyond(pkg, sheet, limits.rows, limits.columns)
        except CorruptPart:
            out.add(sheet, msg("input.sheet.part_mismatch"))
            return None
        if span is not None:
            out.add(sheet, _limit_message(span, limits))
            return None
    try:
        ws = wb.get_sheet_by_name(sheet)
    except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError) as e:
        out.add(sheet, msg("input.sheet.unreadable", detail=str(e)[:200]))
        return None
    end_row, end_col = ws.end or (0, 0)
    if end_row >= limits.rows or end_col >= limits.columns:
        out.add(sheet, _limit_message((end_row + 1, end_col + 1), limits))
        return None
    try:
        with _quiet_stderr():  # a Rust panic prints to fd 2 before it becomes an exception
            return ws.to_python(skip_empty_area=False)
    except (OverflowError, ValueError) as e:
        out.add(sheet, msg("input.sheet.out_of_range", detail=str(e)))
        return None
    except BaseException as e:  # a panic in the Rust reader (pyo3's PanicException)
        if type(e).__name__ != "PanicException":
            raise
        out.add(sheet, msg("input.sheet.out_of_range", detail=str(e)))
        return None


def _too_big(name: str, data: bytes, pkg: Package | None, limits: Limits) -> list[Problem]:
    """The sheets whose extent is beyond the limits, for the formats calamine expands in
    full before a sheet can be checked (a .xlsx sheet is read only when asked for, and
    checked then: _grid). A .ods row repeated a million times, a .xls cell in the last
    row and column: hundreds of MB to over 1 GB, from a few KB."""
    spans: dict[str | int, tuple[int, int]]
    if pkg is not None and pkg.is_ods:
        try:
            spans = {k: v for k, v in pkg.ods_spans().items()}
        except CorruptPart:
            return [Problem(name, "", msg("input.xlsx.part_mismatch"))]
    elif data.startswith(CFB_MAGIC):
        spans = xlsextent.spans(data)
    else:
        return []
    return [
        Problem(name, _sheet_where(sheet), _limit_message(span, limits))
        for sheet, span in spans.items()
        if span[0] > limits.rows or span[1] > limits.columns
    ]


def _sheet_where(sheet: str | int) -> Words:
    """A sheet by name, or by its number when its name could not be read (.xls)."""
    return msg("input.where.sheet_number", number=sheet) if isinstance(sheet, int) else sheet


def read_workbook(name: str, data: bytes, sha256: str, limits: Limits = DEFAULT) -> RawAnswers:
    pkg = _check_bytes(name, data, limits)
    if too_big := _too_big(name, data, pkg, limits):
        raise InputError(too_big)
    wb = _open(name, data)
    out = Collector(name)
    id_sheet = _find_sheet(wb, "identity", out)
    ans_sheet = _find_sheet(wb, "answers", out)
    identity = {}
    rows = []
    header_found = False
    if id_sheet is not None:
        id_grid = _grid(wb, id_sheet, out, limits, pkg)
        if id_grid is not None:
            if not any(any(not g.is_blank(v) for v in r) for r in id_grid):
                out.add(id_sheet, msg("input.sheet.empty"))
            identity = g.read_identity(id_grid, id_sheet, out)
    if ans_sheet is not None:
        ans_grid = _grid(wb, ans_sheet, out, limits, pkg)
        if ans_grid is not None:
            header = g.find_header(ans_grid)
            if header is None:
                out.add(ans_sheet, g.missing_header_message(ans_grid))
            else:
                header_found = True
                rows = g.read_table(ans_grid, ans_sheet, *header)
                if pkg is not None:
                    _reveal_hidden(pkg, ans_sheet, rows)
    return RawAnswers(
        file=name,
        sha256=sha256,
        identity=identity,
        identity_where=id_sheet or "Identitas",
        rows=rows,
        answers_where=ans_sheet or "Jawaban",
        problems=out.problems,
        identity_found=id_sheet is not None,
        answers_found=header_found,
    )


LEVEL_KEYS = ("level", "self_level", "target")


def _reveal_hidden(pkg: Package, sheet: str, rows: list[RawRow]) -> None:
    """Blank level cells that are really `#N/A` or value-less formulas get saying so."""
    blanks: dict[str, tuple[RawRow, str]] = {}
    for key in LEVEL_KEYS:
        cells = [(row, row.cells[key]) for row in rows if key in row.cells]
        empty = [(row, cell) for row, cell in cells if g.is_blank(cell.value)]
        # Optional columns left wholly empty (no Target at all) are not worth a look.
        if key != "level" and len(empty) == len(cells):
            continue
        for row, cell in empty:
            blanks[str(cell.where).rsplit("!", 1)[-1]] = (row, key)
    if not blanks:
        return
    for address, hidden in hidden_cells(pkg, sheet, blanks).items():
        row, key = blanks[address]
        row.cells[key] = Cell(hidden, row.cells[key].where)
