"""Find bundled data (rubrics, templates) in an installed wheel or in the source tree."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """`rubrics` or `templates`: inside the package when installed from a wheel, else the
    folder beside the package (editable installs and checkouts, where hatchling's
    force-include does not apply)."""
    packaged = resources.files("spbe_cli") / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"bundled {name}/ folder not found (broken installation)")
