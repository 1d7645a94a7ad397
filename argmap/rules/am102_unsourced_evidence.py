"""Evidence without a `source`.

What it finds
    An item under `evidence` that has no `source` key.

Why it matters
    Evidence is only as good as where it comes from: a reader must be able to check it.

Example
    ```yaml
    evidence:
      drills: {text: There were no trilateral military exercises}
    ```

How to fix
    Add `source:` naming the document, dataset, interview or passage it comes from.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM102"
NAME = "unsourced-evidence"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    for stmt in ctx.model.statements.values():
        if stmt.kind == "evidence" and not stmt.source:
            yield Finding(stmt.pos, f"Evidence `{stmt.id}` has no source", stmt.id)
