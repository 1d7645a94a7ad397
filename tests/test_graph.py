"""The graph core: one networkx graph in which statements and inferences are nodes."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import graph as g
from argmap.graph import ArgumentGraph, build_graph
from argmap.loader import load_bytes
from conftest import REPO, examples

MAP = b"""\
argmap: 1
title: T
thesis: t
claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: t}
  b: {text: B, implicit: true}
counterclaims:
  c: {text: C, contradicts: t, undercuts: {from: a, to: t}}
  d: {text: D, attacks: a, undercuts: x}
evidence:
  e: {text: E, source: S, supports: [a, nowhere]}
arguments:
  x: {premises: [a, b], conclusion: t}
"""


def graph_of(text: bytes) -> ArgumentGraph:
    loaded = load_bytes(text, "map.yaml")
    assert loaded.model is not None, loaded.issues
    return ArgumentGraph.of(loaded.model)


def test_node_kinds_and_inference_ids():
    graph = graph_of(MAP)
    G = graph.G
    kinds = dict(G.nodes(data="kind"))
    assert kinds == {
        "t": "claim", "a": "claim", "b": "claim", "c": "counterclaim", "d": "counterclaim",
        "e": "evidence", "a->t": "inference", "e->a": "inference", "x": "inference",
    }
    assert G.nodes["a->t"]["form"] == "support"
    assert G.nodes["x"]["form"] == "argument"
    assert G.graph["thesis"] == "t"
    assert graph.statements() == ["t", "a", "b", "c", "d", "e"]
    assert graph.inferences() == ["x", "a->t", "e->a"]
    assert graph.thesis == "t"


def test_nodes_keep_file_order():
    graph = graph_of(MAP)
    assert graph.by_order(["e", "d", "c", "b", "a", "t"]) == ["t", "a", "b", "c", "d", "e"]
    assert graph.order("x") > graph.order("e")


def test_edge_keys():
    G = graph_of(MAP).G
    assert sorted(G.edges(keys=True)) == sorted([
        ("a", "a->t", "premise"), ("a->t", "t", "conclusion"),
        ("e", "e->a", "premise"), ("e->a", "a", "conclusion"),
        ("a", "x", "premise"), ("b", "x", "premise"), ("x", "t", "conclusion"),
        ("c", "t", "contradict"), ("c", "a->t", "undercut"),
        ("d", "a", "attack"), ("d", "x", "undercut"),
    ])


def test_two_relations_between_the_same_pair_stay_two_edges():
    G = graph_of(b"argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n"
                 b"  a: {text: A, attacks: t, contradicts: t}\n")
    assert sorted(k for _, _, k in G.G.edges(keys=True)) == ["attack", "contradict"]


def test_accessors():
    G = graph_of(MAP)
    assert sorted(G.premises("x")) == ["a", "b"]
    assert G.conclusion("x") == "t"
    assert G.conclusion("a->t") == "t"
    assert sorted(G.inferences_into("t")) == ["a->t", "x"]
    assert sorted(G.inferences_from("a")) == ["a->t", "x"]
    assert G.undercutters("a->t") == ["c"]
    assert G.undercutters("x") == ["d"]
    assert G.is_statement("e") and not G.is_statement("x")
    assert G.undercut_by("c") == ["a->t"] and G.undercut_by("d") == ["x"]
    assert G.dependencies("x") == ["a", "b", "d"] and G.dependents("a") == ["a->t", "x"]
    assert g.support_id("a", "t") == "a->t"


def test_attackers_symmetric_for_contradictions_only():
    G = graph_of(MAP)
    assert G.attackers("t") == ["c"]
    assert G.attackers("c") == ["t"]  # c contradicts t, so t contradicts c
    assert G.attacked("t") == ["c"]
    assert G.attacked("c") == ["t"]
    assert G.attackers("a") == ["d"]
    assert G.attackers("d") == []  # an attack is one way
    assert G.attacked("d") == ["a"]


def test_support_ancestors():
    G = graph_of(MAP)
    assert G.support_ancestors(["t"]) == {"t", "a->t", "a", "x", "b", "e->a", "e"}
    assert G.support_ancestors(["a"]) == {"a", "e->a", "e"}
    assert G.support_ancestors(["c"]) == {"c"}  # attacks and undercuts are not support


def test_support_cycles_two_separate_cycles():
    G = graph_of(b"""\
argmap: 1
title: T
thesis: t
claims:
  t: {text: T, implicit: true}
  p: {text: P, supports: t}
  x: {text: X, supports: z}
  y: {text: Y, supports: x}
  z: {text: Z, supports: [y, t]}
  q: {text: Q, implicit: true}
  s: {text: S, supports: t}
arguments:
  pq: {premises: [p, q], conclusion: s}
  sp: {premises: [s], conclusion: p}
""")
    assert g.support_cycles(G) == [["p", "s", "p"], ["x", "z", "y", "x"]]


def test_support_cycles_none_without_a_cycle():
    assert g.support_cycles(graph_of(MAP)) == []


# -- support_cycles against a brute-force oracle --------------------------------------------


@st.composite
def support_maps(draw):
    """A map of n statements with random `supports` relations and linked arguments."""
    n = draw(st.integers(min_value=1, max_value=6))
    ids = [f"s{i}" for i in range(n)]
    supports = {i: draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) for i in ids}
    arguments = draw(st.lists(st.tuples(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True),
                                        st.sampled_from(ids)), max_size=3))
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:"]
    lines += [f"  {i}: {{text: {i}, supports: [{', '.join(supports[i])}]}}" for i in ids]
    if arguments:
        lines.append("arguments:")
        lines += [f"  arg{k}: {{premises: [{', '.join(p)}], conclusion: {c}}}" for k, (p, c) in enumerate(arguments)]
    steps = {(a, b) for a in ids for b in supports[a]} | {(p, c) for ps, c in arguments for p in ps}
    return "\n".join(lines) + "\n", ids, steps


def reach(ids, steps):
    """Pairs (a, b) such that a chain of one or more support steps leads from a to b."""
    out = {(a, b) for a, b in steps}
    for k in ids:  # Warshall
        out |= {(a, b) for a in ids for b in ids if (a, k) in out and (k, b) in out}
    return out


@settings(max_examples=examples(300), deadline=None)
@given(support_maps())
def test_support_cycles_match_brute_force(case):
    text, ids, steps = case
    cycles = g.support_cycles(graph_of(text.encode()))
    reachable = reach(ids, steps)
    # the statements on a cycle of two or more: mutually reachable with a different statement
    classes = {frozenset(b for b in ids if b == a or ((a, b) in reachable and (b, a) in reachable))
               for a in ids}
    rings = sorted((c for c in classes if len(c) > 1), key=lambda c: min(ids.index(x) for x in c))
    assert len(cycles) == len(rings), (text, cycles)
    for cycle, ring in zip(cycles, rings):
        assert cycle[0] == cycle[-1] == min(ring, key=ids.index), (text, cycle)
        assert set(cycle) <= ring
        for a, b in zip(cycle, cycle[1:]):
            assert a != b, f"self-support listed as a step of the cycle {cycle}\n{text}"
            assert (a, b) in steps, (text, cycle)


def test_edges_by_key_are_the_graph_s_edges():
    graph = graph_of(MAP)
    assert sorted((u, v, key) for key in g.KEYS for u, v in graph.edges(key)) == sorted(graph.G.edges(keys=True))
    assert graph.edges("undercut") == [("c", "a->t"), ("d", "x")]


def private_networkx_names() -> set[str]:
    """Every name starting with one underscore that networkx's graph classes, their views or its modules define."""
    import importlib
    import pkgutil

    names = set()
    G = nx.MultiDiGraph()
    objects = [G, nx.DiGraph(), G.pred, G.succ, G.adj, G.nodes, G.edges, G.in_edges]
    for obj in objects:
        names.update(name for name in dir(obj) if name.startswith("_") and not name.startswith("__"))
    for module in pkgutil.walk_packages(nx.__path__, "networkx."):
        if ".tests" in module.name or "drawing" in module.name:
            continue
        try:
            names.update(name for name in vars(importlib.import_module(module.name))
                         if name.startswith("_") and not name.startswith("__"))
        except Exception:  # noqa: BLE001 - optional back-ends that are not installed
            continue
    return names


def test_no_module_of_argmap_names_a_private_networkx_attribute():
    import ast

    private = private_networkx_names()
    assert {"_succ", "_pred", "_node", "_adj", "_plain_bfs"} <= private
    found = []
    for path in sorted((REPO / "argmap").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("networkx"):
                found += [f"{path.relative_to(REPO)}:{node.lineno}: {alias.name}" for alias in node.names
                          if alias.name.startswith("_")]
    assert not found, "networkx's private names are not ours to use:\n" + "\n".join(found)


def test_the_graph_is_what_networkx_s_public_api_builds():
    from argmap.loader import load_map

    for path in sorted((REPO / "arguments").glob("*.yaml")) + [REPO / "tests" / "data" / "tree" / "nasty.yaml"]:
        G = build_graph(load_map(path).model)
        assert isinstance(G, nx.MultiDiGraph)
        public = nx.MultiDiGraph(**G.graph)
        public.add_nodes_from(G.nodes(data=True))
        public.add_edges_from(G.edges(keys=True, data=True))
        assert nx.utils.graphs_equal(G, public), path.name
        assert sorted(G.pred["t" if "t" in G else next(iter(G))]) == sorted(public.pred["t" if "t" in G else next(iter(G))])
        for u, v, key in G.edges(keys=True):
            assert G.has_edge(u, v, key) and key in G.pred[v][u], (u, v, key)


@st.composite
def random_graphs(draw):
    """A multigraph of up to 12 statements and inferences with edges of random kinds (the parts are what counts)."""
    n = draw(st.integers(min_value=1, max_value=12))
    nodes = [f"n{i}" for i in range(n)]
    G = nx.MultiDiGraph()
    for node in nodes:
        G.add_node(node, kind=draw(st.sampled_from(["claim", "inference"])), order=0)
    for u, v, key in draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes), st.sampled_from(g.KEYS)),
                                   max_size=15)):
        G.add_edge(u, v, key)
    return G, draw(st.sampled_from(nodes))


@settings(max_examples=examples(300), deadline=None)
@given(random_graphs())
def test_cut_off_parts_are_networkx_s_weakly_connected_components(case):
    G, node = case
    parts = ArgumentGraph(G).cut_off(node)
    expected = [c for c in nx.weakly_connected_components(G) if node not in c]
    order = {n: i for i, n in enumerate(G)}
    assert [set(part) for part in parts] == expected  # networkx yields them by their first node too
    assert all(part == sorted(part, key=order.__getitem__) for part in parts)
