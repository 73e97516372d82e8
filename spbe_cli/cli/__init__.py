"""The `spbe` command: parse options, call the core, print, map errors to exit codes.

Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.

`main` runs a plain `spbe score` through `quick` (no command-line framework: a fifth of a
cold start) and everything else through the typer command tree in `app`, built with
only the command the line names when it names one.
"""

from __future__ import annotations

import os
import sys

from spbe_cli.cli import quick


def main() -> None:
    # pydantic scans every installed package's entry points for plugins at import (about
    # 20 ms of a cold start); the CLI uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argv = sys.argv[1:]
    try:
        request = quick.score_request(argv, os.environ)
        if request is not None:
            sys.exit(quick.run(request))
        # cold start: typer and the command's options, for what `quick` does not take
        from spbe_cli.cli.app import _optional_flag_values, build, command_named

        build(command_named(argv))(args=_optional_flag_values(argv), prog_name="spbe")
    except KeyboardInterrupt:
        sys.exit(130)
