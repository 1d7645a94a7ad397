"""The check engine: load a map, run the rules, give each finding its severity.

Severity comes from the configuration, not from the rule: a rule only finds things.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .context import MapContext
from .loader import MAX_FILE_BYTES, Loaded, load_map
from .model import NOWHERE, ArgumentMap, Ignore, Position
from .problems import ERROR, OFF, WARNING, Problem
from .rules import RULES, STRUCTURAL, Rule
from .textsafe import shown

UNUSED_IGNORE = "AM901"
MAX_PROBLEMS = 1000
"""Problems listed per file; the rest are counted (a hostile file can yield one per node)."""
MAX_QUOTED = 80
"""Longest id or key quoted in a message (in backticks); longer ones are shortened with an ellipsis."""
MAX_MESSAGE = 2000

_QUOTED = re.compile(rf"`([^`]{{{MAX_QUOTED + 1},}})`")


def bounded(message: str) -> str:
    """A message safe to print: quoted ids shortened, control characters escaped, length bounded.

    Examples
    --------
    >>> quoted = bounded("`" + "a" * 100 + "` is not defined").split("`")[1]
    >>> len(quoted), quoted[-2:]
    (80, 'a…')
    >>> print(bounded("bell" + chr(7)))
    bell\\x07
    """
    message = _QUOTED.sub(lambda m: f"`{m.group(1)[:MAX_QUOTED - 1]}…`", message)
    return shown(message, MAX_MESSAGE)


@dataclass
class CheckConfig:
    """Which rules run and how severe their problems are."""

    select: set[str] | None = None
    """Codes to report; None reports every rule but those off by default (AM109)."""
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    """Code -> ``error``, ``warning`` or ``off``, overriding the rule's default."""
    max_bytes: int = MAX_FILE_BYTES
    """Largest map file read; a larger one is AM001."""
    strict: bool = False
    """Warnings fail the file as errors do."""
    thesis: str | None = None
    """A statement to argue from instead of the map's thesis (``check --thesis``): AM103, AM104 and AM105
    are about it. A map without that statement is AM004 at its top."""
    errors_only: bool = False
    """Run only the rules whose problems are errors: for the commands that refuse a map with errors and leave
    its warnings to `argmap check` (`evaluate`, `tree`, `render`…), which would otherwise spend a third of
    their time on a large map finding warnings they never show."""
    config_of: Callable[[str | Path], CheckConfig] | None = field(default=None, repr=False, compare=False)
    """The configuration of another file (an included library): a problem written there is judged by it.
    None: by this one."""

    def severity_of(self, code: str) -> str:
        if code in STRUCTURAL:  # a broken map is always an error, whatever the configuration says
            return ERROR
        if code in self.ignore or (self.select is not None and code not in self.select):
            return OFF
        if self.select is None and RULES[code].default_off:
            return OFF
        severity = self.severity.get(code, RULES[code].severity)
        if severity == OFF and code not in self.severity and self.select is not None:
            return WARNING  # a rule that is off by default, selected by name
        return severity

    def runs(self, code: str) -> bool:
        """True when the rule ``code`` is to run: it is not off, and under :attr:`errors_only` it reports errors."""
        severity = self.severity_of(code)
        return severity == ERROR if self.errors_only else severity != OFF


@dataclass
class CheckResult:
    """A checked map: its problems, and its context when the map could be loaded."""

    path: str
    problems: list[Problem]
    context: MapContext | None = None
    omitted: dict[str, int] = field(default_factory=dict)
    """Severity -> how many problems past :data:`MAX_PROBLEMS` were counted but not kept."""
    seconds: float = 0.0
    """How long loading and checking the file took (for reports that show it, such as JUnit's)."""
    strict: bool = False
    """Checked under ``strict``: a warning fails the file as an error does."""

    @property
    def failed(self) -> bool:
        """True when the file fails the check: an error, or under ``strict`` a warning."""
        return self.has_errors or (self.strict and self.has_warnings)

    @property
    def has_errors(self) -> bool:
        return bool(self.omitted.get(ERROR)) or any(p.severity == ERROR for p in self.problems)

    @property
    def has_warnings(self) -> bool:
        return bool(self.omitted.get(WARNING)) or any(p.severity == WARNING for p in self.problems)


def check_file(path: str | Path, config: CheckConfig | None = None, display: str | None = None) -> CheckResult:
    """Load and check one map file; ``display`` is the path shown in problems."""
    config = config or CheckConfig()
    start = time.perf_counter()
    result = check_loaded(load_map(path, config.max_bytes), config, display or str(path))
    result.seconds = time.perf_counter() - start
    return result


class _Collector:
    """The problems of one file as the rules report them: severity applied, `ignore:` entries honoured,
    at most :data:`MAX_PROBLEMS` kept and the rest counted."""

    def __init__(self, path: str, config: CheckConfig, model: ArgumentMap | None) -> None:
        self.path, self.config, self.model = path, config, model
        self.problems: list[Problem] = []
        self.omitted: dict[str, int] = {}
        self.silencers, self.repeated = _silencers(model)
        self.used: set[Ignore] = set()
        self.ran: set[str] = set()
        self.broken = False
        """True once a structural rule (AM001-AM008) has found something."""

    def add(self, code: str, pos: Position, message: str, subject: str | None, group: str | None = None,
            file: str | None = None) -> None:
        if file is None and self.model is not None and self.model.includes:
            file = self.model.file_of(subject)
        config = self.config
        if file is not None and config.config_of is not None:
            config = config.config_of(file)
        severity = config.severity_of(code)
        if severity == OFF:
            return
        self.broken = self.broken or code in STRUCTURAL
        entry = self.silencers.get((subject, code)) if self.silencers and subject is not None else None
        if entry is not None:  # the statement's own `ignore:` silences it
            self.used.add(entry)
        elif len(self.problems) >= MAX_PROBLEMS:
            self.omitted[severity] = self.omitted.get(severity, 0) + 1
        else:
            self.problems.append(Problem(file or self.path, pos.line, pos.column, code, RULES[code].name, severity,
                                         bounded(message), subject, group))

    def run(self, rule: Rule, context: MapContext) -> None:
        assert rule.check is not None
        self.ran.add(rule.code)
        for finding in rule.check(context):
            self.add(rule.code, finding.pos, finding.message, finding.subject, finding.group)


def check_loaded(loaded: Loaded, config: CheckConfig | None, path: str) -> CheckResult:
    """Run every rule on a loaded map and apply the configuration.

    The rules that evaluate the map (``needs_sound_map``) run whenever no structural
    rule (AM001-AM008) found anything: raising another rule to an error hides nothing.
    """
    config = config or CheckConfig()
    found = _Collector(path, config, loaded.model)
    for issue in loaded.issues:
        found.add(issue.code, issue.pos, issue.message, issue.subject, file=issue.file)
    context = None
    if loaded.model is not None:
        context = MapContext(loaded.model)
        if config.thesis is not None:
            if config.thesis in loaded.model.statements:
                context.chosen_thesis = config.thesis
            else:
                found.add("AM004", NOWHERE, f"--thesis names `{shown(config.thesis)}`, which is not a statement of "
                          f"this map{context.suggester.hint(config.thesis)}", None)
        found.ran.update(rule.code for rule in RULES.values() if rule.check is None)  # reported by the loader
        active = [rule for rule in RULES.values() if rule.check is not None and config.runs(rule.code)]
        for rule in active:
            if not rule.needs_sound_map:
                found.run(rule, context)
        if not found.broken:
            for rule in active:
                if rule.needs_sound_map:
                    found.run(rule, context)
        if found.silencers or found.repeated:
            _report_unused(found)
    found.problems.sort(key=Problem.sort_key)
    return CheckResult(path, found.problems, context, found.omitted, strict=config.strict)


def _silencers(model: ArgumentMap | None) -> tuple[dict[tuple[str, str], Ignore], list[tuple[str, Ignore]]]:
    """(statement id, code) -> the `ignore` entry that silences it; and entries naming a rule again."""
    silencers: dict[tuple[str, str], Ignore] = {}
    repeated: list[tuple[str, Ignore]] = []
    if model is None:
        return silencers, repeated
    for stmt in model.statements.values():
        for entry in stmt.ignore:
            if (stmt.id, entry.code) in silencers:
                repeated.append((stmt.id, entry))
            else:
                silencers[stmt.id, entry.code] = entry
    return silencers, repeated


def _report_unused(found: _Collector) -> None:
    """AM901 for each `ignore` entry that silenced nothing, among rules that ran."""
    if not found.config.runs(UNUSED_IGNORE):
        return
    severity_of = found.config.severity_of
    for (subject, code), entry in found.silencers.items():
        # An entry for a rule that did not run cannot be judged; AM901's own entries
        # exist only to silence it, and judging them would go round in a circle.
        if entry not in found.used and code in found.ran and severity_of(code) != OFF and code != UNUSED_IGNORE:
            found.add(UNUSED_IGNORE, entry.pos, f"`ignore` of `{subject}` names `{code}` ({RULES[code].name}), "
                      f"which reports no problem about `{subject}`", subject)
    for subject, entry in found.repeated:
        found.add(UNUSED_IGNORE, entry.pos, f"`ignore` of `{subject}` names `{entry.code}` more than once", subject)


def totals(results: Iterable[CheckResult]) -> tuple[int, int, int]:
    """(errors, warnings, how many of them are not listed) over ``results``."""
    errors = warnings = hidden = 0
    for result in results:
        e, w = count(result.problems)
        errors += e + result.omitted.get(ERROR, 0)
        warnings += w + result.omitted.get(WARNING, 0)
        hidden += sum(result.omitted.values())
    return errors, warnings, hidden


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings) among ``problems``."""
    errors = warnings = 0
    for problem in problems:
        if problem.severity == ERROR:
            errors += 1
        elif problem.severity == WARNING:
            warnings += 1
    return errors, warnings
