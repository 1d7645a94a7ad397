"""`argmap check` from options to exit code: find the maps, check them, write the report.

The typer command (:mod:`argmap.commands.check`) only declares the options and calls
:func:`run_check`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .cliutil import DEFAULT_PATH, EXIT_OK, EXIT_PROBLEMS, fail, keep_until_exit, parse_codes, use_color, write_output

STDIN = "-"
STDIN_NAME = "<stdin>"


def run_check(paths: list[Path] | None = None, output_format: str = "auto", output: Path | None = None,
              select: list[str] | None = None, ignore: list[str] | None = None, strict: bool | None = None,
              show_source: bool = False, stdin_filename: str | None = None, jobs: int | None = None,
              config_file: Path | None = None, no_config: bool = False, max_bytes: int | None = None,
              quiet: bool = False, statistics: bool = False, exit_zero: bool = False) -> int:
    """Check maps as `argmap check` does with these options; print or write the report; the exit code."""
    from .render import ReportOptions, reporter

    settings = read_settings(config_file, no_config).merged(
        select=parse_codes(select) or None, ignore=parse_codes(ignore, ignoring=True) or None, strict=strict,
        max_bytes=max_bytes)
    if stdin_filename is not None or any(str(path) == STDIN for path in paths or []):
        results, checked, sources = check_stdin(paths, stdin_filename, settings)
    else:
        results, checked, sources = check_paths(paths, settings, jobs)
    keep_until_exit(results)
    fmt = output_format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if show_source and sources is None:
        sources = read_sources(results)
    if statistics and fmt != "text":
        raise fail(f"--statistics counts findings in the text report; it cannot be combined with --format {fmt}")
    options = ReportOptions(color=output is None and use_color(), strict=bool(settings.strict),
                            sources=sources if show_source else None, root=os.getcwd(), quiet=quiet,
                            statistics=statistics)
    text = reporter(fmt)(results, options)
    write_report(text, output, checked)
    return EXIT_OK if exit_zero else exit_code(results, bool(settings.strict))


def read_settings(config_file: Path | None, no_config: bool):
    """The configuration: the file named, none, or the one found from the working folder up."""
    from .config import ConfigError, Settings, discover_settings, load_settings

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
    from .runner import check_files

    config_for = settings.check_configs()
    found = find_maps(paths, settings)
    results = check_files(found.files, config_for, jobs)
    results += [unreadable_result(path, reason, config_for(path)) for path, reason in found.unreadable]
    checked = found.files + [path for path, _ in found.unreadable]
    return results, checked, None


def check_stdin(paths: list[Path] | None, name: str | None, settings):
    """Check the one map on standard input: (results, the files checked, its lines)."""
    from .checker import check_loaded
    from .loader import Loaded, load_bytes

    if paths and [str(path) for path in paths] != [STDIN]:
        raise fail("`-` (standard input) cannot be combined with other paths")
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        from .loader import too_large

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
    from .discover import PathNotFound, discover

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
    from .checker import check_loaded
    from .loader import Issue, Loaded
    from .model import NOWHERE

    loaded = Loaded(None, [Issue("AM001", NOWHERE, f"Cannot read the map: {reason}")])
    return check_loaded(loaded, config, str(path))


def exit_code(results, strict: bool) -> int:
    if any(result.has_errors or (strict and result.has_warnings) for result in results):
        return EXIT_PROBLEMS
    return EXIT_OK
