"""Cell text for reports: lines kept, http(s) URLs found, every other scheme left as text."""

from __future__ import annotations

import pytest

from spbe_cli.render import md_autolink
from spbe_cli.richtext import Piece, lines


def links(text: str) -> list[str]:
    return [p.href for line in lines(text) for p in line if p.href]


def test_every_kind_of_line_break_starts_a_line() -> None:
    text = "1. SK Bupati\n2. Perbup\r\n3. Notulen\r4. Foto\u2028 5.  Laporan \n\n  \n"
    shown = ["".join(p.text for p in line) for line in lines(text)]
    assert shown == ["1. SK Bupati", "2. Perbup", "3. Notulen", "4. Foto", "5. Laporan"]


def test_no_text_no_lines() -> None:
    assert lines(None) == () and lines("") == () and lines(" \n\t") == ()


def test_a_url_is_a_link_and_the_text_around_it_stays() -> None:
    (line,) = lines("lihat https://jdih.contoh.go.id/perbup-12 dan arsip")
    assert line == (
        Piece("lihat "),
        Piece("https://jdih.contoh.go.id/perbup-12", "https://jdih.contoh.go.id/perbup-12"),
        Piece(" dan arsip"),
    )


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Lihat https://a.go.id/x.", "https://a.go.id/x"),
        ("(lihat https://a.go.id/x)", "https://a.go.id/x"),
        (
            "https://id.wikipedia.org/wiki/SPBE_(Indonesia)",
            "https://id.wikipedia.org/wiki/SPBE_(Indonesia)",
        ),
        (
            "(https://id.wikipedia.org/wiki/SPBE_(Indonesia)).",
            "https://id.wikipedia.org/wiki/SPBE_(Indonesia)",
        ),
        ("[https://a.go.id/x]", "https://a.go.id/x"),
        ("di https://a.go.id/?q=1&r=2, https://b.go.id;", "https://a.go.id/?q=1&r=2"),
        ("HTTP://A.GO.ID/X!", "HTTP://A.GO.ID/X"),
        ('<a href="https://a.go.id/x">', "https://a.go.id/x"),
        ("'https://a.go.id/x'", "https://a.go.id/x"),
        ("https://a.go.id/x|y", "https://a.go.id/x"),
        ("https://a.go.id/`x`", "https://a.go.id/"),
    ],
)
def test_a_url_ends_where_a_reader_would_end_it(text: str, url: str) -> None:
    assert links(text)[0] == url


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert('https:')",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://a.go.id/x",
        "https://",
        "https://)",
        "www.contoh.go.id",
    ],
)
def test_other_schemes_and_empty_urls_stay_text(text: str) -> None:
    assert links(text) == []
    assert "".join(p.text for line in lines(text) for p in line) == text


def test_a_url_inside_a_hostile_scheme_is_only_the_http_part() -> None:
    assert links("javascript:fetch('https://evil.example/x')") == ["https://evil.example/x"]


@pytest.mark.parametrize(
    "url", ["https://a b", "https://a|b", "https://a>b", 'https://a"b', "ftp://a"]
)
def test_markdown_autolink_refuses_what_would_break_out(url: str) -> None:
    out = str(md_autolink(url))
    assert not out.startswith("<") and "|" not in out.replace("\\|", "")
