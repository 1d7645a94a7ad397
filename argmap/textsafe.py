"""Making text from a map safe to show inside a one-line message.

A map is untrusted input: its keys and values may hold control characters, terminal
escape sequences or very long strings. Anything quoted from a map into a problem
message goes through :func:`shown` first.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters other than tab and newline (C0, DEL, C1) and lone surrogates."""

_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, limit: int = 60) -> str:
    """Return ``text`` escaped to one printable line and shortened to ``limit`` characters.

    Examples
    --------
    >>> shown("tab\\there")
    'tab\\\\x09here'
    >>> shown("\\x1b[31mred")
    '\\\\x1b[31mred'
    >>> shown("x" * 10, limit=5)
    'xxxx…'
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNSAFE_IN_LINE.sub(_escape, text)


def first_control(text: str) -> str | None:
    """Return the first control character or lone surrogate in ``text``, or None.

    Examples
    --------
    >>> first_control("fine\\ttext\\n") is None
    True
    >>> first_control("bell\\x07")
    '\\x07'
    """
    match = CONTROL.search(text)
    return match.group() if match else None
