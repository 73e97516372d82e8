"""The `spbe` command: parse options, call the core, print, map errors to exit codes.

Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.

Every command module is imported at start (for --help), so a command imports what only it
needs when it runs (`# cold start: …` says what that spares the others).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from spbe_cli.errors import SpbeError
from spbe_cli.limits import Limits
from spbe_cli.safetext import printable

if TYPE_CHECKING:
    from spbe_cli.i18n import Lang as TextLang

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2

app = typer.Typer(
    name="spbe",
    help="Compute the SPBE / Pemerintah Digital index exactly and write reports.\n\n"
    "Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rubrics_app = typer.Typer(help="List, show and check rubric files.", invoke_without_command=True)
app.add_typer(rubrics_app, name="rubrics")


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


def _fail(err: SpbeError) -> NoReturn:
    # cold start: rich (about 30 ms) only when there is something to print
    from rich.console import Console

    from spbe_cli.console import say

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for p in err.problems:
        say(console, str(p), prefix="[bold red]error:[/] ")
    if len(err.problems) > 1:
        console.print(f"{len(err.problems)} problems", style="red")
    raise typer.Exit(EXIT_INPUT)


def _limits() -> Limits:
    return Limits.from_env(os.environ)


def _console() -> Any:
    # cold start: rich only for what goes to the terminal
    from rich.console import Console

    return Console(highlight=False)


RubricOpt = Annotated[
    str | None,
    typer.Option("--rubric", "-r", help="Built-in rubric id or a rubric YAML file."),
]


class Lang(StrEnum):
    id = "id"
    en = "en"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


def _wants_pdf(fmt: str | None, output: str | None) -> bool:
    """`--format pdf`, or no --format and an output file named `*.pdf`."""
    if fmt is not None:
        return fmt == "pdf"
    return output is not None and output.lower().endswith(".pdf")


def browser_lang(lang: str) -> TextLang:
    """The message language of a --lang value."""
    return "en" if lang == "en" else "id"


class Pdf:
    """A PDF output of one command: the browser is found before any work is done (a
    missing one fails at once), then the HTML is printed and written atomically."""

    def __init__(self, output: str | None, lang: str, created: str) -> None:
        # cold start: the PDF printer and the catalogue, for --format pdf only
        from spbe_cli import pdf
        from spbe_cli.i18n import t

        self.lang = browser_lang(lang)
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


LangOpt = Annotated[Lang, typer.Option("--lang", help="Report language (id or en).")]
GeneratedAtOpt = Annotated[
    str | None,
    typer.Option(
        "--generated-at",
        help="Time stamped in reports (ISO 8601); default SOURCE_DATE_EPOCH, else now.",
    ),
]


def _generated_at(option: str | None) -> str:
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
        what = "an ISO 8601 time" if option else "seconds since 1970"
        raise SpbeError(f"{where}: '{shown}' is not {what} within the years 1–9999") from None


FailUnderOpt = Annotated[
    str | None, typer.Option("--fail-under", help="Gate: exit 1 when the index is below this.")
]
MinPredikatOpt = Annotated[
    str | None, typer.Option("--min-predikat", help="Gate: exit 1 below this predikat.")
]
MinDomainOpt = Annotated[
    list[str] | None,
    typer.Option("--min-domain", help="Gate: ID=VALUE for a domain or aspect (repeatable)."),
]


def _gates(fail_under: str | None, min_predikat: str | None, min_domain: list[str] | None) -> Any:
    # cold start: gates imports the rubric models (pydantic), for scoring commands only
    from spbe_cli import gates

    return gates.parse(fail_under, min_predikat, min_domain or [])


def _optional_flag_values(argv: list[str]) -> list[str]:
    """`--fail-on-drop` may stand alone (tolerance 0) or take a number after it."""
    out = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg == "--fail-on-drop":
            nxt = argv[i + 1] if i + 1 < len(argv) else None
            if nxt is None or not _looks_numeric(nxt):
                out.append("0")
    return out


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def main() -> None:
    # pydantic scans every installed package's entry points for plugins at import (about
    # 20 ms of a cold start); the CLI uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(args=_optional_flag_values(sys.argv[1:]), prog_name="spbe")
    except KeyboardInterrupt:
        sys.exit(130)


# Commands register themselves on `app` when imported; this order is the order of --help.
from spbe_cli.cli import cmd_score, cmd_diff, cmd_plan, cmd_check, cmd_batch, cmd_rubrics  # noqa: E402, F401, I001  # isort: skip
