"""An evidence `quote` that does not occur in the map's source text.

What it finds
    An evidence `quote` not found in the file named by `source.text_file`. The
    comparison is case-sensitive once whitespace runs, typographic quotes and dashes
    are folded (runs of whitespace to one space, “ ” „ to `"`, ‘ ’ to `'`, – — to
    `-`) in both. Without a `text_file`, quotes are not checked. The evidence of an
    included library is checked against the library's own text, when the library is.

    A quote may mark a gap with `…`, `...`, `[…]` or `[...]` (the text may hold any
    words there) and an insertion with `[words]` (the text holds at most one word
    there: nothing, a letter whose case changed, or the word replaced). Its pieces
    must then occur in order within one paragraph of the text; see docs/format.md.

    The message names the nearest passage of the text (its paragraph and how alike it
    is), the quote's first word that differs from it, and the likely cause when one is
    detected: `case` (found once case is ignored), `curly quotes` (found once every
    quote mark, straight, curly, prime, backtick or guillemet, single or double, is
    read as one: what the folding above leaves), `a missing ellipsis` (its words are
    in one paragraph in order with other words between), `another edition` (the
    nearest passage has the same words but for spelling variants). The finding points
    at the differing character when the quote is written on one line without escapes,
    and at the quote otherwise. The nearest passage is looked for while the text
    searched for failed quotes totals less than 4 million characters; later failures
    get the short message.

Why it matters
    A quote is a promise that the text says exactly this. A paraphrase in quotation
    marks misrepresents the source.

Example
    ```yaml
    source: {text_file: op-ed.txt}
    evidence:
      e: {text: ..., source: paragraph 2, quote: "words the op-ed never used"}
      f: {text: ..., source: paragraph 3, quote: "the parade … was [then] a show"}
    ```

How to fix
    Copy the words verbatim from the text (`argmap quote` finds them), mark the words
    left out with `…`, or move a paraphrase to `text`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import MapContext
from ..model import Statement
from ..problems import Finding
from ..quotecause import Diagnosis, diagnose
from ..quotegaps import Paragraphs, TooManyTries, find_pieces, folded, folded_paragraphs, has_gaps, quote_pieces
from ..quotes import occurring

CODE = "AM107"
NAME = "quote-not-in-source"
SEVERITY = "warning"

__all__ = ["CODE", "NAME", "SEVERITY", "check", "folded"]

NEAREST_BUDGET = 4_000_000
"""Characters of text searched for nearest passages, all failed quotes of a map together."""


def check(ctx: MapContext) -> Iterator[Finding]:
    source = ctx.model.source
    if source is None or source.text is None:
        return
    text = source.text
    own = _own_statements(ctx)
    quotes = {stmt.quote: folded(stmt.quote) for stmt in own if stmt.quote}
    gapped = [quote for quote in quotes if has_gaps(quote)]
    paragraphs: Paragraphs | None = None
    if gapped:
        paragraphs = folded_paragraphs(text, ctx.paragraph_starts or [0])
        haystack = paragraphs.text.replace("\n", " ")  # folded(text), without folding it twice
    else:
        haystack = folded(text)
    # One pass over the text for all quotes: asking `in` once per quote cost quotes x text.
    present = occurring(quotes.values(), haystack)
    missing = {quote for quote, words in quotes.items() if words not in present}
    searched: dict[str, str | None] = {}  # a quote with gaps -> None when found, else why not
    for quote in sorted(missing & set(gapped)):
        assert paragraphs is not None
        try:
            found = find_pieces(quote_pieces(quote), paragraphs)
        except TooManyTries:
            searched[quote] = "its pieces have too many places to try; shorten it"
            continue
        if found is not None:
            missing.discard(quote)
    budget = [NEAREST_BUDGET]
    for stmt in own:
        if not stmt.quote or stmt.quote not in missing:
            continue
        where = stmt.quote_pos or stmt.pos
        head = f"The quote of `{stmt.id}` is not in `{source.text_file}`"
        if stmt.quote in searched:
            yield Finding(where, f"{head}: {searched[stmt.quote]}", stmt.id)
            continue
        why = diagnose(text, stmt.quote, ctx.paragraph_starts or [0], budget)
        if why.offset is not None and stmt.quote_pos is not None and stmt.quote_line is not None:
            column = _value_column([stmt.quote_line], 1, stmt.quote_pos.column, stmt.quote, why.offset)
            if column is not None:
                where = stmt.quote_pos._replace(column=column)
        yield Finding(where, head + _said(why), stmt.id)


def _own_statements(ctx: MapContext) -> list[Statement]:
    """The statements written in the map itself: a library's evidence quotes the library's own text, and is
    checked when the library is."""
    return [stmt for stmt in ctx.model.statements.values() if stmt.file is None]


def _said(found: Diagnosis) -> str:
    """The rest of the message: the nearest passage, where the quote differs from it, the likely cause."""
    return (f": {found.detail}" if found.detail else "") + (f"; likely cause: {found.cause}" if found.cause else "")


def _value_column(lines: list[str], line: int, column: int, quote: str, offset: int) -> int | None:
    """The 1-based column of character ``offset`` of ``quote``, when the scalar starting at ``line``, ``column``
    is written on that line without escapes and reads exactly ``quote``; None otherwise.

    ``lines`` is the line the loader kept (:attr:`argmap.model.Statement.quote_line`); the scalar is checked
    against the loaded value, so a quote written with escapes keeps the quote's start.

    Examples
    --------
    >>> _value_column(['  e: {quote: "it was"}'], 1, 14, "it was", 3)
    18
    >>> _value_column(["  e: {quote: 'it''s so'}"], 1, 14, "it's so", 5)
    21
    >>> _value_column(['  e: {quote: "it\\\\u2019s"}'], 1, 14, "it\u2019s", 3) is None
    True
    """
    if not 1 <= line <= len(lines) or not 0 <= offset < len(quote):
        return None
    written, start = lines[line - 1], column - 1
    mark = written[start:start + 1]
    if mark == '"':
        close = written.find('"', start + 1)
        body = written[start + 1:close] if close >= 0 else ""
        return start + 2 + offset if close >= 0 and "\\" not in body and body == quote else None
    if mark == "'":
        spots, value, at = [], [], start + 1
        while at < len(written):
            if written[at] == "'":
                if not written.startswith("''", at):
                    break
                at += 1
            spots.append(at)
            value.append(written[at])
            at += 1
        else:
            return None
        return spots[offset] + 1 if "".join(value) == quote else None
    if mark in ("|", ">") or written[start:start + len(quote)] != quote:
        return None
    return start + 1 + offset
