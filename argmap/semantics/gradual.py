"""Gradual semantics: every statement gets a strength in [0, 1] from its weight and what bears on it.

Two semantics of weighted bipolar argumentation are offered, each an update rule
that takes a node's *base score* ``w`` and the strengths of its supporters and
attackers to its new strength.

``quadratic-energy``
    Potyka, "Continuous Dynamical Systems for Weighted Bipolar Argumentation",
    KR 2018, the quadratic energy model (its section on the model; the definition
    numbers of the paper could not be checked here, so the formulas are given in
    full). The energy of a node is ``E = sum(supporters) - sum(attackers)``, the
    influence ``h(x) = max(x, 0)**2 / (1 + max(x, 0)**2)``, and the node's target
    strength ``w - w*h(-E) + (1 - w)*h(E)``. Strengths follow the continuous model
    ``ds/dt = target(s) - s``, integrated with fourth-order Runge-Kutta, step 0.1,
    as the paper does; they are the model's limit.
``df-quad``
    Rago, Toni, Aurisicchio and Baroni, "Discontinuity-Free Decision Support with
    Quantitative Argumentation Debates", KR 2016 (DF-QuAD; again the definition
    numbers could not be checked here). Strength aggregation
    ``F(v1, ..., vn) = 1 - (1 - v1)*...*(1 - vn)``, 0 for none (the probabilistic
    sum ``x + y - x*y`` taken in turn); combination
    ``C(v0, va, vs) = v0 - v0*|vs - va|`` when ``va >= vs``, else
    ``v0 + (1 - v0)*|vs - va|``, with ``va = F(attackers)``, ``vs = F(supporters)``.

The quadratic energy rule and its Runge-Kutta step are those of Potyka's
reference implementation, Uncertainpy (github.com/nicopotyka/Uncertainpy:
``QuadraticEnergyModel.py``, ``algorithms/RK4.py``); its ``ContinuousDFQuADModel``
has DF-QuAD's combination as its target, and its ``RagoEtAlEDemocracy.bag`` (an
e-democracy example named after Rago et al.) is worked out by hand in the tests
under both semantics.

The weighted bipolar graph
--------------------------
Statements are nodes with their ``weight`` as base score. Every relation is a node
too, and its strength is what it carries to its target:

- the inference of a `supports` relation (id ``A->B``): base score the strength
  of ``A``, a supporter of ``B``;
- a linked argument (its own id): base score the lowest strength among its
  premises (0 when it has none in the graph), a supporter of its conclusion;
- an attack of ``A`` on ``B``, and each direction of a contradiction between them:
  id ``A~>B`` (:func:`argmap.graph.attack_id`), base score the strength of ``A``,
  an attacker of ``B``. An attack and a contradiction in the same direction are
  one relation, as the labelling counts ``A`` once among ``B``'s attackers.

A relation's attackers are its undercutters (for an attack, those of its junction
``A~>B`` when the graph has one); nothing supports a relation. A relation's
strength is computed by the same rule as a statement's, so it is its base score
weakened by its undercutters. Its base score changes with its source's strength.
A statement stands (``accepted``) when its strength is at least 0.5, else it is
``rejected``. An assumption pins a statement at 1 (``accepted``) or 0
(``rejected``), a relation at 1 (``applicable``) or 0 (``dead``), for the whole
computation.

Computing the fixed point
-------------------------
Strengths are a fixed point of the update rule. The weighted graph is split into
its strongly connected parts (networkx's ``condensation`` of what Kahn's algorithm,
run from both ends, cannot peel off), taken in topological order. A node on no cycle is computed once,
from final strengths: on an acyclic graph this is the unique fixed point, the
limit of both the continuous model and the iteration (Uncertainpy computes acyclic
graphs the same way, ``algorithms/Acyclic.py``). The nodes of a cyclic part start
from their base scores (statements first, so that a relation's base score reads
its source's) and are updated together each round, their inputs from earlier
parts held at their final strengths: for DF-QuAD a simultaneous (Jacobi)
iteration, for quadratic energy one Runge-Kutta step of 0.1 per round. A part has
converged when no strength would move by ``1e-9`` or more (for quadratic energy:
when every derivative ``target(s) - s`` is below it). After :data:`MAX_ROUNDS`
rounds a part stops where it is and the result says it did not converge
(:attr:`Strengths.converged`, :attr:`Strengths.unconverged`): DF-QuAD, for one,
oscillates on a strong mutual attack. Cyclic parts that do not depend on each
other run side by side, each stopping in its own round. A round costs time linear
in the parts it runs, so the whole costs at most :data:`MAX_ROUNDS` times the size
of the graph; nothing depends on the clock.

Taking the parts in order rather than the whole graph at once changes nothing on
an acyclic graph and makes a statement's strength depend only on what leads to it;
where a cycle has several stable fixed points, the one reached may differ from
the whole graph's simultaneous integration.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..graph import (
    CONCLUSION,
    DEFAULT_WEIGHT,
    PREMISE,
    UNDERCUT,
    ArgumentGraph,
    attack_id,
    grouped,
)

QUADRATIC_ENERGY = "quadratic-energy"
DF_QUAD = "df-quad"
NAMES = (QUADRATIC_ENERGY, DF_QUAD)
"""The gradual semantics, by the name ``--semantics`` takes."""

TOLERANCE = 1e-9
"""A part has converged when no strength would move by more than this."""
MAX_ROUNDS = 10_000
"""Rounds after which a cyclic part stops, unconverged."""
STEP = 0.1
"""The Runge-Kutta step of the quadratic energy model, as in Potyka (2018)."""

# The labels of argmap.evaluate, spelled here so that evaluate may import this module.
ACCEPTED, REJECTED = "accepted", "rejected"
APPLICABLE, DEAD = "applicable", "dead"
PINS = {ACCEPTED: 1.0, REJECTED: 0.0, APPLICABLE: 1.0, DEAD: 0.0}


class StrengthError(ValueError):
    """An unknown semantics, statement or relation, or an assumption that does not fit its node."""


@dataclass
class Strengths:
    """The strengths of a map under one gradual semantics."""

    semantics: str
    strengths: dict[str, float]
    """Every statement's strength, in the graph's order."""
    relations: dict[str, float]
    """Every relation's strength: inferences by their id, in the graph's order, then attacks and the
    directions of contradictions by :func:`~argmap.graph.attack_id`, in the order of their edges."""
    converged: bool
    """False when some cyclic part stopped after :data:`MAX_ROUNDS` rounds without converging."""
    rounds: int
    """The most rounds any cyclic part took (0 when the weighted graph has no cycle)."""
    unconverged: list[str] = field(default_factory=list)
    """The statements and relations of the parts that did not converge."""

    def strength(self, node: str) -> float:
        """The strength of a statement or a relation."""
        return self.strengths[node] if node in self.strengths else self.relations[node]

    def label(self, statement: str) -> str:
        """``accepted`` when the statement's strength is at least 0.5, else ``rejected``."""
        return ACCEPTED if self.strengths[statement] >= 0.5 else REJECTED


@dataclass(frozen=True)
class Contribution:
    """What one statement adds to another's strength: ``delta`` is the strength minus ``without``,
    the strength with that statement pinned at 0; positive when it helps."""

    id: str
    without: float
    delta: float


# -- the update rules ----------------------------------------------------------------


def quadratic_energy(base: float, supporters: Iterable[float], attackers: Iterable[float]) -> float:
    """The quadratic energy model's target strength of a node (Potyka 2018).

    Examples
    --------
    A supporter at 1 lifts a base score of 0.5 by half of what is left: ``h(1) = 1/2``.

    >>> quadratic_energy(0.5, [1.0], [])
    0.75
    >>> quadratic_energy(0.5, [], [1.0]), quadratic_energy(0.5, [0.4], [0.4])
    (0.25, 0.5)
    """
    energy = sum(supporters) - sum(attackers)
    if energy > 0:
        square = energy * energy
        return base + (1 - base) * square / (1 + square)
    if energy < 0:
        square = energy * energy
        return base - base * square / (1 + square)
    return base


def df_quad(base: float, supporters: Iterable[float], attackers: Iterable[float]) -> float:
    """DF-QuAD's strength of a node (Rago et al. 2016): ``C(base, F(attackers), F(supporters))``.

    Examples
    --------
    >>> df_quad(0.5, [], [1.0]), df_quad(0.5, [0.8], []), df_quad(0.5, [0.6], [0.6])
    (0.0, 0.9, 0.5)
    """
    spared = 1.0
    for value in attackers:
        spared *= 1 - value
    unhelped = 1.0
    for value in supporters:
        unhelped *= 1 - value
    attack, support = 1 - spared, 1 - unhelped
    if attack >= support:
        return base - base * (attack - support)
    return base + (1 - base) * (support - attack)


# -- the weighted graph -----------------------------------------------------------------


def _relations(graph: ArgumentGraph) -> list[tuple[str, list[str], str | None, bool]]:
    """Each relation of the weighted graph: (id, source statements, target statement or None, carried as a
    support?): the inferences, then each attack and each direction of a contradiction, once."""
    premises = grouped((v, u) for u, v in graph.edges(PREMISE))
    conclusion = dict(graph.edges(CONCLUSION))
    relations: list[tuple[str, list[str], str | None, bool]] = [
        (inference, premises.get(inference, []), conclusion.get(inference), True)
        for inference in graph.inferences()]
    relations += [(attack_id(source, target), [source], target, False) for source, target in graph.attack_pairs()]
    return relations


class _Network:
    """The weighted bipolar graph of an argument graph, its nodes numbered: statements, then relations.

    A node's base score is the lowest current strength among ``sources`` (a relation's
    source, a linked argument's premises), or ``const`` when it has none; ``supporters``
    and ``attackers`` are the nodes it reads strengths from. A pinned node has a constant
    base score and reads nothing.
    """

    def __init__(self, graph: ArgumentGraph, assumed: Mapping[str, str]) -> None:
        G = graph.G
        statements = graph.statements()
        undercutters = grouped((v, u) for u, v in graph.edges(UNDERCUT))
        relations = _relations(graph)
        self.ids = statements + [relation for relation, _, _, _ in relations]
        self.n_statements = len(statements)
        self.index = {node: i for i, node in enumerate(self.ids)}
        n = len(self.ids)
        weights = dict(G.nodes(data="weight", default=DEFAULT_WEIGHT))
        self.const: list[float] = [weights[node] for node in statements] + [0.0] * len(relations)
        self.sources: list[tuple[int, ...]] = [()] * n
        supporters: list[list[int]] = [[] for _ in range(n)]
        attackers: list[list[int]] = [[] for _ in range(n)]
        statement_index = {node: i for i, node in enumerate(statements)}
        for i, (relation, sources, concluded, support) in enumerate(relations, self.n_statements):
            self.sources[i] = tuple(statement_index[s] for s in sources if s in statement_index)
            attackers[i] = [statement_index[u] for u in undercutters.get(relation, ()) if u in statement_index]
            if concluded is not None and concluded in statement_index:
                (supporters if support else attackers)[statement_index[concluded]].append(i)
        self.supporters = [tuple(nodes) for nodes in supporters]
        self.attackers = [tuple(nodes) for nodes in attackers]
        self.pinned: dict[int, float] = {}
        self._pin_assumed(assumed)
        self.parts, self.generations = self._parts()

    def _pin_assumed(self, assumed: Mapping[str, str]) -> None:
        """Pin each assumed node at 1 or 0; :class:`StrengthError` for a name or a label that does not fit."""
        for node, label in assumed.items():
            place = self.index.get(node)
            if place is None:
                raise StrengthError(f"`{node}` is not a statement or relation of this map")
            what, allowed = ("a statement", (ACCEPTED, REJECTED)) if place < self.n_statements \
                else ("a relation", (APPLICABLE, DEAD))
            if label not in allowed:
                raise StrengthError(f"`{node}` is assumed {label}: {what} is `{allowed[0]}` or `{allowed[1]}`")
            self.pin(place, PINS[label])

    def pin(self, i: int, value: float) -> None:
        """Fix node ``i``'s strength at ``value``: a constant base score and nothing to read."""
        self.pinned[i] = value
        self.const[i], self.sources[i], self.supporters[i], self.attackers[i] = value, (), (), ()

    def dependencies(self, i: int) -> tuple[int, ...]:
        return self.sources[i] + self.supporters[i] + self.attackers[i]

    def readers(self) -> list[list[int]]:
        """Node -> the nodes that read its strength."""
        found: list[list[int]] = [[] for _ in self.ids]
        for i in range(len(self.ids)):
            for j in self.dependencies(i):
                found[j].append(i)
        return found

    def _parts(self) -> tuple[list[list[int]], list[int]]:
        """The strongly connected parts in topological order, and the generation of each.

        A part of one node is on no cycle. Kahn's algorithm peels off the nodes that depend
        on no cycle, in order, and then, from the other end, those that lead to no cycle
        (both generation -1); networkx finds the strongly connected components of what
        remains and their topological generations: parts of one generation do not depend
        on each other, so their cycles can be computed together. Within a generation,
        single nodes come first.
        """
        n = len(self.ids)
        readers = self.readers()
        waiting = [len(self.dependencies(i)) for i in range(n)]
        head = _peel([i for i in range(n) if not waiting[i]], readers, waiting)
        if len(head) == n:
            return [[i] for i in head], [-1] * n
        rest = {i for i in range(n) if waiting[i]}
        read = {i: sum(1 for r in readers[i] if r in rest) for i in rest}
        back = [[j for j in self.dependencies(i) if j in rest] if i in rest else [] for i in range(n)]
        tail = _peel(sorted(i for i in rest if not read[i]), back, read)
        core = rest.difference(tail)
        H: nx.DiGraph[int] = nx.DiGraph()
        H.add_nodes_from(sorted(core))
        H.add_edges_from((j, i) for i in sorted(core) for j in self.dependencies(i) if j in core)
        C = nx.condensation(H)
        parts, generations = [[i] for i in head], [-1] * len(head)
        for number, generation in enumerate(nx.topological_generations(C)):
            found = sorted((sorted(C.nodes[part]["members"]) for part in generation), key=lambda p: (len(p) > 1, p))
            parts += found
            generations += [number] * len(found)
        parts += [[i] for i in reversed(tail)]
        generations += [-1] * len(tail)
        return parts, generations


def _peel(start: list[int], nxt: Sequence[Sequence[int]], waiting: MutableMapping[int, int] | list[int]) -> list[int]:
    """Kahn's algorithm: ``start`` and every node whose ``waiting`` count the nodes before it bring to 0,
    in order; ``nxt`` gives the nodes whose counts a node lowers."""
    order = []
    queue = deque(start)
    while queue:
        i = queue.popleft()
        order.append(i)
        for j in nxt[i]:
            waiting[j] -= 1
            if not waiting[j]:
                queue.append(j)
    return order


# -- solving -------------------------------------------------------------------------


class _Solver:
    """Computes strengths into ``values``, part by part, under one semantics."""

    def __init__(self, network: _Network, semantics: str, tolerance: float, max_rounds: int) -> None:
        self.network, self.semantics = network, semantics
        self.tolerance, self.max_rounds = tolerance, max_rounds
        self.rounds = 0
        self.unconverged: list[int] = []

    def target(self, i: int, values: list[float]) -> float:
        """Node ``i``'s strength by the update rule, from ``values``."""
        net = self.network
        sources = net.sources[i]
        base = min(values[j] for j in sources) if sources else net.const[i]
        rule = quadratic_energy if self.semantics == QUADRATIC_ENERGY else df_quad
        return rule(base, [values[j] for j in net.supporters[i]], [values[j] for j in net.attackers[i]])

    def solve(self, parts: Sequence[int], values: list[float], fixed: Mapping[int, float]) -> None:
        """Compute the nodes of ``parts`` (numbers of the network's parts, in order) into ``values``;
        ``fixed`` nodes keep theirs. The cyclic parts of one generation are computed together."""
        net = self.network
        k = 0
        while k < len(parts):
            part = net.parts[parts[k]]
            if len(part) == 1:
                i = part[0]
                values[i] = fixed[i] if i in fixed else self.target(i, values)
                k += 1
                continue
            generation, batch = net.generations[parts[k]], []
            while k < len(parts) and net.generations[parts[k]] == generation and len(net.parts[parts[k]]) > 1:
                batch.append(net.parts[parts[k]])
                k += 1
            self.cycles(batch, values, fixed)

    def cycles(self, parts: list[list[int]], values: list[float], fixed: Mapping[int, float]) -> None:
        """Compute cyclic ``parts`` that do not depend on each other, each from its base scores.

        They run as one system, ordered for speed: relations that only pass on their one
        source's strength (copies), then nodes whose base score is constant (plain: the
        statements), then the rest. Each part stops counting rounds, and keeps its
        strengths, in the round it converges: the result is each part's own.
        """
        net = self.network
        groups: tuple[list[int], list[int], list[int]] = ([], [], [])
        part_of: dict[int, int] = {}
        for number, part in enumerate(parts):
            inside = set()
            for i in part:
                if i in fixed:
                    values[i] = fixed[i]
                else:
                    inside.add(i)
                    part_of[i] = number
            for i in part:
                if i in inside:
                    sources = net.sources[i]
                    copy = len(sources) == 1 and sources[0] in inside and not net.supporters[i] and not net.attackers[i]
                    groups[0 if copy else 1 if not sources else 2].append(i)
        members = groups[0] + groups[1] + groups[2]
        local = self.local(members, values)
        # Base scores first: statements' weights, then relations' from their sources.
        state = [base for base, _, _, _, _, _, _ in local]
        state = [state[single] if single >= 0 else min(base, min(state[k] for k in others)) if others else base
                 for base, single, others, _, _, _, _ in local]
        run = _integrate if self.semantics == QUADRATIC_ENERGY else _iterate
        outcome = run(local, (len(groups[0]), len(groups[0]) + len(groups[1])), [part_of[i] for i in members],
                      len(parts), state, self.tolerance, self.max_rounds)
        for i, value in zip(members, state):
            values[i] = value
        for part, (rounds, converged) in zip(parts, outcome):
            self.rounds = max(self.rounds, rounds)
            if not converged:
                self.unconverged.extend(part)

    def local(self, members: list[int], values: list[float]) -> list[_Local]:
        """Each member of cyclic parts as its update rule reads it while they are computed.

        Members are numbered by their place in ``members``. What a member reads from outside
        is final and folded into constants: its base score when it has no source among the
        members (else ``inf``, so that ``min`` passes over it), and the energy (quadratic
        energy) or the products of ``1 - v`` over attackers and supporters (DF-QuAD).
        """
        net, energy = self.network, self.semantics == QUADRATIC_ENERGY
        place = {i: k for k, i in enumerate(members)}
        found = []
        for i in members:
            sources = net.sources[i]
            outside = [values[j] for j in sources if j not in place]
            base = net.const[i] if not sources else min(outside) if outside else math.inf
            inside = tuple(place[j] for j in sources if j in place)
            single = inside[0] if len(inside) == 1 and not outside else -1
            supporters = [j for j in net.supporters[i] if j not in place]
            attackers = [j for j in net.attackers[i] if j not in place]
            if energy:
                first = sum(values[j] for j in supporters) - sum(values[j] for j in attackers)
                second = 0.0
            else:
                first = math.prod(1 - values[j] for j in attackers)
                second = math.prod(1 - values[j] for j in supporters)
            found.append((base, single, () if single >= 0 else inside, first, second,
                          tuple(place[j] for j in net.supporters[i] if j in place),
                          tuple(place[j] for j in net.attackers[i] if j in place)))
        return found


_Local = tuple[float, int, tuple[int, ...], float, float, tuple[int, ...], tuple[int, ...]]
"""A member of cyclic parts (:meth:`_Solver.local`): its base score from outside, its one source inside
(-1 unless that is all its base reads), its sources inside otherwise, two constants from outside (the
energy and 0, or the products over attackers and supporters), its supporters and its attackers inside."""


class _Parts:
    """The parts of a run: which are still running, and the strengths each kept when it converged."""

    def __init__(self, part_of: list[int], count: int, state: list[float]) -> None:
        self.part_of, self.state = part_of, state
        self.members: list[list[int]] = [[] for _ in range(count)]
        for k, number in enumerate(part_of):
            self.members[number].append(k)
        self.live = set(range(count))
        self.outcome = [(0, False)] * count
        self.kept: list[tuple[int, float]] = []

    def settle(self, rounds: int, moving: Iterable[int]) -> bool:
        """Live parts with no member in ``moving`` converge in this round; True when none is left."""
        part_of = self.part_of
        settled = self.live - {part_of[k] for k in moving}
        for number in settled:
            self.outcome[number] = (rounds, True)
            self.kept += [(k, self.state[k]) for k in self.members[number]]
        self.live -= settled
        return not self.live

    def finish(self, rounds: int) -> list[tuple[int, bool]]:
        """The parts still running stop unconverged; every converged part gets its strengths back."""
        for number in self.live:
            self.outcome[number] = (rounds, False)
        for k, value in self.kept:
            self.state[k] = value
        return self.outcome


def _iterate(local: list[_Local], blocks: tuple[int, int], part_of: list[int], count: int, state: list[float],
             tolerance: float, max_rounds: int) -> list[tuple[int, bool]]:
    """DF-QuAD on cyclic parts: every member updated from the previous round's strengths, until no
    member of a part moves by ``tolerance``; each part's rounds and whether it converged. ``state``
    holds the members' strengths and is updated."""
    copies = blocks[0]
    heads, rest = [single for _, single, _, _, _, _, _ in local[:copies]], local[copies:]
    parts = _Parts(part_of, count, state)
    for rounds in range(1, max_rounds + 1):
        new = [state[k] for k in heads]
        append = new.append
        for base, single, inside, spared, unhelped, supporters, attackers in rest:
            if single >= 0:
                base = state[single]
            elif inside:
                base = min(base, min([state[k] for k in inside]))
            for k in attackers:
                spared *= 1 - state[k]
            for k in supporters:
                unhelped *= 1 - state[k]
            attack, support = 1 - spared, 1 - unhelped
            append(base - base * (attack - support) if attack >= support else base + (1 - base) * (support - attack))
        moving = [k for k, (a, b) in enumerate(zip(new, state)) if abs(a - b) >= tolerance]
        state[:] = new
        if parts.settle(rounds, moving):
            break
    return parts.finish(max_rounds)


def _integrate(local: list[_Local], blocks: tuple[int, int], part_of: list[int], count: int, state: list[float],
               tolerance: float, max_rounds: int) -> list[tuple[int, bool]]:
    """Quadratic energy on cyclic parts: Runge-Kutta steps of ``ds/dt = target(s) - s`` until no
    derivative in a part exceeds ``tolerance``; each part's steps and whether it converged.
    ``state`` holds the members' strengths and is updated."""
    copies, plain = blocks
    heads = [single for _, single, _, _, _, _, _ in local[:copies]]
    bases = [base for base, _, _, _, _, _, _ in local[copies:plain]]
    energies = [(energy, supporters, attackers) for _, _, _, energy, _, supporters, attackers in local[copies:plain]]
    rest = local[plain:]

    def slope(y: list[float]) -> list[float]:
        get = y.__getitem__
        found = [get(k) - now for k, now in zip(heads, y)]
        # target - now, with h(x) = x*x/(1 + x*x): base - base*h(-E) + (1 - base)*h(E), one term nonzero.
        found += [(b + (1 - b) * e * e / (1 + e * e) if e > 0 else b - b * e * e / (1 + e * e)) - now
                  for b, e, now in zip(bases, [c + sum(map(get, sup)) - sum(map(get, att)) for c, sup, att in energies],
                                       y[copies:plain])]
        append = found.append
        for (base, single, inside, energy, _, supporters, attackers), now in zip(rest, y[plain:]):
            if single >= 0:
                base = y[single]
            elif inside:
                base = min(base, min(map(get, inside)))
            energy += sum(map(get, supporters)) - sum(map(get, attackers))
            append((base + (1 - base) * energy * energy / (1 + energy * energy) if energy > 0
                    else base - base * energy * energy / (1 + energy * energy)) - now)
        return found

    h, sixth = STEP, STEP / 6
    parts = _Parts(part_of, count, state)
    for rounds in range(max_rounds + 1):
        k1 = slope(state)
        if parts.settle(rounds, [k for k, d in enumerate(k1) if abs(d) >= tolerance]) or rounds == max_rounds:
            break
        k2 = slope([s + h / 2 * d for s, d in zip(state, k1)])
        k3 = slope([s + h / 2 * d for s, d in zip(state, k2)])
        k4 = slope([s + h * d for s, d in zip(state, k3)])
        state[:] = [s + sixth * (a + d + 2 * (b + c)) for s, a, b, c, d in zip(state, k1, k2, k3, k4)]
    return parts.finish(max_rounds)


def _check_semantics(semantics: str) -> None:
    if semantics not in NAMES:
        raise StrengthError(f"unknown gradual semantics `{semantics}`; choose {' or '.join(NAMES)}")


def strengths(graph: ArgumentGraph, semantics: str, assumed: Mapping[str, str] | None = None, *,
              tolerance: float = TOLERANCE, max_rounds: int = MAX_ROUNDS) -> Strengths:
    """The strength of every statement and relation of ``graph`` under a gradual semantics.

    Parameters
    ----------
    graph : ArgumentGraph
        Any argument graph, cycles included.
    semantics : str
        ``quadratic-energy`` or ``df-quad``.
    assumed : mapping, optional
        Node id -> ``accepted`` or ``rejected`` for a statement (strength pinned at 1
        or 0), ``applicable`` or ``dead`` for a relation (its id as in
        :attr:`Strengths.relations`).
    tolerance, max_rounds
        When a cyclic part has converged, and when it stops without.

    Returns
    -------
    Strengths

    Raises
    ------
    StrengthError
        An unknown semantics, or an assumption that names no node or does not fit it.

    Examples
    --------
    ``p`` (weight 0.7) supports the thesis ``t`` (0.5); ``c`` (0.6) attacks ``p``. Under
    DF-QuAD ``p = 0.7 - 0.7*0.6 = 0.28`` and ``t = 0.5 + 0.5*0.28 = 0.64``.

    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis}
    ...   p: {text: A reason, supports: t, weight: 0.7}
    ... counterclaims:
    ...   c: {text: An objection, attacks: p, weight: 0.6}
    ... '''
    >>> graph = ArgumentGraph.of(load_bytes(text, "m.yaml").model)
    >>> result = strengths(graph, "df-quad")
    >>> {node: round(value, 4) for node, value in result.strengths.items()}
    {'t': 0.64, 'p': 0.28, 'c': 0.6}
    >>> {node: round(value, 4) for node, value in result.relations.items()}
    {'p->t': 0.28, 'c~>p': 0.6}
    >>> result.label("t"), result.converged, result.rounds
    ('accepted', True, 0)
    >>> round(strengths(graph, "quadratic-energy").strengths["t"], 4)
    0.6047
    >>> round(strengths(graph, "df-quad", {"c": "rejected"}).strengths["t"], 4)
    0.85

    A strong mutual contradiction makes DF-QuAD oscillate (both at 1, both at 0, ...);
    quadratic energy settles where ``s = 1 - h(s) = 1/(1 + s**2)``, ``s = 0.6823``:

    >>> loop = ArgumentGraph.of(load_bytes(b'''argmap: 1
    ... title: T
    ... claims:
    ...   a: {text: A, contradicts: b, weight: 1}
    ...   b: {text: B, weight: 1}
    ... ''', "m.yaml").model)
    >>> result = strengths(loop, "df-quad", max_rounds=100)
    >>> result.converged, result.rounds, result.unconverged
    (False, 100, ['a', 'b', 'a~>b', 'b~>a'])
    >>> result = strengths(loop, "quadratic-energy")
    >>> result.converged, round(result.strengths["a"], 4)
    (True, 0.6823)
    """
    _check_semantics(semantics)
    network = _Network(graph, assumed or {})
    values = [0.0] * len(network.ids)
    solver = _Solver(network, semantics, tolerance, max_rounds)
    solver.solve(range(len(network.parts)), values, network.pinned)
    return _result(network, solver, values)


def _result(network: _Network, solver: _Solver, values: Sequence[float]) -> Strengths:
    ids, n = network.ids, network.n_statements
    # The model's limit is in [0, 1]; a last Runge-Kutta step may overshoot it by rounding.
    clamped = [min(1.0, max(0.0, value)) for value in values]
    unconverged = set(solver.unconverged)
    return Strengths(solver.semantics, dict(zip(ids[:n], clamped[:n])), dict(zip(ids[n:], clamped[n:])),
                     not unconverged, solver.rounds, [ids[i] for i in sorted(unconverged)])


def contributors(graph: ArgumentGraph, statement: str) -> list[str]:
    """The statements whose relations bear directly on ``statement``: the premise of each support
    into it, each premise of each linked argument into it, each attacker (attacks and contradictions,
    either direction); each once, in that order, ``statement`` itself left out.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for node in "tabc":
    ...     G.add_node(node, kind="claim")
    >>> G.add_node("both", kind="inference", form="argument")
    >>> _ = G.add_edge("a", "both", key="premise"); _ = G.add_edge("b", "both", key="premise")
    >>> _ = G.add_edge("both", "t", key="conclusion"); _ = G.add_edge("t", "c", key="contradict")
    >>> contributors(ArgumentGraph(G), "t")
    ['a', 'b', 'c']
    """
    found = [premise for inference in graph.inferences_into(statement) for premise in graph.premises(inference)]
    found += graph.attackers(statement)
    return [node for node in dict.fromkeys(found) if node != statement]


def contributions(graph: ArgumentGraph, semantics: str, statement: str, assumed: Mapping[str, str] | None = None,
                  result: Strengths | None = None, *, tolerance: float = TOLERANCE,
                  max_rounds: int = MAX_ROUNDS) -> list[Contribution]:
    """What each direct supporter and attacker of ``statement`` adds to its strength.

    A contributor's ``delta`` is ``statement``'s strength minus what it would be with
    the contributor pinned at 0 for the whole computation (a premise of a linked
    argument so kills the argument); positive when it helps. Only the parts of the
    weighted graph that lie on a path from the contributor to ``statement`` are
    computed again.

    Parameters
    ----------
    graph, semantics, assumed
        As for :func:`strengths`; an assumption about a contributor gives way to its pin at 0.
    statement : str
        A statement of ``graph``.
    result : Strengths, optional
        :func:`strengths` of the same graph, semantics and assumptions, if already computed.

    Returns
    -------
    list of Contribution
        Ordered by the size of ``delta``, largest first, then by id.

    Examples
    --------
    ``a`` (0.9) supports ``t`` (0.5), ``c`` (0.6) attacks it; under DF-QuAD
    ``t = 0.5 + 0.5*(0.9 - 0.6) = 0.65``; without ``a`` it is ``0.5 - 0.5*0.6 = 0.2``,
    without ``c`` ``0.5 + 0.5*0.9 = 0.95``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for node, weight in (("t", 0.5), ("a", 0.9), ("c", 0.6)):
    ...     G.add_node(node, kind="claim", weight=weight)
    >>> G.add_node("a->t", kind="inference", form="support")
    >>> _ = G.add_edge("a", "a->t", key="premise"); _ = G.add_edge("a->t", "t", key="conclusion")
    >>> _ = G.add_edge("c", "t", key="attack")
    >>> [(c.id, round(c.without, 4), round(c.delta, 4)) for c in contributions(ArgumentGraph(G), "df-quad", "t")]
    [('a', 0.2, 0.45), ('c', 0.95, -0.3)]
    """
    _check_semantics(semantics)
    network = _Network(graph, assumed or {})
    target = network.index.get(statement)
    if target is None or target >= network.n_statements:
        raise StrengthError(f"`{statement}` is not a statement of this map")
    if result is None:
        result = strengths(graph, semantics, assumed, tolerance=tolerance, max_rounds=max_rounds)
    elif result.semantics != semantics:
        raise StrengthError(f"the strengths given were computed under `{result.semantics}`, not `{semantics}`")
    values = [result.strength(node) for node in network.ids]
    readers = network.readers()
    ancestors = _reach([target], network.dependencies)
    part_of = {i: place for place, part in enumerate(network.parts) for i in part}
    found = []
    for node in contributors(graph, statement):
        i = network.index[node]
        affected = _reach([i], lambda j: [r for r in readers[j] if r in ancestors])
        parts = sorted({part_of[j] for j in affected})
        trial = list(values)
        solver = _Solver(network, semantics, tolerance, max_rounds)
        solver.solve(parts, trial, {**network.pinned, i: 0.0})
        without = min(1.0, max(0.0, trial[target]))
        found.append(Contribution(node, without, result.strengths[statement] - without))
    found.sort(key=lambda c: (-abs(c.delta), c.id))
    return found


def _reach(sources: Iterable[int], step: Callable[[int], Iterable[int]]) -> set[int]:
    """Every node reached from ``sources`` (included) by repeating ``step``
    (:func:`argmap.graph.reach_by`, for the weighted graph's numbered nodes)."""
    seen = set(sources)
    stack = list(seen)
    while stack:
        for nxt in step(stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
