"""An objection to the thesis or its support that nothing answers.

What it finds
    A statement that attacks, contradicts or undercuts the thesis, anything that
    supports it (directly or through a chain of supports and argument premises), or
    an inference into one of those, and that no other statement attacks or
    contradicts in turn. The statement it contradicts does not count as an answer:
    a contradiction runs both ways, and restating the claim is not a reply.

Why it matters
    An unanswered objection is where a case is weakest; a debate coach wants the
    list before the round, not after.

Example
    ```yaml
    claims:
      t: {text: The thesis}
    counterclaims:
      c: {text: An objection nobody answers, attacks: t}
    ```

How to fix
    Add the reply (a statement that attacks the objection), or, where the text itself
    leaves the objection unanswered, keep the warning and say so in a `note`.
"""

from collections.abc import Iterator

from ..problems import Finding

CODE = "AM103"
NAME = "unanswered-objection"
SEVERITY = "warning"


def check(ctx) -> Iterator[Finding]:
    thesis = ctx.thesis
    if thesis is None:
        return
    index = ctx.index
    defended = index.support_ancestors([thesis])
    targets: dict[str, str] = {}  # objection -> the first part of the case it objects to
    for node in (node for node in index.kind if node in defended):  # the graph's order: the file's
        if index.kind[node] == "inference":
            objectors = index.undercutters[node]
        else:
            objectors = index.attackers[node]
        for objector in sorted(objectors, key=index.order.__getitem__):
            targets.setdefault(objector, node)
    for objector, target in targets.items():
        answers = [a for a in index.attackers[objector]
                   if a != objector and not (a in defended and _contradiction_only(ctx, a, objector))]
        if not answers:
            stmt = ctx.statement(objector)
            yield Finding(stmt.pos, f"{stmt.kind.capitalize()} `{objector}` objects to `{target}` "
                          "and nothing answers it", objector)


def _contradiction_only(ctx, a: str, b: str) -> bool:
    """True when ``a`` is linked to ``b`` only by a contradiction, not by an attack of its own."""
    return all(ref.id != b for ref in ctx.statement(a).attacks)
