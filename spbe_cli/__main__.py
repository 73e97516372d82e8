"""Entry point for `python -m spbe_cli`."""

from __future__ import annotations

from spbe_cli.cli import main

main()
