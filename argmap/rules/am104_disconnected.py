"""A statement with no path to the thesis.

What it finds
    A statement that no chain of relations, premises, conclusions or undercuts, taken
    in any direction, links to the thesis.

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
    Add the relation that ties it to the argument, or remove it.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import connected_to
from ..problems import Finding

CODE = "AM104"
NAME = "disconnected"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    thesis = ctx.thesis
    if thesis is None:
        return
    linked = connected_to(ctx.graph, thesis)
    for stmt in ctx.model.statements.values():
        if stmt.id not in linked:
            yield Finding(stmt.pos, f"{stmt.kind.capitalize()} `{stmt.id}` has no path to the thesis `{thesis}`",
                          stmt.id)
