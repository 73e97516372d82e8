"""The typer options several commands share (the values they take are in `common`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli.cli.common import BasisOpt, Lang, Missing
from spbe_cli.numbers import parse_decimal

MissingOpt = Annotated[Missing, typer.Option(case_sensitive=False)]
PredikatBasisOpt = Annotated[BasisOpt | None, typer.Option(case_sensitive=False)]
RubricOpt = Annotated[str | None, typer.Option("--rubric", "-r")]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o")]
LangOpt = Annotated[Lang, typer.Option("--lang", case_sensitive=False, envvar="SPBE_LANG")]


GeneratedAtOpt = Annotated[str | None, typer.Option("--generated-at")]


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
MaxRaiseOpt = Annotated[int, typer.Option("--max-raise", min=1)]
CostsOpt = Annotated[Path | None, typer.Option("--costs")]
MinDomainOpt = Annotated[list[str] | None, typer.Option("--min-domain")]
