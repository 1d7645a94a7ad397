"""The command line: each command turns options into a core call, a renderer and an exit code.

Exit codes: 0 clean, 1 problems at error level (warnings too under ``--strict``),
2 a usage mistake or a path that does not exist.
"""

from __future__ import annotations

import gc
import os
import sys
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


def load_or_exit(path: Path):
    """Check one map for a command that needs a sound map; its :class:`MapContext`.

    A path that does not exist exits 2; a map with errors prints its problems as
    `argmap check` would (warnings are left to `check`) and exits 1.
    """
    from .checker import check_file
    from .problems import ERROR
    from .render import reporter

    if not path.exists():
        raise fail(f"{path}: no such file")
    if path.is_dir():
        raise fail(f"{path}: is a folder; this command takes one map file")
    result = check_file(path)
    if result.has_errors:
        result.problems = [p for p in result.problems if p.severity == ERROR]
        sys.stderr.write(reporter("text")([result], color=use_color(sys.stderr)))
        raise typer.Exit(EXIT_PROBLEMS)
    return result.context


def write_output(data: str | bytes, output: str | Path | None, protect=(), announce: bool = False) -> None:
    """Print ``data``, or write it to ``output`` whole or not at all, never over a ``protect``ed file.

    ``None`` and ``-`` mean standard output. A file that cannot be written exits 2
    with one line saying why.
    """
    from .atomic import OutputError, write_atomic

    if isinstance(data, str):
        data = data.encode("utf-8")
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, data, protect=list(protect))
    except OutputError as exc:
        raise fail(str(exc))
    if announce:
        print(f"argmap: wrote {output}", file=sys.stderr)


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


def main() -> None:
    """Console entry point."""
    # One short run builds large acyclic structures: the cyclic garbage collector
    # would traverse a big map's graph again and again for nothing (seconds on a
    # map of 100,000 statements). `--watch` collects between runs.
    gc.disable()
    code = EXIT_USAGE
    try:
        app()
        code = EXIT_OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
    except Exception as exc:  # a bug in argmap: one line, not a traceback, unless asked for
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        print(f"argmap: internal error: {type(exc).__name__}: {exc} (set ARGMAP_DEBUG=1 for the traceback)",
              file=sys.stderr)
    # Leave without tearing down: freeing a large map's graph object by object takes
    # longer than the operating system takes to reclaim the whole process. Every
    # file argmap writes is complete and renamed into place by now; flush the streams.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`argmap check | head`): nothing more to say
            pass
    os._exit(code)


# Each command lives in a module of its own and registers itself on `app`.
from .commands import check as _check, evaluate as _evaluate, rules as _rules  # noqa: E402,F401
from .commands import schema as _schema  # noqa: E402,F401
from .commands import tree as _tree, render as _render, export as _export  # noqa: E402,F401
