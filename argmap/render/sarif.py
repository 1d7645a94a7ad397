"""Problems as SARIF 2.1.0, the format of GitHub code scanning and of SARIF viewers in editors.

One run, with every rule of the registry in ``tool.driver.rules`` (id, name, short
and full description, help, default level), and one result per problem with its
``ruleId``, ``level``, message and a region whose line and column count Unicode
code points, as argmap's do. Paths inside the working folder are relative URIs
against ``%SRCROOT%``; others are ``file://`` URIs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..checker import CheckResult
from ..rules import RULES, Rule
from ..textsafe import json_text
from . import ReportOptions
from .uri import file_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    root = os.path.abspath(options.root or os.getcwd())
    rules = list(RULES.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    sarif_results = []
    for p in problems:
        uri = file_uri(p.path, root)
        location = {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}
        sarif_results.append({
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": _LEVEL.get(p.severity, "note"),
            "message": {"text": p.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": p.line, "startColumn": p.column},
            }}],
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "rules": [_rule(rule) for rule in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(root).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json_text(log) + "\n"


def _rule(rule: Rule) -> dict[str, object]:
    from ..rules_doc import rule_markdown

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["argmap"]},
    }
