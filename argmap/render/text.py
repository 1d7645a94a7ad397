"""Problems as text: ``path:line:col: CODE severity message``, then a summary line.

The severity follows the code because the configuration can change it: a warning
raised to an error must read as an error."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..checker import MAX_PROBLEMS, CheckResult, totals
from ..problems import ERROR, Problem
from ..textsafe import defuse_lines, shown
from . import ReportOptions

RESET = "\x1b[0m"
STYLE = {"path": "\x1b[1m", ERROR: "\x1b[31m", "warning": "\x1b[33m", "dim": "\x1b[2m"}


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    """One line per problem in path, line, column, code order, then a summary.

    With ``options.sources`` (path -> the file's lines), each problem is followed by
    the line it points at and a caret under its column, as ruff's ``--show-source``.
    """
    color, sources = options.color, options.sources

    def paint(style: str, text: str) -> str:
        return f"{STYLE[style]}{text}{RESET}" if color else text

    lines: list[str] = []
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    if options.statistics:
        lines += statistics(problems)
        problems = []
    for p in problems:
        where = paint("path", f"{shown(p.path, 400)}:{p.line}:{p.column}:")
        lines.append(f"{where} {paint(p.severity, p.code)} {p.severity} {shown(p.message, 2000)}")
        if sources is not None:
            lines += source_excerpt(sources.get(p.path), p.line, p.column, paint)
    lines += [paint("dim", line) for line in group_lines(problems)]
    if not options.quiet:
        lines.append(paint("dim", summary(results)))
    if not lines:
        return ""
    return defuse_lines("\n".join(lines) + "\n")  # a file named `::error ...` must not become a command


def group_lines(problems: Sequence[Problem]) -> list[str]:
    """One line for each group of two or more findings that one fix answers (:attr:`Problem.group`): the
    statements AM104 finds cut off together, and the top statement to link.

    Examples
    --------
    >>> found = [Problem("m.yaml", n, 3, "AM104", "disconnected", "warning", "x", s, "top")
    ...          for n, s in enumerate(["top", "a", "b"], start=4)]
    >>> print("\\n".join(group_lines(found)))
    m.yaml: 3 statements (AM104) are cut off together under `top` (line 4): one relation from `top` to the argument links them all
    """
    groups: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.group is not None:
            groups.setdefault((p.path, p.group), []).append(p)
    found = []
    for (path, top), members in groups.items():
        if len(members) < 2:
            continue
        line = next((p.line for p in members if p.subject == top), members[0].line)
        found.append(f"{shown(path, 400)}: {len(members)} statements ({members[0].code}) are cut off together under "
                     f"`{shown(top)}` (line {line}): one relation from `{shown(top)}` to the argument links them all")
    return found


def statistics(problems: Sequence[Problem]) -> list[str]:
    """One line per rule that found something, most frequent first: count, code, severity, name.

    Examples
    --------
    >>> from argmap.problems import Problem
    >>> found = [Problem("m.yaml", n, 1, c, name, "warning", "x") for n, (c, name) in
    ...          enumerate([("AM101", "unsupported-claim"), ("AM103", "unanswered-objection"),
    ...                     ("AM101", "unsupported-claim")], start=1)]
    >>> print("\\n".join(statistics(found)))
        2  AM101  warning  unsupported-claim
        1  AM103  warning  unanswered-objection
    """
    counts: dict[tuple[str, str, str], int] = {}
    for p in problems:
        key = (p.code, p.severity, p.name)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:>5}  {code}  {severity}  {name}" for (code, severity, name), count in ordered]


def summary(results: Sequence[CheckResult]) -> str:
    """``Checked 3 files: 1 error and 2 warnings`` (or ``: no problems``)."""
    files = len(results)
    noun = "file" if files == 1 else "files"
    errors, warnings, hidden = totals(results)
    if not errors and not warnings:
        return f"Checked {files} {noun}: no problems"
    text = f"Checked {files} {noun}: {errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)}"
    if hidden:
        text += f" ({hidden} not listed: each file lists its first {MAX_PROBLEMS})"
    return text


def source_excerpt(lines: Sequence[str] | None, line: int, column: int,
                   paint: Callable[[str, str], str] = lambda style, text: text) -> list[str]:
    """The line ``line`` of ``lines`` under a gutter, and a caret under ``column``; [] when there is no such line.

    Text from the map is escaped as in messages, and the caret follows the escaping.

    Examples
    --------
    >>> print("\\n".join(source_excerpt(["a: 1", "  b: {text: x}"], 2, 3)))
      2 |   b: {text: x}
        |   ^
    """
    if not lines or not 1 <= line <= len(lines):
        return []
    text = lines[line - 1].rstrip("\r\n")
    limit = 400
    before = shown(text[: column - 1].expandtabs(1), limit)
    gutter = f"{line:>3} | "
    blank = " " * (len(gutter) - 2) + "| "
    return [paint("dim", gutter) + shown(text.expandtabs(1), limit), paint("dim", blank) + " " * len(before) + "^"]
