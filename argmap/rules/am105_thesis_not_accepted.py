"""The thesis does not stand: evaluation labels it rejected or undecided.

What it finds
    A thesis that argmap's evaluation (see `docs/evaluation.md`) labels `rejected` or
    `undecided` on the map's own terms, with the first step of the explanation in the
    message. It runs only on maps without errors.

Why it matters
    A case whose thesis falls to its own counterclaims, or hangs on an unresolved
    cycle of attacks, is not yet a case. `argmap evaluate FILE --explain THESIS`
    gives the whole chain of reasons.

Example
    ```yaml
    claims:
      t: {text: The thesis}
    counterclaims:
      c: {text: An objection nobody answers, attacks: t}
    ```

How to fix
    Answer the objection that defeats the thesis (attack it, or undercut its
    reasoning), or support the thesis with reasons that survive.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..evaluate import ACCEPTED
from ..explain import first_reason
from ..problems import Finding

CODE = "AM105"
NAME = "thesis-not-accepted"
SEVERITY = "warning"
NEEDS_SOUND_MAP = True


def check(ctx: MapContext) -> Iterator[Finding]:
    thesis = ctx.thesis
    if thesis is None:
        return
    evaluation = ctx.evaluation
    if evaluation.labels[thesis] != ACCEPTED:
        yield Finding(ctx.statement(thesis).pos, f"The thesis `{thesis}` is {first_reason(evaluation, thesis)}", thesis)
