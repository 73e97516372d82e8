"""The pre-check of a .xlsx sheet's extent: its fast pattern finds what the plain one does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from spbe_cli.readers.xlsxcells import _suspects
from spbe_cli.text import column_letter

TOKENS = [b"r", b"=", b" ", b"\t", b"\n", b'"', b"'", b"A", b"xfd", b"Z", b"1", b"0", b"99999"]
TOKENS += [b"1048577", b'<c r="', b'<row r="', b'" s="1"/>', b"spr=", b"x:r=", b"XFD1048576"]


def plain(rows: int, columns: int) -> re.Pattern[bytes]:
    """The same references with ordinary (backtracking) repeats."""
    digits = len(str(rows))
    letters = len(column_letter(columns - 1)) if columns > 0 else 1
    return re.compile(
        rb"""r\s*=\s*["'](?:[A-Za-z]{%d,}[0-9]|[A-Za-z]*[0-9]{%d,})""" % (letters, digits)
    )


@given(
    st.lists(st.sampled_from(TOKENS), max_size=40).map(b"".join),
    st.sampled_from([1, 9, 10_000, 1_048_576]),
    st.sampled_from([1, 26, 27, 200, 16_384]),
)
def test_the_fast_pattern_finds_what_the_plain_one_finds(
    xml: bytes, rows: int, columns: int
) -> None:
    fast, slow = _suspects(rows, columns).search(xml), plain(rows, columns).search(xml)
    assert (fast is None) == (slow is None)
    if fast is not None and slow is not None:
        assert fast.start() == slow.start()


def test_a_far_reference_is_found_with_spacing_around_the_equals_sign() -> None:
    assert _suspects(10_000, 200).search(b'<c r =\n "XFD1048576"/>') is not None
    assert _suspects(10_000, 200).search(b'<c r="J48"/><row r="48">') is None
