"""`argmap new`: a starter map that `check` passes with warnings only, from a blank page or from a text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import assert_no_traceback, examples
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from argmap.checker import CheckConfig, check_file
from argmap.cli import app
from argmap.loader import load_map
from argmap.paragraphs import paragraph_starts
from argmap.problems import ERROR
from argmap.starter import StarterError, paragraph_lines, starter_map
from argmap.textsafe import BIDI

PARAGRAPHS = [
    "Alpha opens the essay with a claim about parades and photographs.",
    "Bravo gives the first reason,\nover two lines of the file.",
    "Charlie quotes the minister: the parade was a show of unity.",
    "Delta answers the critics who call it loose cooperation.",
    "Echo concludes.",
]
ESSAY = "\n\n".join(PARAGRAPHS) + "\n"


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def run_new(runner, *args):
    result = runner.invoke(app, ["new", *map(str, args)])
    assert_no_traceback(result)
    return result


def errors(path: Path) -> list[str]:
    return [f"{p.code} {p.message}" for p in check_file(path, CheckConfig()).problems if p.severity == ERROR]


def comment_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# p")]


# ---- a blank page ------------------------------------------------------------

def test_new_writes_a_map_that_check_passes_with_warnings_only(runner, tmp_path):
    path = tmp_path / "essay.yaml"
    result = run_new(runner, path)
    assert result.exit_code == 0, shown(result)
    assert errors(path) == []
    problems = check_file(path, CheckConfig()).problems
    assert problems, "the placeholders leave something to do: the warnings say what"
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code == 0, shown(checked)
    model = load_map(path).model
    assert model is not None and model.thesis is not None
    kinds = {stmt.kind for stmt in model.statements.values()}
    assert kinds == {"claim", "counterclaim", "evidence"}
    assert any(stmt.source and stmt.quote for stmt in model.statements.values())


def test_the_comments_point_at_the_commands(runner, tmp_path):
    path = tmp_path / "m.yaml"
    run_new(runner, path)
    text = path.read_text(encoding="utf-8")
    for command in ("argmap check", "argmap tree", "argmap quote"):
        assert command in text


def test_an_existing_file_is_never_touched(runner, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"mine\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    result = run_new(runner, path, "--title", "New")
    assert result.exit_code == 2, shown(result)
    assert "already exists" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == b"mine\n"
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]  # no temporary file left


def test_a_link_at_file_is_neither_followed_nor_replaced(runner, tmp_path):
    target = tmp_path / "elsewhere.yaml"
    link = tmp_path / "m.yaml"
    link.symlink_to(target)  # dangling: writing through it would create `elsewhere.yaml`
    result = run_new(runner, link)
    assert result.exit_code == 2, shown(result)
    assert link.is_symlink() and not target.exists()


def test_a_file_that_appears_during_the_write_is_kept(tmp_path, monkeypatch):
    """The name is taken only if it is free at the last moment: a hard link, not a rename over it."""
    from argmap import atomic
    from argmap.atomic import OutputError, write_atomic

    path = tmp_path / "m.yaml"
    created = atomic._create_temporary

    def racing(folder, name):
        path.write_bytes(b"theirs\n")  # someone else creates the file meanwhile
        return created(folder, name)

    monkeypatch.setattr(atomic, "_create_temporary", racing)
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(path, b"ours\n", new=True)
    assert path.read_bytes() == b"theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


def test_a_missing_folder_is_a_usage_error(runner, tmp_path):
    result = run_new(runner, tmp_path / "no" / "m.yaml")
    assert result.exit_code == 2, shown(result)


# ---- from a text -------------------------------------------------------------

def test_from_text_lists_the_paragraphs_and_sets_the_text_file(runner, tmp_path):
    (tmp_path / "texts").mkdir()
    essay = tmp_path / "texts" / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "map.yaml"
    result = run_new(runner, path, "--from-text", essay)
    assert result.exit_code == 0, shown(result)
    lines = comment_lines(path)
    assert [line.split(":")[0] for line in lines] == ["# p1", "# p2", "# p3", "# p4", "# p5"]
    for line, paragraph in zip(lines, PARAGRAPHS):
        first = " ".join(paragraph.split()[:3])
        assert line.split(": ", 1)[1].startswith(first), (line, paragraph)
    assert len(paragraph_starts(ESSAY)) == 5  # the numbering the views use (¶N) agrees
    model = load_map(path).model
    assert model is not None and model.source is not None
    assert model.source.text_file == "texts/essay.txt"
    assert model.source.text == ESSAY  # the loader resolved it
    assert errors(path) == []


def test_a_quote_from_the_third_paragraph_passes_am107(runner, tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "map.yaml"
    assert run_new(runner, path, "--from-text", essay).exit_code == 0
    codes = {p.code for p in check_file(path, CheckConfig()).problems}
    assert "AM107" in codes  # the placeholder quote is checked against the text
    text = path.read_text(encoding="utf-8")
    placeholder = next(line for line in text.splitlines() if line.strip().startswith("quote:"))
    path.write_text(text.replace(placeholder, '    quote: "the parade was a show of unity"'), encoding="utf-8")
    problems = check_file(path, CheckConfig()).problems
    assert "AM107" not in {p.code for p in problems}, problems
    assert not [p for p in problems if p.severity == ERROR]


def test_a_text_outside_the_maps_folder_is_refused(runner, tmp_path):
    (tmp_path / "maps").mkdir()
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "maps" / "map.yaml"
    result = run_new(runner, path, "--from-text", essay)
    assert result.exit_code == 2, shown(result)
    assert "map's folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not path.exists()


def test_a_link_inside_the_folder_to_a_text_outside_is_refused(runner, tmp_path):
    (tmp_path / "maps").mkdir()
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    (tmp_path / "maps" / "essay.txt").symlink_to(essay)
    result = run_new(runner, tmp_path / "maps" / "map.yaml", "--from-text", tmp_path / "maps" / "essay.txt")
    assert result.exit_code == 2, shown(result)
    assert not (tmp_path / "maps" / "map.yaml").exists()


@pytest.mark.parametrize("content, why", [
    (None, "no such file"),
    ("folder", "folder"),
    (b"text\x00with a NUL", "binary"),
    (b"caf\xe9", "not UTF-8"),
    (b"", "empty"),
    (b" \n\n \n", "empty"),
])
def test_a_text_that_cannot_be_mapped_is_a_usage_error(runner, tmp_path, content, why):
    essay = tmp_path / "essay.txt"
    if content == "folder":
        essay.mkdir()
    elif content is not None:
        essay.write_bytes(content)
    result = run_new(runner, tmp_path / "map.yaml", "--from-text", essay)
    assert result.exit_code == 2, shown(result)
    assert why in result.stderr and len(result.stderr.strip().splitlines()) == 1, shown(result)
    assert not (tmp_path / "map.yaml").exists()


# ---- hostile input -----------------------------------------------------------

HOSTILE = [
    'He said "no" and \'yes\'',
    "key: value",
    "a comment? # not one",
    "line one\nline two\n",
    "{flow: mapping}",
    "*alias",
    "&anchor value",
    "!!python/object:os.system",
    "- a list item",
    "'single' \\ back\\slash",
    "null",
    "tab\there \u202eevil\u2028line\u2029para\ufeffbom",
    "next line \x85 (NEL)",
    "emoji \U0001F600 and accents é",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_title_and_thesis_round_trip(runner, tmp_path, text):
    path = tmp_path / "map.yaml"
    result = run_new(runner, path, "--title", text, "--thesis-text", text)
    if "\x85" in text:  # NEL is a C1 control character: no map may hold it
        assert result.exit_code == 2, shown(result)
        return
    assert result.exit_code == 0, shown(result)
    assert not set(path.read_text(encoding="utf-8")) & set("\u202e\u2028\u2029\ufeff")  # escaped, not raw
    loaded = load_map(path)
    assert loaded.issues == []
    assert loaded.model is not None and loaded.model.thesis is not None
    assert loaded.model.title == text
    assert loaded.model.statements[loaded.model.thesis.id].text == text
    assert errors(path) == []


@pytest.mark.parametrize("option", ["--title", "--thesis-text"])
@pytest.mark.parametrize("text", ["", "   ", "bell\x07", "x" * 10_001])
def test_a_title_or_thesis_no_map_can_hold_is_a_usage_error(runner, tmp_path, option, text):
    result = run_new(runner, tmp_path / "map.yaml", option, text)
    assert result.exit_code == 2, shown(result)
    assert not (tmp_path / "map.yaml").exists()


TEXTS = st.text(st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\t\n\"'\\:#{}&*!"),
                min_size=1, max_size=80).filter(str.strip)


@hypothesis_settings(max_examples=examples(500))
@given(title=TEXTS, thesis=TEXTS)
def test_any_text_a_map_can_hold_round_trips(title, thesis):
    from argmap.loader import load_bytes

    loaded = load_bytes(starter_map(title, thesis).encode("utf-8"), "m.yaml")
    assert loaded.issues == []
    assert loaded.model is not None
    assert loaded.model.title == title and loaded.model.statements["thesis"].text == thesis


def test_a_paragraph_cannot_break_out_of_its_comment(runner, tmp_path):
    hostile = [
        "Innocent start\n# claims: {evil: {text: injected}}\nthesis: evil",
        "claims:\n  evil:\n    text: injected",
        "bidi \u202eesrever\u202c and isolate \u2066x\u2069 here",
        "separators\u2028claims: {}\u2029x: 1\x85y: 2 and a BOM \ufeff and \ufffe",
        "controls \x1b[31mred\x1b[0m \x07 done",
    ]
    essay = tmp_path / "essay.txt"
    essay.write_text("\n\n".join(hostile), encoding="utf-8")
    path = tmp_path / "map.yaml"
    result = run_new(runner, path, "--from-text", essay)
    assert result.exit_code == 0, shown(result)
    written = path.read_text(encoding="utf-8")
    lines = comment_lines(path)
    assert len(lines) == len(paragraph_starts(essay.read_text(encoding="utf-8")))
    assert [line.split(":")[0] for line in lines] == [f"# p{n}" for n in range(1, len(lines) + 1)]
    assert lines[0].startswith("# p1: Innocent start # claims:")
    for char in f"\x1b\x07\x85\u2028\u2029\ufeff\ufffe{''.join(map(chr, range(0x202a, 0x202f)))}\u2066\u2069":
        assert char not in written, repr(char)
    assert BIDI  # the same set of bidi controls textsafe escapes
    loaded = load_map(path)
    assert loaded.issues == []
    assert loaded.model is not None
    assert set(loaded.model.statements) == {"thesis", "reason", "answer", "objection", "fact"}
    assert errors(path) == []


@hypothesis_settings(max_examples=examples(300))
@given(st.lists(st.text(max_size=60).filter(str.strip), min_size=1, max_size=6))
def test_any_paragraphs_stay_comments(paragraphs):
    from argmap.loader import load_bytes

    text = "\n\n".join(paragraphs)
    if "\x00" in text:
        return  # a NUL makes the file binary: `new` refuses it before this point
    written = starter_map(text_file="essay.txt", text=text)
    lines = paragraph_lines(text)
    assert len(lines) == len(paragraph_starts(text))
    assert all(line in written.splitlines() for line in lines)
    loaded = load_bytes(written.encode("utf-8"), "m.yaml")
    assert [issue for issue in loaded.issues if "text_file" not in issue.message] == []
    assert loaded.model is not None
    assert set(loaded.model.statements) == {"thesis", "reason", "answer", "objection", "fact"}


def test_the_core_refuses_a_control_character():
    with pytest.raises(StarterError, match="control character"):
        starter_map("bell\x07")
