"""The `spbe` command tree (typer): the options of every command, the root that settles
the language and maps errors to exit codes.

Every command is imported and registered here (for --help), so a command imports what only
it needs when it runs (`# cold start: …` says what that spares the others). What the
commands share without typer is in `common`, their shared typer options in `options`;
`spbe score`'s common forms do not come here (`quick`).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from spbe_cli.cli import (
    cmd_batch,
    cmd_check,
    cmd_diff,
    cmd_plan,
    cmd_rubrics,
    cmd_score,
    language,
)
from spbe_cli.cli.common import EXIT_INPUT, Lang, current, detect, report_error
from spbe_cli.cli.options import LangOpt
from spbe_cli.errors import SpbeError
from spbe_cli.i18n import t
from spbe_cli.safetext import printable


class SpbeGroup(TyperGroup):
    """The root command: the language of the run is settled here, before parsing; an
    SpbeError (from any command, or from an option's parser) becomes its located messages
    and exit code 2; click's usage errors are put into the same language."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        language.localize(self, detect(argv, os.environ))
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
            lang = current()
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


app = typer.Typer(
    cls=SpbeGroup,
    name="spbe",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rubrics_app = typer.Typer(invoke_without_command=True)
app.add_typer(rubrics_app, name="rubrics")


@app.callback()
def root(ctx: typer.Context, lang: LangOpt = Lang.id) -> None:
    """`spbe --lang en COMMAND`: the language given before the command is every command's."""
    ctx.default_map = _lang_defaults(ctx.command, lang.value)


def _lang_defaults(command: Any, lang: str) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        defaults[name] = {"lang": lang, **_lang_defaults(sub, lang)}
    return defaults


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


# The commands, in the order of --help.
for command in (
    cmd_score.score,
    cmd_score.report,
    cmd_score.template,
    cmd_diff.diff,
    cmd_plan.plan,
    cmd_check.check,
    cmd_batch.batch,
):
    app.command()(command)
rubrics_app.callback()(cmd_rubrics.rubrics_list)
rubrics_app.command("show")(cmd_rubrics.rubrics_show)
rubrics_app.command("schema")(cmd_rubrics.rubrics_schema)
rubrics_app.command("check")(cmd_rubrics.rubrics_check)
