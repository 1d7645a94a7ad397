"""A relation, premise, conclusion, undercut or thesis names no existing item.

What it finds
    A reference to an id that is not defined, or that is defined as the wrong kind of
    item: `supports`, `attacks`, `contradicts`, premises and conclusions name
    statements, `thesis` names a claim, an undercut names an argument or a `{from,
    to}` pair of statements, and `answers` names an argument. The message suggests a
    defined id one edit away.

Why it matters
    A relation to nothing is a relation lost: the map says less than its author meant.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      a: {text: A reason, supports: thesys}
    ```

How to fix
    Correct the id, or define the item it names.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM004"
NAME = "unknown-reference"
SEVERITY = "error"
STRUCTURAL = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model = ctx.model
    statements, arguments = model.statements, model.arguments

    def missing(ref, what, subject, expected="statement"):
        if ref.id in arguments and expected == "statement":
            return Finding(ref.pos, f"{what} names `{ref.id}`, an argument, where a statement belongs", subject)
        return Finding(ref.pos, f"{what} names `{ref.id}`, which is not defined{ctx.suggester.hint(ref.id)}", subject)

    thesis = model.thesis
    if thesis and thesis.id not in statements and thesis.id not in arguments:
        yield missing(thesis, "`thesis`", None)
    for stmt in statements.values():
        for key in ("supports", "attacks", "contradicts"):
            for ref in getattr(stmt, key):
                if ref.id not in statements:
                    yield missing(ref, f"`{key}` of `{stmt.id}`", stmt.id)
        for undercut in stmt.undercuts:
            if undercut.argument is not None:
                ref = undercut.argument
                if ref.id not in statements and ref.id not in arguments:
                    yield missing(ref, f"`undercuts` of `{stmt.id}`", stmt.id, expected="argument")
                continue
            for ref in undercut.link:
                if ref.id not in statements:
                    yield missing(ref, f"`undercuts` of `{stmt.id}`", stmt.id)
        for answer in stmt.answers:
            ref = answer.argument
            if ref.id in statements:
                yield Finding(ref.pos, f"`answers` of `{stmt.id}` names `{ref.id}`, a statement, where an argument "
                              "belongs", stmt.id)
            elif ref.id not in arguments:
                yield missing(ref, f"`answers` of `{stmt.id}`", stmt.id, expected="argument")
    for argument in arguments.values():
        for ref in argument.premises:
            if ref.id not in statements:
                yield missing(ref, f"A premise of `{argument.id}`", argument.id)
        ref = argument.conclusion
        if ref is not None and ref.id not in statements:
            yield missing(ref, f"The conclusion of `{argument.id}`", argument.id)
