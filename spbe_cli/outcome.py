"""What a batch keeps of each input file: its result or its located errors (the summary
rows, rankings and gates read this; the batch run fills it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spbe_cli.result import Headline


@dataclass
class Outcome:
    """One input file's fate: what the batch keeps of its result, or its located errors."""

    file: str
    result: Headline | None = None
    errors: list[str] = field(default_factory=list)
    stem: str = ""
    gate_misses: list[str] = field(default_factory=list)
    # Written by the worker into the output folder under temporary names, by format (json,
    # md, html): the main process only renames them once the output names are known.
    staged: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.errors
