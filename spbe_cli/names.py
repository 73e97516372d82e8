"""Institution names: matching across files and years, and safe output file names."""

from __future__ import annotations

import re
import unicodedata

from spbe_cli.safetext import skeleton

_PREFIXES = re.compile(r"^(?:pemerintah|pemda|pemkab|pemkot|pemprov)\s+", re.IGNORECASE)
_ABBREVIATIONS = [
    (re.compile(r"\bkab\b\.?", re.IGNORECASE), "kabupaten"),
    (re.compile(r"\bprov\b\.?", re.IGNORECASE), "provinsi"),
    (re.compile(r"\bkemen\b\.?", re.IGNORECASE), "kementerian"),
]


def normalize(name: str) -> str:
    """`Pemerintah Kab.  Banyuasin` and `kabupaten banyuasin` → `kabupaten banyuasin`."""
    text = skeleton(name)
    text = re.sub(r"\s+", " ", text).strip()
    while True:
        stripped = _PREFIXES.sub("", text)
        if stripped == text:
            break
        text = stripped
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return re.sub(r"\s+", " ", text.replace(".", " ")).strip()


def slug(text: str, limit: int = 80) -> str:
    """A file-name stem with only [a-z0-9-]: no separators, dots or control characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out[:limit].strip("-") or "instansi"


def stem(name: str, year: object, limit: int = 80) -> str:
    """`kabupaten-contoh-2024`: the name shortened, never the year, whatever its length."""
    tail = slug(str(year), limit)
    return f"{slug(name, max(1, limit - len(tail) - 1))}-{tail}"


def unique_stems(stems: list[str]) -> list[str]:
    """Stems made unique in order: a repeat gets -2, -3, … (deterministic for sorted input)."""
    seen: dict[str, int] = {}
    taken = set(stems)
    out = []
    for stem in stems:
        if stem not in seen:
            seen[stem] = 1
            out.append(stem)
            continue
        n = seen[stem]
        while True:
            n += 1
            candidate = f"{stem}-{n}"
            if candidate not in taken:
                break
        seen[stem] = n
        taken.add(candidate)
        out.append(candidate)
    return out
