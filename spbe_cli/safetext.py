"""Text from files made safe to show and to write: control characters escaped for a
terminal or CI log (one line per message), characters XML forbids removed for XLSX."""

from __future__ import annotations

import re
import sys
import unicodedata

# Bidi overrides, isolates and marks reorder what a reader sees (a name can look like
# another); line and paragraph separators end a line in some terminals and CI logs.
_INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATORS = "\u2028\u2029"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    n = ord(ch)
    return _NAMED.get(ch) or (f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}")


_TABLE = {
    n: _escape(chr(n))
    for n in [*range(0x20), *range(0x7F, 0xA0), *map(ord, _INVISIBLE + _SEPARATORS)]
}


def printable(text: str) -> str:
    """`text` on one line with every control character (ESC, OSC, C1, newline, bidi
    overrides) shown as an escape such as `\\x1b`, and lone surrogates as `\\udc80`."""
    out = text.translate(_TABLE)
    if not out.isascii():
        out = "".join(_escape(c) if 0xD800 <= ord(c) <= 0xDFFF else c for c in out)
    return out


_KEEP_LINES = {k: v for k, v in _TABLE.items() if chr(k) not in "\n\t"}


def terminal_text(text: str) -> str:
    """A whole text (a Markdown report) for a terminal: lines and tabs kept, every other
    control character shown escaped."""
    return text.translate(_KEEP_LINES)


def file_name(name: str) -> str:
    """A file name for a message: as it is when it prints as it is, else quoted with its
    control characters escaped (a name cannot start a line or forge a workflow command)."""
    shown = printable(name)
    return name if shown == name and name == name.strip() else f"'{shown}'"


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (most C0 controls, surrogates,
    U+FFFE, U+FFFF); tab, newline and carriage return stay."""
    return _XML_FORBIDDEN.sub("", text)


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def comparable(text: str) -> str:
    """`text` as compared for sameness: NFKC, zero-width characters and soft hyphens gone,
    bidi marks gone, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)
    return text.translate(dict.fromkeys(map(ord, _INVISIBLE), None)).casefold()


# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the common part).
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝѵАВЕКМНОРСТХІЈЅУαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwvABEKMHOPCTXIJSYaBeiKvopTuxABEZHIKMNOPTYX",
)


def skeleton(text: str) -> str:
    """`comparable(text)` with Cyrillic and Greek look-alikes read as the Latin letters
    they imitate: two names with the same skeleton look the same to a reader."""
    return comparable(unicodedata.normalize("NFKC", text).translate(_LOOKALIKES))


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def mixed_scripts(text: str) -> bool:
    """Whether a word mixes Latin letters with Cyrillic or Greek ones (`Jаwaban` with a
    Cyrillic а): a look-alike of another name, never a real Indonesian name."""
    for word in re.findall(r"\w+", text):
        seen = set()
        for ch in word:
            if ch.isalpha():
                script = unicodedata.name(ch, "").split(" ", 1)[0]
                if script in _SCRIPTS:
                    seen.add(script)
        if "LATIN" in seen and len(seen) > 1:
            return True
    return False


def argv_text(text: str, what: str) -> str:
    """Text from the command line, or ValueError: bytes that were not valid in the locale's
    encoding arrive as lone surrogates and could be written nowhere."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            f"{what}: {printable(text)} is not valid text in {sys.getfilesystemencoding()}"
        ) from None
    return text
