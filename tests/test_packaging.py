"""Bundled rubrics and templates are found from a built wheel and from the source layout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, spbe_cli, spbe_cli.resources as r, spbe_cli.rubric as rb;"
    "import spbe_cli.national as n;"
    "print(json.dumps({'pkg': spbe_cli.__file__, 'rubrics': str(r.data_dir('rubrics')),"
    " 'templates': str(r.data_dir('templates')), 'ids': list(rb.builtin_ids()),"
    " 'national': len(n.bundled().figures)}))"
)


def _run(args: list[str], cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(out.glob("spbe_cli-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "spbe_cli/rubrics/permenpanrb-59-2020.yaml" in names
    assert "spbe_cli/rubrics/national/indeks-spbe-nasional.yaml" in names
    assert any(n.startswith("spbe_cli/templates/") for n in names)
    site = out / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return site


def test_wheel_install_reads_packaged_data(wheel_site: Path, tmp_path: Path) -> None:
    probe = _run(["-c", PROBE], cwd=tmp_path, pythonpath=wheel_site)
    assert probe.returncode == 0, probe.stderr
    info = json.loads(probe.stdout)
    assert info["pkg"].startswith(str(wheel_site))
    assert info["rubrics"].startswith(str(wheel_site / "spbe_cli" / "rubrics"))
    assert info["templates"].startswith(str(wheel_site / "spbe_cli" / "templates"))
    assert len(info["ids"]) == 3 and info["national"] == 7
    example = ROOT / "examples" / "kabupaten-contoh-2024.xlsx"
    scored = _run(
        ["-m", "spbe_cli", "score", str(example), "-f", "json"], cwd=tmp_path, pythonpath=wheel_site
    )
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["index"] == 2.63


def test_source_layout_reads_top_level_folders(tmp_path: Path) -> None:
    """What an editable install exposes: the package imported from the checkout, where
    force-include does not apply, so the loader falls back to the folders beside it."""
    probe = _run(["-c", PROBE], cwd=tmp_path, pythonpath=ROOT)
    assert probe.returncode == 0, probe.stderr
    info = json.loads(probe.stdout)
    assert info["pkg"] == str(ROOT / "spbe_cli" / "__init__.py")
    assert info["rubrics"] == str(ROOT / "rubrics")
    assert info["templates"] == str(ROOT / "templates")
    assert len(info["ids"]) == 3
