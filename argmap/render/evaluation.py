"""`argmap evaluate` output: labels grouped by label, explanations and cruxes, as text or JSON."""

from __future__ import annotations

from dataclasses import dataclass

from ..evaluate import ACCEPTED, APPLICABLE, DEAD, LABELS, REJECTED, UNDECIDED, Crux, Evaluation
from ..explain import Step
from ..textsafe import defuse_lines, json_text, shown

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


def text(report: EvaluationReport, color: bool = False, width: int = 100) -> str:
    """Human-readable report: thesis first, then statements by label."""

    def paint(style: str, value: str) -> str:
        return f"{_COLOR[style]}{value}{_RESET}" if color else value

    evaluation, thesis = report.evaluation, report.thesis
    labels = evaluation.statement_labels
    lines = [f"Thesis `{thesis}` is {paint(labels[thesis], labels[thesis])}",
             f"  {shown(report.texts[thesis], width)}"]
    if evaluation.assumed:
        lines.append("Assuming " + ", ".join(f"`{k}` {v}" for k, v in evaluation.assumed.items()))
    if evaluation.require_support:
        lines.append("With --require-support: unsupported claims and counterclaims are rejected")
    for label in LABELS:
        members = [node for node, value in labels.items() if value == label]
        lines += ["", paint("bold", f"{label.capitalize()} ({len(members)})")]
        lines += [f"  {paint(label, _mark(label))} `{node}`  {paint('dim', shown(report.texts[node], width))}"
                  for node in members]
    if report.explained is not None and report.explanation is not None:  # set together
        lines += ["", paint("bold", f"Why `{report.explained}` is {evaluation.label(report.explained)}")]
        for step in report.explanation:
            lines.append(f"{'  ' * (step.depth + 1)}{_named(report, step.id)} is {paint(step.label, step.label)}: "
                         f"{step.reason}")
    if report.cruxes is not None:
        lines += ["", paint("bold", "Cruxes")]
        lines += _crux_lines(report, labels[thesis], paint, width)
    return defuse_lines("\n".join(lines) + "\n")


EXPLAINED_TEXT = 60
"""Characters of a statement's text an explanation leads with."""


def _named(report: EvaluationReport, node: str) -> str:
    """A statement as an explanation names it: its text, shortened, then its id in brackets; an inference
    or an attack by its id."""
    text = report.texts.get(node)
    return f"“{shown(text, EXPLAINED_TEXT)}” [{node}]" if text is not None else f"`{node}`"


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
    evaluation = report.evaluation
    data: dict = {
        "thesis": report.thesis,
        "thesis_label": evaluation.labels[report.thesis],
        "labels": evaluation.statement_labels,
        "inferences": evaluation.inferences,
        "assumed": evaluation.assumed,
        "require_support": evaluation.require_support,
    }
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
