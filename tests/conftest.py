"""Shared fixtures: paths to bundled examples and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# Properties are about results, never about time (speed is measured in benchmarks/): no
# example fails for being slow on a loaded machine.
settings.register_profile("spbe", deadline=None)
settings.load_profile("spbe")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the default language (Indonesian) whatever the shell running them says."""
    monkeypatch.delenv("SPBE_LANG", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
