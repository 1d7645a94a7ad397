"""Making text from a map safe to show inside a one-line message.

A map is untrusted input: its keys and values may hold control characters, terminal
escape sequences or very long strings. Anything quoted from a map into a problem
message goes through :func:`shown` first.
"""

from __future__ import annotations

import json
import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters other than tab and newline (C0, DEL, C1) and lone surrogates."""

BIDI = "\u202a-\u202e\u2066-\u2069"
"""The bidirectional embeddings, overrides and isolates: a terminal or a browser reorders text around them."""

_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{BIDI}]")
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{BIDI}]")

LEGACY_COMMAND = "##["
"""What GitHub's runner takes for a legacy workflow command anywhere in a line (``##[error]…``)."""


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


def visible(text: str) -> str:
    r"""``text`` with control characters, lone surrogates and bidi controls written as ``\xNN``/``\uNNNN``;
    tabs and newlines kept (for formats that lay text out over lines themselves).

    Examples
    --------
    >>> print(visible("left\u202eright\nnext"))
    left\u202eright
    next
    """
    return _UNSAFE_IN_TEXT.sub(_escape, text)


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


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}]")


def json_text(data, indent: int | None = 2) -> str:
    r"""``data`` as JSON (UTF-8 kept readable) with DEL, C1 controls, line separators and bidi controls escaped.

    ``json.dumps`` escapes C0 controls but writes DEL and C1 (such as U+009B, a
    terminal's CSI) raw; escaped, the JSON value is the same and no viewer acts on it.
    ``##[`` (a legacy GitHub workflow command, which the runner finds anywhere in a
    line of its log) is written ``##[``: the same value, and no command.

    Examples
    --------
    >>> json_text({"m": "a\x9bb"}, indent=None)
    '{"m": "a\\u009bb"}'
    >>> import json; json.loads(json_text({"m": "a\x9bb"}))["m"] == "a\x9bb"
    True
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace(LEGACY_COMMAND, "#\\u0023[")  # outside strings JSON has no `#`


def defuse_line(line: str) -> str:
    """A line of output that a CI runner cannot take for a workflow command.

    GitHub's runner treats a log line starting with ``::`` (after leading white
    space) as a command, such as ``::error`` or ``::add-mask``, and ``##[`` anywhere
    in a line as a legacy one (``##[error]``). A zero-width space before the colons,
    or between the two ``#``, keeps the line as it looks and makes it plain text.

    Examples
    --------
    >>> defuse_line("  ::error::x") == "  \u200b::error::x"
    True
    >>> defuse_line("a::b")
    'a::b'
    >>> defuse_line("Title ##[add-mask]x") == "Title #\u200b#[add-mask]x"
    True
    """
    if LEGACY_COMMAND in line:
        line = line.replace(LEGACY_COMMAND, "#\u200b#[")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\u200b" + stripped
    return line


def defuse_lines(text: str) -> str:
    """:func:`defuse_line` on every line of ``text``."""
    if "::" not in text and LEGACY_COMMAND not in text:
        return text
    return "\n".join(defuse_line(line) for line in text.split("\n"))
