"""An argument's `scheme` that looks like a catalogue id but is none.

What it finds
    A `scheme` written as an id (no spaces) that is not in the catalogue of
    argumentation schemes (`docs/schemes.md`), with a did-you-mean for a near miss.
    A scheme starting with `x-` is the author's own, and one with spaces is a
    description in words; neither is reported.

Why it matters
    A misspelt scheme (`expert-opinon`) silently loses the scheme's critical questions:
    `argmap questions` and AM109 have nothing to ask.

Example
    ```yaml
    claims:
      t: {text: Coffee is safe in moderation}
      says: {text: Dr Rivera, a nutritionist, says so}
    arguments:
      rivera:
        premises: [says]
        conclusion: t
        scheme: expert-opinon
    ```

How to fix
    Correct the id (`argmap questions` and `docs/schemes.md` list the catalogue), start
    a scheme of your own with `x-`, or describe the reasoning in words.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding
from ..schemes import UNKNOWN, scheme_kind, suggest_scheme

CODE = "AM110"
NAME = "unknown-scheme"
SEVERITY = "warning"


def check(ctx: MapContext) -> Iterator[Finding]:
    for argument in ctx.model.arguments.values():
        scheme = argument.scheme
        if scheme is None or scheme_kind(scheme) != UNKNOWN:
            continue
        close = suggest_scheme(scheme)
        hint = (f" (did you mean `{close}`?)" if close
                else "; start your own with `x-`, describe it in words, or pick one from docs/schemes.md")
        # Between two ids in backticks the words stay short: `bounded` shortens any long run between backticks.
        yield Finding(argument.scheme_pos or argument.pos,
                      f"Argument `{argument.id}` names the scheme `{scheme}`, not in the catalogue{hint}", argument.id)
