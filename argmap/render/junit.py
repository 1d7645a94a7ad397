"""Problems as JUnit XML, the test report that Jenkins, GitLab and Azure Pipelines read.

One ``testsuite`` per map: its path is the suite's name and its ``file`` property,
and its ``time`` is how long the map took to check. One ``testcase`` per finding,
named by code, rule and position: an error (and, under ``--strict``, a warning) is a
``failure`` whose ``type`` is the code and whose text is the ``path:line:col: CODE
message`` line; a warning otherwise passes, its line in ``system-out``. A map with
nothing to report has one passing test case, and problems past the per-file limit
are one more test case that counts them. Valid against Jenkins xUnit's
``junit-10.xsd`` (``tests/data/junit-10.xsd``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..checker import CheckResult
from ..problems import ERROR, WARNING, Problem
from ..textsafe import BIDI, LEGACY_COMMAND, defuse_lines, shown
from . import ReportOptions
from .uri import relative_path

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # CR too: parsers fold it


_BIDI = re.compile(f"[{BIDI}]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    suites = ET.Element("testsuites", {"name": "argmap"})
    totals = {"tests": 0, "failures": 0}
    seconds = 0.0
    for result in sorted(results, key=lambda result: result.path):
        suite = _suite(result, relative_path(result.path, options.root), options.strict or result.strict)
        suites.append(suite)
        totals["tests"] += int(suite.get("tests", "0"))
        totals["failures"] += int(suite.get("failures", "0"))
        seconds += result.seconds
    suites.attrib.update({"tests": str(totals["tests"]), "failures": str(totals["failures"]), "errors": "0",
                          "time": _time(seconds)})
    ET.indent(suites)
    # CI logs show the report too: no line of it may read as a workflow command, and a bidi control is
    # written as a character reference (the same value to an XML reader, inert in a log).
    xml = ET.tostring(suites, encoding="unicode")
    xml = _BIDI.sub(lambda m: f"&#x{ord(m.group()):x};", xml).replace(LEGACY_COMMAND, "#&#35;[")
    return defuse_lines('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n")


def _suite(result: CheckResult, path: str, strict: bool) -> ET.Element:
    """The test suite of one map: a test case per finding, or one passing case."""
    name = _xml_safe(path)
    cases = []
    for problem in sorted(result.problems, key=lambda p: p.sort_key()):
        case = _case(name, f"{problem.code} {problem.name} ({problem.line}:{problem.column})")
        line = _xml_safe(_line(problem, path))
        if problem.severity == ERROR or (strict and problem.severity == WARNING):
            failure = ET.SubElement(case, "failure", {"message": _xml_safe(problem.message), "type": problem.code})
            failure.text = line + "\n"
        else:
            ET.SubElement(case, "system-out").text = line + "\n"
        cases.append(case)
    hidden = {severity: count for severity, count in result.omitted.items() if count}
    if hidden:
        count = sum(hidden.values())
        case = _case(name, f"{_plural(count, 'more problem')} not listed")
        if hidden.get(ERROR) or (strict and hidden.get(WARNING)):
            ET.SubElement(case, "failure", {"message": f"{_plural(count, 'problem')} past the per-file limit",
                                            "type": "argmap"})
        cases.append(case)
    if not cases:
        cases.append(_case(name, "no problems"))
    failures = sum(1 for case in cases if case.find("failure") is not None)
    suite = ET.Element("testsuite", {"name": name, "tests": str(len(cases)), "failures": str(failures),
                                     "errors": "0", "skipped": "0", "time": _time(result.seconds)})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "file", "value": name})
    suite.extend(cases)
    return suite


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": classname, "name": name, "time": "0.000"})


def _time(seconds: float) -> str:
    """Seconds as the schema's SUREFIRE_TIME wants them: digits, a point, at most three decimals."""
    return f"{max(seconds, 0.0):.3f}"


def _line(problem: Problem, path: str) -> str:
    return f"{shown(path, 400)}:{problem.line}:{problem.column}: {problem.code} {shown(problem.message, 2000)}"
