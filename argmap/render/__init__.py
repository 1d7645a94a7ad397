"""Renderers: pure functions from results to text, registered by name.

``REPORTERS`` maps each ``argmap check --format`` choice to a function taking the
list of :class:`~argmap.checker.CheckResult` and returning the text to print.
Modules are imported only when their format is used, to keep start-up fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

_REPORTER_MODULES = {
    "text": "argmap.render.text",
    "json": "argmap.render.json",
    "github": "argmap.render.github",
    "sarif": "argmap.render.sarif",
    "junit": "argmap.render.junit",
}

REPORT_FORMATS = tuple(_REPORTER_MODULES)


def reporter(name: str) -> Callable[..., str]:
    """The ``report`` function of the format ``name``."""
    return importlib.import_module(_REPORTER_MODULES[name]).report
