"""A claim or counterclaim that nothing supports.

What it finds
    A claim or counterclaim (the thesis included) that is not marked `implicit` and
    that no `supports` relation or argument concludes in.

Why it matters
    A bare assertion is the first thing a reader or a judge will question. Where the
    text itself asserts a claim without support, keep the warning and say so in a
    `note`: the map is faithful to a text's weaknesses too.

Example
    ```yaml
    claims:
      t: {text: The parade opened a new Cold War}
    ```

How to fix
    Add the evidence or reasons that support it, mark it `implicit: true` if it is an
    assumption the reader supplies, or silence the warning for this file in CI.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import CONCLUSION
from ..problems import Finding

CODE = "AM101"
NAME = "unsupported-claim"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    supported = {target for _, target in ctx.graph.edges(CONCLUSION)}
    for stmt in ctx.model.statements.values():
        if stmt.kind != "evidence" and not stmt.implicit and stmt.id not in supported:
            label = "The thesis" if stmt.id == ctx.thesis else stmt.kind.capitalize()
            yield Finding(stmt.pos, f"{label} `{stmt.id}` has no support", stmt.id)
