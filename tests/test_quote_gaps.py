"""Quotes with gaps (`…`, `...`, `[the]`) and an AM107 that says what went wrong (issue 15, item 3)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checker import check_file
from argmap.cli import app
from argmap.quotegaps import find_pieces, folded_paragraphs, quote_pieces

ESSAY = ("A title line.\n\n"
         "The parade was, they say, a show of force and colour.\n\n"
         "It was over by noon, and the crowd went home.\n")

HEAD = """argmap: 1
title: T
thesis: t
source: {text_file: essay.txt}
claims:
  t: {text: T}
evidence:
"""


def write(tmp_path: Path, quotes: dict[str, str], text: str = ESSAY) -> Path:
    (tmp_path / "essay.txt").write_text(text, encoding="utf-8")
    lines = [f"  {name}: {{text: E, source: S, supports: t, quote: {json.dumps(quote, ensure_ascii=False)}}}"
             for name, quote in quotes.items()]
    path = tmp_path / "map.yaml"
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def am107(tmp_path: Path, quotes: dict[str, str], text: str = ESSAY) -> dict[str, str]:
    """The AM107 messages of a map of ``quotes``, by statement id."""
    result = check_file(write(tmp_path, quotes, text))
    found = {p.subject: p.message for p in result.problems if p.code == "AM107"}
    assert all(p.code == "AM107" for p in result.problems), [str(p) for p in result.problems]
    return found


@pytest.mark.parametrize("quote", [
    "The parade … a show",  # U+2026
    "The parade ... a show",  # three dots
    "The parade...a show of force",  # no spaces around the dots
    "The parade [...] a show",  # an ellipsis in brackets is a gap too
    "It [the parade] was over",  # an insertion: nothing in the text there
    "[T]he crowd went home",  # a changed case
    "was over by noon, and the [people] went home",  # a replaced word
    "… a show of force",  # leading
    "a show of force …",  # trailing
    "… over by noon …",
])
def test_a_quote_with_gaps_is_found(tmp_path, quote):
    assert am107(tmp_path, {"e": quote}) == {}


@pytest.mark.parametrize("quote, why", [
    ("a show … The parade", "not in this order"),  # pieces out of order
    ("a show … over by noon", "not in this order"),  # pieces in two paragraphs
    ("It [so] was by noon", "nearest"),  # an insertion stands for one word at most: "over" is left out here
    ("The parade [it] a show", "at most one word"),  # ... and "was, they say," is three words
    ("… … …", "no words"),
])
def test_a_quote_with_gaps_that_is_not_there(tmp_path, quote, why):
    found = am107(tmp_path, {"e": quote})
    assert why in found.get("e", ""), found


def test_gap_matching_agrees_with_a_simple_oracle():
    text = "a b a.\n\nb a b\n\nc"
    paragraphs = folded_paragraphs(text, [0, 8, 15])
    for quote, want in [("a … b", 1), ("b … a", 1), ("a … a", 1), ("b … b", 2), ("a … c", None), ("c", 3),
                        ("b a … b", 2), ("a [x] b", 1), ("a [x] a", 1), ("a. [x] b", None)]:
        found = find_pieces(quote_pieces(quote), paragraphs)
        assert (found[0] if found else None) == want, quote


def test_tree_details_show_the_paragraph_of_a_quote_with_gaps(tmp_path):
    path = write(tmp_path, {"e": "It was over … the crowd"})
    result = CliRunner().invoke(app, ["tree", "--details", str(path)])
    assert result.exit_code == 0, result.output
    assert "“It was over … the crowd” (¶3)" in result.output, result.output


@pytest.mark.parametrize("quote, cause", [
    ("the parade was, they say", "case"),  # a lower-case first letter
    ("The parade was a show of force", "a missing ellipsis"),
    ("a show of force and color", "another edition"),  # American spelling of the British text
    ("It was over by noon, and the crowd went home‼", None),  # punctuation is not an edition's spelling
])
def test_the_likely_cause_is_named(tmp_path, quote, cause):
    message = am107(tmp_path, {"e": quote})["e"]
    assert "\n" not in message and len(message) < 400, message
    assert message.startswith("The quote of `e` is not in `essay.txt`: nearest is \""), message
    if cause is None:
        assert "likely cause" not in message, message
    else:
        assert message.endswith(f"; likely cause: {cause}"), message


def test_curly_quotes_beyond_the_folding_are_a_cause(tmp_path):
    text = "He said \"no\" twice.\n"
    message = am107(tmp_path, {"e": "He said \u2018no\u2019 twice"}, text)["e"]
    assert message.endswith("; likely cause: curly quotes"), message


def test_the_message_names_the_nearest_passage_and_the_first_difference(tmp_path):
    message = am107(tmp_path, {"e": "The parade was a show of force"})["e"]
    assert '"The parade was, they say, a show of' in message, message
    assert "(¶2, " in message and "% alike)" in message, message
    assert 'which differs at "was" (word 3)' in message, message


def test_show_source_puts_the_caret_under_the_first_differing_character(tmp_path):
    path = write(tmp_path, {"e": "The parade was, they say, a show of force and color"})
    result = CliRunner().invoke(app, ["check", "--select", "AM107", "--show-source", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "AM107" in line)
    quoted, caret = lines[at + 1], lines[at + 2]
    # The source line as written, and the caret in the same gutter, under "color"'s "r" (the text has "colour").
    written = (tmp_path / "map.yaml").read_text().splitlines()[7]
    assert quoted.endswith(written), result.output
    column = written.index("color") + len("colo")
    assert caret.index("^") - (len(quoted) - len(written)) == column, result.output
    assert lines[at].split(":")[2] == str(column + 1), result.output


def test_a_quote_on_several_lines_keeps_its_start(tmp_path):
    (tmp_path / "essay.txt").write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(HEAD + "  e:\n    text: E\n    source: S\n    supports: t\n    quote: >-\n"
                    "      the parade\n      was\n", encoding="utf-8")
    problems = [p for p in check_file(path).problems if p.code == "AM107"]
    assert [(p.line, p.column) for p in problems] == [(12, 12)], [str(p) for p in problems]


@pytest.mark.parametrize("quote", [
    "]", "[", "] [", "[[]]", "a [ b", "…" * 3000, "… " * 3000, "[x]" * 3000, "." * 9000,
    "a [x] " * 1600 + "b",
    "the \u202eparade\u202c … \u2066was\u2069",
    "x" * 10000,
])
def test_hostile_quotes_give_one_line_and_no_traceback(tmp_path, quote):
    start = time.process_time()
    found = am107(tmp_path, {"e": quote}, ESSAY * 40)
    assert time.process_time() - start < 10
    for message in found.values():
        assert "\n" not in message and len(message) <= 2000, message
        assert "\u202e" not in message and "\u2066" not in message, message


def test_bracketed_pieces_against_one_long_word_stay_bounded(tmp_path):
    # Every `a` could start the quote, and each is tried once: the search is bounded, not quadratic.
    start = time.process_time()
    found = am107(tmp_path, {"e": "a [x] " * 50 + "b"}, "a" * 1_000_000 + " b\n")
    assert time.process_time() - start < 20
    assert "e" in found
