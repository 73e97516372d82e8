"""What every command shares and what runs without typer: the exit codes, the option
values, the language of the run, the output format, the located error report.

Nothing here imports typer (a test holds it to that): `spbe score`'s common forms run
through `quick` without the command-line framework, on these same helpers.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spbe_cli.errors import SpbeError
from spbe_cli.i18n import default_lang, msg, t
from spbe_cli.safetext import printable

if TYPE_CHECKING:
    from spbe_cli.i18n import Lang as TextLang

_current: list[TextLang] = ["id"]


def current() -> TextLang:
    """The language of this invocation (for messages printed outside a command)."""
    return _current[0]


def choose(lang: TextLang) -> None:
    _current[0] = lang


def detect(args: Sequence[str], environ: Mapping[str, str]) -> TextLang:
    """The language the user asked for, before the arguments are parsed: the last `--lang
    X` or `--lang=X`, else `SPBE_LANG`, else Indonesian."""
    chosen: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    if chosen is None:
        return default_lang(environ)
    return "en" if chosen.strip().lower() == "en" else "id"


EXIT_GATE, EXIT_INPUT = 1, 2


def report_error(err: SpbeError) -> None:
    """Every expected failure, located, on stderr; the caller exits 2."""
    # cold start: rich only when there is something to print
    from rich.console import Console

    from spbe_cli.console import say  # cold start: the one sanitiser, with rich

    lang = current()
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    prefix = f"[bold red]{t(lang, 'cli.error')}:[/] "
    for p in err.problems:
        say(console, p.text(lang), prefix=prefix)
    if len(err.problems) > 1:
        console.print(t(lang, "cli.problems", n=len(err.problems)), style="red")


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


class Missing(StrEnum):
    error = "error"
    min = "min"


class BasisOpt(StrEnum):
    rounded = "rounded"
    exact = "exact"


def file_limits() -> Any:
    # cold start: the limits read the environment only for commands that read files
    from spbe_cli.limits import Limits

    return Limits.from_env(os.environ)


def table_text(draw: Callable[[Any], None], output: str | None) -> str | None:
    """A rich table drawn on the terminal, or for `-o FILE` its plain text (returned for
    the caller to write): a table asked for into a file is never printed instead."""
    if not output or output == "-":
        draw(terminal())
        return None
    # cold start: rich only for a table
    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO())
    draw(console)
    return console.export_text()


def terminal() -> Any:
    # cold start: rich only for what goes to the terminal
    from rich.console import Console

    return Console(highlight=False)


class Lang(StrEnum):
    id = "id"
    en = "en"

    @property
    def words(self) -> TextLang:
        """The catalogue language of this --lang value."""
        return "en" if self is Lang.en else "id"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


# What an output file's extension says about its format (`-o laporan.html`).


# What an output file's extension says about its format (`-o laporan.html`).
EXTENSION_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".json": "json",
    ".csv": "csv",
    ".pdf": "pdf",
    ".txt": "table",  # only without --format: any text may be kept in a .txt
}


def output_format(fmt: str | None, output: str | None, allowed: Iterable[str], default: str) -> str:
    """The format to write: --format, else what `-o`'s extension says, else `default`.

    An extension that contradicts --format, or (without --format) that names no format
    this command writes, is a usage error: a table written into `laporan.html` helps
    nobody."""
    allowed = list(allowed)
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    implied = EXTENSION_FORMATS.get(suffix)
    if fmt is not None and (implied is None or implied == "table"):
        return fmt  # `-f md -o catatan.txt`: the format was said, the name is the user's
    if suffix and (implied is None or implied not in allowed):
        known = ", ".join(f".{e}" if e != "table" else ".txt (table)" for e in allowed)
        raise SpbeError(msg("cli.extension_unknown", output=output, suffix=suffix, known=known))
    if fmt is None:
        return implied or default
    if implied is not None and implied != fmt:
        raise SpbeError(msg("cli.extension_contradicts", output=output, implied=implied, fmt=fmt))
    return fmt


class Pdf:
    """A PDF output of one command: the browser is found before any work is done (a
    missing one fails at once), then the HTML is printed and written atomically."""

    def __init__(self, output: str | None, lang: TextLang, created: str) -> None:
        # cold start: the PDF printer and the catalogue, for --format pdf only
        from spbe_cli import pdf
        from spbe_cli.i18n import t

        self.lang = lang
        if output is None and sys.stdout.isatty():
            raise SpbeError(t(self.lang, "pdf_needs_output"))
        self.target = output or "-"
        self.created = created
        self.browser = pdf.find_browser(os.environ, self.lang)

    def write(self, html: str, inputs: list[Any]) -> None:
        # cold start: as in __init__
        from spbe_cli import output as out
        from spbe_cli import pdf

        data = pdf.render_pdf(html, browser=self.browser, lang=self.lang, created=self.created)
        out.write(self.target, data, inputs)


def report_stamp(option: str | None) -> str:
    """The report time stamp: --generated-at, else SOURCE_DATE_EPOCH, else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        if option:
            where = "--generated-at"
            when = dt.datetime.fromisoformat(option[:64])
        elif epoch:
            where = "SOURCE_DATE_EPOCH"
            if not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12):
                raise ValueError
            when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        else:
            when = dt.datetime.now(dt.UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (ValueError, OverflowError, OSError):
        shown = printable((option or epoch)[:40])
        key = "cli.bad_time" if option else "cli.bad_epoch"
        raise SpbeError(msg(key, where=where, text=shown)) from None


# The plan's options (`spbe plan` and the reports' Rekomendasi). MAX_RAISE is
# planning.DEFAULT_MAX_RAISE, not imported here for cold start (a test keeps them equal).
MAX_RAISE = 2


def parsed_gates(
    fail_under: Decimal | None,
    min_predikat: str | None,
    min_domain: list[str] | None,
    rubric: str | None,
) -> Any:
    """The gate options, checked before anything is scored: --min-predikat must name a
    band, --min-domain a domain or aspect, of the rubric given (else of a built-in one)."""
    # cold start: gates import the rubric models (pydantic), for scoring commands only
    from spbe_cli import gates
    from spbe_cli.rubric import all_builtin, load_rubric

    parsed = gates.parse(fail_under, min_predikat, min_domain or [])
    if min_predikat is not None or parsed.min_parts:
        loaded = [load_rubric(rubric)] if rubric is not None else all_builtin()
        rubrics = [lr.rubric for lr in loaded]
        gates.check_predikat_name(min_predikat, [r.band_names for r in rubrics])
        parts = [
            tuple(d.id for d in r.domains) + tuple(a.id for a in r.all_aspects) for r in rubrics
        ]
        gates.check_part_ids(parsed, parts)
    return parsed
