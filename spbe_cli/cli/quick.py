"""`spbe score FILE [options]` without the command-line framework.

typer, with its click and (from typer 0.20) a pydantic adapter built for every option, is
about a fifth of a cold `spbe score`; what only it gives (help, and the explanation of a
mistake on the command line) a correct score command does not need. So `main` first asks
`score_request` whether the arguments are a plain `spbe score`: FILE and the options of the
score command, each given once as `--option value` or `--option=value` (or `-r`, `-f`, `-o`
and a separate value), `--min-domain` as often as wanted. Those run `scorecmd.run_score`,
the one body of the command, with the values typer would give it.

Anything else, and anything this reader is not sure of (help, an unknown or repeated
option, an option joined to its value in one short form, a value that is empty or starts
with `-`, a choice not in lower case, a number it does not read the way typer does, an
unusual SPBE_LANG), is None: typer parses it, so every mistake is explained by one code
path. `tests/test_quick.py` holds that, for every list of arguments it accepts, typer
gives the command the same values, and that its options are the score command's.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from spbe_cli.cli.common import (
    EXIT_INPUT,
    MAX_RAISE,
    BasisOpt,
    Lang,
    Missing,
    ScoreFormat,
    choose,
    report_error,
)
from spbe_cli.errors import SpbeError
from spbe_cli.numbers import parse_decimal


def _text(text: str) -> str | None:
    return text if text and (text == "-" or not text.startswith("-")) else None


def _choice(values: type[StrEnum]) -> Callable[[str], Any]:
    def choose_value(text: str) -> Any:
        return values(text) if text in {m.value for m in values} else None

    return choose_value


def _path(text: str) -> Path | None:
    return Path(text) if _text(text) not in (None, "-") else None


def _fail_under(text: str) -> Decimal | None:
    if _text(text) is None:
        return None
    try:
        return parse_decimal(text, "--fail-under")
    except SpbeError:
        return None  # typer's path says what is wrong with it


def _count(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[1-9][0-9]{0,5}", text) else None


# An option's spellings → the parameter of `run_score` and how its text becomes the value.
OPTIONS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "--rubric": ("rubric", _text),
    "-r": ("rubric", _text),
    "--format": ("fmt", _choice(ScoreFormat)),
    "-f": ("fmt", _choice(ScoreFormat)),
    "--output": ("output", _text),
    "-o": ("output", _text),
    "--missing": ("missing", _choice(Missing)),
    "--predikat-basis": ("predikat_basis", _choice(BasisOpt)),
    "--lang": ("lang", _choice(Lang)),
    "--generated-at": ("generated_at", _text),
    "--fail-under": ("fail_under", _fail_under),
    "--min-predikat": ("min_predikat", _text),
    "--min-domain": ("min_domain", _text),
    "--costs": ("costs", _path),
    "--max-raise": ("max_raise", _count),
}
REPEATABLE = {"min_domain"}


def score_request(argv: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The arguments of `run_score` for a plain `spbe score` command line, else None."""
    if not argv or argv[0] != "score":
        return None
    env_lang = environ.get("SPBE_LANG")
    if env_lang is not None and env_lang not in ("id", "en"):
        return None
    values: dict[str, Any] = {
        "rubric": None,
        "fmt": None,
        "output": None,
        "missing": Missing.error,
        "predikat_basis": None,
        "lang": Lang(env_lang or "id"),
        "generated_at": None,
        "fail_under": None,
        "min_predikat": None,
        "min_domain": None,
        "costs": None,
        "max_raise": MAX_RAISE,
    }
    given: set[str] = set()
    files: list[str] = []
    args = iter(argv[1:])
    for arg in args:
        if not arg.startswith("-") or arg == "-":
            files.append(arg)
            continue
        name, joined, text = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in OPTIONS:
            return None
        param, convert = OPTIONS[name]
        if not joined:
            text = next(args, "")
        value = convert(text)
        if value is None or (param in given and param not in REPEATABLE):
            return None
        given.add(param)
        values[param] = [*(values[param] or []), value] if param in REPEATABLE else value
    if len(files) != 1 or _path(files[0]) is None:
        return None
    values["file"] = Path(files[0])
    return values


def run(values: dict[str, Any]) -> int:
    """`spbe score` with these values: its exit code, an SpbeError reported as by the
    typer command (exit 2), a closed stdout (`| head`) exit 1 as click does."""
    # cold start: the score command's body, once the arguments are known to be its own
    from spbe_cli.cli.scorecmd import run_score

    choose(values["lang"].words)
    try:
        return run_score(**values)
    except SpbeError as e:
        report_error(e)
        return EXIT_INPUT
    except BrokenPipeError:
        # what is left in stdout's buffer goes nowhere, rather than a second error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
