"""The graph the labelling reads: attacks weighed into defeats, undercut attacks given a step of their own.

The argument graph says who attacks whom; the labelling needs who *defeats* whom.
Two things come between (issue 13, item 3; ``docs/evaluation.md``):

- **Weights.** An attack of ``A`` on ``B`` (an ``attack`` edge, or one direction of a
  ``contradict`` edge) defeats ``B`` when ``A``'s weight is not lower than ``B``'s.
  When ``A`` is lighter the attack is *reversed*: ``B`` defeats ``A``. This is
  Amgoud and Vesic's repair of preference-based argumentation frameworks
  ("Rich preference-based argumentation frameworks", International Journal of
  Approximate Reasoning 55, 2014), which keeps every accepted set free of conflict; dropping the attack instead, as plain preference-based frameworks do,
  would accept both ``A`` and ``B``. Without weights every attack defeats as written.
- **Undercuts of attacks** (an "even if" answer). The attack's junction ``A~>B``
  becomes an inference of form ``attack`` whose premise is the defeater and whose
  undercutters are the junction's; it concludes in a hidden statement (kind
  ``junction``, id ``A~>B!``) that defeats the target. The attack then defeats only
  while the inference is applicable: an accepted undercutter makes it dead (it
  defeats nothing, whichever way weights turned it), an undecided one leaves the
  target at most undecided. An undercut always succeeds: weights never weigh it.

The result is an argument graph of the ordinary kinds (``attack`` and ``contradict``
between statement-like nodes, ``premise``, ``conclusion`` and ``undercut`` into
inferences), so the grounded labelling, the defensible positions, the cruxes and the
explanations run on it unchanged. A map with neither weights that differ across an
attack nor undercut attacks is its own defeat graph: nothing is copied.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from .graph import (
    ATTACK,
    ATTACKER,
    CONCLUSION,
    INFERENCE,
    JUNCTION,
    PREMISE,
    UNDERCUT,
    ArgumentGraph,
    attack_id,
)

HIDDEN = "!"
"""The suffix of the hidden statement that carries an undercut attack (``A~>B!``): no id can hold it."""


def hidden_attacker(junction: str) -> str:
    """The hidden statement through which the undercut attack ``junction`` defeats its target.

    Examples
    --------
    >>> hidden_attacker("a~>b"), relation_of("a~>b!")
    ('a~>b!', 'a~>b')
    """
    return junction + HIDDEN


def relation_of(node: str) -> str | None:
    """The junction a hidden statement stands for, or None for any other node."""
    return node[: -len(HIDDEN)] if node.endswith(HIDDEN) and "~>" in node else None


def defeat_graph(graph: ArgumentGraph, also: Collection[str] = ()) -> ArgumentGraph:
    """The graph of defeats that the labelling reads (see the module's docstring).

    ``also`` names attacks (by :func:`~argmap.graph.attack_id`) to give a step of their
    own though nothing undercuts them, so that an assumption can fix that step.

    Examples
    --------
    The lighter attacker loses: ``a`` (weight 0.3) attacks ``b`` (0.8), so ``b`` defeats ``a``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="claim", weight=0.3); G.add_node("b", kind="claim", weight=0.8)
    >>> _ = G.add_edge("a", "b", key="attack")
    >>> sorted(defeat_graph(ArgumentGraph(G)).G.edges(keys=True))
    [('b', 'a', 'attack')]

    Without weights that differ, nothing changes (the same graph comes back):

    >>> H = nx.MultiDiGraph(); H.add_nodes_from("ab", kind="claim"); _ = H.add_edge("a", "b", key="attack")
    >>> plain = ArgumentGraph(H); defeat_graph(plain) is plain
    True
    """
    G = graph.G
    attacks = graph.attack_pairs()
    undercut = {node for node, kind in G.nodes(data="kind") if kind == JUNCTION} if graph.edges(ATTACKER) else set()
    undercut.update(also)
    weight = graph.weight
    reversed_any = any(weight(u) < weight(v) for u, v in attacks)
    if not undercut and not reversed_any:
        return graph
    D: nx.MultiDiGraph = nx.MultiDiGraph(**G.graph)
    D.add_nodes_from((node, data) for node, data in G.nodes(data=True) if data.get("kind") != JUNCTION)
    for key in (PREMISE, CONCLUSION):
        for u, v in graph.edges(key):
            D.add_edge(u, v, key=key)
    for u, v in graph.edges(UNDERCUT):
        if v not in undercut:
            D.add_edge(u, v, key=UNDERCUT)
    for source, target in attacks:
        if weight(source) < weight(target):
            defeater, defeated = target, source
        else:
            defeater, defeated = source, target
        junction = attack_id(source, target)
        if junction not in undercut:
            if not D.has_edge(defeater, defeated, key=ATTACK):
                D.add_edge(defeater, defeated, key=ATTACK)
            continue
        data = G.nodes[junction] if junction in G else {}
        hidden = hidden_attacker(junction)
        D.add_node(junction, kind=INFERENCE, form="attack", order=data.get("order", 0),
                   source=source, target=target)
        D.add_node(hidden, kind=JUNCTION, order=data.get("order", 0), implicit=True)
        D.add_edge(defeater, junction, key=PREMISE)
        D.add_edge(junction, hidden, key=CONCLUSION)
        D.add_edge(hidden, defeated, key=ATTACK)
        if junction in G:
            for undercutter in graph.undercutters(junction):
                D.add_edge(undercutter, junction, key=UNDERCUT)
    return ArgumentGraph(D)
