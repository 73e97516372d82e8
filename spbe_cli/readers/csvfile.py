"""CSV answers: identity key/value rows above the answer table's header, in one sheet."""

from __future__ import annotations

import csv
import io

from spbe_cli.errors import Collector, InputError, Problem
from spbe_cli.i18n import msg
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers import grid as g
from spbe_cli.readers.raw import RawAnswers


def decode(name: str, data: bytes, kind: str = "CSV") -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode Text"), else
    Windows-1252 as Excel writes CSV on Indonesian Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                [Problem(name, "", msg("input.text.broken_utf16", kind=kind))]
            ) from None
    if b"\x00" in data[:4096]:
        raise InputError([Problem(name, "", msg("input.text.binary", kind=kind))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


MAX_SEPARATORS_PER_LINE = 100_000  # beyond any real row, far below a memory problem


def _rows(name: str, text: str, delimiter: str, limits: Limits) -> list[list[object]]:
    csv.field_size_limit(max(limits.file_bytes, 131072))
    for n, line in enumerate(text.splitlines(), start=1):
        if line.count(delimiter) > MAX_SEPARATORS_PER_LINE:
            said = msg(
                "input.csv.separators",
                separators=f"{MAX_SEPARATORS_PER_LINE:,}",
                rows=f"{limits.rows:,}",
                columns=f"{limits.columns:,}",
            )
            raise InputError([Problem(name, msg("input.where.line", line=n), said)])
    grid: list[list[object]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(row) > limits.columns:
                said = msg(
                    "input.csv.columns",
                    found=f"{len(row):,}",
                    rows=f"{limits.rows:,}",
                    columns=f"{limits.columns:,}",
                )
                where = msg("input.where.row", row=len(grid) + 1)
                raise InputError([Problem(name, where, said)])
            grid.append(list(row))
            if len(grid) > limits.rows:
                said = msg("input.csv.rows", rows=f"{limits.rows:,}")
                raise InputError([Problem(name, "", said)])
    except csv.Error as e:
        raise InputError([Problem(name, "", msg("input.csv.invalid", detail=str(e)))]) from None
    return grid


def _delimiter(text: str) -> str:
    """The separator that makes a header row appear: Excel writes ';' where the decimal
    mark is a comma (Indonesian settings), ',' elsewhere, tab for "Unicode Text"."""
    head = "\n".join(text[:65536].splitlines()[: g.HEADER_SEARCH_ROWS])
    for sep in sorted(",;\t", key=lambda c: -head.count(c)):
        sample = [row for row in csv.reader(io.StringIO(head), delimiter=sep)]
        if g.find_header(sample) is not None:
            return sep
    try:
        return csv.Sniffer().sniff(text[:2048], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_csv(name: str, data: bytes, sha256: str, limits: Limits = DEFAULT) -> RawAnswers:
    text = decode(name, data)
    grid = _rows(name, text, _delimiter(text), limits)
    out = Collector(name)
    header = g.find_header(grid)
    rows = []
    identity = {}
    if header is None:
        out.add("", g.missing_header_message(grid))
        identity = g.read_identity(grid, None, out)
    else:
        identity = g.read_identity(grid, None, out, stop=header[0])
        rows = g.read_table(grid, None, *header)
    return RawAnswers(
        file=name,
        sha256=sha256,
        identity=identity,
        identity_where=msg("input.where.identity_rows"),
        rows=rows,
        answers_where=msg("input.where.answer_table"),
        problems=out.problems,
        answers_found=header is not None,
    )
