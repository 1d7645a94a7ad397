"""`argmap new`: a starter map whose comments teach the format, from a blank page or from a text."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, fail
from ..textsafe import shown


@app.command()
def new(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The map to create; it must not exist yet.",
                                         show_default=False)],
    title: Annotated[str | None, typer.Option(
        "--title", metavar="T", help="The map's title.", show_default=False)] = None,
    thesis_text: Annotated[str | None, typer.Option(
        "--thesis-text", metavar="TEXT", help="The thesis, in one sentence.", show_default=False)] = None,
    from_text: Annotated[Path | None, typer.Option(
        "--from-text", metavar="SOURCE.txt",
        help="The text being mapped, in FILE's folder or below it: it becomes `source.text_file`, and its "
             "paragraphs are listed as comments to work through.", show_default=False)] = None,
) -> None:
    """Write a starter map: a thesis, a reason, evidence, an objection and its answer, each key explained.

    An existing FILE is never touched (exit 2).
    """
    from ..atomic import OutputError, write_atomic
    from ..starter import StarterError, starter_map

    if os.path.lexists(path):
        raise fail(f"{path} already exists; `argmap new` never overwrites a file")
    if not path.parent.is_dir():
        raise fail(f"{path}: the folder {path.parent} does not exist")
    text_file, text = text_or_exit(path, from_text) if from_text is not None else (None, None)
    try:
        data = starter_map(title, thesis_text, text_file, text)
    except StarterError as exc:
        raise fail(str(exc))
    try:
        write_atomic(path, data.encode("utf-8"), new=True)
    except OutputError as exc:
        raise fail(str(exc))
    print(f"argmap: wrote {shown(str(path), 4096)}; `argmap check {shown(str(path), 4096)}` checks it",
          file=sys.stderr)


def text_or_exit(path: Path, source: Path) -> tuple[str, str]:
    """The path to write as `source.text_file` (relative to the map's folder) and the text's content.

    Exits 2 when the text cannot be read (missing, a folder, binary, not UTF-8), is
    empty, or is outside the map's folder, where the loader would refuse it.
    """
    from .quote import read_text

    text = read_text(source)
    if not text.strip():
        raise fail(f"{source}: is empty; give the text being mapped")
    folder = path.parent.resolve()
    target = source.resolve()
    if not target.is_relative_to(folder):
        raise fail(f"{source}: is not in the map's folder {folder} or below it, where `source.text_file` must be; "
                   "move the text there or create the map beside it")
    return target.relative_to(folder).as_posix(), text
