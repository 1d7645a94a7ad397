"""`argmap quote`: the exact words of a text, ready to paste as an evidence `quote:`."""

from __future__ import annotations

import os
import re
import stat
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cli import EXIT_PROBLEMS, app, fail, write_output
from ..textsafe import BIDI, defuse_line, json_text, shown

if TYPE_CHECKING:
    from ..quotefind import GappedMatch, MissingPiece, Nearest, Passage


class QuoteFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def quote(
    text_file: Annotated[str | None, typer.Argument(
        metavar="[TEXT_FILE]", help="The text to search (or give --map).", show_default=False)] = None,
    words: Annotated[str | None, typer.Argument(
        metavar="WORDS", help="The words to find.", show_default=False)] = None,
    map_file: Annotated[Path | None, typer.Option(
        "--map", metavar="MAP", help="Search the map's `source.text_file` instead of TEXT_FILE.",
        show_default=False)] = None,
    output_format: Annotated[QuoteFormat, typer.Option("--format", "-f", help="Output format.")] = QuoteFormat.text,
) -> None:
    """Find words in a text whatever their case, spacing, quotes and dashes, and print them as the text has them.

    Each match is printed with its paragraph as a YAML double-quoted scalar, to paste
    after `quote:`. Without a match, the nearest passage and its similarity are printed
    and the exit code is 1.

    Words with gaps (`…`, `...` or `[…]` for words left out, `[words]` for words put
    in) are found as AM107 finds them: the pieces in order within one paragraph. The
    text's own words for each are printed joined by ` … `; without a match, the piece
    not found and the passage nearest to it.
    """
    from ..quotefind import QuoteError, find_gapped, find_quote, missing_piece, nearest_passage
    from ..quotegaps import has_gaps

    if map_file is not None and words is None:  # `quote --map MAP WORDS`: the one argument is the words
        text_file, words = None, text_file
    if map_file is not None and text_file is not None:
        raise fail("give either TEXT_FILE or --map, not both")
    if words is None:
        raise fail("give a TEXT_FILE and the words, or --map MAP and the words")
    if map_file is not None:
        name, text = text_of_map(map_file)
    else:
        assert text_file is not None  # the words are the second argument
        name, text = text_file, read_text(Path(text_file))
    if has_gaps(words):
        try:
            found = find_gapped(text, words)
            missing = None if found else missing_piece(text, words)
        except QuoteError as exc:
            raise fail(f"{name}: {exc}")
        write_output(gapped_json(found, missing) + "\n" if output_format is QuoteFormat.json
                     else gapped_text(name, words, found, missing), None)
        if found is None:
            raise SystemExit(EXIT_PROBLEMS)
        return
    try:
        matches = find_quote(text, words)
        nearest = None if matches else nearest_passage(text, words)
    except QuoteError as exc:
        raise fail(f"{name}: {exc}")
    if output_format is QuoteFormat.json:
        write_output(json_text({
            "matches": [passage_json(p) for p in matches],
            "nearest": None if nearest is None else {**passage_json(nearest.passage),
                                                      "similarity": round(nearest.similarity, 1)},
        }) + "\n", None)
    else:
        write_output(quote_text(name, words, matches, nearest), None)
    if not matches:
        raise SystemExit(EXIT_PROBLEMS)


def read_text(path: Path) -> str:
    """The UTF-8 text at ``path``, read as the loader reads a `source.text_file`; exits 2 when it cannot be."""
    from ..loader import MAX_TEXT_FILE_BYTES, read_regular

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise fail(f"{path}: is a folder; give a text file")
        if not stat.S_ISREG(info.st_mode):
            raise fail(f"{path}: is not a regular file")
        if info.st_size > MAX_TEXT_FILE_BYTES:
            raise fail(f"{path}: is larger than {MAX_TEXT_FILE_BYTES // (1024 * 1024)} MiB")
        data = read_regular(path, info, MAX_TEXT_FILE_BYTES)
    except FileNotFoundError:
        raise fail(f"{path}: no such file")
    except OSError as exc:  # BlockingIOError included: a kernel file that would wait
        raise fail(f"{path}: cannot be read: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"{path}: is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}")
    if "\x00" in text:
        raise fail(f"{path}: is binary (it holds a NUL byte), not a text")
    return text


def text_of_map(path: Path) -> tuple[str, str]:
    """The name and content of the map's `source.text_file`, resolved and read by the loader; exits 2 without one."""
    from ..loader import load_map

    if not os.path.lexists(path):
        raise fail(f"{path}: no such file")
    if path.is_dir():
        raise fail(f"{path}: is a folder; --map takes one map file")
    loaded = load_map(path)
    if loaded.model is None:
        raise fail(f"{path}: {loaded.issues[0].message}")
    source = loaded.model.source
    if source is None or source.text_file is None:
        raise fail(f"{path}: the map has no `source.text_file`")
    if source.text is None:  # the loader said why, at the `text_file` value
        why = next((issue.message for issue in loaded.issues if issue.pos == source.text_file_pos),
                   "`source.text_file` cannot be read")
        raise fail(f"{path}: {why}")
    return source.text_file, source.text


_YAML_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
_YAML_ESCAPED = re.compile(f'["\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff{BIDI}]')


def yaml_quoted(text: str) -> str:
    r"""``text`` as a YAML double-quoted scalar on one line.

    Besides ``"`` and ``\``, every character that :func:`argmap.textsafe.visible` would
    escape (controls, bidi controls) and line breaks are written as YAML escapes, so
    the line is safe on a terminal and reads back as exactly ``text``.

    Examples
    --------
    >>> print(yaml_quoted('say "no"\\ to\nit\u202e'))
    "say \"no\"\\ to\nit\u202e"
    """
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _YAML_NAMED.get(char) or f"\\u{ord(char):04x}"

    return f'"{_YAML_ESCAPED.sub(escape, text)}"'


def passage_json(passage: Passage) -> dict[str, object]:
    return {"text": passage.text, "paragraph": passage.paragraph, "start": passage.start, "end": passage.end}


def gapped_json(found: GappedMatch | None, missing: MissingPiece | None) -> str:
    """The JSON output for words with gaps: the match with its pieces, or the piece not found and its nearest."""
    nearest = None if missing is None else missing.nearest
    return json_text({
        "matches": [] if found is None else [{
            "text": found.text, "paragraph": found.paragraph, "start": found.pieces[0].start,
            "end": found.pieces[-1].end,
            "pieces": [{"text": p.text, "start": p.start, "end": p.end} for p in found.pieces]}],
        "missing": None if missing is None else {"text": missing.written, "piece": missing.number,
                                                 "pieces": missing.count},
        "nearest": None if nearest is None else {**passage_json(nearest.passage),
                                                  "similarity": round(nearest.similarity, 1)},
    })


def gapped_text(name: str, words: str, found: GappedMatch | None, missing: MissingPiece | None) -> str:
    """The text output for words with gaps: ``¶N: "… … …"``, or which piece is not found and the passage nearest
    to it."""
    if found is not None:
        lines = [f"¶{found.paragraph}: {yaml_quoted(found.text)}"]
    else:
        assert missing is not None  # either the words are found or a piece of them is not
        asked = words if len(words) <= 200 else words[:199] + "…"
        piece = missing.written if len(missing.written) <= 200 else missing.written[:199] + "…"
        where = ("is nowhere in it" if missing.number == 1 else
                 "is not found after the pieces before it within one paragraph")
        lines = [f"No match for {yaml_quoted(asked)} in {shown(name, 200)}: piece {missing.number} of "
                 f"{missing.count}, {yaml_quoted(piece)}, {where}"
                 + ("" if missing.nearest else "; nothing in the text is alike")]
        if missing.nearest:
            lines.append(f"nearest passage to that piece, {missing.nearest.similarity:.0f}% similar:")
            lines.append(f"¶{missing.nearest.passage.paragraph}: {yaml_quoted(missing.nearest.passage.text)}")
    return "".join(defuse_line(line) + "\n" for line in lines)


def quote_text(name: str, words: str, matches: list[Passage], nearest: Nearest | None) -> str:
    """The text output: one ``¶N: "…"`` line per match, or the nearest passage after a line saying there is none."""
    lines = [f"¶{p.paragraph}: {yaml_quoted(p.text)}" for p in matches]
    if not matches:
        asked = words if len(words) <= 200 else words[:199] + "…"
        lines.append(f"No exact match for {yaml_quoted(asked)} in {shown(name, 200)}"
                     + ("" if nearest else "; nothing in it is alike"))
        if nearest:
            lines.append(f"nearest passage, {nearest.similarity:.0f}% similar:")
            lines.append(f"¶{nearest.passage.paragraph}: {yaml_quoted(nearest.passage.text)}")
    return "".join(defuse_line(line) + "\n" for line in lines)
