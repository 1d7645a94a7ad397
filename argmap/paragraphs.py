"""Where a quote is in its source text: the paragraph number every view and message uses.

A paragraph is a block of lines separated by blank lines (lines holding only
whitespace count as blank); a text without any blank line has one paragraph per
line. Paragraphs are numbered from 1 in the order they appear. ``docs/format.md``
states the same count.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_starts(text: str) -> list[int]:
    """The offset where each paragraph of ``text`` starts, in order.

    Examples
    --------
    >>> paragraph_starts("One.\\nStill one.\\n\\nTwo.\\n\\n\\nThree.")
    [0, 17, 24]
    >>> paragraph_starts("Line one\\nLine two\\n")  # no blank line: one paragraph per line
    [0, 9]
    """
    if _BLANK_LINES.search(text) is None:
        starts, offset = [], 0
        for line in text.splitlines(keepends=True):
            if line.strip():
                starts.append(offset)
            offset += len(line)
        return starts or [0]
    return [0] + [match.end() for match in _BLANK_LINES.finditer(text) if match.end() < len(text)]


def paragraph_of(text: str, quote: str, starts: list[int] | None = None) -> int | None:
    """The number (from 1) of the paragraph where ``quote`` first occurs verbatim in ``text``, or None.

    Examples
    --------
    >>> paragraph_of("Intro.\\n\\nThe parade was a show.\\n", "a show")
    2
    >>> paragraph_of("Intro.", "missing") is None
    True
    """
    offset = text.find(quote) if quote else -1
    if offset < 0:
        return None
    starts = starts if starts is not None else paragraph_starts(text)
    return max(1, bisect_right(starts, offset))
