"""Bukti Dukung: split a cell into items, tell paths from URLs and prose, probe files.

The only file access of `spbe check`, kept narrow: inside the allowed roots (the answer
file's folder and --evidence), metadata and the first HEAD_BYTES bytes of a regular file;
a path that leaves the roots (`..`, absolute, a link pointing out) is never opened; URLs
are judged by their form and never fetched.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

from spbe_cli import files
from spbe_cli.errors import InputError, Problem, Words, os_reason
from spbe_cli.i18n import msg
from spbe_cli.limits import DEFAULT, Limits

HEAD_BYTES = 16
FOLDER_SCAN = 10_000  # entries looked at to tell an empty folder from a full one

Kind = Literal["path", "url", "text"]
Status = Literal["ok", "missing", "empty", "outside", "type"]

# The first bytes each type starts with; offset 4 `ftyp` for the MP4 family is below.
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
MAGIC: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
    ".rtf": (b"{\\rtf",),
    ".rar": (b"Rar!\x1a\x07",),
    ".7z": (b"7z\xbc\xaf\x27\x1c",),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".zip"), _ZIP),
    **dict.fromkeys((".doc", ".xls", ".ppt"), _OLE),
}
_FTYP = (".mp4", ".m4v", ".mov")
_RIFF = {".webp": b"WEBP", ".avi": b"AVI "}
TEXT_TYPES = frozenset((".txt", ".csv", ".md", ".html", ".htm", ".xml", ".json"))
KNOWN_TYPES = frozenset((*MAGIC, *_FTYP, *_RIFF, *TEXT_TYPES))
# Names that end like a file even when not a type an assessor can open (`setup.exe`).
_FILE_END = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
_URL_START = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:/|~|[A-Za-z]:|//)")
_HOST = re.compile(r"^(?:[\w-]+\.)+[^\W\d_]{2,}$|^(?:\d{1,3}\.){3}\d{1,3}$", re.UNICODE)
_ITEM = re.compile(r"[^\r\n;]+")
# An indicator's evidence folder: `1`, `01`, `I01`, `Indikator 1`, `Indikator 01 - Arsitektur`.
_FOLDER = re.compile(
    r"^\s*(?:indikator|indicator|ind|i)?[\s._-]*0*(\d{1,3})(?!\d)(?:\s*[-_.:–—(]|\s|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Item:
    text: str
    kind: Kind


def kind_of(text: str) -> Kind:
    """A URL starts with a scheme or `www.`; a path looks like one (ends in a file type,
    starts like a path, or has a slash and no space); anything else is prose."""
    if _URL_START.match(text):
        return "url"
    t = text.replace("\\", "/")
    if t.startswith(("./", "../")) or _ABSOLUTE.match(t) or _FILE_END.search(t):
        return "path"
    if "/" in t and not any(c.isspace() for c in t):
        return "path"
    return "text"


def split(value: object, where: Words, file: str, limits: Limits = DEFAULT) -> list[Item]:
    """A Bukti Dukung cell as items (new lines or `;` between them), within the limits."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, list | tuple):  # YAML: `bukti_dukung: [a.pdf, https://…]`
        value = "\n".join(str(v) for v in value if v is not None)
    items: list[Item] = []
    for m in _ITEM.finditer(str(value)):  # stops at the limit: a hostile cell stays small
        text = m.group().strip()
        if not text:
            continue
        if len(items) == limits.evidence_items:
            said = msg("input.evidence.items", items=f"{limits.evidence_items:,}")
            raise InputError([Problem(file, where, said)])
        items.append(Item(text, kind_of(text)))
    for it in items:
        if it.kind != "text" and len(it.text) > limits.evidence_chars:
            said = msg(
                "input.evidence.chars",
                chars=f"{len(it.text):,}",
                limit=f"{limits.evidence_chars:,}",
            )
            raise InputError([Problem(file, where, said)])
    return items


def url_problem(text: str) -> str | None:
    """Why a URL is malformed (a stable reason code), or None. Never fetched."""
    if any(c.isspace() for c in text):
        return "space"
    full = "http://" + text if text[:4].lower() == "www." else text
    try:
        parts = urlsplit(full)
        parts.port  # noqa: B018  (raises on a port that is not a number in range)
    except ValueError:
        return "form"
    if parts.scheme.lower() not in ("http", "https"):
        return "scheme"
    host = parts.hostname or ""
    if not _HOST.match(host):
        return "host"
    return None


def document_key(text: str) -> str:
    """The same document written two ways (`a\\b.pdf`, `./a/b.pdf`, a URL's case or final
    slash) gives one key."""
    t = text.strip().replace("\\", "/")
    if kind_of(t) == "url":
        return t.rstrip("/").casefold()
    return str(PurePosixPath(t.removeprefix("./"))).casefold()


@dataclass(frozen=True)
class Probe:
    """What probing one path found; `shown` is the path relative to the root it was
    found under, `reason` says more for `type` (mismatch, unsupported, special), `at` is
    the resolved path of what was found (one document named two ways is one `at`)."""

    status: Status
    shown: str = ""
    reason: str = ""
    at: str = field(default="", compare=False)


def type_matches(suffix: str, head: bytes) -> bool:
    if suffix in MAGIC:
        return head.startswith(MAGIC[suffix])
    if suffix in _FTYP:
        return head[4:8] == b"ftyp"
    if suffix in _RIFF:
        return head[:4] == b"RIFF" and head[8:12] == _RIFF[suffix]
    return b"\x00" not in head  # text: no NUL bytes at its start


def _has_files(folder: str | Path) -> bool:
    """Whether a folder holds a non-hidden, non-empty file (links are not followed)."""
    seen = 0
    stack = [str(folder)]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for e in entries:
                    seen += 1
                    if seen > FOLDER_SCAN:
                        return True  # that many entries: not an empty folder
                    if e.name.startswith((".", "~$")):
                        continue
                    if e.is_dir(follow_symlinks=False):
                        stack.append(e.path)
                    elif e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_size:
                        return True
        except OSError:
            continue
    return False


def _examine(path: str, shown: str) -> Probe:
    """A path known to be inside a root: folder, special file, empty, type."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return Probe("missing", shown)
    if stat.S_ISDIR(st.st_mode):
        return Probe("ok" if _has_files(path) else "empty", shown)
    if not stat.S_ISREG(st.st_mode):
        return Probe("type", shown, "special")
    if st.st_size == 0:
        return Probe("empty", shown)
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in KNOWN_TYPES:
        return Probe("type", shown, "unsupported")
    head = files.read_head(path, HEAD_BYTES, follow_links=False)
    if head is None:
        return Probe("type", shown, "special")
    if type_matches(suffix, head):
        return Probe("ok", shown)
    return Probe("type", shown, "mismatch")


def probe(text: str, roots: list[Path]) -> Probe:
    """Find a referenced path under the first root that has it. `roots` are resolved
    folders. A path that could leave them is refused before the file system is asked."""
    t = text.replace("\\", "/")
    parts = [p for p in t.split("/") if p not in ("", ".")]
    if _ABSOLUTE.match(t) or ".." in parts:
        return Probe("outside", text)
    for root in roots if parts and "\x00" not in t else []:
        try:
            found = _under(str(root), os.path.join(*parts))
        except (OSError, ValueError):  # a name too long for the file system: not there
            continue
        if found is not None:
            return found
    return Probe("missing", text)


def _inside(path: str, root: str) -> bool:
    path, root = os.path.normcase(path), os.path.normcase(root)
    return path == root or path.startswith(root if root.endswith(os.sep) else root + os.sep)


def _under(root: str, relative: str) -> Probe | None:
    """The probe of a path under one root; None when it is not there. Strings and
    os.path, not pathlib: a nation's evidence is tens of thousands of these."""
    candidate = os.path.join(root, relative)
    resolved = os.path.realpath(candidate)  # follows every link, inside or not
    shown = relative.replace(os.sep, "/")
    if not _inside(resolved, root):
        if os.path.lexists(candidate) or os.path.lexists(resolved):
            return Probe("outside", shown)  # a link pointing out: never opened
        return None
    if not os.path.lexists(resolved):
        return None
    found = _examine(resolved, os.path.relpath(resolved, root).replace(os.sep, "/"))
    return Probe(found.status, found.shown, found.reason, resolved)


def folder_number(name: str) -> str | None:
    """The indicator number a folder name gives (`Indikator 01 - Arsitektur` → `1`)."""
    m = _FOLDER.match(name)
    return str(int(m.group(1))) if m else None


@dataclass
class Roots:
    """Where evidence may be: the answer file's folder, --evidence, and (when --evidence
    holds one folder per indicator) each indicator's folder. All resolved."""

    base: list[Path]
    folders: dict[str, list[Path]] | None = None  # number → its folders; None: no layout
    _full: dict[str, bool] = field(default_factory=dict)

    def for_indicator(self, indicator: str) -> list[Path]:
        return [*(self.folders or {}).get(indicator, []), *self.base]

    def folder_state(self, indicator: str) -> Literal["ok", "missing", "empty"] | None:
        """With the per-indicator layout, whether this indicator's folder has files."""
        if self.folders is None:
            return None
        found = self.folders.get(indicator)
        if not found:
            return "missing"
        if indicator not in self._full:
            self._full[indicator] = any(_has_files(f) for f in found)
        return "ok" if self._full[indicator] else "empty"


def roots(answer_file: Path, evidence: Path | None) -> Roots:
    """The allowed roots for one answer file; --evidence must be a folder."""
    base = [answer_file.resolve().parent]
    folders: dict[str, list[Path]] | None = None
    if evidence is not None:
        if not evidence.is_dir():
            raise InputError(
                [Problem(str(evidence), "--evidence", msg("input.evidence.not_folder"))]
            )
        ev = evidence.resolve()
        base.insert(0, ev)
        folders = _indicator_folders(ev)
    return Roots(base, folders)


def _indicator_folders(evidence: Path) -> dict[str, list[Path]] | None:
    found: dict[str, list[Path]] = {}
    try:
        with os.scandir(evidence) as entries:
            for e in sorted(islice(entries, FOLDER_SCAN), key=lambda x: x.name):
                number = folder_number(e.name)
                if number is not None and e.is_dir(follow_symlinks=False):
                    found.setdefault(number, []).append(Path(e.path))
    except OSError as e:
        said = msg("input.evidence.unreadable", reason=os_reason(e))
        problem = Problem(str(evidence), "--evidence", said)
        raise InputError([problem]) from None
    return found or None
