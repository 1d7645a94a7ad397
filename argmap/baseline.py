"""A baseline: the findings a repository already had, so that a check fails only on new ones.

``argmap check --write-baseline FILE`` records every finding by the key of
:mod:`argmap.fingerprint` (rule, file, statement, message without positions,
occurrence), not by line; ``--baseline FILE`` leaves out the findings it records. The
file is JSON, sorted, the same from run to run.

Nothing here prints: a file that cannot be used raises :class:`BaselineError`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from .checker import CheckResult
from .fingerprint import FindingKey, finding_keys, in_report_order
from .textsafe import json_text, shown

FORMAT = 1
FIELDS = ("rule", "file", "statement", "message", "occurrence")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message is one line."""


def baseline_text(results: Sequence[CheckResult], root: str | None) -> str:
    """The baseline of ``results``: JSON, entries sorted, paths relative to ``root``."""
    problems = in_report_order(p for result in results for p in result.problems)
    entries = sorted((asdict(key) | {"fingerprint": key.digest()} for key in finding_keys(problems, root)),
                     key=lambda entry: tuple(str(entry[name]) for name in ("file", "rule", "statement", "message"))
                     + (entry["occurrence"],))
    return json_text({"argmap-baseline": FORMAT, "findings": entries}) + "\n"


def read_baseline(path: Path) -> set[FindingKey]:
    """The finding keys a baseline file records."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise BaselineError(f"{shown(str(path), 4096)}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{shown(str(path), 4096)}: not a baseline (invalid JSON: {shown(str(exc), 120)})") from None
    if not isinstance(data, dict) or data.get("argmap-baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{shown(str(path), 4096)}: not an argmap baseline (write one with --write-baseline)")
    keys = set()
    for number, entry in enumerate(data["findings"], 1):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(name), str) for name in FIELDS[:4])
                and isinstance(entry.get("occurrence"), int)):
            raise BaselineError(f"{shown(str(path), 4096)}: finding {number} lacks one of {', '.join(FIELDS)}")
        keys.add(FindingKey(*(entry[name] for name in FIELDS)))
    return keys


def without_baselined(results: Sequence[CheckResult], known: set[FindingKey], root: str | None
                      ) -> tuple[list[CheckResult], int]:
    """``results`` without the findings in ``known``, and how many were left out."""
    kept_results, left_out = [], 0
    for result in results:
        problems = in_report_order(result.problems)
        keys = finding_keys(problems, root)
        kept = [problem for problem, key in zip(problems, keys, strict=True) if key not in known]
        left_out += len(problems) - len(kept)
        kept_results.append(replace(result, problems=kept) if len(kept) != len(problems) else result)
    return kept_results, left_out
