"""Hostile and broken inputs never crash, hang, eat memory, leak or lose output."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.resources import data_dir

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("cases run in forked processes", allow_module_level=True)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_2024 = EXAMPLES / "kabupaten-contoh-2024.xlsx"  # 59/2020, index 2.63
EXAMPLE_2026 = EXAMPLES / "kabupaten-contoh-2026.xlsx"  # 8/2026, index 1.24
JAWABAN_XML = "xl/worksheets/sheet3.xml"  # the Jawaban sheet of EXAMPLE_2024
RUBRIC_8_2026 = (data_dir("rubrics") / "permenpanrb-8-2026.yaml").read_text(encoding="utf-8")

SECONDS = 5.0  # every case, however hostile, is answered within this much CPU time
# A case still running after this much wall time is killed (a hang fails alone). CPU time,
# not wall time, bounds the work: a busy machine must not fail a case that did nothing
# wrong, and a hang that waits without working (a FIFO) is caught by the kill.
KILL_AFTER = 30.0
MEMORY_MB = 200  # peak memory a case may add to the process
MAX_STDERR = 20_000  # messages stay readable: no input is echoed in full
MB = 1_000_000
PART_LIMIT = "batasnya 16,777,216"  # bytes one zip part may unpack to

# The 2024 example's levels as typed there (47 indicators of 59/2020).
LEVELS_2024: list[object] = [
    3, "Tingkat 3", 2, 3, 2, 2, 2, 3, 2, 3, "2 - Terkelola", 2, 3, 2, 3, 2, 3, 2, 3, 2,
    2, 2, 2, 1, 2, 2, 1, 2, 1, 1, 1, "Kolaborasi", 3, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 4,
    3, 2, 3,
]  # fmt: skip
# The 2026 example's levels with decimal commas (20 indicators of 8/2026).
LEVELS_2026 = [
    "2", "1,5", "1,26", "1,3", "1", "1", "1", "1", "1", "1", "1,5", "1,25",
    "1,166666666666667", "1", "1", "1", "2,5", "1", "1", "1,3",
]  # fmt: skip


# --- running a case --------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What a builder made: the command line, and the file messages are located in."""

    args: list[str]
    file: Path
    env: dict[str, str] = field(default_factory=dict)  # set in the forked child only


@dataclass(frozen=True)
class Outcome:
    exit_code: int | None
    stdout: str
    stderr: str
    error: str  # an exception other than SystemExit, with its traceback
    seconds: float
    grew_mb: float
    stray: str = ""  # written to file descriptor 2 behind the CLI's back
    died: str = ""  # how the forked process died or hung, if it did


Expect = str | tuple[str, ...]  # a line that must appear in stderr; a tuple: any one of them


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Run]
    expect: list[Expect] = field(default_factory=list)
    exit_code: int = 2
    index: float | None = None  # exit 0: the index the JSON result must carry
    check: Callable[[Run, Outcome], None] | None = None
    forbid: tuple[str, ...] = ()  # must not appear in stdout or stderr


def _rss_bytes() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (the isolated reader)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _child(conn: Connection, args: list[str], env: dict[str, str]) -> None:
    os.environ.update(env)
    start = _rss_bytes()
    native = tempfile.TemporaryFile()  # what bypasses sys.stderr: Rust panics, C libraries
    os.dup2(native.fileno(), 2)
    t0 = _cpu_seconds()
    try:
        result = CliRunner().invoke(app, args)
    except BaseException:  # what CliRunner lets through, e.g. a Rust panic from calamine
        seconds = _cpu_seconds() - t0
        conn.send(Outcome(None, "", "", traceback.format_exc(), seconds, 0.0))
        return
    seconds = _cpu_seconds() - t0
    # the spreadsheet is read in a child of this process (readers.read_isolated): its
    # memory counts too
    peak = 1024 * max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    error = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
    grew = (peak - start) / 2**20 if start else 0.0
    native.seek(0)
    stray = native.read(MAX_STDERR).decode(errors="replace")
    conn.send(Outcome(result.exit_code, result.stdout, result.stderr, error, seconds, grew, stray))


def run_isolated(args: list[str], env: dict[str, str] | None = None) -> Outcome:
    """`spbe ARGS` through CliRunner in a forked process: a crash or hang fails one case."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, args, env or {}))
    proc.start()
    child.close()
    try:
        if not parent.poll(KILL_AFTER):
            proc.kill()
            proc.join()
            hung = f"still running after {KILL_AFTER} s"
            return Outcome(None, "", "", "", KILL_AFTER, 0.0, died=hung)
        try:
            outcome: Outcome = parent.recv()
        except EOFError:
            proc.join()
            return Outcome(None, "", "", "", 0.0, 0.0, died=f"died with exit code {proc.exitcode}")
    finally:
        parent.close()
    proc.join()
    return outcome


# --- building inputs -------------------------------------------------------------------

Part = bytes | Callable[[IO[bytes], bytes], None]  # new content, or a writer given the old


def rewrite_zip(dst: Path, parts: dict[str, Part], base: Path = EXAMPLE_2024) -> None:
    """Copy a zip, replacing or adding parts; a callable part is streamed, never held."""
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        old = {i.filename: zin.read(i) for i in zin.infolist()}
        for name in [*old, *(n for n in parts if n not in old)]:
            part = parts.get(name, old.get(name, b""))
            if callable(part):
                with zout.open(name, "w") as f:
                    part(f, old.get(name, b""))
            else:
                zout.writestr(name, part)


def filled(pre: bytes, fill: bytes, post: bytes, total: int) -> Callable[[IO[bytes], bytes], None]:
    """A part of exactly `total` bytes: `pre`, then `fill` repeated, then `post`."""

    def write(f: IO[bytes], _old: bytes) -> None:
        f.write(pre)
        chunk = fill * (2**20 // len(fill))
        left = total - len(pre) - len(post)
        while left > 0:
            f.write(chunk[:left])
            left -= len(chunk)
        f.write(post)

    return write


def sheet_rows(extra: Callable[[], bytes]) -> Callable[[IO[bytes], bytes], None]:
    """The Jawaban sheet with `extra()` rows (bytes) appended to its data."""

    def write(f: IO[bytes], old: bytes) -> None:
        head, tail = old.split(b"</sheetData>")
        f.write(head)
        f.write(extra())
        f.write(b"</sheetData>" + tail)

    return write


def score(path: Path, *extra: str, file: Path | None = None) -> Run:
    return Run(["score", str(path), "-f", "json", *extra], file or path)


def xlsx_parts(parts: dict[str, Part], base: Path = EXAMPLE_2024) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = tmp / "jawaban.xlsx"
        rewrite_zip(path, parts, base)
        return score(path)

    return build


def workbook(
    edit: Callable[[Workbook], object], base: Path = EXAMPLE_2024
) -> Callable[[Path], Run]:
    """The example workbook changed with openpyxl."""

    def build(tmp: Path) -> Run:
        path = tmp / "jawaban.xlsx"
        wb = load_workbook(base)
        edit(wb)
        wb.save(path)
        return score(path)

    return build


def cell(
    sheet: str, ref: str, value: str | float | dt.date | dt.time
) -> Callable[[Workbook], object]:
    def edit(wb: Workbook) -> None:
        wb[sheet][ref] = value

    return edit


def text_file(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = tmp / name
        path.write_bytes(text.encode(encoding))
        return score(path)

    return build


def bytes_file(name: str, make: Callable[[], bytes]) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = tmp / name
        path.write_bytes(make())
        return score(path)

    return build


def csv_2024(name: str = "Kabupaten Contoh", sep: str = ",", penjelasan: str = "") -> str:
    rows = [f"Instansi{sep}{name}", f"Tahun{sep}2024", f"No{sep}Tingkat{sep}Penjelasan"]
    rows += [
        f"{i}{sep}{v}{sep}{penjelasan if i == 1 else ''}" for i, v in enumerate(LEVELS_2024, 1)
    ]
    return "\r\n".join(rows) + "\r\n"


def csv_2026(padded: bool) -> str:
    """A semicolon CSV as Indonesian Excel saves it (padded: every row has all fields)."""
    pad = ";;" if padded else ""
    rows = [
        f"Instansi;Kabupaten Contoh{pad}",
        f"Tahun;2026{pad}",
        "No;Indikator;Tingkat;Penjelasan",
    ]
    rows += [f"{i};Indikator {i};{v};" for i, v in enumerate(LEVELS_2026, 1)]
    return "\r\n".join(rows) + "\r\n"


ANSWERS_2025 = yaml.safe_load((EXAMPLES / "kabupaten-contoh-2025.yaml").read_text(encoding="utf-8"))


def json_answers(level_1: str) -> str:
    """The 2025 example as JSON, with indicator 1's level written as the raw token given."""
    answers = {str(k): v for k, v in ANSWERS_2025["jawaban"].items()} | {"1": "@LEVEL@"}
    data = {"identitas": ANSWERS_2025["identitas"], "jawaban": answers}
    return json.dumps(data).replace('"@LEVEL@"', level_1)


def yaml_answers(level_1: str) -> str:
    """Identity on lines 1-3, indicator 1's raw level on line 5, the rest after it."""
    rest = "".join(f"  {k}: {v}\n" for k, v in ANSWERS_2025["jawaban"].items() if k != 1)
    return (
        f"identitas:\n  instansi: Kabupaten Contoh\n  tahun: 2025\njawaban:\n  1: {level_1}\n{rest}"
    )


def rubric_file(old: str, new: str) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        assert old in RUBRIC_8_2026, old
        path = tmp / "bad.yaml"
        path.write_text(RUBRIC_8_2026.replace(old, new, 1), encoding="utf-8")
        return score(EXAMPLE_2026, "--rubric", str(path), file=path)

    return build


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the cases ---------------------------------------------------------------------------


def jawaban_bomb(f: IO[bytes], old: bytes) -> None:
    head, tail = old.split(b"</sheetData>")
    cell_open = b'<row r="100"><c r="H100" t="inlineStr"><is><t>'
    cell_close = b"</t></is></c></row></sheetData>"
    filled(head + cell_open, b"A", cell_close + tail, 200 * MB)(f, old)


def appended(before: bytes, extra: bytes) -> Callable[[IO[bytes], bytes], None]:
    def write(f: IO[bytes], old: bytes) -> None:
        assert before in old
        f.write(old.replace(before, extra + before, 1))

    return write


SHARED_STRINGS_BOMB: dict[str, Part] = {
    "xl/_rels/workbook.xml.rels": appended(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
    ),
    "[Content_Types].xml": appended(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    ),
    "xl/sharedStrings.xml": filled(
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
        b"B",
        b"</t></si></sst>",
        200 * MB,
    ),
}


def lying_size(tmp: Path) -> Run:
    """The Jawaban sheet unpacks to 200 MB while the zip's headers say 60,000 bytes."""
    path = tmp / "jawaban.xlsx"
    rewrite_zip(path, {JAWABAN_XML: jawaban_bomb})
    with zipfile.ZipFile(path) as zf:
        offset = zf.getinfo(JAWABAN_XML).header_offset
    data = bytearray(path.read_bytes())
    data[offset + 22 : offset + 26] = (60_000).to_bytes(4, "little")  # local header
    name = JAWABAN_XML.encode()
    end = data.rindex(b"PK\x05\x06")
    central = int.from_bytes(data[end + 16 : end + 20], "little")  # first entry
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + 24 : central + 28] = (60_000).to_bytes(4, "little")  # central directory
    path.write_bytes(bytes(data))
    return score(path)


def million_rows() -> bytes:
    return b"<row><c><v>1</v></c></row>" * 1_000_000


def many_rows() -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d</t></is></c><c r="E%d"><v>3</v></c>'
        b"</row>" % (n, n, n, n)
        for n in range(49, 30_050)
    )


def far_cell() -> bytes:
    return b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


# The same far cell spelled every way calamine accepts (each aborts calamine when it gets
# through): single quotes, lower-case letters, spaces around `=`, a tab before `r`, a row
# number of eight digits, and `r` right after a quote (no space: not XML, read anyway).
FAR_CELL_SPELLINGS = {
    "single-quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "lower-case": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "spaces-around-equals": b'<row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>',
    "tab-before-r": b'<row\tr="1048576"><c\tr="XFD1048576"><v>1</v></c></row>',
    "eight-digit-row": b'<row r="99999999"><c r="A99999999"><v>1</v></c></row>',
    "no-space-after-a-quote": b'<row r="60"><c t="n"r="XFD1048576"><v>1</v></c></row>',
    "second-r-without-space": b'<row r="60"><c r="A60"r="XFD1048576"><v>1</v></c></row>',
}


EXAMPLE_ODS = Path(__file__).resolve().parent / "data" / "formats" / "kabupaten-contoh-2024.ods"


def ods_jawaban(extra: bytes) -> Callable[[Path], Run]:
    """The .ods example with `extra` (table rows) appended to its Jawaban table."""

    def edit(f: IO[bytes], old: bytes) -> None:
        start = old.index(b'table:name="Jawaban"')
        end = old.index(b"</table:table>", start)
        f.write(old[:end] + extra + old[end:])

    def build(tmp: Path) -> Run:
        path = tmp / "jawaban.ods"
        rewrite_zip(path, {"content.xml": edit}, EXAMPLE_ODS)
        return score(path)

    return build


ODS_TEXT_CELL = (
    b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
)
# calamine expands every table of a .ods when it opens it: each of these cost 200-430 MB
# (a few hundred bytes of XML) before the guard
FAR_ODS = {
    "row-repeated-a-billion-times": b'<table:table-row table:number-rows-repeated="1000000000">'
    + ODS_TEXT_CELL
    + b"</table:table-row>",
    "row-repeated-a-million-times": b'<table:table-row table:number-rows-repeated="1048576">'
    + ODS_TEXT_CELL.replace(b"-cell ", b'-cell table:number-columns-repeated="10" ', 1)
    + b"</table:table-row>",
    "empty-rows-then-a-value": b'<table:table-row table:number-rows-repeated="1000000000">'
    b"<table:table-cell/></table:table-row><table:table-row>"
    + ODS_TEXT_CELL
    + b"</table:table-row>",
    "cell-repeated-a-billion-times": b"<table:table-row>"
    + ODS_TEXT_CELL.replace(b"-cell ", b'-cell table:number-columns-repeated="1000000000" ', 1)
    + b"</table:table-row>",
}
# what LibreOffice writes after the last row of every sheet: empty, and not content
ODS_FILLER = (
    b'<table:table-row table:number-rows-repeated="1048526">'
    b'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
)


def xls_record(kinds: tuple[int, ...], fmt: str, *values: int) -> Callable[[Path], Run]:
    """The .xls example with the last record of one of `kinds` in its BIFF stream given
    new leading fields (same size: the OLE2 file is rewritten in place)."""

    def build(tmp: Path) -> Run:
        import struct

        import olefile

        path = tmp / "jawaban.xls"
        path.write_bytes(EXAMPLE_ODS.with_suffix(".xls").read_bytes())
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            stream = bytearray(ole.openstream("Workbook").read())
            pos, last = 0, None
            while pos + 4 <= len(stream):
                kind, size = struct.unpack_from("<HH", stream, pos)
                if kind in kinds:
                    last = pos
                pos += 4 + size
            assert last is not None
            struct.pack_into(fmt, stream, last + 4, *values)
            ole.write_stream("Workbook", bytes(stream))
        return score(path)

    return build


# LABELSST, NUMBER, RK: (row, column) first. The last cell moved to the format's last row
# and column (65,536 × 256): calamine gave that sheet a grid of over 1 GB (measured).
XLS_FAR_CELL = xls_record((0x00FD, 0x0203, 0x027E), "<HH", 65535, 255)
# DIMENSIONS (first row, end row u32; first column, end column u16): calamine reserved a
# grid of the declared size and aborted (found by setting each field to its maximum).
XLS_HUGE_DIMENSIONS = xls_record((0x0200,), "<IIHH", 0, 0x7FFFFFFF, 0, 5)
XLS_BACKWARD_DIMENSIONS = xls_record((0x0200,), "<IIHH", 0xFFFF, 48, 0, 5)


def lying_dimension(f: IO[bytes], old: bytes) -> None:
    f.write(old.replace(b'<dimension ref="A1:J48" />', b'<dimension ref="A1:XFD1048576" />'))


def many_parts(tmp: Path) -> Run:
    path = tmp / "jawaban.xlsx"
    rewrite_zip(path, {f"customXml/item{i}.xml": b"<a/>" for i in range(3_000)})
    return score(path)


def big_parts(tmp: Path) -> Run:
    """Five parts of 15,000,000 bytes: each under the part limit, together over the total."""
    path = tmp / "jawaban.xlsx"
    rewrite_zip(
        path, {f"xl/media/image{i}.bin": filled(b"", b"\0", b"", 15 * MB) for i in range(5)}
    )
    return score(path)


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def encrypted_cfb() -> bytes:
    """What Excel saves for a password-protected .xlsx: an OLE file with EncryptedPackage."""
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    return CFB + b"\0" * 504 + entry + b"\0" * 1_024


def garbage_cfb() -> bytes:
    return CFB + bytes(range(256)) * 32


def not_a_workbook(tmp: Path) -> Run:
    path = tmp / "jawaban.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    return score(path)


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "AAAAAAAAAA">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(8))
    + b"]>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
)
E15 = b'<c r="E15" s="7" t="n"><v>2</v></c>'  # indicator 14's level


def with_doctype(
    doctype: bytes, e15: bytes, extra: bytes = b""
) -> Callable[[IO[bytes], bytes], None]:
    def write(f: IO[bytes], old: bytes) -> None:
        assert E15 in old
        new = old.replace(b"<worksheet", doctype + b"<worksheet", 1).replace(E15, e15)
        f.write(new.replace(b"</worksheet>", extra + b"</worksheet>"))

    return write


PENJELASAN_1 = "Perbup Arsitektur SPBE ditetapkan 2022, memuat semua domain."  # Jawaban!H2


def inline_text(old: str, new: str) -> Callable[[IO[bytes], bytes], None]:
    """A sheet with one inline string replaced (openpyxl would cut it at 32,767 characters)."""

    def write(f: IO[bytes], data: bytes) -> None:
        tag = b"<t>%s</t>"
        assert tag % old.encode() in data, old
        f.write(data.replace(tag % old.encode(), tag % new.encode(), 1))

    return write


def formatted(ref: str, value: float, number_format: str) -> Callable[[Workbook], object]:
    """A number shown as a date or a duration: Excel shows #### when it is out of range."""

    def edit(wb: Workbook) -> None:
        wb["Jawaban"][ref] = value
        wb["Jawaban"][ref].number_format = number_format

    return edit


def merge(ref: str) -> Callable[[Workbook], object]:
    def edit(wb: Workbook) -> None:
        wb["Jawaban"].merge_cells(ref)

    return edit


def hide_row(wb: Workbook) -> None:
    wb["Jawaban"].row_dimensions[5].hidden = True


def hide_column(wb: Workbook) -> None:
    wb["Jawaban"].column_dimensions["E"].hidden = True


def hide_sheets(wb: Workbook) -> None:
    wb["Jawaban"].sheet_state = "hidden"
    wb["Identitas"].sheet_state = "veryHidden"


def case_twin(f: IO[bytes], old: bytes) -> None:
    f.write(old.replace(b'name="Kriteria"', b'name="jawaban"'))


def billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n" + yaml_answers("3")


def python_tag(tmp: Path) -> Run:
    path = tmp / "jawaban.yaml"
    marker = tmp / "PWNED"
    path.write_text(
        f"identitas: !!python/object/apply:os.system ['touch {marker}']\njawaban:\n  1: 3\n",
        encoding="utf-8",
    )
    return score(path)


def not_pwned(run: Run, _: Outcome) -> None:
    assert not (run.file.parent / "PWNED").exists(), "the YAML tag ran a command"


def big_file(tmp: Path) -> Run:
    path = tmp / "jawaban.csv"
    with path.open("wb") as f:
        f.truncate(21 * MB)  # sparse: costs no disk
    return score(path)


def result_of(outcome: Outcome) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(outcome.stdout)
    return data


def name_is(expected: str) -> Callable[[Run, Outcome], None]:
    def check(_: Run, outcome: Outcome) -> None:
        assert result_of(outcome)["institution"]["name"] == expected

    return check


def no_self_assessment(_: Run, outcome: Outcome) -> None:
    result = result_of(outcome)
    assert result["indicators"][0]["self_level"] is None
    assert result["self_assessment"] is None


def long_explanation(_: Run, outcome: Outcome) -> None:
    assert len(result_of(outcome)["indicators"][0]["explanation"]) == MB


def rubric_8_2026(_: Run, outcome: Outcome) -> None:
    assert result_of(outcome)["rubric"]["id"] == "permenpanrb-8-2026"


def copy_example(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.write_bytes(EXAMPLE_2024.read_bytes())
    return path


def output_is_input(tmp: Path) -> Run:
    path = copy_example(tmp, "a.xlsx")
    (tmp / "a.sha256").write_text(sha(path))
    return Run(["score", str(path), "-f", "json", "-o", str(path)], path)


def output_links_to_input(tmp: Path) -> Run:
    path = copy_example(tmp, "a.xlsx")
    (tmp / "a.sha256").write_text(sha(path))
    link = tmp / "link.json"
    link.symlink_to(path)
    return Run(["score", str(path), "-f", "json", "-o", str(link)], link)


def input_unchanged(run: Run, _: Outcome) -> None:
    tmp = run.file.parent
    assert sha(tmp / "a.xlsx") == (tmp / "a.sha256").read_text()


OLD_OUTPUT = '{"old": "result"}\n'


def failing_run_with_output(tmp: Path) -> Run:
    path = tmp / "jawaban.xlsx"
    wb = load_workbook(EXAMPLE_2024)
    wb["Jawaban"]["E15"] = "#REF!"
    wb.save(path)
    (tmp / "out.json").write_text(OLD_OUTPUT)
    return Run(["score", str(path), "-f", "json", "-o", str(tmp / "out.json")], path)


def old_output_kept(run: Run, _: Outcome) -> None:
    tmp = run.file.parent
    assert (tmp / "out.json").read_text() == OLD_OUTPUT
    assert sorted(p.name for p in tmp.iterdir()) == ["jawaban.xlsx", "out.json"], "left-overs"


def output_folder_missing(tmp: Path) -> Run:
    target = tmp / "missing" / "out.json"
    return Run(["score", str(EXAMPLE_2024), "-f", "json", "-o", str(target)], target)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def evidence_answers(tmp: Path, bukti: str) -> Path:
    """The 2025 example with indicator 1's Bukti Dukung (and a Penjelasan) as given."""
    rest = "".join(f"  {k}: {v}\n" for k, v in ANSWERS_2025["jawaban"].items() if k != 1)
    text = f"{YAML_HEAD}jawaban:\n  1: {{tingkat: 3, penjelasan: ada, bukti_dukung: {bukti}}}\n"
    path = tmp / "jawaban.yaml"
    path.write_text(text + rest, encoding="utf-8")
    return path


def evidence_cell(bukti: str, command: str = "check") -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = evidence_answers(tmp, bukti)
        return Run([command, str(path), "-f", "json"], path)

    return build


def evidence_link(target: str) -> Callable[[Path], Run]:
    """Bukti Dukung naming x.pdf, a link (inside the answers' folder) to `target`."""

    def build(tmp: Path) -> Run:
        path = evidence_answers(tmp, "x.pdf")
        os.symlink(target, tmp / "x.pdf")
        return Run(["check", str(path), "-f", "json"], path)

    return build


def evidence_fifo(tmp: Path) -> Run:
    path = evidence_answers(tmp, "x.pdf")
    os.mkfifo(tmp / "x.pdf")  # opening it for reading would wait for a writer forever
    return Run(["check", str(path), "-f", "json"], path)


def finding_of(code: str) -> Callable[[Run, Outcome], None]:
    def check(run: Run, outcome: Outcome) -> None:
        findings = json.loads(outcome.stdout)["findings"]
        assert [f["code"] for f in findings if f["indicator"] == "1"] == [code]

    return check


def _at_line(line: int, message: str) -> tuple[str, str]:
    """An answer file's YAML problem at its line, whichever words the reader gives the line."""
    return (f"{{file}}: baris {line}: {message}", f"{{file}}: line {line}: {message}")


YAML_HEAD = "identitas:\n  instansi: Kabupaten Contoh\n  tahun: 2025\n"
E5 = "{file}: Jawaban!E5: "
HUGE_LEVEL = "di luar 1–5 untuk indikator 1"

CASES = [
    # zip bombs and oversized workbooks: refused from the zip directory, before any XML
    Case(
        "zip-bomb-jawaban-sheet",
        xlsx_parts({JAWABAN_XML: jawaban_bomb}),
        [f"{{file}}: {JAWABAN_XML} berukuran 200,000,000 bita setelah diekstrak; {PART_LIMIT}"],
    ),
    Case(
        "zip-bomb-shared-strings",
        xlsx_parts(SHARED_STRINGS_BOMB),
        [
            "{file}: xl/sharedStrings.xml berukuran 200,000,000 bita setelah diekstrak;"
            f" {PART_LIMIT}"
        ],
    ),
    Case(
        "zip-parts-together-too-big",
        big_parts,
        ["{file}: buku kerja berukuran", "batasnya 67,108,864"],
    ),
    Case(
        "zip-size-header-lies",
        lying_size,
        ["{file}: Jawaban: ", "tidak cocok dengan kepalanya"],
    ),
    Case(
        "zip-3000-parts",
        many_parts,
        ["{file}: buku kerja berisi 3,012 bagian; batasnya 2,000"],
    ),
    Case(
        "sheet-million-rows",
        xlsx_parts({JAWABAN_XML: sheet_rows(million_rows)}),
        [f"{{file}}: {JAWABAN_XML} berukuran", PART_LIMIT],
    ),
    Case(
        "sheet-30000-rows",
        xlsx_parts({JAWABAN_XML: sheet_rows(many_rows)}),
        ["{file}: Jawaban: lembar ini memakai", "lembar jawaban dibatasi"],
    ),
    Case(
        "sheet-cell-at-XFD1048576",
        xlsx_parts({JAWABAN_XML: sheet_rows(far_cell)}),
        ["{file}: Jawaban: lembar ini memakai", "lembar jawaban dibatasi"],
    ),
    *(
        Case(
            f"sheet-far-cell-{name}",
            xlsx_parts({JAWABAN_XML: sheet_rows(lambda xml=xml: xml)}),
            ["{file}: Jawaban: lembar ini memakai", "lembar jawaban dibatasi"],
        )
        for name, xml in FAR_CELL_SPELLINGS.items()
    ),
    *(
        Case(  # merely odd: calamine reads these as other attributes, and so do we
            f"sheet-far-value-in-{name}",
            xlsx_parts({JAWABAN_XML: sheet_rows(lambda xml=xml: xml)}),
            exit_code=0,
            index=2.63,
        )
        for name, xml in {
            "another-attribute": b'<row r="60"><c spr="XFD1048576"/></row>',
            "a-prefixed-r": b'<row r="60"><c x:r="XFD1048576" xmlns:x="urn:x"/></row>',
        }.items()
    ),
    *(
        Case(
            f"ods-{name}",
            ods_jawaban(xml),
            ["{file}: Jawaban: lembar ini memakai", "lembar jawaban dibatasi"],
        )
        for name, xml in FAR_ODS.items()
    ),
    Case("ods-libreoffice-filler-rows", ods_jawaban(ODS_FILLER), exit_code=0, index=2.63),
    Case(
        "xls-cell-in-the-last-row-and-column",
        XLS_FAR_CELL,
        ["{file}: Jawaban: lembar ini memakai 65,536 baris × 256 kolom"],
    ),
    Case(
        "xls-dimensions-of-two-billion-rows",
        XLS_HUGE_DIMENSIONS,
        ["{file}: Jawaban: lembar ini memakai 2,147,483,647 baris × 5 kolom"],
    ),
    Case(
        "xls-dimensions-ending-before-they-start",
        XLS_BACKWARD_DIMENSIONS,
        ["{file}: Jawaban: lembar ini memakai 1,000,000,000 baris × 1,000,000,000 kolom"],
    ),
    *(
        Case(  # calamine reserved room for the declared count and aborted (signal 6)
            f"shared-strings-declare-two-billion-{quote}",
            xlsx_parts(
                {
                    "xl/sharedStrings.xml": b'<sst xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main" uniqueCount='
                    + q
                    + b"2000000000"
                    + q
                    + b"><si><t>a</t></si></sst>"
                }
            ),
            ["{file}: xl/sharedStrings.xml menyatakan 2,000,000,000 teks dalam"],
        )
        for quote, q in (("double-quoted", b'"'), ("single-quoted", b"'"))
    ),
    Case(
        "sheet-dimension-lies",  # merely odd: the cells decide, not the declared range
        xlsx_parts({JAWABAN_XML: lying_dimension}),
        exit_code=0,
        index=2.63,
    ),
    # not a workbook, or a locked one
    Case(
        "password-protected-xlsx",
        bytes_file("jawaban.xlsx", encrypted_cfb),
        ["{file}: buku kerja dilindungi kata sandi; simpan salinan tanpa kata sandi"],
    ),
    Case(
        "ole-garbage-xls",
        bytes_file("jawaban.xls", garbage_cfb),
        ["{file}: buku kerja tidak dapat dibaca (rusak atau terpotong?)"],
    ),
    Case("zip-not-a-workbook", not_a_workbook, ["{file}: buku kerja tidak dapat dibaca"]),
    # XML tricks inside a sheet
    Case(
        "xml-entity-bomb-in-level-cell",
        xlsx_parts(
            {
                JAWABAN_XML: with_doctype(
                    ENTITY_BOMB, b'<c r="E15" t="inlineStr"><is><t>&i;</t></is></c>'
                )
            }
        ),
        ["{file}: Jawaban: lembar ini tidak dapat dibaca"],
    ),
    Case(  # calamine skips the element; the look for hidden error cells must not expand it
        "xml-entity-bomb-beside-blank-level",
        xlsx_parts(
            {JAWABAN_XML: with_doctype(ENTITY_BOMB, b'<c r="E15" t="n"/>', b"<extLst>&i;</extLst>")}
        ),
        ["{file}: Jawaban!E15: tingkat indikator 14 belum diisi (seharusnya 1–5)"],
    ),
    Case(
        "xml-external-entity",
        xlsx_parts(
            {
                JAWABAN_XML: with_doctype(
                    EXTERNAL_ENTITY, b'<c r="E15" t="n"/>', b"<extLst>&x;</extLst>"
                )
            }
        ),
        ["{file}: Jawaban!E15: tingkat indikator 14 belum diisi (seharusnya 1–5)"],
        forbid=("root:x:0:0",),
    ),
    # what a spreadsheet program leaves in cells
    *(
        Case(
            f"level-error-{slug}",
            workbook(cell("Jawaban", "E15", code)),
            [f"{{file}}: Jawaban!E15: sel berisi galat lembar kerja {code} untuk indikator 14"],
        )
        for code, slug in (("#REF!", "ref"), ("#DIV/0!", "div0"), ("#N/A", "na"))
    ),
    Case(
        "level-formula-without-value",
        workbook(cell("Jawaban", "E19", "=F19-1")),
        ["{file}: Jawaban!E19: rumus =F19-1 tidak punya nilai tersimpan"],
    ),
    Case(
        "level-is-a-date",
        workbook(cell("Jawaban", "E5", dt.date(2024, 3, 4))),
        [E5 + "tanggal/waktu (2024-03-04) bukan tingkat untuk indikator 4"],
    ),
    Case(
        "level-is-a-time",
        workbook(cell("Jawaban", "E5", dt.time(10, 30))),
        [E5 + "tanggal/waktu (10:30:00) bukan tingkat untuk indikator 4"],
    ),
    Case(
        "level-huge-negative-number-as-date",
        workbook(formatted("E5", -1e12, "yyyy-mm-dd")),
        [(E5, "{file}: Jawaban: lembar ini tidak dapat dibaca")],
    ),
    Case(
        "level-huge-number-as-duration",
        workbook(formatted("E5", 1e16, "[h]:mm:ss")),
        [(E5, "{file}: Jawaban: lembar ini tidak dapat dibaca")],
    ),
    Case(  # merely odd: a merged area holds its value in the top-left cell only
        "level-cells-merged",
        workbook(merge("E2:E4")),
        [
            "{file}: Jawaban!E3: tingkat indikator 2 belum diisi (seharusnya 1–5)",
            "{file}: Jawaban!E4: tingkat indikator 3 belum diisi (seharusnya 1–5)",
        ],
    ),
    Case(
        "level-merged-over-self-level",
        workbook(merge("E2:F2")),
        exit_code=0,
        index=2.63,
        check=no_self_assessment,
    ),
    Case("hidden-row-still-counts", workbook(hide_row), exit_code=0, index=2.63),
    Case("hidden-level-column-still-counts", workbook(hide_column), exit_code=0, index=2.63),
    Case("hidden-sheets-still-count", workbook(hide_sheets), exit_code=0, index=2.63),
    Case(
        "sheet-names-differ-by-case",
        xlsx_parts({"xl/workbook.xml": case_twin}),
        ["{file}: beberapa lembar bisa menjadi lembar Jawaban: Jawaban, jawaban"],
    ),
    Case(
        "instansi-100000-characters",
        xlsx_parts({"xl/worksheets/sheet2.xml": inline_text("Kabupaten Contoh", "K" * 100_000)}),
        ["{file}: Identitas!B1: Instansi lebih dari 300 karakter"],
    ),
    Case(
        "penjelasan-1-mb",
        xlsx_parts({JAWABAN_XML: inline_text(PENJELASAN_1, "x" * MB)}),
        exit_code=0,
        index=2.63,
        check=long_explanation,
    ),
    Case(
        "level-name-32767-characters",  # the most a spreadsheet cell holds
        workbook(cell("Jawaban", "E5", "3 - " + "x" * 32_763)),
        [E5 + "'3 - xxx", "(32,767 karakter) bukan tingkat untuk indikator 4"],
    ),
    Case(
        "level-spaces-backtracking-xlsx",
        workbook(cell("Jawaban", "E5", "3" + " " * 30_000 + "1")),
        [E5 + "'3 ", "(30,002 karakter) bukan tingkat untuk indikator 4"],
    ),
    # CSV as offices save it, and CSV that is not
    Case(
        "csv-windows-1252",
        text_file("jawaban.csv", csv_2024("Kabupaten Tanah Datar — Bagian Organisasi é"), "cp1252"),
        exit_code=0,
        index=2.63,
        check=name_is("Kabupaten Tanah Datar — Bagian Organisasi é"),
    ),
    Case(
        "csv-utf8-bom",
        text_file("jawaban.csv", "\ufeff" + csv_2024("Kota Bukittinggi — Diskominfo ñ")),
        exit_code=0,
        index=2.63,
        check=name_is("Kota Bukittinggi — Diskominfo ñ"),
    ),
    Case(
        "csv-excel-semicolon-decimal-comma-8-2026",
        text_file("jawaban.csv", csv_2026(padded=True), "cp1252"),
        exit_code=0,
        index=1.24,
        check=rubric_8_2026,
    ),
    Case(
        "csv-semicolon-ragged-rows-8-2026",
        text_file("jawaban.csv", csv_2026(padded=False), "cp1252"),
        exit_code=0,
        index=1.24,
        check=rubric_8_2026,
    ),
    Case(
        "csv-penjelasan-200-kb",
        text_file("jawaban.csv", csv_2024(penjelasan="y" * 200_000)),
        exit_code=0,
        index=2.63,
    ),
    Case(
        "csv-nul-bytes",
        bytes_file("jawaban.csv", lambda: b"Instansi,\0\0\0\nTahun,2024\n"),
        ["{file}: isi biner: bukan berkas teks CSV"],
    ),
    Case(
        "csv-20000-rows",
        text_file("jawaban.csv", csv_2024() + "1,3,\r\n" * 20_000),
        ["{file}: lebih dari 10,000 baris"],
    ),
    Case(
        "csv-10-million-columns",
        text_file("jawaban.csv", "Instansi,X\nTahun,2024\nNo,Tingkat" + "," * 10_000_000 + "\n"),
        [("lebih dari 200 kolom", "dibatasi 10,000 × 200")],
    ),
    Case(
        "csv-sniffer-worst-case",
        text_file("jawaban.csv", '\n"' * 4_096),
        ["{file}: lembar ini kosong"],
    ),
    Case(
        "file-over-20-mib",
        big_file,
        ["{file}: berkas berukuran 21,000,000 bita; batasnya 20,971,520"],
    ),
    # YAML and JSON built to hurt a parser
    Case(
        "yaml-billion-laughs",
        text_file("jawaban.yaml", billion_laughs()),
        [_at_line(2, "alias YAML (*nama) tidak diperbolehkan")],
    ),
    Case(
        "yaml-python-tag",
        python_tag,
        [
            _at_line(
                1, "tag YAML tag:yaml.org,2002:python/object/apply:os.system tidak diperbolehkan"
            )
        ],
        check=not_pwned,
    ),
    Case(
        "yaml-10-mb-nested-lists",
        text_file("jawaban.yaml", YAML_HEAD + "jawaban: " + nested(5_000_000) + "\n"),
        [_at_line(4, "dokumen bersarang lebih dalam dari")],
    ),
    Case(
        "yaml-100000-deep-under-an-answer",
        text_file("jawaban.yaml", yaml_answers(nested(100_000))),
        [_at_line(5, "dokumen bersarang lebih dalam dari")],
    ),
    Case(
        "yaml-300000-nodes",
        text_file("jawaban.yaml", YAML_HEAD + "jawaban: [" + "1, " * 300_000 + "]\n"),
        [("lebih dari 200,000 simpul", "dokumen YAML memiliki terlalu banyak simpul")],
    ),
    Case(
        "yaml-level-100000-digits",
        text_file("jawaban.yaml", yaml_answers("1" + "0" * 100_000)),
        ["{file}: baris 5: "],
    ),
    Case(
        "yaml-level-1e+999999999",
        text_file("jawaban.yaml", yaml_answers("1.0e+999999999")),
        ["{file}: baris 5, jawaban.1: ", HUGE_LEVEL],
    ),
    Case(
        "json-100000-deep",
        text_file("jawaban.json", nested(100_000)),
        ["{file}: JSON tidak valid: susunannya bersarang terlalu dalam"],
    ),
    Case(
        "json-level-1e999999",
        text_file("jawaban.json", json_answers("1e999999")),
        ["{file}: jawaban.1: ", HUGE_LEVEL],
    ),
    Case(
        "json-level-1e999999999",
        text_file("jawaban.json", json_answers("1e999999999")),
        ["{file}: jawaban.1: ", HUGE_LEVEL],
    ),
    Case(
        "json-level-1e-999999",
        text_file("jawaban.json", json_answers("1e-999999")),
        ["{file}: jawaban.1: ", HUGE_LEVEL],
    ),
    Case(
        "json-level-100000-digits",
        text_file("jawaban.json", json_answers("1" + "0" * 100_000)),
        [("{file}: baris 1: ", "{file}: jawaban.1: ", "lebih dari 30 digit")],
        forbid=("set_int_max_str_digits",),  # Python's advice is not the user's
    ),
    Case(
        "json-tahun-1e999999",
        text_file("jawaban.json", json_answers("3").replace('"tahun": 2025', '"tahun": 1e999999')),
        ["{file}: identitas.tahun: Tahun harus berupa tahun seperti 2024"],
    ),
    Case(
        "json-indicator-number-1e999999",
        text_file(
            "jawaban.json",
            '{"identitas": {"instansi": "X", "tahun": 2025},'
            ' "jawaban": [{"no": 1e999999, "tingkat": 3}]}',
        ),
        ["{file}: jawaban[0]: indikator"],
    ),
    Case(
        "json-level-nan",
        text_file("jawaban.json", json_answers("NaN")),
        ["{file}: jawaban.1: sel tidak berisi angka terhingga untuk indikator 1"],
    ),
    Case(
        "json-level-spaces-backtracking",
        text_file("jawaban.json", json_answers(json.dumps("3" + " " * 50_000 + "1"))),
        ["{file}: jawaban.1: '3 ", "(50,002 karakter) bukan tingkat untuk indikator 1"],
    ),
    # custom rubric files (spbe score --rubric FILE)
    Case(
        "rubric-weights-do-not-add-up",
        rubric_file('        weight: 10\n      - id: "20"', '        weight: 11\n      - id: "20"'),
        [
            "{file}: baris 166, aspects[6]: jumlah bobot indikator 26, tidak sama dengan"
            " bobot aspek 25"
        ],
    ),
    Case(
        "rubric-duplicate-id",
        rubric_file('id: "20"', 'id: "19"'),
        ["{file}: baris 3: id indikator '19' dipakai dua kali"],
    ),
    Case(
        "rubric-band-gap",
        rubric_file("min: 1.5, max: 2.5}", "min: 1.6, max: 2.5}"),
        [
            "{file}: baris 30, predikat: bands[0] (Kurang) dan bands[1] (Cukup) tidak"
            " bersambung: max 1.5 dan min 1.6"
        ],
    ),
    Case(
        "rubric-3-mb",
        rubric_file("id: permenpanrb-8-2026", "id: permenpanrb-8-2026\n#" + "x" * 3 * MB),
        # read by files.read_regular, whose words are the input area's
        [("{file}: the rubric file is 3,", "{file}: berkas rubrik berukuran 3,")],
    ),
    # outputs: never over an input, never lost on failure
    Case(
        "output-is-the-input",
        output_is_input,
        ["{file}: menolak menimpa berkas masukan"],
        check=input_unchanged,
    ),
    Case(
        "output-is-a-link-to-the-input",
        output_links_to_input,
        ["{file}: menolak menimpa berkas masukan"],
        check=input_unchanged,
    ),
    Case(
        "failed-run-keeps-old-output",
        failing_run_with_output,
        ["{file}: Jawaban!E15: sel berisi galat lembar kerja #REF! untuk indikator 14"],
        check=old_output_kept,
    ),
    # spbe check: hostile Bukti Dukung cells and evidence files
    Case(
        "evidence-a-million-items",
        evidence_cell('"' + "a.pdf;" * 1_000_000 + '"'),
        ["{file}: baris 5, jawaban.1.bukti_dukung: Bukti Dukung berisi lebih dari 100 butir"],
    ),
    Case(
        "evidence-a-million-items-in-score",
        evidence_cell('"' + "a.pdf;" * 1_000_000 + '"', "score"),
        exit_code=0,
        index=2.9,
    ),
    Case(
        "evidence-link-to-a-device",
        evidence_link("/dev/zero"),
        exit_code=1,
        check=finding_of("evidence-outside"),
    ),
    Case(
        "evidence-link-loop",
        evidence_link("x.pdf"),
        exit_code=1,  # (the other indicators have no evidence: errors)
        check=finding_of("evidence-type"),  # not a regular file, never opened
    ),
    Case("evidence-fifo", evidence_fifo, exit_code=1, check=finding_of("evidence-type")),
    Case("output-folder-missing", output_folder_missing, ["{file}: folder", "tidak ada"]),
]


@pytest.fixture(scope="module", autouse=True)
def warm_parent() -> None:
    """Import and cache (rubrics, readers) once in the parent, which every fork inherits."""
    for example in (EXAMPLE_2024, EXAMPLE_2026, EXAMPLES / "kabupaten-contoh-2025.yaml"):
        assert CliRunner().invoke(app, ["score", str(example), "-f", "json"]).exit_code == 0


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    verify(case, tmp_path)


def verify(case: Case, tmp_path: Path) -> None:
    """Run one case in a forked child and check everything a hostile input must not do."""
    run = case.build(tmp_path)
    outcome = run_isolated(run.args, run.env)
    assert not outcome.died, f"spbe {' '.join(run.args)[:200]}: {outcome.died}"
    assert not outcome.error, outcome.error
    output = outcome.stdout + outcome.stderr
    assert "Traceback" not in output
    assert not outcome.stray, f"printed around the CLI's messages:\n{outcome.stray[:2_000]}"
    assert outcome.seconds < SECONDS, f"took {outcome.seconds:.1f} s of CPU"
    assert outcome.exit_code == case.exit_code, outcome.stderr[:2_000]
    for expect in case.expect:
        options = (expect,) if isinstance(expect, str) else expect
        lines = [o.format(file=run.file) for o in options]
        assert any(x in outcome.stderr for x in lines), f"{lines} not in:\n{outcome.stderr[:2_000]}"
    assert len(outcome.stderr) <= MAX_STDERR, f"{len(outcome.stderr):,} characters of messages"
    for text in case.forbid:
        assert text not in output
    if case.index is not None:
        assert result_of(outcome)["index"] == case.index
    if case.check is not None:
        case.check(run, outcome)
    assert outcome.grew_mb < MEMORY_MB, f"used {outcome.grew_mb:.0f} MB more memory"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25
    assert len({c.id for c in CASES}) == len(CASES)
