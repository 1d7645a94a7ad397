"""A statement supports, attacks or contradicts itself, or undercuts its own inference.

What it finds
    `supports`, `attacks` or `contradicts` naming the statement it is written on; an
    undercut of an inference of which the undercutting statement is itself a premise
    or the conclusion; an argument whose conclusion is among its premises.

Why it matters
    A claim that supports itself is circular reasoning in its smallest form; one that
    attacks itself defeats itself. Either is almost always a copy-and-paste slip.

Example
    ```yaml
    claims:
      t: {text: The thesis, supports: t}
    ```

How to fix
    Point the relation at the statement you meant.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM005"
NAME = "self-reference"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model = ctx.model
    for stmt in model.statements.values():
        for key in ("supports", "attacks", "contradicts"):
            for ref in getattr(stmt, key):
                if ref.id == stmt.id:
                    yield Finding(ref.pos, f"`{stmt.id}` {key} itself", stmt.id)
        for undercut in stmt.undercuts:
            if undercut.argument is not None:
                argument = model.arguments.get(undercut.argument.id)
                if argument is None:
                    continue
                ends = [ref.id for ref in argument.premises]
                if argument.conclusion:
                    ends.append(argument.conclusion.id)
                if stmt.id in ends:
                    yield Finding(undercut.pos, f"`{stmt.id}` undercuts `{argument.id}`, an argument it is part of",
                                  stmt.id)
                continue
            source, target = undercut.link
            if stmt.id in (source.id, target.id):
                yield Finding(undercut.pos, f"`{stmt.id}` undercuts the inference "
                              f"`{source.id}->{target.id}`, of which it is a part", stmt.id)
    for argument in model.arguments.values():
        conclusion = argument.conclusion
        if conclusion and any(ref.id == conclusion.id for ref in argument.premises):
            yield Finding(conclusion.pos, f"The conclusion of `{argument.id}` is also one of its premises",
                          argument.id)
