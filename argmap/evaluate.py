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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from math import comb

import networkx as nx

from .defeats import defeat_graph, relation_of
from .graph import (
    ATTACK,
    CONCLUSION,
    CONTRADICT,
    INFERENCE,
    PREMISE,
    UNDERCUT,
    ArgumentGraph,
    attack_id,
    support_id,
)

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
    graph: ArgumentGraph = field(repr=False)
    assumed: dict[str, str] = field(default_factory=dict)
    require_support: bool = False
    derived: bool = False
    """True when ``graph`` is the map's defeat graph (:func:`argmap.defeats.defeat_graph`), not the
    argument graph itself: weights reversed an attack, or an attack is undercut or assumed."""
    written: ArgumentGraph | None = field(default=None, repr=False)
    """The argument graph as the map writes it (``graph`` itself unless ``derived``)."""
    rank: dict[str, int] = field(default_factory=dict, repr=False)
    """The order in which the fixed point decided each node (assumptions first, at -1).

    Whatever decided a node was decided before it, so an explanation that always
    follows the lowest-ranked reason is well-founded: it never goes in a circle."""

    @property
    def statement_labels(self) -> dict[str, str]:
        """The labels of the map's statements alone (``labels`` also holds the hidden statements through
        which undercut attacks defeat, :func:`argmap.defeats.hidden_attacker`)."""
        if not self.derived:
            return self.labels
        return {node: label for node, label in self.labels.items() if relation_of(node) is None}

    def label(self, node: str) -> str:
        """The label of a statement or the status of an inference."""
        return self.labels[node] if node in self.labels else self.inferences[node]

    def basis(self, statement: str) -> str | None:
        """``assumed``, ``given`` or ``discounted`` for a statement no inference concludes in, else None."""
        if statement in self.assumed:
            return ASSUMED
        if self.graph.inferences_into(statement):
            return None
        return DISCOUNTED if self.discounted(statement) else GIVEN

    def discounted(self, statement: str) -> bool:
        """True when ``--require-support`` rejects ``statement`` for having no support."""
        graph = self.graph
        return (self.require_support and graph.kind(statement) in ("claim", "counterclaim")
                and not graph.implicit(statement) and not graph.inferences_into(statement))


def parse_assume(values: Iterable[str], graph: ArgumentGraph,
                 hint: Callable[[str], str] = lambda item: "") -> dict[str, str]:
    """Parse ``--assume`` values; ``hint`` gives an unknown name's did-you-mean.

    A statement is assumed ``accepted`` or ``rejected``; an inference (a linked
    argument's id, or ``FROM:TO`` for a `supports` relation) or an attack (``FROM:TO``
    where ``FROM`` attacks or contradicts ``TO``) is assumed ``applicable`` or ``dead``.
    The result maps node ids (``FROM->TO`` for a support, ``FROM~>TO`` for an attack)
    to labels.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from("ab", kind="claim")
    >>> _ = G.add_edge("a", "b", key="attack")
    >>> parse_assume(["a=rejected", "a:b=dead"], ArgumentGraph(G))
    {'a': 'rejected', 'a~>b': 'dead'}
    >>> parse_assume(["a=maybe"], ArgumentGraph(G))
    Traceback (most recent call last):
    ...
    argmap.evaluate.EvaluationError: --assume `a=maybe`: a statement is assumed `accepted` or `rejected`
    """
    assumed: dict[str, str] = {}
    for value in values:
        item, sep, label = value.partition("=")
        item, label = item.strip(), label.strip().lower()
        if not sep or not item:
            raise EvaluationError(f"--assume `{value}`: write ID=accepted or ID=rejected (a statement), "
                                  "ID=applicable or ID=dead (an argument, or FROM:TO for a relation)")
        node = assumable(item, graph)
        if node is None:
            raise EvaluationError(f"--assume `{value}`: `{item}` is not a statement, argument or relation of "
                                  f"this map{hint(item)}")
        statement = "~>" not in node and graph.is_statement(node)
        allowed = (ACCEPTED, REJECTED) if statement else (APPLICABLE, DEAD)
        if label not in allowed:
            what = "a statement" if statement else "a relation or an argument"
            raise EvaluationError(f"--assume `{value}`: {what} is assumed `{allowed[0]}` or `{allowed[1]}`")
        if assumed.get(node, label) != label:
            raise EvaluationError(f"--assume `{value}`: `{item}` is assumed {assumed[node]} already")
        assumed[node] = label
    return assumed


def assumable(name: str, graph: ArgumentGraph) -> str | None:
    """The node ``--assume`` means by ``name``: a statement, an inference, or an attack's junction id
    (``FROM~>TO``, whether or not the graph has that junction); None when it names nothing."""
    if name in graph:
        return name
    source, sep, target = name.partition(":")
    if not sep:
        source, sep, target = name.partition("->")
    if not sep:
        source, sep, target = name.partition("~>")
    if not sep or source not in graph or target not in graph:
        return None
    if support_id(source, target) in graph:
        return support_id(source, target)
    if graph.has_relation(source, target, ATTACK) or graph.has_relation(source, target, CONTRADICT) \
            or graph.has_relation(target, source, CONTRADICT):
        return attack_id(source, target)
    return None


def conflicting_assumptions(graph: ArgumentGraph, assumed: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs ``(a, b)`` of statements both assumed accepted where ``a`` attacks or contradicts ``b``.

    Such assumptions hold by fiat a pair of statements the labelling never accepts
    together; the command line warns about each pair (once for a contradiction).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     G.add_node(n, kind="claim")
    >>> _ = G.add_edge("a", "b", key="contradict"); _ = G.add_edge("c", "a", key="attack")
    >>> conflicting_assumptions(ArgumentGraph(G), {"a": "accepted", "b": "accepted", "c": "rejected"})
    [('a', 'b')]
    """
    chosen = {item for item, label in assumed.items() if label == ACCEPTED}
    if len(chosen) < 2:
        return []
    found: list[tuple[str, str]] = []
    for key in (ATTACK, CONTRADICT):
        for u, v in graph.edges(key):
            if u in chosen and v in chosen and u != v and (v, u) not in found:
                found.append((u, v))
    return found


def evaluate(graph: ArgumentGraph, assume: Mapping[str, str] | None = None,
             require_support: bool = False) -> Evaluation:
    """Label every statement and inference of ``graph``.

    Parameters
    ----------
    graph : ArgumentGraph
        An argument graph (:meth:`ArgumentGraph.of` a model, or any networkx graph of
        the same kinds): self-attack and circular support included.
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

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     G.add_node(n, kind="claim")
    >>> _ = G.add_edge("a", "b", key="attack"); _ = G.add_edge("b", "c", key="attack")
    >>> evaluate(ArgumentGraph(G)).labels
    {'a': 'accepted', 'b': 'rejected', 'c': 'accepted'}
    >>> evaluate(ArgumentGraph(G), assume={"a": "rejected"}).labels
    {'a': 'rejected', 'b': 'accepted', 'c': 'rejected'}
    """
    assumed = dict(assume or {})
    defeats = defeat_graph(graph, {node for node in assumed if "~>" in node})
    evaluation = Evaluation({}, {}, defeats, assumed, require_support, derived=defeats is not graph, written=graph)
    graph = defeats
    kinds = dict(graph.G.nodes(data="kind"))
    labels = dict(assumed)
    # With assumptions, every other node's counters start from the assumed labels.
    run = _region(graph, evaluation, list(kinds), labels, labels.__getitem__) if assumed else \
        _whole(graph, evaluation, kinds)
    run.label(labels)
    # The graph's order: statements as in the file, then inferences.
    get, statements, inferences = labels.get, evaluation.labels, evaluation.inferences
    for node, kind in kinds.items():
        if kind != INFERENCE:
            statements[node] = get(node, UNDECIDED)
        else:
            inferences[node] = get(node, UNDECIDED)
    return evaluation


_NONE: tuple[str, ...] = ()


@dataclass(eq=False)
class _Run:
    """One labelling: the nodes it labels, what it reads of the graph for them, and its counters.

    For a statement, ``unbeaten`` counts the attackers not yet rejected, ``carried``
    the inferences into it that are applicable and ``alive`` those not yet dead; for
    an inference, ``pending`` counts the premises not yet accepted plus the
    undercutters not yet rejected. ``targets``, ``premise_of``, ``undercuts`` and
    ``conclusion`` are each node's dependents by relation (:meth:`ArgumentGraph.dependents`).
    Every node a labelled node reads or is read by is either to be labelled or in
    the labels the run starts from, so "not labelled yet" means "to be labelled".
    """

    evaluation: Evaluation
    targets: dict[str, list[str]]
    premise_of: dict[str, list[str]]
    undercuts: dict[str, list[str]]
    conclusion: dict[str, str]
    unbeaten: dict[str, int]
    carried: dict[str, int]
    alive: dict[str, int]
    pending: dict[str, int]
    discounted: set[str]
    into_count: dict[str, int]
    """How many inferences conclude in each statement, whatever their status."""
    start: list[tuple[str, str]] = field(default_factory=list)
    """The decisions known before any propagation, in order."""

    def label(self, labels: dict[str, str]) -> dict[str, str]:
        """Decide what can be decided; ``labels`` (the fixed labels) is extended in place and returned.

        First in, first out: a node's rank is then the length of its shortest
        derivation, and explanations, which follow the reasons decided first, stay
        short. Each node is decided at most once and each decision updates its
        dependents' counters, so the cost is linear in the nodes and their edges.
        """
        conclusion, carried, alive = self.conclusion, self.carried, self.alive
        unbeaten, discounted = self.unbeaten, self.discounted
        queue = deque(self.start)
        push, pop = queue.append, queue.popleft
        statement_decided = self._statement_decided
        rank = self.evaluation.rank
        for node in self.evaluation.assumed:
            rank[node] = -1
        decided = len(rank)
        while queue:
            node, label = pop()
            if node in labels:
                continue  # decided already (a node can be queued twice, e.g. by two accepted attackers)
            labels[node] = label
            rank[node] = decided
            decided += 1
            if label == ACCEPTED or label == REJECTED:
                statement_decided(node, label == ACCEPTED, labels, push)
                continue
            target = conclusion.get(node)
            if target is None or target in labels:
                continue
            if label == APPLICABLE:
                carried[target] += 1
                if not unbeaten[target] and target not in discounted:
                    push((target, ACCEPTED))
            else:
                alive[target] -= 1
                if not alive[target]:
                    push((target, REJECTED))
        return labels

    def _statement_decided(self, node: str, accepted: bool, labels: dict[str, str],
                           push: Callable[[tuple[str, str]], None]) -> None:
        """Update what reads the statement ``node``, just labelled accepted (or else rejected)."""
        targets = self.targets.get(node)
        if targets is not None:
            unbeaten, carried, into_count = self.unbeaten, self.carried, self.into_count
            for target in targets:
                if target in labels:
                    continue
                if accepted:
                    push((target, REJECTED))
                    continue
                unbeaten[target] -= 1
                if not unbeaten[target] and target not in self.discounted and \
                        (not into_count[target] or carried[target]):
                    push((target, ACCEPTED))
        inferences = self.premise_of.get(node)
        if inferences is not None:
            self._inferences_read(inferences, accepted, labels, push)
        inferences = self.undercuts.get(node)
        if inferences is not None:
            self._inferences_read(inferences, not accepted, labels, push)

    def _inferences_read(self, inferences: list[str], carries: bool, labels: dict[str, str],
                         push: Callable[[tuple[str, str]], None]) -> None:
        """Update ``inferences``, which read a statement just decided: as a premise accepted or an undercutter
        rejected (``carries``), or else as a premise rejected or an undercutter accepted."""
        pending = self.pending
        for inference in inferences:
            if inference in labels:
                continue
            if not carries:
                push((inference, DEAD))
                continue
            pending[inference] -= 1
            if not pending[inference]:
                push((inference, APPLICABLE))


def _whole(graph: ArgumentGraph, evaluation: Evaluation, kinds: dict[str, str]) -> _Run:
    """A run that labels every node (``kinds``: node -> kind) when nothing is assumed.

    Everything the fixed point reads comes from the graph's edges grouped by kind
    (:meth:`ArgumentGraph.edges`), not from a query per node.
    """
    pending: dict[str, int] = {}
    into_count: dict[str, int] = {}
    for node, kind in kinds.items():
        if kind == INFERENCE:
            pending[node] = 0
        else:
            into_count[node] = 0
    targets: dict[str, list[str]] = {}
    attackers: dict[str, set[str]] = {}
    for key in (ATTACK, CONTRADICT):
        for u, v in graph.edges(key):
            pairs = ((u, v), (v, u)) if key == CONTRADICT else ((u, v),)
            for source, target in pairs:
                found = attackers.setdefault(target, set())
                if source not in found:
                    found.add(source)
                    targets.setdefault(source, []).append(target)
    unbeaten = dict.fromkeys(into_count, 0)
    unbeaten.update((node, len(found)) for node, found in attackers.items())
    premise_of, undercuts = graph.edges_from(PREMISE), graph.edges_from(UNDERCUT)
    for key in (PREMISE, UNDERCUT):
        for _, inference in graph.edges(key):
            pending[inference] += 1
    conclusion = dict(graph.edges(CONCLUSION))
    for target in conclusion.values():
        into_count[target] += 1
    discounted = set()
    if evaluation.require_support:
        nodes = graph.G.nodes
        discounted = {node for node, count in into_count.items() if not count
                      and kinds[node] in ("claim", "counterclaim") and not nodes[node].get("implicit")}
    run = _Run(evaluation, targets, premise_of, undercuts, conclusion, unbeaten,
               dict.fromkeys(into_count, 0), dict(into_count), pending, discounted, into_count)
    push = run.start.append
    for node, kind in kinds.items():
        if kind == INFERENCE:
            if not pending[node]:
                push((node, APPLICABLE))
        elif node in discounted:
            push((node, REJECTED))
        elif not unbeaten[node] and not into_count[node]:
            push((node, ACCEPTED))
    return run


def _region(graph: ArgumentGraph, evaluation: Evaluation, region: list[str], outside: dict[str, str],
            label_of: Callable[[str], str]) -> _Run:
    """A run that labels the nodes of ``region`` given the labels of the nodes ``outside`` it.

    ``outside`` holds the labels of the region's dependencies (and the assumptions);
    the region's dependents outside it are added with ``label_of``, so that the run
    leaves them alone. Each region node's counters start from the labels of its
    dependencies outside the region, and every node those labels decide already is
    queued; the graph is read node by node, so the cost is linear in the region and
    its edges.
    """
    run = _Run(evaluation, {}, {}, {}, {}, {}, {}, {}, {}, set(), {})
    push = run.start.append
    members = set(region)
    for node in region:
        if node in evaluation.assumed:
            continue
        if not graph.is_statement(node):
            found = graph.conclusion(node)
            if found is not None:
                run.conclusion[node] = found
            _count_inference(graph, node, outside, run, push)
        else:
            run.targets[node] = graph.attacked(node)
            run.premise_of[node] = graph.inferences_from(node)
            run.undercuts[node] = graph.undercut_by(node)
            _count_statement(graph, evaluation, node, outside, run, push)
    for table in (run.targets, run.premise_of, run.undercuts):
        for dependents in table.values():
            outside.update((dep, label_of(dep)) for dep in dependents if dep not in members and dep not in outside)
    outside.update((dep, label_of(dep)) for dep in run.conclusion.values() if dep not in members and dep not in outside)
    return run


def _count_inference(graph: ArgumentGraph, node: str, outside: dict[str, str], run: _Run, push: Callable) -> None:
    waiting, dead = 0, False
    for premise in graph.premises(node):
        label = outside.get(premise)
        dead = dead or label == REJECTED
        waiting += label != ACCEPTED
    for undercutter in graph.undercutters(node):
        label = outside.get(undercutter)
        dead = dead or label == ACCEPTED
        waiting += label != REJECTED
    run.pending[node] = waiting
    if dead:
        push((node, DEAD))
    elif waiting == 0:
        push((node, APPLICABLE))


def _count_statement(graph: ArgumentGraph, evaluation: Evaluation, node: str, outside: dict[str, str],
                     run: _Run, push: Callable) -> None:
    discounted = evaluation.discounted(node)
    if discounted:
        run.discounted.add(node)
        push((node, REJECTED))
    attackers = graph.attackers(node)
    beaten = 0
    for attacker in attackers:
        label = outside.get(attacker)
        if label == ACCEPTED:
            push((node, REJECTED))
        elif label == REJECTED:
            beaten += 1
    inferences = graph.inferences_into(node)
    run.into_count[node] = len(inferences)
    run.unbeaten[node] = len(attackers) - beaten
    run.carried[node] = sum(1 for i in inferences if outside.get(i) == APPLICABLE)
    run.alive[node] = sum(1 for i in inferences if outside.get(i) != DEAD)
    if run.unbeaten[node] == 0 and (not inferences or run.carried[node]) and not discounted:
        push((node, ACCEPTED))
    elif inferences and run.alive[node] == 0:
        push((node, REJECTED))


# -- cruxes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Crux:
    """A set of statements whose rejection changes the thesis's label, and what the thesis becomes."""

    ids: tuple[str, ...]
    thesis_label: str


MAX_CRUX_SIZE = 3
"""The largest sets `--crux-size` may ask for: the sets to try grow as the candidates to that power."""

MAX_CRUX_WORK = 5_000_000
"""Work the crux search of `argmap evaluate --cruxes` may do in all (a few seconds): each relation a
trial reads, to follow a change or to check that a reason still holds, and each node it relabels.
Past it the search stops, in the middle of a trial if need be, and says how far it got."""


class OutOfBudget(Exception):
    """The crux search has done :data:`MAX_CRUX_WORK` (or its ``budget``) of work."""


@dataclass
class CruxSearch:
    """What :func:`crux_search` found, and how far it got."""

    cruxes: list[Crux]
    tried: int
    """Sets tried, single statements first (nearest the thesis first), then pairs, then triples."""
    candidates: int
    """Sets to try: of the statements that could be cruxes (see :func:`crux_search`)."""
    flips: bool = False
    """True when the thesis is not accepted and the sets are what would make it accepted."""

    @property
    def complete(self) -> bool:
        return self.tried == self.candidates


def cruxes(thesis: str, evaluation: Evaluation, size: int = 1) -> list[Crux]:
    """The inclusion-minimal sets of at most ``size`` statements whose rejection changes the thesis's label.

    When the thesis is accepted, a crux is a set whose rejection leaves it rejected or
    undecided; when it is rejected or undecided, a set whose rejection makes it
    accepted (what would flip it). Smaller sets come first, then by their sorted ids.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in ("e", "t"):
    ...     G.add_node(n, kind="claim", order=0)
    >>> G.add_node("e->t", kind="inference", order=0)
    >>> _ = G.add_edge("e", "e->t", key="premise"); _ = G.add_edge("e->t", "t", key="conclusion")
    >>> cruxes("t", evaluate(ArgumentGraph(G)))
    [Crux(ids=('e',), thesis_label='rejected')]
    """
    return crux_search(thesis, evaluation, size=size).cruxes


def crux_search(thesis: str, evaluation: Evaluation, budget: int | None = None, size: int = 1) -> CruxSearch:
    """:func:`cruxes`, stopping once the trials have done ``budget`` units of work in all.

    A unit is a relation read or a node relabelled (see :data:`MAX_CRUX_WORK`), so the
    result never depends on the clock. Candidates are the statements upstream of the
    thesis (from which a chain of dependencies leads to it) that are not rejected, not
    assumed and not the thesis. For single statements and a decided thesis only the
    accepted statements reached from the thesis through decided nodes are tried: any
    other statement's rejection cannot reach the thesis's reasons. That pruning does
    not hold for sets (an undecided statement can matter together with another) nor
    for an undecided thesis, so there every candidate is tried. Single statements are
    tried nearest the thesis first, then the pairs and triples of candidates in that
    order, skipping any set that holds a smaller crux (it would not be minimal); a
    search that stops has the answer for what it tried, and :attr:`CruxSearch.complete`
    tells. A trial relabels only the nodes whose reasons the rejection unsettles
    (:func:`_trial`), so a candidate that changes little costs little.
    """
    graph = _Remembered(evaluation.graph.G)
    start = evaluation.labels[thesis]
    distance = _distances(thesis, graph.dependencies)
    order = graph.order
    labels, assumed = evaluation.labels, evaluation.assumed
    pool = [node for node in sorted(distance, key=lambda node: (distance[node], order(node)))
            if node != thesis and graph.is_statement(node) and labels[node] != REJECTED
            and node not in assumed and relation_of(node) is None]  # an assumption is the user's to hold
    if start != UNDECIDED:
        label_of = evaluation.label
        decided = _distances(thesis, lambda node: graph.dependencies(node) if label_of(node) != UNDECIDED else ())
        singles = [node for node in pool if node in decided and labels[node] == ACCEPTED]
    else:
        singles = pool
    total = len(singles) + sum(comb(len(pool), k) for k in range(2, min(size, MAX_CRUX_SIZE) + 1))
    scope = _Upstream(graph, set(distance), thesis, budget)
    outcome: dict[str, str] = {}  # candidate -> what the thesis becomes when it is rejected
    found: list[Crux] = []
    tried = 0
    try:
        for candidate in singles:
            label = _crux_trial(scope, evaluation, candidate, thesis, outcome, start)
            outcome[candidate] = label
            tried += 1
            if flips(start, label):
                found.append(Crux((candidate,), label))
    except OutOfBudget:  # `tried` counts the candidates tried to the end
        return crux_result(found, tried, total, start)
    tried += crux_sets(pool, range(2, size + 1), lambda combo: _trial(scope, evaluation, combo).get(thesis, start),
                       start, found)
    return crux_result(found, tried, total, start)


def flips(start: str, label: str) -> bool:
    """True when the thesis, labelled ``start``, labelled ``label`` once a set is rejected, makes that set a
    crux: an accepted thesis no longer accepted, or one that was not accepted now accepted."""
    return label != ACCEPTED if start == ACCEPTED else label == ACCEPTED


def crux_sets(pool: list[str], sizes: range, trial: Callable[[tuple[str, ...]], str], start: str,
              found: list[Crux]) -> int:
    """Try each set of ``pool`` of each size in ``sizes`` (at most :data:`MAX_CRUX_SIZE`), in order; append
    to ``found`` each set whose ``trial`` (the thesis's label with the set rejected) :func:`flips` it.

    A set that holds a crux already found is skipped (it would not be minimal) and counts as tried; a
    ``trial`` that raises :class:`OutOfBudget` stops the search, and that set counts as not tried.
    Returns how many sets were tried.
    """
    tried = 0
    for k in sizes:
        if k > MAX_CRUX_SIZE:
            break
        for combo in combinations(pool, k):
            if not any(set(crux.ids) <= set(combo) for crux in found):
                try:
                    label = trial(combo)
                except OutOfBudget:
                    return tried
                if flips(start, label):
                    found.append(Crux(combo, label))
            tried += 1
    return tried


def crux_result(found: list[Crux], tried: int, total: int, start: str) -> CruxSearch:
    """The search's outcome, its cruxes smaller sets first, then by their sorted ids."""
    cruxes = sorted((Crux(tuple(sorted(crux.ids)), crux.thesis_label) for crux in found),
                    key=lambda crux: (len(crux.ids), crux.ids))
    return CruxSearch(cruxes, tried, total, flips=start != ACCEPTED)


def _crux_trial(scope: _Upstream, evaluation: Evaluation, candidate: str, thesis: str,
                outcome: dict[str, str], start: str) -> str:
    """What ``thesis`` (labelled ``start``) becomes when ``candidate`` is rejected, settled locally where a
    dominator allows."""
    label = None
    through = scope.dominator.get(candidate)
    if through is not None:
        changed = _trial(scope, evaluation, (candidate,), stop=through)
        if through not in changed:
            label = start  # everything it could change reaches the thesis through `through`, unchanged
        elif changed[through] == REJECTED and through in outcome:
            label = outcome[through]
    if label is None:
        label = _trial(scope, evaluation, (candidate,)).get(thesis, start)
    return label


class _Remembered(ArgumentGraph):
    """The argument graph with each node's relations read once: the trials of one crux search ask
    about the same nodes again and again, and each answer read from networkx's views costs
    microseconds. The answers live as long as the search."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        super().__init__(G)
        self._into: dict[str, dict[str, list[str]]] = {key: {} for key in (PREMISE, CONCLUSION, UNDERCUT)}
        self._from: dict[str, dict[str, list[str]]] = {key: {} for key in (PREMISE, CONCLUSION, UNDERCUT)}
        self._attackers: dict[str, list[str]] = {}
        self._attacked: dict[str, list[str]] = {}
        self._statement: dict[str, bool] = {}

    def _in(self, node: str, key: str) -> list[str]:
        answers = self._into[key]
        found = answers.get(node)
        if found is None:
            found = answers[node] = super()._in(node, key)
        return found

    def _out(self, node: str, key: str) -> list[str]:
        answers = self._from[key]
        found = answers.get(node)
        if found is None:
            found = answers[node] = super()._out(node, key)
        return found

    def attackers(self, statement: str) -> list[str]:
        found = self._attackers.get(statement)
        if found is None:
            found = self._attackers[statement] = super().attackers(statement)
        return found

    def attacked(self, statement: str) -> list[str]:
        found = self._attacked.get(statement)
        if found is None:
            found = self._attacked[statement] = super().attacked(statement)
        return found

    def is_statement(self, node: str) -> bool:
        found = self._statement.get(node)
        if found is None:
            found = self._statement[node] = super().is_statement(node)
        return found


class _Upstream:
    """What every trial of one crux search shares: the thesis's upstream, the statements that
    post-dominate each node there and lie on no cycle, and the work done so far."""

    def __init__(self, graph: ArgumentGraph, upstream: set[str], thesis: str, budget: int | None = None) -> None:
        self.graph, self.upstream = graph, upstream
        self.work = 0
        """Work done by the trials so far: relations read and nodes relabelled."""
        self.budget = budget
        R: nx.DiGraph = nx.DiGraph()  # node -> each node it reads: paths run from the thesis down to its sources
        R.add_nodes_from(upstream)
        R.add_edges_from((node, dep) for node in upstream for dep in graph.dependencies(node))
        acyclic = set().union(*(part for part in nx.strongly_connected_components(R) if len(part) == 1))
        acyclic -= {node for node in acyclic if R.has_edge(node, node)}
        idom = nx.immediate_dominators(R, thesis)
        self.dominator: dict[str, str] = {}
        for node in upstream:
            up = idom.get(node, thesis)
            while up != thesis and not (up in acyclic and graph.is_statement(up)):
                up = idom[up]
            if up != thesis:
                self.dominator[node] = up

    def spend(self, work: int) -> None:
        """Count ``work``; :class:`OutOfBudget` once the total passes the budget."""
        self.work += work
        if self.budget is not None and self.work > self.budget:
            raise OutOfBudget


def _trial(scope: _Upstream, evaluation: Evaluation, candidates: tuple[str, ...],
           stop: str | None = None) -> dict[str, str]:
    """The nodes whose labels change when the ``candidates`` are assumed rejected, with their new labels.

    First delete and rederive the decided nodes: one is *suspect* when the reason its
    label was decided for (read from ``evaluation.rank``: what decided a node was
    decided before it) no longer holds once the suspect nodes before it are set aside;
    the suspect nodes are relabelled from the labels of the rest, the undecided ones
    included as undecided. That labelling holds nothing the new fixed point does not,
    and breaks no rule; so, second, the nodes still undecided that read a node whose
    label became decided are decided forward, as the rules allow, until nothing
    changes, which reaches the new fixed point (an undecided node can only become
    decided: it was undecided for want of a decision, and an undecided input never
    decides anything). An undecided region the change does not decide is never
    visited, however large. With ``stop``, neither step goes beyond ``stop``. A
    candidate is among the nodes returned when its own label changes.
    """
    graph, upstream = scope.graph, scope.upstream
    assumed = {**evaluation.assumed, **dict.fromkeys(candidates, REJECTED)}
    rank, label_of = evaluation.rank, evaluation.label
    suspect = set(candidates)
    waiting: list[tuple[int, str]] = []

    def follow(node: str) -> None:  # (re)check the decided nodes that read a node that just became suspect
        if node == stop:
            return
        dependents = graph.dependents(node)
        scope.spend(len(dependents))
        for dependent in dependents:
            if dependent in upstream and dependent not in suspect and dependent not in assumed and dependent in rank:
                heapq.heappush(waiting, (rank[dependent], dependent))

    for candidate in candidates:
        follow(candidate)
    while waiting:  # in the order the nodes were decided, so that their reasons are settled first
        _, node = heapq.heappop(waiting)
        if node in suspect:
            continue
        scope.spend(_reads(graph, node))  # what checking its reason may read, all of it at worst
        if _still_holds(graph, evaluation, node, suspect):
            continue
        suspect.add(node)
        follow(node)
    region = [node for node in suspect if node not in assumed]
    base = {dep: label_of(dep) for node in region for dep in graph.dependencies(node) if dep not in suspect}
    scope.spend(len(region) + len(base) + 1)
    base.update(assumed)
    trial = Evaluation({}, {}, graph, assumed, evaluation.require_support)
    labels = _region(graph, trial, region, base, label_of).label(base)
    now = {node: labels.get(node, UNDECIDED) for node in region}
    now.update((candidate, REJECTED) for candidate in candidates)
    _decide_forward(scope, evaluation, now, assumed, stop)
    return {node: label for node, label in now.items() if label != label_of(node)}


def _decide_forward(scope: _Upstream, evaluation: Evaluation, now: dict[str, str], assumed: Mapping[str, str],
                    stop: str | None) -> None:
    """Decide, by the rules, the undecided nodes that read a node ``now`` newly decides, and on from them.

    ``now`` holds the trial's labels where they differ from ``evaluation`` (or may);
    it is extended in place.
    """
    graph, upstream, label_of = scope.graph, scope.upstream, evaluation.label

    def current(node: str) -> str:
        return now[node] if node in now else label_of(node)

    queue = deque(node for node, label in now.items() if label != UNDECIDED and label != label_of(node))
    while queue:
        node = queue.popleft()
        if node == stop:
            continue
        dependents = graph.dependents(node)
        scope.spend(len(dependents))
        for dependent in dependents:
            if dependent not in upstream or dependent in assumed or current(dependent) != UNDECIDED:
                continue
            scope.spend(_reads(graph, dependent))
            label = _rule(graph, evaluation, dependent, current)
            if label != UNDECIDED:
                now[dependent] = label
                queue.append(dependent)


def _rule(graph: ArgumentGraph, evaluation: Evaluation, node: str, label_of: Callable[[str], str]) -> str:
    """The label the rules give ``node`` from its dependencies' labels (``label_of``)."""
    if not graph.is_statement(node):
        premises, undercutters = graph.premises(node), graph.undercutters(node)
        if any(label_of(p) == REJECTED for p in premises) or any(label_of(u) == ACCEPTED for u in undercutters):
            return DEAD
        if all(label_of(p) == ACCEPTED for p in premises) and all(label_of(u) == REJECTED for u in undercutters):
            return APPLICABLE
        return UNDECIDED
    attackers, into = graph.attackers(node), graph.inferences_into(node)
    if evaluation.discounted(node) or any(label_of(a) == ACCEPTED for a in attackers):
        return REJECTED
    if into and all(label_of(i) == DEAD for i in into):
        return REJECTED
    if all(label_of(a) == REJECTED for a in attackers) and (not into or any(label_of(i) == APPLICABLE for i in into)):
        return ACCEPTED
    return UNDECIDED


def _reads(graph: ArgumentGraph, node: str) -> int:
    """How many relations :func:`_still_holds` may read for ``node``."""
    if graph.is_statement(node):
        return 1 + len(graph.attackers(node)) + len(graph.inferences_into(node))
    return 1 + len(graph.premises(node)) + len(graph.undercutters(node))


def _still_holds(graph: ArgumentGraph, evaluation: Evaluation, node: str, suspect: set[str]) -> bool:
    """True when the reason ``node``'s label was decided for holds without the ``suspect`` nodes.

    The reasons are the fixed point's rules, read from labels decided before ``node``.
    """
    labels, inferences, rank = evaluation.labels, evaluation.inferences, evaluation.rank
    mine = rank[node]
    if not graph.is_statement(node):
        premises = graph.premises(node)
        reads = premises + graph.undercutters(node)
        if inferences[node] == APPLICABLE:  # every premise accepted and every undercutter rejected
            return not any(dep in suspect for dep in reads)
        # dead: one premise rejected or one undercutter accepted, decided before it
        return any(dep not in suspect and rank.get(dep, mine) < mine
                   and labels[dep] == (REJECTED if dep in premises else ACCEPTED) for dep in reads)
    attackers, into = graph.attackers(node), graph.inferences_into(node)
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
