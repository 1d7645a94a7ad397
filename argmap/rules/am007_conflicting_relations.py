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

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM007"
NAME = "conflicting-relations"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    statements = ctx.model.statements
    alone: dict[str, set[str]] = {}  # premise -> the conclusions of the linked arguments it makes alone
    for argument in ctx.model.arguments.values():
        sole = {ref.id for ref in argument.premises}
        if len(sole) == 1 and argument.conclusion:
            alone.setdefault(sole.pop(), set()).add(argument.conclusion.id)
    known: dict[str, set[str]] = {}

    def supported(source: str) -> set[str]:
        """What ``source`` supports on its own; worked out only for the statements an attack or a
        contradiction names, not for every statement that supports something."""
        found = known.get(source)
        if found is None:
            stmt = statements.get(source)
            found = known[source] = {ref.id for ref in stmt.supports} if stmt is not None else set()
            found.update(alone.get(source, ()))
        return found

    for stmt in statements.values():
        if not stmt.attacks and not stmt.contradicts:
            continue
        for key in ("attacks", "contradicts"):
            for ref in getattr(stmt, key):
                if ref.id in supported(stmt.id):
                    yield Finding(ref.pos, f"`{stmt.id}` both supports and {key} `{ref.id}`", stmt.id)
                elif key == "contradicts" and stmt.id in supported(ref.id):
                    yield Finding(ref.pos, f"`{ref.id}` both supports and contradicts `{stmt.id}`", stmt.id)
