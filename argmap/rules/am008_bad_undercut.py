"""An undercut names existing items that do not form an inference.

What it finds
    An undercut `{from: a, to: b}` where both statements exist but `a` does not
    support `b`, and an undercut that names a statement where an argument id belongs.

Why it matters
    An undercut attacks an inference (the step from reasons to a claim), not a
    statement. Aimed at a step that does not exist, it attacks nothing.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      a: {text: A reason}
      u: {text: The step from a to t fails, undercuts: {from: a, to: t}}
    ```

How to fix
    Add the missing `supports` relation, aim the undercut at the inference you meant,
    or write `attacks` if you meant to attack the statement itself.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..graph import support_id
from ..problems import Finding

CODE = "AM008"
NAME = "bad-undercut"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model, graph = ctx.model, ctx.graph
    for stmt in model.statements.values():
        for undercut in stmt.undercuts:
            if undercut.argument is not None:
                if undercut.argument.id in model.statements:
                    yield Finding(undercut.pos, f"`undercuts` of `{stmt.id}` names the statement "
                                  f"`{undercut.argument.id}` where an argument or a `{{from, to}}` pair belongs",
                                  stmt.id)
                continue
            source, target = (ref.id for ref in undercut.link)
            if source in model.statements and target in model.statements and support_id(source, target) not in graph:
                yield Finding(undercut.pos, f"`undercuts` of `{stmt.id}` names `{source}` → `{target}`, "
                              f"but `{source}` does not support `{target}`", stmt.id)
