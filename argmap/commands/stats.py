"""`argmap stats`: what one or several maps hold, counted."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import EXIT_PROBLEMS, app, load_or_exit, write_output
from ..cliutil import reads_stdin
from .viewing import MaxBytesOption, OutputOption

STATS_FORMAT_NAMES = ("text", "json")
"""The choices of ``--format``: the keys of :data:`argmap.render.stats.STATS_FORMATS`, imported only when the command
runs (it brings what the command needs, networkx included)."""
StatsFormat = Enum("StatsFormat", {name: name for name in STATS_FORMAT_NAMES}, type=str)  # type: ignore[misc]
"""The choices of --format: the renderers' names."""
DEFAULT_FORMAT = StatsFormat("text")


@app.command()
def stats(
    paths: Annotated[list[Path], typer.Argument(
        metavar="MAP...", help="The map files, or - to read one from standard input.", show_default=False)],
    output_format: Annotated[StatsFormat, typer.Option(
        "--format", "-f", help="Output format.")] = DEFAULT_FORMAT,  # type: ignore[valid-type]
    max_bytes: MaxBytesOption = None,
    output: OutputOption = None,
) -> None:
    """Count what each map holds: statements by kind, relations, the depth of support under the thesis, the
    claims that rest on evidence and the bare assertions, objections answered and unanswered, critical questions
    open, and how much of the source text the quotes cover; with several maps, a total.

    A map with errors prints them, as `argmap check` does, and the exit code is 1.
    """
    from ..loader import STDIN_NAME
    from ..render.stats import STATS_FORMATS
    from ..stats import map_stats, total

    found, broken = [], False
    for path in paths:
        try:
            context = load_or_exit(path, max_bytes)
        except SystemExit as exc:  # its errors are printed; the other maps' are worth printing too
            if exc.code != EXIT_PROBLEMS:
                raise
            broken = True
            continue
        found.append(map_stats(context, STDIN_NAME if reads_stdin(path) else str(path)))
    if broken:
        raise SystemExit(EXIT_PROBLEMS)
    write_output(STATS_FORMATS[output_format.value](found, total(found)), output, protect=paths, announce=True)
