"""What a map holds, counted: statements by kind, relations, depth, what rests on evidence, objections, quotes.

:func:`map_stats` reads one checked map (its :class:`~argmap.context.MapContext`)
and returns a :class:`MapStats`; :func:`total` adds several up. Every count reads
the argument graph or the evaluation the checks and views read, and each costs
time linear in the map (the quoted share: in the map and its text).

- **depth**: the longest chain of support down from the thesis, in steps (a
  thesis nothing supports has depth 0; a linked argument is one step to each of
  its premises). Circular support is not followed: a depth-first search from the
  thesis drops each edge back to a statement still on its path, which leaves the
  support below the thesis acyclic, and the longest path is measured on that
  (:func:`support_depth`). On a map without circular support (AM006 is an error)
  this is the longest chain there is.
- **on evidence**: the claims and counterclaims reached from some piece of
  evidence by a chain of applicable inferences (the grounded evaluation's status:
  every premise accepted, nothing undercutting it accepted).
- **bare assertions**: the claims and counterclaims AM101 reports (not implicit,
  and nothing concludes in them).
- **objections**: those AM103 looks at (what objects to the thesis or its
  support), answered or not as AM103 decides (:func:`~argmap.rules.am103_unanswered_objection.objections`);
  a statement's `ignore:` does not hide one here.
- **open questions**: the critical questions of the linked arguments' schemes
  that nothing answers (:func:`argmap.schemes.open_questions`).
- **quoted**: how much of the source text the evidence quotes cover, located as
  AM107 locates them (after folding whitespace runs, typographic quotes and
  dashes) at their first occurrence; characters are counted in that folded text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from .context import MapContext
from .evaluate import APPLICABLE
from .graph import ATTACK, CONCLUSION, CONTRADICT, PREMISE, UNDERCUT, ArgumentGraph, grouped, reach_by

KINDS = {"claim": "claims", "counterclaim": "counterclaims", "evidence": "evidence"}
"""A statement's kind -> its key in :attr:`MapStats.statements`."""
RELATIONS = ("supports", "attacks", "contradicts", "undercuts", "premises")


@dataclass(slots=True)
class Quoted:
    """How much of the source text the quotes cover: ``characters`` of ``length`` (the folded text)."""

    characters: int
    length: int

    @property
    def share(self) -> float:
        return self.characters / self.length if self.length else 0.0


@dataclass(slots=True)
class MapStats:
    """The counts of one map, or of several added up (:func:`total`, where ``depth`` is the deepest)."""

    path: str
    statements: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS.values(), 0))
    arguments: int = 0
    relations: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RELATIONS, 0))
    depth: int = 0
    on_evidence: int = 0
    bare_assertions: int = 0
    answered: int = 0
    unanswered: int = 0
    open_questions: int = 0
    """The critical questions of the linked arguments' schemes that nothing answers (:mod:`argmap.schemes`)."""
    quoted: Quoted | None = None
    """None for a map without a readable `source.text_file`."""


def map_stats(ctx: MapContext, path: str) -> MapStats:
    """Count what the map of ``ctx`` holds; ``path`` names it in the result.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis}
    ...   a: {text: A reason, supports: t}
    ... counterclaims:
    ...   c: {text: An objection, attacks: t}
    ... evidence:
    ...   e: {text: A fact, supports: a, source: a survey}
    ... '''
    >>> stats = map_stats(MapContext(load_bytes(text, "m.yaml").model), "m.yaml")
    >>> stats.statements, stats.relations["supports"], stats.depth, stats.on_evidence, stats.unanswered
    ({'claims': 2, 'counterclaims': 1, 'evidence': 1}, 2, 2, 2, 1)
    """
    from .rules import am101_unsupported_claim, am103_unanswered_objection
    from .schemes import open_questions

    graph = ctx.graph
    stats = MapStats(path)
    for stmt in ctx.model.statements.values():
        stats.statements[KINDS[stmt.kind]] += 1
    stats.arguments = len(ctx.model.arguments)
    stats.relations = relation_counts(graph)
    thesis = ctx.thesis
    stats.depth = support_depth(graph, thesis) if thesis is not None else 0
    stats.on_evidence = sum(1 for node in resting_on_evidence(ctx) if graph.kind(node) != "evidence")
    stats.bare_assertions = sum(1 for _ in am101_unsupported_claim.check(ctx))
    for objection in am103_unanswered_objection.objections(ctx):
        if objection.answered:
            stats.answered += 1
        else:
            stats.unanswered += 1
    stats.open_questions = sum(len(open_questions(ctx, argument)) for argument in ctx.model.arguments)
    source = ctx.model.source
    if source is not None and source.text is not None:
        stats.quoted = quoted(source.text, (stmt.quote for stmt in ctx.model.statements.values() if stmt.quote))
    return stats


def relation_counts(graph: ArgumentGraph) -> dict[str, int]:
    """The map's relations by kind: `supports` relations, attacks, contradictions, undercuts, and the premises
    of linked arguments (a `supports` relation's one premise is the relation itself)."""
    linked_premises = sum(1 for _, inference in graph.edges(PREMISE) if graph.form(inference) == "argument")
    return {
        "supports": len(graph.edges(PREMISE)) - linked_premises,
        "attacks": len(graph.edges(ATTACK)),
        "contradicts": len(graph.edges(CONTRADICT)),
        "undercuts": len(graph.edges(UNDERCUT)),
        "premises": linked_premises,
    }


def support_tree(graph: ArgumentGraph, thesis: str) -> nx.DiGraph[str]:
    """The support below ``thesis`` as an acyclic graph of statements: an edge from each conclusion to each
    premise of an inference into it, without the edges a depth-first search from ``thesis`` finds leading
    back to a statement on its own path (circular support, which is not followed).

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_nodes_from("tab", kind="claim")
    >>> G.add_nodes_from(["a->t", "b->a", "a->b"], kind="inference", form="support")
    >>> for u, v in [("a", "a->t"), ("b", "b->a"), ("a", "a->b")]: _ = G.add_edge(u, v, "premise")
    >>> for u, v in [("a->t", "t"), ("b->a", "a"), ("a->b", "b")]: _ = G.add_edge(u, v, "conclusion")
    >>> sorted(support_tree(ArgumentGraph(G), "t").edges)
    [('a', 'b'), ('t', 'a')]
    """
    premises = grouped((inference, premise) for premise, inference in graph.edges(PREMISE))
    down: nx.DiGraph[str] = nx.DiGraph()
    down.add_node(thesis)
    down.add_edges_from((conclusion, premise) for inference, conclusion in graph.edges(CONCLUSION)
                        for premise in premises.get(inference, ()))
    tree: nx.DiGraph[str] = nx.DiGraph()
    tree.add_node(thesis)
    path: set[str] = set()
    for u, v, step in nx.dfs_labeled_edges(down, source=thesis):
        if step == "forward":
            path.add(v)
            if u != v:  # the search starts with (thesis, thesis)
                tree.add_edge(u, v)
        elif step == "reverse":
            path.discard(v)
        elif step == "nontree" and v not in path:  # a second way down to a statement, not a cycle
            tree.add_edge(u, v)
    return tree


def support_depth(graph: ArgumentGraph, thesis: str) -> int:
    """The longest chain of support down from ``thesis``, in steps (:func:`support_tree`).

    The thesis is the only statement of :func:`support_tree` that nothing leads to,
    so the longest path of that acyclic graph starts at it; networkx measures it in
    one pass in topological order.
    """
    return int(nx.dag_longest_path_length(support_tree(graph, thesis)))


def resting_on_evidence(ctx: MapContext) -> set[str]:
    """The statements reached from a piece of evidence by a chain of applicable inferences (evidence included)."""
    graph = ctx.graph
    status = ctx.evaluation.inferences
    inferences_from = graph.edges_from(PREMISE)
    conclusion = dict(graph.edges(CONCLUSION))

    def step(node: str) -> Iterator[str]:
        for inference in inferences_from.get(node, ()):
            if status.get(inference) == APPLICABLE and inference in conclusion:
                yield conclusion[inference]

    return reach_by((node for node in graph.statements() if graph.kind(node) == "evidence"), step)


def quoted(text: str, quotes: Iterable[str]) -> Quoted:
    """How many characters of ``text`` the ``quotes`` cover, both folded as AM107 folds them.

    Each quote found counts at its first occurrence; overlapping quotes count the
    characters they share once.

    Examples
    --------
    >>> quoted("It was  a show. It was a profoundly important one.", ["a show", "was a", "not here"])  # "was a show"
    Quoted(characters=10, length=49)
    """
    from .quotes import first_ends
    from .rules.am107_quote_not_in_source import folded

    haystack = folded(text)
    found = first_ends({folded(quote) for quote in quotes} - {""}, haystack)
    covered, reach = 0, 0
    for start, end in sorted((end - len(needle), end) for needle, end in found.items()):
        covered += max(0, end - max(start, reach))
        reach = max(reach, end)
    return Quoted(covered, len(haystack))


def total(results: Iterable[MapStats]) -> MapStats:
    """The counts of several maps added up; ``depth`` is the deepest map's. The quoted share is over the texts
    of the maps that have one.

    Examples
    --------
    >>> one, two = MapStats("a", depth=3, arguments=1), MapStats("b", depth=5, arguments=2)
    >>> whole = total([one, two])
    >>> whole.path, whole.depth, whole.arguments
    ('total', 5, 3)
    """
    whole = MapStats("total")
    for stats in results:
        for key, count in stats.statements.items():
            whole.statements[key] += count
        for key, count in stats.relations.items():
            whole.relations[key] += count
        whole.arguments += stats.arguments
        whole.depth = max(whole.depth, stats.depth)
        whole.on_evidence += stats.on_evidence
        whole.bare_assertions += stats.bare_assertions
        whole.answered += stats.answered
        whole.unanswered += stats.unanswered
        whole.open_questions += stats.open_questions
        if stats.quoted is not None:
            so_far = whole.quoted or Quoted(0, 0)
            whole.quoted = Quoted(so_far.characters + stats.quoted.characters, so_far.length + stats.quoted.length)
    return whole
