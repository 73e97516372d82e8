"""The `spbe` command tree (typer): the options of every command, the root that settles
the language and maps errors to exit codes.

Every command is registered here. Its module is imported when it runs or for --help (the
whole tree), so a command imports what only it needs when it runs (`# cold start: …` says
what that spares the others). What the commands share without typer is in `common`, their
shared typer options in `options`; `spbe score`'s common forms do not come here (`quick`).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import import_module
from typing import Any

import typer
from typer.core import TyperGroup

from spbe_cli.cli import language
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


# The commands in the order of --help: each name → the module that holds its function.
COMMANDS = {
    "score": "cmd_score",
    "report": "cmd_score",
    "template": "cmd_score",
    "diff": "cmd_diff",
    "plan": "cmd_plan",
    "check": "cmd_check",
    "batch": "cmd_batch",
}
# `spbe rubrics` and its subcommands (cmd_rubrics): "" is the group's own callback.
RUBRICS = {
    "": "rubrics_list",
    "show": "rubrics_show",
    "schema": "rubrics_schema",
    "check": "rubrics_check",
}


def build(only: str | None = None) -> typer.Typer:
    """The command tree: every command, or (`only`) just the one a command line runs, so
    that running it neither imports nor converts the others' options. Help and a command
    name that is not known get the whole tree."""
    tree = typer.Typer(
        cls=SpbeGroup,
        name="spbe",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    tree.callback()(root)
    # cold start: a command's module only when that command runs, or for the whole tree
    for name, module in COMMANDS.items():
        if only in (None, name):
            tree.command(name)(getattr(import_module(f"spbe_cli.cli.{module}"), name))
    if only in (None, "rubrics"):
        rubrics = typer.Typer(invoke_without_command=True)
        functions = import_module("spbe_cli.cli.cmd_rubrics")
        for name, function in RUBRICS.items():
            register = rubrics.command(name) if name else rubrics.callback()
            register(getattr(functions, function))
        tree.add_typer(rubrics, name="rubrics")
    return tree


def command_named(argv: list[str]) -> str | None:
    """The command this command line runs: its first argument after the root's own `--lang
    X`, if that is a command's name; else None (help, a mistake: the whole tree answers)."""
    args = iter(argv)
    for arg in args:
        if arg == "--lang":
            next(args, None)
        elif not arg.startswith("--lang="):
            return arg if arg in COMMANDS or arg == "rubrics" else None
    return None


@cache
def whole() -> typer.Typer:
    return build()


def __getattr__(name: str) -> Any:
    """`app`: the whole command tree (what tests and tools import), built on first use."""
    if name == "app":
        return whole()
    raise AttributeError(name)
