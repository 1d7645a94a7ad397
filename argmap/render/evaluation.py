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
    """(candidates tried, candidates) when the crux search stopped at its budget."""


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
            lines.append(f"{'  ' * (step.depth + 1)}`{step.id}` is {paint(step.label, step.label)}: {step.reason}")
    if report.cruxes is not None:
        lines += ["", paint("bold", "Cruxes")]
        if labels[thesis] != ACCEPTED:
            lines.append(f"  None: the thesis is {labels[thesis]} to begin with, so there is nothing to lose")
        elif not report.cruxes:
            lines.append("  None: the thesis stays accepted whichever single statement is rejected"
                         if report.cruxes_tried is None else "  None among the statements tried")
        else:
            lines.append("  The thesis stops being accepted if any one of these is rejected:")
            lines += [f"  `{crux.id}` -> thesis {paint(crux.thesis_label, crux.thesis_label)}  "
                      f"{paint('dim', shown(report.texts[crux.id], width))}" for crux in report.cruxes]
        if report.cruxes_tried is not None:
            tried, candidates = report.cruxes_tried
            lines.append(f"  The search stopped after trying {tried:,} of {candidates:,} statements, nearest the "
                         "thesis first: the list covers those tried")
    return defuse_lines("\n".join(lines) + "\n")


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
        data["cruxes"] = [{"id": c.id, "thesis_label": c.thesis_label} for c in report.cruxes]
        data["cruxes_complete"] = report.cruxes_tried is None
        if report.cruxes_tried is not None:
            data["cruxes_tried"], data["cruxes_candidates"] = report.cruxes_tried
    return json_text(data) + "\n"
