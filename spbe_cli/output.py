"""The one place that writes outputs: atomically, never over an input, `-` for stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from spbe_cli.errors import OutputError, Problem


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def write(target: str, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write text or bytes to `target` via a temporary file and a rename (`-`: stdout)."""
    if target == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return
    path = Path(target)
    for src in inputs:
        if _same(path, src):
            raise OutputError([Problem(target, "", "refusing to overwrite an input file")])
    if path.is_dir():
        raise OutputError([Problem(target, "", "is a folder; give a file name")])
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError([Problem(target, "", f"folder {parent} does not exist")])
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError([Problem(target, "", f"cannot write: {e.strerror}")]) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
