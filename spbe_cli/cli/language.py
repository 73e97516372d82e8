"""The language of the command line: `--lang` or `SPBE_LANG`, `--help` in that language,
and click's and typer's own words wherever the framework lets them be replaced.

The language is known before click parses anything (an error in parsing must already speak
it), so it is read from the raw arguments (`common.detect`): the last `--lang X` or
`--lang=X`, else `SPBE_LANG`, else Indonesian. The `--lang` option of each command then
reads the same value.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from types import ModuleType
from typing import Any

from typer import core as typer_core

from spbe_cli.cli.common import choose, current
from spbe_cli.i18n import Lang, t


def click_module() -> ModuleType:
    """The click that typer runs on: its own copy (typer ≥ 0.20) or the click package."""
    base = next(c for c in typer_core.TyperCommand.__mro__ if c.__name__ == "Command")
    return sys.modules[base.__module__.rpartition(".")[0]]


def localize(command: Any, lang: Lang) -> None:
    """Give the command tree its --help in `lang`, and typer's panels their words."""
    choose(lang)
    _walk(command, "spbe", lang)


def _walk(command: Any, path: str, lang: Lang) -> None:
    command.context_class = _context_class()
    text = _lookup(lang, f"help.{path}")
    if text is not None:
        command.help = text
        command.short_help = None
    prefix = path.partition(".")[2] if "." in path else path
    for param in command.params:
        key = f"help.{prefix}.{param.name}"
        found = _lookup(lang, key) or _lookup(lang, f"help.opt.{param.name}")
        if found is not None:
            param.help = found
    _help_option_words(command, lang)
    _words_before_help(command, lang)
    for name, sub in getattr(command, "commands", {}).items():
        _walk(sub, f"{path}.{name}" if path != "spbe" else f"spbe.{name}", lang)


def _help_option_words(command: Any, lang: Lang) -> None:
    """click makes the --help option itself, late, with its own words: replace them."""
    make = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.help = t(lang, "help.opt.help")
        return option

    command.get_help_option = get_help_option


def _words_before_help(command: Any, lang: Lang) -> None:
    format_help = command.format_help

    def with_words(ctx: Any, formatter: Any) -> None:
        _framework_words(lang)
        format_help(ctx, formatter)

    command.format_help = with_words


def _lookup(lang: Lang, key: str) -> str | None:
    # `spbe.score` is catalogued as `help.score`: the program's name is implied
    key = key.replace("help.spbe.", "help.")
    try:
        return t(lang, key)
    except KeyError:
        return None


# typer's own words in its rich help and error panels (module constants it reads late)
_RICH_WORDS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
)


def _framework_words(lang: Lang) -> None:
    """typer's panel words in `lang`. typer imports its rich help (rich and markdown-it, a
    third of a cold start) only to print help or an error, so this runs just before either:
    from a command's `format_help` and from `translated`/`usage_error`."""
    # cold start: typer's rich help, only when help or an error is about to be printed
    from typer import rich_utils

    for name in _RICH_WORDS:
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, t(lang, f"cli.fw.{name}"))


_contexts: dict[str, type] = {}


def _context_class() -> type:
    """A click Context whose help formatter writes "Usage:" in the current language."""
    if "ctx" not in _contexts:
        click = click_module()

        class Formatter(click.formatting.HelpFormatter):  # type: ignore[name-defined,misc]
            def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
                if prefix is None:
                    prefix = t(current(), "cli.fw.usage") + " "
                super().write_usage(prog, args, prefix)

        class Context(click.core.Context):  # type: ignore[name-defined,misc]
            formatter_class = Formatter

        _contexts["ctx"] = Context
    return _contexts["ctx"]


def translated(error: Any) -> Any:
    """click's usage error in the current language (a new UsageError with its context), or
    the error itself when its kind is not known here."""
    lang = current()
    ctx = getattr(error, "ctx", None)
    kind = type(error).__name__
    _framework_words(current())
    if getattr(error, "spbe_words", False):
        return error
    if kind == "NoSuchOption":
        text = t(lang, "cli.usage.no_such_option", option=error.option_name)
        if error.possibilities:
            text += " " + t(lang, "cli.usage.did_you_mean", options=", ".join(error.possibilities))
    elif kind == "MissingParameter" and error.param is not None:
        key = "missing_argument" if error.param.param_type_name == "argument" else "missing_option"
        text = t(lang, f"cli.usage.{key}", name=_param_name(error.param))
    elif kind == "BadParameter" and error.param is not None:
        choices = _choices(error.param)
        name = _param_name(error.param)
        if choices:
            text = t(lang, "cli.usage.bad_choice", name=name, choices=", ".join(choices))
        else:
            text = t(lang, "cli.usage.bad_value", name=name)
    elif kind == "BadOptionUsage":
        option = _find_option(ctx, error.option_name)
        flag = option is not None and getattr(option, "is_flag", False)
        key = "flag_takes_no_value" if flag else "option_needs_value"
        text = t(lang, f"cli.usage.{key}", option=error.option_name)
    elif kind in ("UsageError", "BadArgumentUsage") and ctx is not None:
        # click's wording is not ours to parse; what it quotes in parentheses (the extra
        # arguments) is the user's own text, kept
        quoted = re.search(r"\(([^()]*)\)\s*$", str(error.message))
        extra = f" ({quoted.group(1)})" if quoted else ""
        text = t(lang, "cli.usage.generic", command=ctx.command_path) + extra
    else:
        return error
    return usage_error(text, ctx)


def usage_error(text: str, ctx: Any) -> Any:
    """A usage error (exit 2, with the command's usage line) already in our words."""
    _framework_words(current())
    error = click_module().exceptions.UsageError(text, ctx)
    error.spbe_words = True
    return error


def _choices(param: Any) -> list[str]:
    """The values a choice option takes, from click's Choice or typer's enum annotation."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return [str(getattr(c, "value", c)) for c in choices]
    bare = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(bare, type) and issubclass(bare, Enum):
        return [str(m.value) for m in bare]
    return []


def _param_name(param: Any) -> str:
    if param.param_type_name == "argument":
        return str(param.name).upper()
    return str(max(param.opts, key=len))


def _find_option(ctx: Any, name: str) -> Any:
    if ctx is None:
        return None
    return next((p for p in ctx.command.params if name in getattr(p, "opts", ())), None)
