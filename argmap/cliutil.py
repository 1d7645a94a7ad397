"""What every command shares: exit codes, colour, rule codes, loading, writing, and leaving.

Helpers that end a command raise ``SystemExit``, which the typer app and typer's
test runner pass through unchanged.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:
    from .checker import CheckConfig, CheckResult
    from .context import MapContext

T = TypeVar("T")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_PATH = Path("arguments")

def fail(message: str) -> SystemExit:
    """Print one line on stderr and return the usage exit to raise.

    The line is escaped (:func:`~argmap.textsafe.shown`): a message may quote a path, a
    key or a value from a pull request, and no control character, escape sequence or
    workflow command from it may reach a terminal or a CI log.
    """
    from .textsafe import defuse_line, shown

    print(defuse_line(f"argmap: {shown(message, 4096)}"), file=sys.stderr)
    return SystemExit(EXIT_USAGE)


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never with ``NO_COLOR`` set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def parse_codes(values: list[str] | None, ignoring: bool = False) -> set[str]:
    """Rule codes from ``--select``/``--ignore`` values (codes or names, comma-separated).

    With ``ignoring`` (``--ignore``), a structural rule (AM001-AM008) is a usage mistake:
    a broken map must never pass.
    """
    from .rules import find_rule, spelling, structural_refusal

    codes = set()
    for value in values or []:
        for item in filter(None, (part.strip() for part in value.split(","))):
            rule = find_rule(item)
            if rule is None:
                raise fail(f"unknown rule `{item}`: `argmap rules` lists them")
            if item not in (rule.code, rule.name):  # as in maps and configuration: AM101 or unsupported-claim
                raise fail(f"unknown rule `{item}` (did you mean `{spelling(rule, item)}`?)")
            if ignoring and rule.structural:
                raise fail(f"--ignore {structural_refusal(rule)}")
            codes.add(rule.code)
    return codes


def load_or_exit(path: Path, max_bytes: int | None = None) -> MapContext:
    """Check one map for a command that needs a sound map; its :class:`MapContext`.

    ``-`` reads the map from standard input (problems name it ``<stdin>``). A path
    that does not exist exits 2; a map with errors prints its problems as `argmap
    check` would (warnings are left to `check`) and exits 1. A map larger than
    ``max_bytes`` (default: the loader's limit) is AM001.
    """
    return context_or_exit(check_or_exit(path, max_bytes))


def check_or_exit(path: Path, max_bytes: int | None = None) -> CheckResult:
    """Check one map file (or standard input, ``-``) for errors, whatever its problems: the rules that report
    warnings do not run (:attr:`CheckConfig.errors_only`), since the commands that call this leave warnings to
    `argmap check`. A path that does not exist or is a folder exits 2."""
    from .checker import check_file, check_loaded
    from .loader import STDIN_NAME, load_stream

    config = errors_config(max_bytes)
    if reads_stdin(path):
        return check_loaded(load_stream(sys.stdin.buffer, config.max_bytes), config, STDIN_NAME)
    if not os.path.lexists(path):  # a dangling link or a link loop is the loader's AM001, as in `check`
        raise fail(f"{path}: no such file")
    if path.is_dir():
        raise fail(f"{path}: is a folder; this command takes one map file")
    return check_file(path, config)


def errors_config(max_bytes: int | None = None) -> CheckConfig:
    """The configuration a command checks its map by when it refuses a map with errors and leaves warnings to
    `argmap check`: only the rules that report errors run (:attr:`CheckConfig.errors_only`), on a file of at most
    ``max_bytes`` (default: the loader's limit)."""
    from .checker import CheckConfig
    from .loader import MAX_FILE_BYTES

    return CheckConfig(max_bytes=max_bytes or MAX_FILE_BYTES, errors_only=True)


def context_or_exit(result: CheckResult) -> MapContext:
    """The context of a checked map, kept until the process exits; a map with errors prints them (warnings are
    left to `check`) on standard error and exits 1."""
    keep_until_exit(result)
    if result.has_errors:
        print_errors(result)
        raise SystemExit(EXIT_PROBLEMS)
    assert result.context is not None  # a map without errors was loaded
    return result.context


def print_errors(result: CheckResult) -> None:
    """Write the errors of a checked map on standard error, as `argmap check` would (its warnings are left out)."""
    from .problems import ERROR
    from .render import ReportOptions, reporter

    result.problems = [p for p in result.problems if p.severity == ERROR]
    sys.stderr.write(reporter("text")([result], ReportOptions(color=use_color(sys.stderr))))


def reads_stdin(path: str | Path) -> bool:
    """True when a command's map argument is ``-``: the map comes from standard input."""
    return str(path) == "-"


def write_output(data: str | bytes, output: str | Path | None, protect=(), announce: bool = False) -> None:
    """Print ``data``, or write it to ``output`` whole or not at all, never over a ``protect``ed file.

    ``None`` and ``-`` mean standard output; a ``protect``ed ``-`` (a map read from
    standard input) protects nothing. A FIFO, a character device and ``/dev/stdout``
    are written as streams (see :func:`argmap.atomic.write_atomic`). A file that
    cannot be written exits 2 with one line saying why.
    """
    from .atomic import OutputError, write_atomic
    from .textsafe import shown

    if isinstance(data, str):
        data = data.encode("utf-8")
    protect = [path for path in protect if not reads_stdin(path)]  # a map from stdin is in no file
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    for stream in (sys.stdout, sys.stderr):  # `-o /dev/stdout` writes on the descriptor: keep the order
        stream.flush()
    try:
        write_atomic(output, data, protect=list(protect))
    except OutputError as exc:
        raise fail(str(exc))
    if announce:
        print(f"argmap: wrote {shown(str(output), 4096)}", file=sys.stderr)


_KEPT: list[object] | None = None


def keep_until_exit(value: T) -> T:
    """Hold ``value`` (a map's model and graph) until :func:`run_and_exit` ends the process.

    When a command's function returns, its large map would be freed object by object
    (a third of a second for 100,000 statements) just before the process ends anyway;
    held here, it is reclaimed whole by ``os._exit``. Only while :func:`run_and_exit`
    leaves fast is anything held: a library caller, a test, a tracer see nothing kept.
    """
    if _KEPT is not None:
        _KEPT.append(value)
    return value


def release_kept() -> None:
    """Let go of what :func:`keep_until_exit` holds (``--watch`` runs the command again and again)."""
    if _KEPT:
        _KEPT.clear()


def leaves_fast() -> bool:
    """True when the process may skip freeing its objects at exit (the default for the command line).

    Not under a tracer or profiler (``coverage run``, ``python -m cProfile``, a
    debugger), which write their results at a normal exit: ``sys.gettrace()`` or
    ``sys.getprofile()`` set, or from Python 3.12 a ``sys.monitoring`` tool registered
    for the debugger, coverage or profiler ids; and not with ``ARGMAP_NO_FAST_EXIT=1``.
    """
    if os.environ.get("ARGMAP_NO_FAST_EXIT", "") not in ("", "0"):
        return False
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return False
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:
        tools = (monitoring.DEBUGGER_ID, monitoring.COVERAGE_ID, monitoring.PROFILER_ID)
        if any(monitoring.get_tool(tool) is not None for tool in tools):
            return False
    return True


def run_and_exit(command: Callable[[], object]) -> NoReturn:
    """Run ``command`` (it ends by raising ``SystemExit`` or returns an exit code) and leave the process.

    A bug in argmap is one line on stderr and exit 2, not a traceback (unless
    ``ARGMAP_DEBUG`` is set). This is the only place that changes process-wide
    state. The cyclic garbage collector is switched off for the run: one command
    builds large acyclic structures, and full collections would traverse a big
    map's graph again and again (about 14 of 22 seconds on a map of 100,000
    statements); `--watch` collects between runs. When :func:`leaves_fast`, the
    process then ends with ``os._exit`` once the streams are flushed, because
    freeing a large graph object by object takes longer than the operating system
    takes to reclaim the whole process; every file argmap writes is complete and
    renamed into place by then. Otherwise (a tracer, a profiler,
    ``ARGMAP_NO_FAST_EXIT=1``) it ends with ``sys.exit``, so that atexit handlers
    run and coverage and profile data are written.
    """
    global _KEPT
    fast = leaves_fast()
    gc.disable()
    if fast:
        _KEPT = []
    code = EXIT_USAGE
    try:
        result = command()
        code = result if isinstance(result, int) else EXIT_OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
    except Exception as exc:  # a bug in argmap: one line, not a traceback, unless asked for
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        print(f"argmap: internal error: {type(exc).__name__}: {exc} (set ARGMAP_DEBUG=1 for the traceback)",
              file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`argmap check | head`): nothing more to say
            pass
    if fast:
        os._exit(code)
    sys.exit(code)
