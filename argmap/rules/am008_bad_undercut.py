"""An undercut names existing items that do not form a relation.

What it finds
    An undercut `{from: a, to: b}` where both statements exist but `a` neither
    supports, attacks nor contradicts `b`, and an undercut that names a statement
    where an argument id belongs.

Why it matters
    An undercut attacks a relation, not a statement: the step from reasons to a
    claim (a `supports` relation or a linked argument), or an attack or
    contradiction, which it answers "even if": granting the attacker, it denies its
    force against `b`. Aimed at a relation that does not exist, it attacks nothing.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      a: {text: A reason}
      u: {text: The step from a to t fails, undercuts: {from: a, to: t}}
    ```

How to fix
    Add the missing relation, aim the undercut at the relation you meant, or write
    `attacks` if you meant to attack the statement itself.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import undercut_target
from ..problems import Finding

CODE = "AM008"
NAME = "bad-undercut"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model, graph = ctx.model, ctx.graph.G
    for stmt in model.statements.values():
        for undercut in stmt.undercuts:
            if undercut.argument is not None:
                if undercut.argument.id in model.statements:
                    yield Finding(undercut.pos, f"`undercuts` of `{stmt.id}` names the statement "
                                  f"`{undercut.argument.id}` where an argument or a `{{from, to}}` pair belongs",
                                  stmt.id)
                continue
            source, target = (ref.id for ref in undercut.link)
            if source in model.statements and target in model.statements \
                    and undercut_target(undercut, model) not in graph:
                yield Finding(undercut.pos, f"`undercuts` of `{stmt.id}` names `{source}` → `{target}`, "
                              f"but `{source}` neither supports, attacks nor contradicts `{target}`", stmt.id)
