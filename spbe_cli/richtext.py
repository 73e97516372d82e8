"""Free text from answer cells (Penjelasan, Bukti Dukung) for a report: its lines kept,
each `http://` or `https://` URL marked as a link. Other schemes (javascript:, file:,
data:) stay plain text; every template escapes both kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A URL runs to the first space, control character, quote, angle bracket, backtick,
# backslash or pipe: none of them can end up inside an href or a Markdown autolink, and a
# pipe would split a Markdown table cell.
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\|]+", re.IGNORECASE)
# What ends a sentence rather than a URL (as GitHub's autolinker decides).
_TRAILING = ".,:;!?*_~"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; `href` is set when the run is an http(s) URL to link to."""

    text: str
    href: str = ""


Line = tuple[Piece, ...]


def _url_end(url: str) -> str:
    """`url` without the punctuation that follows it in a sentence: trailing `.,:;!?`
    and a closing parenthesis or bracket that has no opening one inside the URL."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif last == "]" and url.count("]") > url.count("["):
            url = url[:-1]
        else:
            break
    return url


def _pieces(line: str) -> Line:
    out: list[Piece] = []
    at = 0
    for m in _URL.finditer(line):
        url = _url_end(m.group())
        if url.split("://", 1)[1] == "":
            continue  # a bare `https://` links nowhere
        if m.start() > at:
            out.append(Piece(line[at : m.start()]))
        out.append(Piece(url, url))
        at = m.start() + len(url)
    if at < len(line):
        out.append(Piece(line[at:]))
    return tuple(out)


def lines(text: str | None) -> tuple[Line, ...]:
    """The text's non-blank lines (any line break: CR, LF, CRLF, U+2028…), spacing inside
    a line folded, URLs as links."""
    if not text:
        return ()
    out = []
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if line:
            out.append(_pieces(line))
    return tuple(out)
