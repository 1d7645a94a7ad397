"""The semantics `argmap evaluate --semantics` chooses from: each one module, registered by name.

========================= ===================================== ===========================================
name                      module                                what it gives
========================= ===================================== ===========================================
``grounded`` (default)    :mod:`argmap.evaluate`                one labelling: what the map's reasons settle
``preferred``             :mod:`argmap.semantics.positions`     every defensible position, maximal ones
``stable``                :mod:`argmap.semantics.positions`     every position that leaves nothing open
``quadratic-energy``      :mod:`argmap.semantics.gradual`       a strength in [0, 1] for every statement
``df-quad``               :mod:`argmap.semantics.gradual`       a strength in [0, 1] for every statement
========================= ===================================== ===========================================

Every semantics answers with an :class:`Outcome`: an :class:`~argmap.evaluate.Evaluation`
whose labels the views, AM105 and the verdict read whatever produced them (under
preferred and stable the sceptical labels, under a weighted semantics *stands* for a
strength of at least 0.5), plus the positions or the strengths themselves.
``docs/evaluation.md`` states each semantics with its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..evaluate import Evaluation
    from ..graph import ArgumentGraph
    from .gradual import Strengths
    from .positions import Positions

LABELLING, POSITIONS, WEIGHTED = "labelling", "positions", "weighted"


@dataclass(frozen=True)
class Semantics:
    """One semantics: its name on the command line, what kind of answer it gives, and a line of help."""

    name: str
    family: str
    """``labelling`` (one labelling), ``positions`` (preferred, stable) or ``weighted`` (strengths)."""
    summary: str


SEMANTICS: dict[str, Semantics] = {s.name: s for s in (
    Semantics("grounded", LABELLING, "what the map's reasons settle, and nothing they leave open (the default)"),
    Semantics("preferred", POSITIONS, "every defensible position that takes as much as it can"),
    Semantics("stable", POSITIONS, "every position that leaves nothing undecided (there may be none)"),
    Semantics("quadratic-energy", WEIGHTED, "strengths from weights: Potyka's quadratic energy model"),
    Semantics("df-quad", WEIGHTED, "strengths from weights: DF-QuAD (Rago, Toni, Aurisicchio, Baroni)"),
)}
DEFAULT = "grounded"


class SemanticsError(ValueError):
    """An option that the chosen semantics cannot honour."""


@dataclass
class Outcome:
    """What one semantics says about a map."""

    semantics: Semantics
    evaluation: Evaluation
    """Labels of statements and inferences: grounded; sceptical under preferred and stable (empty when
    there is no stable position); from the strengths under a weighted semantics."""
    positions: Positions | None = None
    strengths: Strengths | None = None

    @property
    def has_verdict(self) -> bool:
        """False only under ``stable`` on a map with no stable position: there is nothing to be sceptical of."""
        return self.positions is None or bool(self.positions.positions)


def evaluate_with(name: str, graph: ArgumentGraph, assume: Mapping[str, str] | None = None,
                  require_support: bool = False, max_positions: int = 8) -> Outcome:
    """Evaluate ``graph`` under the semantics called ``name`` (a key of :data:`SEMANTICS`).

    Raises :class:`SemanticsError` for ``require_support`` under a weighted semantics:
    a weight already says how much a bare claim is worth, and rejecting it outright
    would override the weight the map gives it.
    """
    from ..evaluate import Evaluation, evaluate

    semantics = SEMANTICS[name]
    if semantics.family == LABELLING:
        return Outcome(semantics, evaluate(graph, assume, require_support))
    if semantics.family == POSITIONS:
        from ..defeats import defeat_graph
        from .positions import positions

        assumed = dict(assume or {})
        defeats = defeat_graph(graph, {node for node in assumed if "~>" in node})  # as the labelling reads it
        sceptical = Evaluation({}, {}, defeats, assumed, require_support, derived=defeats is not graph, written=graph)
        discounted = {node for node in defeats.statements() if sceptical.discounted(node)}
        found = positions(defeats, name, assumed=assumed, discounted=discounted, max_positions=max_positions)
        for node, label in found.sceptical.items():
            (sceptical.labels if defeats.is_statement(node) else sceptical.inferences)[node] = label
        return Outcome(semantics, sceptical, positions=found)
    if require_support:
        raise SemanticsError(f"--require-support does not apply under {name}: a weight says how much a bare claim "
                             "is worth (give it a low weight instead of rejecting it outright)")
    from ..evaluate import APPLICABLE, DEAD
    from .gradual import strengths

    result = strengths(graph, name, assume)
    labels = {node: result.label(node) for node in result.strengths}
    inferences = {node: APPLICABLE if result.relations.get(node, 0.0) >= 0.5 else DEAD
                  for node in graph.inferences()}
    weighted = Evaluation(labels, inferences, graph, dict(assume or {}))
    return Outcome(semantics, weighted, strengths=result)
