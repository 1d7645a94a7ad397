"""Why a quote is not in its text: the nearest passage, the quote's first word that differs, the likely cause.

AM107 asks this only of the quotes it did not find. The nearest passage comes from
:func:`argmap.quotefind.nearest_passage` (the one fuzzy matcher); the causes are
tried in a fixed order, each a search of the text made more lenient in one way:

``case``
    The words occur once case is ignored.
``curly quotes``
    The words occur once every quote mark (straight, curly, prime, backtick,
    guillemet, single or double) is read as one mark: what AM107's folding leaves.
``a missing ellipsis``
    Each word occurs, in order, within one paragraph and a span at most three times
    the quote's length: other words stand between them.
``another edition``
    The nearest passage has the quote's words but for a few spelling variants (one
    word in three at most, each pair at least 60% alike).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .quotegaps import FOLD, find_pieces, folded, folded_paragraphs, has_gaps, quote_pieces
from .textsafe import shown

QUOTE_MARKS = str.maketrans({mark: "'" for mark in
                             "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
                             "\u2032\u2033\u2035\u2036`\u00b4\u02b9\u02ba\u02bb\u02bc\u02bd\u02ee\uff02\uff07"})
_WORD = re.compile(r"\S+")
_MAX_WORDS = 400  # words compared for "differs at": the first difference of a long quote is rarely further


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What AM107 says after "is not in": the detail (nearest passage, where it differs), the likely cause,
    and the offset in the quote as written of its first differing character; None for what is not known."""

    detail: str | None = None
    cause: str | None = None
    offset: int | None = None


def diagnose(text: str, quote: str, starts: list[int], budget: list[int]) -> Diagnosis:
    """Why ``quote`` is not in ``text`` (paragraphs at ``starts``), if ``budget[0]`` characters of text are left
    to search; the length of ``text`` is taken from the budget.

    Examples
    --------
    >>> text = "Intro.\\n\\nThe alignment, some say, is on an accelerating trajectory."
    >>> found = diagnose(text, "The alignment is on an accelerating trajectory", [0, 8], [10**6])
    >>> print(found.detail)
    nearest is "The alignment, some say, is on an …" (¶2, 88% alike), which differs at "alignment" (word 2)
    >>> found.cause, found.offset
    ('a missing ellipsis', 13)
    """
    if budget[0] < len(text):
        return Diagnosis()
    budget[0] -= len(text)
    start, end, label = 0, len(quote), ""
    if has_gaps(quote):
        pieces = quote_pieces(quote)
        if not pieces:
            return Diagnosis("it holds no words, only gaps")
        paragraphs = folded_paragraphs(text, starts)
        absent = next((k for k, piece in enumerate(pieces) if piece.words not in paragraphs.text), None)
        if absent is None:
            places = ", ".join(f"¶{paragraphs.number_at(paragraphs.text.find(piece.words))}" for piece in pieces[:6])
            bound = " with at most one word for each [insertion]" if any(piece.joined for piece in pieces) else ""
            return Diagnosis(f"its pieces are, but not in this order within one paragraph{bound} (first in "
                             f"{places}{', …' if len(pieces) > 6 else ''})")
        start, end = pieces[absent].start, pieces[absent].end
        label = f" to its piece {absent + 1}" if len(pieces) > 1 else ""
    words = quote[start:end]
    nearest = _nearest(text, words)
    spread = _spread(text, words, starts)
    cause = likely_cause(text, words, starts, nearest.passage.text if nearest else None, spread)
    if spread is not None and cause == "a missing ellipsis":
        from rapidfuzz.fuzz import ratio

        paragraph, passage = spread
        similarity = ratio(folded(words).lower(), folded(passage).lower())
    elif nearest is not None:
        paragraph, passage, similarity = nearest.passage.paragraph, nearest.passage.text, nearest.similarity
    else:
        return Diagnosis(None, cause)
    place = f"¶{paragraph}, {round(similarity)}% alike"
    differs = _first_difference(words, passage)
    if differs is None:
        return Diagnosis(f'nearest{label} is "{_cut(passage, 0)}" ({place})', cause)
    index, char, at = differs
    word = _WORD.findall(words)[index]
    return Diagnosis(f'nearest{label} is "{_cut(passage, at)}" ({place}), which differs at '
                     f'"{shown(word, 30)}" (word {index + 1})', cause,
                     min(start + char, len(quote) - 1))


def _nearest(text: str, words: str):  # -> Nearest | None, imported lazily with rapidfuzz
    from .quotefind import QuoteError, nearest_passage

    try:
        return nearest_passage(text, words)
    except QuoteError:
        return None


def _spread(text: str, words: str, starts: list[int]) -> tuple[int, str] | None:
    """The paragraph and words of the text where ``words`` occur in order, whatever their case, with other words
    between, in a span at most three times their length; None if they do not."""
    wanted = folded(words).lower()
    pieces = quote_pieces(" … ".join(wanted.split()))
    if len(pieces) < 2:
        return None
    paragraphs = folded_paragraphs(text, starts, lower=True)
    found = find_pieces(pieces, paragraphs)
    if found is None or found[2] - found[1] > 3 * len(wanted):
        return None
    number, first, last = found
    begin = paragraphs.starts[paragraphs.numbers.index(number)]
    bounds = list(starts) + [len(text)]
    written = text[bounds[number - 1]:bounds[number]].split()
    # Folding keeps the words of a paragraph one for one, so words count the same in both.
    at = paragraphs.text.count(" ", begin, first)
    return number, " ".join(written[at:at + paragraphs.text.count(" ", first, last) + 1])


def likely_cause(text: str, words: str, starts: list[int], passage: str | None,
                 spread: tuple[int, str] | None = None) -> str | None:
    """The first cause of the fixed list (see the module) that explains why ``words`` are not in ``text``;
    ``passage`` is the nearest passage, ``spread`` what :func:`_spread` found (looked for when not given).

    Examples
    --------
    >>> likely_cause("The colour of the flag.", "the colour", [0], None)
    'case'
    >>> likely_cause("He said \\"no\\" twice.", "said \u2018no\u2019", [0], None)
    'curly quotes'
    >>> likely_cause("The flag was, they say, red.", "The flag was red", [0], None)
    'a missing ellipsis'
    >>> likely_cause("The color of the flag.", "The colour of", [0], "The color of")
    'another edition'
    """
    wanted = folded(words)
    haystack = folded(text)
    if wanted.lower() in haystack.lower():
        return "case"
    if folded(words.translate(QUOTE_MARKS)) in folded(text.translate(QUOTE_MARKS)):
        return "curly quotes"
    if (spread if spread is not None else _spread(text, words, starts)) is not None:
        return "a missing ellipsis"
    if passage is not None and _variants(wanted.split(), folded(passage).split()):
        return "another edition"
    return None


def _variants(quoted: list[str], passage: list[str]) -> bool:
    """Whether ``passage`` has the words of ``quoted`` but for a few spelling variants."""
    changes = [op for op in _opcodes(quoted, passage) if op[0] != "equal"]
    if not changes or len(changes) > max(1, len(quoted) // 3):
        return False
    return all(tag == "replace" and i2 - i1 == j2 - j1
               and all(_spelling(quoted[i], passage[j]) for i, j in zip(range(i1, i2), range(j1, j2)))
               for tag, i1, i2, j1, j2 in changes)


def _spelling(mine: str, theirs: str) -> bool:
    """Whether two words are spellings of one word: their letters differ, but they are at least 60% alike."""
    from rapidfuzz.fuzz import ratio

    mine, theirs = "".join(filter(str.isalnum, mine)), "".join(filter(str.isalnum, theirs))
    return mine != theirs and ratio(mine, theirs) >= 60


def _opcodes(quoted: list[str], passage: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """The word alignment of ``quoted`` against ``passage``, without the passage's words before and after the
    quote's (the nearest passage is widened to whole words)."""
    ops = SequenceMatcher(None, quoted[:_MAX_WORDS], passage[:_MAX_WORDS], autojunk=False).get_opcodes()
    if ops and ops[0][0] == "insert":
        ops = ops[1:]
    if ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    return ops


def _first_difference(words: str, passage: str) -> tuple[int, int, int] | None:
    """The quote's first word that differs from the passage (its index among ``words``' words), the offset in
    ``words`` of its first differing character, and the index of the passage word there; None if none differs."""
    spans = [(m.start(), m.group().translate(FOLD)) for m in _WORD.finditer(words)]
    quoted = [word for _, word in spans]
    other = folded(passage).split()
    for tag, i1, _, j1, _ in _opcodes(quoted, other):
        if tag == "equal" or i1 >= len(quoted):
            continue
        char = 0
        if tag == "replace":
            mine, theirs = quoted[i1], other[j1]
            char = next((k for k, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
        return i1, spans[i1][0] + char, j1
    return None


def _cut(passage: str, at: int) -> str:
    """A few words of ``passage`` either side of word ``at``, escaped for a one-line message."""
    words = passage.split()
    first, last = max(0, at - 5), min(len(words), at + 6)
    cut = " ".join(words[first:last])
    return shown(("… " if first else "") + cut + (" …" if last < len(words) else ""), 100)
