"""How far each sheet of a legacy .xls reaches, read before calamine opens it.

calamine gives a .xls sheet a dense grid as large as its farthest cell (one cell at the
last row and column of the format: over 1 GB and two seconds, from a file of a few KB),
and reserves one as large as the sheet's DIMENSIONS record declares (0x7FFFFFFF rows:
the process aborts). Both are read first, in the BIFF stream of the OLE2 file (opened
with olefile, which is built for hostile files). Best effort: a file this cannot read
is left to calamine, which reports it.
"""

from __future__ import annotations

import io
import struct

# Records that place one cell: (row u16, column u16) first. BIFF8 and the older ones.
_CELL = frozenset(
    {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406, 0x0001, 0x0002}
    | {0x0003, 0x0004, 0x0005}
)
_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column … last column
_BOF = frozenset({0x0809, 0x0409, 0x0209, 0x0009})
_EOF = 0x000A
_BOUNDSHEET = 0x0085
_DIMENSIONS = 0x0200  # calamine reserves a grid of this size: 0x7FFFFFFF rows aborted it
_FILEPASS = 0x002F  # encrypted: the records' contents mean nothing; calamine says why


def _sheet_name(body: bytes, index: int) -> str | int:
    """BOUNDSHEET: stream offset u32, state u8, type u8, then the name (BIFF8: length u8,
    flags u8, Latin-1 or UTF-16; BIFF5: length u8 and bytes)."""
    try:
        n, flags = body[6], body[7]
        if len(body) == 8 + n * (2 if flags & 1 else 1):
            raw = body[8 : 8 + n * (2 if flags & 1 else 1)]
            return raw.decode("utf-16-le" if flags & 1 else "latin-1")
        return body[7 : 7 + n].decode("latin-1")
    except (IndexError, UnicodeDecodeError):
        return index + 1  # the sheet's number, for a message


def _dimensions(body: bytes) -> tuple[int, int]:
    """The rows and columns a DIMENSIONS record declares (BIFF8: first and last+1 row u32,
    first and last+1 column u16; BIFF5: all u16); a first beyond its last is huge too."""
    if len(body) >= 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", body)
    elif len(body) >= 8:
        first_row, end_row, first_col, end_col = struct.unpack_from("<HHHH", body)
    else:
        return 0, 0
    if first_row > end_row or first_col > end_col:
        return 10**9, 10**9
    return end_row, end_col


def _records(stream: bytes) -> list[tuple[int, int, bytes]]:
    out = []
    pos, end = 0, len(stream)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        out.append((pos, kind, stream[pos + 4 : pos + 4 + size]))
        pos += 4 + size
    return out


def spans(data: bytes) -> dict[str | int, tuple[int, int]]:
    """Rows and columns each sheet's cells reach; empty when the file cannot be read."""
    try:
        # import cost: olefile (and the logging it imports) is only for legacy .xls files,
        # and every cold start imports this module through the readers.
        import olefile

        ole: olefile.OleFileIO[str]
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return {}
            stream = ole.openstream(name).read()
    except Exception:  # a broken OLE2 file, in any of the ways olefile finds: calamine's turn
        return {}
    records = _records(stream)
    sheets = {
        struct.unpack_from("<I", body)[0]: _sheet_name(body, i)
        for i, (_, kind, body) in enumerate(r for r in records if r[1] == _BOUNDSHEET)
        if len(body) >= 8
    }
    found: dict[str | int, tuple[int, int]] = {}
    sheet: str | int | None = None
    rows = cols = 0
    for pos, kind, body in records:
        if kind == _FILEPASS:
            return {}
        if kind in _BOF:
            sheet, rows, cols = sheets.get(pos), 0, 0
        elif kind == _EOF and sheet is not None:
            found[sheet] = (rows, cols)
            sheet = None
        elif sheet is not None and kind == _DIMENSIONS:
            dims = _dimensions(body)
            rows, cols = max(rows, dims[0]), max(cols, dims[1])
        elif sheet is not None and len(body) >= 4 and (kind in _CELL or kind in _MULTI):
            row, col = struct.unpack_from("<HH", body)
            if kind in _MULTI and len(body) >= 6:
                col = max(col, struct.unpack_from("<H", body, len(body) - 2)[0])
            rows, cols = max(rows, row + 1), max(cols, col + 1)
    if sheet is not None:  # a sheet cut off before its EOF record
        found[sheet] = (rows, cols)
    return found
