"""An evidence `quote` that does not occur in the map's source text.

What it finds
    An evidence `quote` not found in the file named by `source.text_file`. The
    comparison is case-sensitive once whitespace runs, typographic quotes and dashes
    are folded (runs of whitespace to one space, “ ” „ to `"`, ‘ ’ to `'`, – — to
    `-`) in both. Without a `text_file`, quotes are not checked.

Why it matters
    A quote is a promise that the text says exactly this. A paraphrase in quotation
    marks misrepresents the source.

Example
    ```yaml
    source: {text_file: op-ed.txt}
    evidence:
      e: {text: ..., source: paragraph 2, quote: "words the op-ed never used"}
    ```

How to fix
    Copy the words verbatim from the text, or move a paraphrase to `text`.
"""

from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding
from ..quotes import occurring

CODE = "AM107"
NAME = "quote-not-in-source"
SEVERITY = "warning"

FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def folded(text: str) -> str:
    """Text with whitespace runs, typographic quotes and dashes folded.

    Examples
    --------
    >>> folded("“loose  cooperation” – it\u2019s")
    '"loose cooperation" - it\\'s'
    """
    # str.split() splits at the runs of what `\s` matches (str.isspace) and drops them at
    # both ends: the same as re.sub(r"\s+", " ", ...).strip(), in half the time.
    return " ".join(text.translate(FOLD).split())


def check(ctx: MapContext) -> Iterator[Finding]:
    source = ctx.model.source
    if source is None or source.text is None:
        return
    quotes = {stmt.quote: folded(stmt.quote) for stmt in ctx.model.statements.values() if stmt.quote}
    # One pass over the text for all quotes: asking `in` once per quote cost quotes x text.
    present = occurring(quotes.values(), folded(source.text))
    for stmt in ctx.model.statements.values():
        if stmt.quote and quotes[stmt.quote] not in present:
            yield Finding(stmt.quote_pos or stmt.pos, f"The quote of `{stmt.id}` is not in `{source.text_file}`",
                          stmt.id)
