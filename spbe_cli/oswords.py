"""Why the operating system refused a read or a write, in the catalogue's words: the
system's own message (`OSError.strerror`) is in the language of the machine, not the user's."""

from __future__ import annotations

import errno

from spbe_cli.i18n import Msg, msg

# The reasons a person can act on; any other is named by its errno symbol.
_KEYS = {
    errno.EACCES: "output.os.denied",
    errno.EPERM: "output.os.denied",
    errno.ENOENT: "output.os.missing",
    errno.ENOTDIR: "output.os.not_folder",
    errno.EISDIR: "output.os.is_folder",
    errno.ENOSPC: "output.os.full",
    errno.EROFS: "output.os.read_only",
    errno.ENAMETOOLONG: "output.os.name_too_long",
    errno.EBUSY: "output.os.busy",
    errno.EMFILE: "output.os.too_many_open",
    errno.EIO: "output.os.io",
}
if hasattr(errno, "EDQUOT"):
    _KEYS[errno.EDQUOT] = "output.os.quota"


def reason(e: OSError) -> Msg:
    """`e` as a reason (`akses ditolak` / `permission denied`)."""
    key = _KEYS.get(e.errno) if e.errno is not None else None
    if key is not None:
        return msg(key)
    code = errno.errorcode.get(e.errno, str(e.errno)) if e.errno is not None else "?"
    return msg("output.os.other", code=code, text=e.strerror or str(e))
