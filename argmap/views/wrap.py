"""Word wrapping that only ever turns a space into a line break.

Both the terminal tree and the diagrams wrap statement text. :func:`wrap_spans`
breaks a line at a single space (which the break replaces) or at an explicit
newline, and splits a word only when it is longer than the width on its own. Every
other character stays where it was, so joining the lines back with the separators
they replaced gives the original text: the diagrams' tests rely on that.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable


def char_width(char: str) -> int:
    """Columns a character takes: 2 for East Asian wide and fullwidth, 0 for combining marks.

    Examples
    --------
    >>> char_width("a"), char_width("中"), char_width("\\u0301")
    (1, 2, 0)
    """
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str, width_of: Callable[[str], int] = char_width) -> int:
    """Columns ``text`` takes."""
    return sum(width_of(char) for char in text)


def wrap_spans(
    text: str,
    width: int,
    first_width: int | None = None,
    width_of: Callable[[str], int] = char_width,
) -> list[tuple[int, int]]:
    """Where to cut ``text`` into lines at most ``width`` columns wide: ``(start, end)`` spans.

    A break replaces one space, or falls at a newline of the text; a word wider than
    the line is cut into pieces. ``first_width`` is the width of the first line when
    it differs from the others.

    Examples
    --------
    >>> text = "one two three\\nfour"
    >>> [text[a:b] for a, b in wrap_spans(text, 8)]
    ['one two', 'three', 'four']
    >>> [s for s in map(lambda span: "abcdefgh"[span[0]:span[1]], wrap_spans("abcdefgh", 3))]
    ['abc', 'def', 'gh']
    """
    width = max(1, width)
    limit = max(1, first_width if first_width is not None else width)
    spans: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        line_start = start
        line_width = 0
        pos = start
        while pos < end:
            space = text.find(" ", pos, end)
            word_end = end if space < 0 else space
            word_width = text_width(text[pos:word_end], width_of)
            gap = 1 if pos > line_start else 0  # the space before this word
            if pos > line_start and line_width + gap + word_width > limit:
                spans.append((line_start, pos - 1))  # the space before `pos` becomes the break
                limit = width
                line_start, line_width, gap = pos, 0, 0
            if word_width > limit:  # wider than a line (so it starts one): cut it into pieces
                line_width = 0
                for index in range(pos, word_end):
                    w = width_of(text[index])
                    if line_width + w > limit and index > line_start:
                        spans.append((line_start, index))
                        limit = width
                        line_start, line_width = index, 0
                    line_width += w
            else:
                line_width += gap + word_width
            pos = word_end + 1
        spans.append((line_start, end))
        limit = width
        start = end + 1
    return spans


def wrap(text: str, width: int, first_width: int | None = None) -> list[str]:
    """``text`` cut into lines by :func:`wrap_spans`.

    Examples
    --------
    >>> wrap("Statements are wrapped at spaces", 12)
    ['Statements', 'are wrapped', 'at spaces']
    """
    return [text[a:b] for a, b in wrap_spans(text, width, first_width)]
