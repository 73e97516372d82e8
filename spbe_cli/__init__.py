"""spbe-cli: exact SPBE / Pemerintah Digital index calculator and report generator."""

from __future__ import annotations

__version__ = "0.1.0"
