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

import heapq
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


MAX_CRUX_WORK = 5_000_000
"""Nodes the crux search of `argmap evaluate --cruxes` may relabel in all (a few seconds); past it
the search stops and says how far it got."""


@dataclass
class CruxSearch:
    """What :func:`crux_search` found, and how far it got."""

    cruxes: list[Crux]
    tried: int
    """Candidates tried, nearest the thesis first."""
    candidates: int
    """Statements that could be cruxes: accepted or undecided, upstream of the thesis, not the thesis."""

    @property
    def complete(self) -> bool:
        return self.tried == self.candidates


def cruxes(G: nx.MultiDiGraph | None, thesis: str, evaluation: Evaluation) -> list[Crux]:
    """The statements which, assumed rejected one at a time, change the thesis from accepted.

    ``G`` is not read: the labels and the graph's index come with ``evaluation``.

    Only statements from which a chain of dependencies leads to the thesis (its
    *upstream*) are tried, and a trial relabels only the nodes whose reasons the
    candidate's rejection unsettles (:func:`_trial`); the rest keep their labels from
    ``evaluation``. A candidate whose rejection changes little costs little, however
    large the map.

    A candidate whose every path to the thesis passes through a statement ``s`` that
    lies on no cycle (``s`` post-dominates it) is settled locally: the change is
    followed up to ``s``; if ``s`` keeps its label, so does the thesis, and if ``s``
    is rejected, the thesis fares as it did when ``s`` itself was tried (candidates are
    tried nearest the thesis first). A chain of 1,000 links thus costs a few nodes a
    link instead of the whole chain above each link.

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
    return crux_search(thesis, evaluation).cruxes


def crux_search(thesis: str, evaluation: Evaluation, budget: int | None = None) -> CruxSearch:
    """:func:`cruxes`, stopping once the trials have relabelled ``budget`` nodes in all.

    The candidates are tried nearest the thesis first, so a search that stops has the
    answer for the statements closest to it; :attr:`CruxSearch.complete` tells.
    """
    index = evaluation.index
    if evaluation.labels.get(thesis) != ACCEPTED:
        return CruxSearch([], 0, 0)
    distance = _distances(thesis, index.dependencies)
    candidates = [node for node in sorted(distance, key=lambda node: (distance[node], index.order[node]))
                  if node != thesis and index.is_statement(node) and evaluation.labels[node] != REJECTED
                  and evaluation.assumed.get(node) != REJECTED]
    scope = _Upstream(index, set(distance), thesis)
    outcome: dict[str, str] = {}  # candidate -> what the thesis becomes when it is rejected
    found = []
    for candidate in candidates:
        if budget is not None and scope.work > budget:
            break
        label = None
        through = scope.dominator.get(candidate)
        if through is not None:
            changed = _trial(scope, evaluation, candidate, stop=through)
            if through not in changed:
                label = ACCEPTED  # everything it could change reaches the thesis through `through`, unchanged
            elif changed[through] == REJECTED and through in outcome:
                label = outcome[through]
        if label is None:
            label = _trial(scope, evaluation, candidate).get(thesis, ACCEPTED)
        outcome[candidate] = label
        if label != ACCEPTED:
            found.append(Crux(candidate, label))
    found.sort(key=lambda crux: index.order[crux.id])
    return CruxSearch(found, len(outcome), len(candidates))


class _Upstream:
    """What every trial of one crux search shares: the thesis's upstream, the statements that
    post-dominate each node there and lie on no cycle, and the work done so far."""

    def __init__(self, index: Index, upstream: set[str], thesis: str) -> None:
        self.index, self.upstream = index, upstream
        self.work = 0
        """Nodes relabelled by the trials so far."""
        R = nx.DiGraph()  # node -> each node it reads: paths run from the thesis down to its sources
        R.add_nodes_from(upstream)
        R.add_edges_from((node, dep) for node in upstream for dep in index.dependencies(node))
        acyclic = set().union(*(part for part in nx.strongly_connected_components(R) if len(part) == 1))
        acyclic -= {node for node in acyclic if R.has_edge(node, node)}
        idom = nx.immediate_dominators(R, thesis)
        self.dominator: dict[str, str] = {}
        for node in upstream:
            up = idom.get(node, thesis)
            while up != thesis and not (up in acyclic and index.is_statement(up)):
                up = idom[up]
            if up != thesis:
                self.dominator[node] = up


def _trial(scope: _Upstream, evaluation: Evaluation, candidate: str, stop: str | None = None) -> dict[str, str]:
    """The nodes whose labels change when ``candidate`` is assumed rejected, with their new labels.

    Delete and rederive: a node is *suspect* when the reason its label was decided
    for (read from ``evaluation.rank``: what decided a node was decided before it) no
    longer holds once the suspect nodes before it are set aside; an undecided node is
    suspect when anything it reads is. Every other node keeps its label, because its
    reason still holds, and only the suspect nodes are relabelled, from the labels of
    the rest. With ``stop``, suspicion is not followed beyond ``stop``. The candidate
    is among the nodes returned when its own label changes.
    """
    index, upstream = scope.index, scope.upstream
    assumed = {**evaluation.assumed, candidate: REJECTED}
    rank, label_of = evaluation.rank, evaluation.label
    suspect = {candidate}
    undecided: list[str] = []
    waiting: list[tuple[int, str]] = []

    def follow(node: str) -> None:  # (re)check what reads a node that just became suspect
        if node == stop:
            return
        for dependent in index.dependents(node):
            if dependent in upstream and dependent not in suspect and dependent not in assumed:
                if dependent in rank:
                    heapq.heappush(waiting, (rank[dependent], dependent))
                else:
                    undecided.append(dependent)

    follow(candidate)
    while waiting or undecided:
        if waiting:  # decided nodes in the order they were decided, so their reasons are settled first
            _, node = heapq.heappop(waiting)
            if node in suspect or _still_holds(index, evaluation, node, suspect):
                continue
        else:  # an undecided node reads anything; no decided node's reason reads it
            node = undecided.pop()
            if node in suspect:
                continue
        suspect.add(node)
        follow(node)
    region = [node for node in suspect if node != candidate]
    scope.work += len(region) + 1
    base = {dep: label_of(dep) for node in region for dep in index.dependencies(node) if dep not in suspect}
    base.update(assumed)
    trial = Evaluation({}, {}, assumed, evaluation.require_support, index)
    labels = _fixpoint(index, base, region, trial)
    changed = {node: labels.get(node, UNDECIDED) for node in region if labels.get(node, UNDECIDED) != label_of(node)}
    if label_of(candidate) != REJECTED:
        changed[candidate] = REJECTED
    return changed


def _still_holds(index: Index, evaluation: Evaluation, node: str, suspect: set[str]) -> bool:
    """True when the reason ``node``'s label was decided for holds without the ``suspect`` nodes.

    The reasons are the fixed point's rules, read from labels decided before ``node``.
    """
    labels, inferences, rank = evaluation.labels, evaluation.inferences, evaluation.rank
    mine = rank[node]
    if index.kind[node] == "inference":
        reads = (*index.premises[node], *index.undercutters[node])
        if inferences[node] == APPLICABLE:  # every premise accepted and every undercutter rejected
            return not any(dep in suspect for dep in reads)
        # dead: one premise rejected or one undercutter accepted, decided before it
        return any(dep not in suspect and rank.get(dep, mine) < mine
                   and labels[dep] == (REJECTED if dep in index.premises[node] else ACCEPTED) for dep in reads)
    attackers, into = index.attackers[node], index.into[node]
    if labels[node] == ACCEPTED:  # every attacker rejected, and no inference into it or one applicable
        if any(attacker in suspect for attacker in attackers):
            return False
        return not into or any(i not in suspect and inferences[i] == APPLICABLE and rank.get(i, mine) < mine
                               for i in into)
    # rejected: discounted, or an attacker accepted before it, or every inference into it dead
    if evaluation.discounted(node):
        return True
    if any(a not in suspect and labels[a] == ACCEPTED and rank.get(a, mine) < mine for a in attackers):
        return True
    return bool(into) and all(i not in suspect and inferences[i] == DEAD and rank.get(i, mine) < mine for i in into)


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
