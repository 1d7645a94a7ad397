"""An objection to the thesis or its support that nothing answers.

What it finds
    A statement that attacks, contradicts or undercuts the thesis, anything that
    supports it (directly or through a chain of supports and argument premises), or
    an inference into one of those, and that nothing answers. An objection is
    answered, as the evaluation reads it, when another statement attacks or
    contradicts it, undercuts its attack ("even if"), or leaves no reason for it
    standing: every inference into it is undercut or has a premise that is
    attacked; or when it loses on weight: it weighs less than every part of the
    case it attacks or contradicts, so that the evaluation turns each of its
    attacks back (weighing is an answer; see `docs/evaluation.md`). The statement
    it contradicts does not count as an answer otherwise: a contradiction runs both
    ways, and restating the claim is not a reply.

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
from typing import NamedTuple

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, UNDERCUT, attack_id
from ..problems import Finding

CODE = "AM103"
NAME = "unanswered-objection"
SEVERITY = "warning"


class Objection(NamedTuple):
    """A statement that objects to the case: to the thesis or something that supports it."""

    objector: str
    target: str
    """The first part of the case (in the graph's order) it objects to."""
    answered: bool


def check(ctx: MapContext) -> Iterator[Finding]:
    for objection in objections(ctx):
        if not objection.answered:
            stmt = ctx.statement(objection.objector)
            yield Finding(stmt.pos, f"{stmt.kind.capitalize()} `{objection.objector}` objects to "
                          f"`{objection.target}` and nothing answers it", objection.objector)


def objections(ctx: MapContext) -> list[Objection]:
    """Every objection to the thesis or its support, answered or not, in the order AM103 reports them
    (`argmap stats` counts them)."""
    thesis = ctx.thesis
    if thesis is None:
        return []
    graph = ctx.graph
    defended = graph.support_ancestors([thesis])
    position = graph.position
    first: dict[str, str] = {}  # objection -> the first part of the case (in the graph's order) it objects to
    outweighed: dict[str, bool] = {}  # objection -> whether every part of the case it objects to outweighs it
    for objector, target, weighed in _objections(graph):
        if target not in defended:
            continue
        if objector not in first or position[target] < position[first[objector]]:
            first[objector] = target
        outweighed[objector] = outweighed.get(objector, True) and weighed \
            and graph.weight(objector) < graph.weight(target)
    found = []
    for objector in sorted(first, key=lambda node: (position[first[node]], graph.order(node))):
        answers = [a for a in graph.attackers(objector)
                   if a != objector and not (a in defended and _contradiction_only(ctx, a, objector))]
        answered = bool(answers) or outweighed[objector] or _attack_answered(graph, objector, first[objector]) \
            or _reasons_answered(graph, objector)
        found.append(Objection(objector, first[objector], answered))
    return found


def _objections(graph) -> Iterator[tuple[str, str, bool]]:
    """(objector, what it objects to, whether weights weigh it): attacks, contradictions both ways, and
    undercuts (which weights never weigh)."""
    for u, v in graph.edges(ATTACK):
        yield u, v, True
    for u, v in graph.edges(CONTRADICT):
        yield u, v, True
        yield v, u, True
    for u, v in graph.edges(UNDERCUT):
        yield u, v, False


def _attack_answered(graph, objector: str, target: str) -> bool:
    """True when something undercuts the objection's attack on ``target``: an "even if" answer."""
    junction = attack_id(objector, target)
    return junction in graph and bool(graph.undercutters(junction))


def _reasons_answered(graph, objector: str) -> bool:
    """True when reasons are given for the objection and every one is answered: undercut, or resting on a
    premise that something attacks."""
    into = graph.inferences_into(objector)
    return bool(into) and all(graph.undercutters(inference)
                              or any(graph.attackers(premise) for premise in graph.premises(inference))
                              for inference in into)


def _contradiction_only(ctx, a: str, b: str) -> bool:
    """True when ``a`` is linked to ``b`` only by a contradiction, not by an attack of its own."""
    return all(ref.id != b for ref in ctx.statement(a).attacks)
