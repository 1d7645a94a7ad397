"""Quotes with gaps: the folding AM107 compares with, and quotes cut into pieces found in order.

A quote may leave words out and put words in, as writers mark it:

- ``…`` (U+2026), a run of three or more dots, ``[…]`` or ``[...]`` is a **gap**: the
  text may hold any words there.
- ``[words]`` (square brackets round anything else, on one line) is an **insertion**:
  the text holds at most one word there (nothing for an added word, ``[the parade]``;
  a letter for a changed case, ``[T]he``; one word it replaces, ``[they]``).

The pieces between them must occur in the text in the quote's order, without
overlapping, within one paragraph (as :mod:`argmap.paragraphs` numbers them), each
compared as AM107 compares a whole quote (:func:`folded`). A quote with no gap or
insertion is one piece. Pieces are found with ``str.find``, leftmost first, which is
enough: between two gaps the leftmost place of the pieces joined by insertions ends
soonest, and that leaves the most room for the pieces after it. A paragraph is read a
bounded number of times per insertion, and :data:`MAX_TRIES` bounds the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})

_GAP = re.compile(r"\[[ \t]*(?:\u2026|\.{3,})[ \t]*\]|\u2026|\.{3,}")
_MARK = re.compile(_GAP.pattern + r"|\[[^\[\]\n]*\]")
MAX_WORD = 64
"""The longest word an insertion stands for: a longer run without a space is not a word."""
MAX_TRIES = 200_000
"""How many places one quote's pieces are tried at before the search gives up."""


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


class TooManyTries(Exception):
    """The pieces had more places to try than :data:`MAX_TRIES`."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of a quote's words between gaps: folded, where it starts and ends in the quote as written, and
    whether only an insertion (at most one word of the text) separates it from the piece before."""

    words: str
    start: int
    end: int
    joined: bool


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """A text folded paragraph by paragraph: the paragraphs joined by ``\\n`` (which no folded piece holds),
    where each starts in ``text``, and its number in the source text."""

    text: str
    starts: list[int]
    numbers: list[int]

    def number_at(self, offset: int) -> int:
        """The number of the paragraph holding ``offset`` of :attr:`text`."""
        return self.numbers[max(0, bisect_right(self.starts, offset) - 1)]


def has_gaps(quote: str) -> bool:
    """Whether ``quote`` marks a gap or an insertion.

    Examples
    --------
    >>> has_gaps("the parade … a show"), has_gaps("[T]he parade"), has_gaps("a show")
    (True, True, False)
    """
    return _MARK.search(quote) is not None


def quote_pieces(quote: str) -> list[Piece]:
    """The pieces of ``quote`` between its gaps and insertions, in order; empty pieces left out.

    Examples
    --------
    >>> [(p.words, p.start, p.end, p.joined) for p in quote_pieces("[T]he parade … was [then] a  show...")]
    [('he parade', 3, 12, False), ('was', 15, 18, False), ('a show', 26, 33, True)]
    """
    pieces: list[Piece] = []
    at, joined = 0, True
    for mark in _MARK.finditer(quote):
        joined = _add(pieces, quote, at, mark.start(), joined)
        joined = joined and _GAP.fullmatch(mark.group()) is None
        at = mark.end()
    _add(pieces, quote, at, len(quote), joined)
    return pieces


def _add(pieces: list[Piece], quote: str, start: int, end: int, joined: bool) -> bool:
    """Add the piece ``quote[start:end]`` if it holds words; return the ``joined`` of the piece after it."""
    words = folded(quote[start:end])
    if not words:
        return joined
    written = quote[start:end]
    first = start + len(written) - len(written.lstrip())
    pieces.append(Piece(words, first, start + len(written.rstrip()), joined and bool(pieces)))
    return True


def folded_paragraphs(text: str, starts: list[int], lower: bool = False) -> Paragraphs:
    """``text`` folded paragraph by paragraph (``starts`` from :func:`argmap.paragraphs.paragraph_starts`).

    With ``\\n`` read as a space, :attr:`Paragraphs.text` is ``folded(text)``: paragraphs
    start after whitespace, so folding each alone folds the same runs.

    Examples
    --------
    >>> found = folded_paragraphs("One \u2013 two.\\n\\n\\nThree,\\n four.", [0, 13])
    >>> found.text, found.starts, found.numbers
    ('One - two.\\nThree, four.', [0, 11], [1, 2])
    """
    parts: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    size = 0
    bounds = list(starts) + [len(text)]
    for number, (start, end) in enumerate(pairwise(bounds), start=1):
        part = folded(text[start:end])
        if lower:
            part = part.lower()
        if part:
            size += bool(parts)
            offsets.append(size)
            numbers.append(number)
            parts.append(part)
            size += len(part)
    return Paragraphs("\n".join(parts), offsets or [0], numbers or [1])


def find_pieces(pieces: list[Piece], paragraphs: Paragraphs) -> tuple[int, int, int] | None:
    """Where ``pieces`` occur in order within one paragraph: its number, and the span in
    :attr:`Paragraphs.text` from the first piece's start to the last one's end; None when they do not.

    Raises
    ------
    TooManyTries
        When the pieces had more than :data:`MAX_TRIES` places to try.

    Examples
    --------
    >>> found = folded_paragraphs("Intro.\\n\\nThe parade was, they say, a show.", [0, 8])
    >>> find_pieces(quote_pieces("[t]he parade … a show"), found)
    (2, 8, 39)
    >>> find_pieces(quote_pieces("a show … the parade"), found) is None
    True
    """
    if not pieces:
        return None
    runs: list[list[str]] = []
    for piece in pieces:
        if piece.joined:
            runs[-1].append(piece.words)
        else:
            runs.append([piece.words])
    text, tries = paragraphs.text, [MAX_TRIES]
    at = 0
    while True:
        first = _run(text, runs[0], at, len(text), tries)
        if first is None:
            return None
        end = text.find("\n", first[0])
        end = len(text) if end < 0 else end
        done = first[1]
        for run in runs[1:]:
            found = _run(text, run, done, end, tries)
            if found is None:
                break
            done = found[1]
        else:
            return paragraphs.number_at(first[0]), first[0], done
        at = end + 1


def _run(text: str, words: list[str], lo: int, hi: int, tries: list[int]) -> tuple[int, int] | None:
    """The leftmost span of ``text[lo:hi]`` holding ``words`` with at most one word between each two."""
    seen: dict[int, tuple[int, int]] = {}  # word k was last looked for from .[0] and first found at .[1]
    at = lo
    while True:
        start = text.find(words[0], at, hi)
        if start < 0:
            return None
        end = start + len(words[0])
        for k, word in enumerate(words[1:], start=1):
            tries[0] -= 1
            if tries[0] < 0:
                raise TooManyTries
            found = _after_one_word(text, word, end, hi)
            if found is None:
                # A later start ends each word later: if this word is nowhere after here, give up.
                since, first = seen.get(k, (hi, -1))
                if not since <= end <= first:
                    seen[k] = since, first = end, text.find(word, end, hi)
                if first < 0:
                    return None
                break
            end = found + len(word)
        else:
            return start, end
        at = start + 1


def _after_one_word(text: str, word: str, end: int, hi: int) -> int | None:
    """Where ``word`` starts after ``end`` with at most one word of ``text`` between (a space on either side
    allowed), or None."""
    after = end + (text.startswith(" ", end))
    limit = min(hi, after + MAX_WORD + 1)
    stop = [found for found in (text.find(" ", after, limit), text.find("\n", after, limit)) if found >= 0]
    last = min(stop) if stop else limit
    last += text.startswith(" ", last)
    found = text.find(word, end, min(hi, last + len(word)))
    return None if found < 0 else found
