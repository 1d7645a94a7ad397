"""The check engine: load a map, run the rules, give each finding its severity.

Severity comes from the configuration, not from the rule: a rule only finds things.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import forked
from .context import MapContext
from .forked import usable_cores
from .loader import MAX_FILE_BYTES, Loaded, load_map
from .model import ArgumentMap, Ignore
from .problems import ERROR, OFF, WARNING, Finding, Problem
from .rules import RULES
from .textsafe import shown

UNUSED_IGNORE = "AM901"
UNREADABLE = "AM001"
MAX_PROBLEMS = 1000
"""Problems listed per file; the rest are counted (a hostile file can yield one per node)."""
MAX_QUOTED = 80
"""Longest id or key quoted in a message (in backticks); longer ones are shortened with an ellipsis."""
MAX_MESSAGE = 2000
SPLIT_MIN_NODES = 50_000
"""Graph nodes (statements and inferences) from which ``split`` shares the rules with a second process.

Forking and merging cost about 0.1 s; below this size the rules take less than a second."""
SECOND_PROCESS = frozenset({"AM007", "AM101", "AM103", "AM105", "AM108"})
"""The rules a split check runs in the forked child. They read the model and the graph's index, not
the networkx graph, which this process fills meanwhile; on the benchmark's 100,000-statement map they
take about as long as filling the graph and running the other rules (the evaluation behind AM105 is
most of it)."""

_QUOTED = re.compile(r"`([^`]{%d,})`" % (MAX_QUOTED + 1))


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
    """Codes to report; None reports every rule."""
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    """Code -> ``error``, ``warning`` or ``off``, overriding the rule's default."""
    max_bytes: int = MAX_FILE_BYTES
    """Largest map file read; a larger one is AM001."""

    def severity_of(self, code: str) -> str:
        if code == UNREADABLE:  # a file that cannot be read is always reported, as ruff does syntax errors
            return ERROR
        if code in self.ignore or (self.select is not None and code not in self.select):
            return OFF
        return self.severity.get(code, RULES[code].severity)


@dataclass
class CheckResult:
    """A checked map: its problems, and its context when the map could be loaded."""

    path: str
    problems: list[Problem]
    context: MapContext | None = None
    omitted: dict[str, int] = field(default_factory=dict)
    """Severity -> how many problems past :data:`MAX_PROBLEMS` were counted but not kept."""

    @property
    def has_errors(self) -> bool:
        return bool(self.omitted.get(ERROR)) or any(p.severity == ERROR for p in self.problems)

    @property
    def has_warnings(self) -> bool:
        return bool(self.omitted.get(WARNING)) or any(p.severity == WARNING for p in self.problems)


def check_file(path: str | Path, config: CheckConfig | None = None, display: str | None = None,
               split: bool = False, keep_evaluation: bool = False) -> CheckResult:
    """Load and check one map file; ``display`` is the path shown in problems.

    With ``split``, a large map's rules are shared with a forked second process (see
    :func:`check_loaded`).
    """
    gc_was_on = gc.isenabled()
    gc.disable()  # loading and checking build many objects and no garbage cycles worth collecting
    try:
        return check_loaded(load_map(path, (config or CheckConfig()).max_bytes), config, display or str(path),
                            split=split, keep_evaluation=keep_evaluation)
    finally:
        if gc_was_on:
            gc.enable()


@dataclass
class _RuleOutput:
    """What one rule found, made ready to merge: at most :data:`MAX_PROBLEMS` findings, the rest counted."""

    findings: list[Finding]
    overflow: int = 0
    used: set[Ignore] = field(default_factory=set)
    """The `ignore` entries that silenced a finding of the rule."""


def _run_rule(rule, context: MapContext, silencers: dict[tuple[str, str], Ignore]) -> _RuleOutput:
    output = _RuleOutput([])
    kept = output.findings
    for finding in rule.check(context):
        entry = silencers.get((finding.subject, rule.code)) if silencers else None
        if entry is not None:  # the statement's own `ignore:` silences it
            output.used.add(entry)
        elif len(kept) < MAX_PROBLEMS:
            kept.append(finding)
        else:
            output.overflow += 1
    return output


def check_loaded(loaded: Loaded, config: CheckConfig | None, path: str, split: bool = False,
                 keep_evaluation: bool = False) -> CheckResult:
    """Run every rule on a loaded map and apply the configuration.

    With ``split``, on a map of at least :data:`SPLIT_MIN_NODES` graph nodes and a
    machine with two cores, the rules of :data:`SECOND_PROCESS` run in a forked child
    while this process runs the others (the child runs the rules that need a sound
    map whatever the map, and they are dropped when it has errors). The findings are
    merged in the registry's order either way, so the result does not depend on it.
    With ``keep_evaluation`` (for a command that goes on to show the labels), the
    labels the child computed for AM105 come back too, as the context's evaluation.
    """
    config = config or CheckConfig()
    problems = []
    omitted: dict[str, int] = {}
    silencers, repeated = _silencers(loaded.model)
    used: set[Ignore] = set()

    def keep(code: str, severity: str, pos, message: str, subject) -> None:
        if len(problems) >= MAX_PROBLEMS:
            omitted[severity] = omitted.get(severity, 0) + 1
            return
        problems.append(Problem(path, pos.line, pos.column, code, RULES[code].name, severity,
                                bounded(message), subject))

    def add(code, pos, message, subject):
        severity = config.severity_of(code)
        if severity == OFF:
            return
        entry = silencers.get((subject, code)) if silencers else None
        if entry is not None:  # the statement's own `ignore:` silences it
            used.add(entry)
            return
        keep(code, severity, pos, message, subject)

    def merge(code: str, output: _RuleOutput) -> None:
        severity = config.severity_of(code)
        used.update(output.used)
        for finding in output.findings:
            keep(code, severity, finding.pos, finding.message, finding.subject)
        if output.overflow:
            omitted[severity] = omitted.get(severity, 0) + output.overflow

    for issue in loaded.issues:
        add(issue.code, issue.pos, issue.message, issue.subject)
    context = None
    if loaded.model is not None:
        context = MapContext(loaded.model)
        ran = {rule.code for rule in RULES.values() if rule.check is None}  # reported by the loader
        active = [rule for rule in RULES.values() if rule.check is not None and config.severity_of(rule.code) != OFF]
        shared = [rule for rule in active if rule.code in SECOND_PROCESS] \
            if split and len(context.index.kind) >= SPLIT_MIN_NODES and usable_cores() > 1 else []

        def in_child() -> tuple[dict[str, _RuleOutput], tuple | None]:
            found = {rule.code: _run_rule(rule, context, silencers) for rule in shared}
            return found, context.evaluation_parts() if keep_evaluation else None

        pending = forked.start(in_child) if shared else None
        try:
            outputs = {rule.code: _run_rule(rule, context, silencers) for rule in active
                       if rule not in shared and not rule.needs_sound_map}
            if pending is not None:
                found, labelled = pending.result()
                outputs.update(found)
                if labelled is not None:
                    context.adopt_evaluation(*labelled)
        finally:
            if pending is not None:
                pending.cancel()
        for rule in active:
            if not rule.needs_sound_map:
                ran.add(rule.code)
                merge(rule.code, outputs[rule.code])
        if not omitted.get(ERROR) and not any(p.severity == ERROR for p in problems):
            for rule in active:
                if rule.needs_sound_map:
                    ran.add(rule.code)
                    merge(rule.code, outputs.get(rule.code) or _run_rule(rule, context, silencers))
        if silencers or repeated:
            _report_unused(silencers, repeated, used, ran, config, add)
    problems.sort(key=Problem.sort_key)
    return CheckResult(path, problems, context, omitted)


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


def _report_unused(silencers, repeated, used, ran, config: CheckConfig, add) -> None:
    """AM901 for each `ignore` entry that silenced nothing, among rules that ran."""
    if config.severity_of(UNUSED_IGNORE) == OFF:
        return
    for (subject, code), entry in silencers.items():
        # An entry for a rule that did not run cannot be judged; AM901's own entries
        # exist only to silence it, and judging them would go round in a circle.
        if entry not in used and code in ran and config.severity_of(code) != OFF and code != UNUSED_IGNORE:
            add(UNUSED_IGNORE, entry.pos, f"`ignore` of `{subject}` names `{code}` ({RULES[code].name}), "
                f"which reports no problem about `{subject}`", subject)
    for subject, entry in repeated:
        add(UNUSED_IGNORE, entry.pos, f"`ignore` of `{subject}` names `{entry.code}` more than once", subject)


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
