"""The one error family: every expected failure says where it happened, for the user."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass

from spbe_cli.i18n import Lang, Msg, in_words, msg
from spbe_cli.safetext import file_name

# What a problem says: a catalogue message, put into words in the reader's language. A
# plain `str` is for text that is the same in every language (a cell such as `Jawaban!E13`)
# or a message that came from elsewhere already in words.
Words = Msg | str


@dataclass(frozen=True)
class Problem:
    """One located problem: `file: where: message` (where is `Sheet!C14`, `line 3, a.b[0]`)."""

    file: str
    where: Words
    message: Words

    def text(self, lang: Lang) -> str:
        where = in_words(self.where, lang)
        parts = [p for p in (file_name(self.file) if self.file else "", where) if p]
        return ": ".join([*parts, in_words(self.message, lang)])

    def __str__(self) -> str:
        return self.text("id")


class SpbeError(Exception):
    """Base of every error the CLI reports without a traceback (exit code 2)."""

    def __init__(self, problems: Iterable[Problem] | Words) -> None:
        if isinstance(problems, Msg | str):
            problems = [Problem("", "", problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def text(self, lang: Lang) -> str:
        return "\n".join(p.text(lang) for p in self.problems)

    def __reduce__(self) -> tuple[type[SpbeError], tuple[list[Problem]]]:
        # Across processes (batch workers, an isolated reader) with its located problems.
        return type(self), (self.problems,)


class RubricError(SpbeError):
    """A rubric file is missing, unreadable or inconsistent."""


class InputError(SpbeError):
    """An answer file is unreadable or its content is invalid."""


class OutputError(SpbeError):
    """An output could not be written where the user asked."""


class Collector:
    """Collects problems so one run reports all of them, then fails once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: Words, message: Words) -> None:
        self.problems.append(Problem(self.file, where, message))

    def raise_if_any(self, kind: type[SpbeError] = InputError) -> None:
        if self.problems:
            raise kind(self.problems)


class Invalid(ValueError):
    """A validation rule broken, in the catalogue's words: raised inside a pydantic
    validator, it comes back as the `ctx["error"]` of the error, put into words later."""

    def __init__(self, key: str, **params: object) -> None:
        self.words = msg(key, **params)
        super().__init__(str(self.words))


def invalid_words(error: object) -> Words | None:
    """The words of a pydantic `ctx["error"]` raised as Invalid (None for anything else)."""
    return error.words if isinstance(error, Invalid) else None


def os_reason(e: OSError) -> Msg:
    """Why the operating system refused, in the catalogue's words (its own wording is in
    English whatever the reader's language)."""
    name = errno.errorcode.get(e.errno or 0, "")
    if name in {
        "ENOENT",
        "EACCES",
        "EPERM",
        "ENOSPC",
        "EDQUOT",
        "EISDIR",
        "ENOTDIR",
        "EROFS",
        "EEXIST",
        "ENAMETOOLONG",
        "ELOOP",
        "EMFILE",
        "EBUSY",
        "EIO",
        "EINVAL",
    }:
        return msg(f"os.{name}")
    return msg("os.other", code=name or type(e).__name__)
