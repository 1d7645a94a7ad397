"""`argmap evaluate` output: labels grouped by label, explanations and cruxes, as text or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..evaluate import ACCEPTED, APPLICABLE, DEAD, LABELS, REJECTED, UNDECIDED, Crux, Evaluation
from ..explain import Step
from ..textsafe import defuse_lines, json_text, shown

if TYPE_CHECKING:
    from ..semantics import Outcome
    from ..semantics.gradual import Contribution

_COLOR = {ACCEPTED: "\x1b[32m", REJECTED: "\x1b[31m", UNDECIDED: "\x1b[33m",
          APPLICABLE: "\x1b[32m", DEAD: "\x1b[31m", "bold": "\x1b[1m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"


@dataclass
class EvaluationReport:
    """Everything `argmap evaluate` shows; the optional parts are None when not asked for."""

    thesis: str
    evaluation: Evaluation
    texts: dict[str, str]
    explained: str | None = None
    explanation: list[Step] | None = None
    cruxes: list[Crux] | None = None
    cruxes_tried: tuple[int, int] | None = None
    """(sets tried, sets to try) when the crux search stopped at its budget."""
    crux_size: int = 1
    """The largest sets the crux search tried (``--crux-size``)."""
    outcome: Outcome | None = None
    """The semantics and what it gives beyond labels (positions, strengths); None is grounded."""
    contributions: dict[str, list[Contribution]] | None = None
    """Under a weighted semantics: statement (the thesis, and the one --explain names) -> its contributors."""
    files: dict[str, str] = field(default_factory=dict)
    """Statement -> the included library it is written in, relative to the map's folder (the map's own: absent)."""


def text(report: EvaluationReport, color: bool = False, width: int = 100) -> str:
    """Human-readable report: thesis first, then statements by label."""

    def paint(style: str, value: str) -> str:
        return f"{_COLOR[style]}{value}{_RESET}" if color else value

    evaluation, thesis = report.evaluation, report.thesis
    labels = evaluation.statement_labels
    outcome = report.outcome
    strengths = outcome.strengths.strengths if outcome is not None and outcome.strengths is not None else None

    def strength(node: str) -> str:
        return f" {strengths[node]:.2f}" if strengths is not None else ""

    if outcome is not None and not outcome.has_verdict:
        lines = [f"Thesis `{thesis}`: no verdict under {outcome.semantics.name}",
                 f"  {shown(report.texts[thesis], width)}"]
    else:
        lines = [f"Thesis `{thesis}` is {paint(labels[thesis], labels[thesis])}{strength(thesis)}",
                 f"  {shown(report.texts[thesis], width)}"]
    if outcome is not None:
        lines += _semantics_lines(report, paint, width)
    if evaluation.assumed:
        lines.append("Assuming " + ", ".join(f"`{k}` {v}" for k, v in evaluation.assumed.items()))
    if evaluation.require_support:
        lines.append("With --require-support: unsupported claims and counterclaims are rejected")
    lines += _label_groups(report, strength, paint, width)
    if report.explained is not None and report.explanation is not None:  # set together
        lines += ["", paint("bold", f"Why `{report.explained}` is {evaluation.label(report.explained)}")]
        for step in report.explanation:
            lines.append(f"{'  ' * (step.depth + 1)}{named(report, step.id)} is {paint(step.label, step.label)}: "
                         f"{step.reason}")
    lines += contribution_lines(report, strengths or {}, paint)
    if report.cruxes is not None:
        lines += ["", paint("bold", "Cruxes")]
        lines += _crux_lines(report, labels[thesis], paint, width)
    return defuse_lines("\n".join(lines) + "\n")


EXPLAINED_TEXT = 60
"""Characters of a statement's text an explanation leads with."""


def named(report: EvaluationReport, node: str) -> str:
    """A statement as an explanation names it: its text, shortened, then its id in brackets; an inference
    or an attack by its id."""
    text = report.texts.get(node)
    return f"“{shown(text, EXPLAINED_TEXT)}” [{node}]" if text is not None else f"`{node}`"


def _label_groups(report: EvaluationReport, strength, paint, width: int) -> list[str]:
    """The statements grouped by label (the sceptical ones under preferred and stable); under a weighted
    semantics only accepted and rejected (a strength stands or not), and nothing without a verdict."""
    outcome, labels = report.outcome, report.evaluation.statement_labels
    shown_labels: tuple[str, ...] = LABELS
    if outcome is not None and outcome.strengths is not None:
        shown_labels = (ACCEPTED, REJECTED)
    elif outcome is not None and not outcome.has_verdict:
        shown_labels = ()
    lines: list[str] = []
    for label in shown_labels:
        members = [node for node, value in labels.items() if value == label]
        lines += ["", paint("bold", f"{label.capitalize()} ({len(members)})")]
        lines += [f"  {paint(label, _mark(label))}{strength(node)} `{node}`  "
                  f"{paint('dim', shown(report.texts[node], width))}" for node in members]
    return lines


def contribution_lines(report: EvaluationReport, strengths: dict[str, float], paint) -> list[str]:
    """Under a weighted semantics: what each direct supporter and attacker adds to a statement's strength."""
    lines: list[str] = []
    for node, found in (report.contributions or {}).items():
        mine = strengths.get(node, 0.0)
        lines += ["", paint("bold", f"What bears on `{node}` (strength {mine:.2f})")]
        if not found:
            lines.append("  Nothing supports or attacks it: its strength is its weight")
        for item in found:
            role = "helps" if item.delta > 0 else "hurts" if item.delta < 0 else "changes nothing"
            lines.append(f"  `{item.id}` {role} ({item.delta:+.2f}): without it `{node}` would be "
                         f"{item.without:.2f} instead of {mine:.2f}")
    return lines


def _semantics_lines(report: EvaluationReport, paint, width: int) -> list[str]:
    """Under preferred and stable: the positions and how they differ; under a weighted semantics, a note."""
    outcome = report.outcome
    assert outcome is not None
    name = outcome.semantics.name
    if outcome.strengths is not None:
        note = f"Under {name}: each statement's strength (0 to 1); it stands at 0.5 or more"
        if not outcome.strengths.converged:
            note += (f". The strengths did not converge within {outcome.strengths.rounds:,} rounds "
                     f"({len(outcome.strengths.unconverged):,} nodes still moving): read them as approximate")
        return [note]
    found = outcome.positions
    assert found is not None
    shown_positions = [{node: label for node, label in position.items() if node in report.texts}
                       for position in found.positions]
    total = f"{found.total:,}" if found.total is not None else f"more than {len(found.positions):,}"
    lines = ["", paint("bold", f"Positions under {name}: {total}")]
    if not found.positions:
        lines.append("  None: no labelling leaves nothing undecided, so there is no sceptical verdict"
                     if name == "stable" else "  None")
        return lines
    differ = [node for node in shown_positions[0]
              if len({position[node] for position in shown_positions}) > 1]
    for number, position in enumerate(shown_positions, 1):
        parts = [f"{paint(position[node], _mark(position[node]))} `{node}`" for node in differ]
        lines.append(f"  {number}. " + (", ".join(parts) if parts else "the only position"))
    if found.total is None or found.total > len(found.positions):
        lines.append(f"  (listed: the first {len(found.positions):,}, in order of what they accept; see "
                     "--max-positions)")
    lines.append("  The labels below are the sceptical verdict: accepted or rejected in every position, "
                 "else undecided" + ("" if found.sceptical_complete else
                                     "; the search stopped early, so it covers only the positions found"))
    return lines


def _crux_lines(report: EvaluationReport, start: str, paint, width: int) -> list[str]:
    """The cruxes section: what the thesis hinges on, or, when it does not stand, what would flip it."""
    cruxes, size = report.cruxes or [], report.crux_size
    sets = "single statement" if size == 1 else f"set of up to {size} statements"
    lines = []
    if not cruxes:
        if report.cruxes_tried is not None:
            lines.append("  None among the sets tried")
        elif start == ACCEPTED:
            lines.append(f"  None: the thesis stays accepted whichever {sets} is rejected")
        else:
            lines.append(f"  None: rejecting no {sets} makes the thesis accepted")
    else:
        lines.append("  The thesis stops being accepted if all of one of these are rejected:" if start == ACCEPTED
                     else f"  The thesis is {start}; it becomes accepted if all of one of these are rejected:")
        for crux in cruxes:
            names = " + ".join(f"`{i}`" for i in crux.ids)
            lines.append(f"  {names} -> thesis {paint(crux.thesis_label, crux.thesis_label)}")
            lines += [f"      {paint('dim', shown(report.texts[i], width))}" for i in crux.ids] if len(crux.ids) > 1 \
                else []
            if len(crux.ids) == 1:
                lines[-1] += f"  {paint('dim', shown(report.texts[crux.ids[0]], width))}"
    if report.cruxes_tried is not None:
        tried, candidates = report.cruxes_tried
        lines.append(f"  The search stopped after trying {tried:,} of {candidates:,} sets, nearest the thesis first: "
                     "the list covers those tried")
    return lines


def _mark(label: str) -> str:
    return {ACCEPTED: "✓", REJECTED: "✗", UNDECIDED: "?"}[label]


def as_json(report: EvaluationReport) -> str:
    """The JSON object: thesis, thesis_label, labels, inferences, and what was asked for."""
    evaluation, outcome = report.evaluation, report.outcome
    data: dict = {
        "thesis": report.thesis,
        "semantics": outcome.semantics.name if outcome is not None else "grounded",
        "thesis_label": evaluation.labels.get(report.thesis),
        "labels": evaluation.statement_labels,
        "inferences": evaluation.inferences,
        "assumed": evaluation.assumed,
        "require_support": evaluation.require_support,
    }
    if outcome is not None and outcome.positions is not None:
        found = outcome.positions
        data["positions"] = [{node: label for node, label in position.items()
                              if node in report.texts} for position in found.positions]
        data["positions_total"] = found.total
        data["sceptical_complete"] = found.sceptical_complete
    if outcome is not None and outcome.strengths is not None:
        data["strengths"] = outcome.strengths.strengths
        data["converged"] = outcome.strengths.converged
        if report.contributions is not None:
            data["contributions"] = [{"id": item.id, "without": item.without, "delta": item.delta}
                                     for item in report.contributions.get(report.thesis, [])]
            if report.explained is not None and report.explained in report.contributions:
                data["explained_contributions"] = [{"id": item.id, "without": item.without, "delta": item.delta}
                                                   for item in report.contributions[report.explained]]
    if report.files:  # a map with libraries: where each statement of theirs is written
        data["files"] = report.files
    if report.explanation is not None:
        data["explanation"] = {
            "id": report.explained,
            "steps": [{"id": s.id, "label": s.label, "reason": s.reason, "depth": s.depth} for s in report.explanation],
        }
    if report.cruxes is not None:
        data["cruxes"] = [{"ids": list(c.ids), "thesis_label": c.thesis_label} for c in report.cruxes]
        data["crux_size"] = report.crux_size
        data["cruxes_complete"] = report.cruxes_tried is None
        if report.cruxes_tried is not None:
            data["cruxes_tried"], data["cruxes_candidates"] = report.cruxes_tried
    return json_text(data) + "\n"
