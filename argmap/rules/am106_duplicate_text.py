"""A statement whose text repeats an earlier statement's.

What it finds
    A statement whose text equals an earlier statement's once both are lower-cased,
    every character that is not a letter, digit or whitespace is removed and runs of
    whitespace are made one space. One warning at each later copy, naming the first.

Why it matters
    The same statement under two ids splits its support and attacks between them, so
    neither copy shows the whole picture.

Example
    ```yaml
    claims:
      a: {text: "Xi gained the most."}
      b: {text: "Xi gained the most!"}
    ```

How to fix
    Keep one statement and point the other's relations at it.
"""

import re
import string
from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM106"
NAME = "duplicate-text"
SEVERITY = "warning"

_NOT_WORD = re.compile(r"[^\w\s]|_")
_WORDS = re.compile(r"\S+")
_ASCII_PUNCTUATION = str.maketrans("", "", string.punctuation)  # every ASCII character not a letter, digit or space


def normalized(text: str) -> str:
    """The form two texts are compared in.

    Examples
    --------
    >>> normalized("  Xi gained — the MOST! ")
    'xi gained the most'
    >>> normalized("don't re-use it")
    'dont reuse it'
    """
    if text.isascii():  # the common case, without regular expressions
        return " ".join(text.lower().translate(_ASCII_PUNCTUATION).split())
    return " ".join(_WORDS.findall(_NOT_WORD.sub("", text.lower())))


def check(ctx: MapContext) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for stmt in ctx.model.statements.values():
        key = normalized(stmt.text)
        if not key:
            continue
        if key in first:
            original = ctx.statement(first[key])
            yield Finding(stmt.pos, f"The text of `{stmt.id}` repeats `{original.id}` (line {original.pos.line})",
                          stmt.id)
        else:
            first[key] = stmt.id
