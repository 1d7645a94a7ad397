"""`argmap check` from options to exit code: find the maps, check them, write the report.

The typer command (:mod:`argmap.commands.check`) only declares the options and calls
:func:`run_check`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cliutil import DEFAULT_PATH, EXIT_OK, EXIT_PROBLEMS, fail, keep_until_exit, parse_codes, use_color, write_output
from .textsafe import shown

if TYPE_CHECKING:
    from .checker import CheckResult

STDIN = "-"
STDIN_NAME = "<stdin>"


def run_check(paths: list[Path] | None = None, output_format: str = "auto", output: Path | None = None,
              select: list[str] | None = None, ignore: list[str] | None = None, strict: bool | None = None,
              show_source: bool = False, stdin_filename: str | None = None, jobs: int | None = None,
              config_file: Path | None = None, no_config: bool = False, max_bytes: int | None = None,
              quiet: bool = False, statistics: bool = False, exit_zero: bool = False,
              extend_select: list[str] | None = None, extend_ignore: list[str] | None = None,
              show_settings: Path | None = None, baseline: Path | None = None,
              write_baseline: Path | None = None, changed: bool = False, thesis: str | None = None) -> int:
    """Check maps as `argmap check` does with these options; print or write the report; the exit code."""
    from .config import ConfigError
    from .render import ReportOptions, reporter

    configs = read_configurations(config_file, no_config, select=parse_codes(select) or None,
                                  extend_select=parse_codes(extend_select) or None,
                                  ignore=parse_codes([*(ignore or []), *(extend_ignore or [])], ignoring=True) or None,
                                  strict=strict, max_bytes=max_bytes, thesis=thesis)
    try:
        if show_settings is not None:
            from .config import describe

            write_output(describe(configs, show_settings), output)
            return EXIT_OK
        root = report_root(configs)
        if stdin_filename is not None or any(str(path) == STDIN for path in paths or []):
            results, checked, sources = check_stdin(paths, stdin_filename, configs)
        else:
            results, checked, sources = check_paths(paths, configs, jobs, changed)
    except ConfigError as exc:
        raise fail(str(exc))
    keep_until_exit(results)
    if write_baseline is not None:
        record_baseline(results, write_baseline, root, checked)
        return EXIT_OK
    if baseline is not None:
        results = apply_baseline(results, baseline, root)
    fmt = output_format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if show_source and sources is None:
        sources = read_sources(results)
    if statistics and fmt != "text":
        raise fail(f"--statistics counts findings in the text report; it cannot be combined with --format {fmt}")
    code = EXIT_OK if exit_zero else exit_code(results)
    options = ReportOptions(color=output is None and use_color(), strict=any(result.strict for result in results),
                            sources=sources if show_source else None, root=os.getcwd(), quiet=quiet,
                            statistics=statistics, repository=root, exit_code=code)
    text = reporter(fmt)(results, options)
    write_report(text, output, checked)
    return code


def record_baseline(results, path: Path, root: str, checked: list[Path]) -> None:
    """Write the baseline of ``results`` to ``path`` (never over a map) and say how many findings it holds."""
    from .baseline import baseline_text

    write_output(baseline_text(results, root), path, protect=maps_at(path, checked))
    count = sum(len(result.problems) for result in results)
    print(f"argmap: recorded {count} finding{'s' * (count != 1)} in {shown(str(path), 4096)}", file=sys.stderr)


def apply_baseline(results, path: Path, root: str):
    """``results`` without the findings the baseline ``path`` records."""
    from .baseline import BaselineError, read_baseline, without_baselined

    try:
        return without_baselined(results, read_baseline(path), root)[0]
    except BaselineError as exc:
        raise fail(str(exc))


def read_configurations(config_file: Path | None, no_config: bool, **cli):
    """The configurations: the file named, none, or the one nearest each map; flags from the command line."""
    from .config import ConfigError, Configurations

    try:
        return Configurations(config_file, no_config, **cli)
    except ConfigError as exc:
        raise fail(str(exc))


def report_root(configs) -> str:
    """The folder machine reports name files from: the git work tree's top, else the folder of the
    configuration that applies in the working folder, else the working folder."""
    from .repo import work_tree

    cwd = os.getcwd()
    top = work_tree(cwd)
    if top is not None:
        return str(top)
    settings = configs.in_folder(cwd)
    return str(settings.file.parent.resolve()) if settings.file is not None else cwd


def check_paths(paths: list[Path] | None, configs, jobs: int | None, changed: bool = False):
    """Check the maps under ``paths``: (results, the files checked, None: their lines are read if needed).

    With ``changed``, ``paths`` are the files a commit changed (see :func:`affected_maps`).
    """
    from .runner import check_files

    found = affected_maps(paths or [], configs) if changed else find_maps(paths, configs)
    results = without_repeats(check_files(found.files, configs.check_config, jobs))
    results += [unreadable_result(path, reason, configs.check_config(path)) for path, reason in found.unreadable]
    checked = found.files + [path for path, _ in found.unreadable]
    return results, checked, None


def without_repeats(results: list[CheckResult]) -> list[CheckResult]:
    """``results`` with each problem listed once: a problem in a library that several checked maps include is
    kept in the first result that reports it. A problem is its file, position and code, not its message: a map
    that includes the library ``as`` an alias names its ids ``ALIAS.ID`` where the library alone names them ``ID``."""
    seen: set[tuple] = set()
    for result in results:
        keys = [(os.path.normpath(p.path), p.line, p.column, p.code) for p in result.problems]
        if seen:
            result.problems = [p for p, key in zip(result.problems, keys) if key not in seen]
        seen.update(keys)
    return results


def check_stdin(paths: list[Path] | None, name: str | None, configs):
    """Check the one map on standard input: (results, the files checked, its lines).

    The configuration is the one that applies to ``name`` (``--stdin-filename``), as
    if the map were there; without a name, the one of the working folder.
    """
    from .checker import check_loaded
    from .loader import Loaded, load_bytes

    if paths and [str(path) for path in paths] != [STDIN]:
        raise fail("`-` (standard input) cannot be combined with other paths")
    display = name or STDIN_NAME
    where = Path(name) if name else Path(os.getcwd()) / STDIN_NAME
    config = configs.check_config(where)
    data = sys.stdin.buffer.read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        from .loader import too_large

        return [check_loaded(Loaded(None, [too_large(None, config.max_bytes)]), config, display)], [], {}
    if name and configs.excluded(Path(name)):
        return [], [], {}
    loaded = load_bytes(data, display, base_dir=Path(name).parent if name else None)
    results = [check_loaded(loaded, config, display)]
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


def find_maps(paths: list[Path] | None, configs):
    """The map files to check: the PATHs given, else the configured `paths`, else arguments/.

    A file or folder is left out when the configuration of the working folder, or the
    one nearest to it, excludes it.
    """
    from .discover import PathNotFound, discover

    settings = configs.in_folder(os.getcwd())
    if not paths and settings.paths:
        paths = [shown_path(path) for path in settings.paths]
    paths = paths or [DEFAULT_PATH]
    try:
        found = discover(paths, exclude=configs.excluded)
    except PathNotFound as exc:
        raise fail(str(exc))
    if found.empty:
        raise fail(f"{found.empty[0]}: no map files (*.yaml, *.yml) in it")
    return found


def affected_maps(changed: list[Path], configs):
    """The maps a commit that changed the files ``changed`` can break (``check --changed``, for pre-commit).

    They are the changed files that are maps (named like one, ``*/arguments/*.yaml`` or
    ``*.argmap.yaml``, or found under the configured `paths`), and the maps under the
    configured `paths` (else ``arguments/``, where it exists) whose ``source.text_file``
    or one of whose included libraries is one of the changed files. Deleted and excluded
    files are left out.
    """
    from .discover import Discovery, discover, named_like_a_map

    settings = configs.in_folder(os.getcwd())
    roots = [shown_path(path) for path in settings.paths] if settings.paths else [DEFAULT_PATH]
    known = discover([root for root in roots if root.exists()], exclude=configs.excluded).files
    changed_files = {os.path.realpath(path): path for path in changed if path.is_file()}
    known_real = {os.path.realpath(path) for path in known}
    found = Discovery()
    for real, path in changed_files.items():
        if (named_like_a_map(path) or real in known_real) and not configs.excluded(path):
            found.files.append(path)
    picked = {os.path.realpath(path) for path in found.files}
    for path in known:
        real = os.path.realpath(path)
        if real not in picked and not changed_files.keys().isdisjoint(files_read(path)):
            found.files.append(path)
            picked.add(real)
    return found


def files_read(path: Path) -> list[str]:
    """The resolved paths of the other files the map ``path`` reads: its ``source.text_file`` and the libraries
    it includes.

    The map is read by the loader, with all its limits (regular files only, the size,
    node and alias budgets). A map the loader refuses reads nothing here, as a map
    that is not YAML did before: it is reported when it changes itself.
    """
    from .loader import load_map

    model = load_map(path).model
    if model is None:
        return []
    found = [os.path.realpath(library) for library in model.includes]
    if model.source is not None and model.source.text_file is not None:
        found.append(os.path.realpath(path.parent / model.source.text_file))
    return found


def shown_path(path: Path) -> Path:
    """A configured path as the user would type it from the working folder."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def read_sources(results) -> dict[str, list[str]]:
    """The lines of every file that has a problem (a map, or a library it includes), for ``--show-source``."""
    import stat

    sources = {}
    for path in {problem.path for result in results for problem in result.problems}:
        try:
            if stat.S_ISREG(os.stat(path).st_mode):  # never wait on a FIFO
                sources[path] = Path(path).read_bytes().decode("utf-8", errors="replace").splitlines()
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


def exit_code(results) -> int:
    """1 when a file fails (an error, or a warning where ``strict`` applies), else 0."""
    return EXIT_PROBLEMS if any(result.failed for result in results) else EXIT_OK
