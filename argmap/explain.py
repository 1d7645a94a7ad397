"""Why a statement has its label (or an inference its status): a chain of reasons a person can follow.

The explanation starts at the statement asked about and follows the reasons down
to statements that are given or assumed, one sentence a statement, each statement
explained once. For an undecided statement it names the cycle that leaves it
undecided, which may lie upstream of the statement itself.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .defeats import relation_of
from .evaluate import (
    ACCEPTED,
    APPLICABLE,
    ASSUMED,
    DEAD,
    DISCOUNTED,
    REJECTED,
    UNDECIDED,
    Evaluation,
)
from .graph import ATTACK, CONTRADICT, ArgumentGraph, reach_by

MAX_STEPS = 16


@dataclass(frozen=True)
class Step:
    """One sentence of an explanation: a statement, its label, why, and what that rests on."""

    id: str
    label: str
    reason: str
    depth: int
    next: tuple[str, ...] = ()


def explain(evaluation: Evaluation, statement: str, max_steps: int = MAX_STEPS) -> list[Step]:
    """The chain of reasons for ``statement``'s label, breadth first from it.

    Examples
    --------
    >>> import networkx as nx
    >>> from argmap.evaluate import evaluate
    >>> G = nx.MultiDiGraph()
    >>> for n in ("thesis", "objection", "reply"):
    ...     G.add_node(n, kind="claim")
    >>> _ = G.add_edge("objection", "thesis", key="attack")
    >>> _ = G.add_edge("reply", "objection", key="attack")
    >>> from argmap.graph import ArgumentGraph
    >>> for step in explain(evaluate(ArgumentGraph(G)), "thesis"):
    ...     print(step.id, step.label, "-", step.reason)
    thesis accepted - everything against it is rejected (`objection`), and it is taken as given (a bare claim: nothing supports it)
    objection rejected - it is attacked by `reply`, which is accepted
    reply accepted - nothing attacks it, and it is taken as given (a bare claim: nothing supports it)
    """
    steps: list[Step] = []
    seen = {statement}
    queue = deque([(statement, 0)])
    while queue and len(steps) < max_steps:
        node, depth = queue.popleft()
        step = _step(evaluation, node, depth)
        steps.append(step)
        for nxt in step.next:
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, depth + 1))
    return steps


def first_reason(evaluation: Evaluation, statement: str) -> str:
    """The first step of the explanation as one sentence: ``rejected: attacked by `x` ...``."""
    step = _step(evaluation, statement, 0)
    return f"{step.label}: {step.reason}"


def _names(ids) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _all_accepted(ids: list[str], every: str = "all") -> str:
    """``ids`` named, and that they are accepted: "`a`, which is accepted" for one, "`a`, `b`, all accepted" (or
    ``every``: "each") for more."""
    return f"`{ids[0]}`, which is accepted" if len(ids) == 1 else f"{_names(ids)}, {every} accepted"


def _first_decided(evaluation: Evaluation, nodes, before: str | None = None) -> list[str]:
    """``nodes`` in the order the fixed point decided them, only those decided before ``before``.

    Whatever decided a node was decided before it, so a reason chosen this way is
    well-founded: following such reasons never leads back to where it started.
    """
    rank = evaluation.rank
    limit = rank.get(before, len(rank)) if before is not None else len(rank) + 1
    found = [node for node in nodes if rank.get(node, len(rank)) < limit]
    return sorted(found, key=rank.__getitem__)


def _step(evaluation: Evaluation, node: str, depth: int) -> Step:
    """The sentence for ``node`` at ``depth``: why it has its label (depth 0 is the statement asked about)."""
    if relation_of(node) is not None:  # the hidden statement of an undercut attack: explain the attack
        node = relation_of(node) or node
    if not evaluation.graph.is_statement(node):
        return _inference_step(evaluation, node, depth)
    label = evaluation.labels[node]
    if evaluation.basis(node) == ASSUMED:
        return Step(node, label, f"you assumed it {label} (--assume)", depth)
    if label == ACCEPTED:
        return _accepted_step(evaluation, node, depth)
    if label == REJECTED:
        return _rejected_step(evaluation, node, depth)
    cycle = undecided_cycle(evaluation, node)
    return Step(node, UNDECIDED, _cycle_phrase(evaluation, node, cycle), depth)


def _inference_step(evaluation: Evaluation, inference: str, depth: int) -> Step:
    """Why an inference (asked about by ``--explain A:B``) is applicable, dead or undecided."""
    graph, status = evaluation.graph, evaluation.inferences[inference]
    if inference in evaluation.assumed:
        return Step(inference, status, f"you assumed it {status} (--assume)", depth)
    if status == APPLICABLE:
        premises, undercutters = graph.by_order(graph.premises(inference)), graph.by_order(graph.undercutters(inference))
        reason = f"its premise `{premises[0]}` is accepted" if len(premises) == 1 else \
            f"its premises ({_names(premises)}) are all accepted"
        reason += f", and every undercutter ({_names(undercutters)}) is rejected" if undercutters else \
            ", and nothing undercuts it"
        return Step(inference, APPLICABLE, reason, depth, (*premises, *undercutters))
    if status == DEAD:
        phrase, culprits = _dead_phrase(evaluation, inference)
        return Step(inference, DEAD, phrase, depth, tuple(culprits))
    cycle = undecided_cycle(evaluation, inference)
    return Step(inference, UNDECIDED, _cycle_phrase(evaluation, inference, cycle), depth)


def _accepted_step(evaluation: Evaluation, node: str, depth: int) -> Step:
    """Why ``node`` is accepted: what supports it (or why it is given), and that nothing against it holds."""
    graph = evaluation.graph
    attackers = [relation_of(a) or a for a in graph.by_order(graph.attackers(node))]
    into = graph.inferences_into(node)
    outweighed = ", ".join(f"`{a}` attacks it but weighs less ({weight:g} against {mine:g})"
                           for a, weight, mine in _outweighed(evaluation, node))
    if attackers:
        against = f"everything against it is rejected or stopped ({_names(attackers)})" \
            if any("~>" in a for a in attackers) else f"everything against it is rejected ({_names(attackers)})"
        against += f"; {outweighed}" if outweighed else ""
    else:
        against = f"nothing that weighs as much attacks it: {outweighed}" if outweighed else "nothing attacks it"
    if not into:
        return Step(node, ACCEPTED, f"{against}, and {_given(graph, node)}", depth, tuple(attackers))
    if depth == 0:  # the statement asked about: every reason that holds, not only the first
        sound = _sound_reasons(evaluation, node)
        applicable = [i for i in graph.by_order(into)
                      if evaluation.inferences[i] == APPLICABLE and sound(i)]
        because, rests = _supports_phrase(evaluation, applicable)
    else:
        because, rests = _first_support_phrase(evaluation, node, into)
    return Step(node, ACCEPTED, f"{because}; {against}", depth, (*rests, *attackers))


def _given(graph: ArgumentGraph, node: str) -> str:
    """Why a statement that nothing supports is accepted anyway."""
    if graph.kind(node) == "evidence":
        return "as evidence it is taken as given"
    if graph.implicit(node):
        return "as an implicit premise it is taken as given"
    return "it is taken as given (a bare claim: nothing supports it)"


def _first_support_phrase(evaluation: Evaluation, node: str, into: list[str]) -> tuple[str, list[str]]:
    """The first reason for ``node`` that the fixed point decided, and how many others hold too.

    Below the statement asked about one reason is enough, and the first decided one
    keeps the chain well-founded (see :func:`_first_decided`).
    """
    applicable = [i for i in _first_decided(evaluation, into, before=node)
                  if evaluation.inferences[i] == APPLICABLE]
    because, rests = _support_phrase(evaluation, applicable[0])
    others = sum(evaluation.inferences[i] == APPLICABLE for i in into) - 1
    if others:
        because += f" (and {others} other reason{'s' * (others > 1)} that also hold{'s' * (others == 1)})"
    return because, rests


def _rejected_step(evaluation: Evaluation, node: str, depth: int) -> Step:
    """Why ``node`` is rejected: an accepted attacker, every reason for it failing, or both."""
    if evaluation.basis(node) == DISCOUNTED:
        return Step(node, REJECTED, "nothing supports it, and --require-support discounts bare claims", depth)
    graph = evaluation.graph
    inferences = graph.inferences_into(node)
    accepted, all_dead = _rejections(evaluation, node, depth, inferences)
    reasons: list[str] = []
    rests: list[str] = []
    if accepted:
        reasons.append(_defeat_phrase(evaluation, node, accepted))
        rests += [relation_of(a) or a for a in accepted]
    if all_dead:
        failures = []
        for inference in graph.by_order(inferences):
            phrase, culprits = _dead_phrase(evaluation, inference)
            failures.append(phrase)
            rests += culprits
        reasons.append("every reason given for it fails: " + "; ".join(failures))
        if not accepted and all(evaluation.labels[a] == REJECTED for a in graph.attackers(node)):
            reasons[-1] += " (as a bare claim, with no reason given, it would stand: a failed reason sinks it)"
    return Step(node, REJECTED, "; and ".join(reasons), depth, tuple(dict.fromkeys(rests)))


def _rejections(evaluation: Evaluation, node: str, depth: int, inferences: list[str]) -> tuple[list[str], bool]:
    """The accepted attackers to name for a rejected ``node``, and whether to say that all its ``inferences`` fail.

    For the statement asked about, every reason that holds; below it, the first
    attacker decided, or else the failing inferences.
    """
    graph = evaluation.graph
    attackers = graph.by_order(graph.attackers(node))
    all_dead = bool(inferences) and all(evaluation.inferences[i] == "dead" for i in inferences)
    if depth == 0:
        sound = _sound_reasons(evaluation, node)
        accepted = [a for a in graph.by_order(attackers) if evaluation.labels[a] == ACCEPTED and sound(a)]
        return accepted, all_dead and all(sound(i) for i in inferences)
    accepted = [a for a in _first_decided(evaluation, attackers, before=node) if evaluation.labels[a] == ACCEPTED]
    if accepted:
        return accepted[:1], False
    return accepted, all_dead


def _outweighed(evaluation: Evaluation, node: str) -> list[tuple[str, float, float]]:
    """The attackers of ``node`` as written whose attack weights turned back on them: (id, weight, node's)."""
    written = evaluation.written
    if not evaluation.derived or written is None or node not in written:
        return []
    mine = written.weight(node)
    return [(a, written.weight(a), mine) for a in written.by_order(written.attackers(node))
            if written.weight(a) < mine]


def _defeat_phrase(evaluation: Evaluation, node: str, defeaters: list[str]) -> str:
    """Why the accepted ``defeaters`` reject ``node``: an attack as written, an attack that ``node`` made and
    lost on weight (reversed), or an attack that an undercut could have stopped and did not."""
    written = evaluation.written or evaluation.graph
    plain, reversed_, steps = [], [], []
    for defeater in defeaters:
        junction = relation_of(defeater)
        if junction is not None:
            steps.append(junction)
        elif written.has_relation(defeater, node, ATTACK) or written.has_relation(defeater, node, CONTRADICT) \
                or written.has_relation(node, defeater, CONTRADICT):
            plain.append(defeater)
        else:
            reversed_.append(defeater)
    parts = []
    if plain:
        parts.append(f"it is attacked by {_names(plain)}, {'which is' if len(plain) == 1 else 'each'} accepted")
    for defeater in reversed_:
        parts.append(f"it attacks `{defeater}`, which is accepted and weighs more "
                     f"({written.weight(defeater):g} against {written.weight(node):g}), so the attack turns back on it")
    for junction in steps:
        parts.append(f"the attack `{junction}` holds: its attacker is accepted and nothing that undercuts it is")
    return "; ".join(parts)


def _support_phrase(evaluation: Evaluation, inference: str) -> tuple[str, list[str]]:
    graph = evaluation.graph
    premises = graph.by_order(graph.premises(inference))
    undercutters = graph.by_order(graph.undercutters(inference))
    if not graph.is_statement(inference) and "->" in inference and len(premises) == 1:
        because = f"it is supported by `{premises[0]}`, which is accepted"
    else:
        because = f"the argument `{inference}` concludes in it from {_all_accepted(premises)}"
    if undercutters:
        because += f", and the step's undercutters ({_names(undercutters)}) are rejected"
    return because, premises + undercutters


def _sound_reasons(evaluation: Evaluation, node: str):
    """A test for reasons that can explain ``node`` without going round in a circle.

    A reason is sound when the fixed point decided it before ``node``, or when it does
    not depend on ``node`` at all (it lies outside everything ``node`` leads to).
    """
    rank = evaluation.rank
    mine = rank.get(node, len(rank))
    downstream = reach_by([node], evaluation.graph.dependents)
    return lambda reason: rank.get(reason, len(rank)) < mine or reason not in downstream


def _supports_phrase(evaluation: Evaluation, inferences: list[str]) -> tuple[str, list[str]]:
    """All the reasons that hold for a statement, in one clause."""
    if len(inferences) == 1:
        return _support_phrase(evaluation, inferences[0])
    graph = evaluation.graph
    single = [i for i in inferences if "->" in i and len(graph.premises(i)) == 1]
    single_set = set(single)  # beside the list, which keeps the order: a test on the list is quadratic in fan-in
    linked = [i for i in inferences if i not in single_set]
    parts = []
    if single:
        supporters = [graph.premises(i)[0] for i in single]
        parts.append(f"it is supported by {_all_accepted(supporters, 'each')}")
    for inference in linked:
        parts.append(f"the argument `{inference}` concludes in it from "
                     f"{_all_accepted(graph.by_order(graph.premises(inference)))}")
    rests: list[str] = []
    for inference in inferences:
        rests += graph.by_order(graph.premises(inference))
        rests += graph.by_order(graph.undercutters(inference))
    undercut = [i for i in inferences if graph.undercutters(i)]
    if undercut:
        parts.append("and every undercutter of those steps is rejected")
    return "; ".join(parts), list(dict.fromkeys(rests))


def _dead_phrase(evaluation: Evaluation, inference: str) -> tuple[str, list[str]]:
    graph, labels = evaluation.graph, evaluation.labels
    if inference in evaluation.assumed:
        return f"you assumed the step `{inference}` dead (--assume)", []
    premises, undercutters = graph.premises(inference), graph.undercutters(inference)
    is_premise, is_undercutter = set(premises), set(undercutters)
    culprits = [node for node in _first_decided(evaluation, premises + undercutters, before=inference)
                if (labels[node] == REJECTED and node in is_premise)
                or (labels[node] == ACCEPTED and node in is_undercutter)]
    culprit = culprits[0]
    if culprit in is_premise:
        owner = f"`{culprit}`" if "->" in inference else f"the premise `{culprit}` of `{inference}`"
        return f"{owner} is rejected", [culprit]
    return f"the step `{inference}` is undercut by `{culprit}`, which is accepted", [culprit]


def undecided_cycle(evaluation: Evaluation, statement: str) -> list[str]:
    """The shortest cycle that keeps ``statement`` undecided, as a list of nodes ending where it started.

    Every undecided node depends on some undecided node (else the rules would decide
    it), so the undecided nodes ``statement`` depends on hold a cycle. When
    ``statement`` lies on one, the shortest cycle through it is returned; otherwise the
    shortest cycle through the nearest undecided node that lies on one. Two
    breadth-first searches over undecided dependencies: linear in what they visit.
    """
    graph, label_of = evaluation.graph, evaluation.label

    def undecided(node: str) -> list[str]:
        return [d for d in graph.by_order(graph.dependencies(node)) if label_of(d) == UNDECIDED]

    order = [statement]
    seen = {statement}
    index = 0
    while index < len(order):  # nearest first: the first node found on a cycle is the nearest such
        node = order[index]
        index += 1
        cycle = _shortest_cycle(node, undecided)
        if cycle is not None:
            return cycle
        for nxt in undecided(node):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
    return [statement]  # pragma: no cover - an undecided node always depends on an undecided cycle


def _shortest_cycle(start: str, step) -> list[str] | None:
    """The shortest path from ``start`` back to itself along ``step``, or None when there is none."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in step(node):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None


def _cycle_phrase(evaluation: Evaluation, statement: str, cycle: list[str]) -> str:
    graph = evaluation.graph
    links = []
    for i, node in enumerate(cycle[:-1]):
        if not graph.is_statement(node):
            continue
        dependency = cycle[i + 1]
        if graph.is_statement(dependency):
            links.append(f"`{dependency}` attacks `{node}`")
            continue
        source = cycle[i + 2] if i + 2 < len(cycle) else cycle[1]
        if source in graph.undercutters(dependency):
            links.append(f"`{source}` undercuts the step to `{node}`")
        else:
            links.append(f"`{source}` supports `{node}`")
    members = [n for n in cycle[:-1] if graph.is_statement(n)]
    where = "it lies on" if statement in cycle else "it depends on"
    if all(" supports " not in link for link in links):
        kind = "an attack cycle"
    elif any(" supports " not in link for link in links):
        kind = "a cycle of attack and support"
    else:
        kind = "a cycle of circular support"
    members_text = _names(dict.fromkeys(members))
    return f"{where} {kind} that nothing outside settles ({members_text}: {'; '.join(links)})"
