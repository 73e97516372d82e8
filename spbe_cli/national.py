"""The national index of an evaluation year (bundled data, `rubrics/national/`): the
context a report shows beside an institution's index, with its source and confidence."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from pydantic import Field, model_validator

from spbe_cli import yamlfile
from spbe_cli.resources import data_dir
from spbe_cli.rubric import Confidence, Id, Source, Strict

DATA = "indeks-spbe-nasional.yaml"


class Figure(Strict):
    year: int = Field(description="The evaluation year.")
    rubric: Id = Field(description="The rubric the evaluation of that year used.")
    index: Decimal = Field(ge=0, description="The national index as published.")
    source: str = Field(description="Key of `sources`.")
    confidence: Confidence


class NationalData(Strict):
    sources: dict[str, Source]
    figures: list[Figure]

    @model_validator(mode="after")
    def _consistent(self) -> NationalData:
        seen: set[tuple[str, int]] = set()
        for k, f in enumerate(self.figures):
            if f.source not in self.sources:
                raise ValueError(f"figures[{k}]: unknown source {f.source!r}")
            if (f.rubric, f.year) in seen:
                raise ValueError(f"figures[{k}]: a second figure for {f.rubric} {f.year}")
            seen.add((f.rubric, f.year))
        return self


@cache
def bundled() -> NationalData:
    """The bundled figures; a broken file is a broken installation (tested)."""
    text = (data_dir("rubrics") / "national" / DATA).read_text(encoding="utf-8")
    raw, _ = yamlfile.load(text, 1_000)
    return NationalData.model_validate(raw)


def figure(rubric_id: str, year: int) -> tuple[Figure, Source] | None:
    """The national index of `year` when one was published from an evaluation with this
    rubric, with its source; else None (nothing is shown, nothing is guessed)."""
    data = bundled()
    for f in data.figures:
        if f.rubric == rubric_id and f.year == year:
            return f, data.sources[f.source]
    return None
