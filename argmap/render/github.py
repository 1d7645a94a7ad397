"""Problems as GitHub Actions workflow commands, which annotate a pull request's lines.

One command a problem, ``::error file=P,line=L,col=C,title=argmap AM004::message``
(``::warning`` for a warning), then the summary line as plain log text. The runner
reads ``%``, CR and LF as escapes in a message, and ``:`` and ``,`` too in a
property, so those are percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..checker import CheckResult
from ..textsafe import LEGACY_COMMAND, visible
from . import ReportOptions
from .text import summary
from .uri import relative_path

_LEVEL = {"error": "error", "warning": "warning"}


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Control characters: CR and LF end a command; the others must not reach a log raw either."""


def escape_data(text: str) -> str:
    """Escape a command's message.

    Examples
    --------
    >>> escape_data("100% sure\\nreally")
    '100%25 sure%0Areally'
    """
    escaped = _CONTROL.sub(lambda m: f"%{ord(m.group()):02X}", text.replace("%", "%25"))
    return visible(escaped).replace(LEGACY_COMMAND, "#\u200b#[")  # bidi controls shown; no legacy command


def escape_property(text: str) -> str:
    """Escape a command's property value.

    Examples
    --------
    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    lines = []
    for p in problems:
        properties = ",".join(f"{key}={escape_property(value)}" for key, value in (
            ("file", relative_path(p.path, options.root)), ("line", str(p.line)), ("col", str(p.column)),
            ("title", f"argmap {p.code}")))
        lines.append(f"::{_LEVEL.get(p.severity, 'notice')} {properties}::{escape_data(p.message)}")
    lines.append(summary(results))
    return "\n".join(lines) + "\n"
