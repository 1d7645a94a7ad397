"""`argmap check`: check maps and report their problems (the work is in :mod:`argmap.checkrun`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..checkrun import run_check
from ..cli import app
from .viewing import MaxBytesOption


class CheckFormat(str, Enum):
    """``--format`` choices: ``auto``, then each reporter of :data:`argmap.render.REPORT_FORMATS`.

    Listed member by member so that a type checker knows them; a test checks that
    every reporter is a choice.
    """

    auto = "auto"
    text = "text"
    grouped = "grouped"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Map files or folders (searched for *.yaml and *.yml), or - for standard input. "
             "Default: `paths` from the configuration, else arguments/.",
        show_default=False)] = None,
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", "-f", help="Output format. auto: github under GitHub Actions, else text.")] = CheckFormat.auto,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file (atomically) instead of standard output.",
        dir_okay=False)] = None,
    select: Annotated[list[str] | None, typer.Option(
        help="Only these rules (codes or names, comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        help="Skip these rules (codes or names, comma-separated).")] = None,
    extend_select: Annotated[list[str] | None, typer.Option(
        help="Add these rules to those selected (codes or names, comma-separated).")] = None,
    extend_ignore: Annotated[list[str] | None, typer.Option(
        help="Skip these rules too (the same as --ignore, as ruff has both).")] = None,
    strict: Annotated[bool | None, typer.Option(
        "--strict/--no-strict", help="Exit 1 on warnings too.", show_default=False)] = None,
    show_source: Annotated[bool, typer.Option(
        "--show-source", help="Print the line of each problem with a caret under its column (text output).")] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        help="The name to give a map read from standard input, in problems and for the configuration.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes for checking many files. Default: the number of cores.",
        show_default=False)] = None,
    config_file: Annotated[Path | None, typer.Option(
        "--config", help="Read this configuration file instead of looking for one.", dir_okay=False)] = None,
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Read no configuration file.")] = False,
    max_bytes: MaxBytesOption = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="The findings only, without the summary line (text output; the other formats have none).")] = False,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Text output: how many findings each rule has, instead of the findings.")] = False,
    show_settings: Annotated[Path | None, typer.Option(
        "--show-settings", help="Print the configuration that applies to this map and where it comes from, "
                                "then exit.", dir_okay=False, metavar="FILE")] = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Leave out the findings this baseline file records (see --write-baseline).",
        dir_okay=False, metavar="FILE")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Record today's findings in this file (JSON) and exit 0, to adopt argmap on "
                                 "an old archive: later runs with --baseline fail only on new findings.",
        dir_okay=False, metavar="FILE")] = None,
    changed: Annotated[bool, typer.Option(
        "--changed", help="Take the PATHs as the files a commit changed (pre-commit passes them): check those "
                          "that are maps and every map whose source.text_file is one of them.")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 whatever is found, errors included (still 2 for a usage or configuration "
                            "mistake).")] = False,
    thesis: Annotated[str | None, typer.Option(
        "--thesis", metavar="ID", help="Argue from this statement instead of the map's thesis (a counterclaim "
        "included): AM103, AM104 and AM105 are about it; a map without it is AM004.", show_default=False)] = None,
) -> None:
    """Check argument maps for broken references, circular reasoning and other problems."""
    raise typer.Exit(run_check(paths, output_format.value, output, select, ignore, strict, show_source,
                               stdin_filename, jobs, config_file, no_config, max_bytes,
                               quiet=quiet, statistics=statistics, exit_zero=exit_zero,
                               extend_select=extend_select, extend_ignore=extend_ignore, show_settings=show_settings,
                               baseline=baseline, write_baseline=write_baseline, changed=changed, thesis=thesis))
