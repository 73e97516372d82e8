"""`spbe rubrics`: list, show, check and describe rubric files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.common import Lang, terminal
from spbe_cli.cli.options import LangOpt
from spbe_cli.i18n import t
from spbe_cli.safetext import file_name


def rubrics_list(ctx: typer.Context, lang: LangOpt = Lang.id) -> None:
    """List the built-in rubrics with their years and confidence."""
    if ctx.invoked_subcommand is not None:
        return
    # cold start: the rubric models (pydantic) and rich, for this command only
    from spbe_cli.console import rubric_list
    from spbe_cli.rubric import all_builtin

    rubric_list(terminal(), all_builtin(), lang.words)


def rubrics_show(rubric: Annotated[str, typer.Argument()], lang: LangOpt = Lang.id) -> None:
    """Show a rubric's structure, weights, scales and predikat bands."""
    # cold start: the rubric models (pydantic) and rich, for this command only
    from spbe_cli.console import rubric_show
    from spbe_cli.rubric import load_rubric

    rubric_show(terminal(), load_rubric(rubric), lang.words)


def rubrics_schema(lang: LangOpt = Lang.id) -> None:
    """Print the JSON Schema of rubric files, for editors and rubric authors."""
    from spbe_cli.rubric import Rubric  # cold start: the rubric models (pydantic)

    typer.echo(json.dumps(Rubric.model_json_schema(), ensure_ascii=False, indent=2))


def rubrics_check(file: Annotated[Path, typer.Argument()], lang: LangOpt = Lang.id) -> None:
    """Validate a custom rubric file; every problem with its line and field path."""
    from spbe_cli.rubric import parse_rubric, read_rubric_file  # cold start: pydantic models

    lr = parse_rubric(read_rubric_file(file), str(file))
    r = lr.rubric
    counts = {"aspects": len(r.all_aspects), "indicators": len(r.indicators)}
    said = t(lang.words, "cli.rubric_ok", file=file_name(str(file)), id=r.id, **counts)
    typer.echo(said)
