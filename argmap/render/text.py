"""Problems as text: ``path:line:col: CODE message``, then a summary line."""

from __future__ import annotations

from ..checker import CheckResult, count
from ..problems import ERROR
from ..textsafe import shown

_RESET = "\x1b[0m"
_STYLE = {"path": "\x1b[1m", ERROR: "\x1b[31m", "warning": "\x1b[33m", "dim": "\x1b[2m"}


def report(results: list[CheckResult], color: bool = False) -> str:
    """One line per problem in path, line, column, code order, then a summary."""

    def paint(style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if color else text

    lines = []
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    for p in problems:
        where = paint("path", f"{shown(p.path, 400)}:{p.line}:{p.column}:")
        lines.append(f"{where} {paint(p.severity, p.code)} {shown(p.message, 2000)}")
    errors, warnings = count(problems)
    files = len(results)
    noun = "file" if files == 1 else "files"
    if not problems:
        lines.append(paint("dim", f"Checked {files} {noun}: no problems"))
    else:
        parts = f"{errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)}"
        lines.append(paint("dim", f"Checked {files} {noun}: {parts}"))
    return "\n".join(lines) + "\n"
