"""`argmap check`: check maps and report their problems."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import DEFAULT_PATH, EXIT_OK, EXIT_PROBLEMS, app, fail, parse_codes, use_color


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Map files or folders (searched for *.yaml and *.yml). Default: arguments/.",
        show_default=False)] = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    select: Annotated[Optional[list[str]], typer.Option(
        help="Only these rules (codes or names, comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(
        help="Skip these rules (codes or names, comma-separated).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 on warnings too.")] = False,
) -> None:
    """Check argument maps for broken references, circular reasoning and other problems."""
    from ..checker import CheckConfig, check_file
    from ..discover import PathNotFound, discover
    from ..render import reporter

    config = CheckConfig(select=parse_codes(select) or None, ignore=parse_codes(ignore))
    try:
        found = discover(paths or [DEFAULT_PATH])
    except PathNotFound as exc:
        raise fail(str(exc))
    if not found.files and not found.unreadable:
        raise fail(f"no map files (*.yaml, *.yml) in {', '.join(str(p) for p in paths or [DEFAULT_PATH])}")
    results = [check_file(path, config) for path in found.files]
    results += [unreadable_result(path, reason, config) for path, reason in found.unreadable]
    sys.stdout.write(reporter(output_format.value)(results, color=use_color()))
    raise typer.Exit(exit_code(results, strict))


def unreadable_result(path: Path, reason: str, config):
    """An AM001 result for a folder entry the walk could not read."""
    from ..checker import check_loaded
    from ..loader import Issue, Loaded
    from ..model import NOWHERE

    loaded = Loaded(None, [Issue("AM001", NOWHERE, f"Cannot read the map: {reason}")])
    return check_loaded(loaded, config, str(path))


def exit_code(results, strict: bool) -> int:
    from ..problems import ERROR

    problems = [p for result in results for p in result.problems]
    if any(p.severity == ERROR or strict for p in problems):
        return EXIT_PROBLEMS
    return EXIT_OK
