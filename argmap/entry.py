"""The `argmap` console entry point, with a fast path for the commands CI runs most.

typer builds its command line with pydantic and click: about 100 ms of imports
before any work, which is most of a small map's check. ``argmap --version`` and
``argmap check ...`` (the command a CI job or pre-commit hook runs on every pull
request) are parsed here with :mod:`argparse` instead and run the same core
(:func:`argmap.checkrun.run_check`); anything else, and anything this parser does
not accept exactly (``--help``, a mistake, an option it does not know), goes to the
typer app, which answers as usual. A test checks that both parsers know the same
options and that both paths print the same thing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class _NotFast(Exception):
    """The arguments are not for the fast path: let typer handle them."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # a mistake: typer reports it in its own words
        raise _NotFast(message)


def check_parser() -> argparse.ArgumentParser:
    """`argmap check`'s options, as the typer command in :mod:`argmap.commands.check` declares them."""
    from .checkrun import FORMATS

    parser = _Parser(prog="argmap check", add_help=False, allow_abbrev=False)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--format", "-f", dest="output_format", choices=FORMATS, default="auto")
    parser.add_argument("--output", "-o", type=Path)
    parser.add_argument("--select", action="append")
    parser.add_argument("--ignore", action="append")
    parser.add_argument("--strict", action="store_true", default=None)
    parser.add_argument("--no-strict", dest="strict", action="store_false")
    parser.add_argument("--show-source", action="store_true")
    parser.add_argument("--stdin-filename")
    parser.add_argument("--jobs", "-j", type=_positive)
    parser.add_argument("--config", dest="config_file", type=Path)
    parser.add_argument("--no-config", action="store_true")
    parser.add_argument("--max-bytes", type=_positive)
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def check_options(argv: list[str]) -> dict | None:
    """`argmap check`'s options from ``argv`` (the arguments after `check`), or None when typer must answer."""
    if any(arg in ("--help", "-h") for arg in argv):
        return None
    try:
        options = vars(check_parser().parse_args(argv))
    except _NotFast:
        return None
    options["paths"] = options["paths"] or None
    return options


def main() -> None:
    """Console entry point: the fast path where it applies, else the typer app."""
    from .cliutil import run_and_exit

    argv = sys.argv[1:]
    if argv == ["--version"]:
        from . import __version__

        run_and_exit(lambda: print(f"argmap {__version__}"))
    options = check_options(argv[1:]) if argv[:1] == ["check"] else None
    if options is not None:
        from .checkrun import run_check

        run_and_exit(lambda: run_check(**options))
    from .cli import main as typer_main

    typer_main()
