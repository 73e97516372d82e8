"""Size and count limits, checked before parsing, so hostile files fail fast and small.

Defaults fit any real answer file with a wide margin; each can be raised through an
environment variable (read by the CLI, passed in; the readers never read the environment).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from spbe_cli.errors import Problem, SpbeError
from spbe_cli.i18n import msg
from spbe_cli.safetext import printable

MIB = 1024 * 1024
MAX_SETTING = 1_000_000  # the largest value an SPBE_MAX_* variable takes


@dataclass(frozen=True)
class Budget:
    """What a child process may use (isolate.py): bytes of address space, seconds of
    processor time per call."""

    memory_bytes: int
    cpu_seconds: int


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * MIB  # an answer file on disk
    unpacked_part_bytes: int = 16 * MIB  # one part of a .xlsx/.ods zip (a sheet, the strings)
    unpacked_total_bytes: int = 64 * MIB  # all parts of a .xlsx/.ods zip together
    zip_parts: int = 2_000  # parts in a .xlsx/.ods zip
    rows: int = 10_000  # rows of an answer sheet or CSV
    columns: int = 200  # columns of an answer sheet
    yaml_nodes: int = 200_000  # nodes of a YAML/JSON document
    evidence_items: int = 100  # items in one Bukti Dukung cell (`spbe check`)
    evidence_chars: int = 1_000  # characters of one Bukti Dukung item (a path or URL)
    # The child process that reads a spreadsheet (in a batch: reads, scores and renders one
    # file), where the OS can limit it (see isolate.py).
    reader_memory_bytes: int = 1024 * MIB  # its address space
    reader_cpu_seconds: int = 60  # processor time for one file

    ENV = {
        "file_bytes": ("SPBE_MAX_FILE_MB", MIB),
        "unpacked_part_bytes": ("SPBE_MAX_UNPACKED_PART_MB", MIB),
        "unpacked_total_bytes": ("SPBE_MAX_UNPACKED_MB", MIB),
        "zip_parts": ("SPBE_MAX_ZIP_PARTS", 1),
        "rows": ("SPBE_MAX_ROWS", 1),
        "columns": ("SPBE_MAX_COLUMNS", 1),
        "yaml_nodes": ("SPBE_MAX_YAML_NODES", 1),
        "evidence_items": ("SPBE_MAX_EVIDENCE_ITEMS", 1),
        "evidence_chars": ("SPBE_MAX_EVIDENCE_CHARS", 1),
        "reader_memory_bytes": ("SPBE_MAX_READER_MB", MIB),
        "reader_cpu_seconds": ("SPBE_MAX_READER_SECONDS", 1),
    }

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Limits:
        """Limits with any SPBE_MAX_* variables applied; a value that is not a whole number
        from 1 to MAX_SETTING is an error naming the variable."""
        values = {}
        problems = []
        for f in fields(cls):
            name, unit = cls.ENV[f.name]
            raw = env.get(name, "").strip()
            if not raw:
                continue
            if raw.isascii() and raw.isdigit() and len(raw) <= 7 and 0 < int(raw) <= MAX_SETTING:
                values[f.name] = int(raw) * unit
            else:
                shown = printable(raw[:20]) + ("…" if len(raw) > 20 else "")
                why = msg("model.limit.bad", value=shown, most=f"{MAX_SETTING:,}")
                problems.append(Problem(name, "", why))
        if problems:
            raise SpbeError(problems)
        return cls(**values)

    @property
    def budget(self) -> Budget:
        """What a child process that reads (and in a batch scores) one file may use."""
        return Budget(self.reader_memory_bytes, self.reader_cpu_seconds)


DEFAULT = Limits()
