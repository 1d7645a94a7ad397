"""A statement with no path to the thesis.

What it finds
    A statement that no chain of relations, premises, conclusions or undercuts, taken
    in any direction, links to the thesis. Only the map's own statements are
    reported: a library it includes may hold cards for other cases, and a library
    checked alone has no thesis.

Why it matters
    A statement cut off from the thesis plays no part in the argument: either a
    relation is missing or the statement belongs in another map.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      stray: {text: A point that relates to nothing}
    ```

How to fix
    Add the relation that ties it to the argument, or remove it. When several
    statements are cut off together (one missing link leaves a whole branch
    hanging), each is still reported, and the text output adds one line per such
    branch naming its top statement: the one relation to add is from that statement
    to the argument. In JSON the findings of one branch share a `group`, the top
    statement's id.
"""

from collections.abc import Iterator

import networkx as nx

from ..context import MapContext
from ..graph import INFERENCE, JUNCTION, ArgumentGraph
from ..problems import Finding

CODE = "AM104"
NAME = "disconnected"
SEVERITY = "warning"


MAX_TOP_SEARCH = 2_000
"""A cut-off part larger than this takes its first statement in the file as its top, without counting what
rests on each candidate (which would cost its size once per candidate)."""


def check(ctx: MapContext) -> Iterator[Finding]:
    thesis = ctx.thesis
    if thesis is None:
        return
    graph = ctx.graph
    top: dict[str, str] = {}
    for part in graph.cut_off(thesis):
        top.update(dict.fromkeys(part, _top(graph, part)))
    for stmt in ctx.model.statements.values():
        if stmt.id in top and stmt.file is None:  # a library's cards may wait for another case
            yield Finding(stmt.pos, f"{stmt.kind.capitalize()} `{stmt.id}` has no path to the thesis `{thesis}`",
                          stmt.id, group=top[stmt.id])


def _top(graph: ArgumentGraph, part: list[str]) -> str:
    """The statement a cut-off part hangs from: of those that support, attack or undercut nothing (the ends of its
    arrows), the one most of the part rests on, the first in the file on a tie; the first statement in the file
    when every statement points onward (a cycle)."""
    statements = sorted((node for node in part if graph.kind(node) not in (INFERENCE, JUNCTION)), key=graph.order)
    ends = [node for node in statements if graph.G.out_degree(node) == 0]
    if not ends:
        return statements[0]
    if len(ends) == 1 or len(part) > MAX_TOP_SEARCH:
        return ends[0]
    return max(ends, key=lambda node: (len(nx.ancestors(graph.G, node)), -graph.order(node)))
