"""Which statements stand: the labelling of an argument graph, and the cruxes of a case.

Every statement is labelled ``accepted``, ``rejected`` or ``undecided``; every
inference (a `supports` relation or a linked argument) is ``applicable``, ``dead`` or
``undecided``:

- an inference is *applicable* when all its premises are accepted and all its
  undercutters rejected; *dead* when a premise is rejected or an undercutter accepted;
- a statement is *accepted* when every attacker is rejected and either no inference
  concludes in it (it is given) or one inference into it is applicable;
- a statement is *rejected* when an attacker is accepted, or inferences conclude in it
  and every one of them is dead;
- everything else is *undecided*.

The labelling is the least fixed point of these rules, computed with a worklist: each
node's label changes at most once (from undecided), and each change updates counters
on the node's neighbours, so the whole costs time linear in the size of the graph.
``docs/evaluation.md`` explains the semantics with worked examples.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .graph import Index

ACCEPTED, REJECTED, UNDECIDED = "accepted", "rejected", "undecided"
APPLICABLE, DEAD = "applicable", "dead"
LABELS = (ACCEPTED, REJECTED, UNDECIDED)

GIVEN, ASSUMED, DISCOUNTED = "given", "assumed", "discounted"
"""Why a statement with no inference into it has its label: taken as given, fixed by
``--assume``, or rejected for lack of support under ``--require-support``."""


class EvaluationError(ValueError):
    """A bad ``--assume`` value or an unknown statement id."""


@dataclass
class Evaluation:
    """The labels of a map: every statement's and every inference's."""

    labels: dict[str, str]
    inferences: dict[str, str]
    assumed: dict[str, str] = field(default_factory=dict)
    require_support: bool = False
    index: Index | None = field(default=None, repr=False)
    rank: dict[str, int] = field(default_factory=dict, repr=False)
    """The order in which the fixed point decided each node (assumptions first, at -1).

    Whatever decided a node was decided before it, so an explanation that always
    follows the lowest-ranked reason is well-founded: it never goes in a circle."""

    def label(self, node: str) -> str:
        """The label of a statement or the status of an inference."""
        return self.labels[node] if node in self.labels else self.inferences[node]

    def basis(self, statement: str) -> str | None:
        """``assumed``, ``given`` or ``discounted`` for a statement no inference concludes in, else None."""
        if statement in self.assumed:
            return ASSUMED
        if self.index.into[statement]:
            return None
        return DISCOUNTED if self.discounted(statement) else GIVEN

    def discounted(self, statement: str) -> bool:
        """True when ``--require-support`` rejects ``statement`` for having no support."""
        index = self.index
        return (self.require_support and index.kind[statement] in ("claim", "counterclaim")
                and statement not in index.implicit and not index.into[statement])


def parse_assume(values: Iterable[str], graph: nx.MultiDiGraph) -> dict[str, str]:
    """Parse ``--assume ID=accepted|rejected`` values.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="claim")
    >>> parse_assume(["a=rejected"], G)
    {'a': 'rejected'}
    >>> parse_assume(["a=maybe"], G)
    Traceback (most recent call last):
    ...
    argmap.evaluate.EvaluationError: --assume `a=maybe`: the label must be `accepted` or `rejected`
    """
    assumed = {}
    for value in values:
        item, sep, label = value.partition("=")
        item, label = item.strip(), label.strip().lower()
        if not sep or not item:
            raise EvaluationError(f"--assume `{value}`: write ID=accepted or ID=rejected")
        if label not in (ACCEPTED, REJECTED):
            raise EvaluationError(f"--assume `{value}`: the label must be `accepted` or `rejected`")
        if item not in graph or graph.nodes[item]["kind"] == "inference":
            raise EvaluationError(f"--assume `{value}`: `{item}` is not a statement of this map")
        assumed[item] = label
    return assumed


def evaluate(G: nx.MultiDiGraph | None, assume: Mapping[str, str] | None = None,
             require_support: bool = False, index: Index | None = None) -> Evaluation:
    """Label every statement and inference of ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph or None
        An argument graph from :func:`argmap.graph.build_graph`; any graph works,
        self-attack and circular support included. None when ``index`` is given.
    assume : mapping, optional
        Statement id -> ``accepted`` or ``rejected``, fixed before the fixed point.
    require_support : bool
        Reject claims and counterclaims that are not implicit and that no inference
        concludes in, instead of taking them as given.

    Returns
    -------
    Evaluation

    Examples
    --------
    Reinstatement: ``a`` attacks ``b``, ``b`` attacks ``c``.

    >>> G = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     G.add_node(n, kind="claim")
    >>> _ = G.add_edge("a", "b", key="attack"); _ = G.add_edge("b", "c", key="attack")
    >>> evaluate(G).labels
    {'a': 'accepted', 'b': 'rejected', 'c': 'accepted'}
    >>> evaluate(G, assume={"a": "rejected"}).labels
    {'a': 'rejected', 'b': 'accepted', 'c': 'rejected'}
    """
    index = index or Index.of(G)
    assumed = dict(assume or {})
    evaluation = Evaluation({}, {}, assumed, require_support, index)
    labels = _fixpoint(index, dict(assumed), list(index.kind), evaluation, whole=True)
    _store(evaluation, labels)
    return evaluation


def _store(evaluation: Evaluation, labels: dict[str, str]) -> None:
    index = evaluation.index
    get = labels.get
    # The graph's order: statements as in the file, then inferences.
    evaluation.labels.update((node, get(node, UNDECIDED)) for node, kind in index.kind.items() if kind != "inference")
    evaluation.inferences.update((node, get(node, UNDECIDED)) for node, kind in index.kind.items()
                                 if kind == "inference")


def _fixpoint(index: Index, labels: dict[str, str], region: Iterable[str], evaluation: Evaluation,
              whole: bool = False) -> dict[str, str]:
    """Label the nodes of ``region`` (undecided at the start) given the labels of all others.

    ``labels`` holds the fixed labels of nodes outside the region (and assumptions);
    it is extended in place and returned. Each region node gets counters once, from
    the labels of its dependencies outside the region: for a statement, how many
    attackers are not yet rejected (``unbeaten``), how many inferences into it are
    applicable (``carried``) and how many are not yet dead (``alive``); for an
    inference, how many premises are not yet accepted plus undercutters not yet
    rejected (``pending``). Every decision then updates its dependents' counters, and
    a node is decided at most once, so the cost is linear in the region and its edges.
    ``whole`` says that the region is every node not in ``labels``, which spares a
    membership test per edge.
    """
    kind, targets, premise_of, undercuts = index.kind, index.targets, index.premise_of, index.undercuts
    conclusion, attackers, into = index.conclusion, index.attackers, index.into
    discounted = {node for node in region if kind[node] != "inference" and evaluation.discounted(node)} \
        if evaluation.require_support else set()
    order = [node for node in region if node not in evaluation.assumed]
    free = None if whole else set(order)
    if labels:
        for node in order:
            labels.pop(node, None)
    outside = labels  # every labelled node is outside the region at this point
    # First in, first out: a node's rank is then the length of its shortest derivation,
    # and explanations, which follow the reasons decided first, stay short.
    queue: deque[tuple[str, str]] = deque()
    push = queue.append
    if not outside:  # nothing is decided yet: every counter starts from the counts of edges
        premises, undercutters = index.premises, index.undercutters
        if free is None:
            pending = {node: len(premises[node]) + len(undercutters[node]) for node in premises}
            unbeaten = {node: len(found) for node, found in attackers.items()}
        else:
            pending = {node: len(premises[node]) + len(undercutters[node]) for node in premises if node in free}
            unbeaten = {node: len(found) for node, found in attackers.items() if node in free}
        alive = {node: len(into[node]) for node in unbeaten}
        carried = dict.fromkeys(unbeaten, 0)
        for node in order:
            if kind[node] == "inference":
                if not pending[node]:
                    push((node, APPLICABLE))
                continue
            if node in discounted:
                push((node, REJECTED))
            elif not unbeaten[node] and not alive[node]:
                push((node, ACCEPTED))
    else:
        unbeaten, carried, alive, pending = {}, {}, {}, {}
        _count_from_outside(index, order, outside, discounted, unbeaten, carried, alive, pending, push)

    def accept_if_carried(statement: str) -> None:
        if unbeaten[statement] == 0 and (not into[statement] or carried[statement]):
            push((statement, ACCEPTED))

    rank = evaluation.rank
    for node in evaluation.assumed:
        rank[node] = -1
    decided = len(rank)
    while queue:
        node, label = queue.popleft()
        if node in labels:
            continue  # decided already (a node can be queued twice, e.g. by two accepted attackers)
        labels[node] = label
        rank[node] = decided
        decided += 1
        if label == ACCEPTED:
            for target in targets[node]:
                if target not in labels and (free is None or target in free):
                    push((target, REJECTED))
            for inference in premise_of[node]:
                if inference not in labels and (free is None or inference in free):
                    pending[inference] -= 1
                    if pending[inference] == 0:
                        push((inference, APPLICABLE))
            for inference in undercuts[node]:
                if inference not in labels and (free is None or inference in free):
                    push((inference, DEAD))
        elif label == REJECTED:
            for target in targets[node]:
                if target not in labels and (free is None or target in free):
                    unbeaten[target] -= 1
                    if target not in discounted:
                        accept_if_carried(target)
            for inference in premise_of[node]:
                if inference not in labels and (free is None or inference in free):
                    push((inference, DEAD))
            for inference in undercuts[node]:
                if inference not in labels and (free is None or inference in free):
                    pending[inference] -= 1
                    if pending[inference] == 0:
                        push((inference, APPLICABLE))
        else:
            target = conclusion[node]
            if target is not None and target not in labels and (free is None or target in free):
                if label == APPLICABLE:
                    carried[target] += 1
                    if target not in discounted:
                        accept_if_carried(target)
                else:
                    alive[target] -= 1
                    if alive[target] == 0:
                        push((target, REJECTED))
    return labels


def _count_from_outside(index: Index, order: list[str], outside: dict[str, str], discounted: set[str],
                        unbeaten: dict[str, int], carried: dict[str, int], alive: dict[str, int],
                        pending: dict[str, int], push) -> None:
    """Start the counters of the region's nodes from the labels of the nodes outside it, queueing
    every node those labels decide already."""
    kind, attackers, into = index.kind, index.attackers, index.into
    for node in order:
        if kind[node] == "inference":
            waiting, dead = 0, False
            for premise in index.premises[node]:
                label = outside.get(premise)
                dead = dead or label == REJECTED
                waiting += label != ACCEPTED
            for undercutter in index.undercutters[node]:
                label = outside.get(undercutter)
                dead = dead or label == ACCEPTED
                waiting += label != REJECTED
            pending[node] = waiting
            if dead:
                push((node, DEAD))
            elif waiting == 0:
                push((node, APPLICABLE))
            continue
        inferences = into[node]
        if node in discounted:
            push((node, REJECTED))
        beaten = 0
        for attacker in attackers[node]:
            label = outside.get(attacker)
            if label == ACCEPTED:
                push((node, REJECTED))
            elif label == REJECTED:
                beaten += 1
        unbeaten[node] = len(attackers[node]) - beaten
        carried[node] = sum(1 for i in inferences if outside.get(i) == APPLICABLE)
        alive[node] = sum(1 for i in inferences if outside.get(i) != DEAD)
        if unbeaten[node] == 0 and (not inferences or carried[node]) and node not in discounted:
            push((node, ACCEPTED))
        elif inferences and alive[node] == 0:
            push((node, REJECTED))


# -- cruxes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Crux:
    """A statement whose loss changes the thesis's label, and what the thesis becomes."""

    id: str
    thesis_label: str


def cruxes(G: nx.MultiDiGraph, thesis: str, evaluation: Evaluation) -> list[Crux]:
    """The statements which, assumed rejected one at a time, change the thesis from accepted.

    Only statements from which a chain of dependencies leads to the thesis (its
    *upstream*) are tried, and for each only its downstream part of the upstream is
    relabelled, the rest keeping its labels from ``evaluation``.

    When the upstream has no cycle, a candidate whose every path to the thesis passes
    through another statement ``s`` (``s`` post-dominates it) is settled locally: only
    the nodes between the two are relabelled, and if that rejects ``s``, the thesis
    fares as it did when ``s`` itself was tried (candidates are tried nearest the
    thesis first). A chain of 1,000 links thus costs a few nodes a link instead of the
    whole chain below each link. Otherwise the cost of a candidate is the part of the
    graph it can affect: linear for a broad case, quadratic at worst.

    Returns an empty list when the thesis is not accepted to begin with.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in ("e", "t"):
    ...     G.add_node(n, kind="claim")
    >>> G.add_node("e->t", kind="inference")
    >>> _ = G.add_edge("e", "e->t", key="premise"); _ = G.add_edge("e->t", "t", key="conclusion")
    >>> cruxes(G, "t", evaluate(G))
    [Crux(id='e', thesis_label='rejected')]
    """
    index = evaluation.index
    if evaluation.labels.get(thesis) != ACCEPTED:
        return []
    distance = _distances(thesis, index.dependencies)
    upstream = set(distance)
    dominator = _statement_dominators(index, upstream, thesis)
    outcome: dict[str, str] = {}  # candidate -> what the thesis becomes when it is rejected
    found = []
    for candidate in sorted(upstream, key=lambda node: (distance[node], index.order[node])):
        if candidate == thesis or not index.is_statement(candidate):
            continue
        if evaluation.labels[candidate] == REJECTED or evaluation.assumed.get(candidate) == REJECTED:
            continue
        label = None
        through = dominator.get(candidate)
        if through is not None:
            labels = _trial(index, evaluation, candidate, upstream, stop=through)
            if labels.get(through, UNDECIDED) == evaluation.labels[through]:
                label = ACCEPTED  # everything it could change reaches the thesis through `through`, unchanged
            elif labels.get(through) == REJECTED and through in outcome:
                label = outcome[through]
        if label is None:
            label = _trial(index, evaluation, candidate, upstream).get(thesis, UNDECIDED)
        outcome[candidate] = label
        if label != ACCEPTED:
            found.append(Crux(candidate, label))
    found.sort(key=lambda crux: index.order[crux.id])
    return found


def _trial(index: Index, evaluation: Evaluation, candidate: str, upstream: set[str],
           stop: str | None = None) -> dict[str, str]:
    """Labels with ``candidate`` assumed rejected, relabelling only its downstream part of ``upstream``.

    With ``stop``, the relabelled part ends at ``stop`` (included): what lies beyond
    it keeps its labels.
    """
    region = {candidate}
    queue = deque(region)
    while queue:
        node = queue.popleft()
        if node == stop:
            continue
        for nxt in index.dependents(node):
            if nxt in upstream and nxt not in region:
                region.add(nxt)
                queue.append(nxt)
    region.discard(candidate)
    base = {node: evaluation.label(node) for node in _frontier(index, region)}
    base.update(evaluation.assumed)
    base[candidate] = REJECTED
    trial = Evaluation({}, {}, {**evaluation.assumed, candidate: REJECTED}, evaluation.require_support, index)
    return _fixpoint(index, base, region, trial)


def _distances(source: str, step) -> dict[str, int]:
    """Breadth-first distance from ``source`` of every node reached by ``step``."""
    distance = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt in step(node):
            if nxt not in distance:
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    return distance


def _statement_dominators(index: Index, upstream: set[str], thesis: str) -> dict[str, str]:
    """Node -> the nearest statement (not the thesis) that every path from it to the thesis passes.

    Empty when the upstream has a cycle, where relabelling part of a cycle would not
    be sound.
    """
    R = nx.DiGraph()
    R.add_nodes_from(upstream)
    R.add_edges_from((node, dep) for node in upstream for dep in index.dependencies(node))
    if not nx.is_directed_acyclic_graph(R):
        return {}
    idom = nx.immediate_dominators(R, thesis)
    nearest: dict[str, str] = {}
    for node in upstream:
        up = idom.get(node, thesis)
        while up != thesis and not index.is_statement(up):
            up = idom[up]
        if up != thesis:
            nearest[node] = up
    return nearest


def _frontier(index: Index, region: set[str]) -> set[str]:
    """The nodes outside ``region`` that region nodes read."""
    return {dep for node in region for dep in index.dependencies(node) if dep not in region}
