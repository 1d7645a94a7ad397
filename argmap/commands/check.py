"""`argmap check`: check maps and report their problems."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import DEFAULT_PATH, EXIT_OK, EXIT_PROBLEMS, app, fail, parse_codes, use_color, write_output
from ..render import REPORT_FORMATS

STDIN = "-"
STDIN_NAME = "<stdin>"

# `auto`, then one choice per reporter in the registry.
CheckFormat = Enum("CheckFormat", {name: name for name in ("auto", *REPORT_FORMATS)}, type=str)


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
        "--jobs", "-j", min=1, help="Worker processes. Default: the number of cores.", show_default=False)] = None,
    config_file: Annotated[Optional[Path], typer.Option(
        "--config", help="Read this configuration file instead of looking for one.", dir_okay=False)] = None,
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Read no configuration file.")] = False,
    max_bytes: Annotated[Optional[int], typer.Option(
        "--max-bytes", min=1, help="Largest map file to read, in bytes (default 32 MiB); a larger one is AM001.",
        show_default=False)] = None,
) -> None:
    """Check argument maps for broken references, circular reasoning and other problems."""
    from ..render import reporter

    settings = read_settings(config_file, no_config).merged(
        select=parse_codes(select) or None, ignore=parse_codes(ignore) or None, strict=strict,
        max_bytes=max_bytes)
    if stdin_filename is not None or any(str(path) == STDIN for path in paths or []):
        results, checked, sources = check_stdin(paths, stdin_filename, settings)
    else:
        results, checked, sources = check_paths(paths, settings, jobs)
    fmt = output_format.value
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if show_source and sources is None:
        sources = read_sources(results)
    text = reporter(fmt)(results, color=output is None and use_color(), strict=bool(settings.strict),
                         sources=sources if show_source else None, root=os.getcwd())
    write_report(text, output, checked)
    raise typer.Exit(exit_code(results, bool(settings.strict)))


def read_settings(config_file: Path | None, no_config: bool):
    """The configuration: the file named, none, or the one found from the working folder up."""
    from ..config import ConfigError, Settings, discover_settings, load_settings

    try:
        if no_config:
            return Settings()
        if config_file is not None:
            return load_settings(config_file)
        return discover_settings()
    except ConfigError as exc:
        raise fail(str(exc))


def check_paths(paths: list[Path] | None, settings, jobs: int | None):
    """Check the maps under ``paths``: (results, the files checked, None: their lines are read if needed)."""
    from ..runner import check_files

    config_for = settings.check_configs()
    found = find_maps(paths, settings)
    results = check_files(found.files, config_for, jobs)
    results += [unreadable_result(path, reason, config_for(path)) for path, reason in found.unreadable]
    checked = found.files + [path for path, _ in found.unreadable]
    return results, checked, None


def check_stdin(paths: list[Path] | None, name: str | None, settings):
    """Check the one map on standard input: (results, the files checked, its lines)."""
    from ..checker import check_loaded
    from ..loader import Loaded, load_bytes

    if paths and [str(path) for path in paths] != [STDIN]:
        raise fail("`-` (standard input) cannot be combined with other paths")
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        from ..loader import too_large

        results = [check_loaded(Loaded(None, [too_large(None, settings.max_bytes)]),
                                settings.check_configs()(Path(name or STDIN_NAME)), name or STDIN_NAME)]
        return results, [], {}
    excluded = settings.excluded()
    if name and excluded is not None and excluded(Path(name)):
        return [], [], {}
    display = name or STDIN_NAME
    loaded = load_bytes(data, display, base_dir=Path(name).parent if name else None)
    results = [check_loaded(loaded, settings.check_configs()(Path(display)), display)]
    return results, [Path(name)] if name else [], {display: data.decode("utf-8", errors="replace").splitlines()}


def write_report(text: str, output: Path | None, checked: list[Path]) -> None:
    """Print the report, or write it to ``output`` whole or not at all (never over a map checked)."""
    write_output(text, output, protect=maps_at(output, checked) if output is not None else ())


def maps_at(output: Path, maps: list[Path]) -> list[Path]:
    """The maps that ``output`` would overwrite: one stat per map, not a path resolution."""
    try:
        target = os.stat(output)
    except OSError:
        return []  # no such file yet, so it is none of the maps
    found = []
    for path in maps:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            found.append(path)
    return found


def find_maps(paths: list[Path] | None, settings):
    """The map files to check: the PATHs given, else the configured `paths`, else arguments/."""
    from ..discover import PathNotFound, discover

    if not paths and settings.paths:
        paths = [shown_path(path) for path in settings.paths]
    paths = paths or [DEFAULT_PATH]
    try:
        found = discover(paths, exclude=settings.excluded())
    except PathNotFound as exc:
        raise fail(str(exc))
    if found.empty:
        raise fail(f"{found.empty[0]}: no map files (*.yaml, *.yml) in it")
    return found


def shown_path(path: Path) -> Path:
    """A configured path as the user would type it from the working folder."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def read_sources(results) -> dict[str, list[str]]:
    """The lines of every file that has a problem, for ``--show-source``."""
    import stat

    sources = {}
    for result in results:
        try:
            if result.problems and stat.S_ISREG(os.stat(result.path).st_mode):  # never wait on a FIFO
                sources[result.path] = Path(result.path).read_bytes().decode("utf-8", errors="replace").splitlines()
        except OSError:
            pass
    return sources


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
