"""Small inputs with large costs (issue 12, items 5, 6 and 8): every budget counts everything.

- Aliases: every node read through an alias counts against ``MAX_ALIAS_EXPANSION``
  (a scalar once, a list or mapping by its entries each time it is read), so an aliased ``ignore:`` list or a long scalar
  aliased by every statement ends at load with AM001 instead of minutes and gigabytes.
- Cruxes: the crux search counts every relation it reads, not only the nodes it
  relabels, and stops in the middle of a trial; the output then says it is incomplete.
- ``--explain``: linear in the fan-in of the statement explained.

The maps are generated here, from the reproductions in the issue. Wall bounds are
generous (ten times what the fixed code takes on a loaded machine) and marked as such;
memory is counted as the peak resident size of a child process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import MAX_ALIAS_EXPANSION, load_bytes

RUNNER = CliRunner()

GENEROUS_SECONDS = 20.0
"""A generous bound on processor time (not wall time, so that tests running in parallel do not fail it): the
fixed code takes under 3 s for each case below, the code before the fix took minutes."""


def aliased_ignore_list(statements: int) -> str:
    """One anchored ``ignore:`` list of ``statements`` codes, used by every statement (issue 12, item 5)."""
    codes = ", ".join(["AM101"] * statements)
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:", f"  s0: {{text: t, ignore: &i [{codes}]}}"]
    lines += [f"  s{k}: {{text: t, ignore: *i}}" for k in range(1, statements)]
    return "\n".join(lines) + "\n"


def aliased_long_scalar(statements: int, chars: int = 9_999) -> str:
    """One anchored text of ``chars`` characters, the text of every statement (issue 12, item 5)."""
    text = ("word " * (chars // 5 + 1))[:chars].strip()
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:", f"  s0: {{text: &x {text}}}"]
    lines += [f"  s{k}: {{text: *x, supports: s0}}" for k in range(1, statements)]
    return "\n".join(lines) + "\n"


def undercut_linked_argument(premises: int) -> str:
    """A linked argument of ``premises`` premises, each supported by one evidence ``x`` and the
    argument undercut by an accepted ``u``: rejecting ``x`` makes every premise suspect, and each
    one sends the argument back to be checked against all its premises (issue 12, item 6)."""
    ids = ", ".join(f"p{i}" for i in range(premises))
    lines = ["argmap: 1", "title: T", "thesis: t", "claims:", "  t: {text: T}"]
    lines += [f"  p{i}: {{text: P}}" for i in range(premises)]
    lines += ["  c: {text: C, supports: t}", "evidence:", "  e: {text: E, supports: t}",
              f"  x: {{text: X, supports: [{ids}]}}", "  u: {text: U, undercuts: A}",
              "arguments:", f"  A: {{premises: [{ids}], conclusion: c}}"]
    return "\n".join(lines) + "\n"


def fan_in(supporters: int) -> str:
    lines = ["argmap: 1", "title: T", "thesis: t", "claims:", "  t: {text: T}", "evidence:"]
    lines += [f"  e{k}: {{text: E, supports: t}}" for k in range(supporters)]
    return "\n".join(lines) + "\n"


_LOAD_IN_A_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # today's code would take gigabytes
    from argmap.loader import load_map
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    loaded = load_map(sys.argv[1])
    print(json.dumps({
        "seconds": time.process_time() - start,
        "grew_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before,
        "loaded": loaded.model is not None,
        "issues": [[i.code, i.pos.line, i.pos.column, i.message] for i in loaded.issues[:5]],
    }))
""")


def load_in_a_child(path: Path) -> dict:
    """Load ``path`` in a fresh process; what it found, its time and how much its peak memory grew."""
    run = subprocess.run([sys.executable, "-c", _LOAD_IN_A_CHILD, str(path)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_an_aliased_ignore_list_stops_at_the_alias_budget(tmp_path):
    """Today: 2,000 statements read the 2,000 codes each, four million ignores, gigabytes (5,000 took 54 s)."""
    path = tmp_path / "ignore.yaml"
    path.write_text(aliased_ignore_list(2_000))
    found = load_in_a_child(path)
    assert not found["loaded"], found
    message = f"Aliases repeat more than {MAX_ALIAS_EXPANSION:,} nodes (anchored here)"
    assert found["issues"] == [["AM001", 5, 25, message]], found
    assert found["grew_kib"] < 50 * 1024, f"the peak memory grew by {found['grew_kib']:,} KiB loading it"
    assert found["seconds"] < GENEROUS_SECONDS, found  # generous: the fixed code takes a fraction of a second

    result = RUNNER.invoke(app, ["check", "--no-config", str(path)])
    assert result.exit_code == 1, result.output
    assert "5:25: AM001 error Aliases repeat more than 10,000 nodes (anchored here)" in result.output


def test_a_long_scalar_aliased_by_every_statement_stops_at_the_alias_budget(tmp_path):
    """Today: 100,000 statements each read the 9,999-character text (3.4 MB of file), 20 s and more."""
    path = tmp_path / "scalar.yaml"
    path.write_text(aliased_long_scalar(100_000))
    start = time.process_time()
    result = RUNNER.invoke(app, ["check", "--no-config", "--format", "json", str(path)])
    seconds = time.process_time() - start
    assert result.exit_code == 1, result.output[-2000:]
    problems = json.loads(result.stdout)  # `check --format json` is a list of problems
    assert "Aliases repeat more than 10,000 nodes (anchored here)" in result.output, result.output[-2000:]
    assert [p["code"] for p in problems] == ["AM001"], problems
    assert seconds < GENEROUS_SECONDS, f"{seconds:.1f} s"  # generous: about a second once fixed


def test_aliases_within_the_budget_share_one_string(tmp_path):
    """Under the budget the map loads, and every statement holds the anchored text itself, not a copy."""
    loaded = load_bytes(aliased_long_scalar(MAX_ALIAS_EXPANSION).encode(), "m.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues[:3]
    texts = [statement.text for statement in loaded.model.statements.values()]
    assert len(texts) == MAX_ALIAS_EXPANSION and len(texts[0]) > 9_000
    assert all(text is texts[0] for text in texts)


def test_one_alias_too_many_is_refused_where_it_is_anchored():
    at_limit = load_bytes(aliased_long_scalar(MAX_ALIAS_EXPANSION + 1, chars=10).encode(), "m.yaml")
    assert at_limit.model is not None
    over = load_bytes(aliased_long_scalar(MAX_ALIAS_EXPANSION + 2, chars=10).encode(), "m.yaml")
    assert over.model is None
    assert [(i.code, i.pos.line, i.pos.column) for i in over.issues] == [("AM001", 5, 14)]


def test_the_crux_search_counts_every_check_and_says_it_is_incomplete(tmp_path):
    """Today: the checks of whether the argument still holds go uncounted (premises squared per
    trial), and the search ran to the end and called itself complete (an 8 MB map: 408 s)."""
    path = tmp_path / "undercuts.yaml"
    path.write_text(undercut_linked_argument(3_000))
    start = time.process_time()
    result = RUNNER.invoke(app, ["evaluate", "--cruxes", "--format", "json", str(path)])
    seconds = time.process_time() - start
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.output)
    assert data["cruxes_complete"] is False, {k: v for k, v in data.items() if k.startswith("cruxes")}
    assert 0 < data["cruxes_tried"] < data["cruxes_candidates"] == 3_003
    assert {"ids": ["e"], "thesis_label": "rejected"} in data["cruxes"]  # nearest the thesis: tried first
    assert seconds < GENEROUS_SECONDS, f"{seconds:.1f} s"  # generous: about 2 s once fixed

    text = RUNNER.invoke(app, ["evaluate", "--cruxes", str(path)])
    assert text.exit_code == 0, text.output[-2000:]
    assert "The search stopped after trying" in text.output, text.output[-2000:]


def test_a_crux_trial_stops_in_the_middle_when_the_budget_runs_out():
    """One trial alone can be the whole cost: rejecting `x` checks the argument once per premise."""
    from argmap.context import MapContext
    from argmap.evaluate import crux_search

    context = MapContext(load_bytes(undercut_linked_argument(1_000).encode(), "m.yaml").model)
    full = crux_search(context.thesis, context.evaluation)
    assert full.complete
    part = crux_search(context.thesis, context.evaluation, budget=50_000)
    assert not part.complete and part.tried < part.candidates == full.candidates


def test_explain_is_linear_in_fan_in():
    """Today: a test on a list per supporter, 40,000 supporters 6.3 s and 100,000 about a minute."""
    from argmap.context import MapContext
    from argmap.explain import explain

    supporters = 100_000
    context = MapContext(load_bytes(fan_in(supporters).encode(), "m.yaml").model)
    start = time.process_time()
    steps = explain(context.evaluation, "t")
    seconds = time.process_time() - start
    first = steps[0]
    assert first.reason.startswith("it is supported by `e0`, `e1`, `e2`,"), first.reason[:200]
    assert first.next[:3] == ("e0", "e1", "e2") and len(first.next) == supporters
    assert seconds < GENEROUS_SECONDS, f"{seconds:.1f} s"  # generous: about 3 s once fixed, on a loaded machine
