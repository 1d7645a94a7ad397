"""`argmap questions`: the critical questions of each argument's scheme, answered or open."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..cli import app, load_or_exit, write_output
from .viewing import MapArgument, MaxBytesOption, OutputOption

QUESTIONS_FORMAT_NAMES = ("text", "json")
"""The choices of ``--format``: the keys of :data:`argmap.render.questions.QUESTIONS_FORMATS`, imported only when the command
runs (it brings what the command needs, networkx included)."""
QuestionsFormat = Enum("QuestionsFormat", {name: name for name in QUESTIONS_FORMAT_NAMES}, type=str)  # type: ignore[misc]
"""The choices of --format: the renderers' names."""
DEFAULT_FORMAT = QuestionsFormat("text")


@app.command()
def questions(
    file: MapArgument,
    output_format: Annotated[QuestionsFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="Output format.")] = DEFAULT_FORMAT,
    max_bytes: MaxBytesOption = None,
    output: OutputOption = None,
) -> None:
    """List each argument's scheme, the roles of its premises and its critical questions: which are answered, and
    by what, and a prompt for each one still open. Schemes come from the catalogue (docs/schemes.md)."""
    from ..render.questions import QUESTIONS_FORMATS
    from ..schemes import map_questions

    ctx = load_or_exit(file, max_bytes)
    write_output(QUESTIONS_FORMATS[output_format.value](map_questions(ctx.model)), output, protect=[file])
