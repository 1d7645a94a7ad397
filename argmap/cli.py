"""The command line: each command turns options into a core call, a renderer and an exit code.

Exit codes: 0 clean, 1 problems at error level (warnings too under ``--strict``),
2 a usage mistake or a path that does not exist.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_PATH = Path("arguments")

app = typer.Typer(
    name="argmap",
    help="Map, check and evaluate arguments written as YAML: claims, evidence and counterclaims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class RulesFormat(str, Enum):
    text = "text"
    markdown = "markdown"


def fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the usage exit to raise."""
    print(f"argmap: {message}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never with ``NO_COLOR`` set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def parse_codes(values: list[str] | None) -> set[str]:
    """Rule codes from ``--select``/``--ignore`` values (codes or names, comma-separated)."""
    from .rules import find_rule

    codes = set()
    for value in values or []:
        for item in filter(None, (part.strip() for part in value.split(","))):
            rule = find_rule(item)
            if rule is None:
                raise fail(f"unknown rule `{item}`: `argmap rules` lists them")
            codes.add(rule.code)
    return codes


def version_callback(value: bool) -> None:
    if value:
        print(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=version_callback, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Map, check and evaluate arguments written as YAML."""


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
    from .checker import CheckConfig, check_file
    from .discover import PathNotFound, discover
    from .render import reporter

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
    from .checker import check_loaded
    from .loader import Issue, Loaded
    from .model import NOWHERE

    loaded = Loaded(None, [Issue("AM001", NOWHERE, f"Cannot read the map: {reason}")])
    return check_loaded(loaded, config, str(path))


def exit_code(results, strict: bool) -> int:
    from .problems import ERROR

    problems = [p for result in results for p in result.problems]
    if any(p.severity == ERROR or strict for p in problems):
        return EXIT_PROBLEMS
    return EXIT_OK


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(help="A rule's code or name: print its full documentation.")] = None,
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
) -> None:
    """List the rules, or explain one."""
    from .rules import RULES, find_rule
    from .rules_doc import rule_markdown, rules_markdown, rules_table

    if code is None:
        text = rules_markdown(RULES.values()) if output_format is RulesFormat.markdown else rules_table(RULES.values())
    else:
        rule = find_rule(code)
        if rule is None:
            raise fail(f"unknown rule `{code}`: `argmap rules` lists them")
        text = rule_markdown(rule)
    sys.stdout.write(text)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        sys.exit(EXIT_USAGE)
