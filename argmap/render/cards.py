"""The map's evidence as debate cards, grouped under the claims they support (`export --to cards`).

A card has a **tag** (the claim it supports), a **cite** (the evidence's ``source`` as
written) and the **card text**: when the map has a ``source.text_file`` that holds
the evidence's quote, the quote's paragraph with the quoted words highlighted;
else the quote alone; else the evidence's own text. :func:`cards` builds them as
data and :func:`export` writes them as Markdown; :mod:`argmap.render.cards_html`
writes the same cards as a printable page.

The claim a card supports is a conclusion the evidence leads to in the graph: the
target of its ``supports``, or the conclusion of a linked argument it is a premise
of. A card appears under every claim it supports; evidence that supports nothing
is gathered last, with its own text for a tag. Groups come side by side: the
thesis's side (claims, and evidence; counterclaims when ``--thesis`` names one)
before the other side, each in the file's order of its claims.

The quote is found as AM107 and the views find it (:meth:`MapContext.quote_place`):
verbatim, or, once whitespace, typographic quotes and dashes are folded, as pieces
between its gaps (``…``, ``[word]``, :mod:`argmap.quotegaps`) in order within one
paragraph (:mod:`argmap.paragraphs`); each piece is highlighted where it is.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..context import MapContext
from ..model import Statement
from ..quotegaps import (
    FOLD,
    Paragraphs,
    Piece,
    TooManyTries,
    find_pieces,
    folded_paragraphs,
    has_gaps,
    quote_pieces,
)
from ..textsafe import defuse_lines
from ..views.tree import library_name
from .diagram import Focus
from .markdown import code, md_text

THESIS_SIDE, OTHER_SIDE, UNUSED = "thesis", "other", "unused"
SIDE_HEADINGS = {THESIS_SIDE: "The thesis's side", OTHER_SIDE: "The other side", UNUSED: "Not used as support"}
KIND_HEADINGS = {THESIS_SIDE: "Claims", OTHER_SIDE: "Counterclaims", UNUSED: "Not used as support"}
"""The sides' headings for a map without a thesis, whose claims come before its counterclaims."""
NOT_FOUND = "(not found in the text)"


@dataclass(frozen=True, slots=True)
class CardText:
    """What a card reads out: runs of text, each ``(words, highlighted)``; the paragraph of the source text it
    comes from (None when it is not from the text); and whether a quote was looked for there and not found."""

    runs: tuple[tuple[str, bool], ...]
    paragraph: int | None = None
    not_found: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    """One piece of evidence as a card under one claim."""

    evidence: str
    tag: str
    cite: str | None
    text: CardText
    library: str | None = None
    """The included library the evidence is written in, relative to the map's folder; None: the map itself."""


@dataclass(frozen=True, slots=True)
class Group:
    """The cards under one claim (``claim`` None: the evidence that supports nothing), on one side."""

    claim: str | None
    side: str
    cards: tuple[Card, ...]


def supported_claims(ctx: MapContext, evidence: str) -> list[str]:
    """The statements ``evidence`` supports, alone (``supports``) or as a premise of a linked argument, in the
    file's order.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   u: {text: U}
    ... evidence:
    ...   e: {text: E, supports: u}
    ... arguments:
    ...   both: {premises: [e, u], conclusion: t}
    ... '''
    >>> supported_claims(MapContext(load_bytes(text, "m.yaml").model), "e")
    ['t', 'u']
    """
    graph = ctx.graph
    found = {graph.conclusion(inference) for inference in graph.inferences_from(evidence)}
    return graph.by_order(claim for claim in found if claim is not None)


def side_of(ctx: MapContext, claim: str) -> str:
    """:data:`THESIS_SIDE` or :data:`OTHER_SIDE`: whether ``claim`` is of the thesis's kind (a claim or evidence,
    or a counterclaim when the thesis is one), the map's claims being the thesis's side when it has none."""
    thesis = ctx.thesis
    thesis_counters = thesis is not None and ctx.graph.kind(thesis) == "counterclaim"
    counters = ctx.graph.kind(claim) == "counterclaim"
    return THESIS_SIDE if counters == thesis_counters else OTHER_SIDE


def cards(ctx: MapContext, focus: Focus | None = None) -> list[Group]:
    """The map's evidence as cards, in groups: under each claim it supports, the thesis's side first, then the
    other side, each in the file's order of its claims; then the evidence that supports nothing. With ``focus``,
    only the claims (and unused evidence) of that part of the map.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis}
    ... counterclaims:
    ...   c: {text: The objection, attacks: t}
    ... evidence:
    ...   e: {text: Said, supports: [c, t], source: A book, quote: the words}
    ...   f: {text: Unused}
    ... '''
    >>> groups = cards(MapContext(load_bytes(text, "m.yaml").model))
    >>> [(group.claim, group.side, [card.tag for card in group.cards]) for group in groups]
    [('t', 'thesis', ['The thesis']), ('c', 'other', ['The objection']), (None, 'unused', ['Unused'])]
    >>> groups[0].cards[0]
    Card(evidence='e', tag='The thesis', cite='A book', text=CardText(runs=(('the words', False),), \
paragraph=None, not_found=False), library=None)
    """
    texts = _CardTexts(ctx)
    under: dict[str, list[Card]] = {}
    unused: list[Card] = []
    for stmt in ctx.model.statements.values():
        if stmt.kind != "evidence":
            continue
        claims = supported_claims(ctx, stmt.id)
        library = library_name(stmt.file, ctx.model.path) if stmt.file is not None else None
        if not claims and (focus is None or stmt.id in focus.statements):
            unused.append(Card(stmt.id, stmt.text, stmt.source, texts.of(stmt), library))
        for claim in claims:
            if focus is None or claim in focus.statements:
                under.setdefault(claim, []).append(Card(stmt.id, ctx.statement(claim).text, stmt.source,
                                                        texts.of(stmt), library))
    sides = {claim: side_of(ctx, claim) for claim in under}
    order = sorted(under, key=lambda claim: (sides[claim] != THESIS_SIDE, ctx.graph.order(claim)))
    groups = [Group(claim, sides[claim], tuple(under[claim])) for claim in order]
    if unused:
        groups.append(Group(None, UNUSED, tuple(unused)))
    return groups


def side_headings(ctx: MapContext) -> dict[str, str]:
    """The words over each side's first group: the thesis's side and the other, or claims and counterclaims."""
    return SIDE_HEADINGS if ctx.thesis is not None else KIND_HEADINGS


# ---- the card text ----------------------------------------------------------------


class _CardTexts:
    """Each evidence's card text, its quote looked for in the map's source text (once per evidence)."""

    def __init__(self, ctx: MapContext) -> None:
        self.ctx = ctx
        self.known: dict[str, CardText] = {}
        self._folded: Paragraphs | None = None  # the whole text folded, for a quote without gaps not verbatim

    def of(self, stmt: Statement) -> CardText:
        if stmt.id not in self.known:
            self.known[stmt.id] = self._card_text(stmt)
        return self.known[stmt.id]

    def _card_text(self, stmt: Statement) -> CardText:
        if not stmt.quote:
            return CardText(((stmt.text, False),))
        source = self.ctx.model.source
        text = source.text if source is not None else None
        if text is None:
            return CardText(((stmt.quote, False),))
        try:
            found = self._locate(text, stmt.quote)
        except TooManyTries:
            found = None
        if found is None:
            return CardText(((stmt.quote, False),), not_found=True)
        number, spans = found
        bounds = paragraph_span(text, spans, self.ctx.paragraph_starts or [0])
        return CardText(tuple(highlighted(text, spans, bounds)), number)

    def _locate(self, text: str, quote: str) -> tuple[int, list[tuple[int, int]]] | None:
        """The paragraph of ``quote`` and the spans of ``text`` its words are, or None when it is not there."""
        at = text.find(quote)
        if at >= 0 and quote.strip():
            number = self.ctx.quote_place(quote)
            assert number is not None
            lead = len(quote) - len(quote.lstrip())
            return number, [(at + lead, at + len(quote.rstrip()))]
        pieces = quote_pieces(quote)
        number = self.ctx.quote_place(quote) if has_gaps(quote) else self._folded_place(pieces)
        if number is None:
            return None
        starts = self.ctx.paragraph_starts or [0]
        low = starts[number - 1]
        high = starts[number] if number < len(starts) else len(text)
        spans = piece_spans(text, low, high, pieces)
        return None if spans is None else (number, spans)

    def _folded_place(self, pieces: list[Piece]) -> int | None:
        """The paragraph where a quote without gaps, not in the text verbatim, is once folded (as AM107 finds it)."""
        if self._folded is None:
            source = self.ctx.model.source
            assert source is not None and source.text is not None
            self._folded = folded_paragraphs(source.text, self.ctx.paragraph_starts or [0])
        found = find_pieces(pieces, self._folded)
        return None if found is None else found[0]


def folded_with_origins(text: str) -> tuple[str, list[int]]:
    """``text`` folded as :func:`argmap.quotegaps.folded` folds it, and where each of its characters is in ``text``.

    Examples
    --------
    >>> folded_with_origins(" a \\u2013\\n b ")
    ('a - b', [1, 2, 3, 5, 6])
    """
    out: list[str] = []
    origins: list[int] = []
    space = False
    for offset, char in enumerate(text.translate(FOLD)):
        if char.isspace():  # what str.split() splits at
            space = bool(out)
            continue
        if space:
            out.append(" ")
            origins.append(offset - 1)
            space = False
        out.append(char)
        origins.append(offset)
    return "".join(out), origins


def piece_spans(text: str, low: int, high: int, pieces: list[Piece]) -> list[tuple[int, int]] | None:
    """Where in ``text`` the ``pieces`` of a quote are, within ``text[low:high]`` (one paragraph), in order.

    The pieces are placed as AM107 places them (:func:`argmap.quotegaps.find_pieces`), and each is then the
    leftmost occurrence after the one before, between the first piece's start and the last one's end.

    Raises
    ------
    TooManyTries
        When the pieces had too many places to try.

    Examples
    --------
    >>> text = "Intro.\\n\\nThe parade was, they say,  a\\nshow."
    >>> [text[start:end] for start, end in piece_spans(text, 8, len(text), quote_pieces("[t]he parade … a show"))]
    ['he parade', 'a\\nshow']
    """
    words, origins = folded_with_origins(text[low:high])
    found = find_pieces(pieces, Paragraphs(words, [0], [1]))
    if found is None:
        return None
    _, at, end = found
    spans = []
    for piece in pieces:
        start = words.find(piece.words, at, end)
        if start < 0:
            return None
        at = start + len(piece.words)
        spans.append((low + origins[start], low + origins[at - 1] + 1))
    return spans


def paragraph_span(text: str, spans: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    """The paragraphs of ``text`` (starting at ``starts``) that hold ``spans``, from the first one's start to the
    last one's end, without the blank space around them.

    Examples
    --------
    >>> text = "One.\\n\\nTwo and\\nmore.\\n\\n\\nThree."
    >>> text[slice(*paragraph_span(text, [(10, 13)], [0, 6, 22]))]
    'Two and\\nmore.'
    """
    first = starts[max(0, bisect_right(starts, spans[0][0]) - 1)]
    after = bisect_left(starts, spans[-1][1])
    end = starts[after] if after < len(starts) else len(text)
    while end > spans[-1][1] and text[end - 1].isspace():
        end -= 1
    while first < spans[0][0] and text[first].isspace():
        first += 1
    return first, end


def highlighted(text: str, spans: list[tuple[int, int]], bounds: tuple[int, int]) -> Iterator[tuple[str, bool]]:
    """``text[bounds]`` as runs, the ``spans`` highlighted.

    Examples
    --------
    >>> list(highlighted("a b c d", [(2, 3), (4, 5)], (0, 7)))
    [('a ', False), ('b', True), (' ', False), ('c', True), (' d', False)]
    """
    at, end = bounds
    for start, stop in spans:
        if start > at:
            yield text[at:start], False
        yield text[start:stop], True
        at = stop
    if end > at:
        yield text[at:end], False


# ---- Markdown -----------------------------------------------------------------------


def export(ctx: MapContext, labels: dict[str, str] | None = None, focus: Focus | None = None) -> str:
    """The cards as Markdown: a section per side, a heading per claim, each card its tag in bold, its cite, and
    its text as a block quote with the quoted words in bold. ``labels`` are not shown: a card reads the same
    whoever wins.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The *thesis*}
    ... evidence:
    ...   e: {text: Said, supports: t, source: A book}
    ... '''
    >>> print(export(MapContext(load_bytes(text, "m.yaml").model)), end="")
    # Evidence cards: T
    <BLANKLINE>
    ## The thesis's side
    <BLANKLINE>
    ### `t`
    <BLANKLINE>
    **The \\*thesis\\***\\
    A book
    <BLANKLINE>
    > Said
    <BLANKLINE>
    — `e`
    """
    out = [f"# Evidence cards: {md_text(ctx.model.title.replace(chr(10), ' '))}", ""]
    headings = side_headings(ctx)
    side = None
    for group in cards(ctx, focus):
        if group.side != side:
            side = group.side
            out += [f"## {headings[side]}", ""]
        if group.claim is not None:
            out += [f"### {code(group.claim)}", ""]
        for card in group.cards:
            out += card_markdown(card)
    if len(out) == 2:
        out += ["The map has no evidence.", ""]
    return defuse_lines("\n".join(out[:-1]) + "\n")


def card_markdown(card: Card) -> list[str]:
    """One card's lines, a blank line after each block."""
    cite = line_start_text(card.cite) if card.cite else "*(no source given)*"
    body = []
    for index, (words, marked) in enumerate(strong_runs(card.text.runs)):
        escaped = md_text(words) if index or marked else line_start_text(words)
        body.append(f"**{escaped}**" if marked else escaped)
    meta = f"— {code(card.evidence)}"
    if card.library is not None:
        meta += f" from {md_text(card.library)}"
    if card.text.paragraph is not None:
        meta += f", ¶{card.text.paragraph} of the text"
    if card.text.not_found:
        meta += f" {NOT_FOUND}"
    return [f"**{md_text(card.tag.strip())}**\\", cite, "", "> " + "".join(body).replace("\n", "\n> "), "", meta, ""]


def line_start_text(text: str) -> str:
    """:func:`md_text` for text that starts a line: its first line, too, cannot open a block (a list, a heading,
    a quote…), as :func:`md_text` keeps its later lines from doing.

    Examples
    --------
    >>> line_start_text("- x"), line_start_text("1. x"), line_start_text("x *y*")
    ('\\\\- x', '1\\\\. x', 'x \\\\*y\\\\*')
    """
    return md_text("\n" + text)[2:]  # md_text escapes every line but the first; drop the empty first line


def strong_runs(runs: tuple[tuple[str, bool], ...]) -> list[tuple[str, bool]]:
    """``runs`` with each highlighted one widened by a character where CommonMark would not read ``**`` around it.

    ``**`` opens only before a letter, or before punctuation that follows a space or punctuation (and closes
    likewise), so a highlight that starts with punctuation right after a letter (``China**’s**``) takes in
    that letter, and one that ends with punctuation right before a letter takes in that letter.

    Examples
    --------
    >>> strong_runs((("China", False), ("’s parade", True), (" x", False)))
    [('Chin', False), ('a’s parade', True), (' x', False)]
    """
    words = [run for run, _ in runs]
    marks = [marked for _, marked in runs]
    for index, marked in enumerate(marks):
        if not marked:
            continue
        if index and not marks[index - 1] and _punctuation(words[index][:1]) and _wordlike(words[index - 1][-1:]):
            words[index] = words[index - 1][-1] + words[index]
            words[index - 1] = words[index - 1][:-1]
        following = index + 1 < len(words) and not marks[index + 1]
        if following and _punctuation(words[index][-1:]) and _wordlike(words[index + 1][:1]):
            words[index] += words[index + 1][0]
            words[index + 1] = words[index + 1][1:]
    return [(run, marked) for run, marked in zip(words, marks) if run]


def _punctuation(char: str) -> bool:
    """CommonMark's punctuation: ASCII punctuation and Unicode's punctuation and symbols."""
    return bool(char) and unicodedata.category(char)[0] in "PS"


def _wordlike(char: str) -> bool:
    return bool(char) and not char.isspace() and not _punctuation(char)
