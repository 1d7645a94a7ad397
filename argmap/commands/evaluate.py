"""`argmap evaluate`: which claims stand, why, and what the case hinges on."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..cli import app, fail, load_or_exit, use_color, write_output
from ..semantics import LABELLING, POSITIONS, SEMANTICS, WEIGHTED, SemanticsError, evaluate_with
from ..textsafe import shown
from .viewing import (
    DEFAULT_SEMANTICS,
    MapArgument,
    MaxBytesOption,
    OutputOption,
    SemanticsOption,
    ThesisOption,
    assumptions_or_exit,
    thesis_or_exit,
)


class EvaluateFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def evaluate(
    path: MapArgument,
    assume: Annotated[list[str] | None, typer.Option(
        help="Fix a label first: ID=accepted or ID=rejected for a statement, ID=applicable or ID=dead for an "
             "argument or a relation (FROM:TO: a support or an attack) (repeatable).")] = None,
    require_support: Annotated[bool, typer.Option(
        help="Reject claims and counterclaims that nothing supports (evidence and implicit claims stay given).")] = False,
    explain: Annotated[str | None, typer.Option(
        metavar="ID", help="Explain why this statement has its label, or this inference or undercut attack its "
        "status (a relation as FROM:TO).")] = None,
    cruxes: Annotated[bool, typer.Option(
        "--cruxes", help="List the smallest sets of statements whose rejection changes the thesis's label (when it "
        "is not accepted: what would make it accepted).")] = False,
    crux_size: Annotated[int, typer.Option(
        "--crux-size", min=1, max=3, metavar="N",
        help="With --cruxes: try sets of up to N statements (1 to 3; default 1).")] = 1,
    semantics_name: SemanticsOption = DEFAULT_SEMANTICS,
    max_positions: Annotated[int, typer.Option(
        "--max-positions", min=1, metavar="N",
        help="Under preferred and stable: list at most N positions (the verdict covers them all).")] = 8,
    output_format: Annotated[EvaluateFormat, typer.Option("--format", "-f", help="Output format.")] = EvaluateFormat.text,
    thesis_id: ThesisOption = None,
    max_bytes: MaxBytesOption = None,
    output: OutputOption = None,
) -> None:
    """Label every statement accepted, rejected or undecided, starting with the thesis."""
    from ..evaluate import MAX_CRUX_WORK, assumable, crux_search
    from ..explain import explain as explain_statement
    from ..render.evaluation import EvaluationReport, as_json, text
    from ..views.tree import library_name

    context = load_or_exit(path, max_bytes)
    thesis_or_exit(context, thesis_id)
    thesis = context.thesis
    if thesis is None:  # a library: a thesis that names no statement in a map is an error load_or_exit stops at
        raise fail(f"{shown(str(path), 400)}: a library has no thesis; evaluate a map that includes it, or name "
                   "the statement to start from with --thesis")
    assumed = assumptions_or_exit(context, assume)
    explained = assumable(explain, context.graph) if explain is not None else None
    if explain is not None and explained is None:
        raise fail(f"--explain `{explain}`: not a statement, inference or attack of this map{context.hint(explain)}")
    semantics = semantics_name.value
    family = SEMANTICS[semantics].family
    if family == POSITIONS and (explain is not None or cruxes):
        raise fail(f"--{'explain' if explain is not None else 'cruxes'} works with the grounded and the weighted "
                   f"semantics; under {semantics} the positions show where each statement's label differs")
    texts = {sid: stmt.text for sid, stmt in context.model.statements.items()}
    if family == LABELLING:
        evaluation = context.evaluate(assumed, require_support)  # the check's own when nothing is assumed
        report = EvaluationReport(thesis, evaluation, texts)
    else:
        try:
            outcome = evaluate_with(semantics, context.graph, assumed, require_support, max_positions)
        except SemanticsError as exc:
            raise fail(str(exc))
        evaluation = outcome.evaluation
        report = EvaluationReport(thesis, evaluation, texts, outcome=outcome)
    report.files = {sid: library_name(stmt.file, context.model.path)
                    for sid, stmt in context.model.statements.items() if stmt.file is not None}
    if family == WEIGHTED:
        weighted_extras(report, context.graph, semantics, assumed, explained, explain, cruxes, crux_size)
    else:
        if explained is not None and explained not in evaluation.graph:  # an attack that nothing undercuts
            raise fail(f"--explain `{explain}`: nothing undercuts this attack, so it holds exactly when its "
                       "attacker is accepted (and outweighs what it attacks): explain either statement instead")
        if explained is not None:
            report.explained = explained
            report.explanation = explain_statement(evaluation, explained)
        if cruxes:
            search = crux_search(thesis, evaluation, budget=MAX_CRUX_WORK, size=crux_size)
            report.cruxes, report.crux_size = search.cruxes, crux_size
            report.cruxes_tried = None if search.complete else (search.tried, search.candidates)
    to_stdout = output is None or output == "-"
    written = as_json(report) if output_format is EvaluateFormat.json else \
        text(report, color=to_stdout and use_color())
    write_output(written, output, protect=[path], announce=True)


def weighted_extras(report, graph, semantics: str, assumed: dict[str, str], explained: str | None,
                    explain: str | None, cruxes: bool, crux_size: int) -> None:
    """Under a weighted semantics: the contributions to the thesis (and to the statement --explain names), and
    the cruxes by strength."""
    from ..semantics.cruxes import weighted_cruxes
    from ..semantics.gradual import contributions

    outcome = report.outcome
    wanted = [report.thesis]
    if explained is not None:
        if explained not in outcome.strengths.strengths:
            raise fail(f"--explain `{explain}`: under {semantics}, explain a statement (its contributions)")
        report.explained = explained
        wanted.append(explained)
    report.contributions = {node: contributions(graph, semantics, node, assumed, result=outcome.strengths)
                            for node in dict.fromkeys(wanted)}
    if cruxes:
        search = weighted_cruxes(graph, semantics, report.thesis, assumed, size=crux_size, result=outcome.strengths)
        report.cruxes, report.crux_size = search.cruxes, crux_size
        report.cruxes_tried = None if search.complete else (search.tried, search.candidates)
