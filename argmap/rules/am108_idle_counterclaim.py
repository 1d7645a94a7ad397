"""A counterclaim that objects to nothing.

What it finds
    A counterclaim such that neither it nor any statement it leads to through a chain
    of supports and argument premises attacks, contradicts (written on either side)
    or undercuts anything.

Why it matters
    A counterclaim is the other side's point against the case. One that attacks
    nothing is either a missing relation or a claim filed in the wrong section.

Example
    ```yaml
    claims:
      t: {text: The thesis}
    counterclaims:
      c: {text: The other side says so, supports: t}
    ```

How to fix
    Add the `attacks`, `contradicts` or `undercuts` it stands for, or move it to
    `claims`.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, UNDERCUT, reach_by
from ..problems import Finding

CODE = "AM108"
NAME = "idle-counterclaim"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    graph = ctx.graph
    objecting = {source for source, _ in graph.edges(ATTACK)}
    objecting.update(node for pair in graph.edges(CONTRADICT) for node in pair)
    objecting.update(source for source, _ in graph.edges(UNDERCUT))
    quiet = [stmt for stmt in ctx.model.statements.values()
             if stmt.kind == "counterclaim" and stmt.id not in objecting]
    if not quiet:
        return
    # Only what support leads to from the quiet counterclaims can make them object: search
    # that part of the map, not the whole (most counterclaims object themselves).
    ahead = reach_by([stmt.id for stmt in quiet], graph.support_successors)
    leads = reach_by([node for node in ahead if node in objecting],
                     lambda node: [p for p in graph.support_predecessors(node) if p in ahead])
    for stmt in quiet:
        if stmt.id not in leads:
            yield Finding(stmt.pos, f"Counterclaim `{stmt.id}` objects to nothing", stmt.id)
