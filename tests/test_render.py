"""`argmap render`: DOT that Graphviz accepts with every label intact, SVG with every word, safe writing.

The tests that run Graphviz's `dot` need it installed (`make test` installs it)
(``CI`` set), where `make test` installs it and a missing `dot` is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.textsafe import visible
from argmap.checker import check_file
from argmap.cli import app
from argmap.render.dot import MAX_TEXT, TEXT_WIDTH, dot_source
from conftest import REPO, assert_no_traceback, write_map

DATA = REPO / "tests" / "data" / "tree"
MAPS = sorted((REPO / "arguments").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"



def render(runner, *args, env=None):
    result = runner.invoke(app, ["render", *map(str, args)], env=env)
    assert_no_traceback(result)
    return result


def context(path: Path):
    result = check_file(path)
    assert not result.has_errors, result.problems
    return result.context


def svg_texts(svg: bytes) -> list[str]:
    """The text elements of an SVG, in document order (parsed as XML, so it must be well formed)."""
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def svg_words(svg: bytes) -> set[str]:
    return set(" ".join(svg_texts(svg)).split())


# ---- labels survive DOT ---------------------------------------------------------------


def html_label_at(source: str, start: int) -> str:
    """The HTML-like label that opens with the ``<`` at ``start``, up to its matching ``>``."""
    depth = 0
    for index in range(start, len(source)):
        if source[index] == "<":
            depth += 1
        elif source[index] == ">":
            depth -= 1
            if depth == 0:
                return source[start + 1:index]
    raise AssertionError("unbalanced HTML-like label")


def canon_labels(canon: str) -> dict[str, str]:
    """Node name -> HTML-like label, read from `dot -Tcanon` output (one statement per node, attributes sorted)."""
    labels = {}
    for match in re.finditer(r'^\t("(?:[^"\\]|\\.)*"|[^\s\["]+)\t\[', canon, flags=re.M):
        name = match.group(1)
        if name.startswith('"'):
            name = re.sub(r"\\(.)", r"\1", name[1:-1])
        following = re.compile(r"\n\t[^\t]").search(canon, match.end())
        end = following.start() if following else len(canon)
        found = canon.find("label=<", match.end(), end)
        if found >= 0:
            labels[name] = html_label_at(canon, found + len("label="))
    return labels


def text_lines(label: str) -> list[str]:
    """The statement's own lines in a node label, DOT's quoting undone, the small-type lines left out.

    The label is XML (entities, ``<br/>``, ``<font>``); in its text Graphviz reads a
    backslash as escaping the next character (``\\\\`` is one backslash).
    """
    root = ET.fromstring(f"<label>{label}</label>")
    lines, current, small = [], root.text or "", False
    for child in root:
        if child.tag == "br":
            if not small:
                lines.append(current)
            current, small = child.tail or "", False
        elif child.tag == "font":
            small = True
            current += child.tail or ""
        else:
            raise AssertionError(f"unexpected <{child.tag}> in a label")
    if not small:
        lines.append(current)
    for line in lines:  # every backslash must be escaped, or Graphviz would expand \N, \G ...
        assert re.fullmatch(r"(?:[^\\]|\\\\)*", line), f"unescaped backslash in {line!r}"
    return [line.replace("\\\\", "\\") for line in lines]


def unwraps_to(lines: list[str], text: str) -> bool:
    """True when ``text`` is ``lines`` joined where each break stands for one space, one newline, or nothing."""
    pos = 0
    for number, line in enumerate(lines):
        if not text.startswith(line, pos):
            return False
        pos += len(line)
        if number < len(lines) - 1 and pos < len(text) and text[pos] in " \n":
            pos += 1
    return pos == len(text)


def test_unwraps_to_can_fail():
    assert unwraps_to(["a b", "c"], "a b c")
    assert unwraps_to(["a", "", "b"], "a\n\nb")
    assert not unwraps_to(["a", "c"], "a b c")
    assert not unwraps_to(["a b", "c"], "a b  c")
    assert not unwraps_to(["a &amp; b"], "a & b")


def test_graphviz_accepts_every_special_character_and_keeps_each_label(tmp_path):
    ctx = context(DATA / "nasty.yaml")
    source = dot_source(ctx, labels=None, legend=True)
    (tmp_path / "nasty.dot").write_text(source, encoding="utf-8")
    done = subprocess.run(["dot", "-Tcanon", str(tmp_path / "nasty.dot")], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"", done.stderr.decode()  # not even a warning
    labels = canon_labels(done.stdout.decode("utf-8"))
    for stmt in ctx.model.statements.values():
        lines = text_lines(labels[stmt.id])
        # A tab is drawn as a space (Graphviz would drop it); a bidi control as \u202e, not obeyed.
        text = visible(stmt.text).replace("\t", " ")
        assert unwraps_to(lines, text), (stmt.id, lines, stmt.text)
    assert any("Supercalifragilistic" in line and len(line) <= 32 for line in text_lines(labels["long-word"]))


def test_nasty_map_renders_to_valid_svg_with_every_word(runner, tmp_path):
    out = tmp_path / "nasty.svg"
    result = render(runner, DATA / "nasty.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    words = svg_words(out.read_bytes())
    joined = "".join("".join(svg_texts(out.read_bytes())).split())
    for stmt in context(DATA / "nasty.yaml").model.statements.values():
        for word in visible(stmt.text).split():  # bidi controls are drawn as \u202e, not obeyed
            if len(word) <= TEXT_WIDTH:
                assert word in words, (stmt.id, word)
            else:  # a word longer than a line is the one thing wrapping may split
                assert word in joined, (stmt.id, word)


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_map_renders_to_svg_with_every_word(runner, tmp_path, path):
    out = tmp_path / "map.svg"
    result = render(runner, path, "-o", out, "--legend")
    assert result.exit_code == 0, result.output
    words = svg_words(out.read_bytes())
    ctx = context(path)
    missing = [(stmt.id, word) for stmt in ctx.model.statements.values() for word in stmt.text.split()
               if word not in words]
    assert not missing, missing
    for stmt in ctx.model.statements.values():  # the id of each statement is in its node
        assert stmt.id in words


def test_overlong_text_is_shortened_visibly(tmp_path):
    long_text = "word " * 1900 + "end"  # the loader takes texts of up to 10,000 characters
    path = write_map(tmp_path, f'argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {{text: "{long_text}"}}\n'
                               f'  a: {{text: "{"&<>" * 3300}", supports: t}}\n')
    source = dot_source(context(path))
    done = subprocess.run(["dot", "-Tcanon"], input=source.encode(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    labels = canon_labels(done.stdout.decode())
    for name in ("t", "a"):
        lines = text_lines(labels[name])
        shown = "".join(lines)
        assert shown.endswith("…") and len(shown) <= MAX_TEXT
        assert "the full text is in the map" in labels[name]
    assert "the full text is in the map" in source.split("\n", 2)[1]  # and the caption says so


def test_labels_fill_and_legend():
    ctx = context(REPO / "arguments" / "relations-tour.yaml")
    labels = {item: "rejected" for item in ctx.model.statements}
    labels["picnic-indoors"] = "accepted"
    source = dot_source(ctx, labels, direction="LR", legend=True)
    assert "rankdir=LR" in source
    assert "\"x-key\"" in source  # the key
    thesis_line = next(line for line in source.splitlines() if line.startswith('\t"picnic-indoors" ['))
    assert 'fillcolor="#c8e6c9"' in thesis_line and "✓ accepted" in thesis_line
    assert source.count('fillcolor="#ffcdd2"') >= len(labels) - 1
    plain = dot_source(ctx)
    assert "\"x-key\"" not in plain and "rankdir=BT" in plain and "#ffcdd2" not in plain


def test_shapes_follow_the_kinds():
    ctx = context(REPO / "arguments" / "relations-tour.yaml")
    lines = {line.split(" [")[0].strip().strip('"'): line for line in dot_source(ctx).splitlines() if " [" in line}
    assert "shape=note" in lines["forecast"]  # evidence
    assert "penwidth=2.5" in lines["keep-outdoors"] and "#6a1b9a" in lines["keep-outdoors"]  # counterclaim
    assert "dashed" in lines["lawn-unsheltered"]  # implicit
    assert "penwidth=3.5" in lines["picnic-indoors"]  # thesis
    assert "shape=circle" in lines["wet-picnic"]  # the junction of a linked argument
    edges = [line for line in dot_source(ctx).splitlines() if "->" in line and "[" in line]
    assert any(line.strip().startswith('"forecasts-unreliable" -> "x-link-') for line in edges)  # undercut
    # The contradiction has one direction answered "even if" (hall-is-free): drawn as its two attacks,
    # the answered one through a red junction the undercut points into.
    assert any(line.strip().startswith('"keep-outdoors" -> "x-attack-0"') and "arrowhead=none" in line
               for line in edges)
    assert any(line.strip().startswith('"x-attack-0" -> "picnic-indoors"') for line in edges)
    assert any(line.strip().startswith('"picnic-indoors" -> "keep-outdoors"') for line in edges)
    assert any(line.strip().startswith('"hall-is-free" -> "x-attack-0"') for line in edges)


# ---- the command ------------------------------------------------------------------------


def test_dot_to_stdout_and_file(runner, tmp_path):
    path = REPO / "arguments" / "relations-tour.yaml"
    result = render(runner, path, "-o", "-", "--no-labels")
    assert result.exit_code == 0, result.output
    assert result.stdout == dot_source(context(path))
    out = tmp_path / "map.gv"
    assert render(runner, path, "-o", out, "--no-labels").exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_svg_to_stdout_and_png_pdf_files(runner, tmp_path):
    path = REPO / "arguments" / "relations-tour.yaml"
    result = render(runner, path, "-o", "-", "--format", "svg")
    assert result.exit_code == 0, result.output
    ET.fromstring(result.stdout_bytes)
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = tmp_path / f"map.{fmt}"
        assert render(runner, path, "-o", out).exit_code == 0
        assert out.read_bytes().startswith(magic)


def test_format_errors(runner, tmp_path):
    path = REPO / "arguments" / "relations-tour.yaml"
    unknown = render(runner, path, "-o", tmp_path / "map.txt")
    assert unknown.exit_code == 2, unknown.output
    assert "--format" in unknown.output
    assert not (tmp_path / "map.txt").exists()
    forced = render(runner, path, "-o", tmp_path / "map.txt", "--format", "dot")
    assert forced.exit_code == 0, forced.output
    png_out = render(runner, path, "-o", "-", "--format", "png")
    assert png_out.exit_code == 2, png_out.output
    bad_direction = render(runner, path, "-o", "-", "--direction", "UP")
    assert bad_direction.exit_code == 2


def test_missing_dot_says_how_to_install(runner, tmp_path):
    out = tmp_path / "map.svg"
    result = render(runner, REPO / "arguments" / "relations-tour.yaml", "-o", out, env={"PATH": str(tmp_path)})
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert "\n" not in message
    assert "install Graphviz" in message and "--format dot" in message
    assert not out.exists()


def test_map_with_errors_draws_nothing(runner, tmp_path):
    broken = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, attacks: nowhere}\n")
    out = tmp_path / "map.dot"
    result = render(runner, broken, "-o", out)
    assert result.exit_code == 1, result.output
    assert "AM004" in result.output and not out.exists()
    missing = render(runner, tmp_path / "nope.yaml", "-o", out)
    assert missing.exit_code == 2, missing.output


def test_never_overwrites_the_input_map(runner, tmp_path):
    path = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n", name="map.dot")
    before = path.read_bytes()
    result = render(runner, path, "-o", path)
    assert result.exit_code == 2, result.output
    assert "input map" in result.output
    assert path.read_bytes() == before
    link = tmp_path / "link.dot"
    link.symlink_to(path)
    assert render(runner, path, "-o", link).exit_code == 2
    assert path.read_bytes() == before


def test_writes_through_a_temporary_file(tmp_path, monkeypatch):
    from argmap import atomic

    out = tmp_path / "map.dot"
    out.write_bytes(b"old")
    out.chmod(0o644)
    atomic.write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and (out.stat().st_mode & 0o777) == 0o644

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(atomic.OutputError, match="No space left"):
        atomic.write_atomic(out, b"newer")
    assert out.read_bytes() == b"new"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.dot"]  # no temporary file left behind


def test_output_folder_must_exist(runner, tmp_path):
    result = render(runner, REPO / "arguments" / "relations-tour.yaml", "-o", tmp_path / "no" / "map.dot")
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output


def test_watch_rerenders_on_save(runner, tmp_path, monkeypatch):
    import functools

    import argmap.watch

    path = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: First}\n")
    out = tmp_path / "map.dot"
    seen = []

    def editor(seconds):
        seen.append(out.read_text())
        if len(seen) > 1:
            raise KeyboardInterrupt
        path.write_text("argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: Second}\n")
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_mtime_ns + 10**6, stat.st_mtime_ns + 10**6))

    monkeypatch.setattr(argmap.watch, "watch", functools.partial(argmap.watch.watch, sleep=editor))
    result = render(runner, path, "-o", out, "--watch")
    assert result.exit_code == 0, result.output
    assert "First" in seen[0] and "Second" in seen[1]
