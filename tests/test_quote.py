"""`argmap quote`: the exact words of a text for a quote, found whatever their case, spacing, quotes and dashes."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from argmap.checker import check_file
from argmap.cli import app
from argmap.quotefind import QuoteError, find_quote, nearest_passage
from conftest import assert_no_traceback, write_map

ESSAY = (
    "A Parade In Beijing\n"
    "\n"
    "The image of three leaders on the rostrum was a \u201cpolitical declaration\u201d, not a\n"
    "photo-op \u2014 and Washington\u2019s answer will shape the decade.\n"
    "\n"
    "Some call it \u2018loose cooperation\u2019. Loose cooperation, they say, is all it is.\n"
    "\n"
    "The bloc\u2013to\u2013bloc confrontation has begun.\n"
)


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    path = tmp_path / "essay.txt"
    path.write_text(ESSAY, encoding="utf-8")
    return path


def run_quote(runner, *args):
    result = runner.invoke(app, ["quote", *map(str, args)])
    assert_no_traceback(result)
    return result


def pasted(line: str) -> tuple[int, str]:
    """The paragraph and the YAML scalar of a printed ``¶N: "…"`` line."""
    place, _, scalar = line.partition(": ")
    assert place.startswith("¶") and scalar.startswith('"') and scalar.endswith('"'), line
    return int(place[1:]), scalar


# ---- the core ----------------------------------------------------------------

@pytest.mark.parametrize("words, verbatim", [
    ("the IMAGE of three", "The image of three"),  # case
    ("not a photo-op", "not a\nphoto-op"),  # a line break in the text
    ("rostrum   was  a", "rostrum was a"),  # runs of spaces in the words
    ('a "political declaration"', "a \u201cpolitical declaration\u201d"),  # straight for curly double quotes
    ("washington's answer", "Washington\u2019s answer"),  # straight for a curly apostrophe
    ("photo-op - and", "photo-op \u2014 and"),  # a hyphen for an em dash
    ("bloc\u2014to\u2014bloc", "bloc\u2013to\u2013bloc"),  # an em dash for an en dash
    ("\u201cloose cooperation\u201d", "\u2018loose cooperation\u2019"),  # no: double quotes are not single ones
])
def test_the_verbatim_span_is_returned(words, verbatim):
    found = find_quote(ESSAY, words)
    if verbatim == "\u2018loose cooperation\u2019":
        assert found == []
        return
    assert [p.text for p in found] == [verbatim]
    assert ESSAY[found[0].start:found[0].end] == verbatim


def test_several_matches_in_text_order():
    found = find_quote(ESSAY, "LOOSE cooperation")
    assert [(p.text, p.paragraph) for p in found] == [("loose cooperation", 3), ("Loose cooperation", 3)]
    assert found[0].start < found[1].start
    # Words are matched as characters, not whole words: "the" in "they" too.
    assert [(p.paragraph, p.text) for p in find_quote(ESSAY, "the")] == [
        (2, "The"), (2, "the"), (2, "the"), (3, "the"), (4, "The")]


def test_paragraphs_agree_with_the_views():
    from argmap.paragraphs import paragraph_of

    for words in ("a parade in", "washington's answer", "bloc-to-bloc", "they say"):
        (passage,) = find_quote(ESSAY, words)
        assert passage.paragraph == paragraph_of(ESSAY, passage.text), words


def test_the_nearest_passage_when_nothing_matches():
    assert find_quote(ESSAY, "Washington's reply will shape the decade") == []
    nearest = nearest_passage(ESSAY, "Washington's reply will shape the decade")
    assert nearest is not None
    assert "shape the decade" in nearest.passage.text and nearest.passage.paragraph == 2
    assert 60 < nearest.similarity < 100
    assert ESSAY[nearest.passage.start:nearest.passage.end] == nearest.passage.text


@pytest.mark.parametrize("text, words, message", [
    ("Some text.", "  \n ", "the words to find are empty"),
    (" \n\n ", "words", "the text is empty"),
    ("Short.", "a good deal longer than the text", "the words are longer than the text"),
])
def test_what_cannot_be_searched(text, words, message):
    for search in (find_quote, nearest_passage):
        with pytest.raises(QuoteError, match=message):
            search(text, words)


def test_a_query_on_an_essay_of_3000_words_finds_its_paragraph():
    """The time it takes is measured in `make bench`, not asserted here."""
    rng = random.Random(15)
    vocabulary = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 9))) for _ in range(800)]
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(110)) for _ in range(30)]
    text = "\n\n".join(paragraphs)
    assert len(text.split()) >= 3000
    exact = " ".join(paragraphs[17].split()[40:52]).upper()
    assert 18 in [p.paragraph for p in find_quote(text, exact)]
    nearest = nearest_passage(text, exact.lower().replace("e", "a") + " and more")
    assert nearest is not None and nearest.passage.paragraph == 18


# ---- the command -------------------------------------------------------------

def test_the_printed_quote_passes_am107_and_has_the_views_paragraph(runner, tmp_path, essay):
    words = 'A  "POLITICAL declaration", not a photo-op - and washington\'s answer'
    result = run_quote(runner, essay, words)
    assert result.exit_code == 0, shown(result)
    (line,) = result.stdout.splitlines()
    paragraph, scalar = pasted(line)
    assert paragraph == 2
    assert scalar == '"a \u201cpolitical declaration\u201d, not a\\nphoto-op \u2014 and Washington\u2019s answer"'

    def map_quoting(quote: str) -> Path:
        return write_map(tmp_path, f"""\
            argmap: 1
            title: T
            thesis: t
            source: {{text_file: essay.txt}}
            claims:
              t: {{text: The parade was a declaration}}
            evidence:
              e: {{text: The essay says so, supports: t, source: the essay, quote: {quote}}}
            """)

    checked = check_file(map_quoting(scalar))
    assert "AM107" not in [p.code for p in checked.problems], checked.problems
    assert checked.context is not None
    assert checked.context.quote_place(checked.context.statement("e").quote or "") == paragraph
    unchecked = check_file(map_quoting(json.dumps(words)))  # the words as typed: AM107, as the user saw
    assert "AM107" in [p.code for p in unchecked.problems]

    by_map = run_quote(runner, "--map", tmp_path / "map.yaml", words)
    assert by_map.exit_code == 0 and by_map.stdout == result.stdout, shown(by_map)


def test_several_matches_are_listed_in_order(runner, essay):
    result = run_quote(runner, essay, "loose cooperation")
    assert result.exit_code == 0, shown(result)
    assert result.stdout.splitlines() == ['¶3: "loose cooperation"', '¶3: "Loose cooperation"']


def test_no_match_prints_the_nearest_passage_and_exits_1(runner, essay):
    result = run_quote(runner, essay, "Washington's reply will shape the decade")
    assert result.exit_code == 1, shown(result)
    first, similar, line = result.stdout.splitlines()
    assert first.startswith("No exact match for \"Washington's reply will shape the decade\" in ")
    assert similar.startswith("nearest passage, ") and similar.endswith("% similar:")
    assert 60 < int(similar.split(", ")[1].split("%")[0]) < 100
    paragraph, scalar = pasted(line)
    assert paragraph == 2 and "shape the decade" in scalar


def test_json_output(runner, essay):
    result = run_quote(runner, essay, "LOOSE   cooperation", "--format", "json")
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    assert data["nearest"] is None
    assert [(m["text"], m["paragraph"]) for m in data["matches"]] == [
        ("loose cooperation", 3), ("Loose cooperation", 3)]
    for match in data["matches"]:
        assert ESSAY[match["start"]:match["end"]] == match["text"]

    missing = run_quote(runner, essay, "loose coordination of blocs", "-f", "json")
    assert missing.exit_code == 1, shown(missing)
    data = json.loads(missing.stdout)
    assert data["matches"] == []
    nearest = data["nearest"]
    assert set(nearest) == {"text", "paragraph", "start", "end", "similarity"}
    assert ESSAY[nearest["start"]:nearest["end"]] == nearest["text"]
    assert 0 < nearest["similarity"] < 100


def test_text_from_the_file_is_escaped_for_the_terminal(runner, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("Intro.\n\n::warning::evil \u202eright\x1b[31m end\n", encoding="utf-8")
    result = run_quote(runner, path, "::WARNING::evil")
    assert result.exit_code == 0, shown(result)
    assert result.stdout == '¶2: "::warning::evil"\n'  # not at the start of a line: no workflow command
    result = run_quote(runner, path, "::warning::evil \u202eright\x1b[31m end")
    assert result.stdout == '¶2: "::warning::evil \\u202eright\\u001b[31m end"\n', shown(result)
    assert "\u202e" not in result.stdout and "\x1b" not in result.stdout
    lone = tmp_path / "lone.txt"
    lone.write_text("::error::x\n", encoding="utf-8")
    missing = run_quote(runner, lone, "::error::y and more")
    assert not any(line.lstrip().startswith("::") for line in missing.stdout.splitlines()), shown(missing)


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[object], str]]:
    (tmp_path / "folder").mkdir()
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Short.", encoding="utf-8")
    no_text = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: A claim}\n", "no-text.yaml")
    missing_text = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nsource: {text_file: gone.txt}\n"
                             "claims:\n  t: {text: A claim}\n", "missing-text.yaml")
    return {
        "a missing file": ([tmp_path / "nowhere.txt", "words"], "no such file"),
        "a folder": ([tmp_path / "folder", "words"], "is a folder"),
        "a binary file": ([tmp_path / "binary.txt", "words"], "binary"),
        "a file that is not UTF-8": ([tmp_path / "latin1.txt", "words"], "is not UTF-8"),
        "an empty text": ([tmp_path / "empty.txt", "words"], "the text is empty"),
        "empty words": ([tmp_path / "short.txt", " "], "the words to find are empty"),
        "words longer than the text": ([tmp_path / "short.txt", "much longer words"], "longer than the text"),
        "a map without text_file": (["--map", no_text, "words"], "has no `source.text_file`"),
        "a map whose text_file is missing": (["--map", missing_text, "words"], "does not exist"),
        "a missing map": (["--map", tmp_path / "nowhere.yaml", "words"], "no such file"),
        "both TEXT_FILE and --map": ([tmp_path / "short.txt", "--map", no_text, "words"], "not both"),
        "neither TEXT_FILE nor --map": (["words"], "give a TEXT_FILE"),
    }


@pytest.mark.parametrize("case", [
    "a missing file", "a folder", "a binary file", "a file that is not UTF-8", "an empty text", "empty words",
    "words longer than the text", "a map without text_file", "a map whose text_file is missing", "a missing map",
    "both TEXT_FILE and --map", "neither TEXT_FILE nor --map"])
def test_bad_input_is_one_line_and_exit_2(runner, tmp_path, case):
    args, message = bad_inputs(tmp_path)[case]
    result = run_quote(runner, *args)
    assert result.exit_code == 2, shown(result)
    assert result.stdout == "", shown(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: ") and message in lines[0], shown(result)


# ---- words with gaps (issue 15, item 3) --------------------------------------

def evidence_map(folder: Path, quote: str) -> Path:
    """A map whose one piece of evidence quotes ``quote`` (a YAML scalar) from ``essay.txt``."""
    return write_map(folder, f"""\
        argmap: 1
        title: T
        thesis: t
        source: {{text_file: essay.txt}}
        claims:
          t: {{text: The parade was a declaration}}
        evidence:
          e: {{text: The essay says so, supports: t, source: the essay, quote: {quote}}}
        """)


def test_gapped_words_are_found_piece_by_piece_as_the_text_has_them():
    from argmap.quotefind import find_gapped

    found = find_gapped(ESSAY, 'the IMAGE of three … a "political declaration" … photo-op - [but] washington\'s')
    assert found is not None and found.paragraph == 2
    assert [p.text for p in found.pieces] == [
        "The image of three", "a \u201cpolitical declaration\u201d", "photo-op \u2014 and Washington\u2019s"]
    for piece in found.pieces:  # each piece is the text's own span, the insertion's word included
        assert ESSAY[piece.start:piece.end] == piece.text and piece.paragraph == 2
    assert [p.start for p in found.pieces] == sorted(p.start for p in found.pieces)
    assert found.text == " … ".join(p.text for p in found.pieces)
    joined = find_gapped(ESSAY, "loose cooperation, [people] say, is all")  # one word of the text for the insertion
    assert joined is not None and [p.text for p in joined.pieces] == ["Loose cooperation, they say, is all"]


@pytest.mark.parametrize("words", [
    "the image … loose cooperation",  # in order, but in two paragraphs
    "washington's answer … the image",  # in one paragraph, but in the other order
    "the image … of [x] on the rostrum",  # two words of the text where the insertion allows one
])
def test_gapped_words_not_in_order_within_one_paragraph_are_not_found(words):
    from argmap.quotefind import find_gapped

    assert find_gapped(ESSAY, words) is None


def test_which_piece_is_missing_and_the_passage_nearest_to_it():
    from argmap.quotefind import missing_piece

    first = missing_piece(ESSAY, "the imagery … washington's answer")
    assert (first.written, first.number, first.count) == ("the imagery", 1, 2)
    second = missing_piece(ESSAY, "the image … washington's reply … the decade")
    assert (second.written, second.number, second.count) == ("washington's reply", 2, 3)
    assert second.nearest is not None and second.nearest.passage.text == "Washington\u2019s answer"
    assert ESSAY[second.nearest.passage.start:second.nearest.passage.end] == second.nearest.passage.text
    apart = missing_piece(ESSAY, "the image … loose cooperation")  # it is in the text, not in that paragraph
    assert (apart.written, apart.number) == ("loose cooperation", 2)
    assert apart.nearest is not None and apart.nearest.passage.paragraph == 3


def test_the_printed_gapped_quote_passes_am107(runner, tmp_path, essay):
    words = 'THE image of three … a "political declaration" … photo-op - [but] washington\'s'
    result = run_quote(runner, essay, words)
    assert result.exit_code == 0, shown(result)
    (line,) = result.stdout.splitlines()
    paragraph, scalar = pasted(line)
    assert paragraph == 2
    assert scalar == ('"The image of three \u2026 a \u201cpolitical declaration\u201d \u2026 photo-op \u2014 and '
                      'Washington\u2019s"')
    checked = check_file(evidence_map(tmp_path, scalar))
    assert "AM107" not in [p.code for p in checked.problems], checked.problems
    assert checked.context is not None
    assert checked.context.quote_place(checked.context.statement("e").quote or "") == paragraph
    unchecked = check_file(evidence_map(tmp_path, json.dumps(words)))  # as typed: another case, an insertion
    assert "AM107" in [p.code for p in unchecked.problems]

    by_map = run_quote(runner, "--map", tmp_path / "map.yaml", words)
    assert by_map.exit_code == 0 and by_map.stdout == result.stdout, shown(by_map)


def test_a_gapped_quote_across_a_line_break_passes_am107(runner, tmp_path, essay):
    result = run_quote(runner, essay, "was a … not a photo-op")
    assert result.exit_code == 0, shown(result)
    paragraph, scalar = pasted(result.stdout.strip())
    assert (paragraph, scalar) == (2, '"was a \u2026 not a\\nphoto-op"')
    checked = check_file(evidence_map(tmp_path, scalar))
    assert "AM107" not in [p.code for p in checked.problems], checked.problems


def test_a_missing_piece_is_named_with_its_nearest_passage_and_exits_1(runner, essay):
    result = run_quote(runner, essay, "the image … washington's reply … the decade")
    assert result.exit_code == 1, shown(result)
    first, similar, line = result.stdout.splitlines()
    assert first.startswith("No match for \"the image … washington's reply … the decade\" in ")
    assert first.endswith(": piece 2 of 3, \"washington's reply\", is not found after the pieces before it "
                          "within one paragraph"), first
    assert similar.startswith("nearest passage to that piece, ") and similar.endswith("% similar:")
    assert pasted(line) == (2, '"Washington\u2019s answer"')

    nowhere = run_quote(runner, essay, "the imagery … the decade")
    assert nowhere.exit_code == 1, shown(nowhere)
    assert ': piece 1 of 2, "the imagery", is nowhere in it' in nowhere.stdout.splitlines()[0], shown(nowhere)


def test_gapped_json_gives_each_piece(runner, essay):
    result = run_quote(runner, essay, "Some call it … [they] say", "--format", "json")
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    assert data["missing"] is None and data["nearest"] is None
    (match,) = data["matches"]
    assert [p["text"] for p in match["pieces"]] == ["Some call it", "say"]
    for piece in match["pieces"]:
        assert set(piece) == {"text", "start", "end"}
        assert ESSAY[piece["start"]:piece["end"]] == piece["text"]
    assert (match["paragraph"], match["start"], match["end"]) == (3, match["pieces"][0]["start"],
                                                                   match["pieces"][-1]["end"])
    assert match["text"] == "Some call it … say"

    missing = run_quote(runner, essay, "Some call it … they said", "-f", "json")
    assert missing.exit_code == 1, shown(missing)
    data = json.loads(missing.stdout)
    assert data["matches"] == []
    assert data["missing"] == {"text": "they said", "piece": 2, "pieces": 2}
    assert ESSAY[data["nearest"]["start"]:data["nearest"]["end"]] == data["nearest"]["text"]
    assert 0 < data["nearest"]["similarity"] < 100


def test_gaps_alone_are_empty_words(runner, essay):
    result = run_quote(runner, essay, " … [...] ")
    assert result.exit_code == 2, shown(result)
    assert "the words to find are empty" in result.stderr
