"""`argmap schema`: the JSON Schema of the map format, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, write_output


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema (draft-07) of map format v1, for editors' YAML language servers.

    Name it in a map with the comment `# yaml-language-server: $schema=<path or URL>`.
    """
    from ..schema import schema_json

    write_output(schema_json(), output)
