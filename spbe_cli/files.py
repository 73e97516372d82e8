"""The one way any input file is read: only regular files, size checked on the open
descriptor, and never more bytes than the limit (a FIFO, a device or a growing file can
neither hang a run nor fill its memory)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from spbe_cli.errors import InputError, Problem, SpbeError, os_reason
from spbe_cli.i18n import Msg, msg

# O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
# O_NOCTTY: a terminal device opened by name never becomes this process's terminal.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def kind(mode: int) -> Msg:
    """What a non-regular file is, for messages (`a folder`)."""
    if stat.S_ISDIR(mode):
        return msg("input.kind.folder")
    if stat.S_ISFIFO(mode):
        return msg("input.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("input.kind.device")
    if stat.S_ISSOCK(mode):
        return msg("input.kind.socket")
    return msg("input.kind.other")


def read_regular(
    path: Path | str,
    limit: int,
    what: str = "file",
    error: type[SpbeError] = InputError,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a located `error`.

    The file is opened without blocking, then its descriptor is checked (a link is followed
    first: what is read is what the descriptor points to, so a swap after a check cannot
    slip a device in), and at most `limit + 1` bytes are read, so a file that grows while
    it is read is caught too. `what` names the file in messages: `file` or `rubric file`
    (the catalogue's `input.what.file`, `input.what.rubric_file`)."""
    name = str(path)
    kind_of_file = msg(f"input.what.{what.replace(' ', '_')}")

    def fail(key: str, **params: object) -> SpbeError:
        said = msg(f"input.read.{key}", what=kind_of_file, **params)
        return error([Problem(name, "", said)])

    try:
        fd = os.open(name, _FLAGS)
    except FileNotFoundError:
        raise fail("not_found") from None
    except IsADirectoryError:  # Windows cannot open a folder at all
        raise fail("folder") from None
    except OSError as e:
        raise fail("cannot", reason=os_reason(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise fail("not_regular", kind=kind(st.st_mode))
        if st.st_size > limit:
            raise fail("too_big", size=f"{st.st_size:,}", limit=f"{limit:,}")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise fail("grew", limit=f"{limit:,}")
        return data
    except OSError as e:
        raise fail("cannot", reason=os_reason(e)) from None
    finally:
        os.close(fd)


def read_head(path: Path | str, size: int, follow_links: bool = True) -> bytes | None:
    """Up to `size` bytes from the start of a regular file, for a look at its kind; None
    for anything else (missing, unreadable, a FIFO or a device): a look never blocks.
    With `follow_links=False` a link is not opened at all (O_NOFOLLOW where the OS has it)."""
    flags = _FLAGS if follow_links else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(str(path), flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)
