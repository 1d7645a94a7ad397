"""Finding a quote's exact words in its source text, for `argmap quote`.

AM107 asks whether a quote occurs in the text once whitespace, typographic quotes and
dashes are folded, and says only yes or no. :func:`find_quote` answers the question a
writer has before that: where, in the text's own words, is the passage meant? It
folds both sides further than AM107 does (case too) and maps each match back to the
verbatim span of the text, which AM107 then accepts and the views find verbatim.
When nothing matches, :func:`nearest_passage` gives the most similar passage, scored
by rapidfuzz's partial ratio (the best alignment of the words within the text).

Words with gaps (``…``, ``[…]``, ``[words]``, as AM107 reads them) are found by
:func:`find_gapped` with :mod:`argmap.quotegaps`'s own search, case folded too: the
pieces in order within one paragraph, each run of them (pieces an insertion joins)
mapped back to the text's own words. When they are not there, :func:`missing_piece`
says which run is not found after those before it.

Offsets are character offsets into the text as read (a leading BOM dropped), and
paragraphs are numbered as :mod:`argmap.paragraphs` numbers them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .paragraphs import paragraph_starts
from .quotegaps import (
    FOLD,  # the same folding as AM107, so the two never drift
    Paragraphs,
    Piece,
    TooManyTries,
    find_pieces,
    folded_paragraphs,
    quote_pieces,
)

# "İ".lower() is two characters; folded to "i", lowering keeps every offset.
_CASE_SAFE = str.maketrans({"\u0130": "i"})
_SPACES = re.compile(r"\s+")


class QuoteError(ValueError):
    """The words or the text cannot be searched: empty, or the words longer than the text."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of the text: its verbatim words, its paragraph (from 1) and its offsets (``end`` exclusive)."""

    text: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Nearest:
    """The passage most similar to words that occur nowhere, and its similarity (0 to 100)."""

    passage: Passage
    similarity: float


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for comparison, and the way back to the original offsets.

    The folded text is cut into pieces, each either a run of whitespace (folded to one
    space) or the text between two runs (folded character for character). ``starts[k]``
    is where piece ``k`` starts in the folded text and ``origins[k]`` where it starts
    in the original.
    """

    text: str
    starts: list[int]
    origins: list[int]

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at ``offset`` in the folded one."""
        piece = bisect_right(self.starts, offset) - 1
        return self.origins[piece] + (offset - self.starts[piece])


def fold(text: str) -> Folded:
    """``text`` with case, typographic quotes, dashes and whitespace runs folded, and its offsets.

    Examples
    --------
    >>> folded = fold("It\u2019s  A\\n– test")
    >>> folded.text
    "it's a - test"
    >>> folded.original(folded.text.index("test"))
    10
    """
    lowered = text.translate(FOLD).translate(_CASE_SAFE).lower()
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    size = done = 0
    for run in _SPACES.finditer(lowered):
        if run.start() > done:
            starts.append(size)
            origins.append(done)
            parts.append(lowered[done:run.start()])
            size += run.start() - done
        starts.append(size)
        origins.append(run.start())
        parts.append(" ")
        size += 1
        done = run.end()
    if done < len(lowered) or not starts:
        starts.append(size)
        origins.append(done)
        parts.append(lowered[done:])
    return Folded("".join(parts), starts, origins)


def fold_words(words: str) -> str:
    """The words as :func:`fold` folds a text, without whitespace at either end.

    Examples
    --------
    >>> fold_words("  The “Parade”\\n—  ")
    'the "parade" -'
    """
    return " ".join(fold(words).text.split())


def _checked(text: str, words: str) -> str:
    """The folded words, once both sides can be searched; :class:`QuoteError` otherwise."""
    wanted = fold_words(words)
    if not wanted:
        raise QuoteError("the words to find are empty")
    if not text.strip():
        raise QuoteError("the text is empty")
    if len(wanted) > len(" ".join(text.split())):
        raise QuoteError("the words are longer than the text")
    return wanted


def _passage(text: str, start: int, end: int, starts: list[int]) -> Passage:
    return Passage(text[start:end], max(1, bisect_right(starts, start)), start, end)


def find_quote(text: str, words: str) -> list[Passage]:
    """Every place where ``words`` occur in ``text``, in text order, as the text has them.

    Case, runs of whitespace (line breaks included), typographic versus straight quotes
    and the kinds of dash are ignored; matches do not overlap.

    Parameters
    ----------
    text : str
        The source text.
    words : str
        The words to look for.

    Returns
    -------
    list of Passage
        The verbatim spans, each with its paragraph; empty when the words occur nowhere.

    Raises
    ------
    QuoteError
        When the words or the text are empty, or the words are longer than the text.

    Examples
    --------
    >>> text = "Intro.\\n\\nThe \u201cmilitary\u201d parade\\nwas \u2014 a show."
    >>> [(p.text, p.paragraph) for p in find_quote(text, '"Military" parade was - a')]
    [('\u201cmilitary\u201d parade\\nwas \u2014 a', 2)]
    """
    wanted = _checked(text, words)
    folded = fold(text)
    starts = paragraph_starts(text)
    found: list[Passage] = []
    at = folded.text.find(wanted)
    while at >= 0:
        # The words end in a character that is not whitespace, so it maps back one for one.
        end = folded.original(at + len(wanted) - 1) + 1
        found.append(_passage(text, folded.original(at), end, starts))
        at = folded.text.find(wanted, at + len(wanted))
    return found


def nearest_passage(text: str, words: str) -> Nearest | None:
    """The passage of ``text`` most similar to ``words``, widened to whole words; None if nothing is alike.

    The similarity is rapidfuzz's ``partial_ratio`` of the folded words against the
    folded text: the best score of the words against any stretch of the text as long
    as they are, from 0 to 100.

    Raises
    ------
    QuoteError
        As :func:`find_quote`.

    Examples
    --------
    >>> found = nearest_passage("Intro.\\n\\nThe parade was a show of force.", "the parades were a show")
    >>> found.passage.text, found.passage.paragraph, round(found.similarity)
    ('The parade was a show of', 2, 83)
    """
    from rapidfuzz.fuzz import partial_ratio_alignment

    wanted = _checked(text, words)
    folded = fold(text)
    aligned = partial_ratio_alignment(wanted, folded.text)
    if aligned is None or aligned.score <= 0 or aligned.dest_end <= aligned.dest_start:
        return None
    start = folded.original(aligned.dest_start)
    end = folded.original(aligned.dest_end - 1) + 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Nearest(_passage(text, start, end, paragraph_starts(text)), aligned.score)


@dataclass(frozen=True, slots=True)
class GappedMatch:
    """Words with gaps found in a text: the text's own words for each run of them between gaps, in order, all in
    one paragraph."""

    pieces: list[Passage]

    @property
    def text(self) -> str:
        """The runs joined by gaps: a quote AM107 accepts."""
        return " … ".join(piece.text for piece in self.pieces)

    @property
    def paragraph(self) -> int:
        return self.pieces[0].paragraph


@dataclass(frozen=True, slots=True)
class MissingPiece:
    """The first run of a quote with gaps not found after the runs before it: as written in the words, its place
    among the runs (from 1), how many there are, and the passage nearest to it (None if nothing is alike)."""

    written: str
    number: int
    count: int
    nearest: Nearest | None


def _runs(words: str) -> list[list[Piece]]:
    """The pieces of ``words`` in runs (pieces an insertion joins), case folded; :class:`QuoteError` for none."""
    runs: list[list[Piece]] = []
    for piece in quote_pieces(words.translate(_CASE_SAFE)):
        lowered = Piece(piece.words.lower(), piece.start, piece.end, piece.joined and bool(runs))
        if lowered.joined:
            runs[-1].append(lowered)
        else:
            runs.append([lowered])
    if not runs:
        raise QuoteError("the words to find are empty")
    return runs


def _paragraphs(text: str) -> Paragraphs:
    if not text.strip():
        raise QuoteError("the text is empty")
    # Lowering "İ" gives two characters: folded to "i" first, every paragraph keeps its offsets.
    return folded_paragraphs(text.translate(_CASE_SAFE), paragraph_starts(text), lower=True)


def _found(pieces: list[Piece], paragraphs: Paragraphs) -> tuple[int, int, int] | None:
    try:
        return find_pieces(pieces, paragraphs)
    except TooManyTries:
        message = "the words have too many places to try in the text; give more words between the gaps"
        raise QuoteError(message) from None


def find_gapped(text: str, words: str) -> GappedMatch | None:
    """Where words with gaps occur in ``text``: the first paragraph holding their pieces in order, as AM107 finds
    them (case folded too); None when none does.

    Each run of pieces (those an insertion joins, as ``was [then] a show``) becomes one span of the text, with the
    text's own words where the insertion stood, so that the runs joined by gaps are a quote AM107 accepts.

    Raises
    ------
    QuoteError
        When the words hold nothing but gaps, the text is empty, or the pieces have too many places to try.

    Examples
    --------
    >>> found = find_gapped("Intro.\\n\\nThe parade was, they say, a show of force.", "[T]he PARADE … they [said] a show")
    >>> found.text, found.paragraph, [(p.start, p.end) for p in found.pieces]
    ('he parade … they say, a show', 2, [(9, 18), (24, 40)])
    """
    runs = _runs(words)
    paragraphs = _paragraphs(text)
    found = _found([piece for run in runs for piece in run], paragraphs)
    if found is None:
        return None
    number, first, _ = found
    index = bisect_right(paragraphs.starts, first) - 1
    end = paragraphs.text.find("\n", first)
    folded = paragraphs.text[paragraphs.starts[index]:len(paragraphs.text) if end < 0 else end]
    # Each run again, alone, from where the one before it ended: find_pieces places runs leftmost, one after
    # another, so this finds each run where the whole search did.
    starts = paragraph_starts(text)
    origin = starts[number - 1]
    original = fold(text[origin:starts[number] if number < len(starts) else len(text)])
    lead = original.text.startswith(" ")  # folded_paragraphs drops the paragraph's leading whitespace
    spans: list[Passage] = []
    done = 0
    for run in runs:
        alone = Paragraphs(folded[done:], [0], [number])
        place = _found(run, alone)
        assert place is not None  # the whole search found it here
        start, end = done + place[1], done + place[2]
        # Every run starts and ends with a character that is not whitespace, so each maps back one for one.
        spans.append(_passage(text, origin + original.original(start + lead),
                              origin + original.original(end - 1 + lead) + 1, starts))
        done = end
    return GappedMatch(spans)


def missing_piece(text: str, words: str) -> MissingPiece:
    """Why words with gaps are not in ``text``: the first run of them that no paragraph holds after the runs before
    it (the first run itself when it occurs nowhere), and the passage nearest to that run.

    Examples
    --------
    >>> found = missing_piece("Intro.\\n\\nThe parade was, they say, a show of force.", "the parade … a shower")
    >>> found.written, found.number, found.count, found.nearest.passage.text
    ('a shower', 2, 2, 'say, a show of')
    """
    runs = _runs(words)
    paragraphs = _paragraphs(text)
    for number in range(1, len(runs) + 1):
        if _found([piece for run in runs[:number] for piece in run], paragraphs) is None:
            break
    run = runs[number - 1]
    return MissingPiece(words[run[0].start:run[-1].end], number, len(runs),
                        nearest_passage(text, " ".join(piece.words for piece in run)))
