"""A starter map for `argmap new`: a valid map whose comments teach the format.

:func:`starter_map` returns the text of the file; the command checks the paths and
writes it. The map holds a thesis, one reason for it, one piece of evidence for the
reason (with a source and a quote to replace), one objection and the author's
answer, so that `argmap check` passes it with warnings only. With a source text,
its paragraphs are listed at the end as comments (``# p3: first words … last
words``), numbered as :mod:`argmap.paragraphs` numbers them (the ¶N of the views),
to work through.

Everything from outside (the title, the thesis's text, the text file's name and
paragraphs) is written so that it cannot change the YAML around it: values as
double-quoted scalars (:func:`yaml_scalar`), paragraphs as comments with every line
break and control or bidi character taken out (:func:`comment_safe`).
"""

from __future__ import annotations

import json
import re

from .loader import MAX_TEXT_CHARS
from .paragraphs import paragraph_starts
from .textsafe import BIDI, first_control

DEFAULT_TITLE = "What this map is about (replace this title)"
DEFAULT_THESIS = "The claim the whole text argues for, in one sentence (replace this)."
ENDS = 5
"""Words shown from each end of a paragraph."""
WORD_LIMIT = 40
"""Characters shown of one word (a URL, a run of symbols)."""

_YAML_ESCAPE = re.compile(f"[\x7f-\x9f\u2028\u2029\ufeff{BIDI}]")
# What a comment may not hold: YAML's line breaks (PyYAML's reader also takes NEL and the
# Unicode line and paragraph separators for one), what YAML does not allow in a stream
# at all, and controls and bidi overrides, which would disguise the line on a screen.
_NOT_IN_COMMENT = re.compile(f"[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff{BIDI}]")


class StarterError(ValueError):
    """A title or thesis that no map could hold; the message says why."""


def yaml_scalar(text: str) -> str:
    r"""``text`` as a YAML double-quoted scalar on one line, which reads back as exactly ``text``.

    JSON's string syntax is YAML's double-quoted style; DEL, C1 controls, line and
    paragraph separators, the byte-order mark and bidi controls are escaped besides,
    so that the file reads the same in any editor.

    Examples
    --------
    >>> print(yaml_scalar('a: "b" # c\nd\u202e'))
    "a: \"b\" # c\nd\u202e"
    """
    return _YAML_ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment_safe(text: str) -> str:
    r"""``text`` on one line that a YAML comment can hold: whitespace runs as one space, and line breaks,
    control characters and bidi controls dropped.

    Examples
    --------
    >>> comment_safe("one\n# two:\u202e three\u2028four\x85")
    'one # two: three four'
    """
    return " ".join(_NOT_IN_COMMENT.sub("", " ".join(text.split())).split())


def paragraph_lines(text: str) -> list[str]:
    """One comment line per paragraph of ``text``: ``# pN: first words … last words``.

    Examples
    --------
    >>> paragraph_lines("One two.\\n\\nThree four five six seven eight nine ten eleven twelve thirteen.")
    ['# p1: One two.', '# p2: Three four five six seven … nine ten eleven twelve thirteen.']
    """
    starts = paragraph_starts(text)
    lines = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)]), 1):
        words = [word if len(word) <= WORD_LIMIT else word[:WORD_LIMIT - 1] + "…"
                 for word in comment_safe(text[start:end]).split(" ") if word]
        if len(words) > 2 * ENDS:
            words = [*words[:ENDS], "…", *words[-ENDS:]]
        lines.append(f"# p{number}: {' '.join(words)}".rstrip())
    return lines


def _checked(text: str, what: str) -> str:
    """``text`` if a map can hold it as a text field (non-empty, no control character, not too long)."""
    if not text.strip():
        raise StarterError(f"{what} is empty")
    control = first_control(text)
    if control is not None:
        raise StarterError(f"{what} holds the control character U+{ord(control):04X}, which a map cannot hold")
    if len(text) > MAX_TEXT_CHARS:
        raise StarterError(f"{what} is longer than {MAX_TEXT_CHARS:,} characters")
    return text


def starter_map(title: str | None = None, thesis: str | None = None, text_file: str | None = None,
                text: str | None = None) -> str:
    """The text of a new map: a valid skeleton with comments that explain each key.

    Parameters
    ----------
    title, thesis : str, optional
        The map's title and the thesis's text; placeholders without them.
    text_file : str, optional
        ``source.text_file``: the source text's path relative to the map's folder.
    text : str, optional
        The source text's content, whose paragraphs are listed as comments.

    Raises
    ------
    StarterError
        The title, the thesis or the text's path is empty, too long or holds a control character.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> loaded = load_bytes(starter_map("A: title #1", "A thesis").encode(), "new.yaml")
    >>> loaded.model.title, loaded.model.statements["thesis"].text, loaded.issues
    ('A: title #1', 'A thesis', [])
    """
    title = _checked(title, "--title") if title is not None else DEFAULT_TITLE
    thesis = _checked(thesis, "--thesis-text") if thesis is not None else DEFAULT_THESIS
    if text_file is None:
        source = SOURCE_WITHOUT_TEXT
    else:
        source = SOURCE_WITH_TEXT.format(text_file=yaml_scalar(_checked(text_file, "the text's path")))
    parts = [HEADER, TOP.format(title=yaml_scalar(title)), source, BODY.format(thesis=yaml_scalar(thesis))]
    if text is not None:
        parts.append(PARAGRAPHS + "\n".join(paragraph_lines(text)) + "\n")
    return "\n".join(parts)


HEADER = """\
# A new argument map. Replace the placeholders with the text's own argument, then:
#   argmap check MAP    lists what is wrong or missing, each with its line and column
#   argmap tree MAP     shows the map as an outline from the thesis down, each claim labelled
#   argmap quote --map MAP "some words"   finds the text's exact words, to paste after `quote:`
# docs/format.md describes every key; `argmap rules` lists what `check` looks for.
"""

TOP = """\
argmap: 1    # the format's version: always 1
title: {title}
thesis: thesis    # the id of the central claim, which must be under `claims`
"""

SOURCE_WITHOUT_TEXT = """\
# source:    # the text being mapped; every field is optional
#   title: "…"
#   author: "…"
#   text_file: essay.txt    # a text file in this folder: each `quote` is then checked against it
"""

SOURCE_WITH_TEXT = """\
source:    # the text being mapped
  text_file: {text_file}    # each evidence `quote` must occur in it (rule AM107)
"""

BODY = """\
# Claims are the author's own statements. An id (here `thesis`, `reason`) is letters,
# digits, - and _; a statement refers to another by its id.
claims:
  thesis:
    text: {thesis}
  reason:
    text: "A reason the text gives for the thesis (replace this)."
    supports: thesis    # this is a reason for `thesis`; a list [a, b] names several
  answer:
    text: "The author's reply to the objection (replace this)."
    attacks: objection    # a reason against `objection`: the author answers it

# Counterclaims are the other side's statements, which the text reports and answers.
counterclaims:
  objection:
    text: "An objection to the thesis that the text mentions (replace this)."
    by: "critics"    # who says it, when it is not the author
    attacks: thesis

# Evidence is what the claims rest on: facts, figures, quotations, each with its source.
evidence:
  fact:
    text: "A fact or figure that backs the reason, in your own words (replace this)."
    supports: reason
    source: "Where it comes from: the text's paragraph, a study, a report (replace this)."
    quote: "The exact words of the text (replace this, or delete the line)."

# Linked arguments: premises that support a conclusion only together. Uncomment to use.
# arguments:
#   together:
#     premises: [reason, fact]
#     conclusion: thesis
"""

PARAGRAPHS = """\
# The text's paragraphs, to work through (the views show a quote's paragraph as ¶N):
"""
