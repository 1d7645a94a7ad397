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
from collections.abc import Iterator

from ..context import MapContext
from ..problems import Finding

CODE = "AM106"
NAME = "duplicate-text"
SEVERITY = "warning"

_NOT_WORD = re.compile(r"[^\w\s]|_")
_WORDS = re.compile(r"\S+")
# The ASCII path works on bytes, where translate is C: it deletes every character that is
# not a letter, digit or whitespace, and turns \x1c-\x1f (whitespace to str, not to bytes.split)
# into spaces.
_ASCII_SPACES = bytes.maketrans(bytes(range(0x1c, 0x20)), b"    ")
_ASCII_NOT_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c).isspace()))


def normalized(text: str) -> str:
    """The form two texts are compared in.

    Examples
    --------
    >>> normalized("  Xi gained — the MOST! ")
    'xi gained the most'
    >>> normalized("don't re-use it")
    'dont reuse it'
    """
    if text.isascii():  # the common case
        return b" ".join(text.encode().lower().translate(_ASCII_SPACES, _ASCII_NOT_WORD).split()).decode()
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
