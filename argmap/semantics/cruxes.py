"""Cruxes under a weighted semantics: the smallest sets whose rejection changes whether the thesis stands.

The definition is the grounded one (:func:`argmap.evaluate.crux_search`) with *stands*
(a strength of at least 0.5) for *accepted*: a crux of a thesis that stands is an
inclusion-minimal set of at most ``size`` statements whose strengths, pinned at 0,
leave the thesis below 0.5; for a thesis that does not stand, a set whose rejection
lifts it to 0.5 or more. Candidates are the statements from which a chain of
relations (supports, linked arguments, attacks, contradictions, undercuts of either)
leads to the thesis, other than the thesis, those the user assumed and those already
at strength 0. Each trial computes the strengths again with the set pinned
(:func:`argmap.semantics.gradual.strengths`); the work is counted as the nodes of the
weighted graph times the rounds a trial takes, within the same budget as the
grounded search, so the output never depends on the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import comb

from ..evaluate import MAX_CRUX_SIZE, MAX_CRUX_WORK, REJECTED, Crux, CruxSearch, OutOfBudget, crux_result, crux_sets
from ..graph import ArgumentGraph, attack_id, reach_by
from .gradual import Strengths, strengths


def upstream(graph: ArgumentGraph, thesis: str) -> set[str]:
    """Every node from which a chain of relations leads to ``thesis`` (included)."""

    def step(node: str) -> list[str]:  # what the labelling reads, and the undercutters of the attacks on it
        found = graph.dependencies(node)
        if graph.is_statement(node):
            found += [undercutter for attacker in graph.attackers(node) if attack_id(attacker, node) in graph
                      for undercutter in graph.undercutters(attack_id(attacker, node))]
        return found

    return reach_by([thesis], step)


def weighted_cruxes(graph: ArgumentGraph, semantics: str, thesis: str, assumed: Mapping[str, str] | None = None,
                    size: int = 1, result: Strengths | None = None, budget: int = MAX_CRUX_WORK) -> CruxSearch:
    """The cruxes of ``thesis`` under the weighted ``semantics`` (see the module's docstring).

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis, weight: 0.3}
    ...   a: {text: A reason, supports: t, weight: 0.9}
    ...   b: {text: Another, supports: t, weight: 0.2}
    ... '''
    >>> graph = ArgumentGraph.of(load_bytes(text, "m.yaml").model)
    >>> weighted_cruxes(graph, "df-quad", "t").cruxes
    [Crux(ids=('a',), thesis_label='rejected')]
    """
    assumed = dict(assumed or {})
    result = result or strengths(graph, semantics, assumed)
    start = result.label(thesis)
    reached = upstream(graph, thesis)
    pool = [node for node in graph.by_order(result.strengths)
            if node in reached and node != thesis and node not in assumed and result.strengths[node] > 0]
    size = min(size, MAX_CRUX_SIZE)
    total = sum(comb(len(pool), k) for k in range(1, size + 1))
    cost = (len(result.strengths) + len(result.relations)) or 1
    work = 0

    def trial(combo: tuple[str, ...]) -> str:
        nonlocal work
        pinned = strengths(graph, semantics, {**assumed, **dict.fromkeys(combo, REJECTED)})
        work += cost * max(1, pinned.rounds)
        if work > budget:
            raise OutOfBudget
        return pinned.label(thesis)

    found: list[Crux] = []
    tried = crux_sets(pool, range(1, size + 1), trial, start, found)
    return crux_result(found, tried, total, start)
