"""`argmap check`: check maps and report their problems (the work is in :mod:`argmap.checkrun`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..checkrun import FORMATS, run_check
from ..cli import app
from .viewing import MaxBytesOption

CheckFormat = Enum("CheckFormat", {name: name for name in FORMATS}, type=str)


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Map files or folders (searched for *.yaml and *.yml), or - for standard input. "
             "Default: `paths` from the configuration, else arguments/.",
        show_default=False)] = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", "-f", help="Output format. auto: github under GitHub Actions, else text.")] = "auto",
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the report to this file (atomically) instead of standard output.",
        dir_okay=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option(
        help="Only these rules (codes or names, comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(
        help="Skip these rules (codes or names, comma-separated).")] = None,
    strict: Annotated[Optional[bool], typer.Option(
        "--strict/--no-strict", help="Exit 1 on warnings too.", show_default=False)] = None,
    show_source: Annotated[bool, typer.Option(
        "--show-source", help="Print the line of each problem with a caret under its column (text output).")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(
        help="The name to give a map read from standard input, in problems and for the configuration.")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Worker processes for checking many files. Default: the number of cores.",
        show_default=False)] = None,
    config_file: Annotated[Optional[Path], typer.Option(
        "--config", help="Read this configuration file instead of looking for one.", dir_okay=False)] = None,
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Read no configuration file.")] = False,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Check argument maps for broken references, circular reasoning and other problems."""
    raise typer.Exit(run_check(paths, output_format.value, output, select, ignore, strict, show_source,
                               stdin_filename, jobs, config_file, no_config, max_bytes))
