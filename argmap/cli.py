"""The command line: each command turns options into a core call, a renderer and an exit code.

Exit codes: 0 clean, 1 problems at error level (warnings too under ``--strict``),
2 a usage mistake or a path that does not exist.
"""

from __future__ import annotations

from typing import Annotated

import typer

from . import __version__
from .cliutil import (  # noqa: F401  (re-exported for the command modules)
    DEFAULT_PATH,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    fail,
    load_or_exit,
    parse_codes,
    run_and_exit,
    use_color,
    write_output,
)

app = typer.Typer(
    name="argmap",
    help="Map, check and evaluate arguments written as YAML: claims, evidence and counterclaims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def version_callback(value: bool) -> None:
    if value:
        print(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool | None, typer.Option(
        "--version", callback=version_callback, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Map, check and evaluate arguments written as YAML."""


def main() -> None:
    """Console entry point: the typer app, run by :func:`run_and_exit`."""
    run_and_exit(app)


# Each command lives in a module of its own and registers itself on `app` when imported.
from .commands import check, diff, evaluate, export, new, questions, quote, render, rules, schema, stats, tree  # noqa: F401
