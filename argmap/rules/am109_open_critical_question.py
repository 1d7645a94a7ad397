"""A critical question of an argument's scheme that no statement answers.

What it finds
    Each critical question of a linked argument whose `scheme` is in the catalogue
    (`docs/schemes.md`) that no statement answers with `answers: {argument: ID,
    question: QID}`: one finding per argument and question, at the argument. Off by
    default: it runs only when `select` or `extend-select` names it
    (`--extend-select AM109`).

Why it matters
    A scheme's critical questions are where an argument of that kind is weak: an
    expert may be speaking outside their field, a precedent may no longer apply. A
    question left open is a question the map has not yet asked; `argmap questions`
    lists them with a prompt for each.

Example
    ```yaml
    claims:
      t: {text: Coffee is safe in moderation}
      expert: {text: Dr Rivera is an expert in nutrition}
      says: {text: Dr Rivera says coffee is safe in moderation}
    arguments:
      rivera:
        premises: [expert, says]
        conclusion: t
        scheme: expert-opinion
    ```

How to fix
    Answer the question in the map: a statement that attacks a premise or undercuts
    the argument where the answer weakens it, or supports a premise where it backs
    it, with `answers: {argument: rivera, question: field}`.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding
from ..schemes import map_questions

CODE = "AM109"
NAME = "open-critical-question"
SEVERITY = "warning"
DEFAULT_OFF = True


def check(ctx: MapContext) -> Iterator[Finding]:
    model = ctx.model
    for item in map_questions(model):
        argument = model.arguments[item.argument]
        for question in item.open:
            yield Finding(argument.pos, f"Argument `{argument.id}` ({item.scheme.id}) leaves the critical question "
                          f"`{question.id}` open: {question.ask}", argument.id)
