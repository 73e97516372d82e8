"""A batch's list of the files it wrote into its output folder (`.spbe-manifest.json`):
a rerun removes what the previous run wrote and this one did not, and nothing else.

The manifest is read as untrusted: only plain names of output files directly in the
folder are ever removed, never a link, a folder, an input, a file this run wrote, or
anything a name could reach outside the folder."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spbe_cli import output
from spbe_cli.errors import SpbeError
from spbe_cli.files import read_regular
from spbe_cli.output import Protected

NAME = ".spbe-manifest.json"
FORMAT_VERSION = 1
MAX_BYTES = 16 << 20  # far beyond any real run (a name is < 100 bytes)
SUFFIXES = (".json", ".md", ".html", ".pdf", ".csv", ".xlsx")  # what a batch writes
_FORBIDDEN = set("/\\:\0")  # separators, a Windows drive or stream, NUL


@dataclass
class Cleanup:
    """What replacing the manifest did. `ignored`: why the previous manifest was not used
    (a code: `not-a-file`, `unreadable`, `malformed`), then nothing was removed;
    `skipped`: (name, code) of entries left alone (`unsafe`, `link`, `not-a-file`,
    `input`, `written`, or `cannot-remove: reason`); `unwritten`: why the new manifest
    could not be written (the next run then removes nothing)."""

    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: str | None = None
    unwritten: str | None = None


def safe_name(name: str) -> bool:
    """A name a batch could have written: one plain file name, not hidden, with an output
    suffix. `..`, absolute paths, separators and drives never pass."""
    return (
        0 < len(name) <= 255
        and not name.startswith(".")
        and not (_FORBIDDEN & set(name))
        and name == name.strip()
        and name.lower().endswith(SUFFIXES)
    )


def previous(folder: Path) -> tuple[list[str], str | None]:
    """The names the previous run listed, or why its manifest cannot be used (no manifest:
    no names, no reason)."""
    path = folder / NAME
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return [], None
    except OSError:
        return [], "unreadable"
    if not stat.S_ISREG(st.st_mode):
        return [], "not-a-file"  # a link (wherever it points) or anything else
    try:
        data = json.loads(read_regular(path, MAX_BYTES))
    except SpbeError:
        return [], "unreadable"
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep
        return [], "malformed"
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        return [], "malformed"
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return [], "malformed"
    return files, None


def _inodes(folder: Path, names: Iterable[str]) -> set[tuple[int, int]]:
    found = set()
    for n in names:
        try:
            st = os.stat(folder / n)
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return found


def _why_kept(path: Path, keep: set[tuple[int, int]], inputs: Protected) -> str | None:
    """Why an old entry must stay (None: it is an old output, to be removed; "" : gone)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ""
    except OSError as e:
        return f"cannot-remove: {e.strerror or e}"
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if not stat.S_ISREG(st.st_mode):
        return "not-a-file"
    if (st.st_dev, st.st_ino) in keep:  # the same file under another spelling (case)
        return "written"
    if inputs.covers(path):
        return "input"
    return None


def _remove_stale(folder: Path, old: list[str], written: set[str], inputs: Protected) -> Cleanup:
    done = Cleanup()
    keep = _inodes(folder, written)
    for name in sorted(set(old) - written):
        if not safe_name(name):
            done.skipped.append((name, "unsafe"))
            continue
        why = _why_kept(folder / name, keep, inputs)
        if why is None:
            try:
                (folder / name).unlink()
            except OSError as e:
                why = f"cannot-remove: {e.strerror or e}"
            else:
                done.removed.append(name)
        if why:
            done.skipped.append((name, why))
    return done


def replace(folder: Path, written: Iterable[str], inputs: Protected) -> Cleanup:
    """Called once a run has written all its outputs: the previous manifest's files that
    this run did not write are removed, then this run's manifest takes its place (with the
    names that could not be removed, to be tried again). An interrupted run never gets
    here, so it removes nothing."""
    names = set(written)
    old, ignored = previous(folder)
    done = Cleanup(ignored=ignored) if ignored else _remove_stale(folder, old, names, inputs)
    retry = {n for n, why in done.skipped if why.startswith("cannot-remove")}
    body = {"format_version": FORMAT_VERSION, "files": sorted(names | retry)}
    text = json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    try:
        tmp = output.stage(folder, text, "spbe-manifest", durable=True)
    except SpbeError as e:
        done.unwritten = str(e)
        return done
    try:
        # a rename over the name itself: a link planted there is replaced, never written
        # through to a file outside the folder
        os.replace(tmp, folder / NAME)
    except OSError as e:
        done.unwritten = f"{folder / NAME}: {e.strerror or e}"
    finally:
        tmp.unlink(missing_ok=True)  # gone already when the rename succeeded
    return done
