"""Entry point for `python -m spbe_cli`."""

from __future__ import annotations

from spbe_cli.cli import main

# A spawned child process (Windows, macOS) imports this module as `__mp_main__`: only the
# process the user started runs the command.
if __name__ == "__main__":
    main()
