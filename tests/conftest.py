"""Shared helpers for the foundation's tests.

The rule tests follow yamllint's pattern: a map is written inline as a small YAML
string, checked through :func:`argmap.checker.check_file`, and the problems are
compared as ``(code, line, column)`` triples::

    def test_unknown_reference(check):
        check('''
            argmap: 1
            ...
            ''', select="AM004", problem1=("AM004", 6, 26))
"""

from __future__ import annotations

import os
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from argmap.checker import CheckConfig, CheckResult, check_file

REPO = Path(__file__).resolve().parents[1]
"""The project's root folder."""

FOUNDATION_CODES = (
    "AM001", "AM002", "AM003", "AM004", "AM005", "AM006", "AM007", "AM008",
    "AM101", "AM102", "AM103", "AM104", "AM106", "AM107", "AM108",
)
"""The rules of the foundation issue; later rules are left out so they cannot disturb these tests."""

@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    """Tests see plain text output wherever they run: not GitHub's format, not colour."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)


settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(ci: int) -> int:
    """How many examples a property test tries: ``ci`` under ``HYPOTHESIS_PROFILE=ci`` (what `.ci/run`
    selects), a tenth of it (at least 10) by default, so that `make test` on a laptop stays short."""
    return ci if HYPOTHESIS_PROFILE == "ci" else max(10, ci // 10)


MAP_HEAD = "argmap: 1\ntitle: T\nthesis: t\n"
"""The first three lines of most test maps: the thesis is always `t`, defined on line 5."""


def codes(select: str | tuple[str, ...] | None) -> set[str]:
    if select is None:
        return set(FOUNDATION_CODES)
    if isinstance(select, str):
        select = select.split(",")
    return {code.strip() for code in select}


def write_map(folder: Path, source: str | bytes, name: str = "map.yaml") -> Path:
    """Write ``source`` (dedented when it is text) to ``folder/name``."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


def triples(result: CheckResult) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in result.problems]


def assert_problems(result: CheckResult, expected: dict[str, tuple[str, int, int]]) -> None:
    """The problems of ``result`` are exactly ``expected``'s values, in position order."""
    want = sorted(expected.values(), key=lambda t: (t[1], t[2], t[0]))
    got = triples(result)
    listing = "\n".join(str(p) for p in result.problems) or "(no problems)"
    assert got == want, f"problems differ\n got: {got}\nwant: {want}\n{listing}"


@pytest.fixture
def check(tmp_path):
    """``check(source, select=None, files=None, name="map.yaml", **expected) -> CheckResult``.

    ``source`` is YAML text (dedented) or raw bytes; ``files`` maps names to the
    text of extra files written beside the map (for ``source.text_file``);
    ``select`` is a code or comma-separated codes (default: every foundation rule);
    each keyword argument ``problemN=(code, line, column)`` is one expected problem.
    """

    def run(source: str | bytes, *, select=None, files: dict[str, str | bytes] | None = None,
            name: str = "map.yaml", **expected) -> CheckResult:
        for file_name, text in (files or {}).items():
            write_map(tmp_path, text, file_name)
        path = write_map(tmp_path, source, name)
        selected = codes(select)
        result = check_file(path, CheckConfig(select=selected))
        # Structural rules (AM001-AM008) run whatever `select` says: look only at the selected ones.
        result.problems = [p for p in result.problems if p.code in selected]
        assert_problems(result, expected)
        return result

    return run


def message(result: CheckResult, code: str) -> str:
    """The message of the only problem with ``code``."""
    found = [p.message for p in result.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got {found}"
    return found[0]


def call_with_timeout(func, timeout: float, unblock=None):
    """Run ``func()`` in a thread; fail (after calling ``unblock``) if it does not return in time."""
    outcome: dict[str, object] = {}

    def target():
        try:
            outcome["value"] = func()
        except BaseException as exc:  # pragma: no cover - reported below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        if unblock:
            unblock()
        pytest.fail(f"{getattr(func, '__name__', 'call')} did not return within {timeout} s (it hangs)")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def unblock_fifo(path: Path):
    """A function that opens ``path`` for writing and closes it, so a blocked reader sees end of file."""

    def unblock():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass

    return unblock


@pytest.fixture
def runner():
    return CliRunner()


def assert_no_traceback(result) -> None:
    """A CLI result that ended by exiting, without a Python exception or traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"the command raised {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output, result.output
