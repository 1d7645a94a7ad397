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
from ..graph import ATTACK, CONTRADICT, UNDERCUT
from ..problems import Finding

CODE = "AM108"
NAME = "idle-counterclaim"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    graph = ctx.graph
    objecting = {source for source, _ in graph.edges(ATTACK)}
    objecting.update(node for pair in graph.edges(CONTRADICT) for node in pair)
    objecting.update(source for source, _ in graph.edges(UNDERCUT))
    leads_to_objection = graph.support_ancestors(objecting)
    for stmt in ctx.model.statements.values():
        if stmt.kind == "counterclaim" and stmt.id not in leads_to_objection:
            yield Finding(stmt.pos, f"Counterclaim `{stmt.id}` objects to nothing", stmt.id)
