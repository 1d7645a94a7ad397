"""`argmap rules`: the table of rules, or one rule's documentation."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, fail, write_output


class RulesFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule's code or name: print its full documentation.")] = None,
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """List the rules, or explain one."""
    from ..rules import RULES, find_rule
    from ..rules_doc import rule_markdown, rules_markdown, rules_table

    if code is None:
        text = rules_markdown(RULES.values()) if output_format is RulesFormat.markdown else rules_table(RULES.values())
    else:
        rule = find_rule(code)
        if rule is None:
            raise fail(f"unknown rule `{code}`: `argmap rules` lists them")
        text = rule_markdown(rule)
    write_output(text, output)
