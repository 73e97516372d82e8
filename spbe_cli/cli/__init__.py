"""The `spbe` command: parse options, call the core, print, map errors to exit codes.

Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.

Every command module is imported at start (for --help), so a command imports what only it
needs when it runs (`# cold start: …` says what that spares the others).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from spbe_cli.cli import language
from spbe_cli.errors import SpbeError
from spbe_cli.i18n import msg, t
from spbe_cli.numbers import parse_decimal
from spbe_cli.safetext import printable

EXIT_GATE, EXIT_INPUT = 1, 2


def report_error(err: SpbeError) -> None:
    """Every expected failure, located, on stderr; the caller exits 2."""
    # cold start: rich only when there is something to print
    from rich.console import Console

    from spbe_cli.console import say  # cold start: the one sanitiser, with rich

    lang = language.current()
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    prefix = f"[bold red]{t(lang, 'cli.error')}:[/] "
    for p in err.problems:
        say(console, p.text(lang), prefix=prefix)
    if len(err.problems) > 1:
        console.print(t(lang, "cli.problems", n=len(err.problems)), style="red")


class SpbeGroup(TyperGroup):
    """The root command: the language of the run is settled here, before parsing; an
    SpbeError (from any command, or from an option's parser) becomes its located messages
    and exit code 2; click's usage errors are put into the same language."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        language.localize(self, language.detect(argv, os.environ))
        return super().main(argv, *rest, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _usage_error() as e:
            raise language.translated(e) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = ", ".join(self.list_commands(ctx))
            lang = language.current()
            text = t(lang, "cli.usage.no_such_command", name=printable(name[:60]), known=known)
            raise language.usage_error(text, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SpbeError as e:
            report_error(e)
            raise typer.Exit(EXIT_INPUT) from None
        except _usage_error() as e:
            raise language.translated(e) from None


def _usage_error() -> type[Exception]:
    usage_error: type[Exception] = language.click_module().exceptions.UsageError
    return usage_error


if TYPE_CHECKING:
    from spbe_cli.i18n import Lang as TextLang

app = typer.Typer(
    cls=SpbeGroup,
    name="spbe",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rubrics_app = typer.Typer(invoke_without_command=True)
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


MissingOpt = Annotated[Missing, typer.Option(case_sensitive=False)]
PredikatBasisOpt = Annotated[BasisOpt | None, typer.Option(case_sensitive=False)]


def _limits() -> Any:
    # cold start: the limits read the environment only for commands that read files
    from spbe_cli.limits import Limits

    return Limits.from_env(os.environ)


def _table(draw: Callable[[Any], None], output: str | None) -> str | None:
    """A rich table drawn on the terminal, or for `-o FILE` its plain text (returned for
    the caller to write): a table asked for into a file is never printed instead."""
    if not output or output == "-":
        draw(_console())
        return None
    # cold start: rich only for a table
    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO())
    draw(console)
    return console.export_text()


def _console() -> Any:
    # cold start: rich only for what goes to the terminal
    from rich.console import Console

    return Console(highlight=False)


RubricOpt = Annotated[
    str | None,
    typer.Option("--rubric", "-r"),
]


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
EXTENSION_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".json": "json",
    ".csv": "csv",
    ".pdf": "pdf",
    ".txt": "table",  # only without --format: any text may be kept in a .txt
}


def _output_format(
    fmt: str | None, output: str | None, allowed: Iterable[str], default: str
) -> str:
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


OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", case_sensitive=False, envvar="SPBE_LANG")]


@app.callback()
def root(ctx: typer.Context, lang: LangOpt = Lang.id) -> None:
    """`spbe --lang en COMMAND`: the language given before the command is every command's."""
    ctx.default_map = _lang_defaults(ctx.command, lang.value)


def _lang_defaults(command: Any, lang: str) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        defaults[name] = {"lang": lang, **_lang_defaults(sub, lang)}
    return defaults


GeneratedAtOpt = Annotated[
    str | None,
    typer.Option(
        "--generated-at",
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
        key = "cli.bad_time" if option else "cli.bad_epoch"
        raise SpbeError(msg(key, where=where, text=shown)) from None


def option_number(name: str) -> Any:
    """A typer `parser=` for a number option: `numbers.parse_decimal` naming the option."""

    def parse(text: str) -> Decimal:
        return parse_decimal(text, name)

    return parse


FailUnderOpt = Annotated[
    Decimal | None,
    typer.Option(
        "--fail-under",
        parser=option_number("--fail-under"),
    ),
]
MinPredikatOpt = Annotated[str | None, typer.Option("--min-predikat")]
# The plan's options (`spbe plan` and the reports' Rekomendasi). MAX_RAISE is
# planning.DEFAULT_MAX_RAISE, not imported here for cold start (a test keeps them equal).
MAX_RAISE = 2
MaxRaiseOpt = Annotated[int, typer.Option("--max-raise", min=1)]
CostsOpt = Annotated[Path | None, typer.Option("--costs")]
MinDomainOpt = Annotated[
    list[str] | None,
    typer.Option("--min-domain"),
]


def _gates(
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
