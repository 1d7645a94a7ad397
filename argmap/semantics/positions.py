"""Defensible positions: the complete labellings of an argument graph, and the preferred or stable ones.

A *labelling* ``L`` gives every statement ``accepted``, ``rejected`` or ``undecided``
and every inference ``applicable``, ``dead`` or ``undecided`` (the labels of
:mod:`argmap.evaluate`); a junction is labelled like a statement. ``undecided`` is
below the other labels (the information order), and ``L`` is contained in ``L'`` when
every node ``L`` decides has the same label in ``L'``.

Complete labellings
-------------------
Given a labelling ``L``, let ``F_L`` map a labelling ``X`` to the labelling in which

- an inference is *applicable* when every premise is accepted in ``X`` and every
  undercutter rejected in ``L``; *dead* when a premise is rejected in ``X`` or an
  undercutter accepted in ``L``; else undecided;
- a statement keeps its label if it is assumed; else it is *rejected* when it is
  discounted (``--require-support``), or an attacker is accepted in ``L``, or
  inferences conclude in it and every one of them is dead in ``X``; *accepted* when
  every attacker is rejected in ``L`` and either no inference concludes in it or one
  is applicable in ``X``; else undecided.

``F_L`` is monotone in ``X``. ``L`` is **complete** when it is the least fixed point of
``F_L``: the labels that attacks and undercuts read are taken from ``L`` itself, and the
labels that support reads (premise -> inference -> conclusion) are derived from
below. This is the Gelfond-Lifschitz reduct of logic programming (Przymusinski's
three-valued stable models are built the same way), with one difference: there an
atom nothing derives is false, while here a rejection needs a derivation as much as
an acceptance does, as in :func:`argmap.evaluate.evaluate`. Consequences:

1. A complete labelling satisfies the labelling rules of :mod:`argmap.evaluate` at
   every node (``L = F_L(L)``, which is the evaluation's one-step operator at ``L``).
2. Support is well-founded. A statement accepted because of an inference has a finite
   tree of applicable inferences under it whose leaves are accepted statements that no
   inference concludes in (or assumed ones): an argument in the sense of ASPIC+, where
   an argument is a finite tree of rules applied to premises (Modgil & Prakken 2013,
   Sect. 3). Dually, a statement
   rejected because every inference into it is dead has, for each of them, a premise
   whose rejection is founded in turn or an accepted undercutter, and every such chain
   ends, after finitely many steps along support, in a statement rejected for a reason
   of its own: an accepted attacker, discounting or an assumption. A cycle of support
   that nothing outside it decides (``a`` supports ``b``, ``b`` supports ``a``)
   satisfies the rules all accepted, all rejected and all undecided; only the last is
   complete, as the grounded labelling has it. Chosen over the alternative that a
   statement is rejected once its well-founded arguments are all out (ASPIC+'s reading):
   with that one, a support cycle whose only outside support is rejected would be
   rejected in every complete labelling, while the grounded labelling, which rejects
   only what it derives, leaves it undecided, so the grounded labelling would not be
   complete. Here such a cycle stays undecided unless an accepted attacker or an
   accepted undercutter rejects a member of it.
3. Attack and undercut may be read in a circle: when ``a`` and ``b`` contradict each
   other, ``{a accepted, b rejected}`` is complete. Taking one side of a conflict the
   map leaves open is what a position is.
4. The grounded labelling (:func:`argmap.evaluate.evaluate`, the least fixed point of
   the rules) is complete, and is contained in every complete labelling: every complete
   labelling is a fixed point of the rules.
5. Without inferences, ``F_L(X)`` does not read ``X``, so the complete labellings are
   exactly the fixed points of the rules: Caminada's complete labellings (Caminada
   2006), whose accepted sets are Dung's complete extensions (Dung 1995, Def. 23).
6. The accepted statements determine the rest: the rejected statements are the least
   set closed under discounting, assumption, an accepted attacker and "every inference
   into it has a rejected premise or an accepted undercutter"; then each inference's
   label follows. Two positions differ in what they accept.

Positions
---------
A **preferred** position is a complete labelling whose set of accepted statements is
maximal by inclusion among complete labellings; a **stable** position is a complete
labelling that leaves nothing undecided, no statement and no inference. Without
inferences these are Caminada's preferred and stable labellings, whose accepted sets
are Dung's preferred extensions (Dung 1995, Def. 7: maximal admissible sets) and stable
extensions (Def. 13). There is always a preferred position (the grounded labelling is
complete and the graph is finite); there may be no stable one (an odd cycle of
attacks). A node's *sceptical* label is the label it has in every position, else
undecided.

Search
------
The complete labellings are the answer sets of a small program for clingo, in the
manner of ASPARTIX: the labels of the statements that attack or undercut are guessed
(a choice rule), every label is derived from them by positive rules (support) that
read the guess (attack, undercut), and constraints keep the guesses that the
derivation confirms; an answer set's minimality is what makes support well-founded.
Stable positions add a constraint against undecided nodes. Preferred positions are
the answer sets whose accepted atoms are maximal, enumerated with clingo's domain
heuristic (``#heuristic in(S) : s(S). [1, true]`` with ``--heuristic=Domain
--enum-mode=domRec``) in one solver call, with no check of maximality outside it.
clingo is deterministic on one thread, and the work is bounded by counts (solver
conflicts, labels read), never by the clock, so the same graph gives the same answer
on every run and machine.

Sources
-------
- P. M. Dung, "On the acceptability of arguments and its fundamental role in
  nonmonotonic reasoning, logic programming and n-person games", Artificial
  Intelligence 77(2), 1995: Def. 7 (preferred), 13 (stable), 23 (complete extension).
- M. Caminada, "On the issue of reinstatement in argumentation", JELIA 2006, LNCS
  4160: reinstatement (complete) labellings and their correspondence with Dung's
  extensions.
- S. Modgil and H. Prakken, "A general account of argumentation with preferences",
  Artificial Intelligence 195, 2013 (arguments as finite trees); "The ASPIC+ framework
  for structured argumentation: a tutorial", Argument & Computation 5(1), 2014.
- T. Przymusinski, "The well-founded semantics coincides with the three-valued stable
  semantics", Fundamenta Informaticae 13(4), 1990 (the reduct that this definition
  follows).
- U. Egly, S. A. Gaggl and S. Woltran, "Answer-set programming encodings for
  argumentation frameworks", Argument & Computation 1(2), 2010 (ASPARTIX).
- M. Gebser, B. Kaufmann, J. Romero, R. Otero, T. Schaub and P. Wanko, "Domain-specific
  heuristics in answer set programming", AAAI 2013; E. Di Rosa, E. Giunchiglia and
  M. Maratea, "Solving satisfiability problems with preferences", Constraints 15(4),
  2010 (enumerating inclusion-maximal models by heuristic).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..evaluate import ACCEPTED, APPLICABLE, DEAD, REJECTED, UNDECIDED, EvaluationError
from ..graph import ATTACK, CONCLUSION, CONTRADICT, INFERENCE, PREMISE, UNDERCUT, ArgumentGraph

if TYPE_CHECKING:
    import clingo

PREFERRED, STABLE = "preferred", "stable"
SEMANTICS = (PREFERRED, STABLE)

MAX_POSITIONS_WORK = 1_000_000
"""The default ``budget`` of :func:`positions`, in units of work: reading one node's label from
an answer set is one unit, and one conflict of the solver is :data:`CONFLICT_WORK` units. A unit
is a few microseconds here: the default stops a search through thousands of positions of a map
of 500 statements after two to three seconds."""

CONFLICT_WORK = 20
"""Units of work one solver conflict counts for: a conflict (a backjump and a learnt clause)
costs the solver about as much as reading twenty labels costs Python."""

# Facts: s(N) statement, i(N) inference, a(A,S) A attacks S, p(P,I) premise, c(I,S) conclusion,
# u(U,I) undercut, d(S) discounted, fix(N,1) assumed accepted or applicable, fix(N,0) rejected or dead.
# in/out are the labelling L; din/dout the least fixed point of F_L (the module's docstring). Only
# the labels that an attack or an undercut reads are guessed (g); the rest follow from them.
_ENCODING = """
#defined s/1. #defined i/1. #defined a/2. #defined p/2. #defined c/2. #defined u/2. #defined d/1.
#defined fix/2.
fixed(N) :- fix(N, _).
r(A) :- a(A, _).
r(U) :- u(U, _).
g(N) :- r(N), not fixed(N).
sup(S) :- c(_, S).
{ in(N); out(N) } 1 :- g(N).
din(N) :- fix(N, 1).
dout(N) :- fix(N, 0).
din(S) :- s(S), not fixed(S), not d(S), not sup(S), out(A) : a(A, S).
din(S) :- s(S), not fixed(S), not d(S), c(I, S), din(I), out(A) : a(A, S).
dout(S) :- s(S), not fixed(S), d(S).
dout(S) :- s(S), not fixed(S), a(A, S), in(A).
dout(S) :- s(S), not fixed(S), sup(S), dout(I) : c(I, S).
din(I) :- i(I), not fixed(I), din(P) : p(P, I); out(U) : u(U, I).
dout(I) :- i(I), not fixed(I), p(P, I), dout(P).
dout(I) :- i(I), not fixed(I), u(U, I), in(U).
in(N) :- din(N), not g(N).
out(N) :- dout(N), not g(N).
:- g(N), in(N), not din(N).
:- g(N), din(N), not in(N).
:- g(N), out(N), not dout(N).
:- g(N), dout(N), not out(N).
#show in/1.
#show out/1.
"""

_STABLE = ":- s(N), not in(N), not out(N). :- i(N), not in(N), not out(N).\n"
_PREFERRED = "#heuristic in(S) : s(S). [1, true]\n"


@dataclass
class Positions:
    """The positions of one semantics, and what they agree on."""

    semantics: str
    """``preferred`` or ``stable``."""
    positions: list[dict[str, str]]
    """At most ``max_positions`` positions, each labelling every node (in the graph's order),
    sorted by the sorted list of the ids of the statements they accept."""
    total: int | None
    """How many positions there are; None when the search stopped before it knew."""
    sceptical: dict[str, str]
    """Every node's label in every position (``undecided`` where they differ); empty when no
    position was found."""
    sceptical_complete: bool
    """True when :attr:`sceptical` is exact: every position was considered, or the solver proved
    it; False when it covers only the positions found."""
    work: int = 0
    """The units of work the search did (see :data:`MAX_POSITIONS_WORK`)."""

    @property
    def complete(self) -> bool:
        """True when the search finished: :attr:`total` is known."""
        return self.total is not None


def positions(graph: ArgumentGraph, semantics: str = PREFERRED, assumed: Mapping[str, str] | None = None,
              discounted: AbstractSet[str] = frozenset(), max_positions: int = 8,
              budget: int = MAX_POSITIONS_WORK) -> Positions:
    """The preferred or stable positions of ``graph`` (the module's docstring defines them).

    Parameters
    ----------
    graph : ArgumentGraph
        Edges of kinds ``premise``, ``conclusion``, ``attack``, ``contradict`` and
        ``undercut`` (of an inference); circular support and self-attack allowed.
    semantics : str
        ``preferred`` or ``stable``.
    assumed : mapping, optional
        Node -> fixed label: ``accepted`` or ``rejected`` for a statement, ``applicable``
        or ``dead`` for an inference.
    discounted : set
        Statements rejected whatever else holds (``--require-support``), unless assumed.
    max_positions : int
        How many positions to return; all of them are counted.
    budget : int
        Units of work (:data:`MAX_POSITIONS_WORK`): the search stops once the solver's
        conflicts, or the labels read from the positions it enumerates, come to this.
        Counted, never timed, so the same graph stops at the same place on every run.
        Stable positions keep a quarter of it back, to prove the sceptical labels when
        the positions are too many to count.

    Returns
    -------
    Positions
        With :attr:`~Positions.total` None when the budget ran out; the positions are
        then the first in canonical order among those found. For stable positions the
        sceptical labels are still exact when the solver could prove them within the
        budget (clingo's cautious reasoning).

    Raises
    ------
    ValueError
        For an unknown semantics or a negative ``max_positions`` or ``budget``.
    EvaluationError
        For an assumption or a discounted statement that names no node of the graph,
        or an assumed label that does not fit the node.

    Examples
    --------
    The Nixon diamond: ``quaker`` and ``republican`` contradict each other.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("quaker", kind="claim"); G.add_node("republican", kind="claim")
    >>> _ = G.add_edge("quaker", "republican", key="contradict")
    >>> found = positions(ArgumentGraph(G))
    >>> found.total, [p["quaker"] for p in found.positions]
    (2, ['accepted', 'rejected'])
    >>> found.sceptical
    {'quaker': 'undecided', 'republican': 'undecided'}
    >>> positions(ArgumentGraph(G), assumed={"quaker": "accepted"}).positions
    [{'quaker': 'accepted', 'republican': 'rejected'}]
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics `{semantics}`: choose from {', '.join(SEMANTICS)}")
    if max_positions < 0 or budget < 0:
        raise ValueError("max_positions and budget must not be negative")
    kinds = list(graph.G.nodes(data="kind"))
    nodes = [node for node, _ in kinds]
    statement = [kind != INFERENCE for _, kind in kinds]
    program = _ENCODING + (_PREFERRED if semantics == PREFERRED else _STABLE) \
        + _facts(graph, nodes, statement, dict(assumed or {}), discounted)
    search = _Search(nodes, statement, max_positions)
    mode = ["--heuristic=Domain", "--enum-mode=domRec"] if semantics == PREFERRED else []
    # Stable positions keep a quarter of the budget back for the proof below.
    finished = search.run(program, mode, budget if semantics == PREFERRED else budget - budget // 4)
    sceptical_complete = finished
    in_all, out_all = search.in_all, search.out_all
    if not finished and semantics == STABLE and search.count:
        # What every stable position accepts, clingo's cautious reasoning proves in at most
        # as many answer sets as there are atoms, however many positions there are.
        proof = _Search(nodes, statement, 0)
        if proof.run(program, ["--enum-mode=cautious"], max(budget - search.work, 0)):
            in_all, out_all, sceptical_complete = proof.last_in, proof.last_out, True
        search.work += proof.work
    sceptical = _labelling(nodes, statement, in_all, out_all) if search.count else {}
    found = [_labelling(nodes, statement, accepted, rejected) for _, accepted, rejected in search.best]
    return Positions(semantics, found, search.count if finished else None, sceptical, sceptical_complete,
                     search.work)


class _Search:
    """One run of the solver: how many answer sets, what they all agree on, the first in canonical order."""

    def __init__(self, nodes: list[str], statement: list[bool], keep: int) -> None:
        self.nodes, self.statement, self.keep = nodes, statement, keep
        self.count = self.work = 0
        self.in_all: set[int] = set()
        self.out_all: set[int] = set()
        self.last_in: set[int] = set()
        self.last_out: set[int] = set()
        self.best: list[tuple[list[str], set[int], set[int]]] = []
        self.meaning: dict[clingo.Symbol, tuple[bool, int]] = {}

    def run(self, program: str, mode: list[str], budget: int) -> bool:
        """Enumerate the answer sets of ``program`` within ``budget``; True when the solver went through all."""
        import clingo  # a compiled solver: imported only when positions are asked for

        conflicts = budget // CONFLICT_WORK
        control = clingo.Control(["--models=0", f"--solve-limit={conflicts}", *mode], logger=lambda code, text: None)
        control.add("base", [], program)
        control.ground([("base", [])])
        # Each atom's meaning is read once: asking a symbol its name and number costs
        # microseconds, and an answer set of a large map shows thousands of atoms.
        self.meaning = {atom.symbol: (atom.symbol.name == "in", atom.symbol.arguments[0].number)
                        for name in ("in", "out") for atom in control.symbolic_atoms.by_signature(name, 1)}
        size, read = max(len(self.nodes), 1), 0
        finished = False
        with control.solve(yield_=True) as handle:
            for model in handle:
                read += size
                if read > budget:
                    handle.cancel()
                    break
                self._take(model)
            else:
                finished = bool(handle.get().exhausted)
        spent = int(control.statistics["solving"]["solvers"]["conflicts"])
        self.work += min(read, budget) + spent * CONFLICT_WORK
        return finished

    def _take(self, model: clingo.Model) -> None:
        accepted: set[int] = set()
        rejected: set[int] = set()
        meaning = self.meaning
        for symbol in model.symbols(shown=True):
            is_in, n = meaning[symbol]
            (accepted if is_in else rejected).add(n)
        self.last_in, self.last_out = accepted, rejected
        self.in_all = accepted if not self.count else self.in_all & accepted
        self.out_all = rejected if not self.count else self.out_all & rejected
        self.count += 1
        if not self.keep:
            return
        key = sorted(self.nodes[n] for n in accepted if self.statement[n])
        if len(self.best) < self.keep or key < self.best[-1][0]:
            bisect.insort(self.best, (key, accepted, rejected), key=lambda entry: entry[0])
            del self.best[self.keep:]


def _labelling(nodes: list[str], statement: list[bool], accepted: set[int], rejected: set[int]) -> dict[str, str]:
    """Node id -> label, in the graph's order, from the indices of the nodes labelled in and out."""
    return {node: (ACCEPTED if n in accepted else REJECTED if n in rejected else UNDECIDED) if statement[n]
            else (APPLICABLE if n in accepted else DEAD if n in rejected else UNDECIDED)
            for n, node in enumerate(nodes)}


def _facts(graph: ArgumentGraph, nodes: list[str], statement: list[bool], assumed: dict[str, str],
           discounted: AbstractSet[str]) -> str:
    """The graph as facts over node indices (ids need no quoting then)."""
    index = {node: n for n, node in enumerate(nodes)}
    facts = [f"s({n})." if is_statement else f"i({n})." for n, is_statement in enumerate(statement)]
    attacks = {(index[u], index[v]) for u, v in graph.edges(ATTACK)}
    for u, v in graph.edges(CONTRADICT):
        attacks.update(((index[u], index[v]), (index[v], index[u])))
    facts += [f"a({u},{v})." for u, v in sorted(attacks)]
    for key, name in ((PREMISE, "p"), (CONCLUSION, "c"), (UNDERCUT, "u")):
        facts += [f"{name}({index[u]},{index[v]})." for u, v in graph.edges(key)]
    for node, label in sorted(assumed.items(), key=lambda item: index.get(item[0], -1)):
        n = index.get(node)
        if n is None:
            raise EvaluationError(f"assumed `{node}` is not a node of this map")
        allowed = (ACCEPTED, REJECTED) if statement[n] else (APPLICABLE, DEAD)
        if label not in allowed:
            raise EvaluationError(f"assumed `{node}={label}`: the label must be `{allowed[0]}` or `{allowed[1]}`")
        facts.append(f"fix({n},{int(label == allowed[0])}).")
    for node in sorted(discounted, key=lambda node: index.get(node, -1)):  # a set's order varies by run
        n = index.get(node)
        if n is None or not statement[n]:
            raise EvaluationError(f"discounted `{node}` is not a statement of this map")
        facts.append(f"d({n}).")
    return "\n".join(facts)
