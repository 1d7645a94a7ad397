"""A cycle of support through `supports` relations and arguments: circular reasoning.

What it finds
    Statements that support each other in a ring, directly or through linked
    arguments. One problem for each strongly connected part of the support graph,
    listing one cycle through it in order, starting at (and reported at) the member
    that comes first in the file. A statement that supports itself is AM005 only.

Why it matters
    A ring of support props itself up: no member has support that does not depend on
    the member itself. argmap's evaluation leaves such statements undecided.

Example
    ```yaml
    claims:
      t: {text: The thesis, supports: a}
      a: {text: A reason, supports: t}
    ```

How to fix
    Decide which way the support really runs and remove the relation that closes the
    ring, or ground one member in evidence that does not depend on the others.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import support_cycles
from ..problems import Finding

CODE = "AM006"
NAME = "circular-support"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    for cycle in support_cycles(ctx.graph):
        start = cycle[0]
        ring = " → ".join(f"`{node}`" for node in cycle)
        yield Finding(ctx.statement(start).pos, f"Circular support: {ring}", start)
