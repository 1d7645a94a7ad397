"""Problems as SARIF 2.1.0, the format of GitHub code scanning and of SARIF viewers in editors.

One run, with every rule of the registry in ``tool.driver.rules`` (id, name, short
and full description, help as text and Markdown, default level), and one result per
problem with its ``ruleId``, ``level``, message, a region whose line and column
count Unicode code points, as argmap's do, and ``partialFingerprints`` under
:data:`argmap.fingerprint.VERSION`: the digest of the finding's key (rule, file,
statement, message without positions, occurrence), the key the baseline matches
by, so an alert survives lines moving above it.

Files are named from the repository's top (``ReportOptions.repository``: the git
work tree's top, else the folder of the configuration that applies, else the
working folder), because code scanning reads paths from the repository root: a
relative URI against ``%SRCROOT%``, which ``originalUriBaseIds`` sets to that
folder. A map outside it keeps an absolute ``file://`` URI, without a base.
``invocations`` carries the run's exit code when it is known.

Rules have no ``helpUri``: the schema requires an absolute URI, and argmap's
metadata names no documentation site to point at; ``help`` holds the whole text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..checker import CheckResult
from ..fingerprint import VERSION, finding_keys, in_report_order
from ..rules import RULES, Rule
from ..textsafe import json_text
from . import ReportOptions
from .uri import file_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning"}
_COMPLETED = (0, 1)
"""Exit codes of a run that went to the end: clean, or findings at error level (SARIF's executionSuccessful)."""


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    root = os.path.abspath(options.repository or options.root or os.getcwd())
    rules = list(RULES.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    problems = in_report_order(p for result in results for p in result.problems)
    sarif_results = []
    for p, key in zip(problems, finding_keys(problems, root)):
        sarif_results.append({
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": _LEVEL.get(p.severity, "note"),
            "message": {"text": sarif_text(p.message)},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(p.path, root),
                "region": {"startLine": p.line, "startColumn": p.column},
            }}],
            "partialFingerprints": {VERSION: key.digest()},
        })
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "argmap",
            "version": __version__,
            "rules": [_rule(rule) for rule in rules],
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if options.exit_code is not None:
        run["invocations"] = [{"executionSuccessful": options.exit_code in _COMPLETED,
                               "exitCode": options.exit_code}]
    return json_text({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}) + "\n"


def artifact_location(path: str, root: str) -> dict[str, str]:
    """Where ``path`` (relative to the working folder, or absolute) is: relative to ``root`` with its base, else a
    ``file://`` URI.

    A path that reaches the root only through a link is named by its resolved path, as the root is.

    Examples
    --------
    >>> artifact_location("/repo/maps/a b.yaml", "/repo")
    {'uri': 'maps/a%20b.yaml', 'uriBaseId': '%SRCROOT%'}
    >>> artifact_location("/elsewhere/a.yaml", "/repo")
    {'uri': 'file:///elsewhere/a.yaml'}
    """
    uri = file_uri(os.path.abspath(path), root)
    if uri.startswith("file:"):
        resolved = file_uri(os.path.realpath(path), os.path.realpath(root))
        uri = resolved if not resolved.startswith("file:") else uri
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": SRCROOT}


def sarif_text(text: str) -> str:
    r"""A message for SARIF's ``message.text``: ``[`` and ``]`` escaped, since ``[text](id)`` is SARIF's embedded link.

    Examples
    --------
    >>> print(sarif_text("see [here](https://example.org) \\ x"))
    see \[here\](https://example.org) \\ x
    """
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


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
