"""`argmap export`: the map in another format (a Markdown outline, a Mermaid flowchart, evidence cards)."""

from __future__ import annotations

import importlib
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, load_or_exit, write_output
from .viewing import (
    DEFAULT_SEMANTICS,
    AssumeOption,
    DepthOption,
    MapArgument,
    MaxBytesOption,
    NoLabelsOption,
    RootOption,
    SemanticsOption,
    ThesisOption,
    diagram_or_exit,
    focus_or_exit,
    labels_or_exit,
    outline_root_or_exit,
    thesis_or_exit,
)

EXPORTERS = {
    "markdown": "argmap.render.markdown",
    "mermaid": "argmap.render.mermaid",
    "cards": "argmap.render.cards",
    "cards-html": "argmap.render.cards_html",
}
"""Format name -> the module whose ``export(ctx, labels, focus=None) -> str`` writes it; ``--to`` offers these."""


class ExportFormat(str, Enum):
    """``--to`` choices: the keys of :data:`EXPORTERS`, listed so that a type checker knows them."""

    markdown = "markdown"
    mermaid = "mermaid"
    cards = "cards"
    cards_html = "cards-html"


def exporter(name: str):
    """The ``export`` function of the format ``name``."""
    return importlib.import_module(EXPORTERS[name]).export


@app.command()
def export(
    file: MapArgument,
    to: Annotated[ExportFormat, typer.Option("--to", "-t", help="The format to write.", show_default=False)],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="OUT", help="Write to this file instead of stdout.")] = None,
    no_labels: NoLabelsOption = False,
    assume: AssumeOption = None,
    semantics: SemanticsOption = DEFAULT_SEMANTICS,
    thesis: ThesisOption = None,
    root: RootOption = None,
    depth: DepthOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Write the map as a Markdown outline, a Mermaid flowchart or evidence cards (stdout unless -o)."""
    ctx = load_or_exit(file, max_bytes)
    thesis_or_exit(ctx, thesis)
    if to.value == "mermaid":
        diagram_or_exit(ctx)
    part = focus_or_exit(ctx, root, depth, file)
    if to.value == "markdown":
        outline_root_or_exit(ctx, root, file)
    labels = labels_or_exit(ctx, assume, no_labels, semantics.value)
    text = exporter(to.value)(ctx, labels, focus=part)
    if to.value == "mermaid" and output and Path(output).suffix.lower() in (".md", ".markdown"):
        text = f"```mermaid\n{text}```\n"  # a Markdown file: the block GitHub draws
    write_output(text, output, protect=[file], announce=True)
