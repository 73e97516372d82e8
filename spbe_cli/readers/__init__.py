"""Read an answer file of any supported format into RawAnswers (no validation yet)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from spbe_cli import isolate
from spbe_cli.errors import InputError, Problem, Words
from spbe_cli.files import read_regular
from spbe_cli.i18n import msg
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers.csvfile import decode, read_csv
from spbe_cli.readers.mapping import read_mapping
from spbe_cli.readers.raw import RawAnswers
from spbe_cli.readers.workbook import read_workbook

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".yaml", ".yml", ".json")
SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES


def read_bytes(path: Path, limit: int = DEFAULT.file_bytes) -> bytes:
    return read_regular(path, limit, "file")


def crashed(path: Path, why: Words) -> Problem:
    """What a file gets whose reading took its process down (calamine aborts on some
    inputs no check foresees): here, and in a batch whose worker died on it."""
    return Problem(str(path), "", msg("output.child.reader_crashed", why=why))


def read_isolated(path: Path, limits: Limits = DEFAULT) -> RawAnswers:
    """read_answers, with a spreadsheet read in a child process (isolate.call): calamine
    aborts the whole process on some inputs no check foresees, and then only the child
    dies and the file gets a located error. Text formats are read here (pure Python,
    bounded by the limits): they need no child, and a cold start pays for none."""
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return read_answers(path, limits)
    try:
        return isolate.call(read_answers, path, limits, budget=limits.budget)
    except isolate.Died as e:
        raise InputError([crashed(path, e.why)]) from None


def read_answers(path: Path, limits: Limits = DEFAULT) -> RawAnswers:
    """Dispatch on the file suffix; content is checked against it."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(SUFFIXES)
        said = (
            msg("input.file.unsupported", suffix=suffix, known=known)
            if suffix
            else msg("input.file.no_suffix", known=known)
        )
        raise InputError([Problem(name, "", said)])
    data = read_bytes(path, limits.file_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if suffix in SPREADSHEET_SUFFIXES:
        return read_workbook(name, data, sha, limits)
    if suffix == ".csv":
        return read_csv(name, data, sha, limits)
    is_json = suffix == ".json"
    text = decode(name, data, "JSON" if is_json else "YAML")
    return read_mapping(name, text, sha, is_json=is_json, limits=limits)
