"""A large map's check shared between two processes gives exactly the one-process result.

`check_loaded(split=True)` runs the rules of :data:`argmap.checker.SECOND_PROCESS`
in a forked child; here the size threshold is lowered so that small maps take that
path, and every result is compared field by field with the serial check: problems,
their order, the counts past the per-file limit, `ignore:` entries used (AM901), and
the rules that need a sound map (AM105), which the child runs whatever the map and
the parent keeps only when the map has no errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import MAP_HEAD, REPO, write_map

sys.path.insert(0, str(REPO / "bench"))

from generate import broken_map, generate_map  # noqa: E402

from argmap import checker, forked  # noqa: E402
from argmap.checker import CheckConfig, check_file  # noqa: E402

IGNORES = MAP_HEAD + """claims:
  t: {text: The thesis}
  a: {text: Unsupported and says so, supports: t, ignore: [AM101, AM104]}
  b: {text: Silenced for nothing, ignore: [disconnected]}
counterclaims:
  c: {text: An objection, attacks: t, ignore: [unanswered-objection, unanswered-objection]}
"""

ERRORS = MAP_HEAD + """claims:
  t: {text: The thesis, supports: a}
  a: {text: Circular, supports: t}
  b: {text: Names nothing, supports: nowhere}
counterclaims:
  c: {text: Attacks the thesis, attacks: t}
"""

THESIS_FALLS = MAP_HEAD + """claims:
  t: {text: The thesis}
counterclaims:
  c: {text: Unanswered, attacks: t}
"""


def as_tuples(result):
    return [(p.line, p.column, p.code, p.severity, p.message, p.subject) for p in result.problems], result.omitted


def both_ways(path: Path, monkeypatch, config: CheckConfig | None = None):
    serial = check_file(path, config)
    monkeypatch.setattr(checker, "SPLIT_MIN_NODES", 0)
    monkeypatch.setattr(checker, "usable_cores", lambda: 2)
    forks = []
    real_start = forked.start
    monkeypatch.setattr(forked, "start", lambda function, fork=True: forks.append(1) or real_start(function, fork))
    split = check_file(path, config, split=True)
    assert forks, "the split check did not start a second process"
    return serial, split


@pytest.mark.parametrize("source", [IGNORES, ERRORS, THESIS_FALLS], ids=["ignores", "errors", "thesis-falls"])
def test_split_check_equals_the_serial_check(tmp_path, monkeypatch, source):
    path = write_map(tmp_path, source)
    serial, split = both_ways(path, monkeypatch)
    assert serial.problems, "the map should have problems to compare"
    assert as_tuples(split) == as_tuples(serial)


def test_split_check_of_the_flagship_and_a_generated_map(tmp_path, monkeypatch):
    generated = tmp_path / "generated.yaml"
    generated.write_text(generate_map(1500), encoding="utf-8")
    for path in (REPO / "arguments" / "beijing-parade.yaml", generated):
        serial, split = both_ways(path, monkeypatch)
        assert as_tuples(split) == as_tuples(serial), path.name


def test_split_check_keeps_the_counts_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "broken.yaml"
    path.write_text(broken_map(3000), encoding="utf-8")
    monkeypatch.setattr(checker, "MAX_PROBLEMS", 50)
    serial, split = both_ways(path, monkeypatch)
    assert sum(serial.omitted.values()) > 0
    assert as_tuples(split) == as_tuples(serial)


def test_split_check_drops_the_sound_map_rules_when_there_are_errors(tmp_path, monkeypatch):
    path = write_map(tmp_path, ERRORS)
    _, split = both_ways(path, monkeypatch, CheckConfig(select={"AM004", "AM105"}))
    assert {p.code for p in split.problems} == {"AM004"}
    path = write_map(tmp_path, THESIS_FALLS)
    _, split = both_ways(path, monkeypatch, CheckConfig(select={"AM105"}))
    assert [p.code for p in split.problems] == ["AM105"]


def test_small_maps_and_one_core_stay_in_one_process(tmp_path, monkeypatch):
    path = write_map(tmp_path, THESIS_FALLS)
    started = []
    monkeypatch.setattr(forked, "start", lambda function, fork=True: started.append(1))
    check_file(path, split=True)  # far below SPLIT_MIN_NODES
    monkeypatch.setattr(checker, "SPLIT_MIN_NODES", 0)
    monkeypatch.setattr(checker, "usable_cores", lambda: 1)
    check_file(path, split=True)
    assert started == []


def test_jobs_one_turns_the_split_off(tmp_path, monkeypatch):
    from argmap import runner

    path = write_map(tmp_path, THESIS_FALLS)
    seen = []
    monkeypatch.setattr(runner, "check_file", lambda path, config, split=False: seen.append(split))
    runner.check_files([path], lambda _: CheckConfig(), jobs=1)
    runner.check_files([path], lambda _: CheckConfig(), jobs=None)
    assert seen == [False, True]


# -- argmap.forked ---------------------------------------------------------------------------


def test_the_result_comes_from_a_child_process():
    parent = os.getpid()
    pending = forked.start(lambda: {"pid": os.getpid(), "data": list(range(100_000))})
    value = pending.result()
    assert value["data"] == list(range(100_000))  # larger than a pipe's buffer
    if forked.can_fork():
        assert value["pid"] != parent
    assert pending.result() is value  # collected once


def test_a_failing_child_is_replaced_by_computing_here():
    parent = os.getpid()

    def only_here():
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "computed here"

    assert forked.start(only_here).result() == "computed here"


def test_without_fork_the_function_runs_here(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    parent = os.getpid()
    assert forked.start(os.getpid).result() == parent

    def refuse():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", refuse)
    assert forked.start(os.getpid).result() == parent


def test_cancel_stops_a_child_that_still_runs():
    import time

    pending = forked.start(lambda: time.sleep(60))
    child = pending._pid
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 10
    if forked.can_fork():
        assert child
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)  # reaped: no child left behind


def test_the_docs_name_the_rules_and_the_size_the_split_uses():
    for doc in ("architecture.md", "performance.md"):
        text = " ".join((REPO / "docs" / doc).read_text(encoding="utf-8").split())
        assert f"{checker.SPLIT_MIN_NODES:,} graph nodes" in text, doc
        paragraph = text[text.index(f"{checker.SPLIT_MIN_NODES:,} graph nodes"):][:700]
        named = {code for code in checker.RULES if code in paragraph}
        assert named == set(checker.SECOND_PROCESS), (doc, named)


def test_a_split_check_can_bring_the_evaluation_back(tmp_path, monkeypatch):
    """`evaluate`, `tree`, `render` and `export` use the labels the child computed for AM105."""
    path = tmp_path / "generated.yaml"
    path.write_text(generate_map(1500), encoding="utf-8")
    serial = check_file(path).context.evaluation
    monkeypatch.setattr(checker, "SPLIT_MIN_NODES", 0)
    monkeypatch.setattr(checker, "usable_cores", lambda: 2)
    context = check_file(path, split=True, keep_evaluation=True).context
    if forked.can_fork():
        assert "evaluation" in context.__dict__, "the child's evaluation was not adopted"
    adopted = context.evaluation
    assert adopted.labels == serial.labels and adopted.inferences == serial.inferences
    assert adopted.rank == serial.rank and adopted.index is context.index
    assert "evaluation" not in check_file(path, split=True).context.__dict__  # only when asked for
