"""One statement both supports a target and attacks or contradicts it.

What it finds
    A statement that supports another (by `supports`, or as the only premise of an
    argument) and also attacks it or contradicts it (a `contradicts` written on
    either of the two counts). Reported at the attack or contradiction.

Why it matters
    A statement cannot be both a reason for a claim and a reason against it; one of
    the two relations is a mistake, usually a pasted line.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      a: {text: A reason, supports: t, attacks: t}
    ```

How to fix
    Keep the relation you meant and delete the other.
"""

from collections import defaultdict
from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM007"
NAME = "conflicting-relations"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model = ctx.model
    supported: dict[str, set[str]] = defaultdict(set)  # statement -> what it supports on its own
    for stmt in model.statements.values():
        if stmt.supports:
            supported[stmt.id].update(ref.id for ref in stmt.supports)
    for argument in model.arguments.values():
        sole = {ref.id for ref in argument.premises}
        if len(sole) == 1 and argument.conclusion:
            supported[sole.pop()].add(argument.conclusion.id)
    for stmt in model.statements.values():
        if not stmt.attacks and not stmt.contradicts:
            continue
        for key in ("attacks", "contradicts"):
            for ref in getattr(stmt, key):
                if ref.id in supported.get(stmt.id, ()):
                    yield Finding(ref.pos, f"`{stmt.id}` both supports and {key} `{ref.id}`", stmt.id)
                elif key == "contradicts" and stmt.id in supported.get(ref.id, ()):
                    yield Finding(ref.pos, f"`{ref.id}` both supports and contradicts `{stmt.id}`", stmt.id)
