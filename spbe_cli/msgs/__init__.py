"""The located messages of the catalogue, one module per area, each with `ID` and `EN`.

A module's keys start with its area (`input.`, `rubric.`, `model.`, `output.`, `cli.`,
`help.`), so two areas never define one key; tests check that both languages have the same
keys and the same `{params}`. `framework` is apart: Indonesian for click's and typer's own
strings ("Usage:", "Options"), keyed by their English text.
"""

from __future__ import annotations

from spbe_cli.msgs import cli, cli_help, input_files, model, outputs, rubric_files, system

AREAS = (input_files, rubric_files, model, outputs, cli, cli_help, system)

MESSAGES: dict[str, dict[str, str]] = {"id": {}, "en": {}}
for _area in AREAS:
    MESSAGES["id"].update(_area.ID)
    MESSAGES["en"].update(_area.EN)
