"""Which answer files a batch reads: every file under the given paths is either found or
skipped with a reason, and a folder that cannot be read is an error, never a silence."""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spbe_cli.errors import InputError, Problem, Words, os_reason
from spbe_cli.files import kind, read_head
from spbe_cli.i18n import msg
from spbe_cli.manifest import NAME as MANIFEST
from spbe_cli.readers import SUFFIXES

# An answers section as a key, wherever it stands: block YAML, flow YAML, one-line JSON.
_ANSWER_KEYS = re.compile(
    r'(?:^|[\s{,])["\']?(?:identitas|identity|jawaban|answers)["\']?\s*:', re.IGNORECASE
)
_MAPPING_SUFFIXES = (".yaml", ".yml", ".json")
SNIFF_BYTES = 65536


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # paths or globs that gave no file
    skipped: list[tuple[str, Words]] = field(default_factory=list)  # (path, reason)
    problems: list[Problem] = field(default_factory=list)  # folders that cannot be read


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _looks_like_answers(path: Path) -> bool:
    """In folders, YAML/JSON files count only when they have an answers section (CI
    workflows and configs beside the workbooks are passed over)."""
    head = read_head(path, SNIFF_BYTES)
    return head is not None and bool(_ANSWER_KEYS.search(head.decode("utf-8", "replace")))


class _Walk:
    """One run's walk over the folders given: links are followed only when their target
    stays inside one of them, and each real folder is read once (no link loops)."""

    def __init__(self, roots: list[Path], excluded: Path | None, found: Found) -> None:
        self.roots = roots
        self.excluded = excluded
        self.found = found
        self.seen: set[Path] = set()
        self.files: set[Path] = set()

    def inside(self, real: Path) -> bool:
        return any(real.is_relative_to(r) for r in self.roots)

    def skip(self, path: Path | str, code: str, **params: object) -> None:
        """Pass over a file, saying why (`code`: a key under `input.skip.`)."""
        self.found.skipped.append((str(path), msg(f"input.skip.{code}", **params)))

    def folder(self, top: Path) -> None:
        stack = [top]
        while stack:
            here = stack.pop()
            real = Path(os.path.realpath(here))
            if real in self.seen:
                continue
            self.seen.add(real)
            if self.excluded is not None and real.is_relative_to(self.excluded):
                self.skip(here, "output_folder")
                continue
            try:
                with os.scandir(here) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                said = msg("input.discovery.folder", reason=os_reason(e))
                self.found.problems.append(Problem(str(here), "", said))
                continue
            if here != top and any(e.name == MANIFEST for e in entries):
                # another run's --out (summaries, results, reports): not answers to score
                self.skip(here, "earlier_output")
                continue
            for entry in entries:
                self.entry(Path(entry.path), entry, stack)

    def entry(self, path: Path, entry: os.DirEntry[str], stack: list[Path]) -> None:
        if _hidden(entry.name):
            return self.skip(path, "hidden")
        if entry.is_symlink():
            real = Path(os.path.realpath(path))
            if not self.inside(real):
                return self.skip(path, "link_outside")
        try:
            mode = entry.stat().st_mode  # follows a link (one that stays inside)
        except OSError as e:
            return self.skip(path, "unreadable", reason=os_reason(e))
        if stat.S_ISDIR(mode):
            stack.append(path)
        elif not stat.S_ISREG(mode):
            self.skip(path, "not_regular", kind=kind(mode))
        elif path.suffix.lower() not in SUFFIXES:
            self.skip(path, "file_type")
        elif path.suffix.lower() in _MAPPING_SUFFIXES and not _looks_like_answers(path):
            self.skip(path, "no_section")
        else:
            self.files.add(path)


def find(paths: Iterable[str], exclude: Path | None = None) -> Found:
    """Answer files under the given files, folders and globs, sorted; and what was not."""
    found = Found()
    specs = list(paths)
    excluded = exclude.resolve() if exclude is not None else None
    roots = [Path(os.path.realpath(s)) for s in specs if Path(s).is_dir()]
    walk = _Walk(roots, excluded, found)
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            before = len(walk.files)
            walk.folder(p)
            if len(walk.files) == before:
                found.unmatched.append(spec)
        elif os.path.lexists(p):  # named explicitly: read, and any problem is its error
            if excluded is None or not p.resolve().is_relative_to(excluded):
                walk.files.add(p)
        elif glob.has_magic(spec):
            before = len(walk.files)
            for m in sorted(glob.glob(spec, recursive=True)):
                if excluded is not None and Path(m).resolve().is_relative_to(excluded):
                    continue
                if os.path.isfile(m) and not _hidden(Path(m).name):
                    suffix = Path(m).suffix.lower()
                    if suffix in SUFFIXES and (
                        suffix not in _MAPPING_SUFFIXES or _looks_like_answers(Path(m))
                    ):
                        walk.files.add(Path(m))
                    else:
                        walk.skip(m, "not_answers")
            if len(walk.files) == before:
                found.unmatched.append(spec)
        else:
            found.unmatched.append(spec)
    found.files = sorted(walk.files, key=str)
    return found


def discover(paths: Iterable[str], exclude: Path | None = None) -> tuple[list[Path], list[str]]:
    """`find` for callers that need only the files and what matched none; a folder that
    cannot be read is an error."""
    found = find(paths, exclude)
    if found.problems:
        raise InputError(found.problems)
    return found.files, found.unmatched
