"""Problems as JUnit XML, the test report that Jenkins, GitLab and Azure Pipelines read.

One ``testsuite`` holding one ``testcase`` per file checked. A file that fails gets
one ``failure`` element whose ``message`` counts its errors and whose text lists
them, one ``path:line:col: CODE message`` a line; warnings make a file fail (and are
counted and listed with the errors) only under ``--strict``. Otherwise a file's
warnings are listed in its ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..checker import CheckResult
from ..problems import ERROR, WARNING, Problem
from ..textsafe import defuse_lines
from . import ReportOptions
from .uri import relative_path

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # CR too: parsers fold it


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    strict = options.strict
    results = sorted(results, key=lambda result: result.path)
    failing = 0
    cases = []
    for result in results:
        path = relative_path(result.path, options.root)
        case = ET.Element("testcase", {"classname": "argmap.check", "name": _xml_safe(path),
                                       "file": _xml_safe(path)})
        problems = sorted(result.problems, key=lambda p: p.sort_key())
        errors = [p for p in problems if p.severity == ERROR]
        warnings = [p for p in problems if p.severity == WARNING]
        counted = problems if strict else errors
        if counted:
            failing += 1
            message = _plural(len(errors), "error")
            if strict:
                message += f" and {_plural(len(warnings), 'warning')}"
            failure = ET.SubElement(case, "failure", {"message": message, "type": "argmap"})
            failure.text = "\n".join(_xml_safe(_line(p, path)) for p in counted) + "\n"
        if warnings and not strict:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_xml_safe(_line(p, path)) for p in warnings) + "\n"
        cases.append(case)
    counts = {"tests": str(len(results)), "failures": str(failing), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "argmap", **{k: counts[k] for k in ("tests", "failures", "errors")}})
    suite = ET.SubElement(suites, "testsuite", {"name": "argmap check", **counts})
    suite.extend(cases)
    ET.indent(suites)
    # CI logs show the report too: no line of it may read as a workflow command
    return defuse_lines('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")


def _line(problem: Problem, path: str) -> str:
    return f"{path}:{problem.line}:{problem.column}: {problem.code} {problem.message}"
