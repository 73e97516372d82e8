"""Read an answer file of any supported format into RawAnswers (no validation yet)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from spbe_cli.errors import InputError, Problem
from spbe_cli.files import read_regular
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers.raw import RawAnswers

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".yaml", ".yml", ".json")
SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES


def read_bytes(path: Path, limit: int = DEFAULT.file_bytes) -> bytes:
    return read_regular(path, limit, "file")


def crashed(path: Path, why: str) -> Problem:
    """What a file gets whose reading took its process down (calamine aborts on some
    inputs no check foresees): here, and in a batch whose worker died on it."""
    return Problem(
        str(path),
        "",
        f"the spreadsheet reader crashed on this file ({why}); open it in a spreadsheet"
        " program and save it again (and please report it)",
    )


def read_isolated(path: Path, limits: Limits = DEFAULT) -> RawAnswers:
    """read_answers, with a spreadsheet read in a forked child process where there is
    fork: calamine aborts the whole process on some inputs no check foresees, and then
    only the child dies and the file gets a located error. (Batch workers are such
    children already.) Elsewhere, and for text formats, the same as read_answers."""
    if os.name != "posix" or path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return read_answers(path, limits)
    import pickle

    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: whatever happens, it ends here
        try:
            os.close(reader)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)  # a Rust panic or abort report is not for the user's terminal
            try:
                payload = pickle.dumps((True, read_answers(path, limits)))
            except Exception as e:
                payload = pickle.dumps((False, e))
            with os.fdopen(writer, "wb") as f:
                f.write(payload)
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        why = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "no result"
        raise InputError([crashed(path, why)])
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def read_answers(path: Path, limits: Limits = DEFAULT) -> RawAnswers:
    """Dispatch on the file suffix; content is checked against it."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    f"unsupported file type {suffix or '(none)'}; use {', '.join(SUFFIXES)}",
                )
            ]
        )
    data = read_bytes(path, limits.file_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if suffix in SPREADSHEET_SUFFIXES:
        from spbe_cli.readers.workbook import read_workbook

        return read_workbook(name, data, sha, limits)
    if suffix == ".csv":
        from spbe_cli.readers.csvfile import read_csv

        return read_csv(name, data, sha, limits)
    from spbe_cli.readers.csvfile import decode
    from spbe_cli.readers.mapping import read_mapping

    is_json = suffix == ".json"
    text = decode(name, data, "JSON" if is_json else "YAML")
    return read_mapping(name, text, sha, is_json=is_json, limits=limits)
